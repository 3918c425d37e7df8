// Errors: one family, one message form, the file and the JSON pointer always present.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace partnerkit {

/// One problem found in an input: the file (or "<string>", "-" for stdin), the RFC 6901 JSON
/// pointer of the offending value ("" is the whole document) and what was expected.
struct Issue {
  std::string file;
  std::string pointer;
  std::string message;

  /// "FILE: /pointer: message"; the whole document's pointer "" is shown as "/".
  std::string str() const;
  friend bool operator==(const Issue&, const Issue&) = default;
};

/// Base of every exception partnerkit throws.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A file could not be read or written; what() is "roster.json: cannot open: No such file or
/// directory".
class IoError : public Error {
 public:
  IoError(std::string path, std::string message, int error_number = 0);
  const std::string& path() const noexcept { return path_; }
  /// What went wrong, without the path ("cannot open: No such file or directory").
  const std::string& message() const noexcept { return message_; }
  /// The errno value behind it, or 0.
  int error_number() const noexcept { return error_number_; }

 private:
  std::string path_;
  std::string message_;
  int error_number_;
};

/// An input is not what was expected. Carries every problem found, not only the first;
/// what() is their str() lines joined by newlines.
class ValidationError : public Error {
 public:
  explicit ValidationError(std::vector<Issue> issues);
  ValidationError(std::string file, std::string pointer, const std::string& message);

  /// Every problem found (never empty); loading sorts them by JSON pointer.
  const std::vector<Issue>& errors() const noexcept { return issues_; }
  /// File of the first problem.
  const std::string& file() const noexcept { return issues_.front().file; }
  /// JSON pointer of the first problem.
  const std::string& pointer() const noexcept { return issues_.front().pointer; }

 private:
  std::vector<Issue> issues_;
};

/// Appends one reference token to a JSON pointer, escaping "~" and "/" (RFC 6901).
std::string pointer_append(std::string pointer, std::string_view token);
std::string pointer_append(std::string pointer, std::size_t index);

}  // namespace partnerkit
