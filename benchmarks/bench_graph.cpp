// Stakeholder graph measures on a seeded collaboration network with planted communities
// (communities of 50, mean degree 10, 80% of ties inside a community). BM_<measure>/<vertices>.
#include <benchmark/benchmark.h>

#include <map>
#include <random>
#include <set>

#include "partnerkit/stakeholders.hpp"

namespace {

using namespace partnerkit::stakeholders;

const Graph& network(std::size_t n) {
  static std::map<std::size_t, Graph> cache;
  auto it = cache.find(n);
  if (it != cache.end()) return it->second;
  std::mt19937_64 rng(7);
  std::set<std::pair<std::size_t, std::size_t>> ties;
  const std::size_t target = n * 5, inside = target * 8 / 10, size = 50;
  while (ties.size() < inside) {
    const std::size_t base = (rng() % ((n + size - 1) / size)) * size;
    const std::size_t span = std::min(size, n - base);
    const std::size_t u = base + rng() % span, v = base + rng() % span;
    if (u != v) ties.insert({std::min(u, v), std::max(u, v)});
  }
  while (ties.size() < target) {
    const std::size_t u = rng() % n, v = rng() % n;
    if (u != v) ties.insert({std::min(u, v), std::max(u, v)});
  }
  Graph g;
  for (std::size_t i = 0; i < n; ++i) {
    Vertex v;
    v.id = std::to_string(i);
    v.category = "c" + std::to_string(i % 7);
    g.add_vertex(std::move(v));
  }
  for (auto [u, v] : ties) {
    Edge e;
    e.source = u;
    e.target = v;
    e.weight = 1.0 + static_cast<double>((u + v) % 3);
    g.add_edge(std::move(e));
  }
  g.csr(Arcs::out);
  g.csr(Arcs::in);
  g.csr(Arcs::both);
  return cache.emplace(n, std::move(g)).first->second;
}

void BM_Betweenness(benchmark::State& state) {
  const Graph& g = network(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(betweenness(g));
}
void BM_BetweennessWeighted(benchmark::State& state) {
  const Graph& g = network(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(betweenness(g, Weighting::distance));
}
void BM_Closeness(benchmark::State& state) {
  const Graph& g = network(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(closeness(g));
}
void BM_PageRank(benchmark::State& state) {
  const Graph& g = network(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(pagerank(g));
}
void BM_Eigenvector(benchmark::State& state) {
  const Graph& g = network(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(eigenvector(g));
}
void BM_Components(benchmark::State& state) {
  const Graph& g = network(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(weak_components(g));
}
void BM_ArticulationPoints(benchmark::State& state) {
  const Graph& g = network(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(articulation_points(g));
}
void BM_Bridges(benchmark::State& state) {
  const Graph& g = network(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(bridges(g));
}
void BM_LocalBridges(benchmark::State& state) {
  const Graph& g = network(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(local_bridges(g));
}
void BM_Brokerage(benchmark::State& state) {
  const Graph& g = network(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(brokerage(g));
}
void BM_Louvain(benchmark::State& state) {
  const Graph& g = network(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(communities(g));
}
void BM_Csr(benchmark::State& state) {
  const Graph& g = network(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    Graph copy = g.with_min_weight(0.0);  // a fresh graph: nothing kept yet
    benchmark::DoNotOptimize(copy.csr().arc_count());
  }
}

}  // namespace

BENCHMARK(BM_Betweenness)->Arg(2000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BetweennessWeighted)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Closeness)->Arg(2000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PageRank)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Eigenvector)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Components)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ArticulationPoints)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Bridges)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LocalBridges)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Brokerage)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Louvain)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Csr)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
