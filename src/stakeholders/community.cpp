// Communities: modularity, and Louvain with a final refinement of single-vertex moves.
#include "partnerkit/stakeholders/community.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <unordered_map>

#include "partnerkit/core/error.hpp"

namespace partnerkit::stakeholders {
namespace {

/// A weighted undirected graph at one level of Louvain: neighbours without self-loops, plus each
/// node's self-loop weight (the weight inside the community it stands for).
struct Level {
  std::vector<std::size_t> offsets;
  std::vector<std::uint32_t> targets;
  std::vector<double> weights;
  std::vector<double> loop;    // self-loop weight (each tie inside counted once)
  std::vector<double> degree;  // Σ incident weights + 2 · loop
  std::size_t size() const { return loop.size(); }
};

Level level_of(const Graph& g, bool weighted) {
  const Csr& c = g.csr(Arcs::both);
  Level l;
  const std::size_t n = c.vertex_count();
  l.offsets.assign(c.offsets.begin(), c.offsets.end());
  l.targets = c.targets;
  l.weights = c.weights;
  if (!weighted) std::fill(l.weights.begin(), l.weights.end(), 1.0);
  l.loop.assign(n, 0.0);
  l.degree.assign(n, 0.0);
  for (std::size_t v = 0; v < n; ++v)
    for (auto a = l.offsets[v]; a < l.offsets[v + 1]; ++a) l.degree[v] += l.weights[a];
  return l;
}

/// Fisher–Yates with mt19937_64 (std::shuffle's result differs between standard libraries).
void shuffle(std::vector<std::uint32_t>& v, std::mt19937_64& rng) {
  for (std::size_t i = v.size(); i > 1; --i) {
    const std::size_t j = rng() % i;
    std::swap(v[i - 1], v[j]);
  }
}

/// Local moving: each node goes to the neighbouring community with the best modularity gain,
/// visiting nodes in a random order, until a pass moves none. Returns whether anything moved.
bool move_nodes(const Level& l, std::vector<std::uint32_t>& comm, double m, double gamma, std::mt19937_64& rng) {
  const std::size_t n = l.size();
  std::vector<double> tot(n, 0.0);
  for (std::size_t v = 0; v < n; ++v) tot[comm[v]] += l.degree[v];
  std::vector<double> to(n, 0.0);  // weight from the current node to each community
  std::vector<std::uint32_t> touched;
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  bool any = false;
  const double k_scale = gamma / (2.0 * m * m);
  for (int pass = 0; pass < 1000; ++pass) {
    shuffle(order, rng);
    std::size_t moves = 0;
    for (std::uint32_t v : order) {
      const std::uint32_t own = comm[v];
      const double k = l.degree[v];
      for (auto a = l.offsets[v]; a < l.offsets[v + 1]; ++a) {
        const std::uint32_t c = comm[l.targets[a]];
        if (to[c] == 0.0) touched.push_back(c);
        to[c] += l.weights[a];
      }
      tot[own] -= k;
      std::uint32_t best = own;
      double best_gain = to[own] / m - tot[own] * k * k_scale;
      for (std::uint32_t c : touched) {
        const double gain = to[c] / m - tot[c] * k * k_scale;
        if (gain > best_gain + 1e-12) {
          best_gain = gain;
          best = c;
        }
      }
      tot[best] += k;
      comm[v] = best;
      for (std::uint32_t c : touched) to[c] = 0.0;
      touched.clear();
      if (best != own) ++moves;
    }
    if (moves == 0) break;
    any = true;
  }
  return any;
}

/// Renumbers communities 0.. in order of first appearance; returns the count.
std::size_t compact(std::vector<std::uint32_t>& comm) {
  std::unordered_map<std::uint32_t, std::uint32_t> map;
  for (auto& c : comm) c = map.emplace(c, static_cast<std::uint32_t>(map.size())).first->second;
  return map.size();
}

Level aggregate(const Level& l, const std::vector<std::uint32_t>& comm, std::size_t count) {
  Level out;
  out.loop.assign(count, 0.0);
  out.degree.assign(count, 0.0);
  std::vector<std::vector<std::pair<std::uint32_t, double>>> arcs(count);
  for (std::size_t v = 0; v < l.size(); ++v) {
    out.loop[comm[v]] += l.loop[v];
    out.degree[comm[v]] += l.degree[v];
    for (auto a = l.offsets[v]; a < l.offsets[v + 1]; ++a) {
      const std::uint32_t cu = comm[v], cv = comm[l.targets[a]];
      if (cu == cv) out.loop[cu] += l.weights[a] / 2;  // each tie is seen from both ends
      else arcs[cu].push_back({cv, l.weights[a]});
    }
  }
  out.offsets.assign(count + 1, 0);
  for (std::size_t c = 0; c < count; ++c) {
    auto& list = arcs[c];
    std::sort(list.begin(), list.end());
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i > 0 && list[i].first == list[i - 1].first) {
        out.weights.back() += list[i].second;
        continue;
      }
      out.targets.push_back(list[i].first);
      out.weights.push_back(list[i].second);
    }
    out.offsets[c + 1] = out.targets.size();
  }
  return out;
}

}  // namespace

std::vector<std::vector<std::size_t>> Communities::groups() const {
  std::vector<std::vector<std::size_t>> out(count);
  for (std::size_t v = 0; v < membership.size(); ++v) out[membership[v]].push_back(v);
  return out;
}

double modularity(const Graph& g, const std::vector<std::size_t>& membership, double resolution, bool weighted) {
  if (membership.size() != g.vertex_count())
    throw Error("modularity: membership has " + std::to_string(membership.size()) + " entries for " +
                std::to_string(g.vertex_count()) + " vertices");
  const Level l = level_of(g, weighted);
  double m = 0.0;
  for (double d : l.degree) m += d;
  m /= 2;
  if (m == 0.0) return 0.0;
  std::unordered_map<std::size_t, std::pair<double, double>> per;  // community -> (inside, degree)
  for (std::size_t v = 0; v < l.size(); ++v) {
    auto& [inside, deg] = per[membership[v]];
    deg += l.degree[v];
    for (auto a = l.offsets[v]; a < l.offsets[v + 1]; ++a)
      if (membership[l.targets[a]] == membership[v]) inside += l.weights[a] / 2;
  }
  double q = 0.0;
  for (const auto& [c, p] : per) q += p.first / m - resolution * (p.second / (2 * m)) * (p.second / (2 * m));
  return q;
}

Communities communities(const Graph& g, const CommunityOptions& o) {
  const std::size_t n = g.vertex_count();
  Communities result;
  const Level base = level_of(g, o.weighted);
  double m = 0.0;
  for (double d : base.degree) m += d;
  m /= 2;
  std::vector<std::uint32_t> membership(n);
  std::iota(membership.begin(), membership.end(), 0u);
  if (m > 0.0) {
    std::mt19937_64 rng(o.seed);
    Level level = base;
    for (;;) {
      std::vector<std::uint32_t> comm(level.size());
      std::iota(comm.begin(), comm.end(), 0u);
      if (!move_nodes(level, comm, m, o.resolution, rng)) break;
      const std::size_t count = compact(comm);
      for (auto& c : membership) c = comm[c];
      if (count == level.size()) break;
      level = aggregate(level, comm, count);
    }
    // Refinement: single-vertex moves on the original graph from the Louvain partition.
    move_nodes(base, membership, m, o.resolution, rng);
  }
  // Number communities in the order of their smallest vertex.
  compact(membership);
  result.membership.assign(membership.begin(), membership.end());
  result.count = n == 0 ? 0 : *std::max_element(membership.begin(), membership.end()) + 1;
  result.modularity = modularity(g, result.membership, o.resolution, o.weighted);
  return result;
}

}  // namespace partnerkit::stakeholders
