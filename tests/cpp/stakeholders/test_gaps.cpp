// Gap analysis: missing categories, decision makers, isolates, single points of failure, introductions.
#include <catch2/catch.hpp>

#include <set>

#include "partnerkit/io/document.hpp"
#include "partnerkit/stakeholders/gaps.hpp"
#include "partnerkit/stakeholders/graph.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::stakeholders;

namespace {

GapOptions options(std::vector<std::string> categories = {}, std::optional<bool> toolkit = {}, std::optional<Date> on = {},
                   std::size_t max_introductions = 20) {
  GapOptions o;
  o.categories = std::move(categories);
  o.toolkit = toolkit;
  o.on = on;
  o.max_introductions = max_introductions;
  return o;
}

}  // namespace

TEST_CASE("gaps: the state CAC/VOCA example", "[stakeholders][gaps]") {
  Partnership p = load(test::example("state-cac-voca.json"));
  Gaps g = find_gaps(p, options({"court", "cac-chapter"}));
  REQUIRE(g.missing_categories.size() == 2);
  CHECK(g.missing_categories[0] ==
        MissingCategory{"childrens-justice-task-force", "Members of the Children's Justice Task Force", "toolkit"});
  CHECK(g.missing_categories[1] == MissingCategory{"court", "court", "user"});
  // regional-cac's only person and ocj's are not decision makers; dv-coalition has nobody on the
  // roster; the facilitator's organization is not expected to have one.
  CHECK(g.no_decision_maker ==
        std::vector<NoDecisionMaker>{{"regional-cac", 1}, {"dv-coalition", 0}, {"ocj", 1}});
  CHECK(g.isolates.empty());
  // Only the chapter links the regional CAC to the rest (the facilitator stays connected through
  // the tie between its person and the VOCA director).
  REQUIRE(g.single_points_of_failure.size() == 1);
  CHECK(g.single_points_of_failure[0] == SinglePointOfFailure{"chapter", "organization", {"regional-cac"}});
  // Without the toolkit list only the user's categories are checked.
  CHECK(find_gaps(p, options({"court"}, false)).missing_categories.size() == 1);
}

TEST_CASE("gaps: introductions are the untied pairs with shared partners, best first", "[stakeholders][gaps]") {
  Partnership p = load(test::example("state-cac-voca.json"));
  Gaps g = find_gaps(p, options({}, {}, {}, 0));
  // Reference: every pair of organizations with no tie, counting common neighbours directly.
  Graph orgs(p, GraphOptions{.people = false});
  std::vector<std::set<std::string>> nbrs(orgs.vertex_count());
  for (const Edge& e : orgs.edges())
    if (e.source != e.target) {
      nbrs[e.source].insert(orgs.vertex(e.target).id);
      nbrs[e.target].insert(orgs.vertex(e.source).id);
    }
  std::vector<Introduction> expected;
  for (std::size_t a = 0; a < orgs.vertex_count(); ++a)
    for (std::size_t b = 0; b < orgs.vertex_count(); ++b) {
      const std::string &ia = orgs.vertex(a).id, &ib = orgs.vertex(b).id;
      if (!(ia < ib) || nbrs[a].count(ib)) continue;
      Introduction i{ia, ib, {}};
      for (const auto& x : nbrs[a])
        if (nbrs[b].count(x)) i.shared.push_back(x);
      if (!i.shared.empty()) expected.push_back(i);
    }
  std::stable_sort(expected.begin(), expected.end(), [](const Introduction& x, const Introduction& y) {
    if (x.shared.size() != y.shared.size()) return x.shared.size() > y.shared.size();
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  CHECK(g.introductions == expected);
  REQUIRE(g.introductions.size() > 3);
  CHECK(g.introductions[0].shared.size() >= g.introductions.back().shared.size());
  CHECK(find_gaps(p, options({}, {}, {}, 3)).introductions.size() == 3);
}

TEST_CASE("gaps: isolates, people as single points of failure, dates", "[stakeholders][gaps]") {
  Partnership p = loads(test::document(R"(
    "process": "court-child-support",
    "organizations": [{"id": "a", "name": "A", "category": "court"}, {"id": "b", "name": "B"},
                      {"id": "c", "name": "C"}, {"id": "d", "name": "D"}, {"id": "lonely", "name": "L"}],
    "people": [{"id": "pa", "name": "PA", "organization": "a", "decision_maker": true},
               {"id": "pb", "name": "PB", "organization": "b", "decision_maker": true},
               {"id": "pc", "name": "PC", "organization": "c"}],
    "relationships": [{"source": "pa", "target": "pb"}, {"source": "b", "target": "c"},
                      {"source": "c", "target": "d", "observed": "2027-06-01"}])"));
  Gaps g = find_gaps(p);
  CHECK(g.missing_categories.empty());  // another process: no toolkit list unless asked
  CHECK(g.isolates == std::vector<std::string>{"lonely"});
  // The only link between a and the others is the tie between two people; cut_off lists organizations.
  CHECK(g.single_points_of_failure.size() == 4);
  std::set<std::string> ids;
  for (const auto& s : g.single_points_of_failure) ids.insert(s.id);
  CHECK(ids == std::set<std::string>{"b", "c", "pa", "pb"});
  for (const auto& s : g.single_points_of_failure) {
    if (s.id == "b") CHECK(s.cut_off == std::vector<std::string>{"a"});
    if (s.id == "c") CHECK(s.cut_off == std::vector<std::string>{"d"});
    if (s.id == "pa" || s.id == "pb") CHECK(s.cut_off == std::vector<std::string>{"a"});
  }
  CHECK(g.introductions == std::vector<Introduction>{{"a", "c", {"b"}}, {"b", "d", {"c"}}});
  // Before June the c-d tie does not exist yet: d is isolated and c is no longer a cut.
  Gaps early = find_gaps(p, options({}, {}, test::day("2027-05-01")));
  CHECK(early.isolates == std::vector<std::string>{"d", "lonely"});
  CHECK(early.introductions == std::vector<Introduction>{{"a", "c", {"b"}}});
  auto j = to_json(early);
  CHECK(j["isolates"].dump() == R"(["d","lonely"])");
  CHECK(j["introductions"][0].dump() == R"({"a":"a","b":"c","shared":["b"]})");
}
