// partnerkit plan FILE [--start DATE] [--third-in-person] [--cadence monthly|quarterly]
//                      [--place [--calendar PERSON=FILE.ics]...] [--format text|json|ics|md|html] [-o OUT]
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

#include "commands.hpp"
#include "partnerkit/meetings/schedule.hpp"

namespace partnerkit::cli {
namespace {

std::string plan_text(const meetings::Plan& p) {
  std::ostringstream out;
  out << p.name << "\n";
  if (!p.process.empty()) out << "timeline generated from " << p.process << "\n";
  out << p.meetings.size() << " meetings\n\n";
  for (const auto& m : p.meetings) {
    auto day = std::chrono::floor<std::chrono::days>(m.start);
    Minutes clock = std::chrono::duration_cast<Minutes>(m.start - day);
    out << format_date(std::chrono::year_month_day(std::chrono::sys_days(day.time_since_epoch()))) << " "
        << meetings::clock_label(clock) << "-" << meetings::clock_label(clock + m.duration) << " " << m.timezone
        << "  " << m.title << " [" << m.id << ", " << m.kind;
    if (m.agenda) out << ", agenda " << *m.agenda;
    if (m.if_needed) out << ", if needed";
    if (m.status != MeetingStatus::planned) out << ", " << (m.status == MeetingStatus::held ? "held" : "cancelled");
    out << "]\n";
  }
  out << "\n";
  if (p.issues.empty()) out << "no findings\n";
  else out << "findings:\n";
  for (const auto& i : p.issues) out << "  - [" << i.code << "] " << i.message << "\n";
  return out.str();
}

// Where each meeting went against people's hours and calendars, or why it could not be placed.
std::string placement_text(const meetings::Plan& before, const meetings::PlacedTimeline& t) {
  std::ostringstream out;
  std::size_t placed = 0;
  for (const auto& x : t.placements) placed += x.slot ? 1 : 0;
  out << "\nplaced " << placed << " of " << t.placements.size()
      << " meetings (working hours, busy times and calendars of the participants; each as early as its spacing from "
         "the one before allows):\n";
  for (const auto& x : t.placements) {
    const meetings::PlannedMeeting* m = before.find_meeting(x.meeting);
    std::string was = m ? format_local_datetime(m->start) : std::string("-");
    if (x.slot) {
      out << "  " << x.meeting << ": " << meetings::format_in_zone(x.slot->start, x.timezone) << " " << x.timezone
          << " (" << meetings::format_utc(x.slot->start) << "; planned " << was << ")\n";
      if (!x.slot->missing.empty()) {
        std::string who;
        for (const auto& id : x.slot->missing) who += (who.empty() ? "" : ", ") + id;
        out << "    missing: " << who << "\n";
      }
    } else {
      out << "  " << x.meeting << ": not placed between " << meetings::format_in_zone(x.window_start, x.timezone)
          << " and " << meetings::format_in_zone(x.window_end, x.timezone) << " " << x.timezone << " (keeps " << was
          << ")\n";
      for (const auto& r : x.reasons) out << "    - " << r << "\n";
    }
  }
  for (const auto& w : t.warnings) out << "note: " << w.str() << "\n";
  return out.str();
}

}  // namespace

void add_plan(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("plan", "The meeting timeline with timed agendas, checked; as text, JSON, iCalendar, Markdown or HTML")
                  ->footer("Examples:\n"
                           "  partnerkit plan examples/partnerships/state-cac-voca.json\n"
                           "  partnerkit plan examples/partnerships/state-cac-voca.json --format ics -o plan.ics\n"
                           "  partnerkit plan partnership.json --start 2027-04-05 --third-in-person --format md\n"
                           "  partnerkit plan partnership.json --start 2027-04-05 --place --calendar ed=ed.ics --format ics -o plan.ics\n"
                           "Without --start the document's own meetings are planned (if it has any); with --start,\n"
                           "or when it has none, a timeline is generated from its process template and time zone.\n"
                           "--place moves each meeting, in order, to the earliest time every participant can come\n"
                           "(working hours, busy times, the document's and --calendar .ics files) that keeps the\n"
                           "plan's spacing from the meeting before (before the first in-person session 5-6 weeks,\n"
                           "connecting calls every 3-4 weeks, then the monthly or quarterly cadence); a meeting that\n"
                           "cannot be placed keeps its planned time and the output says who is never free, where.");
  struct Options {
    std::string file, start, format = "text", output, cadence = "monthly";
    bool third = false, place = false;
    int sustaining_months = 12;
    std::vector<std::string> calendars;
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("file", opts->file, "Partnership document; - reads standard input")->required();
  cmd->add_option("--start", opts->start, "Generate a timeline starting on this day, YYYY-MM-DD");
  cmd->add_flag("--third-in-person", opts->third, "Generated timelines: add a third in-person session and a call before it");
  cmd->add_option("--cadence", opts->cadence, "Generated timelines: sustaining calls")
      ->check(CLI::IsMember({"monthly", "quarterly"}))->capture_default_str();
  cmd->add_option("--sustaining-months", opts->sustaining_months, "Generated timelines: months of sustaining calls")
      ->check(CLI::Range(0, 120))->capture_default_str();
  auto* place = cmd->add_flag("--place", opts->place,
                              "Place the meetings against participants' working hours, busy times and calendars");
  cmd->add_option("--calendar", opts->calendars, "With --place: PERSON=FILE.ics, a calendar export for a person (repeatable)")
      ->needs(place);
  cmd->add_option("--format", opts->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "ics", "md", "html"}))->capture_default_str();
  cmd->add_option("-o,--output", opts->output, "Write the output to this file (atomically) instead of standard output");
  cmd->callback([opts, &exit_code] {
    try {
      Partnership p = load_input(opts->file);
      meetings::PlanOptions o;
      if (!opts->start.empty()) {
        auto d = parse_date(opts->start);
        if (!d) {
          std::cerr << "partnerkit plan: --start: expected a day that exists, YYYY-MM-DD, got \"" << opts->start << "\"\n";
          exit_code = bad_input;
          return;
        }
        o.start = *d;
      }
      o.third_in_person = opts->third;
      o.cadence = opts->cadence == "quarterly" ? meetings::Cadence::quarterly : meetings::Cadence::monthly;
      o.sustaining_months = opts->sustaining_months;
      meetings::Plan plan = meetings::plan(p, o);
      std::optional<meetings::PlacedTimeline> placed;
      if (opts->place) {
        meetings::ScheduleOptions so;
        if (opts->file != "-") so.base_dir = std::filesystem::path(opts->file).parent_path();
        for (const auto& spec : opts->calendars) {
          auto eq = spec.find('=');
          if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
            std::cerr << "partnerkit plan: --calendar: expected PERSON=FILE.ics, got \"" << spec << "\"\n";
            exit_code = bad_input;
            return;
          }
          so.calendars[spec.substr(0, eq)] = spec.substr(eq + 1);
        }
        placed = meetings::place_plan(p, plan, so);
      }
      const meetings::Plan& shown = placed ? *placed->plan : plan;
      std::string out;
      if (opts->format == "json") {
        const nlohmann::ordered_json body = meetings::to_json(shown);
        nlohmann::ordered_json j = nlohmann::ordered_json::object();
        j["file"] = opts->file;
        for (auto it = body.cbegin(); it != body.cend(); ++it) j[it.key()] = *it;
        if (placed) {
          auto t = meetings::to_json(*placed);
          j["placements"] = t["placements"];
          j["warnings"] = t["warnings"];
        }
        out = j.dump(2) + "\n";
      } else if (opts->format == "ics") {
        out = meetings::to_ical(shown);
      } else if (opts->format == "md") {
        out = meetings::to_markdown(shown);
      } else if (opts->format == "html") {
        out = meetings::to_html(shown);
      } else {
        out = plan_text(shown) + (placed ? placement_text(plan, *placed) : std::string());
      }
      if (placed && opts->format != "text" && opts->format != "json")
        for (const auto& i : shown.issues)
          if (i.code == "unplaced") std::cerr << "partnerkit plan: note: " << i.message << "\n";
      write_output(opts->output, out);
    } catch (const ValidationError& e) {
      for (const auto& issue : e.errors()) std::cout << issue.str() << '\n';
      exit_code = bad_input;
    }
  });
}

}  // namespace partnerkit::cli
