// partnerkit graph FILE [--on DATE] [--kind K]... [--min-weight W] [--organizations]
//                       [--format text|json|dot|graphml|svg] [-o OUT] [--compare OTHER_DATE_OR_FILE]
#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <numeric>
#include <sstream>

#include "commands.hpp"
#include "partnerkit/stakeholders/community.hpp"
#include "partnerkit/stakeholders/compare.hpp"
#include "partnerkit/stakeholders/export.hpp"
#include "partnerkit/stakeholders/gaps.hpp"
#include "partnerkit/stakeholders/graph.hpp"
#include "partnerkit/stakeholders/measures.hpp"

namespace partnerkit::cli {
namespace {

using namespace partnerkit::stakeholders;
using OJson = nlohmann::ordered_json;

struct Options {
  std::string file, on, format = "text", out, compare, size_by = "betweenness", layout = "neato";
  std::vector<std::string> kinds, categories;
  double min_weight = 0;
  std::size_t wrap = 0;
  bool organizations = false;
};

Graph view(const Partnership& p, const Options& o, std::optional<Date> on) {
  Graph g(p, GraphOptions{.people = !o.organizations});
  if (on) g = g.as_of(*on);
  if (!o.kinds.empty()) {
    std::vector<std::string> kinds = o.kinds;
    if (!o.organizations) kinds.emplace_back(membership_kind);  // keep people tied to their organization
    g = g.with_kinds(kinds);
  }
  if (o.min_weight > 0) g = g.with_min_weight(o.min_weight);
  return g;
}

OJson number_or_null(const std::optional<double>& x) { return x ? OJson(*x) : OJson(nullptr); }

template <class F>
std::optional<std::vector<double>> maybe(F&& f) {
  try {
    return f();
  } catch (const Error&) {
    return std::nullopt;  // e.g. eigenvector centrality that does not converge
  }
}

OJson measures_json(const Graph& g) {
  auto deg = degree(g);
  auto btw = betweenness(g);
  auto clo = closeness(g);
  auto har = harmonic(g);
  auto eig = maybe([&] { return eigenvector(g); });
  auto pr = maybe([&] { return pagerank(g); });
  auto scores = trust_and_value(g);
  auto comm = communities(g);
  auto comps = weak_components(g);
  OJson out;
  out["summary"] = {{"vertices", g.vertex_count()},
                    {"ties", g.edge_count()},
                    {"directed", g.directed()},
                    {"density", density(g)},
                    {"degree_centralization", centralization(g, Centrality::degree)},
                    {"betweenness_centralization", centralization(g, Centrality::betweenness)},
                    {"closeness_centralization", centralization(g, Centrality::closeness)},
                    {"reciprocity", number_or_null(reciprocity(g))},
                    {"components", comps.count},
                    {"communities", comm.count},
                    {"modularity", comm.modularity},
                    {"trust", number_or_null(scores.network_trust)},
                    {"value", number_or_null(scores.network_value)},
                    {"missing_items", scores.missing.size()}};
  out["vertices"] = OJson::array();
  for (std::size_t v = 0; v < g.vertex_count(); ++v) {
    const Vertex& x = g.vertex(v);
    out["vertices"].push_back({{"id", x.id},
                               {"name", x.name},
                               {"kind", std::string(to_string(x.kind))},
                               {"category", x.category ? OJson(*x.category) : OJson(nullptr)},
                               {"degree", deg[v]},
                               {"betweenness", btw[v]},
                               {"closeness", clo[v]},
                               {"harmonic", har[v]},
                               {"eigenvector", eig ? OJson((*eig)[v]) : OJson(nullptr)},
                               {"pagerank", pr ? OJson((*pr)[v]) : OJson(nullptr)},
                               {"trust", number_or_null(scores.vertices[v].trust)},
                               {"value", number_or_null(scores.vertices[v].value)},
                               {"community", comm.membership[v]},
                               {"component", comps.component[v]}});
  }
  out["articulation_points"] = OJson::array();
  for (std::size_t v : articulation_points(g)) out["articulation_points"].push_back(g.vertex(v).id);
  out["bridges"] = OJson::array();
  for (auto [a, b] : bridges(g)) out["bridges"].push_back({g.vertex(a).id, g.vertex(b).id});
  return out;
}

std::string fmt(double x, int precision = 3) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(precision) << x;
  return s.str();
}
std::string fmt(const OJson& x) { return x.is_null() ? "n/a" : fmt(x.get<double>()); }

void print_text(std::ostream& out, const Partnership& p, const Graph& g, const OJson& m, const Gaps& gaps) {
  const OJson& s = m["summary"];
  out << p.name << "\n" << s["vertices"].get<std::size_t>() << " vertices, " << s["ties"].get<std::size_t>() << " ties"
      << (g.directed() ? " (directed)" : "") << ", density " << fmt(s["density"]) << ", " << s["components"].get<std::size_t>()
      << " component(s), " << s["communities"].get<std::size_t>() << " communities (modularity " << fmt(s["modularity"])
      << ")\ncentralization: degree " << fmt(s["degree_centralization"]) << ", betweenness "
      << fmt(s["betweenness_centralization"]) << ", closeness " << fmt(s["closeness_centralization"]) << "\ntrust "
      << fmt(s["trust"]) << ", value " << fmt(s["value"]) << " (items 1-4; " << s["missing_items"].get<std::size_t>()
      << " missing items)\n\nmost central (betweenness):\n";
  std::vector<std::size_t> order(g.vertex_count());
  std::iota(order.begin(), order.end(), 0);
  const OJson& vs = m["vertices"];
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return vs[a]["betweenness"].get<double>() > vs[b]["betweenness"].get<double>();
  });
  for (std::size_t i = 0; i < std::min<std::size_t>(10, order.size()); ++i) {
    const OJson& v = vs[order[i]];
    out << "  " << std::left << std::setw(20) << v["id"].get<std::string>() << " betweenness " << fmt(v["betweenness"])
        << "  degree " << fmt(v["degree"]) << "  trust " << fmt(v["trust"]) << "  value " << fmt(v["value"]) << "\n";
  }
  out << "\ngaps:\n";
  for (const auto& c : gaps.missing_categories) out << "  missing category " << c.category << " (" << c.label << ")\n";
  for (const auto& d : gaps.no_decision_maker)
    out << "  no decision maker on the roster for " << d.organization << " (" << d.people << " on the roster)\n";
  for (const auto& i : gaps.isolates) out << "  isolated: " << i << "\n";
  for (const auto& s1 : gaps.single_points_of_failure) {
    out << "  single point of failure: " << s1.kind << " " << s1.id << " (without it:";
    for (const auto& c : s1.cut_off) out << " " << c;
    out << " cut off)\n";
  }
  for (std::size_t i = 0; i < std::min<std::size_t>(5, gaps.introductions.size()); ++i) {
    const auto& in = gaps.introductions[i];
    out << "  introduce " << in.a << " and " << in.b << " (" << in.shared.size() << " shared partners)\n";
  }
}

void print_compare(std::ostream& out, const Comparison& c) {
  out << "from " << c.before_label << " to " << c.after_label << "\n";
  auto line = [&](const char* name, double b, double a) {
    out << "  " << std::left << std::setw(28) << name << fmt(b) << " -> " << fmt(a) << "\n";
  };
  line("density", c.before.density, c.after.density);
  line("degree centralization", c.before.degree_centralization, c.after.degree_centralization);
  line("betweenness centralization", c.before.betweenness_centralization, c.after.betweenness_centralization);
  line("closeness centralization", c.before.closeness_centralization, c.after.closeness_centralization);
  out << "  " << std::setw(28) << "trust" << (c.before.trust ? fmt(*c.before.trust) : "n/a") << " -> "
      << (c.after.trust ? fmt(*c.after.trust) : "n/a") << "\n  " << std::setw(28) << "value"
      << (c.before.value ? fmt(*c.before.value) : "n/a") << " -> " << (c.after.value ? fmt(*c.after.value) : "n/a") << "\n";
  for (const auto& t : c.gained) out << "  + tie " << t.a << " - " << t.b << "\n";
  for (const auto& t : c.lost) out << "  - tie " << t.a << " - " << t.b << "\n";
  for (const auto& id : c.added) out << "  + " << id << "\n";
  for (const auto& id : c.removed) out << "  - " << id << "\n";
  for (const auto& id : c.became_isolated) out << "  became isolated: " << id << "\n";
  for (const auto& id : c.no_longer_isolated) out << "  no longer isolated: " << id << "\n";
  for (const auto& id : c.became_central) out << "  became central: " << id << "\n";
  for (const auto& id : c.no_longer_central) out << "  no longer central: " << id << "\n";
}

}  // namespace

void add_graph(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("graph", "The stakeholder network: measures, gaps, pictures, change over time")
                  ->footer("Examples:\n  partnerkit graph examples/partnerships/state-cac-voca.json\n"
                           "  partnerkit graph partnership.json --format svg -o network.svg\n"
                           "  partnerkit graph partnership.json --compare 2027-01-01 --on 2027-06-30\n"
                           "  partnerkit graph partnership.json --compare last-year.json\n"
                           "--compare takes a day (the same document then) or another document (the earlier one).");
  auto opts = std::make_shared<Options>();
  cmd->add_option("file", opts->file, "Partnership document; - reads standard input")->required();
  cmd->add_option("--on", opts->on, "Only ties observed on or before this day, YYYY-MM-DD (undated ties always count)");
  cmd->add_option("--kind", opts->kinds, "Only ties of this kind (repeatable)");
  cmd->add_option("--min-weight", opts->min_weight, "Only ties of at least this weight");
  cmd->add_flag("--organizations", opts->organizations, "Organizations only (a tie naming a person counts for their organization)");
  cmd->add_option("--category", opts->categories, "A category you expect at the table, for the gaps (repeatable)");
  cmd->add_option("--compare", opts->compare, "An earlier day, YYYY-MM-DD, or an earlier document to compare with");
  cmd->add_option("--size-by", opts->size_by, "Vertex size in pictures")
      ->check(CLI::IsMember({"betweenness", "degree", "pagerank", "none"}))->capture_default_str();
  cmd->add_option("--layout", opts->layout, "Graphviz layout for svg")->capture_default_str();
  cmd->add_option("--wrap", opts->wrap, "In dot and svg, break names longer than N characters onto lines (0: never)")
      ->capture_default_str();
  cmd->add_option("--format", opts->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "dot", "graphml", "svg"}))->capture_default_str();
  cmd->add_option("-o,--output", opts->out, "Write the output to this file (atomically) instead of standard output");
  cmd->callback([opts, &exit_code] {
    const Options& o = *opts;
    try {
      auto day = [&](const std::string& text, const char* option) -> std::optional<Date> {
        auto d = parse_date(text);
        if (!d) throw ValidationError("partnerkit graph", option, "expected a day that exists, YYYY-MM-DD, got \"" + text + "\"");
        return d;
      };
      std::optional<Date> on;
      if (!o.on.empty()) on = day(o.on, "--on");
      Partnership p = load_input(o.file);
      Graph g = view(p, o, on);
      std::ostringstream text;
      if (!o.compare.empty()) {
        if (o.format != "text" && o.format != "json")
          throw ValidationError("partnerkit graph", "--format", "--compare writes text or json");
        Comparison c;
        bool looks_like_day = o.compare.size() == 10 && o.compare[4] == '-' && o.compare[7] == '-' &&
                              !std::filesystem::exists(o.compare);
        if (looks_like_day) {
          c = compare(view(p, o, day(o.compare, "--compare")), g);
          c.before_label = o.compare;
          c.after_label = on ? o.on : "all ties";
        } else {
          Partnership earlier = load_input(o.compare);
          c = compare(view(earlier, o, on), g);
          c.before_label = o.compare;
          c.after_label = o.file;
        }
        if (o.format == "json") text << OJson({{"file", o.file}, {"compare", to_json(c)}}).dump(2) << "\n";
        else print_compare(text, c);
        write_output(o.out, text.str());
        return;
      }
      ExportOptions eo;
      eo.size_by = o.size_by == "degree" ? SizeBy::degree : o.size_by == "pagerank" ? SizeBy::pagerank
                   : o.size_by == "none" ? SizeBy::none : SizeBy::betweenness;
      eo.layout = o.layout;
      eo.wrap = o.wrap;
      eo.title = p.name;
      if (o.format == "dot") {
        text << to_dot(g, eo);
      } else if (o.format == "graphml") {
        text << to_graphml(g, eo);
      } else if (o.format == "svg") {
        text << to_svg(g, eo);
      } else {
        GapOptions go;
        go.categories = o.categories;
        go.on = on;
        Gaps gaps = find_gaps(p, go);
        OJson m = measures_json(g);
        if (o.format == "json") {
          OJson out{{"file", o.file}, {"on", on ? OJson(o.on) : OJson(nullptr)}};
          out["summary"] = m["summary"];
          out["vertices"] = m["vertices"];
          out["articulation_points"] = m["articulation_points"];
          out["bridges"] = m["bridges"];
          out["gaps"] = to_json(gaps);
          text << out.dump(2) << "\n";
        } else {
          print_text(text, p, g, m, gaps);
        }
      }
      write_output(o.out, text.str());
    } catch (const ValidationError& e) {
      for (const auto& issue : e.errors()) std::cout << issue.str() << '\n';
      exit_code = bad_input;
    }
  });
}

}  // namespace partnerkit::cli
