// partnerkit import-worksheets FILE CSV [-o OUT] [--format text|json]
#include <iostream>

#include "commands.hpp"
#include "partnerkit/themes/worksheet_csv.hpp"

namespace partnerkit::cli {

void add_import_worksheets(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("import-worksheets", "Add worksheet entries from a spreadsheet (CSV) to a partnership document")
          ->footer("Example:\n  partnerkit import-worksheets partnership.json worksheets.csv\n"
                   "  partnerkit import-worksheets partnership.json form-export.csv -o with-worksheets.json\n"
                   "Columns (first row): organization, quadrant, entry and optionally meeting, one entry per row;\n"
                   "or organization, optionally meeting, and one column per quadrant (\"Proud Of (Strengths)\", ...).\n"
                   "A cell may hold several entries, one per line. Quadrant names are matched leniently;\n"
                   "organizations by id or name. Every problem is reported as CSV: row N, column C (name): message,\n"
                   "and the document is then left unchanged (exit 2). Entries already present are not added again.");
  struct Options {
    std::string file, csv, output, format = "text";
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("file", opts->file, "Partnership document; - reads standard input (the result then goes to "
                                      "standard output unless -o is given)")
      ->required();
  cmd->add_option("csv", opts->csv, "The CSV file (UTF-8; comma, semicolon or tab separated)")->required();
  cmd->add_option("-o,--output", opts->output, "Write the document here instead of over FILE");
  cmd->add_option("--format", opts->format, "Format of the report of what was added")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([opts, &exit_code] {
    try {
      Partnership p = load_input(opts->file);
      themes::WorksheetImport r = themes::import_worksheets(p, opts->csv);
      const bool to_stdout = opts->output.empty() ? opts->file == "-" : opts->output == "-";
      std::string target = opts->output.empty() ? opts->file : opts->output;
      if (to_stdout) {
        std::cout << dumps(p) << "\n";
      } else {
        save(p, target);
      }
      // The report goes to standard error when the document goes to standard output.
      std::ostream& report = to_stdout ? std::cerr : std::cout;
      if (opts->format == "json") {
        nlohmann::ordered_json j{{"file", opts->file},
                                 {"csv", opts->csv},
                                 {"output", to_stdout ? "-" : target},
                                 {"rows", r.rows},
                                 {"added", r.added},
                                 {"duplicates", r.duplicates},
                                 {"worksheets_created", r.worksheets_created},
                                 {"worksheets", p.worksheets.size()}};
        report << j.dump(2) << "\n";
      } else {
        report << opts->csv << ": " << r.rows << (r.rows == 1 ? " row, " : " rows, ") << r.added
               << (r.added == 1 ? " entry" : " entries") << " added";
        if (r.duplicates) report << ", " << r.duplicates << " already present";
        if (r.worksheets_created)
          report << ", " << r.worksheets_created << (r.worksheets_created == 1 ? " new worksheet" : " new worksheets");
        report << "; wrote " << (to_stdout ? "standard output" : target) << "\n";
      }
    } catch (const ValidationError& e) {
      for (const auto& issue : e.errors()) std::cout << issue.str() << '\n';
      exit_code = bad_input;
    }
  });
}

}  // namespace partnerkit::cli
