// Stakeholder graph: organizations and people as vertices, relationships as ties; filtered views
// and a compact CSR form for the measures.
//
// Boost stays out of this header: a Graph is two plain vectors (vertices, edges) addressed by
// index, so code that only uses graphs and measures compiles fast. Code that wants Boost.Graph
// (its writers, its algorithms) includes "partnerkit/stakeholders/boost.hpp", which copies a
// Graph into a boost::adjacency_list with the same bundled Vertex and Edge properties.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "partnerkit/core/model.hpp"
#include "partnerkit/core/time.hpp"

namespace partnerkit::stakeholders {

enum class VertexKind { organization, person };

/// "organization" or "person".
std::string_view to_string(VertexKind kind) noexcept;

/// A vertex: an organization or a person (bundled vertex property of the Boost graph).
struct Vertex {
  std::string id;
  std::string name;
  VertexKind kind = VertexKind::organization;
  /// The organization's category; a person gets the category of their organization.
  std::optional<std::string> category;
  /// A person's organization id; empty for an organization.
  std::optional<std::string> organization;
  /// A person who can commit their organization (always false for an organization).
  bool decision_maker = false;
  /// A core partner; a person is core when their organization is.
  bool core = false;
  friend bool operator==(const Vertex&, const Vertex&) = default;
};

/// The kind of the tie between a person and their organization.
inline constexpr std::string_view membership_kind = "membership";

/// A tie between two vertices (bundled edge property of the Boost graph).
struct Edge {
  std::size_t source = 0;  ///< vertex index (the rater, for survey scores)
  std::size_t target = 0;  ///< vertex index (the rated partner)
  /// The relationship's kind, "" when the document names none; membership_kind for the tie
  /// between a person and their organization.
  std::string kind;
  double weight = 1.0;  ///< finite and > 0
  bool directed = false;
  std::optional<Date> observed;
  std::optional<int> level;  ///< Levels of Collaboration 0-5
  std::optional<TrustScores> trust;
  std::optional<ValueScores> value;
  /// Index of the relationship in Partnership::relationships; empty for a membership tie or a
  /// tie added by hand.
  std::optional<std::size_t> relationship;
  friend bool operator==(const Edge&, const Edge&) = default;
};

struct GraphOptions {
  /// Add the people as vertices, each tied to its organization by a membership tie. Without
  /// them, relationships that name a person are moved to the person's organization.
  bool people = true;
};

/// Compressed sparse rows: the arcs leaving vertex v are targets[offsets[v] .. offsets[v+1])
/// with their weights. A simple graph: parallel ties between the same ordered pair are merged
/// (weights summed), self-ties are dropped, an undirected tie gives one arc each way.
struct Csr {
  std::vector<std::uint32_t> offsets;  ///< vertex_count() + 1 entries
  std::vector<std::uint32_t> targets;
  std::vector<double> weights;
  bool directed = false;  ///< the graph had a directed tie
  std::size_t vertex_count() const noexcept { return offsets.empty() ? 0 : offsets.size() - 1; }
  std::size_t arc_count() const noexcept { return targets.size(); }
};

/// Which arcs a Csr lists for each vertex.
enum class Arcs {
  out,   ///< arcs leaving the vertex
  in,    ///< arcs entering the vertex (listed as their source)
  both,  ///< the symmetrized graph: a neighbour by a tie in either direction, weights of both directions summed
};

/// A stakeholder graph. Vertices and edges are addressed by index (their position in
/// vertices() and edges()); ids are unique. Views return a new Graph (a copy: O(V + E)).
///
/// Directed or not: the graph counts as directed when at least one tie is directed; its
/// undirected ties then count as a tie each way (as NetworkX's G.to_directed()).
class Graph {
 public:
  Graph();
  /// From a partnership: organizations, then (with options.people) people in document order;
  /// one tie per relationship, plus a membership tie per person. Throws ValidationError (file
  /// "<partnership>", pointer of the relationship) for an unknown id or a weight that is not a
  /// positive finite number, listing every such problem.
  explicit Graph(const Partnership& partnership, const GraphOptions& options = {});

  /// Adds a vertex; returns its index. Throws Error if its id is empty or already present.
  std::size_t add_vertex(Vertex vertex);
  /// Adds a tie; returns its index. Throws Error for an endpoint out of range or a weight that
  /// is not a positive finite number.
  std::size_t add_edge(Edge edge);

  const std::vector<Vertex>& vertices() const noexcept { return vertices_; }
  const std::vector<Edge>& edges() const noexcept { return edges_; }
  std::size_t vertex_count() const noexcept { return vertices_.size(); }
  std::size_t edge_count() const noexcept { return edges_.size(); }
  const Vertex& vertex(std::size_t index) const { return vertices_.at(index); }
  const Edge& edge(std::size_t index) const { return edges_.at(index); }

  /// Index of the vertex with this id, if any.
  std::optional<std::size_t> find(std::string_view id) const;
  /// Index of the vertex with this id; throws Error "unknown vertex id 'X'".
  std::size_t index(std::string_view id) const;
  /// True when at least one tie is directed.
  bool directed() const noexcept;

  // Views. Vertex indices are unchanged except in organizations_only() and subgraph().

  /// Only ties whose kind is in `kinds` (membership ties count as kind "membership").
  Graph with_kinds(const std::vector<std::string>& kinds) const;
  /// A snapshot as of `day`: ties observed on or before it; ties with no observed date are kept
  /// when `keep_undated` (they are taken to have always been there).
  Graph as_of(Date day, bool keep_undated = true) const;
  /// Only ties of weight >= `min_weight`.
  Graph with_min_weight(double min_weight) const;
  /// Every tie undirected, one tie per pair of vertices (weights summed, the other fields from
  /// the first tie of the pair in edge order), self-ties dropped.
  Graph symmetrized() const;
  /// Only the organization vertices and the ties between them.
  Graph organizations_only() const;
  /// Only the given vertices (in the given order) and the ties between them. Throws Error for
  /// an index out of range or given twice.
  Graph subgraph(const std::vector<std::size_t>& vertices) const;

  /// The compact form the measures run on: O(V + E) the first time, then kept (thread-safe)
  /// until the graph changes. The reference is valid until the graph changes or is destroyed.
  const Csr& csr(Arcs arcs = Arcs::out) const;

 private:
  struct CsrCache;
  std::vector<Vertex> vertices_;
  std::vector<Edge> edges_;
  std::unordered_map<std::string, std::size_t> index_;
  std::shared_ptr<CsrCache> cache_;  // shared by copies (same content); replaced on change
};

}  // namespace partnerkit::stakeholders
