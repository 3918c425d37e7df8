// partnerkit._core, meetings part: agendas, plans, their checks and exports. Results are
// read-only; to_dict() gives the same data as `partnerkit plan --format json`.
#include "bindings.hpp"

#include <pybind11/native_enum.h>

namespace partnerkit::python {
namespace {

using namespace partnerkit::meetings;

std::string repr_text(const std::string& s) { return py::repr(text(s)).cast<std::string>(); }

}  // namespace

void bind_meetings(py::module_& m) {
  py::native_enum<Cadence>(m, "Cadence", "enum.Enum", "How often the partnership meets after the in-person sessions.")
      .value("monthly", Cadence::monthly)
      .value("quarterly", Cadence::quarterly)
      .finalize();
  py::native_enum<Phase>(m, "Phase", "enum.Enum", "The part of the process a meeting belongs to.")
      .value("formation", Phase::formation)
      .value("sustaining", Phase::sustaining)
      .finalize();

  py::class_<AgendaItem>(m, "AgendaItem", "One item of an agenda (document form).")
      .def(py::init([](std::string title, std::string kind, std::optional<Minutes> start,
                       std::optional<Minutes> duration, std::optional<std::string> description) {
             AgendaItem i;
             i.title = std::move(title);
             i.kind = std::move(kind);
             i.start = start;
             i.duration = duration;
             i.description = std::move(description);
             return i;
           }),
           py::kw_only(), py::arg("title"), py::arg("kind") = "session", py::arg("start") = py::none(),
           py::arg("duration") = py::none(), py::arg("description") = py::none())
      .def_readonly("title", &AgendaItem::title)
      .def_readonly("kind", &AgendaItem::kind, "session, break or meal")
      .def_readonly("start", &AgendaItem::start, "Clock time as a timedelta after midnight, or None.")
      .def_readonly("duration", &AgendaItem::duration)
      .def_readonly("description", &AgendaItem::description)
      .def("__eq__", [](const AgendaItem& a, const AgendaItem& b) { return a == b; }, py::is_operator())
      .def(py::pickle(
          [](const AgendaItem& i) { return py::make_tuple(i.title, i.kind, i.start, i.duration, i.description); },
          [](const py::tuple& t) {
            AgendaItem i;
            i.title = t[0].cast<std::string>();
            i.kind = t[1].cast<std::string>();
            i.start = t[2].cast<std::optional<Minutes>>();
            i.duration = t[3].cast<std::optional<Minutes>>();
            i.description = t[4].cast<std::optional<std::string>>();
            return i;
          }))
      .def("__repr__", [](const AgendaItem& i) { return "AgendaItem(title=" + repr_text(i.title) + ", kind='" + i.kind + "')"; });
  py::class_<Agenda>(m, "Agenda", "A timed agenda (document form): built in, or one of the document's \"agendas\".")
      .def_readonly("id", &Agenda::id)
      .def_readonly("title", &Agenda::title)
      .def_readonly("description", &Agenda::description)
      .def_readonly("meeting_kind", &Agenda::meeting_kind)
      .def_readonly("start", &Agenda::start, "Usual clock start as a timedelta after midnight, or None.")
      .def_readonly("duration", &Agenda::duration)
      .def_readonly("allow_gaps", &Agenda::allow_gaps)
      .def_readonly("allow_overlaps", &Agenda::allow_overlaps)
      .def_readonly("items", &Agenda::items)
      .def("__eq__", [](const Agenda& a, const Agenda& b) { return a == b; }, py::is_operator())
      .def(py::pickle(
          // Through the document format, which checks it again on the way back.
          [](const Agenda& a) {
            Partnership holder;
            holder.name = "agenda";
            holder.agendas = {a};
            return dumps(holder, -1);
          },
          [](const std::string& state) { return loads(state, "<pickle>").agendas.at(0); }))
      .def("__repr__", [](const Agenda& a) {
        return "Agenda(id=" + repr_text(a.id) + ", items=" + std::to_string(a.items.size()) + ")";
      });
  py::class_<TimedItem>(m, "TimedItem", "An agenda item on the clock: offset and duration from the agenda's start.")
      .def_readonly("title", &TimedItem::title)
      .def_readonly("kind", &TimedItem::kind)
      .def_readonly("offset", &TimedItem::offset)
      .def_readonly("duration", &TimedItem::duration)
      .def_readonly("description", &TimedItem::description)
      .def("__repr__", [](const TimedItem& i) {
        return "TimedItem(title=" + repr_text(i.title) + ", offset=" + std::to_string(i.offset.count()) +
               "min, duration=" + std::to_string(i.duration.count()) + "min)";
      });
  py::class_<TimedAgenda>(m, "TimedAgenda", "An agenda placed on the clock.")
      .def_readonly("id", &TimedAgenda::id)
      .def_readonly("title", &TimedAgenda::title)
      .def_readonly("start", &TimedAgenda::start)
      .def_readonly("length", &TimedAgenda::length)
      .def_readonly("items", &TimedAgenda::items)
      .def("to_dict", [](const TimedAgenda& a) { return json_to_python(to_json(a)); })
      .def("__repr__", [](const TimedAgenda& a) {
        return "TimedAgenda(id=" + repr_text(a.id) + ", items=" + std::to_string(a.items.size()) + ")";
      });
  py::class_<AgendaIssue>(m, "AgendaIssue", "A problem of an agenda, explained.")
      .def_readonly("code", &AgendaIssue::code)
      .def_readonly("item", &AgendaIssue::item)
      .def_readonly("message", &AgendaIssue::message)
      .def("__repr__", [](const AgendaIssue& i) { return "AgendaIssue(code='" + i.code + "', message=" + repr_text(i.message) + ")"; });

  m.def("builtin_agendas", &builtin_agendas, "The built-in agendas: the toolkit's four samples.");
  m.def("builtin_agenda", &builtin_agenda, py::arg("id"), "A built-in agenda; raises Error for an unknown id.");
  m.def("timed", &timed, py::arg("agenda"), "Places an agenda's items on the clock.");
  m.def(
      "check_agenda",
      [](const Agenda& a, std::optional<Minutes> meeting_length, std::optional<std::string> meeting_kind) {
        AgendaCheckOptions o;
        o.meeting_length = meeting_length;
        o.meeting_kind = std::move(meeting_kind);
        return check_agenda(a, o);
      },
      py::arg("agenda"), py::kw_only(), py::arg("meeting_length") = py::none(), py::arg("meeting_kind") = py::none(),
      "Every problem of an agenda (overlaps, holes, items past the end, length against the meeting, and for "
      "in-person meetings 4-5 hours of sessions with a break and a meal).");

  py::class_<PlannedMeeting>(m, "PlannedMeeting", "One meeting of a plan, on the wall clock of its time zone.")
      .def_readonly("id", &PlannedMeeting::id)
      .def_readonly("kind", &PlannedMeeting::kind)
      .def_readonly("title", &PlannedMeeting::title)
      .def_readonly("phase", &PlannedMeeting::phase)
      .def_readonly("start", &PlannedMeeting::start, "Local start (naive datetime) in `timezone`.")
      .def_readonly("duration", &PlannedMeeting::duration)
      .def_readonly("timezone", &PlannedMeeting::timezone)
      .def_readonly("location", &PlannedMeeting::location)
      .def_readonly("agenda", &PlannedMeeting::agenda)
      .def_readonly("participants", &PlannedMeeting::participants)
      .def_readonly("status", &PlannedMeeting::status)
      .def_readonly("if_needed", &PlannedMeeting::if_needed)
      .def_readonly("from_document", &PlannedMeeting::from_document)
      .def_readonly("uid", &PlannedMeeting::uid)
      .def("to_dict", [](const PlannedMeeting& x) { return json_to_python(to_json(x)); })
      .def("__repr__", [](const PlannedMeeting& x) {
        return "PlannedMeeting(id=" + repr_text(x.id) + ", start='" + format_local_datetime(x.start) + "', timezone='" +
               x.timezone + "')";
      });
  py::class_<PlanIssue>(m, "PlanIssue", "A finding about a plan, explained.")
      .def_readonly("code", &PlanIssue::code)
      .def_readonly("meetings", &PlanIssue::meetings)
      .def_readonly("message", &PlanIssue::message)
      .def("__repr__", [](const PlanIssue& i) { return "PlanIssue(code='" + i.code + "', message=" + repr_text(i.message) + ")"; });
  py::class_<Plan>(m, "Plan", "A timeline of meetings with their agendas and what the checks found.")
      .def_readonly("name", &Plan::name)
      .def_readonly("timezone", &Plan::timezone)
      .def_readonly("process", &Plan::process)
      .def_readonly("meetings", &Plan::meetings)
      .def_readonly("agendas", &Plan::agendas)
      .def_readonly("people", &Plan::people)
      .def_readonly("organizations", &Plan::organizations)
      .def_readonly("issues", &Plan::issues)
      .def("to_dict", [](const Plan& p) { return json_to_python(to_json(p)); },
           "The plan as a dict, the same as `partnerkit plan --format json` (without \"file\").")
      .def(
          "to_ical",
          [](const Plan& p, std::optional<std::chrono::sys_seconds::rep> dtstamp) {
            IcalOptions o;
            if (dtstamp) o.dtstamp = std::chrono::sys_seconds(std::chrono::seconds(*dtstamp));
            return to_ical(p, o);
          },
          py::kw_only(), py::arg("dtstamp") = py::none(),
          "The plan as iCalendar text (written with libical). `dtstamp`: seconds since the epoch for DTSTAMP "
          "(default: now).")
      .def(
          "to_ics",
          [](const Plan& p, const std::filesystem::path& path, std::optional<std::chrono::sys_seconds::rep> dtstamp) {
            IcalOptions o;
            if (dtstamp) o.dtstamp = std::chrono::sys_seconds(std::chrono::seconds(*dtstamp));
            std::string text = to_ical(p, o);
            py::gil_scoped_release release;
            write_file_atomically(path, text);
          },
          py::arg("path"), py::kw_only(), py::arg("dtstamp") = py::none(),
          "Writes the plan as an .ics file, atomically (a temporary file renamed over `path`). Raises IoError.")
      .def("to_markdown", [](const Plan& p) { return to_markdown(p); }, "The timeline and timed agendas as Markdown.")
      .def("to_html", [](const Plan& p, bool full_page) { return to_html(p, full_page); }, py::arg("full_page") = true,
           "The Markdown rendered by cmark-gfm (raw HTML disabled); a whole page, or a fragment.")
      .def("event_description", [](const Plan& p, const std::string& id) -> std::string {
             const PlannedMeeting* x = p.find_meeting(id);
             if (!x) throw py::key_error("no meeting " + id + " in the plan");
             return event_description(p, *x);
           }, py::arg("meeting_id"), "The DESCRIPTION written into the meeting's event: its timed agenda.")
      .def("__repr__", [](const Plan& p) {
        return "Plan(name=" + repr_text(p.name) + ", meetings=" + std::to_string(p.meetings.size()) +
               ", issues=" + std::to_string(p.issues.size()) + ")";
      });

  m.def(
      "plan",
      [](const Partnership& p, std::optional<Date> start, std::optional<std::string> timezone,
         std::optional<std::string> process, bool third_in_person, int calls_between, int call_interval_days,
         Cadence cadence, int sustaining_months, bool annual_retreat) {
        PlanOptions o;
        o.start = start;
        o.timezone = std::move(timezone);
        o.process = std::move(process);
        o.third_in_person = third_in_person;
        o.calls_between = calls_between;
        o.call_interval = std::chrono::days(call_interval_days);
        o.cadence = cadence;
        o.sustaining_months = sustaining_months;
        o.annual_retreat = annual_retreat;
        py::gil_scoped_release release;
        return plan(p, o);
      },
      py::arg("partnership"), py::kw_only(), py::arg("start") = py::none(), py::arg("timezone") = py::none(),
      py::arg("process") = py::none(), py::arg("third_in_person") = false, py::arg("calls_between") = 1,
      py::arg("call_interval_days") = 28, py::arg("cadence") = Cadence::monthly, py::arg("sustaining_months") = 12,
      py::arg("annual_retreat") = true,
      "The partnership's meeting plan: its own meetings, or (with `start`, or when it has none) a timeline "
      "generated from its process template, checked. Raises Error for an unknown zone or template.");
}

}  // namespace partnerkit::python
