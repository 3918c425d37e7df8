#include "partnerkit/core/error.hpp"


namespace partnerkit {

std::string Issue::str() const {
  return file + ": " + (pointer.empty() ? std::string("/") : pointer) + ": " + message;
}

IoError::IoError(std::string path, std::string message, int error_number)
    : Error(path + ": " + message), path_(std::move(path)), message_(std::move(message)), error_number_(error_number) {}

namespace {
std::string join_lines(const std::vector<Issue>& issues) {
  std::string out;
  for (const auto& issue : issues) {
    if (!out.empty()) out += '\n';
    out += issue.str();
  }
  return out;
}
}  // namespace

ValidationError::ValidationError(std::vector<Issue> issues)
    : Error(join_lines(issues)), issues_(std::move(issues)) {
  if (issues_.empty()) throw std::logic_error("ValidationError needs at least one issue");
}

ValidationError::ValidationError(std::string file, std::string pointer, const std::string& message)
    : ValidationError(std::vector<Issue>{{std::move(file), std::move(pointer), message}}) {}

std::string pointer_append(std::string pointer, std::string_view token) {
  pointer += '/';
  for (char c : token) {
    if (c == '~') pointer += "~0";
    else if (c == '/') pointer += "~1";
    else pointer += c;
  }
  return pointer;
}

std::string pointer_append(std::string pointer, std::size_t index) {
  return pointer_append(std::move(pointer), std::to_string(index));
}

}  // namespace partnerkit
