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
#include <string>
#include <vector>

#include "partnerkit/core/error.hpp"
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

/// Every vertex, or the given ones after checking them: Error for an index out of range or given twice.
std::vector<u32> source_list(std::size_t n, const std::vector<std::size_t>* given, const char* what) {
  std::vector<u32> out;
  if (!given) {
    out.resize(n);
    for (std::size_t v = 0; v < n; ++v) out[v] = static_cast<u32>(v);
    return out;
  }
  std::vector<bool> seen(n, false);
  out.reserve(given->size());
  for (std::size_t v : *given) {
    if (v >= n) throw Error(std::string(what) + ": vertex index " + std::to_string(v) + " out of range (" + std::to_string(n) + " vertices)");
    if (seen[v]) throw Error(std::string(what) + ": vertex index " + std::to_string(v) + " given twice");
    seen[v] = true;
    out.push_back(static_cast<u32>(v));
  }
  return out;
}

/// Per-vertex state of the unweighted Brandes search, packed so one arc touches one cache line.
struct Node {
  double sigma;  // shortest paths from the source
  double coef;   // (1 + delta) / sigma, once the vertex's dependency is known
  std::int32_t dist;
};

/// Brandes from the sources[first, last) of an unweighted graph, adding into bc.
void brandes_unweighted(const Csr& c, const std::vector<u32>& sources, std::size_t first, std::size_t last,
                        std::vector<double>& bc) {
  const std::size_t n = c.vertex_count();
  std::vector<Node> node(n, Node{0.0, 0.0, -1});
  std::vector<u32> order;
  order.reserve(n);
  const u32* off = c.offsets.data();
  const u32* tgt = c.targets.data();
  for (std::size_t i = first; i < last; ++i) {
    const u32 s = sources[i];
    for (u32 v : order) node[v] = Node{0.0, 0.0, -1};
    order.clear();
    node[s].dist = 0;
    node[s].sigma = 1;
    order.push_back(s);
    for (std::size_t head = 0; head < order.size(); ++head) {
      const u32 v = order[head];
      const std::int32_t dn = node[v].dist + 1;
      const double sv = node[v].sigma;
      for (u32 a = off[v], end = off[v + 1]; a < end; ++a) {
        Node& w = node[tgt[a]];
        if (w.dist < 0) {
          w.dist = dn;
          order.push_back(tgt[a]);
        }
        if (w.dist == dn) w.sigma += sv;
      }
    }
    for (std::size_t i = order.size(); i-- > 1;) {  // order[0] is the source
      const u32 v = order[i];
      const std::int32_t dn = node[v].dist + 1;
      double sum = 0.0;
      for (u32 a = off[v], end = off[v + 1]; a < end; ++a) {
        const Node& w = node[tgt[a]];
        if (w.dist == dn) sum += w.coef;
      }
      const double delta = node[v].sigma * sum;
      node[v].coef = (1.0 + delta) / node[v].sigma;
      bc[v] += delta;
    }
  }
}

/// Brandes from every vertex, or from the given sources only.
std::vector<double> brandes(const Graph& g, const std::vector<std::size_t>* given, Weighting weighting, bool normalized) {
  const Csr& c = g.csr(Arcs::out);
  const std::size_t n = c.vertex_count();
  const std::vector<u32> sources = source_list(n, given, "betweenness sources");
  std::vector<double> result(n, 0.0);
  if (sources.empty()) return result;
  const std::vector<double> len = lengths(c, weighting);
  const std::size_t chunks = chunk_count(sources.size());
  std::vector<std::vector<double>> partial(chunks);
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, chunks, 1),
      [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t k = range.begin(); k != range.end(); ++k) {
          std::vector<double>& bc = partial[k];
          bc.assign(n, 0.0);
          const std::size_t first = k * sources.size() / chunks, last = (k + 1) * sources.size() / chunks;
          if (len.empty()) {
            brandes_unweighted(c, sources, first, last, bc);
            continue;
          }
          Search search(c, len);
          std::vector<double> coef(n, 0.0);  // (1 + delta[w]) / sigma[w]
          for (std::size_t i = first; i < last; ++i) {
            const u32 s = sources[i];
            search.run(s, true);
            const auto& order = search.order;
            const auto& dist = search.dist;
            const auto& sigma = search.sigma;
            for (std::size_t i = order.size(); i-- > 0;) {
              const u32 v = order[i];
              double sum = 0.0;
              for (u32 a = c.offsets[v], end = c.offsets[v + 1]; a < end; ++a) {
                const u32 w = c.targets[a];
                if (dist[v] + len[a] == dist[w]) sum += coef[w];
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

}  // namespace

std::vector<double> betweenness(const Graph& g, Weighting weighting, bool normalized) {
  return brandes(g, nullptr, weighting, normalized);
}

std::vector<double> betweenness(const Graph& g, const std::vector<std::size_t>& sources, Weighting weighting, bool normalized) {
  return brandes(g, &sources, weighting, normalized);
}

namespace {

/// What the searches on incoming arcs find for one vertex v: the vertices that reach it (v
/// included), the sum of their distances to v and the sum of the inverse distances.
struct Reach {
  double reached = 0, total = 0, inverse = 0;
};

/// Reach of every vertex, or of the given ones (result[i] for the i-th).
std::vector<Reach> incoming(const Graph& g, const std::vector<std::size_t>* given, Weighting weighting) {
  const Csr& c = g.csr(Arcs::in);
  const std::size_t n = c.vertex_count();
  const std::vector<u32> targets = source_list(n, given, "closeness vertices");
  std::vector<Reach> result(targets.size());
  if (targets.empty()) return result;
  const std::vector<double> len = lengths(c, weighting);
  const std::size_t chunks = chunk_count(targets.size());
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, chunks, 1),
      [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t k = range.begin(); k != range.end(); ++k) {
          const std::size_t first = k * targets.size() / chunks, last = (k + 1) * targets.size() / chunks;
          if (len.empty()) {
            // Breadth-first, level by level: Σd and Σ1/d from the size of each level.
            std::vector<std::int32_t> dist(n, -1);
            std::vector<u32> queue;
            queue.reserve(n);
            for (std::size_t i = first; i < last; ++i) {
              const u32 v = targets[i];
              for (u32 u : queue) dist[u] = -1;
              queue.clear();
              queue.push_back(v);
              dist[v] = 0;
              Reach r;
              for (std::size_t head = 0; head < queue.size(); ++head) {
                const u32 x = queue[head];
                const std::int32_t dn = dist[x] + 1;
                for (u32 a = c.offsets[x], end = c.offsets[x + 1]; a < end; ++a) {
                  const u32 y = c.targets[a];
                  if (dist[y] >= 0) continue;
                  dist[y] = dn;
                  queue.push_back(y);
                  r.total += dn;
                  r.inverse += 1.0 / dn;
                }
              }
              r.reached = static_cast<double>(queue.size());
              result[i] = r;
            }
            continue;
          }
          Search search(c, len);
          for (std::size_t i = first; i < last; ++i) {
            search.run(targets[i], false);
            Reach r;
            for (u32 u : search.order) {
              r.total += search.dist[u];
              if (search.dist[u] > 0) r.inverse += 1.0 / search.dist[u];
            }
            r.reached = static_cast<double>(search.order.size());
            result[i] = r;
          }
        }
      },
      tbb::simple_partitioner());
  return result;
}

/// Closeness from the reach of each vertex in a graph of n vertices.
std::vector<double> closeness_of(const std::vector<Reach>& reach, std::size_t n, bool wf_improved) {
  std::vector<double> out(reach.size(), 0.0);
  for (std::size_t i = 0; i < reach.size(); ++i) {
    const Reach& r = reach[i];
    if (r.total <= 0.0 || n <= 1) continue;
    out[i] = (r.reached - 1.0) / r.total;
    if (wf_improved) out[i] *= (r.reached - 1.0) / static_cast<double>(n - 1);
  }
  return out;
}

}  // namespace

std::vector<double> closeness(const Graph& g, Weighting weighting, bool wf_improved) {
  return closeness_of(incoming(g, nullptr, weighting), g.vertex_count(), wf_improved);
}

std::vector<double> closeness(const Graph& g, const std::vector<std::size_t>& vertices, Weighting weighting, bool wf_improved) {
  return closeness_of(incoming(g, &vertices, weighting), g.vertex_count(), wf_improved);
}

std::vector<double> harmonic(const Graph& g, Weighting weighting) {
  const std::vector<Reach> reach = incoming(g, nullptr, weighting);
  std::vector<double> out(reach.size());
  for (std::size_t v = 0; v < reach.size(); ++v) out[v] = reach[v].inverse;
  return out;
}

}  // namespace partnerkit::stakeholders
