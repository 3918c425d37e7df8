// partnerkit stage FILE [--on DATE] [--template FILE] [--format text|json]
#include <iomanip>
#include <iostream>

#include "commands.hpp"

namespace partnerkit::cli {
namespace {

void print_text(const Partnership& p, const process::Template& t, const process::Status& s, const process::Continuum& c) {
  std::cout << p.name << "\nprocess " << t.id << ", on " << format_date(s.on) << "\n";
  const process::Stage* current = t.find_stage(s.current_stage);
  std::cout << "current stage: " << (current ? current->name : s.current_stage) << "\n";
  for (const auto& st : s.stages) {
    std::cout << "\n" << st.name << " (" << std::lround(st.percent_complete) << "% done, " << st.done << " of "
              << st.total << ")\n";
    for (const auto& a : s.activities) {
      if (a.stage != st.id) continue;
      std::string state = std::string("[") + process::to_string(a.state) + "]";
      std::cout << "  " << std::left << std::setw(10) << state << a.name;
      if (a.state == process::ActivityState::done && a.done_on) std::cout << " (" << format_date(*a.done_on) << ")";
      if (a.state != process::ActivityState::done && a.due) std::cout << " (due " << format_date(*a.due) << ")";
      if (a.meeting && a.state != process::ActivityState::done) std::cout << " at " << *a.meeting;
      std::cout << "\n";
      if (a.state != process::ActivityState::done)
        for (const auto& reason : a.reasons) std::cout << "             - " << reason << "\n";
    }
  }
  std::cout << "\ncontinuum: " << process::to_string(c.level) << " (evidence: " << process::to_string(c.from_evidence);
  if (c.from_ratings) std::cout << ", ratings: " << process::to_string(*c.from_ratings);
  std::cout << ")\n";
  for (const auto& e : c.evidence) std::cout << "  - " << e.detail << "\n";
  for (const auto& d : c.discuss)
    std::cout << "  discuss: " << d.a << " rates " << d.b << " " << d.a_rates_b << ", " << d.b << " rates " << d.a
              << " " << d.b_rates_a << "\n";
  if (!s.notes.empty()) {
    std::cout << "\nnotes:\n";
    for (const auto& n : s.notes) std::cout << "  - " << n << "\n";
  }
  std::cout << "\nnext:\n";
  if (s.next_steps.empty()) std::cout << "  nothing left in " << t.id << "\n";
  for (std::size_t i = 0; i < s.next_steps.size(); ++i) {
    const auto& n = s.next_steps[i];
    std::cout << "  " << i + 1 << ". " << (n.overdue ? "[overdue] " : "") << n.action;
    if (n.meeting) std::cout << " [meeting " << *n.meeting << "]";
    if (n.question_set)
      if (const auto* q = t.find_question_set(*n.question_set)) std::cout << " [questions: " << q->title << "]";
    std::cout << "\n";
  }
}

}  // namespace

void add_stage(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("stage", "Where the partnership stands in its process: a checklist and what is next")
                  ->footer("Example:\n  partnerkit stage examples/partnerships/state-cac-voca.json --on 2027-06-10\n"
                           "Each activity is done, due, overdue or blocked (with the reason); the list ends with\n"
                           "the recommended next steps and the partnership's place on the collaboration continuum.");
  struct Options {
    std::string file, on, template_file, format = "text";
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("file", opts->file, "Partnership document; - reads standard input")->required();
  cmd->add_option("--on", opts->on, "Day to report on, YYYY-MM-DD (default: today in the partnership's time zone)");
  cmd->add_option("--template", opts->template_file, "A process template in JSON instead of the one the document names");
  cmd->add_option("--format", opts->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
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
        std::cerr << "partnerkit stage: --on: expected a day that exists, YYYY-MM-DD, got \"" << opts->on << "\"\n";
        exit_code = bad_input;
        return;
      }
      auto s = process::status(p, t, on);
      auto c = process::place_on_continuum(p, t, on);
      if (opts->format == "json") {
        nlohmann::ordered_json out{{"file", opts->file}, {"name", p.name}};
        out["status"] = process::to_json(s);
        out["continuum"] = process::to_json(c);
        std::cout << out.dump(2) << "\n";
      } else {
        print_text(p, t, s, c);
      }
    } catch (const ValidationError& e) {
      for (const auto& issue : e.errors()) std::cout << issue.str() << '\n';
      exit_code = bad_input;
    }
  });
}

}  // namespace partnerkit::cli
