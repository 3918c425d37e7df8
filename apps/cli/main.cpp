// partnerkit: command-line entry point.
#include <iostream>
#include <iterator>

#include "commands.hpp"

namespace partnerkit::cli {

Partnership load_input(const std::string& path) {
  if (path != "-") return load(path);
  std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  return loads(text, "-");
}

void write_output(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::cout << text;
    return;
  }
  write_file_atomically(path, text);
}

}  // namespace partnerkit::cli

int main(int argc, char** argv) {
  CLI::App app{"partnerkit: build and study inter-agency partnerships from one open document.\n"
               "Example: partnerkit validate examples/partnerships/state-cac-voca.json"};
  app.name("partnerkit");
  app.set_version_flag("--version", std::string("partnerkit ") + partnerkit::version);
  app.require_subcommand(1);
  int exit_code = partnerkit::cli::ok;
  partnerkit::cli::add_validate(app, exit_code);
  partnerkit::cli::add_stage(app, exit_code);
  partnerkit::cli::add_import_survey(app, exit_code);
  partnerkit::cli::add_groups(app, exit_code);
  partnerkit::cli::add_themes(app, exit_code);
  partnerkit::cli::add_ideas(app, exit_code);
  partnerkit::cli::add_import_worksheets(app, exit_code);
  partnerkit::cli::add_schedule(app, exit_code);
  partnerkit::cli::add_graph(app, exit_code);
  partnerkit::cli::add_plan(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : partnerkit::cli::bad_input;
  } catch (const partnerkit::Error& e) {
    std::cerr << e.what() << '\n';
    return partnerkit::cli::bad_input;
  } catch (const std::exception& e) {
    std::cerr << "partnerkit: internal error: " << e.what() << '\n';
    return partnerkit::cli::failure;
  }
  return exit_code;
}
