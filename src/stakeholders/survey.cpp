// Survey import: relationship ratings from a CSV export into the document.
#include "partnerkit/stakeholders/survey.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "io/detail.hpp"
#include "partnerkit/io/csv.hpp"

namespace partnerkit::stakeholders {
namespace {

using Aliases = std::vector<std::pair<std::string, std::vector<std::string>>>;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string trim(std::string_view s) {
  auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

// Lower case, every run of characters other than letters and digits as one "_" (bytes of
// non-ASCII characters count as letters), no "_" at either end.
std::string normalize_header(std::string_view s) {
  std::string out;
  bool gap = false;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (!word) {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += '_';
    gap = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  }
  return out;
}

// Lower case, spaces collapsed, for answer labels.
std::string normalize_label(std::string_view s) {
  std::string out;
  for (char c : lower(trim(s))) {
    if (c == ' ' || c == '\t' || c == '-' || c == '_') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string shown(std::string_view value) { return detail::describe_value(Json(std::string(value))); }

std::optional<long> parse_integer(std::string_view s) {
  long v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<double> parse_number(std::string_view s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty() || !std::isfinite(v)) return std::nullopt;
  return v;
}

struct Row {
  std::size_t row = 0;
  std::string source, target;
  std::optional<std::string> kind;
  std::optional<Date> observed;
  std::optional<double> weight;                      // frequency column
  bool never = false;                                // frequency says no contact
  std::optional<int> level;
  std::optional<int> items[6];                       // reliability, mission, openness, power, resources, involvement
};

const char* const item_fields[6] = {"trust_reliability", "trust_mission", "trust_openness",
                                    "value_power",       "value_resources", "value_involvement"};

std::string key_of(const std::string& source, const std::string& target, const std::optional<std::string>& kind,
                   const std::optional<Date>& observed) {
  std::string k = source;
  k += '\0';
  k += target;
  k += '\0';
  k += kind ? "k" + *kind : std::string("-");
  k += '\0';
  k += observed ? format_date(*observed) : std::string("-");
  return k;
}

}  // namespace

const Aliases& survey_header_aliases() {
  static const Aliases aliases = {
      {"respondent", {"respondent", "respondent_organization", "respondent_org", "respondent_id", "organization",
                      "org", "from", "source", "rater"}},
      {"partner", {"partner", "partner_organization", "partner_org", "partner_id", "target", "to", "rated",
                   "rated_organization"}},
      {"kind", {"kind", "relationship", "relationship_kind", "relationship_type", "tie_kind", "type"}},
      {"observed", {"observed", "date", "survey_date", "response_date", "rated_on"}},
      {"frequency", {"frequency", "contact_frequency", "frequency_of_contact", "how_often", "weight"}},
      {"level", {"level", "collaboration_level", "level_of_collaboration", "loc"}},
      {"trust_reliability", {"trust_reliability", "reliability", "reliable", "trust_reliable"}},
      {"trust_mission", {"trust_mission", "mission", "support_of_mission", "mission_support",
                         "trust_support_of_mission", "trust_in_support_of_mission"}},
      {"trust_openness", {"trust_openness", "openness", "open_to_discussion", "openness_to_discussion",
                          "trust_open_to_discussion", "trust_openness_to_discussion"}},
      {"value_power", {"value_power", "power", "influence", "power_influence", "power_and_influence",
                       "value_power_influence", "value_power_and_influence"}},
      {"value_resources", {"value_resources", "resources", "resource_contribution", "value_resource_contribution"}},
      {"value_involvement", {"value_involvement", "involvement", "level_of_involvement", "value_level_of_involvement"}},
  };
  return aliases;
}

SurveyResult import_survey(Partnership& p, std::string_view csv_text, std::string_view source_view,
                           const SurveyOptions& options) {
  const std::string source(source_view);
  csv::Table table = csv::parse_table(csv_text, source);
  std::vector<Issue> issues;
  SurveyResult result;

  // ---- header ----
  std::unordered_map<std::string, std::string> field_of_alias;
  for (const auto& [field, names] : survey_header_aliases())
    for (const auto& name : names) field_of_alias.emplace(name, field);
  std::map<std::string, std::size_t> column_of;  // field -> column index
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    auto it = field_of_alias.find(normalize_header(table.header[c]));
    if (it == field_of_alias.end()) {
      result.ignored_columns.push_back(table.header[c]);
      continue;
    }
    auto [at, fresh] = column_of.emplace(it->second, c);
    if (!fresh) {
      issues.push_back({source, csv::cell_location(1, table.header[c]),
                        "gives " + it->second + " like column \"" + table.header[at->second] + "\"; keep one of them"});
      continue;
    }
    result.columns.push_back({it->second, table.header[c]});
  }
  for (const char* required : {"respondent", "partner"}) {
    if (!column_of.count(required)) {
      std::string accepted;
      for (const auto& [field, names] : survey_header_aliases())
        if (field == required)
          for (const auto& n : names) accepted += (accepted.empty() ? "" : ", ") + n;
      issues.push_back({source, "row 1", std::string("expected a column for the ") + required + " (one of: " + accepted + ")"});
    }
  }
  if (!issues.empty()) throw ValidationError(std::move(issues));

  // ---- organizations by id, then by name, then by id ignoring case ----
  std::unordered_map<std::string, std::vector<std::string>> by_name, by_lower_id;
  std::unordered_set<std::string> ids;
  for (const auto& o : p.organizations) {
    ids.insert(o.id);
    by_name[lower(trim(o.name))].push_back(o.id);
    by_lower_id[lower(o.id)].push_back(o.id);
  }
  auto organization = [&](std::size_t row, const std::string& header, const std::string& raw) -> std::optional<std::string> {
    std::string v = trim(raw);
    std::string where = csv::cell_location(row, header);
    if (v.empty()) {
      issues.push_back({source, where, "expected an organization id or name, got an empty cell"});
      return std::nullopt;
    }
    if (ids.count(v)) return v;
    for (auto* index : {&by_name, &by_lower_id}) {
      auto it = index->find(lower(v));
      if (it == index->end()) continue;
      if (it->second.size() == 1) return it->second.front();
      issues.push_back({source, where, "the name " + shown(v) + " fits more than one organization (" +
                                           it->second[0] + ", " + it->second[1] + "); use the id"});
      return std::nullopt;
    }
    issues.push_back({source, where, "expected an organization id or name from the document, got " + shown(v)});
    return std::nullopt;
  };

  // ---- rows ----
  std::vector<Row> rows;
  std::unordered_map<std::string, std::size_t> first_row_of_key;
  for (const auto& rec : table.rows) {
    bool all_empty = true;
    for (const auto& f : rec.fields)
      if (!trim(f).empty()) all_empty = false;
    if (all_empty) continue;
    ++result.rows;
    const std::size_t issues_before = issues.size();
    Row r;
    r.row = rec.row;
    auto cell = [&](const char* field) -> const std::string* {
      auto it = column_of.find(field);
      return it == column_of.end() ? nullptr : &rec.fields[it->second];
    };
    auto header = [&](const char* field) -> const std::string& { return table.header[column_of.at(field)]; };
    auto bad = [&](const char* field, const std::string& message) {
      issues.push_back({source, csv::cell_location(rec.row, header(field)), message});
    };

    auto src = organization(rec.row, header("respondent"), *cell("respondent"));
    auto dst = organization(rec.row, header("partner"), *cell("partner"));
    if (src && dst && *src == *dst) bad("partner", "an organization cannot rate itself (" + shown(*src) + ")");
    if (src) r.source = *src;
    if (dst) r.target = *dst;

    r.kind = options.kind;
    if (const std::string* v = cell("kind"); v && !trim(*v).empty()) r.kind = trim(*v);
    r.observed = options.observed;
    if (const std::string* v = cell("observed"); v && !trim(*v).empty()) {
      std::string t = trim(*v);
      std::optional<Date> d;
      if (t.size() == 10 || (t.size() > 10 && (t[10] == 'T' || t[10] == ' '))) d = parse_date(t.substr(0, 10));
      if (d) r.observed = d;
      else bad("observed", "expected a day that exists, YYYY-MM-DD, got " + shown(t));
    }
    if (const std::string* v = cell("frequency"); v && !trim(*v).empty()) {
      static const std::map<std::string, double> labels = {
          {"never", 0},     {"once a year or less", 1}, {"yearly", 1},    {"annually", 1},
          {"about once a quarter", 2}, {"once a quarter", 2}, {"quarterly", 2}, {"about once a month", 3},
          {"once a month", 3}, {"monthly", 3}, {"every week", 4}, {"once a week", 4}, {"weekly", 4},
          {"every day", 5}, {"daily", 5}};
      std::string t = trim(*v);
      std::optional<double> w = parse_number(t);
      if (!w || *w < 0) {
        auto it = labels.find(normalize_label(t));
        if (it != labels.end()) w = it->second;
        else w.reset();
      }
      if (!w) {
        bad("frequency", "expected a number 0 or more or a frequency (never, yearly, quarterly, monthly, weekly, daily), got " + shown(t));
      } else if (*w == 0) {
        r.never = true;
      } else {
        r.weight = *w;
      }
    }
    if (const std::string* v = cell("level"); v && !trim(*v).empty()) {
      static const std::map<std::string, int> labels = {{"none", 0},         {"networking", 1}, {"cooperation", 2},
                                                        {"coordination", 3}, {"coalition", 4},  {"collaboration", 5}};
      std::string t = trim(*v);
      std::optional<long> l = parse_integer(t);
      if (!l) {
        if (auto it = labels.find(normalize_label(t)); it != labels.end()) l = it->second;
      }
      if (!l || *l < 0 || *l > 5)
        bad("level", "expected a level 0–5 or its name (none, networking, cooperation, coordination, coalition, collaboration), got " + shown(t));
      else r.level = static_cast<int>(*l);
    }
    for (int k = 0; k < 6; ++k) {
      const std::string* v = cell(item_fields[k]);
      if (!v || trim(*v).empty()) continue;
      static const std::map<std::string, int> labels = {
          {"not at all", 1}, {"a small amount", 2}, {"a fair amount", 3}, {"a great deal", 4}};
      std::string t = trim(*v);
      std::optional<long> x = parse_integer(t);
      if (!x) {
        if (auto it = labels.find(normalize_label(t)); it != labels.end()) x = it->second;
      }
      if (!x || *x < 1 || *x > 4) bad(item_fields[k], "expected an integer 1–4, got " + shown(t));
      else r.items[k] = static_cast<int>(*x);
    }
    if (issues.size() != issues_before) {
      // Within a row, report the cells in the file's column order.
      auto column_rank = [&](const Issue& i) {
        for (std::size_t c = 0; c < table.header.size(); ++c)
          if (i.pointer == csv::cell_location(rec.row, table.header[c])) return c;
        return table.header.size();
      };
      std::stable_sort(issues.begin() + static_cast<std::ptrdiff_t>(issues_before), issues.end(),
                       [&](const Issue& a, const Issue& b) { return column_rank(a) < column_rank(b); });
      continue;
    }
    auto [it, fresh] = first_row_of_key.emplace(key_of(r.source, r.target, r.kind, r.observed), rec.row);
    if (!fresh) {
      issues.push_back({source, "row " + std::to_string(rec.row),
                        "the same respondent, partner, kind and date as row " + std::to_string(it->second)});
      continue;
    }
    rows.push_back(std::move(r));
  }
  if (!issues.empty()) throw ValidationError(std::move(issues));

  // ---- apply (on a copy, so a failure leaves the document as it was) ----
  std::vector<Relationship> ties = p.relationships;
  std::unordered_map<std::string, std::size_t> existing;
  for (std::size_t i = 0; i < ties.size(); ++i)
    existing.emplace(key_of(ties[i].source, ties[i].target, ties[i].kind, ties[i].observed), i);
  auto has = [&](const char* field) { return column_of.count(field) > 0; };
  for (const Row& r : rows) {
    if (r.never) {
      ++result.skipped;
      continue;
    }
    Relationship* t;
    auto it = existing.find(key_of(r.source, r.target, r.kind, r.observed));
    if (it != existing.end()) {
      t = &ties[it->second];
      ++result.updated;
    } else {
      Relationship fresh;
      fresh.source = r.source;
      fresh.target = r.target;
      fresh.kind = r.kind;
      fresh.observed = r.observed;
      fresh.directed = true;
      ties.push_back(std::move(fresh));
      t = &ties.back();
      existing.emplace(key_of(r.source, r.target, r.kind, r.observed), ties.size() - 1);
      ++result.created;
    }
    if (has("frequency")) t->weight = r.weight.value_or(1.0);
    if (has("level")) t->level = r.level;
    bool any_trust = has("trust_reliability") || has("trust_mission") || has("trust_openness");
    bool any_value = has("value_power") || has("value_resources") || has("value_involvement");
    if (any_trust) {
      TrustScores s = t->trust.value_or(TrustScores{});
      if (has("trust_reliability")) s.reliability = r.items[0];
      if (has("trust_mission")) s.mission = r.items[1];
      if (has("trust_openness")) s.openness = r.items[2];
      if (s.reliability || s.mission || s.openness || !s.extra.empty()) t->trust = std::move(s);
      else t->trust.reset();
    }
    if (any_value) {
      ValueScores s = t->value.value_or(ValueScores{});
      if (has("value_power")) s.power = r.items[3];
      if (has("value_resources")) s.resources = r.items[4];
      if (has("value_involvement")) s.involvement = r.items[5];
      if (s.power || s.resources || s.involvement || !s.extra.empty()) t->value = std::move(s);
      else t->value.reset();
    }
  }
  p.relationships = std::move(ties);
  return result;
}

SurveyResult import_survey_file(Partnership& p, const std::filesystem::path& path, const SurveyOptions& options) {
  return import_survey(p, detail::read_file(path), path.string(), options);
}

nlohmann::ordered_json to_json(const SurveyResult& r) {
  nlohmann::ordered_json columns = nlohmann::ordered_json::object();
  for (const auto& c : r.columns) columns[c.field] = c.header;
  return {{"rows", r.rows},       {"created", r.created}, {"updated", r.updated}, {"skipped", r.skipped},
          {"columns", columns}, {"ignored_columns", r.ignored_columns}};
}

}  // namespace partnerkit::stakeholders
