// Malformed and hostile inputs: each gives a typed ValidationError naming the file and a JSON
// pointer, never a crash, a foreign exception or a run that takes far too long.
#include <catch2/catch.hpp>

#include <chrono>

#include "partnerkit/io/document.hpp"
#include "support/support.hpp"

using namespace partnerkit;
namespace pt = partnerkit::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// The single issue of a document that is not JSON: the whole document's pointer "".
Issue only_issue(std::string_view text, std::string_view source = "bad.json") {
  ValidationError e = pt::validation_error(text, source);
  REQUIRE(e.errors().size() == 1);
  CHECK(e.file() == source);
  CHECK(e.pointer().empty());
  return e.errors().front();
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("empty input", "[io][malformed]") {
  CHECK(only_issue("").message == "the input is empty; expected a JSON object");
  CHECK(std::string(pt::validation_error("", "bad.json").what()) == "bad.json: /: the input is empty; expected a JSON object");
  pt::TempDir dir;
  pt::write_text(dir / "empty.json", "");
  try {
    load(dir / "empty.json");
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(e.file() == (dir / "empty.json").string());
    CHECK(e.pointer().empty());
  }
}

TEST_CASE("whitespace only", "[io][malformed]") {
  CHECK(only_issue("  \n ").message ==
        "not valid JSON: parse error at line 2, column 2: syntax error while parsing value - unexpected end of "
        "input; expected '[', '{', or a literal");
}

TEST_CASE("text that is not JSON", "[io][malformed]") {
  CHECK(only_issue("hello").message ==
        "not valid JSON: parse error at line 1, column 1: syntax error while parsing value - invalid literal; last "
        "read: 'h'");
  CHECK(only_issue("format: partnerkit/1\nname: YAML\n").message ==
        "not valid JSON: parse error at line 1, column 2: syntax error while parsing value - invalid literal; last "
        "read: 'fo'");
  CHECK(only_issue(R"({"format": "partnerkit/1", "name": "x",})").message ==
        "not valid JSON: parse error at line 1, column 40: syntax error while parsing object key - unexpected '}'; "
        "expected string literal");
  CHECK(only_issue(R"({"format": "partnerkit/1", "name": "x"} {})").message ==
        "not valid JSON: parse error at line 1, column 41: syntax error while parsing value - unexpected '{'; "
        "expected end of input");
}

TEST_CASE("truncated JSON", "[io][malformed]") {
  CHECK(only_issue(R"({"format": "partnerkit/1", "name": "x", "organizations": [)").message ==
        "not valid JSON: parse error at line 1, column 59: syntax error while parsing value - unexpected end of input; "
        "expected '[', '{', or a literal");
  std::string text = pt::read_text(pt::example("state-cac-voca.json"));
  for (std::size_t cut : {std::size_t{1}, text.size() / 3, text.size() / 2, text.size() - 2}) {
    INFO("cut at " << cut);
    Issue issue = only_issue(std::string_view(text).substr(0, cut), "cut.json");
    CHECK_THAT(issue.message, StartsWith("not valid JSON: parse error at line "));
  }
}

TEST_CASE("invalid UTF-8", "[io][malformed]") {
  // The offending bytes are shown as \xNN so the message itself stays valid UTF-8.
  CHECK(only_issue("{\"format\": \"partnerkit/1\", \"name\": \"\xff\xfe\"}").message ==
        "not valid JSON: parse error at line 1, column 37: syntax error while parsing value - invalid string: "
        "ill-formed UTF-8 byte; last read: '\"\\xFF'");
  Issue overlong = only_issue("{\"format\": \"partnerkit/1\", \"name\": \"\xc0\xaf\"}");
  CHECK_THAT(overlong.message, StartsWith("not valid JSON: parse error at line 1, column 37: "));
  CHECK_THAT(overlong.message, Contains("ill-formed UTF-8 byte"));
  Issue key = only_issue("{\"form\xe2\x82t\": 1}");
  CHECK_THAT(key.message, Contains("ill-formed UTF-8 byte"));
  // Latin-1 text (a common accident): é as the single byte E9.
  Issue latin1 = only_issue("{\"format\": \"partnerkit/1\", \"name\": \"Caf\xe9\"}");
  CHECK_THAT(latin1.message, Contains("\\xE9"));
}

TEST_CASE("NUL bytes", "[io][malformed]") {
  using namespace std::string_literals;
  CHECK(only_issue(R"({"format": "partnerkit/1", "name": "x"})"s + '\0').message ==
        "not valid JSON: NUL byte at line 1, column 40; expected a JSON value and nothing after it");
  CHECK(only_issue("{\"format\": \"partnerkit/1\",\n \"name\": \"x\0y\"}"s).message ==
        "not valid JSON: NUL byte at line 2, column 12; expected a JSON value and nothing after it");
  CHECK(only_issue("\0"s).message ==
        "not valid JSON: NUL byte at line 1, column 1; expected a JSON value and nothing after it");
  // An escaped NUL inside a string is valid JSON, but no text of a partnership may hold one.
  CHECK(only_issue(R"({"format": "partnerkit/1", "name": "a\u0000b"})").message ==
        "a string holds the NUL character \\u0000 at line 1, column 38; expected text without NUL characters");
  // An escaped backslash followed by u0000 is six characters of text, not a NUL.
  CHECK(loads(R"({"format": "partnerkit/1", "name": "a\\u0000b"})").name == "a\\u0000b");
}

TEST_CASE("a nested array 200000 deep", "[io][malformed]") {
  std::string deep = std::string(200000, '[') + std::string(200000, ']');
  CHECK(only_issue(deep).message ==
        "nesting deeper than 256 levels at line 1, column 257; expected a partnership document");
  // Unclosed, and nested inside a document.
  CHECK(only_issue(std::string(200000, '[')).message ==
        "nesting deeper than 256 levels at line 1, column 257; expected a partnership document");
  std::string inside = R"({"format": "partnerkit/1", "name": "x", "x_deep": )" + deep + "}";
  CHECK(only_issue(inside).message ==
        "nesting deeper than 256 levels at line 1, column 306; expected a partnership document");
  std::string objects;
  for (int i = 0; i < 200000; ++i) objects += R"({"a":)";
  CHECK(only_issue(objects).message ==
        "nesting deeper than 256 levels at line 1, column 1281; expected a partnership document");
}

TEST_CASE("the depth limit is exact and counts only real brackets", "[io][malformed]") {
  auto nested = [](std::size_t levels) {  // the document object is level 1
    return R"({"format": "partnerkit/1", "name": "x", "x": )" + std::string(levels - 1, '[') +
           std::string(levels - 1, ']') + "}";
  };
  CHECK_NOTHROW(loads(nested(256)));
  CHECK(only_issue(nested(257)).message ==
        "nesting deeper than 256 levels at line 1, column 301; expected a partnership document");
  LoadOptions loose;
  loose.max_depth = 300;
  CHECK_NOTHROW(loads(nested(300), "<string>", loose));
  LoadOptions strict;
  strict.max_depth = 1;
  CHECK_NOTHROW(loads(pt::document(), "<string>", strict));
  CHECK_THROWS_AS(loads(nested(2), "<string>", strict), ValidationError);
  // Brackets inside strings, escaped quotes included, are text.
  std::string brackets(1000, '[');
  Partnership p = loads(R"({"format": "partnerkit/1", "name": "a\"[)" + brackets + R"(", "x": "\\[[["})");
  CHECK(p.name == "a\"[" + brackets);
}

TEST_CASE("numbers too large for a double", "[io][malformed]") {
  // nlohmann/json reports these with out_of_range (406), not parse_error; loads() must still
  // throw a partnerkit::ValidationError, not let the foreign exception out.
  for (const char* number : {"1e400", "-1e400", "123123e100000", "1.5e+9999"}) {
    INFO(number);
    std::string text = R"({"format": "partnerkit/1", "name": "x", "x_big": )" + std::string(number) + "}";
    try {
      loads(text, "bad.json");
      FAIL("no error");
    } catch (const ValidationError& e) {
      REQUIRE(e.errors().size() == 1);
      CHECK(e.pointer().empty());
      CHECK(e.errors()[0].message == "not valid JSON: number overflow parsing '" + std::string(number) + "'");
    } catch (const Error& e) {
      FAIL("a partnerkit::Error that is not a ValidationError: " << e.what());
    } catch (const std::exception& e) {
      FAIL("a foreign exception: " << e.what());
    }
  }
  // Large integers and tiny numbers are fine.
  CHECK_NOTHROW(loads(R"({"format": "partnerkit/1", "name": "x", "a": 1e-400, "b": 100000000000000000000000})"));
}

TEST_CASE("vote counts beyond int are rejected and not truncated", "[io][malformed]") {
  // Votes are int; 4294967297 used to load as 1.
  std::string text = pt::document(R"("ideas": [{"id": "i", "text": "t", "votes": {"dots": 4294967297}}])");
  ValidationError e = pt::validation_error(text);
  REQUIRE(e.errors().size() == 1);
  CHECK(e.pointer() == "/ideas/0/votes/dots");
  CHECK_THAT(e.errors()[0].message, StartsWith("expected a whole number"));
  CHECK_THAT(e.errors()[0].message, Catch::Matchers::EndsWith(", got 4294967297"));
  CHECK(loads(pt::document(R"("ideas": [{"id": "i", "text": "t", "votes": {"dots": 2147483647}}])")).ideas[0].votes.dots ==
        2147483647);
}

TEST_CASE("a very long duration does not overflow the stack", "[io][malformed]") {
  // The schema's duration pattern ^P([0-9]+D)?... runs in std::regex, whose backtracking
  // recurses once per digit: 40,000 digits overflowed an 8 MB stack (segmentation fault).
  std::string digits(100000, '1');
  std::string text = pt::document(R"("meetings": [{"id": "m", "kind": "k", "duration": "P)" + digits + R"(D"}])");
  ValidationError e = pt::validation_error(text);
  REQUIRE(e.errors().size() == 1);
  CHECK(e.pointer() == "/meetings/0/duration");
  CHECK_THAT(e.errors()[0].message, Contains("ISO 8601 duration such as PT1H30M, got \"P1111"));
}

TEST_CASE("did-you-mean suggestions stay cheap with long ids", "[io][malformed][slow]") {
  // Each unknown reference is compared with every known id by edit distance, O(length^2) per
  // pair: 20 references x 20 ids of 2,500 characters took seconds (and a 300 KB document 30 s).
  std::string orgs, people;
  for (int i = 0; i < 20; ++i) {
    std::string n = std::to_string(i);
    orgs += (i ? ", " : "") + std::string(R"({"id": ")") + std::string(2500, 'o') + n + R"(", "name": "O"})";
    people += (i ? ", " : "") + std::string(R"({"id": "p)") + n + R"(", "name": "P", "organization": ")" +
              std::string(2500, 'q') + n + "\"}";
  }
  std::string text = pt::document(R"("organizations": [)" + orgs + R"(], "people": [)" + people + "]");
  auto start = std::chrono::steady_clock::now();
  ValidationError e = pt::validation_error(text);
  double elapsed = seconds_since(start);
  CHECK(e.errors().size() == 20);
  CHECK(elapsed < pt::hang_limit(1.0));
}

TEST_CASE("did-you-mean suggestions stay cheap with many unknown references", "[io][malformed][slow]") {
  // Up to 2,000 known ids are searched for every unknown reference, however many there are.
  std::string orgs, people;
  for (int i = 0; i < 2000; ++i)
    orgs += (i ? ", " : "") + std::string(R"({"id": "org)") + std::to_string(100000 + i) + R"(", "name": "O"})";
  for (int i = 0; i < 10000; ++i)
    people += (i ? ", " : "") + std::string(R"({"id": "p)") + std::to_string(i) +
              R"(", "name": "P", "organization": "orgX)" + std::to_string(100000 + i % 2000) + "\"}";
  std::string text = pt::document(R"("organizations": [)" + orgs + R"(], "people": [)" + people + "]");
  auto start = std::chrono::steady_clock::now();
  ValidationError e = pt::validation_error(text);
  double elapsed = seconds_since(start);
  REQUIRE(e.errors().size() == 10000);
  CHECK(e.errors()[0].message == R"(expected a known organization id, got "orgX100000" (did you mean "org100000"?))");
  CHECK(elapsed < pt::hang_limit(2.0));
}

TEST_CASE("a 50 MB generated valid document loads", "[io][malformed][slow]") {
  std::size_t orgs = 0, people = 0, ties = 0;
  const std::string text = pt::big_document(50'000'000, orgs, people, ties);
  REQUIRE(text.size() >= 50'000'000);
  pt::TempDir dir;
  pt::write_text(dir / "big.json", text);
  Partnership p = load(dir / "big.json");
  CHECK(p.organizations.size() == orgs);
  CHECK(p.people.size() == people);
  CHECK(p.relationships.size() == ties);
  CHECK(p.relationships.back().target == "p" + std::to_string(ties - 1));
  CHECK(p.relationships.back().trust->mission == 4);
}

TEST_CASE("a 50 MB document with an error near the end reports it", "[io][malformed][slow]") {
  std::size_t orgs = 0, people = 0, ties = 0;
  std::string text = pt::big_document(50'000'000, orgs, people, ties);
  const std::string last = R"("target": "p)" + std::to_string(ties - 1) + "\"";
  auto at = text.rfind(last);
  REQUIRE(at != std::string::npos);
  text.replace(at, last.size(), R"("target": "nobody")");
  ValidationError e = pt::validation_error(text, "big.json");
  CHECK(pt::lines(e) == std::vector<std::string>{"big.json: /relationships/" + std::to_string(ties - 1) +
                                                 R"(/target: expected a known organization or person id, got "nobody")"});
}
