#include "stakeholders/reference.hpp"

#include <algorithm>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

namespace partnerkit::test::graphs {

using stakeholders::Weighting;

Graph make(std::size_t n, const std::vector<std::pair<std::size_t, std::size_t>>& ties, bool directed,
           const std::vector<double>& weights, std::size_t categories) {
  Graph g;
  for (std::size_t i = 0; i < n; ++i) {
    Vertex v;
    v.id = "v" + std::to_string(i);
    v.name = "Vertex " + std::to_string(i);
    v.category = "c" + std::to_string(i % categories);
    g.add_vertex(v);
  }
  for (std::size_t i = 0; i < ties.size(); ++i) {
    Edge e;
    e.source = ties[i].first;
    e.target = ties[i].second;
    e.directed = directed;
    e.weight = weights.empty() ? 1.0 : weights[i];
    g.add_edge(e);
  }
  return g;
}

Graph random_graph(std::size_t n, double p, std::uint64_t seed, bool directed, bool weighted) {
  std::mt19937_64 rng(seed);
  std::vector<std::pair<std::size_t, std::size_t>> ties;
  std::vector<double> weights;
  for (std::size_t u = 0; u < n; ++u)
    for (std::size_t v = directed ? 0 : u + 1; v < n; ++v) {
      if (u == v) continue;
      const double x = static_cast<double>(rng() >> 11) / 9007199254740992.0;
      if (x < p) {
        ties.emplace_back(u, v);
        weights.push_back(weighted ? static_cast<double>(1 + rng() % 3) : 1.0);
      }
    }
  return make(n, ties, directed, weights);
}

Graph edge_list(const std::string& path, std::size_t n, bool directed) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<std::pair<std::size_t, std::size_t>> ties;
  std::set<std::pair<std::size_t, std::size_t>> seen;
  std::size_t u, v;
  while (in >> u >> v) {
    auto key = directed ? std::pair{u, v} : std::pair{std::min(u, v), std::max(u, v)};
    if (seen.insert(key).second) ties.push_back(key);
  }
  return make(n, ties, directed, {}, 1);
}

AllPairs all_pairs(const Graph& g, Weighting weighting) {
  const std::size_t n = g.vertex_count();
  const double inf = std::numeric_limits<double>::infinity();
  AllPairs r{std::vector<std::vector<double>>(n, std::vector<double>(n, inf)),
             std::vector<std::vector<double>>(n, std::vector<double>(n, 0.0))};
  // Arc lengths of the simple graph (parallel ties merged with summed weights, like the library).
  std::vector<std::vector<double>> w(n, std::vector<double>(n, 0.0));
  for (const Edge& e : g.edges()) {
    if (e.source == e.target) continue;
    w[e.source][e.target] += e.weight;
    if (!e.directed) w[e.target][e.source] += e.weight;
  }
  auto len = [&](std::size_t a, std::size_t b) {
    return weighting == Weighting::none ? 1.0 : weighting == Weighting::distance ? w[a][b] : 1.0 / w[a][b];
  };
  for (std::size_t s = 0; s < n; ++s) {
    r.dist[s][s] = 0;
    for (std::size_t t = 0; t < n; ++t)
      if (w[s][t] > 0) r.dist[s][t] = len(s, t);
  }
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        if (r.dist[i][k] + r.dist[k][j] < r.dist[i][j]) r.dist[i][j] = r.dist[i][k] + r.dist[k][j];
  // Path counts: σ_st = Σ over last arcs (u,t) on a shortest path of σ_su, in order of distance.
  for (std::size_t s = 0; s < n; ++s) {
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return r.dist[s][a] < r.dist[s][b]; });
    r.count[s][s] = 1;
    for (std::size_t t : order) {
      if (t == s || r.dist[s][t] == inf) continue;
      for (std::size_t u = 0; u < n; ++u)
        if (w[u][t] > 0 && r.dist[s][u] + len(u, t) == r.dist[s][t]) r.count[s][t] += r.count[s][u];
    }
  }
  return r;
}

std::vector<double> betweenness(const Graph& g, Weighting weighting, bool normalized) {
  const std::size_t n = g.vertex_count();
  const AllPairs r = all_pairs(g, weighting);
  std::vector<double> b(n, 0.0);
  for (std::size_t s = 0; s < n; ++s)
    for (std::size_t t = 0; t < n; ++t) {
      if (s == t || r.count[s][t] == 0) continue;
      for (std::size_t v = 0; v < n; ++v)
        if (v != s && v != t && r.dist[s][v] + r.dist[v][t] == r.dist[s][t])
          b[v] += r.count[s][v] * r.count[v][t] / r.count[s][t];
    }
  const double nn = static_cast<double>(n);
  for (double& x : b) {
    if (normalized) x /= (nn - 1) * (nn - 2);
    else if (!g.directed()) x /= 2;
  }
  return b;
}

std::size_t component_count(const Graph& g, std::size_t without_vertex, std::pair<std::size_t, std::size_t> without_pair) {
  const std::size_t n = g.vertex_count();
  std::vector<std::size_t> parent(n);
  for (std::size_t i = 0; i < n; ++i) parent[i] = i;
  auto find = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const Edge& e : g.edges()) {
    if (e.source == without_vertex || e.target == without_vertex) continue;
    const auto key = std::pair{std::min(e.source, e.target), std::max(e.source, e.target)};
    if (key == without_pair) continue;
    parent[find(e.source)] = find(e.target);
  }
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (i != without_vertex && find(i) == i) ++count;
  return count;
}

}  // namespace partnerkit::test::graphs
