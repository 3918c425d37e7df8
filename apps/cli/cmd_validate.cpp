// partnerkit validate FILE... [--format text|json]
#include <iostream>

#include "commands.hpp"

namespace partnerkit::cli {
namespace {

nlohmann::ordered_json counts(const Partnership& p) {
  return {{"organizations", p.organizations.size()}, {"people", p.people.size()},
          {"relationships", p.relationships.size()}, {"meetings", p.meetings.size()},
          {"events", p.events.size()},               {"availability", p.availability.size()},
          {"worksheets", p.worksheets.size()},       {"ideas", p.ideas.size()}};
}

}  // namespace

void add_validate(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("validate", "Check partnership documents against the format and report every error")
                  ->footer("Example:\n  partnerkit validate examples/partnerships/*.json --format json\n"
                           "Exit status: 0 all valid, 2 some file has errors (one line each: FILE: /pointer: message).");
  struct Options {
    std::vector<std::string> files;
    std::string format = "text";
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("files", opts->files, "Documents to check; - reads standard input")->required();
  cmd->add_option("--format", opts->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->callback([opts, &exit_code] {
    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    for (const auto& file : opts->files) {
      nlohmann::ordered_json result{{"file", file}};
      try {
        Partnership p = load_input(file);
        result["valid"] = true;
        result["name"] = p.name;
        result["counts"] = counts(p);
        if (opts->format == "text") {
          std::cout << file << ": valid " << p.format << " document " << nlohmann::json(p.name).dump() << '\n';
          for (const auto& [what, n] : result["counts"].items()) std::cout << "  " << what << ": " << n << '\n';
        }
      } catch (const ValidationError& e) {
        exit_code = bad_input;
        result["valid"] = false;
        result["errors"] = nlohmann::ordered_json::array();
        for (const auto& issue : e.errors()) {
          result["errors"].push_back({{"file", issue.file}, {"pointer", issue.pointer}, {"message", issue.message}});
          if (opts->format == "text") std::cout << issue.str() << '\n';
        }
      } catch (const IoError& e) {
        exit_code = bad_input;
        result["valid"] = false;
        result["errors"] = {{{"file", file}, {"pointer", ""}, {"message", e.message()}}};
        if (opts->format == "text") std::cout << e.what() << '\n';
      }
      results.push_back(std::move(result));
    }
    if (opts->format == "json") std::cout << results.dump(2) << '\n';
  });
}

}  // namespace partnerkit::cli
