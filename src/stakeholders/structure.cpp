// Structure: weak components (breadth-first), articulation points and bridges (iterative
// Hopcroft–Tarjan), all on the CSR arrays; strong components (Boost.Graph); isolates, local
// bridges with their span, Gould–Fernandez brokerage.
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/property_map/property_map.hpp>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <unordered_map>

#include "partnerkit/stakeholders/measures.hpp"

namespace partnerkit::stakeholders {
namespace {

using u32 = std::uint32_t;

/// Components numbered in the order of their smallest vertex.
Components renumbered(const std::vector<std::size_t>& raw) {
  Components out;
  out.component.resize(raw.size());
  std::unordered_map<std::size_t, std::size_t> map;
  for (std::size_t v = 0; v < raw.size(); ++v) {
    auto [it, fresh] = map.emplace(raw[v], map.size());
    out.component[v] = it->second;
  }
  out.count = map.size();
  return out;
}

/// The CSR arrays as Boost's compressed_sparse_row_graph (one O(V + E) copy; no per-vertex
/// allocation as adjacency_list would make), for Boost's strong components.
using BoostCsr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                    boost::no_property, u32, u32>;

BoostCsr boost_csr(const Csr& c) {
  std::vector<std::pair<u32, u32>> arcs;
  arcs.reserve(c.arc_count());
  for (u32 u = 0; u < c.vertex_count(); ++u)
    for (auto a = c.offsets[u]; a < c.offsets[u + 1]; ++a) arcs.emplace_back(u, c.targets[a]);
  return BoostCsr(boost::edges_are_sorted, arcs.begin(), arcs.end(), static_cast<u32>(c.vertex_count()));
}

/// Hopcroft–Tarjan depth-first search on the symmetric Csr (the undirected graph: each tie seen
/// from both ends, no parallel arcs, no self-arcs), iterative with an explicit stack so that a
/// path of any length fits: articulation points (as flags) and bridges (u < v, unsorted).
struct CutStructure {
  std::vector<bool> articulation;
  std::vector<std::pair<std::size_t, std::size_t>> bridges;
};

CutStructure cut_structure(const Csr& c, bool want_articulation, bool want_bridges) {
  const u32 n = static_cast<u32>(c.vertex_count());
  CutStructure r;
  if (want_articulation) r.articulation.assign(n, false);
  std::vector<u32> discover(n, 0), low(n), parent(n), next(n), stack;
  u32 time = 0;
  for (u32 root = 0; root < n; ++root) {
    if (discover[root] != 0) continue;
    discover[root] = low[root] = ++time;
    parent[root] = root;
    next[root] = c.offsets[root];
    stack.push_back(root);
    u32 root_children = 0;
    while (!stack.empty()) {
      const u32 u = stack.back();
      if (next[u] < c.offsets[u + 1]) {
        const u32 v = c.targets[next[u]++];
        if (discover[v] == 0) {  // tree tie u–v: descend
          discover[v] = low[v] = ++time;
          parent[v] = u;
          next[v] = c.offsets[v];
          stack.push_back(v);
          if (u == root) ++root_children;
        } else if (v != parent[u]) {  // back tie (the tie to the parent is the tree tie itself)
          low[u] = std::min(low[u], discover[v]);
        }
        continue;
      }
      stack.pop_back();  // u is finished: report to its parent
      if (u == root) break;
      const u32 p = parent[u];
      low[p] = std::min(low[p], low[u]);
      // Nothing below u reaches above p: p cuts u's subtree off (a root only with two children).
      if (want_articulation && p != root && low[u] >= discover[p]) r.articulation[p] = true;
      // Nothing below u reaches p or above: the tie p–u is the only way in.
      if (want_bridges && low[u] > discover[p]) r.bridges.emplace_back(std::min(p, u), std::max(p, u));
    }
    if (want_articulation && root_children >= 2) r.articulation[root] = true;
  }
  return r;
}

bool has_arc(const Csr& c, u32 u, u32 v) {
  return std::binary_search(c.targets.begin() + c.offsets[u], c.targets.begin() + c.offsets[u + 1], v);
}

}  // namespace

std::vector<std::vector<std::size_t>> Components::groups() const {
  std::vector<std::vector<std::size_t>> out(count);
  for (std::size_t v = 0; v < component.size(); ++v) out[component[v]].push_back(v);
  return out;
}

Components weak_components(const Graph& g) {
  // Breadth-first search on the symmetric arcs from each vertex not yet reached, in index order:
  // components come numbered by their smallest vertex.
  const Csr& c = g.csr(Arcs::both);
  const std::size_t n = c.vertex_count();
  constexpr std::size_t unseen = std::numeric_limits<std::size_t>::max();
  Components out;
  out.component.assign(n, unseen);
  std::vector<u32> queue(n);
  for (std::size_t s = 0; s < n; ++s) {
    if (out.component[s] != unseen) continue;
    const std::size_t id = out.count++;
    out.component[s] = id;
    std::size_t head = 0, tail = 0;
    queue[tail++] = static_cast<u32>(s);
    while (head < tail) {
      const u32 u = queue[head++];
      for (auto a = c.offsets[u]; a < c.offsets[u + 1]; ++a) {
        const u32 v = c.targets[a];
        if (out.component[v] == unseen) {
          out.component[v] = id;
          queue[tail++] = v;
        }
      }
    }
  }
  return out;
}

Components strong_components(const Graph& g) {
  const BoostCsr b = boost_csr(g.csr(Arcs::out));
  std::vector<std::size_t> raw(g.vertex_count());
  boost::strong_components(b, boost::make_iterator_property_map(raw.begin(), boost::get(boost::vertex_index, b)));
  return renumbered(raw);
}

std::vector<std::size_t> isolates(const Graph& g) {
  const Csr& c = g.csr(Arcs::both);
  std::vector<std::size_t> out;
  for (std::size_t v = 0; v < c.vertex_count(); ++v)
    if (c.offsets[v] == c.offsets[v + 1]) out.push_back(v);
  return out;
}

std::vector<std::size_t> articulation_points(const Graph& g) {
  const std::vector<bool> cut = cut_structure(g.csr(Arcs::both), true, false).articulation;
  std::vector<std::size_t> out;
  for (std::size_t v = 0; v < cut.size(); ++v)
    if (cut[v]) out.push_back(v);
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> bridges(const Graph& g) {
  std::vector<std::pair<std::size_t, std::size_t>> out = cut_structure(g.csr(Arcs::both), false, true).bridges;
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<LocalBridge> local_bridges(const Graph& g) {
  const Csr& c = g.csr(Arcs::both);
  const std::size_t n = c.vertex_count();
  std::vector<LocalBridge> out;
  for (u32 u = 0; u < n; ++u)
    for (auto a = c.offsets[u]; a < c.offsets[u + 1]; ++a) {
      const u32 v = c.targets[a];
      if (v <= u) continue;
      // No common neighbour: sorted intersection is empty.
      auto i = c.targets.begin() + c.offsets[u], ie = c.targets.begin() + c.offsets[u + 1];
      auto j = c.targets.begin() + c.offsets[v], je = c.targets.begin() + c.offsets[v + 1];
      bool common = false;
      while (i != ie && j != je && !common) {
        if (*i < *j) ++i;
        else if (*j < *i) ++j;
        else common = true;
      }
      if (!common) out.push_back({u, v, std::nullopt});
    }
  // Span: BFS from u to v without the tie u–v. Independent per bridge: parallel.
  constexpr u32 unseen = std::numeric_limits<u32>::max();
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, out.size(), 16), [&](const tbb::blocked_range<std::size_t>& r) {
    std::vector<u32> dist(n, unseen), queue;
    queue.reserve(n);
    for (std::size_t k = r.begin(); k != r.end(); ++k) {
      const u32 s = static_cast<u32>(out[k].u), t = static_cast<u32>(out[k].v);
      queue.clear();
      queue.push_back(s);
      dist[s] = 0;
      for (std::size_t head = 0; head < queue.size() && dist[t] == unseen; ++head) {
        const u32 x = queue[head];
        for (auto a = c.offsets[x]; a < c.offsets[x + 1]; ++a) {
          const u32 y = c.targets[a];
          if (dist[y] != unseen || (x == s && y == t)) continue;
          dist[y] = dist[x] + 1;
          queue.push_back(y);
        }
      }
      if (dist[t] != unseen) out[k].span = dist[t];
      for (u32 x : queue) dist[x] = unseen;
    }
  });
  return out;
}

std::vector<Brokerage> brokerage(const Graph& g) {
  const Csr& out = g.csr(Arcs::out);
  const Csr& in = g.csr(Arcs::in);
  const std::size_t n = out.vertex_count();
  std::vector<int> cat(n, -1);
  std::unordered_map<std::string, int> ids;
  for (std::size_t v = 0; v < n; ++v)
    if (const auto& c = g.vertex(v).category) cat[v] = ids.emplace(*c, static_cast<int>(ids.size())).first->second;
  std::vector<Brokerage> result(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 64), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t b = r.begin(); b != r.end(); ++b) {
      if (cat[b] < 0) continue;
      Brokerage& roles = result[b];
      for (auto i = in.offsets[b]; i < in.offsets[b + 1]; ++i) {
        const u32 a = in.targets[i];
        if (cat[a] < 0) continue;
        for (auto o = out.offsets[b]; o < out.offsets[b + 1]; ++o) {
          const u32 c = out.targets[o];
          if (c == a || cat[c] < 0 || has_arc(out, a, c)) continue;
          const bool ab = cat[a] == cat[b], bc = cat[b] == cat[c], ac = cat[a] == cat[c];
          if (ab && bc) ++roles.coordinator;
          else if (bc) ++roles.gatekeeper;
          else if (ab) ++roles.representative;
          else if (ac) ++roles.consultant;
          else ++roles.liaison;
        }
      }
    }
  });
  return result;
}

}  // namespace partnerkit::stakeholders
