// Measures against slow references from their definitions, on seeded random graphs and small
// fixtures. Agreement with NetworkX itself is tested in tests/python/test_graph_peers.py.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "stakeholders/reference.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::stakeholders;
namespace ref = partnerkit::test::graphs;

namespace {

void check_close(const std::vector<double>& got, const std::vector<double>& want, double rel = 1e-9) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("vertex " << i << ": " << got[i] << " vs " << want[i]);
    CHECK(std::abs(got[i] - want[i]) <= rel * std::max(1.0, std::abs(want[i])));
  }
}

struct Case {
  std::size_t n;
  double p;
  std::uint64_t seed;
  bool directed;
  bool weighted;
};

const std::vector<Case> cases = {{12, 0.25, 1, false, false}, {15, 0.2, 2, true, false}, {14, 0.3, 3, false, true},
                                 {13, 0.15, 4, true, true},   {20, 0.08, 5, false, false}, {9, 0.0, 6, false, false}};

Graph star(std::size_t n) {
  std::vector<std::pair<std::size_t, std::size_t>> ties;
  for (std::size_t i = 1; i < n; ++i) ties.emplace_back(0, i);
  return ref::make(n, ties);
}

}  // namespace

TEST_CASE("betweenness matches the definition on random graphs", "[stakeholders][measures]") {
  for (const Case& c : cases) {
    const Graph g = ref::random_graph(c.n, c.p, c.seed, c.directed, c.weighted);
    INFO("seed " << c.seed);
    const Weighting w = c.weighted ? Weighting::distance : Weighting::none;
    check_close(betweenness(g, w, true), ref::betweenness(g, w, true));
    check_close(betweenness(g, w, false), ref::betweenness(g, w, false));
    // Strengths 1, 2, 4 give lengths exact in binary (1/3 would make equal paths unequal).
    Graph powers;
    for (const auto& v : g.vertices()) powers.add_vertex(v);
    for (auto e : g.edges()) {
      if (e.weight == 3) e.weight = 4;
      powers.add_edge(e);
    }
    check_close(betweenness(powers, Weighting::strength), ref::betweenness(powers, Weighting::strength, true));
  }
}

TEST_CASE("betweenness is the same on repeated runs (deterministic reduction)", "[stakeholders][measures]") {
  const Graph g = ref::random_graph(300, 0.02, 11, false, true);
  const auto a = betweenness(g, Weighting::distance);
  CHECK(a == betweenness(g, Weighting::distance));
}

TEST_CASE("betweenness from chosen sources and closeness of chosen vertices", "[stakeholders][measures]") {
  for (const Case& c : cases) {
    const Graph g = ref::random_graph(c.n, c.p, c.seed, c.directed, c.weighted);
    INFO("seed " << c.seed);
    const Weighting w = c.weighted ? Weighting::distance : Weighting::none;
    // The sources split in two: the two sums add up to the whole (every scaling is linear).
    std::vector<std::size_t> even, odd, all;
    for (std::size_t v = 0; v < c.n; ++v) (v % 2 ? odd : even).push_back(v);
    for (std::size_t v = c.n; v-- > 0;) all.push_back(v);  // order does not matter
    for (bool normalized : {true, false}) {
      const auto whole = betweenness(g, w, normalized);
      const auto a = betweenness(g, even, w, normalized), b = betweenness(g, odd, w, normalized);
      const auto every = betweenness(g, all, w, normalized);
      for (std::size_t v = 0; v < c.n; ++v) {
        CHECK(a[v] + b[v] == Approx(whole[v]).margin(1e-12));
        CHECK(every[v] == Approx(whole[v]).margin(1e-12));
      }
    }
    const auto full = closeness(g, w);
    const auto some = closeness(g, odd, w);
    REQUIRE(some.size() == odd.size());
    for (std::size_t i = 0; i < odd.size(); ++i) CHECK(some[i] == full[odd[i]]);
  }
  const Graph g = ref::make(3, {{0, 1}, {1, 2}});
  CHECK(betweenness(g, std::vector<std::size_t>{}) == std::vector<double>{0, 0, 0});
  CHECK(betweenness(g, std::vector<std::size_t>{0}, Weighting::none, false) == std::vector<double>{0, 0.5, 0});
  CHECK(closeness(g, std::vector<std::size_t>{}).empty());
  CHECK_THROWS_WITH(betweenness(g, std::vector<std::size_t>{3}), "betweenness sources: vertex index 3 out of range (3 vertices)");
  CHECK_THROWS_WITH(closeness(g, std::vector<std::size_t>{1, 1}), "closeness vertices: vertex index 1 given twice");
}

TEST_CASE("closeness and harmonic match the definition (incoming distances)", "[stakeholders][measures]") {
  for (const Case& c : cases) {
    const Graph g = ref::random_graph(c.n, c.p, c.seed, c.directed, c.weighted);
    INFO("seed " << c.seed);
    const Weighting w = c.weighted ? Weighting::distance : Weighting::none;
    const auto r = ref::all_pairs(g, w);
    const std::size_t n = c.n;
    std::vector<double> close(n, 0.0), close_plain(n, 0.0), harm(n, 0.0);
    for (std::size_t v = 0; v < n; ++v) {
      double total = 0, reach = 0;
      for (std::size_t u = 0; u < n; ++u)
        if (std::isfinite(r.dist[u][v])) {
          total += r.dist[u][v];
          reach += 1;
          if (u != v) harm[v] += 1 / r.dist[u][v];
        }
      if (total > 0) {
        close_plain[v] = (reach - 1) / total;
        close[v] = close_plain[v] * (reach - 1) / static_cast<double>(n - 1);
      }
    }
    check_close(closeness(g, w), close);
    check_close(closeness(g, w, false), close_plain);
    check_close(harmonic(g, w), harm);
  }
}

TEST_CASE("degree centrality and density", "[stakeholders][measures]") {
  const Graph s = star(5);
  check_close(degree(s), {1, 0.25, 0.25, 0.25, 0.25});
  CHECK(density(s) == Approx(4.0 / 10.0));
  const Graph d = ref::make(3, {{0, 1}, {1, 0}, {1, 2}}, true);
  check_close(degree(d), {1, 1.5, 0.5});
  check_close(in_degree(d), {0.5, 0.5, 0.5});
  check_close(out_degree(d), {0.5, 1, 0});
  CHECK(density(d) == Approx(3.0 / 6.0));
  CHECK(density(ref::make(1, {})) == 0);
  CHECK(degree(ref::make(1, {})) == std::vector<double>{1.0});
}

TEST_CASE("PageRank matches a dense power iteration with dangling vertices and weights", "[stakeholders][measures]") {
  for (const Case& c : cases) {
    const Graph g = ref::random_graph(c.n, c.p, c.seed, c.directed, c.weighted);
    INFO("seed " << c.seed);
    const std::size_t n = c.n;
    std::vector<std::vector<double>> w(n, std::vector<double>(n, 0.0));
    for (const auto& e : g.edges()) {
      w[e.source][e.target] += e.weight;
      if (!e.directed) w[e.target][e.source] += e.weight;
    }
    std::vector<double> x(n, 1.0 / n);
    for (int it = 0; it < 3000; ++it) {
      std::vector<double> next(n, 0.15 / n);
      for (std::size_t u = 0; u < n; ++u) {
        double out = 0;
        for (double y : w[u]) out += y;
        for (std::size_t v = 0; v < n; ++v) next[v] += 0.85 * x[u] * (out > 0 ? w[u][v] / out : 1.0 / n);
      }
      x = next;
    }
    check_close(pagerank(g), x, 1e-10);
  }
  CHECK_THROWS_WITH(pagerank(star(4), {0.85, 1e-12, 1, true}), "PageRank did not converge in 1 iterations");
  CHECK_THROWS_WITH(pagerank(star(4), {1.5}), "PageRank alpha must be between 0 and 1");
}

TEST_CASE("eigenvector centrality is the unit leading eigenvector of A transposed", "[stakeholders][measures]") {
  for (const Case& c : cases) {
    if (c.p == 0.0) continue;
    const Graph g = ref::random_graph(c.n, c.p, c.seed, false, c.weighted);
    const auto x = eigenvector(g, c.weighted);
    double norm = 0;
    for (double y : x) norm += y * y;
    CHECK(norm == Approx(1.0));
    // A x = λ x on the vertices with a nonzero entry.
    std::vector<double> ax(x.size(), 0.0);
    for (const auto& e : g.edges()) {
      const double w = c.weighted ? e.weight : 1.0;
      ax[e.target] += w * x[e.source];
      ax[e.source] += w * x[e.target];
    }
    const std::size_t top = static_cast<std::size_t>(std::max_element(x.begin(), x.end()) - x.begin());
    const double lambda = ax[top] / x[top];
    for (std::size_t v = 0; v < x.size(); ++v) CHECK(std::abs(ax[v] - lambda * x[v]) < 1e-9);
  }
  // The star: centre 1/√2, leaves 1/√(2(n-1)).
  const auto x = eigenvector(star(5));
  CHECK(x[0] == Approx(std::sqrt(0.5)).epsilon(1e-12));
  CHECK(x[1] == Approx(std::sqrt(1.0 / 8)).epsilon(1e-12));
  CHECK_THROWS_WITH(eigenvector(ref::make(3, {})), "eigenvector centrality is not defined for a graph with no tie");
}

TEST_CASE("Freeman centralization: 1 for a star, 0 for a complete graph", "[stakeholders][measures]") {
  for (auto which : {Centrality::degree, Centrality::betweenness, Centrality::closeness}) {
    CHECK(centralization(star(6), which) == Approx(1.0));
    CHECK(centralization(ref::make(4, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}}), which) == Approx(0.0).margin(1e-12));
    CHECK(centralization(ref::make(2, {{0, 1}}), which) == 0.0);
  }
  // A path of 4: degree (2/3 - 1/3)·2 / 2 = 1/3.
  CHECK(centralization(ref::make(4, {{0, 1}, {1, 2}, {2, 3}}), Centrality::degree) == Approx(1.0 / 3));
}

TEST_CASE("reciprocity", "[stakeholders][measures]") {
  CHECK(reciprocity(ref::make(3, {{0, 1}, {1, 0}, {1, 2}}, true)) == Approx(2.0 / 3));
  CHECK(reciprocity(star(3)) == 1.0);
  CHECK_FALSE(reciprocity(ref::make(3, {})));
}

TEST_CASE("components, articulation points and bridges match removal tests", "[stakeholders][measures]") {
  for (const Case& c : cases) {
    const Graph g = ref::random_graph(c.n, c.p * 0.6, c.seed, c.directed, false);
    INFO("seed " << c.seed);
    const std::size_t base = ref::component_count(g);
    const Components weak = weak_components(g);
    CHECK(weak.count == base);
    for (const auto& e : g.edges()) CHECK(weak.component[e.source] == weak.component[e.target]);
    std::vector<std::size_t> cut;
    for (std::size_t v = 0; v < c.n; ++v) {
      // Removing v disconnects its component: more components among the other vertices, unless
      // v was isolated (one fewer component then).
      const bool isolated = std::none_of(g.edges().begin(), g.edges().end(), [&](const auto& e) { return e.source == v || e.target == v; });
      if (!isolated && ref::component_count(g, v) > base) cut.push_back(v);
    }
    CHECK(articulation_points(g) == cut);
    std::set<std::pair<std::size_t, std::size_t>> pairs;
    for (const auto& e : g.edges()) pairs.insert({std::min(e.source, e.target), std::max(e.source, e.target)});
    std::vector<std::pair<std::size_t, std::size_t>> cut_ties;
    for (const auto& pr : pairs)
      if (ref::component_count(g, SIZE_MAX, pr) > base) cut_ties.push_back(pr);
    CHECK(bridges(g) == cut_ties);
  }
}

TEST_CASE("strong components and component numbering", "[stakeholders][measures]") {
  // 0 -> 1 -> 2 -> 0 cycle, 2 -> 3, 4 alone, 5 <-> 3 undirected.
  Graph g = ref::make(6, {{0, 1}, {1, 2}, {2, 0}, {2, 3}}, true);
  Edge e;
  e.source = 5;
  e.target = 3;
  g.add_edge(e);
  const Components s = strong_components(g);
  CHECK(s.count == 3);
  CHECK(s.component == std::vector<std::size_t>{0, 0, 0, 1, 2, 1});
  CHECK(s.groups() == std::vector<std::vector<std::size_t>>{{0, 1, 2}, {3, 5}, {4}});
  const Components w = weak_components(g);
  CHECK(w.count == 2);
  CHECK(w.component == std::vector<std::size_t>{0, 0, 0, 0, 1, 0});
  CHECK(isolates(g) == std::vector<std::size_t>{4});
}

TEST_CASE("components, articulation points and bridges of 100,000-vertex paths and cycles", "[stakeholders][measures]") {
  // A depth-first search that recursed would go 100,000 calls deep here.
  const std::size_t n = 100000;
  std::vector<std::pair<std::size_t, std::size_t>> path;
  for (std::size_t v = 0; v + 1 < n; ++v) path.emplace_back(v, v + 1);
  for (bool directed : {false, true}) {
    INFO("directed " << directed);
    const Graph g = ref::make(n, path, directed);
    const Components weak = weak_components(g);
    CHECK(weak.count == 1);
    CHECK(std::all_of(weak.component.begin(), weak.component.end(), [](std::size_t c) { return c == 0; }));
    const auto cut = articulation_points(g);
    REQUIRE(cut.size() == n - 2);  // every inner vertex
    CHECK(cut.front() == 1);
    CHECK(cut.back() == n - 2);
    const auto ties = bridges(g);
    REQUIRE(ties.size() == n - 1);  // every tie
    CHECK(ties == path);
    if (directed) CHECK(strong_components(g).count == n);
  }
  // Closing the path into a cycle leaves no cut vertex and no bridge; a tail of 50,000 more
  // vertices hung on vertex 0 cuts at 0 and along the tail.
  auto cycle = path;
  cycle.emplace_back(0, n - 1);
  CHECK(articulation_points(ref::make(n, cycle)).empty());
  CHECK(bridges(ref::make(n, cycle)).empty());
  auto lollipop = cycle;
  lollipop.emplace_back(0, n);
  for (std::size_t v = n; v + 1 < n + n / 2; ++v) lollipop.emplace_back(v, v + 1);
  const Graph g = ref::make(n + n / 2, lollipop);
  const auto cut = articulation_points(g);
  REQUIRE(cut.size() == n / 2);  // 0 and the tail but its end
  CHECK(cut.front() == 0);
  CHECK(cut[1] == n);
  CHECK(cut.back() == n + n / 2 - 2);
  const auto ties = bridges(g);
  REQUIRE(ties.size() == n / 2);
  CHECK(ties.front() == std::pair<std::size_t, std::size_t>{0, n});
  CHECK(weak_components(g).count == 1);
}

TEST_CASE("directed graphs: weak components, articulation points and bridges of the symmetrized graph", "[stakeholders][measures]") {
  // 0 -> 1 <- 2 (1 reached from both, reaching neither), 3 -> 4 and 4 -> 3 (two arcs, one tie),
  // 5 -> 6 -> 7 -> 5 (a directed cycle), 8 alone.
  const Graph g = ref::make(9, {{0, 1}, {2, 1}, {3, 4}, {4, 3}, {5, 6}, {6, 7}, {7, 5}}, true);
  const Components weak = weak_components(g);
  CHECK(weak.count == 4);
  CHECK(weak.component == std::vector<std::size_t>{0, 0, 0, 1, 1, 2, 2, 2, 3});
  CHECK(weak.groups() == std::vector<std::vector<std::size_t>>{{0, 1, 2}, {3, 4}, {5, 6, 7}, {8}});
  CHECK(strong_components(g).count == 6);  // {0}, {1}, {2}, {3, 4}, {5, 6, 7}, {8}
  CHECK(articulation_points(g) == std::vector<std::size_t>{1});
  CHECK(bridges(g) == std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}, {1, 2}, {3, 4}});
  // An empty graph and a graph without ties.
  CHECK(weak_components(Graph()).count == 0);
  CHECK(articulation_points(Graph()).empty());
  CHECK(weak_components(ref::make(3, {})).count == 3);
  CHECK(bridges(ref::make(3, {})).empty());
}

TEST_CASE("local bridges and their span", "[stakeholders][measures]") {
  // Two triangles 0-1-2 and 3-4-5 joined by 2-3, plus a square 2-6-7-3 around the join.
  const Graph g = ref::make(8, {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}, {2, 3}, {2, 6}, {6, 7}, {7, 3}});
  const auto lb = local_bridges(g);
  std::vector<std::tuple<std::size_t, std::size_t, long>> got;
  for (const auto& b : lb) got.emplace_back(b.u, b.v, b.span ? static_cast<long>(*b.span) : -1);
  CHECK(got == std::vector<std::tuple<std::size_t, std::size_t, long>>{{2, 3, 3}, {2, 6, 3}, {3, 7, 3}, {6, 7, 3}});
  const auto path = local_bridges(ref::make(3, {{0, 1}, {1, 2}}));
  REQUIRE(path.size() == 2);
  CHECK_FALSE(path[0].span);
}

TEST_CASE("Gould-Fernandez brokerage roles", "[stakeholders][measures]") {
  // Categories: v0 c0, v1 c1, v2 c2, v3 c0, v4 c1 (make() gives c{i % 3}).
  // Directed paths through 1: 0->1->2 (liaison), 3->1->4? 4 is c1: 3 (c0) -> 1 (c1) -> 4 (c1): gatekeeper.
  // 4->1->0: representative (4, 1 in c1; 0 in c0). 0->1->3: consultant (0, 3 in c0; 1 in c1).
  const Graph g = ref::make(5, {{0, 1}, {1, 2}, {3, 1}, {1, 4}, {4, 1}, {1, 0}, {1, 3}}, true);
  const auto b = brokerage(g);
  Brokerage want;
  // In: 0, 3, 4. Out: 0, 2, 3, 4 (no tie among the others).
  // a=0: c=2 liaison, c=3 consultant, c=4 representative? a=0 (c0), b=1 (c1), c=4 (c1): gatekeeper.
  // a=3: c=0 consultant, c=2 liaison, c=4 gatekeeper.  a=4: c=0 representative, c=2 representative, c=3 representative.
  want.liaison = 2;
  want.consultant = 2;
  want.gatekeeper = 2;
  want.representative = 3;
  CHECK(b[1] == want);
  CHECK(b[1].between_categories() == 9);
  CHECK(b[0].total() == 0);
}

TEST_CASE("trust and value: means over raters, missing items listed", "[stakeholders][measures]") {
  Graph g = ref::make(3, {});
  Edge e1;
  e1.source = 0;
  e1.target = 2;
  e1.trust = TrustScores{4, 3, 2};
  e1.value = ValueScores{1, std::nullopt, 3};
  g.add_edge(e1);
  Edge e2;
  e2.source = 1;
  e2.target = 2;
  e2.trust = TrustScores{2, 2, std::nullopt};
  g.add_edge(e2);
  Edge e3;
  e3.source = 2;
  e3.target = 0;
  e3.value = ValueScores{};
  g.add_edge(e3);
  const ScoreReport r = trust_and_value(g);
  CHECK(r.vertices[2].trust == Approx((3.0 + 2.0) / 2));
  CHECK(r.vertices[2].trust_raters == 2);
  CHECK(r.vertices[2].value == Approx(2.0));
  CHECK(r.vertices[2].value_raters == 1);
  CHECK_FALSE(r.vertices[0].value);  // rated with every item missing: no score, not 0
  CHECK_FALSE(r.vertices[1].trust);
  CHECK(r.network_trust == Approx(2.5));
  CHECK(r.network_value == Approx(2.0));
  CHECK(r.trust_ties == 2);
  CHECK(r.value_ties == 1);
  std::vector<std::pair<std::size_t, std::string>> missing;
  for (const auto& m : r.missing) missing.emplace_back(m.edge, m.item);
  CHECK(missing == std::vector<std::pair<std::size_t, std::string>>{
                       {0, "resources"}, {1, "openness"}, {2, "power"}, {2, "resources"}, {2, "involvement"}});
  Edge bad;
  bad.trust = TrustScores{};
  bad.trust->reliability = 5;
  g.add_edge(bad);
  CHECK_THROWS_WITH(trust_and_value(g), "tie 3: reliability must be between 1 and 4, got 5");
}

TEST_CASE("measures on the SNAP email-Eu-core graph: components and cut vertices", "[stakeholders][measures]") {
  const Graph g = ref::edge_list(partnerkit::test::data("graphs/email-Eu-core.txt").string(), 1005, false);
  // README: as an undirected simple graph without self loops, 16,064 ties.
  CHECK(g.csr().arc_count() == 2 * 16064);
  const Components weak = weak_components(g);
  std::size_t largest = 0;
  for (const auto& group : weak.groups()) largest = std::max(largest, group.size());
  CHECK(largest == 986);  // SNAP: largest weakly connected component of 986 nodes
  const auto cut = articulation_points(g);
  for (std::size_t v : cut) CHECK(ref::component_count(g, v) > weak.count);
}
