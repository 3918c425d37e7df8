// Communities: modularity from its definition, Louvain on planted partitions, seeds.
#include <catch2/catch.hpp>

#include "stakeholders/reference.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::stakeholders;
namespace ref = partnerkit::test::graphs;

namespace {

/// k cliques of size s, clique i joined to clique i+1 by one tie.
Graph ring_of_cliques(std::size_t k, std::size_t s) {
  std::vector<std::pair<std::size_t, std::size_t>> ties;
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t i = 0; i < s; ++i)
      for (std::size_t j = i + 1; j < s; ++j) ties.emplace_back(c * s + i, c * s + j);
    ties.emplace_back(c * s, ((c + 1) % k) * s + 1);
  }
  return ref::make(k * s, ties);
}

}  // namespace

TEST_CASE("modularity from its definition", "[stakeholders][community]") {
  // Two triangles joined by one tie: m = 7, each side has 3 inside and degree 7.
  const Graph g = ref::make(6, {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}, {2, 3}});
  CHECK(modularity(g, {0, 0, 0, 1, 1, 1}) == Approx(2 * (3.0 / 7 - (7.0 / 14) * (7.0 / 14))));
  CHECK(modularity(g, {0, 0, 0, 0, 0, 0}) == Approx(0.0).margin(1e-15));
  CHECK(modularity(g, {0, 0, 0, 1, 1, 1}, 0.5) == Approx(2 * (3.0 / 7 - 0.5 * 0.25)));
  CHECK_THROWS_WITH(modularity(g, {0, 1}), "modularity: membership has 2 entries for 6 vertices");
  CHECK(modularity(ref::make(3, {}), {0, 1, 2}) == 0.0);
}

TEST_CASE("Louvain finds planted cliques and reports their modularity", "[stakeholders][community]") {
  const Graph g = ring_of_cliques(8, 5);
  const Communities c = communities(g);
  REQUIRE(c.count == 8);
  for (std::size_t k = 0; k < 8; ++k)
    for (std::size_t i = 0; i < 5; ++i) CHECK(c.membership[k * 5 + i] == k);
  CHECK(c.modularity == Approx(modularity(g, c.membership)));
  CHECK(c.groups()[0] == std::vector<std::size_t>{0, 1, 2, 3, 4});
}

TEST_CASE("Louvain is deterministic for a seed and handles isolates and empty graphs", "[stakeholders][community]") {
  const Graph g = ref::random_graph(200, 0.03, 7, false, true);
  const Communities a = communities(g, {42});
  const Communities b = communities(g, {42});
  CHECK(a.membership == b.membership);
  CHECK(a.modularity == b.modularity);
  CHECK(a.modularity > 0.3);
  const Communities none = communities(ref::make(3, {}));
  CHECK(none.count == 3);
  CHECK(none.modularity == 0.0);
  CHECK(communities(Graph{}).count == 0);
}

TEST_CASE("Louvain on email-Eu-core: no vertex can improve by moving alone", "[stakeholders][community]") {
  const Graph g = ref::edge_list(partnerkit::test::data("graphs/email-Eu-core.txt").string(), 1005, false);
  const Communities c = communities(g, {1});
  CHECK(c.modularity > 0.40);  // igraph's multilevel reaches about 0.43 (tests/python/test_graph_peers.py)
  // Local optimum: moving any single vertex to a neighbour's community does not raise modularity.
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 30; ++trial) {
    const std::size_t v = rng() % g.vertex_count();
    for (const auto& e : g.edges()) {
      if (e.source != v) continue;
      auto moved = c.membership;
      moved[v] = c.membership[e.target];
      CHECK(modularity(g, moved) <= c.modularity + 1e-12);
      break;
    }
  }
}
