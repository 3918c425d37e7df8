// partnerkit._core, document-facing themes: worksheet quadrants and the CSV import, the
// collective summary, idea rankings and areas of focus. Results are read-only; to_dict() gives the same data as the CLI's --format json.
#include "bindings.hpp"

#include <pybind11/native_enum.h>

#include "partnerkit/themes/ideas.hpp"
#include "partnerkit/themes/summary.hpp"
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

IdeaOptions options_from(const std::string& method, py::handle weights, std::optional<std::string> session,
                         std::optional<int> areas) {
  IdeaOptions o;
  o.method = method_from(method);
  o.weights = weights_from(weights);
  o.session = std::move(session);
  o.areas = areas;
  return o;
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
  py::class_<FocusArea>(m, "FocusArea", "An area of focus: ideas on one theme, with one or two first steps.")
      .def_readonly("label", &FocusArea::label)
      .def_readonly("keywords", &FocusArea::keywords)
      .def_readonly("ideas", &FocusArea::ideas)
      .def_readonly("representative", &FocusArea::representative)
      .def_readonly("score", &FocusArea::score)
      .def_readonly("first_steps", &FocusArea::first_steps)
      .def("__repr__", [](const FocusArea& a) {
        return "FocusArea(label=" + py::repr(py::str(a.label)).cast<std::string>() +
               ", ideas=" + std::to_string(a.ideas.size()) + ")";
      });
  py::class_<IdeaRanking>(m, "IdeaRanking",
                          "Ideas ranked best first with the tie-breaks total, doable, id. to_pandas() gives one row "
                          "per idea.")
      .def_readonly("method", &IdeaRanking::method)
      .def_readonly("weights", &IdeaRanking::weights)
      .def_readonly("session", &IdeaRanking::session)
      .def_readonly("criteria", &IdeaRanking::criteria)
      .def_readonly("ideas", &IdeaRanking::ideas)
      .def_readonly("areas", &IdeaRanking::areas)
      .def_readonly("unassigned", &IdeaRanking::unassigned)
      .def_readonly("areas_from_data", &IdeaRanking::areas_from_data)
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
      [](const std::vector<Idea>& ideas, const std::string& method, py::handle weights, std::optional<int> areas) {
        return rank_ideas(ideas, options_from(method, weights, std::nullopt, areas));
      },
      py::arg("ideas"), py::kw_only(), py::arg("method") = "total", py::arg("weights") = py::none(),
      py::arg("areas") = py::none(),
      "Ranks ideas by their votes: method \"total\", \"weighted\" or \"borda\"; weights a dict such as "
      "{\"doable\": 2} (default 1 each); areas: exactly that many areas of focus (0: none; None: 3 or 4 from the "
      "data).");

  auto partnership = py::reinterpret_borrow<py::class_<Partnership>>(m.attr("Partnership"));
  partnership.def(
      "rank_ideas",
      [](const Partnership& p, const std::string& method, py::handle weights, std::optional<std::string> session,
         std::optional<int> areas) { return rank_ideas(p, options_from(method, weights, std::move(session), areas)); },
      py::kw_only(), py::arg("method") = "total", py::arg("weights") = py::none(), py::arg("session") = py::none(),
      py::arg("areas") = py::none(),
      "The document's ideas ranked by votes and grouped into areas of focus (docs/ideas.md); session: only that "
      "meeting's ideas; areas: exactly that many (0: none; None: 3 or 4 from the data).");
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

  // ---- the collective summary ----
  py::class_<SummaryEntry>(m, "SummaryEntry", "One worksheet entry (or plain text) with where it came from.")
      .def_readonly("text", &SummaryEntry::text)
      .def_readonly("organization", &SummaryEntry::organization)
      .def_readonly("quadrant", &SummaryEntry::quadrant)
      .def_readonly("meeting", &SummaryEntry::meeting)
      .def_readonly("document", &SummaryEntry::document)
      .def("__repr__", [](const SummaryEntry& e) {
        return "SummaryEntry(text=" + py::repr(py::str(e.text)).cast<std::string>() + ")";
      });
  py::class_<SummaryTheme>(m, "SummaryTheme", "A theme: its entries, organizations, quadrants and meetings.")
      .def_readonly("label", &SummaryTheme::label)
      .def_readonly("keywords", &SummaryTheme::keywords)
      .def_readonly("entries", &SummaryTheme::entries)
      .def_readonly("representative", &SummaryTheme::representative)
      .def_readonly("cohesion", &SummaryTheme::cohesion)
      .def_readonly("organizations", &SummaryTheme::organizations)
      .def_readonly("by_quadrant", &SummaryTheme::by_quadrant)
      .def_readonly("by_meeting", &SummaryTheme::by_meeting)
      .def_property_readonly("common", &SummaryTheme::common, "Shared by two or more organizations.")
      .def("__repr__", [](const SummaryTheme& t) {
        return "SummaryTheme(label=" + py::repr(py::str(t.label)).cast<std::string>() +
               ", entries=" + std::to_string(t.entries.size()) +
               ", organizations=" + std::to_string(t.organizations.size()) + ")";
      });
  py::class_<QuadrantSummary>(m, "QuadrantSummary", "One quadrant of the collective summary.")
      .def_readonly("quadrant", &QuadrantSummary::quadrant)
      .def_readonly("entries", &QuadrantSummary::entries)
      .def_readonly("themes", &QuadrantSummary::themes)
      .def_readonly("unassigned", &QuadrantSummary::unassigned)
      .def_readonly("unique", &QuadrantSummary::unique)
      .def("__repr__", [](const QuadrantSummary& q) {
        return std::string("QuadrantSummary(quadrant=Quadrant.") + to_string(q.quadrant) +
               ", themes=" + std::to_string(q.themes.size()) + ")";
      });
  py::class_<Summary>(m, "Summary",
                      "The collective summary: themes per quadrant and across quadrants, most shared first. "
                      "to_pandas() gives one row per entry.")
      .def_readonly("session", &Summary::session)
      .def_readonly("entries", &Summary::entries)
      .def_readonly("themes", &Summary::themes)
      .def_readonly("assignments", &Summary::assignments)
      .def_readonly("unassigned", &Summary::unassigned)
      .def_readonly("quadrants", &Summary::quadrants)
      .def_readonly("organizations", &Summary::organizations)
      .def("to_dict", [](const Summary& s) { return json_to_python(to_json(s)); },
           "The summary as a dict (the JSON of `partnerkit themes --format json`, without \"files\").")
      .def("to_markdown", [](const Summary& s) { return to_markdown(s); }, "Markdown for the handout; user text escaped.")
      .def("to_text", [](const Summary& s) { return to_text(s); }, "Plain text.")
      .def("to_csv", [](const Summary& s) { return to_csv(s); }, "One CSV row per entry; user text quoted.")
      .def("__repr__", [](const Summary& s) {
        return "Summary(entries=" + std::to_string(s.entries.size()) + ", themes=" + std::to_string(s.themes.size()) +
               ", organizations=" + std::to_string(s.organizations) + ")";
      });

  partnership.def(
      "themes",
      [](const Partnership& p, std::optional<std::string> session, std::optional<int> themes) {
        SummaryOptions o;
        o.session = std::move(session);
        o.grouping.themes = themes;
        return summarize(p, o);
      },
      py::kw_only(), py::arg("session") = py::none(), py::arg("themes") = py::none(),
      "The collective summary of the worksheets (of one meeting if `session` is given); `themes`: exactly that many "
      "themes across quadrants (default: found from the data).");
  m.def(
      "summarize_texts",
      [](const std::vector<std::string>& texts, std::optional<int> themes) {
        std::vector<SummaryEntry> entries;
        entries.reserve(texts.size());
        for (const auto& t : texts) entries.push_back({t, std::nullopt, std::nullopt, std::nullopt, 0});
        SummaryOptions o;
        o.grouping.themes = themes;
        return summarize(std::move(entries), o);
      },
      py::arg("texts"), py::kw_only(), py::arg("themes") = py::none(),
      "A summary of plain texts (as `partnerkit themes --texts`): themes, assignments, no quadrants.");
}

}  // namespace partnerkit::python
