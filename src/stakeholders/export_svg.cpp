// SVG through Graphviz's library (gvc/cgraph), when built with PARTNERKIT_WITH_GRAPHVIZ.
#include "partnerkit/core/error.hpp"
#include "partnerkit/stakeholders/export.hpp"
#include "partnerkit/stakeholders/graph.hpp"

#ifdef PARTNERKIT_HAS_GRAPHVIZ
#include <graphviz/gvc.h>

#include <memory>
#include <mutex>
#endif

namespace partnerkit::stakeholders {

#ifdef PARTNERKIT_HAS_GRAPHVIZ

bool svg_available() noexcept { return true; }

std::string to_svg(const Graph& g, const ExportOptions& options) {
  static const char* const layouts[] = {"neato", "dot", "circo", "fdp", "sfdp", "twopi"};
  bool known = false;
  for (const char* l : layouts) known = known || options.layout == l;
  if (!known) throw Error("unknown Graphviz layout '" + options.layout + "' (use neato, dot, circo, fdp, sfdp or twopi)");
  std::string dot = to_dot(g, options);
  // Graphviz keeps global state (error handlers, the plugin list): one drawing at a time.
  static std::mutex graphviz;
  std::lock_guard<std::mutex> lock(graphviz);
  // One context for the process, never freed: Graphviz 2.42's pango plugin keeps the last font
  // name it measured, which a freed context leaves dangling (ASan: heap-use-after-free in
  // textspan_size on the second drawing in a process). Its memory is suppressed in tests/lsan.supp.
  static GVC_t* const context = gvContext();
  if (!context) throw Error("Graphviz: cannot create a context");
  std::unique_ptr<GVC_t, void (*)(GVC_t*)> gvc(context, [](GVC_t*) {});
  std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> graph(agmemread(dot.c_str()), agclose);
  if (!graph) throw Error("Graphviz could not read the DOT text partnerkit wrote (please report this)");
  if (gvLayout(gvc.get(), graph.get(), options.layout.c_str()) != 0)
    throw Error("Graphviz layout '" + options.layout +
                "' failed; are its plugins configured? (run libgvc6-config-update -c or dot -c)");
  char* data = nullptr;
  unsigned int length = 0;
  int rc = gvRenderData(gvc.get(), graph.get(), "svg", &data, &length);
  std::string svg = (rc == 0 && data) ? std::string(data, length) : std::string();
  if (data) gvFreeRenderData(data);
  gvFreeLayout(gvc.get(), graph.get());
  if (rc != 0 || svg.empty()) throw Error("Graphviz could not render SVG");
  return svg;
}

#else

bool svg_available() noexcept { return false; }

std::string to_svg(const Graph&, const ExportOptions&) {
  throw Error("SVG export is not available: partnerkit was built without Graphviz (PARTNERKIT_WITH_GRAPHVIZ=OFF); "
              "export DOT instead and draw it with `dot -Tsvg`");
}

#endif

}  // namespace partnerkit::stakeholders
