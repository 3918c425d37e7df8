// Every file of the JSONTestSuite corpus (tests/data/json-test-suite/) and every input the
// fuzzer ever crashed on (tests/data/fuzz-crashes/) goes through partnerkit::load.
#include <catch2/catch.hpp>

#include <algorithm>
#include <typeinfo>

#include "partnerkit/io/document.hpp"
#include "support/support.hpp"

using namespace partnerkit;
namespace pt = partnerkit::test;
namespace fs = std::filesystem;
using Catch::Matchers::StartsWith;

namespace {

std::vector<fs::path> files(const fs::path& folder, std::string_view prefix, std::string_view extension = ".json") {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(folder)) {
    auto name = entry.path().filename().string();
    if (entry.is_regular_file() && name.rfind(prefix, 0) == 0 &&
        (extension.empty() || entry.path().extension() == extension))
      out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

fs::path suite() { return pt::data("json-test-suite"); }

// The first byte that is not whitespace or a UTF-8 byte order mark.
char first_significant(const std::string& text) {
  std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  return i < text.size() ? text[i] : '\0';
}

// Loads `path`: the outcome as text for messages, and the error if one was thrown.
struct Outcome {
  enum Kind { loaded, validation_error, io_error, other_error, foreign } kind = loaded;
  std::string what;
  std::vector<Issue> issues;
};

Outcome try_load(const fs::path& path) {
  Outcome out;
  try {
    load(path);
  } catch (const ValidationError& e) {
    out = {Outcome::validation_error, e.what(), e.errors()};
  } catch (const IoError& e) {
    out = {Outcome::io_error, e.what(), {}};
  } catch (const Error& e) {
    out = {Outcome::other_error, e.what(), {}};
  } catch (const std::exception& e) {
    out = {Outcome::foreign, std::string(typeid(e).name()) + ": " + e.what(), {}};
  }
  return out;
}

}  // namespace

TEST_CASE("JSONTestSuite n_ files are rejected as not JSON", "[io][json-suite]") {
  auto all = files(suite(), "n_");
  REQUIRE(all.size() == 188);
  // The few rejected before nlohmann parses: nesting, NUL bytes, no input at all.
  const std::vector<std::pair<std::string, std::string>> special{
      {"n_structure_100000_opening_arrays.json",
       "nesting deeper than 256 levels at line 1, column 257; expected a partnership document"},
      {"n_structure_open_array_object.json",
       "nesting deeper than 256 levels at line 1, column 641; expected a partnership document"},
      {"n_multidigit_number_then_00.json",
       "not valid JSON: NUL byte at line 1, column 4; expected a JSON value and nothing after it"},
      {"n_structure_no_data.json", "the input is empty; expected a JSON object"},
  };
  for (const auto& path : all) {
    auto name = path.filename().string();
    INFO(name);
    Outcome out = try_load(path);
    REQUIRE(out.kind == Outcome::validation_error);
    REQUIRE(out.issues.size() == 1);
    const Issue& issue = out.issues.front();
    CHECK(issue.file == path.string());
    CHECK(issue.pointer.empty());
    auto it = std::find_if(special.begin(), special.end(), [&](const auto& s) { return s.first == name; });
    if (it != special.end()) {
      CHECK(issue.message == it->second);
    } else if (issue.message.find("NUL byte") != std::string::npos) {
      CHECK_THAT(issue.message, StartsWith("not valid JSON: NUL byte at line 1, column "));
    } else {
      CHECK_THAT(issue.message, StartsWith("not valid JSON: parse error at line "));
      CHECK(issue.message.find(": syntax error while parsing ") != std::string::npos);
    }
  }
}

TEST_CASE("JSONTestSuite y_ files parse and then fail the schema", "[io][json-suite]") {
  auto all = files(suite(), "y_");
  REQUIRE(all.size() == 95);
  // Valid JSON that partnerkit refuses before the schema: text holding the NUL character.
  const std::vector<std::pair<std::string, std::string>> special{
      {"y_object_escaped_null_in_key.json",
       "a string holds the NUL character \\u0000 at line 1, column 6; expected text without NUL characters"},
      {"y_string_null_escape.json",
       "a string holds the NUL character \\u0000 at line 1, column 3; expected text without NUL characters"},
  };
  std::size_t objects = 0;
  for (const auto& path : all) {
    auto name = path.filename().string();
    INFO(name);
    Outcome out = try_load(path);
    REQUIRE(out.kind == Outcome::validation_error);
    for (const auto& issue : out.issues) CHECK(issue.file == path.string());
    std::string text = pt::read_text(path);
    char first = first_significant(text);
    auto it = std::find_if(special.begin(), special.end(), [&](const auto& s) { return s.first == name; });
    if (it != special.end()) {
      REQUIRE(out.issues.size() == 1);
      CHECK(out.issues[0].pointer.empty());
      CHECK(out.issues[0].message == it->second);
    } else if (first == '{') {
      // No y_ object has "format" or "name".
      ++objects;
      REQUIRE(out.issues.size() == 2);
      CHECK(out.issues[0].pointer.empty());
      CHECK(out.issues[0].message == R"(missing required key "format" (expected "partnerkit/1"))");
      CHECK(out.issues[1].pointer.empty());
      CHECK(out.issues[1].message == R"(missing required key "name" (expected a non-empty string))");
    } else {
      REQUIRE(out.issues.size() == 1);
      CHECK(out.issues[0].pointer.empty());
      CHECK_THAT(out.issues[0].message, StartsWith("expected a partnership document (a JSON object), got "));
      if (first == '[') CHECK(out.issues[0].message == "expected a partnership document (a JSON object), got an array");
    }
  }
  CHECK(objects == 11);
}

TEST_CASE("JSONTestSuite i_ files load or fail cleanly", "[io][json-suite]") {
  auto all = files(suite(), "i_");
  REQUIRE(all.size() == 35);
  for (const auto& path : all) {
    INFO(path.filename().string());
    Outcome out = try_load(path);
    INFO(out.what);
    CHECK(out.kind != Outcome::foreign);
    CHECK(out.kind != Outcome::io_error);
    if (out.kind == Outcome::validation_error) {
      CHECK(out.issues.front().file == path.string());
      // Whatever went wrong, it is about the whole document (none of these is an object).
      CHECK(out.issues.front().pointer.empty());
    }
  }
}

TEST_CASE("inputs the fuzzer crashed on now load or fail cleanly", "[io][fuzz-crashes]") {
  auto folder = pt::data("fuzz-crashes");
  REQUIRE(fs::exists(folder / "README.md"));
  std::size_t count = 0;
  for (const auto& path : files(folder, "", "")) {
    if (path.filename() == "README.md" || path.extension() == ".ics") continue;  // .ics: test_ical_read.cpp
    ++count;
    INFO(path.filename().string());
    Outcome out = try_load(path);
    INFO(out.what);
    CHECK(out.kind != Outcome::foreign);
    CHECK(out.kind != Outcome::io_error);
    // The fuzzer calls loads() on the bytes; do the same, as another source name.
    try {
      loads(pt::read_text(path), "crash");
    } catch (const Error&) {
    } catch (const std::exception& e) {
      FAIL_CHECK("loads() let a foreign exception out: " << typeid(e).name() << ": " << e.what());
    }
  }
  SUCCEED(count << " fuzz crash inputs checked");
}
