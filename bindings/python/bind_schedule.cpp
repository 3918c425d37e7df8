// partnerkit._core, scheduling part: slots for a meeting against working hours, busy times and
// .ics calendars; reading busy times from a calendar. to_dict() gives the same data as
// `partnerkit schedule --format json`.
#include "bindings.hpp"

#include "partnerkit/meetings/plan.hpp"
#include "partnerkit/meetings/schedule.hpp"

namespace partnerkit::python {
namespace {

using namespace partnerkit::meetings;

// An aware datetime in UTC.
py::object utc_datetime(Instant t) {
  // Kept for the life of the process (never destroyed after the interpreter is gone).
  static auto* timezone_utc = new py::object(py::module_::import("datetime").attr("timezone").attr("utc"));
  return datetime_to_python(LocalDateTime{t.time_since_epoch()}).attr("replace")(py::arg("tzinfo") = *timezone_utc);
}

// A naive datetime (in `tz`), a date (its midnight in `tz`; `end`: the next midnight) or an
// aware datetime, as an instant.
Instant instant_from(py::handle value, const std::string& tz, bool end, const char* name) {
  py::module_ dt = py::module_::import("datetime");
  if (py::isinstance(value, dt.attr("datetime"))) {
    if (!value.attr("tzinfo").is_none()) {
      value = value.attr("astimezone")(dt.attr("timezone").attr("utc")).attr("replace")(py::arg("tzinfo") = py::none());
      return Instant{value.cast<LocalDateTime>().time_since_epoch()};
    }
    return utc_of(value.cast<LocalDateTime>(), tz);
  }
  if (py::isinstance(value, dt.attr("date"))) {
    Date d = value.cast<Date>();
    return utc_of(std::chrono::local_days{d} + std::chrono::days{end ? 1 : 0}, tz);
  }
  throw py::type_error(std::string(name) + ": expected a datetime.datetime or datetime.date, got " +
                       py::repr(value).cast<std::string>());
}

Schedule run(const Partnership& p, py::handle meeting, std::optional<std::vector<std::string>> required,
             std::vector<std::string> optional, std::optional<Minutes> duration, py::handle start, py::handle end,
             std::size_t top, double min_share, bool require_all, Minutes granularity,
             std::map<std::string, std::filesystem::path> calendars, std::optional<std::filesystem::path> base_dir) {
  MeetingRequest r;
  if (py::isinstance<py::str>(meeting)) {
    r = request_for(p, meeting.cast<std::string>());
  } else if (py::isinstance<Meeting>(meeting)) {
    r = request_for(p, meeting.cast<Meeting>());
  } else if (meeting.is_none()) {
    if (!required) throw py::value_error("schedule: give a meeting (id or Meeting) or required=[person ids]");
    Meeting adhoc;
    r = request_for(p, adhoc);
  } else {
    throw py::type_error("schedule: meeting must be a meeting id, a Meeting or None, got " +
                         py::repr(meeting).cast<std::string>());
  }
  if (required) r.required = std::move(*required);
  r.optional = std::move(optional);
  if (duration) {
    if (duration->count() <= 0) throw py::value_error("schedule: duration must be positive");
    r.query.duration = *duration;
  }
  if (!start.is_none()) {
    Instant s = instant_from(start, r.timezone, false, "start");
    r.query.window_end = s + (r.query.window_end - r.query.window_start);
    r.query.window_start = s;
  }
  if (!end.is_none()) r.query.window_end = instant_from(end, r.timezone, true, "end");
  if (top == 0) throw py::value_error("schedule: top must be at least 1");
  if (granularity.count() <= 0) throw py::value_error("schedule: granularity must be positive");
  r.query.top = top;
  r.query.min_share = min_share;
  r.query.require_all = require_all;
  r.query.granularity = granularity;
  ScheduleOptions o;
  o.calendars = std::move(calendars);
  if (base_dir) o.base_dir = *base_dir;
  py::gil_scoped_release release;
  return schedule(p, r, o);
}

}  // namespace

void bind_schedule(py::module_& m) {
  py::class_<Slot>(m, "Slot", "A candidate meeting time: UTC start and end, who attends and who is missing.")
      .def_property_readonly("start", [](const Slot& s) { return utc_datetime(s.start); }, "Start (aware, UTC).")
      .def_property_readonly("end", [](const Slot& s) { return utc_datetime(s.end); }, "End (aware, UTC).")
      .def_readonly("attending", &Slot::attending, "Person ids who can attend (required first).")
      .def_readonly("missing", &Slot::missing, "Person ids who are busy or off work then.")
      .def_readonly("required_attending", &Slot::required_attending)
      .def_readonly("required_total", &Slot::required_total)
      .def_readonly("share", &Slot::share, "Attending / invited.")
      .def("__repr__", [](const Slot& s) {
        return "Slot(start='" + format_utc(s.start) + "', attending=" + std::to_string(s.attending.size()) +
               ", missing=" + std::to_string(s.missing.size()) + ")";
      });
  py::class_<Schedule>(m, "Schedule", "The best slots for a meeting, and why there are not more.")
      .def_readonly("meeting", &Schedule::meeting)
      .def_readonly("timezone", &Schedule::timezone, "The meeting's zone, for display.")
      .def_readonly("slots", &Schedule::slots)
      .def_readonly("reasons", &Schedule::reasons, "Why fewer slots than asked for, or why required people miss.")
      .def_readonly("timezones", &Schedule::timezones, "Person id -> the zone their working hours are in.")
      .def_property_readonly("required", [](const Schedule& s) { return s.request.required; })
      .def_property_readonly("optional", [](const Schedule& s) { return s.request.optional; })
      .def_property_readonly("duration", [](const Schedule& s) { return s.request.query.duration; })
      .def_property_readonly("warnings", [](const Schedule& s) {
        std::vector<std::string> out;
        for (const auto& w : s.warnings) out.push_back(w.str());
        return out;
      }, "What calendars held that was skipped, as 'FILE: line N: message'.")
      .def("to_dict", [](const Schedule& s) { return json_to_python(to_json(s)); },
           "The schedule as a dict (the same as `partnerkit schedule --format json`).")
      .def("__len__", [](const Schedule& s) { return s.slots.size(); })
      .def("__repr__", [](const Schedule& s) {
        return "Schedule(meeting='" + s.meeting + "', slots=" + std::to_string(s.slots.size()) + ", reasons=" +
               std::to_string(s.reasons.size()) + ")";
      });

  py::class_<Placement>(m, "Placement", "Where one meeting of a timeline went, or why it could not be placed.")
      .def_readonly("meeting", &Placement::meeting)
      .def_readonly("timezone", &Placement::timezone, "The meeting's zone, for display.")
      .def_readonly("slot", &Placement::slot, "The slot it was placed at, or None.")
      .def_property_readonly("window_start", [](const Placement& x) { return utc_datetime(x.window_start); },
                             "Where it was looked for: earliest start (aware, UTC).")
      .def_property_readonly("window_end", [](const Placement& x) { return utc_datetime(x.window_end); },
                             "Where it was looked for: latest end (aware, UTC).")
      .def_readonly("reasons", &Placement::reasons, "Why it was not placed, or who cannot come.")
      .def("__repr__", [](const Placement& x) {
        return "Placement(meeting='" + x.meeting + "', " +
               (x.slot ? "start='" + format_utc(x.slot->start) + "'" : std::string("placed=False")) + ")";
      });
  py::class_<PlacedTimeline>(m, "PlacedTimeline", "A timeline placed greedily against people's hours and calendars.")
      .def_readonly("placements", &PlacedTimeline::placements, "One per meeting, in the plan's order.")
      .def_readonly("timezones", &PlacedTimeline::timezones, "Person id -> the zone their working hours are in.")
      .def_property_readonly("warnings", [](const PlacedTimeline& t) {
        std::vector<std::string> out;
        for (const auto& w : t.warnings) out.push_back(w.str());
        return out;
      }, "What calendars held that was skipped, as 'FILE: line N: message'.")
      .def_readonly("plan", &PlacedTimeline::plan,
                    "The plan with the placed meetings moved and checked again ('unplaced' findings for the others).")
      .def("to_dict", [](const PlacedTimeline& t) {
        nlohmann::ordered_json j = to_json(t);
        if (t.plan) j["plan"] = to_json(*t.plan);
        return json_to_python(j);
      }, "The placements as a dict (with the placed plan under 'plan'), as in `partnerkit plan --place --format json`.")
      .def("__len__", [](const PlacedTimeline& t) { return t.placements.size(); })
      .def("__repr__", [](const PlacedTimeline& t) {
        std::size_t placed = 0;
        for (const auto& x : t.placements) placed += x.slot ? 1 : 0;
        return "PlacedTimeline(placed=" + std::to_string(placed) + ", meetings=" + std::to_string(t.placements.size()) + ")";
      });

  m.def(
      "read_calendar",
      [](const std::filesystem::path& path, py::handle start, py::handle end, const std::string& timezone) {
        std::string tz = timezone.empty() ? "UTC" : timezone;
        CalendarOptions o{instant_from(start, tz, false, "start"), instant_from(end, tz, true, "end"), tz, {}};
        CalendarBusy busy;
        {
          py::gil_scoped_release release;
          busy = read_calendar(path, o);
        }
        py::list out;
        for (const auto& b : busy.busy) out.append(py::make_tuple(utc_datetime(b.start), utc_datetime(b.end)));
        return out;
      },
      py::arg("path"), py::arg("start"), py::arg("end"), py::arg("timezone") = "UTC",
      "Busy (start, end) pairs (aware UTC datetimes, merged) of an .ics file between start and end; floating "
      "and all-day times are in `timezone`. Raises ValidationError naming the file and line.");

  auto partnership = py::reinterpret_borrow<py::class_<Partnership>>(m.attr("Partnership"));
  partnership.def("schedule", &run, py::arg("meeting") = py::none(), py::kw_only(), py::arg("required") = py::none(),
                  py::arg("optional") = std::vector<std::string>{}, py::arg("duration") = py::none(),
                  py::arg("start") = py::none(), py::arg("end") = py::none(), py::arg("top") = 5,
                  py::arg("min_share") = 0.0, py::arg("require_all") = true, py::arg("granularity") = Minutes{15},
                  py::arg("calendars") = std::map<std::string, std::filesystem::path>{},
                  py::arg("base_dir") = py::none(),
                  "The best `top` slots for a meeting (an id, a Meeting, or None with required=[...]): ranked by "
                  "required attendees, then share, then the earliest; see docs/scheduling.md.");
  partnership.def(
      "place",
      [](const Partnership& p, std::optional<Plan> plan, std::map<std::string, std::filesystem::path> calendars,
         std::optional<std::filesystem::path> base_dir) {
        ScheduleOptions o;
        o.calendars = std::move(calendars);
        if (base_dir) o.base_dir = *base_dir;
        py::gil_scoped_release release;
        return place_plan(p, plan ? *plan : meetings::plan(p), o);
      },
      py::arg("plan") = py::none(), py::kw_only(),
      py::arg("calendars") = std::map<std::string, std::filesystem::path>{}, py::arg("base_dir") = py::none(),
      "Places a plan (default: p.plan()) greedily: each meeting, in order, at the earliest time all its "
      "participants can come (working hours, busy times, calendars) that keeps the plan's spacing from the "
      "meeting before; see docs/scheduling.md. Raises Error for an unknown person or zone, ValidationError for "
      "a calendar that cannot be read.");
}

}  // namespace partnerkit::python
