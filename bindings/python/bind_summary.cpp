// partnerkit._core, document-facing themes: worksheet quadrants and the CSV import, idea
// rankings. Results are read-only; to_dict() gives the same data as the CLI's --format json.
#include "bindings.hpp"

#include <pybind11/native_enum.h>

#include "partnerkit/themes/ideas.hpp"
#include "partnerkit/themes/worksheet_csv.hpp"

namespace partnerkit::python {
namespace {

using namespace partnerkit::themes;

RankMethod method_from(const std::string& name) {
  if (auto m = parse_rank_method(name)) return *m;
  throw py::value_error("method: expected \"total\", \"weighted\" or \"borda\", got " + py::repr(py::str(name)).cast<std::string>());
}

// None, a Weights, or a dict such as {"doable": 2} over the defaults.
Weights weights_from(py::handle h) {
  Weights w;
  if (h.is_none()) return w;
  if (py::isinstance<Weights>(h)) return h.cast<Weights>();
  if (!py::isinstance<py::dict>(h)) throw py::type_error("weights: expected a dict such as {\"doable\": 2}, a Weights or None");
  for (auto [key, value] : h.cast<py::dict>()) {
    std::string name = py::str(key).cast<std::string>();
    double* target = name == "exciting" ? &w.exciting
                     : name == "better" ? &w.better
                     : name == "doable" ? &w.doable
                     : name == "dots"   ? &w.dots
                                        : nullptr;
    if (!target)
      throw py::value_error("weights: expected keys exciting, better, doable, dots, got " + py::repr(key).cast<std::string>());
    *target = value.cast<double>();
  }
  return w;
}

}  // namespace

void bind_summary(py::module_& m) {
  auto quadrant = py::native_enum<Quadrant>(m, "Quadrant", "enum.Enum", "The worksheet's quadrants, in its order.");
  for (Quadrant q : all_quadrants) quadrant.value(to_string(q), q);
  quadrant.finalize();
  m.def("parse_quadrant", [](std::string_view text) { return parse_quadrant(text); }, py::arg("text"),
        "The quadrant a heading names, matched leniently (\"Proud Of (Strengths)\", \"help with\"), or None.");
  m.def("quadrant_heading", [](Quadrant q) { return std::string(heading(q)); }, py::arg("quadrant"),
        "The toolkit's heading of a quadrant (\"Proud of (strengths)\").");

  py::class_<WorksheetImport>(m, "WorksheetImport", "What an import of worksheet entries did.")
      .def_readonly("rows", &WorksheetImport::rows)
      .def_readonly("added", &WorksheetImport::added)
      .def_readonly("duplicates", &WorksheetImport::duplicates)
      .def_readonly("worksheets_created", &WorksheetImport::worksheets_created)
      .def("to_dict", [](const WorksheetImport& r) {
        py::dict d;
        d["rows"] = r.rows;
        d["added"] = r.added;
        d["duplicates"] = r.duplicates;
        d["worksheets_created"] = r.worksheets_created;
        return d;
      }, "The counts as a dict.")
      .def("__repr__", [](const WorksheetImport& r) {
        return "WorksheetImport(rows=" + std::to_string(r.rows) + ", added=" + std::to_string(r.added) +
               ", duplicates=" + std::to_string(r.duplicates) + ", worksheets_created=" +
               std::to_string(r.worksheets_created) + ")";
      });

  py::native_enum<RankMethod>(m, "RankMethod", "enum.Enum", "How ideas are ranked (docs/ideas.md).")
      .value("total", RankMethod::total)
      .value("weighted", RankMethod::weighted)
      .value("borda", RankMethod::borda)
      .finalize();
  py::class_<Weights>(m, "Weights", "Weights of the criteria in the weighted and Borda rankings (default 1 each).")
      .def(py::init([](double exciting, double better, double doable, double dots) {
             return Weights{exciting, better, doable, dots};
           }),
           py::kw_only(), py::arg("exciting") = 1.0, py::arg("better") = 1.0, py::arg("doable") = 1.0,
           py::arg("dots") = 1.0)
      .def_readonly("exciting", &Weights::exciting)
      .def_readonly("better", &Weights::better)
      .def_readonly("doable", &Weights::doable)
      .def_readonly("dots", &Weights::dots)
      .def("__eq__", [](const Weights& a, const Weights& b) { return a == b; })
      .def("__repr__", [](const Weights& w) {
        return "Weights(exciting=" + py::repr(py::float_(w.exciting)).cast<std::string>() +
               ", better=" + py::repr(py::float_(w.better)).cast<std::string>() +
               ", doable=" + py::repr(py::float_(w.doable)).cast<std::string>() +
               ", dots=" + py::repr(py::float_(w.dots)).cast<std::string>() + ")";
      });
  py::class_<RankedIdea>(m, "RankedIdea", "One idea in a ranking.")
      .def_readonly("id", &RankedIdea::id)
      .def_readonly("text", &RankedIdea::text)
      .def_readonly("session", &RankedIdea::session)
      .def_readonly("exciting", &RankedIdea::exciting)
      .def_readonly("better", &RankedIdea::better)
      .def_readonly("doable", &RankedIdea::doable)
      .def_readonly("dots", &RankedIdea::dots)
      .def_readonly("total", &RankedIdea::total)
      .def_readonly("score", &RankedIdea::score)
      .def_readonly("rank", &RankedIdea::rank)
      .def_readonly("decided_by", &RankedIdea::decided_by)
      .def_readonly("index", &RankedIdea::index)
      .def("__repr__", [](const RankedIdea& i) {
        return "RankedIdea(rank=" + std::to_string(i.rank) + ", id=" + py::repr(py::str(i.id)).cast<std::string>() +
               ", score=" + py::repr(py::float_(i.score)).cast<std::string>() + ")";
      });
  py::class_<IdeaRanking>(m, "IdeaRanking",
                          "Ideas ranked best first with the tie-breaks total, doable, id. to_pandas() gives one row "
                          "per idea.")
      .def_readonly("method", &IdeaRanking::method)
      .def_readonly("weights", &IdeaRanking::weights)
      .def_readonly("session", &IdeaRanking::session)
      .def_readonly("criteria", &IdeaRanking::criteria)
      .def_readonly("ideas", &IdeaRanking::ideas)
      .def("describe", [](const IdeaRanking& r) { return describe(r); }, "The method, its formula and weights.")
      .def("to_dict", [](const IdeaRanking& r) { return json_to_python(to_json(r)); },
           "The ranking as a dict (the \"ranking\" of `partnerkit ideas --format json`).")
      .def("to_markdown", [](const IdeaRanking& r) { return to_markdown(r); }, "A Markdown table; user text escaped.")
      .def("__repr__", [](const IdeaRanking& r) {
        return std::string("IdeaRanking(method=RankMethod.") + to_string(r.method) +
               ", ideas=" + std::to_string(r.ideas.size()) + ")";
      });

  m.def(
      "rank_ideas",
      [](const std::vector<Idea>& ideas, const std::string& method, py::handle weights) {
        return rank_ideas(ideas, IdeaOptions{method_from(method), weights_from(weights), std::nullopt});
      },
      py::arg("ideas"), py::kw_only(), py::arg("method") = "total", py::arg("weights") = py::none(),
      "Ranks ideas by their votes: method \"total\", \"weighted\" or \"borda\"; weights a dict such as "
      "{\"doable\": 2} (default 1 each).");

  auto partnership = py::reinterpret_borrow<py::class_<Partnership>>(m.attr("Partnership"));
  partnership.def(
      "rank_ideas",
      [](const Partnership& p, const std::string& method, py::handle weights, std::optional<std::string> session) {
        return rank_ideas(p, IdeaOptions{method_from(method), weights_from(weights), std::move(session)});
      },
      py::kw_only(), py::arg("method") = "total", py::arg("weights") = py::none(), py::arg("session") = py::none(),
      "The document's ideas ranked by votes (docs/ideas.md); session: only that meeting's ideas.");
  partnership.def(
      "import_worksheets",
      [](Partnership& p, const std::filesystem::path& csv) { return import_worksheets(p, csv); }, py::arg("csv"),
      "Adds worksheet entries from a CSV file (docs/themes-summary.md); raises ValidationError naming the row and "
      "column of every problem, and then leaves the document unchanged.");
  partnership.def(
      "import_worksheets_text",
      [](Partnership& p, std::string_view text, std::string_view source) {
        return import_worksheets_text(p, text, source);
      },
      py::arg("text"), py::arg("source") = "<csv>", "The same from CSV text.");
}

}  // namespace partnerkit::python
