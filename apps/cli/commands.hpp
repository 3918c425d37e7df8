// The partnerkit command-line tool: one function per subcommand.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "partnerkit/partnerkit.hpp"

namespace partnerkit::cli {

/// Exit codes: 0 success, 1 failure of the tool itself, 2 bad input.
enum Exit : int { ok = 0, failure = 1, bad_input = 2 };

/// Reads a document from a path, or from standard input when the path is "-".
Partnership load_input(const std::string& path);

/// Registers `partnerkit validate`; the callback stores its exit code in `exit_code`.
void add_validate(CLI::App& app, int& exit_code);
/// Registers `partnerkit stage`.
void add_stage(CLI::App& app, int& exit_code);
/// Registers `partnerkit plan`.
void add_plan(CLI::App& app, int& exit_code);

}  // namespace partnerkit::cli
