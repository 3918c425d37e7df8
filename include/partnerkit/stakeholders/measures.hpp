// Network measures of a stakeholder graph, with NetworkX's definitions and normalization.
//
// Every per-vertex measure returns a vector aligned with Graph::vertices(). Measures run on the
// graph's Csr form (parallel ties merged with their weights summed, self-ties dropped; in a
// graph with a directed tie, an undirected tie counts as one arc each way). Formulas:
// docs/stakeholders.md.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "partnerkit/stakeholders/graph.hpp"

namespace partnerkit::stakeholders {

/// How tie weights enter path lengths.
enum class Weighting {
  none,      ///< every tie has length 1
  distance,  ///< the weight is the length (NetworkX's weight="weight")
  strength,  ///< the weight is a strength: length = 1 / weight
};

/// Density: m / (n(n-1)/2) undirected, m / (n(n-1)) directed (m counts merged arcs); 0 when n < 2.
double density(const Graph& g);

/// Degree centrality: degree / (n-1); in a directed graph in-degree + out-degree (nx.degree_centrality).
std::vector<double> degree(const Graph& g);
/// In-degree / (n-1) (nx.in_degree_centrality); equals degree() for an undirected graph.
std::vector<double> in_degree(const Graph& g);
/// Out-degree / (n-1) (nx.out_degree_centrality).
std::vector<double> out_degree(const Graph& g);

/// Betweenness (Brandes; exact), nx.betweenness_centrality(normalized, weight). Normalized: divided
/// by (n-1)(n-2) (directed) or (n-1)(n-2)/2 (undirected); unnormalized undirected values are
/// halved as in NetworkX. Parallel over sources (oneTBB), deterministic result.
/// O(V·E) unweighted, O(V·E·log V) weighted; O(V + E) memory per thread.
std::vector<double> betweenness(const Graph& g, Weighting weighting = Weighting::none, bool normalized = true);
/// Betweenness over the shortest paths that start at `sources` only: Σ_{s∈S, t≠s} σ_st(v)/σ_st,
/// scaled as above (nx.betweenness_centrality_subset(G, sources, G)); one search per source. With
/// k sources drawn at random, n/k times it estimates betweenness (nx.betweenness_centrality(k=)).
/// Throws Error for a source index out of range or given twice.
std::vector<double> betweenness(const Graph& g, const std::vector<std::size_t>& sources,
                                Weighting weighting = Weighting::none, bool normalized = true);

/// Closeness, nx.closeness_centrality: (r-1)/Σd · (r-1)/(n-1) over the r vertices that reach v
/// (Wasserman–Faust, `wf_improved`); incoming distances in a directed graph. 0 for a vertex no one reaches.
std::vector<double> closeness(const Graph& g, Weighting weighting = Weighting::none, bool wf_improved = true);
/// Closeness of the given vertices only (one search each): out[i] is the closeness of vertices[i]
/// (nx.closeness_centrality(G, u)). Throws Error for an index out of range or given twice.
std::vector<double> closeness(const Graph& g, const std::vector<std::size_t>& vertices,
                              Weighting weighting = Weighting::none, bool wf_improved = true);

/// Harmonic closeness, nx.harmonic_centrality: Σ_{u≠v} 1/d(u,v) (incoming distances), not normalized.
std::vector<double> harmonic(const Graph& g, Weighting weighting = Weighting::none);

/// Eigenvector centrality, nx.eigenvector_centrality_numpy: the leading eigenvector of Aᵀ
/// (a vertex is central when central vertices point to it), unit Euclidean norm, positive sum.
/// Throws Error if it does not converge (tolerance 1e-14 relative after 100000 iterations).
std::vector<double> eigenvector(const Graph& g, bool weighted = false);

struct PageRankOptions {
  double alpha = 0.85;   ///< damping
  double tol = 1e-12;    ///< stop when Σ|x - x_prev| < n · tol
  int max_iterations = 10000;
  bool weighted = true;  ///< transition probabilities proportional to tie weight
};
/// PageRank, nx.pagerank: dangling vertices spread their rank uniformly. Throws Error if it does
/// not converge within max_iterations.
std::vector<double> pagerank(const Graph& g, const PageRankOptions& options = {});

enum class Centrality { degree, betweenness, closeness };
/// Freeman centralization Σ(max - c_v) / (the same sum for a star of n vertices), computed on the
/// symmetrized graph with the normalized centralities above: divided by n-2 (degree), n-1
/// (betweenness), (n-1)(n-2)/(2n-3) (closeness). 0 when n < 3.
double centralization(const Graph& g, Centrality centrality);

/// nx.reciprocity: the share of arcs whose reverse arc also exists (an undirected tie counts as
/// two reciprocated arcs). Empty when the graph has no arc.
std::optional<double> reciprocity(const Graph& g);

/// Components; component[v] numbers components 0.. in the order of their smallest vertex index.
struct Components {
  std::vector<std::size_t> component;
  std::size_t count = 0;
  /// The vertices of each component, each sorted.
  std::vector<std::vector<std::size_t>> groups() const;
};
/// Weakly connected components (connected components of an undirected graph): breadth-first
/// search on the symmetrized Csr, O(V + E).
Components weak_components(const Graph& g);
/// Strongly connected components (an undirected tie is reachable both ways). Boost.Graph.
Components strong_components(const Graph& g);

/// Vertices with no tie.
std::vector<std::size_t> isolates(const Graph& g);
/// Articulation points of the symmetrized graph (removing one disconnects its component), sorted.
/// Iterative Hopcroft–Tarjan depth-first search on the Csr (no recursion: any path length), O(V + E).
std::vector<std::size_t> articulation_points(const Graph& g);
/// Bridges of the symmetrized graph as vertex pairs (u < v), sorted. The same search as articulation_points.
std::vector<std::pair<std::size_t, std::size_t>> bridges(const Graph& g);

/// A tie whose ends share no neighbour (nx.local_bridges), with its span: the length of the
/// shortest other path between them (empty when there is none: NetworkX's inf).
struct LocalBridge {
  std::size_t u = 0, v = 0;  ///< u < v
  std::optional<std::size_t> span;
};
/// Local bridges of the symmetrized graph, sorted by (u, v).
std::vector<LocalBridge> local_bridges(const Graph& g);

/// Gould–Fernandez brokerage roles of a vertex b: counts of open two-paths a → b → c (a ≠ c, no
/// tie a → c) by the categories of a, b and c. Undirected ties go both ways, so in an undirected
/// graph every open path is counted in both directions. Paths with a vertex of no category are
/// not counted.
struct Brokerage {
  std::size_t coordinator = 0;     ///< a, b, c in one category
  std::size_t gatekeeper = 0;      ///< b and c share a category, a is outside
  std::size_t representative = 0;  ///< a and b share a category, c is outside
  std::size_t consultant = 0;      ///< a and c share a category, b is outside (itinerant broker)
  std::size_t liaison = 0;         ///< three different categories
  std::size_t total() const noexcept { return coordinator + gatekeeper + representative + consultant + liaison; }
  /// Brokering between categories: everything but coordinator.
  std::size_t between_categories() const noexcept { return total() - coordinator; }
  friend bool operator==(const Brokerage&, const Brokerage&) = default;
};
std::vector<Brokerage> brokerage(const Graph& g);

/// PARTNER-style scores of one vertex, from the ties that rate it (the tie's source rates its
/// target). A tie's trust is the mean of its present trust items (reliability, support of
/// mission, openness), its value the mean of its present value items (power/influence,
/// resources, involvement); items are 1-4.
struct VertexScores {
  std::optional<double> trust;  ///< mean over the raters; empty when no one rated it
  std::optional<double> value;
  std::size_t trust_raters = 0;
  std::size_t value_raters = 0;
};

/// An item left empty on a tie that carries scores.
struct MissingItem {
  std::size_t edge = 0;  ///< tie index
  std::string item;      ///< reliability, mission, openness, power, resources, involvement
};

struct ScoreReport {
  std::vector<VertexScores> vertices;   ///< aligned with Graph::vertices()
  std::optional<double> network_trust;  ///< mean over every tie with a trust score
  std::optional<double> network_value;  ///< mean over every tie with a value score
  std::size_t trust_ties = 0;
  std::size_t value_ties = 0;
  std::vector<MissingItem> missing;     ///< in tie order, then item order; never counted as 0
};
/// Trust and value per vertex and for the network. Throws Error for an item outside 1-4.
ScoreReport trust_and_value(const Graph& g);

}  // namespace partnerkit::stakeholders
