// partnerkit import-survey FILE CSV [-o OUT] [--kind KIND] [--date DAY] [--dry-run] [--format text|json]
#include <iostream>

#include "commands.hpp"
#include "partnerkit/stakeholders/survey.hpp"

namespace partnerkit::cli {

void add_import_survey(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("import-survey", "Read relationship ratings from a survey export (CSV) into the document")
                  ->footer("Example:\n  partnerkit import-survey partnership.json survey.csv --kind communication --date 2027-03-01\n"
                           "One row per respondent organization and partner: frequency or level, the trust items\n"
                           "(reliability, mission, openness) and the value items (power, resources, involvement), 1-4.\n"
                           "Header names are matched leniently (see docs/stakeholders-tools.md). The document is\n"
                           "updated in place (atomically) unless -o is given; nothing is written if any row is wrong.");
  struct Options {
    std::string file, csv, out, kind, date, format = "text";
    bool dry_run = false;
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("file", opts->file, "Partnership document; - reads standard input (and writes the result to standard output)")->required();
  cmd->add_option("csv", opts->csv, "Survey export, CSV with a header row")->required();
  cmd->add_option("-o,--output", opts->out, "Write the updated document here instead of over FILE (- for standard output)");
  cmd->add_option("--kind", opts->kind, "Kind of every tie when the file has no kind column (e.g. communication)");
  cmd->add_option("--date", opts->date, "Day of every rating when the file has no date column, YYYY-MM-DD");
  cmd->add_flag("--dry-run", opts->dry_run, "Check the file and report what would change; write nothing");
  cmd->add_option("--format", opts->format, "Format of the summary")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->callback([opts, &exit_code] {
    try {
      stakeholders::SurveyOptions so;
      if (!opts->kind.empty()) so.kind = opts->kind;
      if (!opts->date.empty()) {
        so.observed = parse_date(opts->date);
        if (!so.observed) {
          std::cerr << "partnerkit import-survey: --date: expected a day that exists, YYYY-MM-DD, got \"" << opts->date << "\"\n";
          exit_code = bad_input;
          return;
        }
      }
      Partnership p = load_input(opts->file);
      auto result = stakeholders::import_survey_file(p, opts->csv, so);
      std::string target = opts->out.empty() ? opts->file : opts->out;
      bool document_to_stdout = !opts->dry_run && target == "-";
      std::ostream& summary = document_to_stdout ? std::cerr : std::cout;
      if (!opts->dry_run) {
        if (document_to_stdout) std::cout << dumps(p) << "\n";
        else save(p, target);
      }
      if (opts->format == "json") {
        nlohmann::ordered_json out{{"file", opts->file}, {"csv", opts->csv}};
        out["written"] = opts->dry_run ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(target);
        out["result"] = stakeholders::to_json(result);
        summary << out.dump(2) << "\n";
      } else {
        summary << opts->csv << ": " << result.rows << " rows, " << result.created << " ties added, " << result.updated
                << " updated, " << result.skipped << " skipped (no contact)";
        if (opts->dry_run) summary << "; dry run, nothing written";
        else if (!document_to_stdout) summary << "; saved " << target;
        summary << "\n";
        for (const auto& c : result.columns) summary << "  " << c.field << " <- \"" << c.header << "\"\n";
        for (const auto& c : result.ignored_columns) summary << "  ignored column \"" << c << "\"\n";
      }
    } catch (const ValidationError& e) {
      for (const auto& issue : e.errors()) std::cout << issue.str() << '\n';
      exit_code = bad_input;
    }
  });
}

}  // namespace partnerkit::cli
