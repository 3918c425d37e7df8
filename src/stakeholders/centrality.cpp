// Density, degree, eigenvector and PageRank centrality, Freeman centralization, reciprocity.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "partnerkit/core/error.hpp"
#include "partnerkit/stakeholders/measures.hpp"

namespace partnerkit::stakeholders {

double density(const Graph& g) {
  const Csr& c = g.csr();
  const double n = static_cast<double>(c.vertex_count());
  if (n < 2) return 0.0;
  // An undirected graph's ties are two arcs each, so the same ratio serves both.
  return static_cast<double>(c.arc_count()) / (n * (n - 1));
}

namespace {

std::vector<double> scaled_degrees(const Csr& c) {
  const std::size_t n = c.vertex_count();
  if (n == 1) return {1.0};  // as NetworkX
  std::vector<double> d(n, 0.0);
  const double s = n > 1 ? 1.0 / static_cast<double>(n - 1) : 1.0;
  for (std::size_t v = 0; v < n; ++v) d[v] = static_cast<double>(c.offsets[v + 1] - c.offsets[v]) * s;
  return d;
}

}  // namespace

std::vector<double> degree(const Graph& g) {
  const Csr& out = g.csr(Arcs::out);
  std::vector<double> d = scaled_degrees(out);
  if (out.directed) {
    const std::vector<double> in = scaled_degrees(g.csr(Arcs::in));
    for (std::size_t v = 0; v < d.size(); ++v) d[v] += in[v];
  }
  return d;
}

std::vector<double> in_degree(const Graph& g) { return scaled_degrees(g.csr(Arcs::in)); }
std::vector<double> out_degree(const Graph& g) { return scaled_degrees(g.csr(Arcs::out)); }

std::vector<double> eigenvector(const Graph& g, bool weighted) {
  // Power iteration on Aᵀ + I (same eigenvectors; the shift makes the leading eigenvalue
  // strictly dominant even for bipartite graphs). Pull form: x'[v] = x[v] + Σ_{u→v} w x[u].
  const Csr& in = g.csr(Arcs::in);
  const std::size_t n = in.vertex_count();
  if (n == 0) return {};
  if (in.arc_count() == 0) throw Error("eigenvector centrality is not defined for a graph with no tie");
  std::vector<double> x(n, 1.0 / std::sqrt(static_cast<double>(n))), next(n);
  constexpr int max_iterations = 100000;
  for (int it = 0; it < max_iterations; ++it) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t v = r.begin(); v != r.end(); ++v) {
        double s = x[v];
        for (auto a = in.offsets[v]; a < in.offsets[v + 1]; ++a) s += (weighted ? in.weights[a] : 1.0) * x[in.targets[a]];
        next[v] = s;
      }
    });
    double norm = 0.0;
    for (double y : next) norm += y * y;
    norm = std::sqrt(norm);
    double change = 0.0;
    for (std::size_t v = 0; v < n; ++v) {
      next[v] /= norm;
      change = std::max(change, std::abs(next[v] - x[v]));
    }
    x.swap(next);
    if (change < 1e-14) return x;
  }
  throw Error("eigenvector centrality did not converge in " + std::to_string(max_iterations) + " iterations");
}

std::vector<double> pagerank(const Graph& g, const PageRankOptions& o) {
  const Csr& in = g.csr(Arcs::in);
  const Csr& out = g.csr(Arcs::out);
  const std::size_t n = in.vertex_count();
  if (n == 0) return {};
  if (!(o.alpha >= 0 && o.alpha <= 1)) throw Error("PageRank alpha must be between 0 and 1");
  const double N = static_cast<double>(n);
  // Out-weight of each vertex; arc a (u → v, listed under v in `in`) moves x[u] · w / out[u].
  std::vector<double> out_weight(n, 0.0);
  for (std::size_t u = 0; u < n; ++u)
    for (auto a = out.offsets[u]; a < out.offsets[u + 1]; ++a) out_weight[u] += o.weighted ? out.weights[a] : 1.0;
  std::vector<double> share(in.arc_count());
  for (std::size_t v = 0; v < n; ++v)
    for (auto a = in.offsets[v]; a < in.offsets[v + 1]; ++a)
      share[a] = (o.weighted ? in.weights[a] : 1.0) / out_weight[in.targets[a]];
  std::vector<std::size_t> dangling;
  for (std::size_t u = 0; u < n; ++u)
    if (out_weight[u] == 0.0) dangling.push_back(u);
  std::vector<double> x(n, 1.0 / N), next(n);
  for (int it = 0; it < o.max_iterations; ++it) {
    double dangling_sum = 0.0;
    for (std::size_t u : dangling) dangling_sum += x[u];
    const double base = o.alpha * dangling_sum / N + (1.0 - o.alpha) / N;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t v = r.begin(); v != r.end(); ++v) {
        double s = 0.0;
        for (auto a = in.offsets[v]; a < in.offsets[v + 1]; ++a) s += x[in.targets[a]] * share[a];
        next[v] = o.alpha * s + base;
      }
    });
    double err = 0.0;
    for (std::size_t v = 0; v < n; ++v) err += std::abs(next[v] - x[v]);
    x.swap(next);
    if (err < N * o.tol) return x;
  }
  throw Error("PageRank did not converge in " + std::to_string(o.max_iterations) + " iterations");
}

double centralization(const Graph& g, Centrality which) {
  const Graph s = g.symmetrized();
  const std::size_t n = s.vertex_count();
  if (n < 3) return 0.0;
  std::vector<double> c;
  double star = 0.0;
  const double nn = static_cast<double>(n);
  switch (which) {
    case Centrality::degree:
      c = degree(s);
      star = nn - 2;
      break;
    case Centrality::betweenness:
      c = betweenness(s);
      star = nn - 1;
      break;
    case Centrality::closeness:
      c = closeness(s);
      star = (nn - 1) * (nn - 2) / (2 * nn - 3);
      break;
  }
  const double top = *std::max_element(c.begin(), c.end());
  double sum = 0.0;
  for (double x : c) sum += top - x;
  return sum / star;
}

std::optional<double> reciprocity(const Graph& g) {
  const Csr& c = g.csr();
  if (c.arc_count() == 0) return std::nullopt;
  std::size_t mutual = 0;
  for (std::size_t u = 0; u < c.vertex_count(); ++u)
    for (auto a = c.offsets[u]; a < c.offsets[u + 1]; ++a) {
      const auto v = c.targets[a];
      const auto* b = c.targets.data() + c.offsets[v];
      const auto* e = c.targets.data() + c.offsets[v + 1];
      if (std::binary_search(b, e, static_cast<std::uint32_t>(u))) ++mutual;
    }
  return static_cast<double>(mutual) / static_cast<double>(c.arc_count());
}

}  // namespace partnerkit::stakeholders
