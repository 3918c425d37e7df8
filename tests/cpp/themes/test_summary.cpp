// The collective summary: the toolkit's filled-in quadrant grouped as a facilitator groups it,
// the bookkeeping of every theme checked against a recount, ordering, sessions, several
// documents, and escaping in the Markdown and CSV outputs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "partnerkit/io/document.hpp"
#include "partnerkit/themes/summary.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::themes;
namespace pt = partnerkit::test;
using Strings = std::vector<std::string>;

namespace {

Partnership filled_in() { return load(pt::data("summary/filled-in-quadrant.json")); }

const QuadrantSummary& quadrant(const Summary& s, Quadrant q) {
  for (const auto& qs : s.quadrants)
    if (qs.quadrant == q) return qs;
  FAIL("no quadrant " << to_string(q));
  throw std::logic_error("unreachable");
}

// The quadrant theme holding the entry with this text, or -1.
int theme_of(const Summary& s, const QuadrantSummary& q, std::string_view text) {
  for (std::size_t k = 0; k < q.themes.size(); ++k)
    for (std::size_t i : q.themes[k].entries)
      if (s.entries[i].text == text) return static_cast<int>(k);
  return -1;
}

// Every group holds its entries together, in a theme of its own (no two groups share a theme).
void check_groups(const Summary& s, Quadrant q, const std::vector<Strings>& groups) {
  const auto& qs = quadrant(s, q);
  std::set<int> used;
  for (const auto& group : groups) {
    int first = theme_of(s, qs, group.front());
    INFO(to_string(q) << ": \"" << group.front() << "\"");
    CHECK(first >= 0);
    for (const auto& text : group) {
      INFO("with \"" << text << "\"");
      CHECK(theme_of(s, qs, text) == first);
    }
    if (first >= 0) {
      CHECK(used.insert(first).second);
      CHECK(qs.themes[static_cast<std::size_t>(first)].common());
    }
  }
}

std::vector<std::string> orgs_of(const Summary& s, const std::vector<std::size_t>& entries) {
  std::vector<std::string> out;
  for (std::size_t i : entries) {
    std::string org = *s.entries[i].organization;
    if (std::find(out.begin(), out.end(), org) == out.end()) out.push_back(org);
  }
  return out;
}

// The bookkeeping of a list of themes over `universe` (summary entry indices).
void check_themes(const Summary& s, const std::vector<SummaryTheme>& themes, const std::vector<std::size_t>& universe,
                  const std::vector<std::size_t>& unassigned) {
  std::set<std::size_t> seen;
  for (std::size_t k = 0; k < themes.size(); ++k) {
    const auto& t = themes[k];
    REQUIRE_FALSE(t.entries.empty());
    CHECK(std::is_sorted(t.entries.begin(), t.entries.end()));
    CHECK(std::find(t.entries.begin(), t.entries.end(), t.representative) != t.entries.end());
    CHECK(t.organizations == orgs_of(s, t.entries));
    CHECK(t.common() == (t.organizations.size() >= 2));
    std::map<Quadrant, std::size_t> per_quadrant;
    std::size_t meetings = 0;
    for (std::size_t i : t.entries) {
      CHECK(seen.insert(i).second);  // in one theme only
      ++per_quadrant[*s.entries[i].quadrant];
    }
    CHECK(std::vector<std::pair<Quadrant, std::size_t>>(per_quadrant.begin(), per_quadrant.end()) == t.by_quadrant);
    for (const auto& [meeting, n] : t.by_meeting) meetings += n;
    CHECK(meetings == t.entries.size());
    CHECK_FALSE(t.label.empty());
    if (k > 0) {  // most organizations first, then most entries, then first entry
      const auto& a = themes[k - 1];
      bool ordered = a.organizations.size() > t.organizations.size() ||
                     (a.organizations.size() == t.organizations.size() &&
                      (a.entries.size() > t.entries.size() ||
                       (a.entries.size() == t.entries.size() && a.entries.front() < t.entries.front())));
      CHECK(ordered);
    }
  }
  for (std::size_t i : unassigned) CHECK(seen.insert(i).second);
  CHECK(seen == std::set<std::size_t>(universe.begin(), universe.end()));  // every entry accounted for
}

}  // namespace

TEST_CASE("the toolkit's filled-in quadrant: entries group the way a facilitator groups them", "[themes][summary]") {
  Summary s = summarize(filled_in());
  REQUIRE(s.entries.size() == 42);
  CHECK(s.organizations == 4);
  // The toolkit's summary items, each from the entries a facilitator puts under it.
  check_groups(s, Quadrant::proud_of,
               {{"Positive impact on children and families", "Positive impact on victims statewide",
                 "Making an impact for crime victims"},
                {"Knowledge and skills of member CACs", "Skilled and knowledgeable grants staff",
                 "Staff knowledge of child safety"},
                {"Collaboration with MDT partners", "Collaborating with local partners"}});
  check_groups(s, Quadrant::help_with,
               {{"Capacity - more staff", "More grant monitoring personnel", "Staffing capacity"},
                {"Increasing innovation", "New ideas for prevention"},
                {"Streamlining reporting processes", "Simplifying paperwork"},
                {"Reaching rural counties", "Outreach to underserved victims"}});
  check_groups(s, Quadrant::frustrated_by,
               {{"Limitations on funding", "Cuts to federal VOCA dollars", "Limited funding for prevention"},
                {"System barriers to spending awards", "Obstacles to timely services", "Bureaucratic barriers"}});
  check_groups(s, Quadrant::love_to,
               {{"Eliminate match requirement", "Waive the subgrantee match"},
                {"Increase reach to underserved counties", "Reach every family in need"},
                {"Remove barriers for new applicants", "Remove barriers to filing claims"}});
  check_groups(s, Quadrant::values,
               {{"Collaboration", "Collaboration with partners", "Working together"},
                {"Compassion", "Empathy"},
                {"Effective impact", "Results"}});
  // What only one organization said is listed as unique to it.
  const auto& frustrated = quadrant(s, Quadrant::frustrated_by);
  REQUIRE(frustrated.unique.size() == 1);
  CHECK(frustrated.unique[0].first == "chapter");
  REQUIRE(frustrated.unique[0].second.size() == 1);
  CHECK(s.entries[frustrated.unique[0].second[0]].text == "Match requirement");
  // Most shared first: the funding and barrier themes have three organizations each.
  CHECK(frustrated.themes[0].organizations.size() == 3);
  CHECK(frustrated.themes[1].organizations.size() == 3);
}

TEST_CASE("every entry is in one theme or unassigned; counts match a recount", "[themes][summary]") {
  for (auto path : {pt::data("summary/filled-in-quadrant.json"), pt::example("state-cac-voca.json"),
                    pt::example("child-support-courts.json")}) {
    INFO(path);
    Partnership p = load(path);
    Summary s = summarize(p);
    std::vector<std::size_t> all(s.entries.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    check_themes(s, s.themes, all, s.unassigned);
    REQUIRE(s.assignments.size() == s.entries.size());
    for (std::size_t i = 0; i < s.entries.size(); ++i) {
      int a = s.assignments[i];
      bool unassigned = std::find(s.unassigned.begin(), s.unassigned.end(), i) != s.unassigned.end();
      CHECK((a < 0) == unassigned);
      if (a >= 0) {
        const auto& e = s.themes[static_cast<std::size_t>(a)].entries;
        CHECK(std::find(e.begin(), e.end(), i) != e.end());
      }
    }
    REQUIRE(s.quadrants.size() == 5);
    for (const auto& q : s.quadrants) {
      INFO(to_string(q.quadrant));
      std::vector<std::size_t> mine;
      for (std::size_t i = 0; i < s.entries.size(); ++i)
        if (s.entries[i].quadrant == q.quadrant) mine.push_back(i);
      CHECK(q.entries == mine);
      check_themes(s, q.themes, mine, q.unassigned);
      // Unique: exactly the entries outside the quadrant's common themes, by organization.
      std::set<std::size_t> in_common;
      for (const auto& t : q.themes)
        if (t.common()) in_common.insert(t.entries.begin(), t.entries.end());
      std::size_t unique_count = 0;
      for (const auto& [org, list] : q.unique)
        for (std::size_t i : list) {
          CHECK(*s.entries[i].organization == org);
          CHECK_FALSE(in_common.count(i));
          ++unique_count;
        }
      CHECK(unique_count + in_common.size() == mine.size());
    }
    std::set<std::string> orgs;
    for (const auto& w : p.worksheets)
      for (Quadrant q : all_quadrants)
        if (!entries(w, q).empty()) orgs.insert(w.organization);
    CHECK(s.organizations == orgs.size());
  }
}

TEST_CASE("worksheet entries in document order; a session keeps its worksheets", "[themes][summary]") {
  Partnership p = loads(pt::document(R"(
    "organizations": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    "meetings": [{"id": "m1", "kind": "in-person"}, {"id": "m2", "kind": "in-person"}],
    "worksheets": [{"organization": "a", "session": "m1", "values": ["v1"], "proud_of": ["p1", "p2"]},
                   {"organization": "b", "session": "m2", "love_to": ["l1"]},
                   {"organization": "b", "help_with": ["h1"]}])"));
  auto all = worksheet_entries(p);
  REQUIRE(all.size() == 5);
  CHECK(all[0] == SummaryEntry{"p1", "a", Quadrant::proud_of, "m1", 0});
  CHECK(all[1].text == "p2");
  CHECK(all[2] == SummaryEntry{"v1", "a", Quadrant::values, "m1", 0});
  CHECK(all[3] == SummaryEntry{"l1", "b", Quadrant::love_to, "m2", 0});
  CHECK(all[4] == SummaryEntry{"h1", "b", Quadrant::help_with, std::nullopt, 0});
  SummaryOptions o;
  o.session = "m2";
  Summary s = summarize(p, o);
  REQUIRE(s.entries.size() == 1);
  CHECK(s.entries[0].text == "l1");
  CHECK(s.session == "m2");
  o.session = "m3";
  try {
    summarize(p, o);
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(pt::lines(e) == Strings{"<options>: /session: expected a meeting id of the document, got \"m3\""});
  }
}

TEST_CASE("exactly K themes across quadrants on request", "[themes][summary]") {
  Partnership p = filled_in();
  for (int k : {1, 3, 6}) {
    SummaryOptions o;
    o.grouping.themes = k;
    Summary s = summarize(p, o);
    CHECK(s.themes.size() == static_cast<std::size_t>(k));
    CHECK(s.unassigned.size() + [&] {
      std::size_t n = 0;
      for (const auto& t : s.themes) n += t.entries.size();
      return n;
    }() == s.entries.size());
  }
}

TEST_CASE("plain texts: themes without quadrants or organizations", "[themes][summary]") {
  std::vector<SummaryEntry> entries;
  for (const char* t : {"More staff", "Staffing shortages", "Funding cuts", "Less money for grants", "x"})
    entries.push_back({t, std::nullopt, std::nullopt, std::nullopt, 0});
  Summary s = summarize(entries);
  CHECK(s.quadrants.empty());
  CHECK(s.organizations == 0);
  CHECK(s.assignments.size() == 5);
  for (const auto& t : s.themes) {
    CHECK(t.organizations.empty());
    CHECK_FALSE(t.common());
    CHECK(t.by_quadrant.empty());
  }
  auto j = to_json(s);
  CHECK(j["counts"]["entries"] == 5);
  CHECK(j["quadrants"].empty());
  CHECK(j["assignments"].size() == 5);
}

TEST_CASE("several documents: organizations told apart by document", "[themes][summary]") {
  std::vector<Partnership> docs{filled_in(), filled_in()};
  Summary s = summarize(std::span<const Partnership>(docs));
  CHECK(s.entries.size() == 84);
  CHECK(s.organizations == 8);
  CHECK(s.entries[42].document == 1);
  for (const auto& t : s.themes)
    for (const auto& org : t.organizations) CHECK(org.find('@') != std::string::npos);
}

TEST_CASE("user text is escaped in Markdown and CSV", "[themes][summary]") {
  Partnership p = loads(pt::document(R"J(
    "organizations": [{"id": "a|b", "name": "A"}, {"id": "c", "name": "C"}],
    "worksheets": [{"organization": "a|b", "help_with": ["<script>alert(1)</script> more *staff*", "=HYPERLINK(\"x\")"]},
                   {"organization": "c", "help_with": ["More staff, please\nnow", "-1 staff"]}])J"));
  Summary s = summarize(p);
  std::string md = to_markdown(s);
  CHECK(md.find("<script>") == std::string::npos);
  CHECK(md.find("\\<script\\>alert\\(1\\)\\<\\/script\\> more \\*staff\\*") != std::string::npos);
  CHECK(md.find("a\\|b") != std::string::npos);
  CHECK(md.find("a|b") == std::string::npos);
  std::string csv = to_csv(s);
  CHECK(csv.rfind("entry,text,organization,quadrant,meeting,theme,theme_label,theme_organizations,common,"
                  "quadrant_theme,quadrant_theme_label\r\n",
                  0) == 0);
  CHECK(csv.find("\"'=HYPERLINK(\"\"x\"\")\"") != std::string::npos);
  CHECK(csv.find("\"More staff, please\nnow\"") != std::string::npos);
  CHECK(csv.find(",'-1 staff,") != std::string::npos);
  CHECK(std::count(csv.begin(), csv.end(), '\r') == 5);  // the heading and 4 rows
}

TEST_CASE("the summary as JSON", "[themes][summary]") {
  Summary s = summarize(filled_in());
  auto j = to_json(s);
  Strings keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  CHECK(keys == Strings{"session", "counts", "themes", "assignments", "unassigned", "quadrants", "entries"});
  CHECK(j["counts"]["entries"] == 42);
  CHECK(j["counts"]["organizations"] == 4);
  CHECK(j["assignments"].size() == 42);
  CHECK(j["quadrants"].size() == 5);
  CHECK(j["quadrants"][0]["quadrant"] == "proud_of");
  CHECK(j["quadrants"][0]["heading"] == "Proud of (strengths)");
  const auto& t = j["quadrants"][2]["themes"][0];
  Strings theme_keys;
  for (const auto& [k, v] : t.items()) theme_keys.push_back(k);
  CHECK(theme_keys == Strings{"label", "keywords", "representative", "count", "organization_count", "organizations",
                              "common", "by_quadrant", "by_meeting", "cohesion", "entries"});
  CHECK(t["by_meeting"][0]["meeting"] == "in-person-1");
  CHECK(j["entries"][0]["text"] == "Positive impact on children and families");
  CHECK(j["entries"][0]["quadrant"] == "proud_of");
}
