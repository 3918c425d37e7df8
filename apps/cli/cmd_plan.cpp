// partnerkit plan FILE [--start DATE] [--third-in-person] [--cadence monthly|quarterly]
//                      [--format text|json|ics|md|html] [-o OUT]
#include <iostream>
#include <sstream>

#include "commands.hpp"

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

}  // namespace

void add_plan(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("plan", "The meeting timeline with timed agendas, checked; as text, JSON, iCalendar, Markdown or HTML")
                  ->footer("Examples:\n"
                           "  partnerkit plan examples/partnerships/state-cac-voca.json\n"
                           "  partnerkit plan examples/partnerships/state-cac-voca.json --format ics -o plan.ics\n"
                           "  partnerkit plan partnership.json --start 2027-04-05 --third-in-person --format md\n"
                           "Without --start the document's own meetings are planned (if it has any); with --start,\n"
                           "or when it has none, a timeline is generated from its process template and time zone.");
  struct Options {
    std::string file, start, format = "text", output, cadence = "monthly";
    bool third = false;
    int sustaining_months = 12;
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("file", opts->file, "Partnership document; - reads standard input")->required();
  cmd->add_option("--start", opts->start, "Generate a timeline starting on this day, YYYY-MM-DD");
  cmd->add_flag("--third-in-person", opts->third, "Generated timelines: add a third in-person session and a call before it");
  cmd->add_option("--cadence", opts->cadence, "Generated timelines: sustaining calls")
      ->check(CLI::IsMember({"monthly", "quarterly"}))->capture_default_str();
  cmd->add_option("--sustaining-months", opts->sustaining_months, "Generated timelines: months of sustaining calls")
      ->check(CLI::Range(0, 120))->capture_default_str();
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
      std::string out;
      if (opts->format == "json") {
        const nlohmann::ordered_json body = meetings::to_json(plan);
        nlohmann::ordered_json j = nlohmann::ordered_json::object();
        j["file"] = opts->file;
        for (auto it = body.cbegin(); it != body.cend(); ++it) j[it.key()] = *it;
        out = j.dump(2) + "\n";
      } else if (opts->format == "ics") {
        out = meetings::to_ical(plan);
      } else if (opts->format == "md") {
        out = meetings::to_markdown(plan);
      } else if (opts->format == "html") {
        out = meetings::to_html(plan);
      } else {
        out = plan_text(plan);
      }
      write_output(opts->output, out);
    } catch (const ValidationError& e) {
      for (const auto& issue : e.errors()) std::cout << issue.str() << '\n';
      exit_code = bad_input;
    }
  });
}

}  // namespace partnerkit::cli
