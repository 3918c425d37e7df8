// partnerkit: command-line entry point.
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <mutex>
#include <thread>

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

struct Progress::State {
  std::mutex mutex;
  std::condition_variable cv;
  bool finished = false;
  bool printed = false;
  std::string name;
  std::chrono::steady_clock::time_point started;
  std::thread watcher;
};

void Progress::start(std::string name, bool enabled) {
  if (!enabled || state_) return;
  double after = 1.0;
  if (const char* env = std::getenv("PARTNERKIT_PROGRESS_AFTER")) after = std::strtod(env, nullptr);
  state_ = std::make_shared<State>();
  state_->name = std::move(name);
  state_->started = std::chrono::steady_clock::now();
  auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::duration<double>(after > 0 ? after : 0));
  state_->watcher = std::thread([s = state_, delay] {
    std::unique_lock lock(s->mutex);
    if (s->cv.wait_for(lock, delay, [&] { return s->finished; })) return;
    std::fprintf(stderr, "partnerkit %s: working...\n", s->name.c_str());
    std::fflush(stderr);
    s->printed = true;
  });
}

void Progress::finish() {
  if (!state_) return;
  {
    std::lock_guard lock(state_->mutex);
    state_->finished = true;
  }
  state_->cv.notify_all();
  if (state_->watcher.joinable()) state_->watcher.join();
  if (state_->printed) {
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - state_->started;
    std::fprintf(stderr, "partnerkit %s: done in %.1f s\n", state_->name.c_str(), took.count());
  }
  state_.reset();
}

Progress::~Progress() { finish(); }

}  // namespace partnerkit::cli

int main(int argc, char** argv) {
  CLI::App app{"partnerkit: build and study inter-agency partnerships from one open document.\n"
               "Example: partnerkit report examples/partnerships/state-cac-voca.json -o report.html\n"
               "Run partnerkit COMMAND --help for a command's options and an example."};
  app.name("partnerkit");
  app.set_version_flag("--version", std::string("partnerkit ") + partnerkit::version);
  bool quiet = false;
  app.add_flag("-q,--quiet", quiet, "No progress lines on standard error");
  app.fallthrough();  // --quiet after the command too
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
  partnerkit::cli::add_report(app, exit_code);
  // Progress for whatever command runs (its callback runs after this one).
  partnerkit::cli::Progress progress;
  app.parse_complete_callback([&] {
    auto subcommands = app.get_subcommands();
    if (!subcommands.empty()) progress.start(subcommands.front()->get_name(), !quiet && isatty(STDERR_FILENO));
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    progress.finish();
    int code = app.exit(e);
    return code == 0 ? 0 : partnerkit::cli::bad_input;
  } catch (const partnerkit::Error& e) {
    progress.finish();
    std::cerr << e.what() << '\n';
    return partnerkit::cli::bad_input;
  } catch (const std::exception& e) {
    progress.finish();
    std::cerr << "partnerkit: internal error: " << e.what() << '\n';
    return partnerkit::cli::failure;
  }
  progress.finish();
  return exit_code;
}
