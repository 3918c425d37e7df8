// The stakeholder graph: built from a partnership, views, CSR form, bad input.
#include <catch2/catch.hpp>

#include "partnerkit/stakeholders/boost.hpp"
#include "stakeholders/reference.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::stakeholders;
using partnerkit::test::day;

namespace {

Partnership small_partnership() {
  Partnership p;
  p.name = "Test";
  p.organizations = {{"chapter", "CAC Chapter", "cac-chapter", true, Json::object()},
                     {"voca", "VOCA Administrator", "voca-administrator", true, Json::object()},
                     {"court", "State Court", "court", false, Json::object()}};
  Person ed;
  ed.id = "ed";
  ed.name = "A. Rivera";
  ed.organization = "chapter";
  ed.decision_maker = true;
  Person clerk;
  clerk.id = "clerk";
  clerk.name = "B. Chen";
  clerk.organization = "court";
  p.people = {ed, clerk};
  Relationship r1;
  r1.source = "voca";
  r1.target = "chapter";
  r1.kind = "funding";
  r1.weight = 3;
  r1.directed = true;
  r1.observed = day("2027-02-15");
  Relationship r2;
  r2.source = "chapter";
  r2.target = "court";
  r2.kind = "communication";
  r2.observed = day("2027-05-01");
  Relationship r3;
  r3.source = "ed";
  r3.target = "clerk";
  r3.kind = "referral";
  r3.weight = 0.5;
  p.relationships = {r1, r2, r3};
  return p;
}

std::vector<std::string> kinds(const Graph& g) {
  std::vector<std::string> out;
  for (const auto& e : g.edges()) out.push_back(e.kind);
  return out;
}

}  // namespace

TEST_CASE("graph from a partnership: organizations, people, membership and relationship ties", "[stakeholders][graph]") {
  const Graph g(small_partnership());
  REQUIRE(g.vertex_count() == 5);
  CHECK(g.vertex(0).id == "chapter");
  CHECK(g.vertex(0).kind == VertexKind::organization);
  CHECK(g.vertex(0).core);
  const Vertex& ed = g.vertex(g.index("ed"));
  CHECK(ed.kind == VertexKind::person);
  CHECK(ed.organization == std::optional<std::string>("chapter"));
  CHECK(ed.category == std::optional<std::string>("cac-chapter"));
  CHECK(ed.decision_maker);
  CHECK(ed.core);
  CHECK_FALSE(g.vertex(g.index("clerk")).core);
  CHECK(to_string(VertexKind::person) == "person");
  // Two membership ties, then the three relationships.
  CHECK(kinds(g) == std::vector<std::string>{"membership", "membership", "funding", "communication", "referral"});
  CHECK(g.edge(0).source == g.index("ed"));
  CHECK(g.edge(0).target == g.index("chapter"));
  CHECK_FALSE(g.edge(0).relationship);
  CHECK(g.edge(2).relationship == std::optional<std::size_t>(0));
  CHECK(g.edge(2).directed);
  CHECK(g.edge(2).weight == 3);
  CHECK(g.directed());
  CHECK(g.find("nobody") == std::nullopt);
  CHECK_THROWS_WITH(g.index("nobody"), "unknown vertex id 'nobody'");
}

TEST_CASE("graph without people moves their ties to their organizations", "[stakeholders][graph]") {
  const Graph g(small_partnership(), GraphOptions{false});
  REQUIRE(g.vertex_count() == 3);
  REQUIRE(g.edge_count() == 3);
  CHECK(g.edge(2).kind == "referral");
  CHECK(g.edge(2).source == g.index("chapter"));
  CHECK(g.edge(2).target == g.index("court"));
}

TEST_CASE("graph reports every unknown id and bad weight with its pointer", "[stakeholders][graph]") {
  Partnership p = small_partnership();
  p.relationships[0].target = "nowhere";
  p.relationships[2].weight = -1;
  p.people[1].organization = "gone";
  try {
    Graph g(p);
    FAIL("no ValidationError");
  } catch (const ValidationError& e) {
    std::vector<std::string> got;
    for (const auto& i : e.errors()) got.push_back(i.str());
    CHECK(got == std::vector<std::string>{
                     "<partnership>: /people/1/organization: expected a known organization id, got 'gone'",
                     "<partnership>: /relationships/0/target: expected a known organization or person id, got 'nowhere'",
                     "<partnership>: /relationships/2/target: expected a known organization or person id, got 'clerk'",
                     "<partnership>: /relationships/2/weight: expected a positive finite weight"});
  }
}

TEST_CASE("graph add_vertex and add_edge reject bad input", "[stakeholders][graph]") {
  auto vertex = [](std::string id) {
    Vertex v;
    v.id = std::move(id);
    return v;
  };
  Graph g;
  g.add_vertex(vertex("a"));
  CHECK_THROWS_WITH(g.add_vertex(vertex("a")), "duplicate vertex id 'a'");
  CHECK_THROWS_WITH(g.add_vertex(vertex("")), "a vertex needs a non-empty id");
  Edge e;
  e.target = 3;
  CHECK_THROWS_WITH(g.add_edge(e), "tie endpoint out of range: 0 -> 3 in a graph of 1 vertices");
  e.target = 0;
  e.weight = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(g.add_edge(e), "a tie's weight must be a positive finite number");
  e.weight = 0;
  CHECK_THROWS(g.add_edge(e));
}

TEST_CASE("graph views: kinds, snapshot by date, minimum weight, organizations, subgraph", "[stakeholders][graph]") {
  const Graph g(small_partnership());
  CHECK(kinds(g.with_kinds({"funding", "referral"})) == std::vector<std::string>{"funding", "referral"});
  CHECK(g.with_kinds({"funding"}).vertex_count() == 5);
  // As of 2027-03-01 the communication tie (observed 2027-05-01) is not there yet.
  CHECK(kinds(g.as_of(day("2027-03-01"))) == std::vector<std::string>{"membership", "membership", "funding", "referral"});
  CHECK(kinds(g.as_of(day("2027-03-01"), false)) == std::vector<std::string>{"funding"});
  CHECK(kinds(g.as_of(day("2027-05-01"), false)) == std::vector<std::string>{"funding", "communication"});
  CHECK(kinds(g.with_min_weight(1.0)) == std::vector<std::string>{"membership", "membership", "funding", "communication"});
  CHECK(kinds(g.with_min_weight(2.0)) == std::vector<std::string>{"funding"});
  const Graph orgs = g.organizations_only();
  CHECK(orgs.vertex_count() == 3);
  CHECK(kinds(orgs) == std::vector<std::string>{"funding", "communication"});
  const Graph sub = g.subgraph({g.index("court"), g.index("chapter")});
  REQUIRE(sub.vertex_count() == 2);
  CHECK(sub.vertex(0).id == "court");
  REQUIRE(sub.edge_count() == 1);
  CHECK(sub.edge(0).source == 1);
  CHECK(sub.edge(0).target == 0);
  CHECK_THROWS_WITH(g.subgraph({1, 1}), "subgraph: vertex index 1 given twice");
  CHECK_THROWS_WITH(g.subgraph({9}), "subgraph: vertex index 9 out of range");
}

TEST_CASE("symmetrized view merges ties of a pair and drops self-ties", "[stakeholders][graph]") {
  auto g = partnerkit::test::graphs::make(3, {{0, 1}, {1, 0}, {1, 2}, {2, 2}}, true, {1, 2, 5, 1});
  const Graph s = g.symmetrized();
  CHECK_FALSE(s.directed());
  REQUIRE(s.edge_count() == 2);
  CHECK(s.edge(0).weight == 3);
  CHECK(s.edge(1).weight == 5);
}

TEST_CASE("CSR form: sorted arcs, parallel ties merged, undirected ties both ways", "[stakeholders][graph]") {
  // 0-1 undirected twice (weights 1 and 2), 1->2 directed, 2-2 self-tie.
  Graph g = partnerkit::test::graphs::make(3, {{0, 1}, {1, 0}, {2, 2}}, false, {1, 2, 1});
  Edge d;
  d.source = 1;
  d.target = 2;
  d.directed = true;
  d.weight = 4;
  g.add_edge(d);
  const Csr out = g.csr();
  CHECK(out.directed);
  CHECK(out.offsets == std::vector<std::uint32_t>{0, 1, 3, 3});
  CHECK(out.targets == std::vector<std::uint32_t>{1, 0, 2});
  CHECK(out.weights == std::vector<double>{3, 3, 4});
  const Csr in = g.csr(Arcs::in);
  CHECK(in.offsets == std::vector<std::uint32_t>{0, 1, 2, 3});
  CHECK(in.targets == std::vector<std::uint32_t>{1, 0, 1});
  CHECK(in.vertex_count() == 3);
  CHECK(in.arc_count() == 3);
  const Csr& both = g.csr(Arcs::both);
  CHECK_FALSE(both.directed);
  CHECK(both.offsets == std::vector<std::uint32_t>{0, 1, 3, 4});
  CHECK(both.targets == std::vector<std::uint32_t>{1, 0, 2, 1});
  CHECK(both.weights == std::vector<double>{3, 3, 4, 4});
  // The kept form follows changes to the graph.
  Edge more;
  more.source = 0;
  more.target = 2;
  g.add_edge(more);
  CHECK(g.csr().arc_count() == 5);
  CHECK(g.csr(Arcs::both).arc_count() == 6);
  // A copy changed before either builds its form keeps its own.
  Graph copy = g;
  Graph other = g.with_min_weight(0.0);
  Graph other_copy = other;
  other_copy.add_edge(more);
  CHECK(other.csr().arc_count() == 5);
  CHECK(other_copy.csr().arc_count() == 5);  // merged with the 0-2 tie already there
  CHECK(other_copy.csr().weights[1] == 2);
  CHECK(copy.csr().arc_count() == 5);
}

TEST_CASE("Boost adjacency_list form keeps the bundled properties", "[stakeholders][graph]") {
  const Graph g(small_partnership());
  const auto u = to_boost_undirected(g);
  CHECK(boost::num_vertices(u) == 5);
  CHECK(boost::num_edges(u) == 5);
  CHECK(u[0].name == "CAC Chapter");
  const auto d = to_boost_directed(g);
  CHECK(boost::num_edges(d) == 9);  // the funding tie once, the four undirected ties twice
  std::size_t funding = 0;
  for (auto [it, end] = boost::edges(d); it != end; ++it)
    if (d[*it].kind == "funding") ++funding;
  CHECK(funding == 1);
}
