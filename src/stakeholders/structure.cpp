// Structure: components, articulation points and bridges (Boost.Graph), isolates, local bridges
// with their span, Gould–Fernandez brokerage.
#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/connected_components.hpp>
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
/// allocation as adjacency_list would make). A symmetric Csr stands for the undirected graph:
/// the depth-first algorithms below see each tie from both ends, as on an undirected graph.
using BoostCsr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                    boost::no_property, u32, u32>;

BoostCsr boost_csr(const Csr& c) {
  std::vector<std::pair<u32, u32>> arcs;
  arcs.reserve(c.arc_count());
  for (u32 u = 0; u < c.vertex_count(); ++u)
    for (auto a = c.offsets[u]; a < c.offsets[u + 1]; ++a) arcs.emplace_back(u, c.targets[a]);
  return BoostCsr(boost::edges_are_sorted, arcs.begin(), arcs.end(), static_cast<u32>(c.vertex_count()));
}

/// Boost's biconnected-components search on the symmetric graph: articulation points, and each
/// vertex's discovery time, low point and DFS parent (for the bridges).
struct Biconnected {
  std::vector<std::size_t> articulation;
  std::vector<u32> discover, low, parent;
};

Biconnected biconnected(const Graph& g) {
  const BoostCsr b = boost_csr(g.csr(Arcs::both));
  const std::size_t n = g.vertex_count();
  Biconnected r;
  r.discover.resize(n);
  r.low.resize(n);
  r.parent.resize(n);
  boost::biconnected_components(b, boost::dummy_property_map(), std::back_inserter(r.articulation),
                                boost::discover_time_map(r.discover.data()).lowpoint_map(r.low.data()).predecessor_map(r.parent.data()));
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
  const BoostCsr b = boost_csr(g.csr(Arcs::both));
  std::vector<std::size_t> raw(g.vertex_count());
  boost::connected_components(b, raw.data());  // depth-first on the symmetric arcs
  return renumbered(raw);
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
  std::vector<std::size_t> out = biconnected(g).articulation;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> bridges(const Graph& g) {
  // A tree tie parent–v is a bridge when nothing below v reaches above v: low(v) > discover(parent).
  const Biconnected r = biconnected(g);
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t v = 0; v < r.parent.size(); ++v) {
    const std::size_t p = r.parent[v];
    if (p != v && r.low[v] > r.discover[p]) out.emplace_back(std::min(p, v), std::max(p, v));
  }
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
