// partnerkit report FILE [-o report.html] [--on DATE] [--format html|md|json]
#include <iostream>

#include "commands.hpp"

namespace partnerkit::cli {
namespace {

using OJson = nlohmann::ordered_json;

std::string count(const OJson& x) { return x.is_number() ? x.dump() : "0"; }

/// A few lines on standard output: where the report went and what it says.
void print_summary(const std::string& where, const OJson& d) {
  const OJson& g = d["at_a_glance"];
  std::cout << "report written to " << where << "\n" << d["name"].get<std::string>() << " on " << d["on"].get<std::string>()
            << "\n";
  std::cout << "  stage: " << (g["current_stage"].is_string() ? g["current_stage"].get<std::string>() : "unknown");
  if (g["continuum"].is_string()) std::cout << " (continuum: " << g["continuum"].get<std::string>() << ")";
  std::cout << "\n  " << count(g["organizations"]) << " organizations, " << count(g["people"]) << " people, "
            << count(g["ties"]) << " ties, " << count(g["gaps"]) << " gaps\n  " << count(g["meetings_planned"])
            << " meetings planned of " << count(g["meetings"]) << "\n  " << count(g["themes"]) << " themes ("
            << count(g["common_themes"]) << " shared), " << count(g["ideas"]) << " ideas\n";
  if (g["top_area"].is_string()) std::cout << "  top area of focus: " << g["top_area"].get<std::string>() << "\n";
}

}  // namespace

void add_report(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("report", "The report to hand out: one self-contained HTML page (or Markdown, or its JSON data)")
                  ->footer("Examples:\n  partnerkit report examples/partnerships/state-cac-voca.json -o report.html\n"
                           "  partnerkit report partnership.json --on 2027-06-10 --format md -o report.md\n"
                           "The page has the partnership at a glance, its stage and next steps, the roster and its gaps,\n"
                           "the network, the timeline with timed agendas and a calendar file, the worksheet summary and\n"
                           "the ideas ranked into areas of focus. It makes no network request and prints on a few pages.");
  struct Options {
    std::string file, on, format = "html", out = "report.html";
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("file", opts->file, "Partnership document; - reads standard input")->required();
  cmd->add_option("--on", opts->on, "Day to report on, YYYY-MM-DD (default: today in the partnership's time zone)");
  cmd->add_option("--format", opts->format, "Output format")->check(CLI::IsMember({"html", "md", "json"}))->capture_default_str();
  cmd->add_option("-o,--output", opts->out, "Write the report to this file (atomically); - for standard output")->capture_default_str();
  cmd->callback([opts, &exit_code] {
    try {
      report::Options ro;
      if (!opts->on.empty()) {
        auto d = parse_date(opts->on);
        if (!d) throw ValidationError("partnerkit report", "--on", "expected a day that exists, YYYY-MM-DD, got \"" + opts->on + "\"");
        ro.on = d;
      }
      Partnership p = load_input(opts->file);
      OJson d = report::data(p, ro);
      std::string text = report::render(d, *report::parse_format(opts->format));
      write_output(opts->out, text);
      if (opts->out != "-") print_summary(opts->out, d);
    } catch (const ValidationError& e) {
      for (const auto& issue : e.errors()) std::cout << issue.str() << '\n';
      exit_code = bad_input;
    }
  });
}

}  // namespace partnerkit::cli
