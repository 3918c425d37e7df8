// Change over time: two snapshots compared.
#include <catch2/catch.hpp>

#include "partnerkit/io/document.hpp"
#include "partnerkit/stakeholders/compare.hpp"
#include "partnerkit/stakeholders/graph.hpp"
#include "partnerkit/stakeholders/measures.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::stakeholders;

namespace {

Partnership waves() {
  return loads(test::document(R"(
    "organizations": [{"id": "hub", "name": "Hub"}, {"id": "a", "name": "A"}, {"id": "b", "name": "B"},
                      {"id": "c", "name": "C"}, {"id": "d", "name": "D"}],
    "relationships": [
      {"source": "hub", "target": "a", "kind": "communication", "observed": "2027-01-10",
       "trust": {"reliability": 2, "mission": 2, "openness": 2}},
      {"source": "hub", "target": "b", "kind": "communication", "observed": "2027-01-10"},
      {"source": "a", "target": "b", "kind": "referral", "observed": "2027-01-10"},
      {"source": "hub", "target": "c", "kind": "funding", "observed": "2027-05-01",
       "trust": {"reliability": 4, "mission": 4, "openness": 4}},
      {"source": "c", "target": "d", "kind": "joint-work", "observed": "2027-05-02"},
      {"source": "a", "target": "b", "kind": "joint-work", "observed": "2027-05-03"}])"));
}

}  // namespace

TEST_CASE("compare: two days of one document", "[stakeholders][compare]") {
  Partnership p = waves();
  Comparison c = compare(p, test::day("2027-02-01"), test::day("2027-06-01"));
  CHECK(c.before_label == "2027-02-01");
  CHECK(c.after_label == "2027-06-01");
  CHECK(c.before.ties == 3);
  CHECK(c.after.ties == 5);
  CHECK(c.gained == std::vector<TiePair>{{"c", "d", {"joint-work"}}, {"c", "hub", {"funding"}}});
  CHECK(c.lost.empty());
  CHECK(c.kinds_changed == std::vector<TiePair>{{"a", "b", {"joint-work", "referral"}}});
  CHECK(c.before.isolates == std::vector<std::string>{"c", "d"});
  CHECK(c.no_longer_isolated == std::vector<std::string>{"c", "d"});
  CHECK(c.became_isolated.empty());
  // Density and centralization are the measures of each snapshot.
  Graph g(p, GraphOptions{.people = false});
  Graph before = g.as_of(test::day("2027-02-01")), after = g.as_of(test::day("2027-06-01"));
  CHECK(c.before.density == Approx(density(before)));
  CHECK(c.after.density == Approx(density(after)));
  CHECK(c.after.density == Approx(5.0 / 10.0));
  CHECK(c.after.betweenness_centralization == Approx(centralization(after, Centrality::betweenness)));
  CHECK(c.before.degree_centralization == Approx(centralization(before, Centrality::degree)));
  // Trust: one rated tie before (2), two after (2 and 4).
  CHECK(c.before.trust == Approx(2.0));
  CHECK(c.after.trust == Approx(3.0));
  CHECK_FALSE(c.before.value);
  // Before, nobody brokers (a triangle): no one is central; after, the hub and c are.
  CHECK(c.before.central.empty());
  CHECK(c.after.central == std::vector<std::string>{"hub", "c"});
  CHECK(c.became_central == std::vector<std::string>{"hub", "c"});
  REQUIRE(c.vertices.size() == 5);
  CHECK(c.vertices[3].id == "c");
  CHECK(c.vertices[3].degree_before == Approx(0.0));
  CHECK(c.vertices[3].degree_after == Approx(0.5));
  CHECK(c.vertices[1].trust_after == Approx(2.0));
}

TEST_CASE("compare: two documents, vertices added and removed, ties lost", "[stakeholders][compare]") {
  Partnership before = waves();
  Partnership after = waves();
  after.name = "Later";
  after.organizations.erase(after.organizations.begin() + 4);  // d leaves
  after.relationships.erase(after.relationships.begin() + 4);  // with its tie
  after.relationships.erase(after.relationships.begin() + 1);  // hub-b ends
  after.organizations.push_back({"e", "E", {}, false, Json::object()});
  Comparison c = compare(before, after);
  CHECK(c.after_label == "Later");
  CHECK(c.added == std::vector<std::string>{"e"});
  CHECK(c.removed == std::vector<std::string>{"d"});
  CHECK(c.lost == std::vector<TiePair>{{"b", "hub", {"communication"}}, {"c", "d", {"joint-work"}}});
  CHECK(c.gained.empty());
  CHECK(c.became_isolated.empty());  // e is new, not "became isolated"
  REQUIRE(c.vertices.size() == 6);
  CHECK(c.vertices.back().id == "e");
  CHECK_FALSE(c.vertices.back().degree_before);
  CHECK(c.vertices[4].id == "d");
  CHECK_FALSE(c.vertices[4].degree_after);
  auto j = to_json(c);
  CHECK(j["change"]["density"].get<double>() == Approx(c.after.density - c.before.density));
  CHECK(j["lost"][0].dump() == R"({"a":"b","b":"hub","kinds":["communication"]})");
  CHECK(j["vertices"][4]["degree_after"].is_null());
}
