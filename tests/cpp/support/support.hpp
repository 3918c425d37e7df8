// Helpers shared by the C++ tests: data paths, temporary folders, generated documents,
// capturing a ValidationError and running code in a forked child.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "partnerkit/io/document.hpp"

namespace partnerkit::test {

/// The repository root (compile definition PARTNERKIT_SOURCE_DIR).
std::filesystem::path source_dir();
/// examples/partnerships/NAME
std::filesystem::path example(std::string_view name);
/// tests/data/NAME
std::filesystem::path data(std::string_view name);

/// A hang guard's limit: `seconds` in a normal build, ten times that under a sanitizer (which
/// slows code 3-10x). Guards catch runaway work (a quadratic path, a parser loop), never speed:
/// speed is measured in benchmarks/.
constexpr double hang_limit(double seconds) {
#if defined(__SANITIZE_ADDRESS__)
  return 10 * seconds;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return 10 * seconds;
#else
  return seconds;
#endif
#else
  return seconds;
#endif
}

std::string read_text(const std::filesystem::path& path);
void write_text(const std::filesystem::path& path, std::string_view text);

/// A fresh folder under the system temp folder, removed (with its content) on destruction.
/// Safe for tests running in parallel.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }
  /// Names of the entries in the folder (or in `sub`), sorted.
  std::vector<std::string> entries(std::string_view sub = {}) const;

 private:
  std::filesystem::path path_;
};

/// The day YYYY-MM-DD; fails the test if it does not exist.
Date day(std::string_view text);

/// The ValidationError that loads(text, source) throws; fails the test if it does not throw one.
ValidationError validation_error(std::string_view text, std::string_view source = "doc.json");
/// Each problem of the error as "FILE: /pointer: message".
std::vector<std::string> lines(const ValidationError& e);

/// `{"format": "partnerkit/1", "name": "Test", <members>}`.
std::string document(std::string_view members = {});

/// A generated valid document of at least `bytes` bytes: organizations, people and ties.
/// `orgs`, `people`, `ties` receive the counts.
std::string big_document(std::size_t bytes, std::size_t& orgs, std::size_t& people, std::size_t& ties);

/// What a forked child reported.
struct ChildResult {
  int status = 0;      ///< waitpid status
  std::string output;  ///< what the child's function returned
};
/// Runs `f` in a forked child (so limits and identity changes do not leak into the test process)
/// and returns what it returned. The child leaves with _exit(0) after writing the string.
ChildResult run_in_child(const std::function<std::string()>& f);

/// Saves in the calling process and describes the outcome: "ok", "IoError|PATH|ERRNO|WHAT",
/// "Error|WHAT" or "other|WHAT". Meant for run_in_child.
std::string describe_save(const Partnership& p, const std::filesystem::path& path);

}  // namespace partnerkit::test
