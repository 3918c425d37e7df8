// Pictures and files of a stakeholder graph: DOT and GraphML (Boost.Graph's writers) and SVG
// (Graphviz's library, optional at build time). Vertices are coloured by category and sized by
// centrality; all user text is escaped for the format.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace partnerkit::stakeholders {

class Graph;

/// What sets a vertex's size.
enum class SizeBy { betweenness, degree, pagerank, none };

struct ExportOptions {
  SizeBy size_by = SizeBy::betweenness;
  /// Graphviz layout for SVG: neato (default), dot, circo, fdp, sfdp, twopi.
  std::string layout = "neato";
  /// Title of the picture (the graph's label); empty for none.
  std::string title;
  /// DOT and SVG only: names longer than this many characters are drawn on several lines, broken
  /// at spaces (a narrower, more legible picture); 0 keeps every name on one line.
  std::size_t wrap = 0;
};

/// Fill colour of a category ("#rrggbb"): a fixed colour for each built-in category, a colour
/// from a palette chosen by a stable hash for a custom one, grey for none ("").
std::string category_color(std::string_view category);

/// DOT (Graphviz) text written with Boost's write_graphviz_dp: a `graph`, or a `digraph` when a
/// tie is directed (undirected ties then have dir=none). Nodes are named v0, v1, ... (vertex
/// indexes); attributes: label (name), tooltip, pk_id, kind, category, shape (box for
/// organizations, ellipse for people), style, fillcolor, width, height, centrality; edges: kind,
/// weight, penwidth, observed. Backslashes in user text are doubled and quotes escaped, so any
/// text stays one DOT string (a label shows it as written). O(V + E) plus the centrality.
std::string to_dot(const Graph& g, const ExportOptions& options = {});

/// GraphML written with Boost's write_graphml (XML entities escaped; characters XML 1.0 forbids
/// become U+FFFD): node keys pk_id, name, kind, category, color, size, centrality; edge keys kind,
/// weight, directed, observed, level, trust, value (the tie's item means, -1 when absent).
std::string to_graphml(const Graph& g, const ExportOptions& options = {});

/// True when this build can draw SVG (built with PARTNERKIT_WITH_GRAPHVIZ).
bool svg_available() noexcept;

/// SVG drawn by Graphviz from to_dot(). Throws Error if partnerkit was built without Graphviz,
/// or if Graphviz fails (for example its plugins are not configured: DEPENDENCIES.md P8).
std::string to_svg(const Graph& g, const ExportOptions& options = {});

}  // namespace partnerkit::stakeholders
