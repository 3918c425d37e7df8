// The partnerkit command-line tool: one function per subcommand.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

#include "partnerkit/partnerkit.hpp"

namespace partnerkit::cli {

/// Exit codes: 0 success, 1 failure of the tool itself, 2 bad input.
enum Exit : int { ok = 0, failure = 1, bad_input = 2 };

/// Reads a document from a path, or from standard input when the path is "-".
Partnership load_input(const std::string& path);

/// Writes `text` to standard output when `path` is empty or "-", else to the file `path`
/// (written to a temporary file and renamed over it, so a failed write leaves the old file).
/// Throws IoError if the file cannot be written.
void write_output(const std::string& path, const std::string& text);

/// Registers `partnerkit validate`; the callback stores its exit code in `exit_code`.
void add_validate(CLI::App& app, int& exit_code);
/// Registers `partnerkit stage`.
void add_stage(CLI::App& app, int& exit_code);
/// Registers `partnerkit import-survey`.
void add_import_survey(CLI::App& app, int& exit_code);
/// Registers `partnerkit groups`.
void add_groups(CLI::App& app, int& exit_code);
/// Registers `partnerkit themes`.
void add_themes(CLI::App& app, int& exit_code);
/// Registers `partnerkit ideas`.
void add_ideas(CLI::App& app, int& exit_code);
/// Registers `partnerkit import-worksheets`.
void add_import_worksheets(CLI::App& app, int& exit_code);
/// Registers `partnerkit schedule`.
void add_schedule(CLI::App& app, int& exit_code);
/// Registers `partnerkit graph`.
void add_graph(CLI::App& app, int& exit_code);
/// Registers `partnerkit plan`.
void add_plan(CLI::App& app, int& exit_code);
/// Registers `partnerkit report`.
void add_report(CLI::App& app, int& exit_code);

/// Progress on standard error for a command that runs longer than a second: "partnerkit NAME:
/// working..." once the second is up, then "partnerkit NAME: done in T s". Nothing when standard
/// error is not a terminal or with --quiet. PARTNERKIT_PROGRESS_AFTER (seconds) changes the
/// second, for tests. Finishes in its destructor if finish() was not called.
class Progress {
 public:
  Progress() = default;
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress();
  /// Starts the clock for command `name` (a no-op when `enabled` is false).
  void start(std::string name, bool enabled);
  void finish();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace partnerkit::cli
