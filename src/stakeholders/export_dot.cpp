// DOT and GraphML with Boost.Graph's writers (write_graphviz_dp, write_graphml).
// GCC 12 reports a false -Wmaybe-uninitialized inside Boost's adjacency_list edge_iterator (its
// boost::optional member) when the writers walk the edges of a directedS graph.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <vector>

#include "partnerkit/stakeholders/boost.hpp"
#include "partnerkit/stakeholders/export.hpp"
#include "partnerkit/stakeholders/measures.hpp"
#include "stakeholders/export_detail.hpp"

namespace partnerkit::stakeholders {

std::string category_color(std::string_view category) {
  static const std::pair<std::string_view, std::string_view> fixed[] = {
      {"cac-chapter", "#1f77b4"},         {"voca-administrator", "#ff7f0e"},
      {"child-family-services", "#2ca02c"}, {"victim-compensation", "#d62728"},
      {"law-enforcement", "#9467bd"},     {"childrens-justice-task-force", "#8c564b"},
      {"sexual-assault-coalition", "#e377c2"}, {"domestic-violence-coalition", "#bcbd22"},
      {"regional-cac", "#17becf"},        {"child-support-agency", "#aec7e8"},
      {"court", "#ffbb78"},               {"facilitator", "#98df8a"}};
  static const std::string_view palette[] = {"#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2",
                                             "#dbdb8d", "#9edae5", "#7f7f7f", "#393b79"};
  if (category.empty()) return "#d9d9d9";
  for (const auto& [name, color] : fixed)
    if (name == category) return std::string(color);
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a: the same colour on every run
  for (unsigned char c : category) h = (h ^ c) * 1099511628211ull;
  return std::string(palette[h % std::size(palette)]);
}

namespace detail {

std::string xml_safe(std::string_view s) {
  // Keep valid UTF-8 characters XML 1.0 allows; everything else becomes U+FFFD.
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len == 1 && c < 0x20 && c != '\t' && c != '\n' && c != '\r') ok = false;
    if (ok && len == 3) {  // U+FFFE, U+FFFF and surrogates are not XML characters
      unsigned cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                    (static_cast<unsigned char>(s[i + 2]) & 0x3F);
      if (cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF)) ok = false;
    }
    if (!ok) {
      out += "\xEF\xBF\xBD";
      i += len ? std::min(len, s.size() - i) : 1;
      continue;
    }
    out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string dot_safe(std::string_view s) {
  // write_graphviz_dp escapes quotes but not backslashes: "a\" would end the string early.
  std::string out = xml_safe(s);  // the SVG Graphviz writes from it must be XML too
  std::string doubled;
  doubled.reserve(out.size());
  for (char c : out) {
    if (c == '\\') doubled += '\\';
    doubled += c;
  }
  return doubled;
}

std::vector<VertexStyle> vertex_styles(const Graph& g, SizeBy size_by) {
  std::vector<double> c(g.vertex_count(), 0.0);
  switch (size_by) {
    case SizeBy::betweenness: c = betweenness(g); break;
    case SizeBy::degree: c = degree(g); break;
    case SizeBy::pagerank: c = pagerank(g); break;
    case SizeBy::none: break;
  }
  double top = c.empty() ? 0.0 : *std::max_element(c.begin(), c.end());
  std::vector<VertexStyle> out(g.vertex_count());
  for (std::size_t v = 0; v < g.vertex_count(); ++v) {
    const Vertex& x = g.vertex(v);
    out[v].color = category_color(x.category.value_or(""));
    out[v].centrality = c[v];
    out[v].size = 0.5 + (top > 0 ? 1.0 * c[v] / top : 0.0);
  }
  return out;
}

std::string fixed3(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", x);
  return buf;
}

std::string number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

}  // namespace detail

namespace {

using detail::dot_safe;
using detail::fixed3;
using detail::number;
using detail::xml_safe;

// Vertex and edge attribute columns, as strings, indexed by vertex / edge index.
struct Columns {
  std::vector<std::string> node_id, label, tooltip, pk_id, kind, category, shape, style, fillcolor, width, height,
      centrality;
  std::vector<std::string> e_kind, e_weight, e_penwidth, e_observed, e_dir, e_directed, e_level, e_trust, e_value;
};

// A DOT label (already dot_safe) broken into lines of about `width` characters at spaces, with
// Graphviz's \n escape (user backslashes are doubled, so only these break lines). UTF-8
// continuation bytes do not count as characters.
std::string wrapped(std::string label, std::size_t width) {
  if (width == 0) return label;
  std::size_t line = 0;
  std::string out;
  for (char ch : label) {
    if (ch == ' ' && line >= width) {
      out += "\\n";
      line = 0;
      continue;
    }
    out += ch;
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++line;
  }
  return out;
}

double mean_of(std::initializer_list<std::optional<int>> items) {
  double sum = 0;
  int n = 0;
  for (const auto& i : items)
    if (i) sum += *i, ++n;
  return n ? sum / n : -1.0;
}

Columns columns(const Graph& g, const ExportOptions& options, bool for_dot) {
  auto text = [&](std::string_view s) { return for_dot ? dot_safe(s) : xml_safe(s); };
  auto styles = detail::vertex_styles(g, options.size_by);
  Columns c;
  for (std::size_t v = 0; v < g.vertex_count(); ++v) {
    const Vertex& x = g.vertex(v);
    bool org = x.kind == VertexKind::organization;
    c.node_id.push_back("v" + std::to_string(v));
    c.label.push_back(for_dot ? wrapped(text(x.name.empty() ? x.id : x.name), options.wrap)
                              : text(x.name.empty() ? x.id : x.name));
    std::string tip = x.name.empty() ? x.id : x.name;
    if (x.category) tip += " (" + *x.category + ")";
    c.tooltip.push_back(text(tip));
    c.pk_id.push_back(text(x.id));
    c.kind.push_back(std::string(to_string(x.kind)));
    c.category.push_back(text(x.category.value_or("")));
    c.shape.push_back(org ? "box" : "ellipse");
    c.style.push_back(org ? "filled,rounded" : "filled");
    c.fillcolor.push_back(styles[v].color);
    c.width.push_back(fixed3(styles[v].size * (org ? 1.6 : 1.0)));
    c.height.push_back(fixed3(styles[v].size * 0.6));
    c.centrality.push_back(number(styles[v].centrality));
  }
  for (const Edge& e : g.edges()) {
    c.e_kind.push_back(text(e.kind));
    c.e_weight.push_back(number(e.weight));
    c.e_penwidth.push_back(fixed3(std::clamp(e.weight, 0.5, 6.0)));
    c.e_observed.push_back(e.observed ? format_date(*e.observed) : "");
    c.e_dir.push_back(e.directed ? "forward" : "none");
    c.e_directed.push_back(e.directed ? "true" : "false");
    c.e_level.push_back(e.level ? std::to_string(*e.level) : "-1");
    c.e_trust.push_back(number(e.trust ? mean_of({e.trust->reliability, e.trust->mission, e.trust->openness}) : -1.0));
    c.e_value.push_back(number(e.value ? mean_of({e.value->power, e.value->resources, e.value->involvement}) : -1.0));
  }
  return c;
}

// A Boost graph whose edges carry their tie index (every tie once, in tie order).
template <class BG>
BG indexed(const Graph& g) {
  BG out(g.vertex_count());
  for (std::size_t i = 0; i < g.edge_count(); ++i) boost::add_edge(g.edge(i).source, g.edge(i).target, i, out);
  return out;
}

using UG = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property, std::size_t>;
using DG = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, std::size_t>;

template <class BG>
boost::dynamic_properties properties(BG& bg, Columns& c, bool for_dot, bool directed) {
  boost::dynamic_properties dp(boost::ignore_other_properties);
  auto vindex = get(boost::vertex_index, bg);
  auto vcol = [&](std::vector<std::string>& col) { return boost::make_iterator_property_map(col.begin(), vindex); };
  // Edge columns are read through the edge's bundled tie index.
  auto ecol = [&](std::vector<std::string>& col) {
    return boost::make_iterator_property_map(col.begin(), get(boost::edge_bundle, bg));
  };
  if (for_dot) {
    dp.property("node_id", vcol(c.node_id));
    dp.property("label", vcol(c.label));
    dp.property("tooltip", vcol(c.tooltip));
    dp.property("shape", vcol(c.shape));
    dp.property("style", vcol(c.style));
    dp.property("fillcolor", vcol(c.fillcolor));
    dp.property("width", vcol(c.width));
    dp.property("height", vcol(c.height));
    dp.property("penwidth", ecol(c.e_penwidth));
    if (directed) dp.property("dir", ecol(c.e_dir));
  } else {
    dp.property("name", vcol(c.label));
    dp.property("color", vcol(c.fillcolor));
    dp.property("size", vcol(c.height));
    dp.property("directed", ecol(c.e_directed));
    dp.property("level", ecol(c.e_level));
    dp.property("trust", ecol(c.e_trust));
    dp.property("value", ecol(c.e_value));
  }
  dp.property("pk_id", vcol(c.pk_id));
  dp.property("kind", vcol(c.kind));
  dp.property("category", vcol(c.category));
  dp.property("centrality", vcol(c.centrality));
  dp.property("kind", ecol(c.e_kind));
  dp.property("weight", ecol(c.e_weight));
  dp.property("observed", ecol(c.e_observed));
  return dp;
}

template <class BG>
std::string write_dot(const Graph& g, const ExportOptions& options) {
  BG bg = indexed<BG>(g);
  Columns c = columns(g, options, true);
  auto dp = properties(bg, c, true, g.directed());
  std::ostringstream out;
  boost::write_graphviz_dp(out, bg, dp, "node_id");
  std::string text = out.str();
  // Graph-wide attributes: write_graphviz_dp writes none, so add them after the opening brace.
  std::string head = "overlap=false;\nsplines=true;\nfontname=\"Helvetica\";\nnode [fontname=\"Helvetica\", fontsize=10];\n";
  if (!options.title.empty()) head += "label=\"" + detail::dot_quote_body(dot_safe(options.title)) + "\";\nlabelloc=t;\n";
  auto brace = text.find('{');
  if (brace != std::string::npos) text.insert(brace + 2, head);
  return text;
}

template <class BG>
std::string write_graphml(const Graph& g, const ExportOptions& options) {
  BG bg = indexed<BG>(g);
  Columns c = columns(g, options, false);
  auto dp = properties(bg, c, false, g.directed());
  std::ostringstream out;
  boost::write_graphml(out, bg, dp, true);
  return out.str();
}

}  // namespace

namespace detail {
std::string dot_quote_body(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == '"') out += '\\';
    out += ch;
  }
  return out;
}
}  // namespace detail

std::string to_dot(const Graph& g, const ExportOptions& options) {
  return g.directed() ? write_dot<DG>(g, options) : write_dot<UG>(g, options);
}

std::string to_graphml(const Graph& g, const ExportOptions& options) {
  return g.directed() ? write_graphml<DG>(g, options) : write_graphml<UG>(g, options);
}

}  // namespace partnerkit::stakeholders
