// partnerkit._core, process part: templates, readiness criteria, status and next steps, the
// continuum. Results are read-only; to_dict() gives the same data as `partnerkit stage --format json`.
#include "bindings.hpp"

#include <pybind11/native_enum.h>

namespace partnerkit::python {
namespace {

using namespace partnerkit::process;

// The template to use: the one given, else the one the partnership names.
Template chosen(const Partnership& p, const std::optional<Template>& t) { return t ? *t : template_for(p); }
// The day to use: the one given, else today in the partnership's time zone.
Date day_or_today(const Partnership& p, const std::optional<Date>& on) { return on ? *on : today(p.timezone.value_or("")); }

}  // namespace

void bind_process(py::module_& m) {
  py::native_enum<ActivityState>(m, "ActivityState", "enum.Enum", "An activity's state on a day.")
      .value("done", ActivityState::done)
      .value("due", ActivityState::due)
      .value("overdue", ActivityState::overdue)
      .value("blocked", ActivityState::blocked)
      .finalize();
  py::native_enum<ContinuumLevel>(m, "ContinuumLevel", "enum.Enum",
                                  "The toolkit's continuum, lowest first; none is a partnership with no tie and no meeting.")
      .value("none", ContinuumLevel::none)
      .value("coordination", ContinuumLevel::coordination)
      .value("cooperation", ContinuumLevel::cooperation)
      .value("collaboration", ContinuumLevel::collaboration)
      .finalize();

  py::class_<Criterion>(m, "Criterion", "A readiness criterion: a predicate with its parameters.")
      .def(py::init([](std::string predicate, py::handle params) {
             return Criterion{std::move(predicate), params.is_none() ? Json::object() : extra_from_python(params)};
           }),
           py::kw_only(), py::arg("predicate"), py::arg("params") = py::none())
      .def_readonly("predicate", &Criterion::predicate)
      .def_property_readonly("params", [](const Criterion& c) { return json_to_python(c.params); })
      .def("__repr__", [](const Criterion& c) {
        return "Criterion(predicate=" + py::repr(py::str(c.predicate)).cast<std::string>() +
               ", params=" + py::repr(json_to_python(c.params)).cast<std::string>() + ")";
      });
  py::class_<Due>(m, "Due", "When an activity is due: `days` after an anchor (start, meeting:KIND[#N]).")
      .def_readonly("anchor", &Due::anchor)
      .def_readonly("days", &Due::days);
  py::class_<Activity>(m, "Activity", "An activity of a process template.")
      .def_readonly("id", &Activity::id)
      .def_readonly("name", &Activity::name)
      .def_readonly("description", &Activity::description)
      .def_readonly("question_set", &Activity::question_set)
      .def_readonly("requires", &Activity::requires_)
      .def_readonly("meeting_kind", &Activity::meeting_kind)
      .def_readonly("due", &Activity::due)
      .def_readonly("done_when", &Activity::done_when)
      .def_readonly("ready_when", &Activity::ready_when)
      .def("__repr__", [](const Activity& a) { return "Activity(id='" + a.id + "', name='" + a.name + "')"; });
  py::class_<Stage>(m, "Stage", "A stage of a process template.")
      .def_readonly("id", &Stage::id)
      .def_readonly("name", &Stage::name)
      .def_readonly("description", &Stage::description)
      .def_readonly("activities", &Stage::activities)
      .def("__repr__", [](const Stage& s) {
        return "Stage(id='" + s.id + "', activities=" + std::to_string(s.activities.size()) + ")";
      });
  py::class_<QuestionSet>(m, "QuestionSet", "Guiding questions for an activity.")
      .def_readonly("id", &QuestionSet::id)
      .def_readonly("title", &QuestionSet::title)
      .def_readonly("questions", &QuestionSet::questions);
  py::class_<Template>(m, "Template", "A process template: ordered stages of activities (see docs/process.md).")
      .def_readonly("id", &Template::id)
      .def_readonly("name", &Template::name)
      .def_readonly("description", &Template::description)
      .def_readonly("source", &Template::source)
      .def_readonly("vision_activity", &Template::vision_activity)
      .def_readonly("question_sets", &Template::question_sets)
      .def_readonly("stages", &Template::stages)
      .def("find_activity", [](const Template& t, std::string_view id) -> std::optional<Activity> {
             const Activity* a = t.find_activity(id);
             return a ? std::optional<Activity>(*a) : std::nullopt;
           }, py::arg("id"), "The activity with this id, or None.")
      .def("find_question_set", [](const Template& t, std::string_view id) -> std::optional<QuestionSet> {
             const QuestionSet* q = t.find_question_set(id);
             return q ? std::optional<QuestionSet>(*q) : std::nullopt;
           }, py::arg("id"), "The question set with this id, or None.")
      .def("__repr__", [](const Template& t) {
        return "Template(id='" + t.id + "', stages=" + std::to_string(t.stages.size()) + ")";
      });

  py::class_<CriterionResult>(m, "CriterionResult", "The outcome of one criterion on a day.")
      .def_readonly("predicate", &CriterionResult::predicate)
      .def_readonly("holds", &CriterionResult::holds)
      .def_readonly("description", &CriterionResult::description)
      .def_readonly("reasons", &CriterionResult::reasons)
      .def("__repr__", [](const CriterionResult& r) {
        return "CriterionResult(predicate='" + r.predicate + "', holds=" + (r.holds ? "True" : "False") + ")";
      });
  py::class_<ActivityStatus>(m, "ActivityStatus", "An activity's state on a day, with its reasons.")
      .def_readonly("stage", &ActivityStatus::stage)
      .def_readonly("id", &ActivityStatus::id)
      .def_readonly("name", &ActivityStatus::name)
      .def_readonly("state", &ActivityStatus::state)
      .def_readonly("due", &ActivityStatus::due)
      .def_readonly("done_on", &ActivityStatus::done_on)
      .def_readonly("reasons", &ActivityStatus::reasons)
      .def_readonly("question_set", &ActivityStatus::question_set)
      .def_readonly("meeting", &ActivityStatus::meeting)
      .def("__repr__", [](const ActivityStatus& a) {
        return "ActivityStatus(id='" + a.id + "', state=ActivityState." + to_string(a.state) + ")";
      });
  py::class_<StageStatus>(m, "StageStatus", "A stage's progress: done of total activities.")
      .def_readonly("id", &StageStatus::id)
      .def_readonly("name", &StageStatus::name)
      .def_readonly("done", &StageStatus::done)
      .def_readonly("total", &StageStatus::total)
      .def_readonly("percent_complete", &StageStatus::percent_complete)
      .def("__repr__", [](const StageStatus& s) {
        return "StageStatus(id='" + s.id + "', done=" + std::to_string(s.done) + ", total=" + std::to_string(s.total) + ")";
      });
  py::class_<NextStep>(m, "NextStep", "A recommended action, drawn from the template.")
      .def_readonly("activity", &NextStep::activity)
      .def_readonly("stage", &NextStep::stage)
      .def_readonly("action", &NextStep::action)
      .def_readonly("question_set", &NextStep::question_set)
      .def_readonly("meeting", &NextStep::meeting)
      .def_readonly("due", &NextStep::due)
      .def_readonly("overdue", &NextStep::overdue)
      .def("__repr__", [](const NextStep& n) { return "NextStep(activity='" + n.activity + "')"; });
  py::class_<Status>(m, "Status",
                     "Where a partnership stands on a day: activities, stages, current stage, next steps, notes. "
                     "to_pandas() gives one row per activity.")
      .def_readonly("on", &Status::on)
      .def_readonly("template_id", &Status::template_id)
      .def_readonly("current_stage", &Status::current_stage)
      .def_readonly("stages", &Status::stages)
      .def_readonly("activities", &Status::activities)
      .def_readonly("next_steps", &Status::next_steps)
      .def_readonly("notes", &Status::notes)
      .def("to_dict", [](const Status& s) { return json_to_python(to_json(s)); },
           "The status as a dict (the \"status\" of `partnerkit stage --format json`).")
      .def("__repr__", [](const Status& s) {
        return "Status(on=" + format_date(s.on) + ", template_id='" + s.template_id + "', current_stage='" +
               s.current_stage + "', next_steps=" + std::to_string(s.next_steps.size()) + ")";
      });

  py::class_<Evidence>(m, "Evidence", "One observed signal behind a continuum placement.")
      .def_readonly("signal", &Evidence::signal)
      .def_readonly("detail", &Evidence::detail);
  py::class_<RatingGap>(m, "RatingGap", "Two parties whose ratings of each other differ by 2 or more.")
      .def_readonly("a", &RatingGap::a)
      .def_readonly("b", &RatingGap::b)
      .def_readonly("a_rates_b", &RatingGap::a_rates_b)
      .def_readonly("b_rates_a", &RatingGap::b_rates_a);
  py::class_<Continuum>(m, "Continuum", "The partnership's place on coordination -> cooperation -> collaboration.")
      .def_readonly("level", &Continuum::level)
      .def_readonly("from_evidence", &Continuum::from_evidence)
      .def_readonly("from_ratings", &Continuum::from_ratings)
      .def_readonly("evidence", &Continuum::evidence)
      .def_readonly("discuss", &Continuum::discuss)
      .def("to_dict", [](const Continuum& c) { return json_to_python(to_json(c)); }, "The placement as a dict.")
      .def("__repr__", [](const Continuum& c) { return std::string("Continuum(level=ContinuumLevel.") + to_string(c.level) + ")"; });

  m.def("loads_template", [](std::string_view text, std::string_view source) { return loads_template(text, source); },
        py::arg("text"), py::arg("source") = "<string>",
        "Parses and validates a process template; raises ValidationError with every problem.");
  m.def("load_template", [](const std::filesystem::path& path) { return load_template(path); }, py::arg("path"),
        "Reads and validates a process template file.");
  m.def("builtin_template", [](std::string_view id) { return builtin_template(id); }, py::arg("id"),
        "A built-in template (building-partnership, court-child-support); raises Error for another id.");
  m.def("predicate_names", &predicate_names, "Names of the readiness predicates.");
  m.def("continuum_from_rating", &continuum_from_rating, py::arg("level"),
        "The continuum level a Levels of Collaboration rating (0-5) maps to (docs/process.md).");
  m.def("evaluate",
        [](const Criterion& c, const Partnership& p, const Activity& a, Date on) { return evaluate(c, p, a, on); },
        py::arg("criterion"), py::arg("partnership"), py::arg("activity"), py::arg("on"),
        "Evaluates one criterion for an activity on a day.");

  auto partnership = py::reinterpret_borrow<py::class_<Partnership>>(m.attr("Partnership"));
  partnership.def(
      "status",
      [](const Partnership& p, std::optional<Date> on, std::optional<Template> t) {
        return status(p, chosen(p, t), day_or_today(p, on));
      },
      py::kw_only(), py::arg("on") = py::none(), py::arg("template") = py::none(),
      "Status on a day (default: today in the partnership's time zone) under a template (default: the one the "
      "document names).");
  partnership.def(
      "continuum",
      [](const Partnership& p, std::optional<Date> on, std::optional<Template> t) {
        return place_on_continuum(p, chosen(p, t), day_or_today(p, on));
      },
      py::kw_only(), py::arg("on") = py::none(), py::arg("template") = py::none(),
      "Place on the collaboration continuum on a day, with the evidence and the pairs to discuss.");
  partnership.def("template", [](const Partnership& p) { return template_for(p); },
                  "The process template the document names (building-partnership when it names none).");
}

}  // namespace partnerkit::python
