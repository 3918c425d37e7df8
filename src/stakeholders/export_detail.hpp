// Shared by the export files (export_dot.cpp, export_svg.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "partnerkit/stakeholders/export.hpp"
#include "partnerkit/stakeholders/graph.hpp"

namespace partnerkit::stakeholders::detail {

struct VertexStyle {
  std::string color;
  double size = 0.5;  ///< inches, 0.5 to 1.5
  double centrality = 0;
};
std::vector<VertexStyle> vertex_styles(const Graph& g, SizeBy size_by);

/// Text XML 1.0 can hold: invalid UTF-8 and forbidden control characters become U+FFFD.
std::string xml_safe(std::string_view s);
/// xml_safe() with backslashes doubled, for a DOT string (quotes are escaped by the writer).
std::string dot_safe(std::string_view s);
/// `"` as `\"`, for a DOT string written by hand.
std::string dot_quote_body(std::string_view s);
std::string fixed3(double x);
std::string number(double x);

}  // namespace partnerkit::stakeholders::detail
