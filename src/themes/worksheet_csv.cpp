// Worksheet quadrants and the CSV import of worksheet entries (see worksheet_csv.hpp).
#include "partnerkit/themes/worksheet_csv.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "io/detail.hpp"
#include "partnerkit/core/error.hpp"
#include "partnerkit/io/csv.hpp"

namespace partnerkit::themes {
namespace {

// Lower-case ASCII letters and digits; apostrophes (' and U+2019) dropped ("what's" → "whats");
// every other byte run becomes one space; trimmed. Non-ASCII letters are kept as they are.
std::string key(std::string_view s) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\'') continue;
    if (s.substr(i, 3) == "\xE2\x80\x99") {
      i += 2;
      continue;
    }
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c >= 0x80;
    if (!word) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

struct Candidate {
  std::string shown;                // what the message suggests: "voca" (Name)
  std::vector<std::string> names;  // lower-cased id, name or title
};

// "; did you mean X?" for the closest candidate, or "".
std::string did_you_mean(std::string_view given, const std::vector<Candidate>& candidates) {
  std::string g = lower(trim(given));
  if (g.empty() || g.size() > 200) return {};
  const Candidate* best = nullptr;
  std::size_t best_distance = 0;
  for (const auto& c : candidates)
    for (const auto& name : c.names) {
      if (name.size() > 200) continue;
      std::size_t d = partnerkit::detail::edit_distance(g, name);
      if (d <= std::max<std::size_t>(2, name.size() / 3) && (!best || d < best_distance)) {
        best = &c;
        best_distance = d;
      }
    }
  if (!best) {  // a part of exactly one name ("victim comp" in "... Victim Compensation Program")
    for (const auto& c : candidates)
      for (const auto& name : c.names)
        if (g.size() >= 3 && name.find(g) != std::string::npos) {
          if (best && best != &c) return {};
          best = &c;
        }
  }
  return best ? "; did you mean " + best->shown + "?" : std::string();
}

std::string quote_text(std::string_view s) {
  constexpr std::size_t most = 80;
  std::string out = "\"";
  if (s.size() > most) {
    std::size_t cut = most;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // whole characters
    out.append(s.substr(0, cut)).append("...");
  } else {
    out.append(s);
  }
  return out + "\"";
}

// The entries of a cell: one per line, trimmed, bullets dropped, empty lines skipped.
std::vector<std::string> split_entries(std::string_view cell) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= cell.size()) {
    std::size_t end = cell.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = cell.size();
    std::string_view line = trim(cell.substr(start, end - start));
    for (std::string_view bullet : {"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xAA"})  // • · ▪
      if (line.substr(0, bullet.size()) == bullet) line = trim(line.substr(bullet.size()));
    for (std::string_view dash : {"- ", "* ", "\xE2\x80\x93 ", "\xE2\x80\x94 "})  // - * – —
      if (line.substr(0, dash.size()) == dash) line = trim(line.substr(dash.size()));
    if (!line.empty()) out.emplace_back(line);
    start = end + 1;
  }
  return out;
}

enum class Column { organization, quadrant, entry, meeting };

std::optional<Column> column_named(std::string_view heading) {
  static const std::map<std::string, Column, std::less<>> names{
      {"organization", Column::organization}, {"organisation", Column::organization},
      {"org", Column::organization},          {"agency", Column::organization},
      {"organization id", Column::organization}, {"organization name", Column::organization},
      {"organisation name", Column::organization}, {"agency name", Column::organization},
      {"quadrant", Column::quadrant},         {"section", Column::quadrant},
      {"entry", Column::entry},               {"entries", Column::entry},
      {"text", Column::entry},                {"response", Column::entry},
      {"meeting", Column::meeting},           {"session", Column::meeting},
      {"meeting id", Column::meeting}};
  auto it = names.find(key(heading));
  if (it == names.end()) return std::nullopt;
  return it->second;
}

const char* column_key(Column c) {
  switch (c) {
    case Column::organization: return "organization";
    case Column::quadrant: return "quadrant";
    case Column::entry: return "entry";
    case Column::meeting: return "meeting";
  }
  return "";
}

}  // namespace

const char* to_string(Quadrant q) {
  switch (q) {
    case Quadrant::proud_of: return "proud_of";
    case Quadrant::help_with: return "help_with";
    case Quadrant::frustrated_by: return "frustrated_by";
    case Quadrant::love_to: return "love_to";
    case Quadrant::values: return "values";
  }
  return "";
}

const char* heading(Quadrant q) {
  switch (q) {
    case Quadrant::proud_of: return "Proud of (strengths)";
    case Quadrant::help_with: return "Help with (challenges)";
    case Quadrant::frustrated_by: return "Frustrated by (barriers)";
    case Quadrant::love_to: return "Love to (hopes)";
    case Quadrant::values: return "Values (what's important)";
  }
  return "";
}

std::optional<Quadrant> parse_quadrant(std::string_view text) {
  static const std::map<std::string, Quadrant, std::less<>> names{
      {"proud of", Quadrant::proud_of},           {"proud", Quadrant::proud_of},
      {"strengths", Quadrant::proud_of},          {"strength", Quadrant::proud_of},
      {"help with", Quadrant::help_with},         {"help", Quadrant::help_with},
      {"need help with", Quadrant::help_with},    {"challenges", Quadrant::help_with},
      {"challenge", Quadrant::help_with},         {"frustrated by", Quadrant::frustrated_by},
      {"frustrated", Quadrant::frustrated_by},    {"frustrations", Quadrant::frustrated_by},
      {"barriers", Quadrant::frustrated_by},      {"barrier", Quadrant::frustrated_by},
      {"love to", Quadrant::love_to},             {"would love to", Quadrant::love_to},
      {"love", Quadrant::love_to},                {"hopes", Quadrant::love_to},
      {"hope", Quadrant::love_to},                {"dreams", Quadrant::love_to},
      {"dream", Quadrant::love_to},               {"values", Quadrant::values},
      {"value", Quadrant::values},                {"whats important", Quadrant::values},
      {"what is important", Quadrant::values},    {"important", Quadrant::values}};
  // The whole text, then its parts split at parentheses, slashes, bars and colons; every part
  // that names a quadrant must name the same one.
  std::optional<Quadrant> found;
  auto consider = [&](std::string_view part) -> bool {
    auto it = names.find(key(part));
    if (it == names.end()) return true;
    if (found && *found != it->second) return false;
    found = it->second;
    return true;
  };
  if (!consider(text)) return std::nullopt;
  if (found) return found;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of("()/|:", start);
    if (end == std::string_view::npos) end = text.size();
    if (!consider(text.substr(start, end - start))) return std::nullopt;
    start = end + 1;
  }
  return found;
}

const std::vector<std::string>& entries(const Worksheet& w, Quadrant q) {
  switch (q) {
    case Quadrant::proud_of: return w.proud_of;
    case Quadrant::help_with: return w.help_with;
    case Quadrant::frustrated_by: return w.frustrated_by;
    case Quadrant::love_to: return w.love_to;
    case Quadrant::values: return w.values;
  }
  return w.values;
}

std::vector<std::string>& entries(Worksheet& w, Quadrant q) {
  return const_cast<std::vector<std::string>&>(entries(static_cast<const Worksheet&>(w), q));
}

WorksheetImport import_worksheets_text(Partnership& p, std::string_view csv_text, std::string_view source) {
  const std::string file(source);
  std::vector<Issue> issues;
  const std::vector<csv::Record> records = csv::parse(csv_text, file);
  if (records.empty())
    throw ValidationError(file, "row 1",
                          "the file is empty; expected a heading row naming the columns organization, quadrant "
                          "and entry (or one column per quadrant)");

  // The heading row.
  const auto& headings = records.front().fields;
  std::map<Column, std::size_t> columns;
  std::vector<std::pair<std::size_t, Quadrant>> quadrant_columns;  // the wide layout
  auto col_name = [&](std::size_t c) {
    std::string out = "column " + csv::column_letter(c);
    if (c < headings.size() && !trim(headings[c]).empty()) out += " (" + std::string(trim(headings[c])) + ")";
    return out;
  };
  for (std::size_t c = 0; c < headings.size(); ++c) {
    if (auto col = column_named(headings[c])) {
      auto [it, fresh] = columns.emplace(*col, c);
      if (!fresh)
        issues.push_back({file, "row 1, " + col_name(c),
                          std::string("a second ") + column_key(*col) + " column (the first is column " +
                              csv::column_letter(it->second) + "); expected each column once"});
    } else if (auto q = parse_quadrant(headings[c])) {
      for (const auto& [other, oq] : quadrant_columns)
        if (oq == *q)
          issues.push_back({file, "row 1, " + col_name(c),
                            std::string("a second column for the quadrant ") + to_string(*q) + " (the first is column " +
                                csv::column_letter(other) + "); expected each quadrant once"});
      quadrant_columns.emplace_back(c, *q);
    }
  }
  const bool wide = !columns.count(Column::quadrant) && !quadrant_columns.empty();
  std::string found_headings;
  for (const auto& h : headings) found_headings += (found_headings.empty() ? "" : ", ") + quote_text(trim(h));
  if (!columns.count(Column::organization))
    issues.push_back({file, "row 1",
                      "no organization column; expected a heading \"organization\" (the organization's id or name), "
                      "found " + found_headings});
  if (!wide) {
    if (!columns.count(Column::quadrant))
      issues.push_back({file, "row 1",
                        "no quadrant column; expected a heading \"quadrant\" (or one column per quadrant, such as "
                        "\"Proud of (strengths)\"), found " + found_headings});
    if (!columns.count(Column::entry))
      issues.push_back({file, "row 1", "no entry column; expected a heading \"entry\", found " + found_headings});
    for (const auto& [c, q] : quadrant_columns)
      issues.push_back({file, "row 1, " + col_name(c),
                        std::string("a column named after the quadrant ") + to_string(q) +
                            " next to a quadrant column; expected one layout: organization, quadrant, entry (one "
                            "row per entry) or organization and one column per quadrant"});
  } else if (columns.count(Column::entry)) {
    issues.push_back({file, "row 1, " + col_name(columns[Column::entry]),
                      "an entry column without a quadrant column; expected a \"quadrant\" column saying where each "
                      "entry goes, or only one column per quadrant"});
  }
  if (!issues.empty()) throw ValidationError(std::move(issues));

  // Who and where, matched once per distinct cell text.
  std::vector<Candidate> org_candidates, meeting_candidates;
  for (const auto& o : p.organizations)
    org_candidates.push_back({quote_text(o.id) + " (" + o.name + ")", {lower(o.id), lower(o.name)}});
  for (const auto& m : p.meetings) {
    Candidate c{quote_text(m.id), {lower(m.id)}};
    if (m.title) {
      c.shown += " (" + *m.title + ")";
      c.names.push_back(lower(*m.title));
    }
    meeting_candidates.push_back(std::move(c));
  }
  auto find_org = [&](std::string_view cell) -> const Organization* {
    if (const auto* o = p.find_organization(cell)) return o;
    const Organization* match = nullptr;
    std::string l = lower(cell);
    for (const auto& o : p.organizations)
      if (lower(o.id) == l || lower(o.name) == l) {
        if (match && match != &o) return nullptr;  // ambiguous: only an exact id settles it
        match = &o;
      }
    return match;
  };
  auto find_meeting = [&](std::string_view cell) -> const Meeting* {
    if (const auto* m = p.find_meeting(cell)) return m;
    const Meeting* match = nullptr;
    std::string l = lower(cell);
    for (const auto& m : p.meetings)
      if (lower(m.id) == l || (m.title && lower(*m.title) == l)) {
        if (match && match != &m) return nullptr;
        match = &m;
      }
    return match;
  };

  std::vector<Worksheet> worksheets = p.worksheets;
  using SheetKey = std::pair<std::string, std::optional<std::string>>;
  std::map<SheetKey, std::size_t> sheet_of;
  for (std::size_t i = 0; i < worksheets.size(); ++i) sheet_of.emplace(SheetKey{worksheets[i].organization, worksheets[i].session}, i);
  std::map<std::pair<std::size_t, Quadrant>, std::set<std::string, std::less<>>> present;
  WorksheetImport result;

  auto add_entries = [&](const std::string& org, const std::optional<std::string>& session, Quadrant q,
                         const std::vector<std::string>& texts) {
    auto [it, fresh] = sheet_of.emplace(SheetKey{org, session}, worksheets.size());
    if (fresh) {
      Worksheet w;
      w.organization = org;
      w.session = session;
      worksheets.push_back(std::move(w));
      ++result.worksheets_created;
    }
    auto& list = entries(worksheets[it->second], q);
    auto [seen, first_time] = present.try_emplace({it->second, q});
    if (first_time) seen->second.insert(list.begin(), list.end());
    for (const auto& t : texts) {
      if (!seen->second.insert(t).second) {
        ++result.duplicates;
        continue;
      }
      list.push_back(t);
      ++result.added;
    }
  };

  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& row = records[r].fields;
    const std::string row_name = "row " + std::to_string(records[r].row);
    if (std::all_of(row.begin(), row.end(), [](const std::string& c) { return trim(c).empty(); })) continue;
    ++result.rows;
    for (std::size_t c = headings.size(); c < row.size(); ++c)
      if (!trim(row[c]).empty())
        issues.push_back({file, row_name + ", column " + csv::column_letter(c),
                          "a cell beyond the last heading; expected at most " + std::to_string(headings.size()) +
                              " cells per row, got " + quote_text(trim(row[c]))});
    auto cell = [&](std::size_t c) { return c < row.size() ? trim(row[c]) : std::string_view(); };

    std::size_t org_col = columns[Column::organization];
    std::string_view org_text = cell(org_col);
    const Organization* org = nullptr;
    if (org_text.empty()) {
      issues.push_back({file, row_name + ", " + col_name(org_col),
                        "expected an organization id or name of the document, got an empty cell"});
    } else if (!(org = find_org(org_text))) {
      issues.push_back({file, row_name + ", " + col_name(org_col),
                        "expected an organization id or name of the document, got " + quote_text(org_text) +
                            did_you_mean(org_text, org_candidates)});
    }

    std::optional<std::string> session;
    bool session_ok = true;
    if (auto mc = columns.find(Column::meeting); mc != columns.end()) {
      std::string_view m_text = cell(mc->second);
      if (!m_text.empty()) {
        if (const Meeting* m = find_meeting(m_text)) {
          session = m->id;
        } else {
          session_ok = false;
          issues.push_back({file, row_name + ", " + col_name(mc->second),
                            "expected a meeting id or title of the document (or an empty cell), got " +
                                quote_text(m_text) + did_you_mean(m_text, meeting_candidates)});
        }
      }
    }

    if (!wide) {
      std::size_t q_col = columns[Column::quadrant], e_col = columns[Column::entry];
      std::string_view q_text = cell(q_col);
      auto q = parse_quadrant(q_text);
      if (!q)
        issues.push_back({file, row_name + ", " + col_name(q_col),
                          "expected a quadrant: proud_of (Proud of / strengths), help_with (Help with / challenges), "
                          "frustrated_by (Frustrated by / barriers), love_to (Love to / hopes) or values (what's "
                          "important), got " + (q_text.empty() ? std::string("an empty cell") : quote_text(q_text))});
      auto texts = split_entries(cell(e_col));
      if (texts.empty())
        issues.push_back({file, row_name + ", " + col_name(e_col), "expected an entry, got an empty cell"});
      if (org && session_ok && q && !texts.empty()) add_entries(org->id, session, *q, texts);
    } else {
      for (const auto& [c, q] : quadrant_columns) {
        auto texts = split_entries(cell(c));
        if (org && session_ok && !texts.empty()) add_entries(org->id, session, q, texts);
      }
    }
  }
  if (!issues.empty()) throw ValidationError(std::move(issues));
  p.worksheets = std::move(worksheets);
  return result;
}

WorksheetImport import_worksheets(Partnership& p, const std::filesystem::path& csv) {
  std::string text = partnerkit::detail::read_file(csv);
  return import_worksheets_text(p, text, csv.string());
}

}  // namespace partnerkit::themes
