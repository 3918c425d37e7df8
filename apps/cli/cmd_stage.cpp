// partnerkit stage FILE [--on DATE] [--template FILE] [--format text|json] [-o OUT]
#include <iomanip>
#include <iostream>
#include <sstream>

#include "commands.hpp"

namespace partnerkit::cli {
namespace {

void print_text(std::ostream& out, const Partnership& p, const process::Template& t, const process::Status& s, const process::Continuum& c) {
  out << p.name << "\nprocess " << t.id << ", on " << format_date(s.on) << "\n";
  const process::Stage* current = t.find_stage(s.current_stage);
  out << "current stage: " << (current ? current->name : s.current_stage) << "\n";
  for (const auto& st : s.stages) {
    out << "\n" << st.name << " (" << std::lround(st.percent_complete) << "% done, " << st.done << " of "
              << st.total << ")\n";
    for (const auto& a : s.activities) {
      if (a.stage != st.id) continue;
      std::string state = std::string("[") + process::to_string(a.state) + "]";
      out << "  " << std::left << std::setw(10) << state << a.name;
      if (a.state == process::ActivityState::done && a.done_on) out << " (" << format_date(*a.done_on) << ")";
      if (a.state != process::ActivityState::done && a.due) out << " (due " << format_date(*a.due) << ")";
      if (a.meeting && a.state != process::ActivityState::done) out << " at " << *a.meeting;
      out << "\n";
      if (a.state != process::ActivityState::done)
        for (const auto& reason : a.reasons) out << "             - " << reason << "\n";
    }
  }
  out << "\ncontinuum: " << process::to_string(c.level) << " (evidence: " << process::to_string(c.from_evidence);
  if (c.from_ratings) out << ", ratings: " << process::to_string(*c.from_ratings);
  out << ")\n";
  for (const auto& e : c.evidence) out << "  - " << e.detail << "\n";
  for (const auto& d : c.discuss)
    out << "  discuss: " << d.a << " rates " << d.b << " " << d.a_rates_b << ", " << d.b << " rates " << d.a
              << " " << d.b_rates_a << "\n";
  if (!s.notes.empty()) {
    out << "\nnotes:\n";
    for (const auto& n : s.notes) out << "  - " << n << "\n";
  }
  out << "\nnext:\n";
  if (s.next_steps.empty()) out << "  nothing left in " << t.id << "\n";
  for (std::size_t i = 0; i < s.next_steps.size(); ++i) {
    const auto& n = s.next_steps[i];
    out << "  " << i + 1 << ". " << (n.overdue ? "[overdue] " : "") << n.action;
    if (n.meeting) out << " [meeting " << *n.meeting << "]";
    if (n.question_set)
      if (const auto* q = t.find_question_set(*n.question_set)) out << " [questions: " << q->title << "]";
    out << "\n";
  }
}

}  // namespace

void add_stage(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("stage", "Where the partnership stands in its process: a checklist and what is next")
                  ->footer("Example:\n  partnerkit stage examples/partnerships/state-cac-voca.json --on 2027-06-10\n"
                           "Each activity is done, due, overdue or blocked (with the reason); the list ends with\n"
                           "the recommended next steps and the partnership's place on the collaboration continuum.");
  struct Options {
    std::string file, on, template_file, format = "text", out;
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("file", opts->file, "Partnership document; - reads standard input")->required();
  cmd->add_option("--on", opts->on, "Day to report on, YYYY-MM-DD (default: today in the partnership's time zone)");
  cmd->add_option("--template", opts->template_file, "A process template in JSON instead of the one the document names");
  cmd->add_option("--format", opts->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->add_option("-o,--output", opts->out, "Write the output to this file (atomically) instead of standard output");
  cmd->callback([opts, &exit_code] {
    try {
      Partnership p = load_input(opts->file);
      process::Template t = opts->template_file.empty() ? process::template_for(p) : process::load_template(opts->template_file);
      Date on;
      if (opts->on.empty()) {
        on = today(p.timezone.value_or(""));
      } else if (auto d = parse_date(opts->on)) {
        on = *d;
      } else {
        throw ValidationError("partnerkit stage", "--on", "expected a day that exists, YYYY-MM-DD, got \"" + opts->on + "\"");
      }
      auto s = process::status(p, t, on);
      auto c = process::place_on_continuum(p, t, on);
      std::ostringstream text;
      if (opts->format == "json") {
        nlohmann::ordered_json out{{"file", opts->file}, {"name", p.name}};
        out["status"] = process::to_json(s);
        out["continuum"] = process::to_json(c);
        text << out.dump(2) << "\n";
      } else {
        print_text(text, p, t, s, c);
      }
      write_output(opts->out, text.str());
    } catch (const ValidationError& e) {
      for (const auto& issue : e.errors()) std::cout << issue.str() << '\n';
      exit_code = bad_input;
    }
  });
}

}  // namespace partnerkit::cli
