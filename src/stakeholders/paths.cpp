// Shortest-path measures over the CSR arrays: betweenness (Brandes), closeness, harmonic.
// Sources are split into a fixed number of chunks run in parallel by oneTBB; each chunk has its
// own workspace and accumulator, and the accumulators are added in chunk order, so the result
// does not depend on the number of threads or on scheduling.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <queue>
#include <vector>

#include "partnerkit/stakeholders/measures.hpp"

namespace partnerkit::stakeholders {
namespace {

using u32 = std::uint32_t;

/// Arc lengths for a weighting (empty for Weighting::none).
std::vector<double> lengths(const Csr& c, Weighting weighting) {
  std::vector<double> len;
  if (weighting == Weighting::none) return len;
  len.resize(c.arc_count());
  for (std::size_t i = 0; i < len.size(); ++i) len[i] = weighting == Weighting::distance ? c.weights[i] : 1.0 / c.weights[i];
  return len;
}

/// One single-source shortest-path search: distances, path counts and the order vertices were
/// reached in. Reset touches only the vertices reached.
struct Search {
  const Csr& c;
  const std::vector<double>& len;  // empty: unweighted
  std::vector<double> dist;        // +inf: not reached
  std::vector<double> sigma;
  std::vector<u32> order;
  using Item = std::pair<double, u32>;
  std::vector<Item> heap;

  Search(const Csr& csr, const std::vector<double>& l)
      : c(csr), len(l), dist(csr.vertex_count(), std::numeric_limits<double>::infinity()), sigma(csr.vertex_count(), 0.0) {
    order.reserve(csr.vertex_count());
  }

  void reset() {
    for (u32 v : order) {
      dist[v] = std::numeric_limits<double>::infinity();
      sigma[v] = 0.0;
    }
    order.clear();
  }

  /// Fills dist, sigma (if `count`) and order from source s.
  void run(u32 s, bool count) {
    reset();
    if (len.empty()) bfs(s, count);
    else dijkstra(s, count);
  }

  void bfs(u32 s, bool count) {
    dist[s] = 0;
    sigma[s] = 1;
    order.push_back(s);
    for (std::size_t head = 0; head < order.size(); ++head) {
      const u32 v = order[head];
      const double dn = dist[v] + 1;
      for (u32 a = c.offsets[v], end = c.offsets[v + 1]; a < end; ++a) {
        const u32 w = c.targets[a];
        if (dist[w] == std::numeric_limits<double>::infinity()) {
          dist[w] = dn;
          order.push_back(w);
        }
        if (count && dist[w] == dn) sigma[w] += sigma[v];
      }
    }
  }

  // Settled order in `order`; ties in a path count (dist[v] + l == dist[w]) as in NetworkX.
  void dijkstra(u32 s, bool count) {
    heap.clear();
    // `seen` distances live in dist; a vertex is settled when pushed to order. sigma[w] of an
    // unsettled w is the count through settled predecessors at the current best distance.
    std::vector<u32>& settled = order;
    dist[s] = 0;
    sigma[s] = 1;
    heap.push_back({0.0, s});
    auto greater = [](const Item& a, const Item& b) { return a.first > b.first || (a.first == b.first && a.second > b.second); };
    touched.clear();
    touched.push_back(s);
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), greater);
      const auto [d, v] = heap.back();
      heap.pop_back();
      if (done[v] || d > dist[v]) continue;
      done[v] = 1;
      settled.push_back(v);
      for (u32 a = c.offsets[v], end = c.offsets[v + 1]; a < end; ++a) {
        const u32 w = c.targets[a];
        if (done[w]) continue;
        const double nd = d + len[a];
        if (nd < dist[w]) {
          if (dist[w] == std::numeric_limits<double>::infinity()) touched.push_back(w);
          dist[w] = nd;
          if (count) sigma[w] = sigma[v];
          heap.push_back({nd, w});
          std::push_heap(heap.begin(), heap.end(), greater);
        } else if (count && nd == dist[w]) {
          sigma[w] += sigma[v];
        }
      }
    }
    for (u32 v : touched) done[v] = 0;
    // Vertices pushed but never settled cannot exist (every pushed vertex is settled), so
    // `touched` and `order` hold the same set; keep order for reset.
  }

  std::vector<u32> touched;
  std::vector<unsigned char> done = std::vector<unsigned char>(c.vertex_count(), 0);
};

/// Number of chunks the sources are split into (fixed, so results are reproducible).
std::size_t chunk_count(std::size_t n) { return std::min<std::size_t>(n, 32); }

}  // namespace

std::vector<double> betweenness(const Graph& g, Weighting weighting, bool normalized) {
  const Csr c = g.csr(Arcs::out);
  const std::size_t n = c.vertex_count();
  std::vector<double> result(n, 0.0);
  if (n == 0) return result;
  const std::vector<double> len = lengths(c, weighting);
  const std::size_t chunks = chunk_count(n);
  std::vector<std::vector<double>> partial(chunks);
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, chunks, 1),
      [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t k = range.begin(); k != range.end(); ++k) {
          std::vector<double>& bc = partial[k];
          bc.assign(n, 0.0);
          Search search(c, len);
          std::vector<double> coef(n, 0.0);  // (1 + delta[w]) / sigma[w]
          const std::size_t first = k * n / chunks, last = (k + 1) * n / chunks;
          for (std::size_t s = first; s < last; ++s) {
            search.run(static_cast<u32>(s), true);
            const auto& order = search.order;
            const auto& dist = search.dist;
            const auto& sigma = search.sigma;
            for (std::size_t i = order.size(); i-- > 0;) {
              const u32 v = order[i];
              double sum = 0.0;
              if (len.empty()) {
                const double dn = dist[v] + 1;
                for (u32 a = c.offsets[v], end = c.offsets[v + 1]; a < end; ++a) {
                  const u32 w = c.targets[a];
                  if (dist[w] == dn) sum += coef[w];
                }
              } else {
                for (u32 a = c.offsets[v], end = c.offsets[v + 1]; a < end; ++a) {
                  const u32 w = c.targets[a];
                  if (dist[v] + len[a] == dist[w]) sum += coef[w];
                }
              }
              const double delta = sigma[v] * sum;
              coef[v] = (1.0 + delta) / sigma[v];
              if (v != s) bc[v] += delta;
            }
          }
        }
      },
      tbb::simple_partitioner());
  for (const auto& bc : partial)
    for (std::size_t v = 0; v < n; ++v) result[v] += bc[v];
  // NetworkX's _rescale.
  double scale = 1.0;
  if (normalized) {
    scale = n > 2 ? 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2)) : 1.0;
  } else if (!c.directed) {
    scale = 0.5;
  }
  if (scale != 1.0)
    for (double& x : result) x *= scale;
  return result;
}

namespace {

/// Per target vertex v, f(reached order, distances) over the searches on incoming arcs.
template <class PerVertex>
std::vector<double> per_vertex_incoming(const Graph& g, Weighting weighting, PerVertex f) {
  const Csr c = g.csr(Arcs::in);
  const std::size_t n = c.vertex_count();
  std::vector<double> result(n, 0.0);
  if (n == 0) return result;
  const std::vector<double> len = lengths(c, weighting);
  const std::size_t chunks = chunk_count(n);
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, chunks, 1),
      [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t k = range.begin(); k != range.end(); ++k) {
          Search search(c, len);
          const std::size_t first = k * n / chunks, last = (k + 1) * n / chunks;
          for (std::size_t v = first; v < last; ++v) {
            search.run(static_cast<u32>(v), false);
            result[v] = f(search.order, search.dist, n);
          }
        }
      },
      tbb::simple_partitioner());
  return result;
}

}  // namespace

std::vector<double> closeness(const Graph& g, Weighting weighting, bool wf_improved) {
  return per_vertex_incoming(g, weighting, [wf_improved](const std::vector<u32>& order, const std::vector<double>& dist, std::size_t n) {
    double total = 0.0;
    for (u32 u : order) total += dist[u];
    const double r = static_cast<double>(order.size());
    if (total <= 0.0 || n <= 1) return 0.0;
    double value = (r - 1.0) / total;
    if (wf_improved) value *= (r - 1.0) / static_cast<double>(n - 1);
    return value;
  });
}

std::vector<double> harmonic(const Graph& g, Weighting weighting) {
  return per_vertex_incoming(g, weighting, [](const std::vector<u32>& order, const std::vector<double>& dist, std::size_t) {
    double total = 0.0;
    for (u32 u : order)
      if (dist[u] > 0) total += 1.0 / dist[u];
    return total;
  });
}

}  // namespace partnerkit::stakeholders
