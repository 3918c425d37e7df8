// partnerkit._core, stakeholder tools: survey import, gaps, breakout groups, change over time,
// DOT/GraphML/SVG export. Results are read-only; to_dict() gives the same data as the CLI's JSON.
#include "bindings.hpp"

#include "partnerkit/stakeholders/compare.hpp"
#include "partnerkit/stakeholders/export.hpp"
#include "partnerkit/stakeholders/gaps.hpp"
#include "partnerkit/stakeholders/graph.hpp"
#include "partnerkit/stakeholders/groups.hpp"
#include "partnerkit/stakeholders/survey.hpp"

namespace partnerkit::python {
namespace {

using namespace partnerkit::stakeholders;

SizeBy size_by_from(const std::string& s) {
  if (s == "betweenness") return SizeBy::betweenness;
  if (s == "degree") return SizeBy::degree;
  if (s == "pagerank") return SizeBy::pagerank;
  if (s == "none") return SizeBy::none;
  throw py::value_error("size_by must be betweenness, degree, pagerank or none, got '" + s + "'");
}

ExportOptions export_options(const std::string& size_by, const std::string& layout, const std::string& title,
                             std::size_t wrap = 0) {
  ExportOptions o;
  o.size_by = size_by_from(size_by);
  o.layout = layout;
  o.title = title;
  o.wrap = wrap;
  return o;
}

GroupOptions group_options(std::size_t groups, std::uint64_t seed, std::size_t iterations, double mixing_weight,
                           double new_pair_weight, std::vector<std::pair<std::string, std::string>> apart,
                           std::vector<std::vector<std::string>> together) {
  GroupOptions o;
  o.groups = groups;
  o.seed = seed;
  o.iterations = iterations;
  o.mixing_weight = mixing_weight;
  o.new_pair_weight = new_pair_weight;
  o.apart = std::move(apart);
  o.together = std::move(together);
  return o;
}

std::string quoted(const std::string& s) { return py::repr(py::str(s)).cast<std::string>(); }

}  // namespace

void bind_graphtools(py::module_& m) {
  // ---- survey ----
  py::class_<SurveyColumn>(m, "SurveyColumn", "A column of a survey file and the field it was read into.")
      .def_readonly("field", &SurveyColumn::field)
      .def_readonly("header", &SurveyColumn::header)
      .def("__repr__", [](const SurveyColumn& c) {
        return "SurveyColumn(field=" + quoted(c.field) + ", header=" + quoted(c.header) + ")";
      });
  py::class_<SurveyResult>(m, "SurveyResult", "What a survey import did.")
      .def_readonly("rows", &SurveyResult::rows)
      .def_readonly("created", &SurveyResult::created)
      .def_readonly("updated", &SurveyResult::updated)
      .def_readonly("skipped", &SurveyResult::skipped)
      .def_readonly("columns", &SurveyResult::columns)
      .def_readonly("ignored_columns", &SurveyResult::ignored_columns)
      .def("to_dict", [](const SurveyResult& r) { return json_to_python(to_json(r)); },
           "The result as a dict (the \"result\" of `partnerkit import-survey --format json`).")
      .def("__repr__", [](const SurveyResult& r) {
        return "SurveyResult(rows=" + std::to_string(r.rows) + ", created=" + std::to_string(r.created) +
               ", updated=" + std::to_string(r.updated) + ", skipped=" + std::to_string(r.skipped) + ")";
      });
  m.def("survey_header_aliases", [] {
        py::dict out;
        for (const auto& [field, names] : survey_header_aliases()) out[py::str(field)] = names;
        return out;
      },
      "The survey fields and the normalized header names each accepts.");

  // ---- groups ----
  py::class_<GroupScore>(m, "GroupScore", "How good an assignment to breakout groups is.")
      .def_readonly("score", &GroupScore::score)
      .def_readonly("pairs", &GroupScore::pairs)
      .def_readonly("mixed_pairs", &GroupScore::mixed_pairs)
      .def_readonly("new_pairs", &GroupScore::new_pairs)
      .def_readonly("violations", &GroupScore::violations)
      .def("to_dict", [](const GroupScore& s) { return json_to_python(to_json(s)); }, "The score as a dict.")
      .def("__repr__", [](const GroupScore& s) {
        return "GroupScore(score=" + py::repr(py::float_(s.score)).cast<std::string>() + ", pairs=" +
               std::to_string(s.pairs) + ", mixed_pairs=" + std::to_string(s.mixed_pairs) + ", new_pairs=" +
               std::to_string(s.new_pairs) + ")";
      });
  py::class_<Breakouts>(m, "Breakouts", "Breakout groups (person ids) and their score.")
      .def_readonly("groups", &Breakouts::groups)
      .def_readonly("score", &Breakouts::score)
      .def_readonly("initial_score", &Breakouts::initial_score)
      .def_readonly("iterations", &Breakouts::iterations)
      .def_readonly("seed", &Breakouts::seed)
      .def("to_dict", [](const Breakouts& b) { return json_to_python(to_json(b)); },
           "The groups as a dict (the \"breakouts\" of `partnerkit groups --format json`).")
      .def("__repr__", [](const Breakouts& b) {
        std::string sizes;
        for (const auto& g : b.groups) sizes += (sizes.empty() ? "" : ", ") + std::to_string(g.size());
        return "Breakouts(groups=" + std::to_string(b.groups.size()) + " of sizes [" + sizes + "], score=" +
               py::repr(py::float_(b.score.score)).cast<std::string>() + ")";
      });

  // ---- gaps ----
  py::class_<RecommendedCategory>(m, "RecommendedCategory", "A category the Building Partnership Toolkit recommends.")
      .def_readonly("category", &RecommendedCategory::category)
      .def_readonly("label", &RecommendedCategory::label)
      .def_readonly("minimum", &RecommendedCategory::minimum)
      .def("__repr__", [](const RecommendedCategory& c) { return "RecommendedCategory(category=" + quoted(c.category) + ")"; });
  m.def("toolkit_categories", &toolkit_categories, "The toolkit's recommended stakeholder categories.");
  py::class_<MissingCategory>(m, "MissingCategory", "A recommended or expected category no organization has.")
      .def_readonly("category", &MissingCategory::category)
      .def_readonly("label", &MissingCategory::label)
      .def_readonly("source", &MissingCategory::source)
      .def("__repr__", [](const MissingCategory& c) {
        return "MissingCategory(category=" + quoted(c.category) + ", source=" + quoted(c.source) + ")";
      });
  py::class_<NoDecisionMaker>(m, "NoDecisionMaker", "An organization with no decision maker on the roster.")
      .def_readonly("organization", &NoDecisionMaker::organization)
      .def_readonly("people", &NoDecisionMaker::people)
      .def("__repr__", [](const NoDecisionMaker& d) {
        return "NoDecisionMaker(organization=" + quoted(d.organization) + ", people=" + std::to_string(d.people) + ")";
      });
  py::class_<SinglePointOfFailure>(m, "SinglePointOfFailure",
                                   "A person or organization whose removal leaves organizations cut off.")
      .def_readonly("id", &SinglePointOfFailure::id)
      .def_readonly("kind", &SinglePointOfFailure::kind)
      .def_readonly("cut_off", &SinglePointOfFailure::cut_off)
      .def("__repr__", [](const SinglePointOfFailure& s) {
        return "SinglePointOfFailure(id=" + quoted(s.id) + ", cut_off=" + std::to_string(s.cut_off.size()) + ")";
      });
  py::class_<Introduction>(m, "Introduction", "Two organizations with no tie that share partners.")
      .def_readonly("a", &Introduction::a)
      .def_readonly("b", &Introduction::b)
      .def_readonly("shared", &Introduction::shared)
      .def("__repr__", [](const Introduction& i) {
        return "Introduction(a=" + quoted(i.a) + ", b=" + quoted(i.b) + ", shared=" + std::to_string(i.shared.size()) + ")";
      });
  py::class_<Gaps>(m, "Gaps", "Who is missing, who holds the partnership together, who should meet.")
      .def_readonly("missing_categories", &Gaps::missing_categories)
      .def_readonly("no_decision_maker", &Gaps::no_decision_maker)
      .def_readonly("isolates", &Gaps::isolates)
      .def_readonly("single_points_of_failure", &Gaps::single_points_of_failure)
      .def_readonly("introductions", &Gaps::introductions)
      .def("to_dict", [](const Gaps& g) { return json_to_python(to_json(g)); },
           "The gaps as a dict (the \"gaps\" of `partnerkit graph --format json`).")
      .def("__repr__", [](const Gaps& g) {
        return "Gaps(missing_categories=" + std::to_string(g.missing_categories.size()) + ", no_decision_maker=" +
               std::to_string(g.no_decision_maker.size()) + ", isolates=" + std::to_string(g.isolates.size()) +
               ", single_points_of_failure=" + std::to_string(g.single_points_of_failure.size()) +
               ", introductions=" + std::to_string(g.introductions.size()) + ")";
      });

  // ---- compare ----
  py::class_<SnapshotSummary>(m, "SnapshotSummary", "The measures of one snapshot.")
      .def_readonly("vertices", &SnapshotSummary::vertices)
      .def_readonly("ties", &SnapshotSummary::ties)
      .def_readonly("density", &SnapshotSummary::density)
      .def_readonly("degree_centralization", &SnapshotSummary::degree_centralization)
      .def_readonly("betweenness_centralization", &SnapshotSummary::betweenness_centralization)
      .def_readonly("closeness_centralization", &SnapshotSummary::closeness_centralization)
      .def_readonly("trust", &SnapshotSummary::trust)
      .def_readonly("value", &SnapshotSummary::value)
      .def_readonly("components", &SnapshotSummary::components)
      .def_readonly("isolates", &SnapshotSummary::isolates)
      .def_readonly("central", &SnapshotSummary::central);
  py::class_<TiePair>(m, "TiePair", "A pair of vertices with a tie, and the kinds of its ties.")
      .def_readonly("a", &TiePair::a)
      .def_readonly("b", &TiePair::b)
      .def_readonly("kinds", &TiePair::kinds)
      .def("__repr__", [](const TiePair& t) { return "TiePair(a=" + quoted(t.a) + ", b=" + quoted(t.b) + ")"; });
  py::class_<VertexChange>(m, "VertexChange", "One vertex's measures in both snapshots.")
      .def_readonly("id", &VertexChange::id)
      .def_readonly("degree_before", &VertexChange::degree_before)
      .def_readonly("degree_after", &VertexChange::degree_after)
      .def_readonly("betweenness_before", &VertexChange::betweenness_before)
      .def_readonly("betweenness_after", &VertexChange::betweenness_after)
      .def_readonly("trust_before", &VertexChange::trust_before)
      .def_readonly("trust_after", &VertexChange::trust_after)
      .def_readonly("value_before", &VertexChange::value_before)
      .def_readonly("value_after", &VertexChange::value_after);
  py::class_<Comparison>(m, "Comparison", "Two snapshots compared: ties gained and lost, measures before and after.")
      .def_readonly("before_label", &Comparison::before_label)
      .def_readonly("after_label", &Comparison::after_label)
      .def_readonly("before", &Comparison::before)
      .def_readonly("after", &Comparison::after)
      .def_readonly("added", &Comparison::added)
      .def_readonly("removed", &Comparison::removed)
      .def_readonly("gained", &Comparison::gained)
      .def_readonly("lost", &Comparison::lost)
      .def_readonly("kinds_changed", &Comparison::kinds_changed)
      .def_readonly("became_isolated", &Comparison::became_isolated)
      .def_readonly("no_longer_isolated", &Comparison::no_longer_isolated)
      .def_readonly("became_central", &Comparison::became_central)
      .def_readonly("no_longer_central", &Comparison::no_longer_central)
      .def_readonly("vertices", &Comparison::vertices)
      .def("to_dict", [](const Comparison& c) { return json_to_python(to_json(c)); },
           "The comparison as a dict (the \"compare\" of `partnerkit graph --compare ... --format json`).")
      .def("__repr__", [](const Comparison& c) {
        return "Comparison(" + quoted(c.before_label) + " -> " + quoted(c.after_label) + ", gained=" +
               std::to_string(c.gained.size()) + ", lost=" + std::to_string(c.lost.size()) + ")";
      });

  // ---- export ----
  m.def("category_color", [](std::string_view c) { return category_color(c); }, py::arg("category"),
        "Fill colour of a category in pictures (\"#rrggbb\").");
  m.def("svg_available", &svg_available, "True when this build draws SVG with Graphviz.");
  auto graph = py::reinterpret_borrow<py::class_<Graph>>(m.attr("Graph"));
  graph.def("to_dot",
            [](const Graph& g, const std::string& size_by, const std::string& title, std::size_t wrap) {
              return to_dot(g, export_options(size_by, "neato", title, wrap));
            },
            py::kw_only(), py::arg("size_by") = "betweenness", py::arg("title") = "", py::arg("wrap") = 0,
            "DOT text (Boost's write_graphviz_dp): vertices coloured by category, sized by centrality.");
  graph.def("to_graphml",
            [](const Graph& g, const std::string& size_by) { return to_graphml(g, export_options(size_by, "neato", "")); },
            py::kw_only(), py::arg("size_by") = "betweenness", "GraphML text (Boost's write_graphml).");
  graph.def("to_svg",
            [](const Graph& g, const std::string& size_by, const std::string& layout, const std::string& title,
               std::size_t wrap) {
              ExportOptions o = export_options(size_by, layout, title, wrap);
              py::gil_scoped_release release;
              return to_svg(g, o);
            },
            py::kw_only(), py::arg("size_by") = "betweenness", py::arg("layout") = "neato", py::arg("title") = "",
            py::arg("wrap") = 0,
            "SVG drawn by Graphviz (names longer than `wrap` characters on several lines; 0: one line); raises "
            "Error if partnerkit was built without Graphviz.");
  m.def("compare_graphs",
        [](const Graph& before, const Graph& after, std::size_t central) {
          CompareOptions o;
          o.central = central;
          return compare(before, after, o);
        },
        py::arg("before"), py::arg("after"), py::kw_only(), py::arg("central") = 3,
        "Compares two graphs (e.g. two views of p.graph()).");

  // ---- Partnership methods ----
  auto partnership = py::reinterpret_borrow<py::class_<Partnership>>(m.attr("Partnership"));
  partnership.def(
      "import_survey",
      [](Partnership& p, const std::filesystem::path& path, std::optional<std::string> kind, std::optional<Date> observed) {
        return import_survey_file(p, path, SurveyOptions{std::move(kind), observed});
      },
      py::arg("path"), py::kw_only(), py::arg("kind") = py::none(), py::arg("observed") = py::none(),
      "Reads survey ratings (CSV) into this partnership's relationships, in place; all or nothing. Raises "
      "ValidationError naming the row and column of every problem.");
  partnership.def(
      "import_survey_csv",
      [](Partnership& p, std::string_view text, std::string_view source, std::optional<std::string> kind,
         std::optional<Date> observed) { return import_survey(p, text, source, SurveyOptions{std::move(kind), observed}); },
      py::arg("text"), py::kw_only(), py::arg("source") = "<string>", py::arg("kind") = py::none(),
      py::arg("observed") = py::none(), "Like import_survey(), from CSV text.");
  partnership.def(
      "breakout_groups",
      [](const Partnership& p, std::optional<std::string> meeting, std::size_t groups, std::optional<std::vector<std::string>> people,
         std::uint64_t seed, std::size_t iterations, double mixing_weight, double new_pair_weight,
         std::vector<std::pair<std::string, std::string>> apart, std::vector<std::vector<std::string>> together) {
        GroupOptions o = group_options(groups, seed, iterations, mixing_weight, new_pair_weight, std::move(apart),
                                       std::move(together));
        if (people) return breakout_groups(p, *people, o);
        if (!meeting) throw py::value_error("give a meeting id or a list of people");
        return breakout_groups(p, std::string_view(*meeting), o);
      },
      py::arg("meeting") = py::none(), py::kw_only(), py::arg("groups"), py::arg("people") = py::none(),
      py::arg("seed") = 1, py::arg("iterations") = GroupOptions{}.iterations, py::arg("mixing_weight") = 1.0,
      py::arg("new_pair_weight") = 1.0, py::arg("apart") = std::vector<std::pair<std::string, std::string>>{},
      py::arg("together") = std::vector<std::vector<std::string>>{},
      "Splits a meeting's participants (or `people`) into `groups` groups of sizes within one, mixing agencies "
      "and pairing people with no tie yet; the same seed gives the same groups.");
  partnership.def(
      "score_groups",
      [](const Partnership& p, const std::vector<std::vector<std::string>>& groups, double mixing_weight,
         double new_pair_weight, std::vector<std::pair<std::string, std::string>> apart,
         std::vector<std::vector<std::string>> together) {
        return score_groups(p, groups,
                            group_options(groups.size(), 1, 0, mixing_weight, new_pair_weight, std::move(apart), std::move(together)));
      },
      py::arg("groups"), py::kw_only(), py::arg("mixing_weight") = 1.0, py::arg("new_pair_weight") = 1.0,
      py::arg("apart") = std::vector<std::pair<std::string, std::string>>{},
      py::arg("together") = std::vector<std::vector<std::string>>{},
      "Scores a given assignment of person ids to groups, with the rules of breakout_groups().");
  partnership.def(
      "gaps",
      [](const Partnership& p, std::vector<std::string> categories, std::optional<bool> toolkit, std::optional<Date> on,
         std::size_t max_introductions) {
        return find_gaps(p, GapOptions{std::move(categories), toolkit, on, max_introductions});
      },
      py::kw_only(), py::arg("categories") = std::vector<std::string>{}, py::arg("toolkit") = py::none(),
      py::arg("on") = py::none(), py::arg("max_introductions") = 20,
      "Missing categories (the toolkit's list and `categories`), organizations with no decision maker, isolates, "
      "single points of failure, introductions worth making.");
  partnership.def(
      "compare",
      [](const Partnership& p, py::object other, std::optional<Date> on, bool people, std::size_t central) {
        CompareOptions o;
        o.people = people;
        o.central = central;
        Graph now(p, GraphOptions{.people = people});
        if (on) now = now.as_of(*on);
        if (py::isinstance<Partnership>(other)) {
          const Partnership& earlier = other.cast<const Partnership&>();
          Graph then(earlier, GraphOptions{.people = people});
          if (on) then = then.as_of(*on);
          Comparison c = compare(then, now, o);
          c.before_label = earlier.name;
          c.after_label = p.name;
          return c;
        }
        Date day;
        if (!date_from_python(other, day)) throw py::type_error("other must be a Partnership or a datetime.date");
        Comparison c = compare(Graph(p, GraphOptions{.people = people}).as_of(day), now, o);
        c.before_label = format_date(day);
        c.after_label = on ? format_date(*on) : "all ties";
        return c;
      },
      py::arg("other"), py::kw_only(), py::arg("on") = py::none(), py::arg("people") = false, py::arg("central") = 3,
      "Change over time: `other` is an earlier day (this document then) or an earlier document; compared with this "
      "document (its ties on `on`, default all).");
}

}  // namespace partnerkit::python
