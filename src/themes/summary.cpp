// The collective summary of worksheet entries (see summary.hpp, docs/themes-summary.md).
#include "partnerkit/themes/summary.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "partnerkit/core/error.hpp"
#include "themes/summary_escape.hpp"

namespace partnerkit::themes {
namespace {

using ojson = nlohmann::ordered_json;

// The organization an entry counts for ("" for none).
std::string org_key(const SummaryEntry& e, bool several_documents) {
  if (!e.organization) return {};
  return several_documents ? *e.organization + "@" + std::to_string(e.document) : *e.organization;
}

// A theme of the engine, over the entries `subset` (subset[i] is the summary index of the i-th
// text given to the engine), described with the entries' origins.
SummaryTheme describe_theme(const Theme& t, const std::vector<std::size_t>& subset,
                            const std::vector<SummaryEntry>& entries, bool several_documents) {
  SummaryTheme out;
  out.label = t.label;
  out.keywords = t.keywords;
  out.cohesion = t.cohesion;
  out.representative = subset[t.representative];
  std::size_t per_quadrant[all_quadrants.size()] = {};
  for (std::size_t local : t.entries) {
    std::size_t i = subset[local];
    out.entries.push_back(i);
    const auto& e = entries[i];
    if (std::string org = org_key(e, several_documents); !org.empty() &&
        std::find(out.organizations.begin(), out.organizations.end(), org) == out.organizations.end())
      out.organizations.push_back(org);
    if (e.quadrant) ++per_quadrant[static_cast<std::size_t>(*e.quadrant)];
    std::string meeting = e.meeting.value_or("");
    auto it = std::find_if(out.by_meeting.begin(), out.by_meeting.end(), [&](const auto& m) { return m.first == meeting; });
    if (it == out.by_meeting.end()) out.by_meeting.emplace_back(meeting, 1);
    else ++it->second;
  }
  std::sort(out.entries.begin(), out.entries.end());
  for (Quadrant q : all_quadrants)
    if (per_quadrant[static_cast<std::size_t>(q)]) out.by_quadrant.emplace_back(q, per_quadrant[static_cast<std::size_t>(q)]);
  return out;
}

// Most organizations first, then most entries, then the theme whose first entry comes first.
bool shared_more(const SummaryTheme& a, const SummaryTheme& b) {
  if (a.organizations.size() != b.organizations.size()) return a.organizations.size() > b.organizations.size();
  if (a.entries.size() != b.entries.size()) return a.entries.size() > b.entries.size();
  return a.entries.front() < b.entries.front();
}

struct Grouped {
  std::vector<SummaryTheme> themes;
  std::vector<int> assignments;  // per subset position
  std::vector<std::size_t> unassigned;  // summary indices
};

Grouped group(const std::vector<std::size_t>& subset, const std::vector<SummaryEntry>& entries,
              const ThemeOptions& options, bool several_documents) {
  Grouped g;
  g.assignments.assign(subset.size(), -1);
  if (subset.empty()) return g;
  std::vector<std::string> texts;
  texts.reserve(subset.size());
  for (std::size_t i : subset) texts.push_back(entries[i].text);
  Themes t = aggregate(texts, options);
  std::vector<std::size_t> order(t.themes.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    g.themes.push_back(describe_theme(t.themes[k], subset, entries, several_documents));
    order[k] = k;
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return shared_more(g.themes[a], g.themes[b]); });
  std::vector<int> new_index(order.size());
  std::vector<SummaryTheme> sorted;
  for (std::size_t k = 0; k < order.size(); ++k) {
    new_index[order[k]] = static_cast<int>(k);
    sorted.push_back(std::move(g.themes[order[k]]));
  }
  g.themes = std::move(sorted);
  for (std::size_t local = 0; local < subset.size(); ++local) {
    int a = t.assignments[local];
    g.assignments[local] = a < 0 ? -1 : new_index[static_cast<std::size_t>(a)];
    if (a < 0) g.unassigned.push_back(subset[local]);
  }
  return g;
}

bool several(const std::vector<SummaryEntry>& entries) {
  return std::any_of(entries.begin(), entries.end(), [](const SummaryEntry& e) { return e.document != 0; });
}

std::string quoted(const std::string& s) { return nlohmann::json(s).dump(); }

ojson theme_json(const SummaryTheme& t, const std::vector<SummaryEntry>& entries) {
  ojson j;
  j["label"] = t.label;
  j["keywords"] = t.keywords;
  j["representative"] = {{"entry", t.representative}, {"text", entries[t.representative].text}};
  j["count"] = t.entries.size();
  j["organization_count"] = t.organizations.size();
  j["organizations"] = t.organizations;
  j["common"] = t.common();
  ojson q = ojson::object();
  for (const auto& [quadrant, n] : t.by_quadrant) q[to_string(quadrant)] = n;
  j["by_quadrant"] = q;
  ojson m = ojson::array();
  for (const auto& [meeting, n] : t.by_meeting)
    m.push_back({{"meeting", meeting.empty() ? ojson(nullptr) : ojson(meeting)}, {"count", n}});
  j["by_meeting"] = m;
  j["cohesion"] = t.cohesion;
  j["entries"] = t.entries;
  return j;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "3 organizations (chapter, voca, dcfs), 4 entries"
std::string theme_counts(const SummaryTheme& t) {
  std::string out;
  if (!t.organizations.empty()) {
    out = plural(t.organizations.size(), "organization", "organizations") + " (";
    for (std::size_t k = 0; k < t.organizations.size(); ++k) out += (k ? ", " : "") + t.organizations[k];
    out += "), ";
  }
  return out + plural(t.entries.size(), "entry", "entries");
}

std::string where(const SummaryEntry& e, bool several_documents, bool with_quadrant = true) {
  std::string out = org_key(e, several_documents);
  if (with_quadrant && e.quadrant) out += (out.empty() ? "" : ", ") + std::string(to_string(*e.quadrant));
  return out;
}

}  // namespace

std::vector<SummaryEntry> worksheet_entries(const Partnership& p, const std::optional<std::string>& session,
                                            std::size_t document) {
  std::vector<SummaryEntry> out;
  for (const auto& w : p.worksheets) {
    if (session && w.session != session) continue;
    for (Quadrant q : all_quadrants)
      for (const auto& text : entries(w, q)) out.push_back({text, w.organization, q, w.session, document});
  }
  return out;
}

Summary summarize(std::vector<SummaryEntry> entries, const SummaryOptions& options) {
  Summary s;
  s.session = options.session;
  s.entries = std::move(entries);
  const bool multi = several(s.entries);

  std::vector<std::size_t> all(s.entries.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  Grouped overall = group(all, s.entries, options.grouping, multi);
  s.themes = std::move(overall.themes);
  s.assignments = std::move(overall.assignments);
  s.unassigned = std::move(overall.unassigned);

  std::vector<std::string> orgs;
  for (const auto& e : s.entries)
    if (std::string k = org_key(e, multi); !k.empty() && std::find(orgs.begin(), orgs.end(), k) == orgs.end()) orgs.push_back(k);
  s.organizations = orgs.size();

  if (std::none_of(s.entries.begin(), s.entries.end(), [](const SummaryEntry& e) { return e.quadrant.has_value(); }))
    return s;
  ThemeOptions per_quadrant = options.grouping;
  per_quadrant.themes.reset();
  for (Quadrant q : all_quadrants) {
    QuadrantSummary qs;
    qs.quadrant = q;
    for (std::size_t i = 0; i < s.entries.size(); ++i)
      if (s.entries[i].quadrant == q) qs.entries.push_back(i);
    Grouped g = group(qs.entries, s.entries, per_quadrant, multi);
    qs.themes = std::move(g.themes);
    qs.unassigned = std::move(g.unassigned);
    // Unique to one organization: entries outside every common theme of the quadrant.
    for (std::size_t local = 0; local < qs.entries.size(); ++local) {
      int a = g.assignments[local];
      if (a >= 0 && qs.themes[static_cast<std::size_t>(a)].common()) continue;
      std::size_t i = qs.entries[local];
      std::string org = org_key(s.entries[i], multi);
      auto it = std::find_if(qs.unique.begin(), qs.unique.end(), [&](const auto& u) { return u.first == org; });
      if (it == qs.unique.end()) qs.unique.push_back({org, {i}});
      else it->second.push_back(i);
    }
    s.quadrants.push_back(std::move(qs));
  }
  return s;
}

Summary summarize(std::span<const Partnership> documents, const SummaryOptions& options) {
  if (options.session &&
      std::none_of(documents.begin(), documents.end(), [&](const Partnership& p) { return p.find_meeting(*options.session); }))
    throw ValidationError("<options>", "/session",
                          "expected a meeting id of the document, got " + quoted(*options.session));
  std::vector<SummaryEntry> entries;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    auto more = worksheet_entries(documents[d], options.session, d);
    entries.insert(entries.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  return summarize(std::move(entries), options);
}

Summary summarize(const Partnership& p, const SummaryOptions& options) {
  return summarize(std::span<const Partnership>(&p, 1), options);
}

nlohmann::ordered_json to_json(const Summary& s) {
  ojson j;
  j["session"] = s.session ? ojson(*s.session) : ojson(nullptr);
  std::size_t common = std::count_if(s.themes.begin(), s.themes.end(), [](const SummaryTheme& t) { return t.common(); });
  j["counts"] = {{"entries", s.entries.size()},
                 {"assigned", s.entries.size() - s.unassigned.size()},
                 {"unassigned", s.unassigned.size()},
                 {"themes", s.themes.size()},
                 {"common_themes", common},
                 {"organizations", s.organizations}};
  ojson themes = ojson::array();
  for (const auto& t : s.themes) themes.push_back(theme_json(t, s.entries));
  j["themes"] = std::move(themes);
  j["assignments"] = s.assignments;
  j["unassigned"] = s.unassigned;
  ojson quadrants = ojson::array();
  for (const auto& q : s.quadrants) {
    ojson qj;
    qj["quadrant"] = to_string(q.quadrant);
    qj["heading"] = heading(q.quadrant);
    qj["count"] = q.entries.size();
    ojson qt = ojson::array();
    for (const auto& t : q.themes) qt.push_back(theme_json(t, s.entries));
    qj["themes"] = std::move(qt);
    qj["unassigned"] = q.unassigned;
    ojson unique = ojson::array();
    for (const auto& [org, list] : q.unique)
      unique.push_back({{"organization", org.empty() ? ojson(nullptr) : ojson(org)}, {"entries", list}});
    qj["unique"] = std::move(unique);
    quadrants.push_back(std::move(qj));
  }
  j["quadrants"] = std::move(quadrants);
  ojson entries = ojson::array();
  for (const auto& e : s.entries)
    entries.push_back({{"text", e.text},
                       {"organization", e.organization ? ojson(*e.organization) : ojson(nullptr)},
                       {"quadrant", e.quadrant ? ojson(to_string(*e.quadrant)) : ojson(nullptr)},
                       {"meeting", e.meeting ? ojson(*e.meeting) : ojson(nullptr)},
                       {"document", e.document}});
  j["entries"] = std::move(entries);
  return j;
}

std::string to_text(const Summary& s) {
  const bool multi = several(s.entries);
  std::ostringstream out;
  out << "Collective summary: " << plural(s.entries.size(), "entry", "entries");
  if (s.organizations) out << " from " << plural(s.organizations, "organization", "organizations");
  if (s.session) out << " (session " << *s.session << ")";
  out << "\n";
  auto print_theme = [&](std::size_t number, const SummaryTheme& t, bool show_quadrants) {
    out << "  " << number << ". " << s.entries[t.representative].text << "  [" << t.label << "]\n     "
        << theme_counts(t);
    if (show_quadrants && !t.by_quadrant.empty()) {
      out << "; ";
      for (std::size_t k = 0; k < t.by_quadrant.size(); ++k)
        out << (k ? ", " : "") << to_string(t.by_quadrant[k].first) << " " << t.by_quadrant[k].second;
    }
    out << "\n";
    for (std::size_t i : t.entries) {
      std::string w = where(s.entries[i], multi, show_quadrants);
      out << "       - " << s.entries[i].text << (w.empty() ? "" : " (" + w + ")") << "\n";
    }
  };
  for (const auto& q : s.quadrants) {
    out << "\n" << heading(q.quadrant) << ": " << plural(q.entries.size(), "entry", "entries") << "\n";
    std::size_t n = 0;
    for (const auto& t : q.themes)
      if (t.common()) print_theme(++n, t, false);
    if (n == 0 && !q.entries.empty()) out << "  no theme shared by two or more organizations\n";
    if (!q.unique.empty()) {
      out << "  unique to one organization:\n";
      for (const auto& [org, list] : q.unique) {
        out << "    " << (org.empty() ? "(no organization)" : org) << ": ";
        for (std::size_t k = 0; k < list.size(); ++k) out << (k ? "; " : "") << s.entries[list[k]].text;
        out << "\n";
      }
    }
  }
  std::size_t common = std::count_if(s.themes.begin(), s.themes.end(), [](const SummaryTheme& t) { return t.common(); });
  out << "\n" << (s.quadrants.empty() ? "Themes" : "Themes across quadrants") << ": " << s.themes.size();
  if (s.organizations) out << " (" << common << " common)";
  out << "\n";
  for (std::size_t k = 0; k < s.themes.size(); ++k) print_theme(k + 1, s.themes[k], true);
  out << "\nUnassigned: " << plural(s.unassigned.size(), "entry", "entries") << "\n";
  for (std::size_t i : s.unassigned) {
    std::string w = where(s.entries[i], multi);
    out << "  - " << s.entries[i].text << (w.empty() ? "" : " (" + w + ")") << "\n";
  }
  return out.str();
}

std::string to_markdown(const Summary& s) {
  using detail::markdown;
  const bool multi = several(s.entries);
  std::ostringstream out;
  out << "## Collective summary\n\n" << plural(s.entries.size(), "entry", "entries");
  if (s.organizations) out << " from " << plural(s.organizations, "organization", "organizations");
  if (s.session) out << " (session " << markdown(*s.session) << ")";
  out << ".\n";
  auto theme_item = [&](std::size_t number, const SummaryTheme& t, bool show_quadrants) {
    out << number << ". **" << markdown(s.entries[t.representative].text) << "** (" << markdown(t.label) << "): "
        << markdown(theme_counts(t));
    if (show_quadrants && !t.by_quadrant.empty()) {
      out << "; ";
      for (std::size_t k = 0; k < t.by_quadrant.size(); ++k)
        out << (k ? ", " : "") << markdown(to_string(t.by_quadrant[k].first)) << " " << t.by_quadrant[k].second;
    }
    out << "\n";
    for (std::size_t i : t.entries) {
      std::string w = where(s.entries[i], multi, show_quadrants);
      out << "   - " << markdown(s.entries[i].text) << (w.empty() ? "" : " (" + markdown(w) + ")") << "\n";
    }
  };
  for (const auto& q : s.quadrants) {
    out << "\n### " << markdown(heading(q.quadrant)) << "\n\n";
    std::size_t n = 0;
    for (const auto& t : q.themes)
      if (t.common()) theme_item(++n, t, false);
    if (n == 0) out << (q.entries.empty() ? "No entries.\n" : "No theme shared by two or more organizations.\n");
    if (!q.unique.empty()) {
      out << "\nUnique to one organization:\n\n";
      for (const auto& [org, list] : q.unique) {
        out << "- " << (org.empty() ? std::string("(no organization)") : markdown(org)) << ": ";
        for (std::size_t k = 0; k < list.size(); ++k) out << (k ? "; " : "") << markdown(s.entries[list[k]].text);
        out << "\n";
      }
    }
  }
  out << "\n### " << (s.quadrants.empty() ? "Themes" : "Themes across quadrants") << "\n\n";
  if (s.themes.empty()) out << "No themes.\n";
  for (std::size_t k = 0; k < s.themes.size(); ++k) theme_item(k + 1, s.themes[k], true);
  out << "\n### Unassigned\n\n" << plural(s.unassigned.size(), "entry", "entries") << ".\n";
  for (std::size_t i : s.unassigned) {
    std::string w = where(s.entries[i], multi);
    out << "\n- " << markdown(s.entries[i].text) << (w.empty() ? "" : " (" + markdown(w) + ")");
  }
  if (!s.unassigned.empty()) out << "\n";
  return out.str();
}

std::string to_csv(const Summary& s) {
  using detail::csv;
  const bool multi = several(s.entries);
  // The theme of each entry within its quadrant.
  std::vector<int> quadrant_theme(s.entries.size(), -1);
  std::vector<const QuadrantSummary*> quadrant_of(s.entries.size(), nullptr);
  for (const auto& q : s.quadrants)
    for (std::size_t k = 0; k < q.themes.size(); ++k)
      for (std::size_t i : q.themes[k].entries) {
        quadrant_theme[i] = static_cast<int>(k);
        quadrant_of[i] = &q;
      }
  std::ostringstream out;
  out << "entry,text,organization,quadrant,meeting,theme,theme_label,theme_organizations,common,quadrant_theme,"
         "quadrant_theme_label\r\n";
  for (std::size_t i = 0; i < s.entries.size(); ++i) {
    const auto& e = s.entries[i];
    out << i + 1 << ',' << csv(e.text) << ',' << csv(org_key(e, multi)) << ','
        << (e.quadrant ? to_string(*e.quadrant) : "") << ',' << csv(e.meeting.value_or("")) << ',';
    int a = s.assignments[i];
    if (a >= 0) {
      const auto& t = s.themes[static_cast<std::size_t>(a)];
      out << a + 1 << ',' << csv(t.label) << ',' << t.organizations.size() << ',' << (t.common() ? "yes" : "no");
    } else {
      out << ",,,";
    }
    out << ',';
    if (int k = quadrant_theme[i]; k >= 0) out << k + 1 << ',' << csv(quadrant_of[i]->themes[static_cast<std::size_t>(k)].label);
    else out << ',';
    out << "\r\n";
  }
  return out.str();
}

}  // namespace partnerkit::themes
