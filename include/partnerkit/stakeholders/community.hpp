// Community detection on a stakeholder graph: Louvain with a refinement pass, seeded and
// deterministic, with the modularity of the result.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "partnerkit/stakeholders/graph.hpp"

namespace partnerkit::stakeholders {

struct CommunityOptions {
  std::uint64_t seed = 1;   ///< order in which vertices are visited; same seed, same result
  double resolution = 1.0;  ///< γ in the modularity below
  bool weighted = true;     ///< use tie weights (else every tie weighs 1)
};

struct Communities {
  /// membership[v] numbers communities 0.. in the order of their smallest vertex index.
  std::vector<std::size_t> membership;
  std::size_t count = 0;
  double modularity = 0.0;
  /// The vertices of each community, each sorted.
  std::vector<std::vector<std::size_t>> groups() const;
};

/// Modularity of a partition of the symmetrized graph (nx.community.modularity):
/// Q = Σ_c [ L_c / m - γ (d_c / 2m)² ] with L_c the weight inside c, d_c its total degree and m
/// the total weight. 0 for a graph with no tie. Throws Error if `membership` has the wrong size.
double modularity(const Graph& g, const std::vector<std::size_t>& membership, double resolution = 1.0,
                  bool weighted = true);

/// Communities of the symmetrized graph: Louvain (local moves in a seeded random order, then
/// aggregation, until no move improves modularity), then a refinement of single-vertex moves on
/// the original graph. O(E) per pass. Isolated vertices are communities of their own.
Communities communities(const Graph& g, const CommunityOptions& options = {});

}  // namespace partnerkit::stakeholders
