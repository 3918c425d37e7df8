// The stakeholder graph as a Boost.Graph adjacency_list with bundled properties, for Boost's
// writers (write_graphviz_dp, write_graphml) and algorithms. Needs the Boost headers (1.74).
#pragma once

#include <boost/graph/adjacency_list.hpp>

#include "partnerkit/stakeholders/graph.hpp"

namespace partnerkit::stakeholders {

/// Every tie once, undirected. Vertex descriptors equal Graph vertex indices.
using UndirectedBoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, Vertex, Edge>;
/// Directed ties once, undirected ties as two arcs (source → target first). Vertex descriptors
/// equal Graph vertex indices.
using DirectedBoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Vertex, Edge>;

inline UndirectedBoostGraph to_boost_undirected(const Graph& g) {
  UndirectedBoostGraph out(g.vertex_count());
  for (std::size_t v = 0; v < g.vertex_count(); ++v) out[v] = g.vertex(v);
  for (const Edge& e : g.edges()) boost::add_edge(e.source, e.target, e, out);
  return out;
}

inline DirectedBoostGraph to_boost_directed(const Graph& g) {
  DirectedBoostGraph out(g.vertex_count());
  for (std::size_t v = 0; v < g.vertex_count(); ++v) out[v] = g.vertex(v);
  for (const Edge& e : g.edges()) {
    boost::add_edge(e.source, e.target, e, out);
    if (!e.directed && e.source != e.target) boost::add_edge(e.target, e.source, e, out);
  }
  return out;
}

}  // namespace partnerkit::stakeholders
