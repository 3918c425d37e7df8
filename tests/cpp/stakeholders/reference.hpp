// Slow, obvious references and small fixtures for the stakeholder graph tests.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "partnerkit/stakeholders.hpp"

namespace partnerkit::test::graphs {

using stakeholders::Edge;
using stakeholders::Graph;
using stakeholders::Vertex;

/// A graph of n vertices "v0".."v{n-1}" (category "c{i % categories}") and the given ties.
Graph make(std::size_t n, const std::vector<std::pair<std::size_t, std::size_t>>& ties, bool directed = false,
           const std::vector<double>& weights = {}, std::size_t categories = 3);

/// G(n, p) with integer weights 1-3 (seeded; the same graph on every platform).
Graph random_graph(std::size_t n, double p, std::uint64_t seed, bool directed, bool weighted);

/// Reads an edge list "u v" per line (vertex ids 0..n-1); self-ties are kept in the Graph.
Graph edge_list(const std::string& path, std::size_t n, bool directed);

/// All-pairs shortest-path lengths (Floyd–Warshall) and counts, +inf when unreachable.
struct AllPairs {
  std::vector<std::vector<double>> dist;
  std::vector<std::vector<double>> count;
};
AllPairs all_pairs(const Graph& g, stakeholders::Weighting weighting);

/// Betweenness from the definition Σ_{s≠v≠t} σ_st(v)/σ_st, NetworkX's scaling.
std::vector<double> betweenness(const Graph& g, stakeholders::Weighting weighting, bool normalized);

/// Components by repeated search (undirected view).
std::size_t component_count(const Graph& g, std::size_t without_vertex = SIZE_MAX,
                            std::pair<std::size_t, std::size_t> without_pair = {SIZE_MAX, SIZE_MAX});

}  // namespace partnerkit::test::graphs
