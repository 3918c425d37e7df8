// DOT, GraphML and SVG exports: attributes, colours, sizes, and user text that survives intact.
#include <catch2/catch.hpp>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>

#ifdef PARTNERKIT_HAS_GRAPHVIZ
#include <graphviz/cgraph.h>
#endif

#include "partnerkit/io/document.hpp"
#include "partnerkit/stakeholders/export.hpp"
#include "partnerkit/stakeholders/graph.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::stakeholders;

namespace {

// Names chosen to break a careless writer: markup, quotes, an attribute breakout, line breaks,
// right-to-left text, backslashes (one at the end), DOT keywords and braces.
const std::vector<std::string> nasty_names = {
    "<script>alert('x')</script>",
    "Say \"hello\" & 'bye'",
    "\"><img src=x onerror=alert(1)>",
    "two\nlines",
    "\xD7\x9E\xD7\xA8\xD7\x9B\xD7\x96 \xD7\x94\xD7\x99\xD7\x9C\xD7\x93\xD7\x99\xD7\x9D \xE2\x80\x8F(RTL)",
    "back\\slash\\",
    "a\\\"b } ]; digraph x {",
};

Partnership nasty_document(bool directed) {
  Json doc = Json::parse(test::document());
  for (std::size_t i = 0; i < nasty_names.size(); ++i)
    doc["organizations"].push_back({{"id", "o" + std::to_string(i)}, {"name", nasty_names[i]},
                                    {"category", i % 2 ? "court" : "custom <b>cat</b>"}});
  for (std::size_t i = 0; i + 1 < nasty_names.size(); ++i)
    doc["relationships"].push_back({{"source", "o" + std::to_string(i)}, {"target", "o" + std::to_string(i + 1)},
                                    {"kind", "kind \"" + std::to_string(i) + "\" <x>"}, {"directed", directed && i == 0}});
  doc["relationships"].push_back({{"source", "o0"}, {"target", "o2"}});
  return from_json(doc);
}

struct ReadVertex {
  std::string node_id, label, pk_id, fillcolor, width;
};
struct ReadEdge {
  std::string kind;
};

template <class Directed>
void check_dot_reads_back(const std::string& dot) {
  using G = boost::adjacency_list<boost::vecS, boost::vecS, Directed, ReadVertex, ReadEdge>;
  G g;
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("node_id", get(&ReadVertex::node_id, g));
  dp.property("label", get(&ReadVertex::label, g));
  dp.property("pk_id", get(&ReadVertex::pk_id, g));
  dp.property("fillcolor", get(&ReadVertex::fillcolor, g));
  dp.property("width", get(&ReadVertex::width, g));
  dp.property("kind", get(&ReadEdge::kind, g));
  REQUIRE(boost::read_graphviz(dot, g, dp, "node_id"));
  REQUIRE(boost::num_vertices(g) == nasty_names.size());
  CHECK(boost::num_edges(g) == nasty_names.size());
  for (std::size_t v = 0; v < nasty_names.size(); ++v) {
    // DOT keeps a backslash doubled (a label shows it once); everything else is as written.
    std::string expected;
    for (char c : nasty_names[v]) {
      if (c == '\\') expected += '\\';
      expected += c;
    }
    CHECK(g[v].label == expected);
    CHECK(g[v].pk_id == "o" + std::to_string(v));
  }
}

}  // namespace

TEST_CASE("export: category colours are fixed, custom ones stable", "[stakeholders][export]") {
  CHECK(category_color("cac-chapter") == "#1f77b4");
  CHECK(category_color("") == "#d9d9d9");
  CHECK(category_color("my-custom") == category_color("my-custom"));
  CHECK(category_color("my-custom").size() == 7);
}

TEST_CASE("export: DOT from write_graphviz_dp reads back with Boost and Graphviz", "[stakeholders][export]") {
  for (bool directed : {false, true}) {
    Graph g(nasty_document(directed));
    std::string dot = to_dot(g, {SizeBy::betweenness, "neato", "T \"q\" \\"});
    CHECK(dot.rfind(directed ? "digraph G {" : "graph G {", 0) == 0);
    if (directed) check_dot_reads_back<boost::directedS>(dot);
    else check_dot_reads_back<boost::undirectedS>(dot);
    CHECK(dot.find("fillcolor=\"#ff") != std::string::npos);  // o1 and the other "court"s
    if (directed) CHECK(dot.find("dir=none") != std::string::npos);
#ifdef PARTNERKIT_HAS_GRAPHVIZ
    Agraph_t* parsed = agmemread(dot.c_str());
    REQUIRE(parsed != nullptr);
    CHECK(agnnodes(parsed) == static_cast<int>(nasty_names.size()));
    CHECK(agnedges(parsed) == static_cast<int>(nasty_names.size()));
    for (std::size_t v = 0; v < nasty_names.size(); ++v) {
      Agnode_t* node = agnode(parsed, const_cast<char*>(("v" + std::to_string(v)).c_str()), 0);
      REQUIRE(node != nullptr);
      std::string label = agget(node, const_cast<char*>("label"));
      std::string expected;
      for (char c : nasty_names[v]) {
        if (c == '\\') expected += '\\';
        expected += c;
      }
      CHECK(label == expected);
    }
    agclose(parsed);
#endif
  }
}

TEST_CASE("export: vertices are sized by centrality", "[stakeholders][export]") {
  // A star: the hub is the biggest, the leaves the smallest.
  Partnership p = loads(test::document(R"(
    "organizations": [{"id": "hub", "name": "Hub", "category": "cac-chapter"}, {"id": "a", "name": "A"},
                      {"id": "b", "name": "B"}, {"id": "c", "name": "C"}],
    "relationships": [{"source": "hub", "target": "a"}, {"source": "hub", "target": "b"},
                      {"source": "hub", "target": "c"}])"));
  Graph g(p, GraphOptions{.people = false});
  std::string dot = to_dot(g);
  CHECK(dot.find("v0 [category=\"cac-chapter\"") != std::string::npos);
  CHECK(dot.find("fillcolor=\"#1f77b4\"") != std::string::npos);
  CHECK(dot.find("height=0.900") != std::string::npos);  // hub: 1.5 * 0.6
  CHECK(dot.find("height=0.300") != std::string::npos);  // leaves: 0.5 * 0.6
  std::string flat = to_dot(g, {SizeBy::none, "neato", ""});
  CHECK(flat.find("height=0.900") == std::string::npos);
}

TEST_CASE("export: GraphML is escaped XML with every attribute", "[stakeholders][export]") {
  Graph g(nasty_document(false));
  std::string xml = to_graphml(g);
  CHECK(xml.find("<script>") == std::string::npos);
  CHECK(xml.find("&lt;script&gt;") != std::string::npos);
  CHECK(xml.find("<img") == std::string::npos);
  CHECK(xml.find("edgedefault=\"undirected\"") != std::string::npos);
  for (const char* key : {"pk_id", "name", "category", "color", "size", "centrality", "kind", "weight", "trust"})
    CHECK(xml.find(std::string("attr.name=\"") + key + "\"") != std::string::npos);
  // A control character that XML 1.0 forbids is replaced, not written.
  Partnership p = nasty_document(false);
  p.organizations[0].name = std::string("bell\x07") + "end";
  std::string bell = to_graphml(Graph(p));
  CHECK(bell.find('\x07') == std::string::npos);
  CHECK(bell.find("bell\xEF\xBF\xBD" "end") != std::string::npos);
}

TEST_CASE("export: SVG through Graphviz, or a clear error without it", "[stakeholders][export]") {
  Graph g(nasty_document(true));
  if (!svg_available()) {
    CHECK_THROWS_WITH(to_svg(g), Catch::Contains("built without Graphviz"));
    return;
  }
  std::string svg = to_svg(g);
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("<img") == std::string::npos);
  CHECK(svg.find("&lt;script&gt;") != std::string::npos);
  CHECK(svg.find("#1f77b4") == std::string::npos);  // no cac-chapter here
  CHECK_THROWS_WITH(to_svg(g, {SizeBy::betweenness, "nope", ""}), Catch::Contains("unknown Graphviz layout"));
}

TEST_CASE("export: long names wrapped onto lines in DOT and SVG, never in GraphML", "[stakeholders][export]") {
  Partnership p = loads(test::document(R"(
    "organizations": [{"id": "a", "name": "Mountain State Office of Criminal Justice"},
                      {"id": "b", "name": "Back\\slash n\\n stays text"}, {"id": "c", "name": "Short"}],
    "relationships": [{"source": "a", "target": "b"}])"));
  Graph g(p, GraphOptions{.people = false});
  ExportOptions o;
  o.wrap = 12;
  std::string dot = to_dot(g, o);
  // Broken at the first space after 12 characters, with Graphviz's \n escape.
  CHECK(dot.find("label=\"Mountain State\\nOffice of Criminal\\nJustice\"") != std::string::npos);
  // A user's backslashes stay doubled: only our escapes break lines.
  CHECK(dot.find("label=\"Back\\\\slash n\\\\n\\nstays text\"") != std::string::npos);
  CHECK(dot.find("label=Short") != std::string::npos);
  CHECK(to_dot(g).find("label=\"Mountain State Office of Criminal Justice\"") != std::string::npos);
  CHECK(to_graphml(g, o).find(">Mountain State Office of Criminal Justice<") != std::string::npos);
  if (svg_available()) {
    // Graphviz draws one <text> per line: a narrower picture than the one-line labels.
    std::string svg = to_svg(g, o);
    CHECK(svg.find(">Office of Criminal<") != std::string::npos);
    auto width = [](const std::string& s) { return std::stod(s.substr(s.find("<svg width=\"") + 12)); };
    CHECK(width(svg) < width(to_svg(g)));
  }
}
