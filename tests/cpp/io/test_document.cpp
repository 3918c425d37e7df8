// Loading documents: the examples, what load() and loads() return, and reading failures.
#include <catch2/catch.hpp>

#include <cerrno>

#include "partnerkit/io/document.hpp"
#include "support/support.hpp"

using namespace partnerkit;
namespace pt = partnerkit::test;

namespace {

// The number of records in each list, counted on the raw JSON (the obvious reference).
void check_counts(const Partnership& p, const std::filesystem::path& path) {
  Json raw = Json::parse(pt::read_text(path));
  auto count = [&](const char* list) { return raw.contains(list) ? raw[list].size() : 0; };
  CHECK(p.organizations.size() == count("organizations"));
  CHECK(p.people.size() == count("people"));
  CHECK(p.relationships.size() == count("relationships"));
  CHECK(p.meetings.size() == count("meetings"));
  CHECK(p.events.size() == count("events"));
  CHECK(p.availability.size() == count("availability"));
  CHECK(p.worksheets.size() == count("worksheets"));
  CHECK(p.ideas.size() == count("ideas"));
  std::size_t busy = 0;
  for (const auto& a : raw["availability"]) busy += a.contains("busy") ? a["busy"].size() : 0;
  std::size_t loaded_busy = 0;
  for (const auto& a : p.availability) loaded_busy += a.busy.size();
  CHECK(loaded_busy == busy);
}

}  // namespace

TEST_CASE("the state CAC/VOCA example loads", "[io][document]") {
  auto path = pt::example("state-cac-voca.json");
  Partnership p = load(path);
  CHECK(p.format == "partnerkit/1");
  CHECK(p.name == "Mountain State CAC Chapter and VOCA Administrator partnership");
  CHECK(p.process == "building-partnership");
  CHECK(p.timezone == "America/Denver");
  REQUIRE(p.start);
  CHECK(format_date(*p.start) == "2027-04-05");
  check_counts(p, path);
  // The counts as of this writing; the example may grow, never shrink below a real partnership.
  CHECK(p.organizations.size() >= 9);
  CHECK(p.people.size() >= 10);
  CHECK(p.relationships.size() >= 17);
  CHECK(p.meetings.size() >= 6);
  CHECK(p.events.size() >= 7);
  CHECK(p.availability.size() >= 3);
  CHECK(p.worksheets.size() >= 7);
  CHECK(p.ideas.size() >= 11);
  // Unknown keys are kept: at the top level and inside a record.
  CHECK(p.extra.contains("x_notes"));
  const Organization* chapter = p.find_organization("chapter");
  REQUIRE(chapter);
  CHECK(chapter->core);
  CHECK(chapter->category == "cac-chapter");
  CHECK(chapter->extra.at("website") == "https://mountainstatecacs.example.org");
  const Person* ana = p.find_person("arivera");
  REQUIRE(ana);
  CHECK(ana->organization == "chapter");
  CHECK(ana->decision_maker);
  CHECK(ana->timezone == "America/Denver");
}

TEST_CASE("the child support and courts example loads", "[io][document]") {
  auto path = pt::example("child-support-courts.json");
  Partnership p = load(path);
  CHECK(p.name == "Prairie State Child Support and Courts Collaboration");
  check_counts(p, path);
  CHECK(p.organizations.size() >= 8);
  CHECK(p.people.size() >= 11);
  CHECK(p.relationships.size() >= 15);
  CHECK(p.meetings.size() >= 8);
  CHECK(p.events.size() >= 5);
  CHECK(p.availability.size() >= 2);
  CHECK(p.worksheets.size() >= 5);
  CHECK(p.ideas.size() >= 10);
}

TEST_CASE("load and loads agree and the source names the input", "[io][document]") {
  auto path = pt::example("state-cac-voca.json");
  std::string text = pt::read_text(path);
  CHECK(loads(text) == load(path));
  CHECK(loads(text, "other name") == load(path));

  auto named = pt::validation_error(pt::document(R"("start": "2027-02-30")"), "roster.json");
  CHECK(named.file() == "roster.json");
  CHECK(std::string(named.what()) == "roster.json: /start: expected a day that exists, YYYY-MM-DD, got \"2027-02-30\"");
  try {
    loads(pt::document(R"("start": "2027-02-30")"));
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(e.file() == "<string>");
  }
  pt::TempDir dir;
  pt::write_text(dir / "bad.json", pt::document(R"("start": "2027-02-30")"));
  try {
    load(dir / "bad.json");
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(e.file() == (dir / "bad.json").string());
    CHECK(e.pointer() == "/start");
  }
}

TEST_CASE("a minimal document loads with every default", "[io][document]") {
  Partnership p = loads(pt::document());
  Partnership expected;
  expected.name = "Test";
  CHECK(p == expected);
  CHECK(p.organizations.empty());
  CHECK_FALSE(p.start);
  CHECK(p.extra == Json::object());
}

TEST_CASE("defaults of optional fields", "[io][document]") {
  Partnership p = loads(pt::document(R"(
    "organizations": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    "people": [{"id": "ana", "name": "Ana", "organization": "a"}],
    "relationships": [{"source": "a", "target": "b"}],
    "meetings": [{"id": "m", "kind": "planning-call"}],
    "ideas": [{"id": "i", "text": "An idea"}])"));
  CHECK_FALSE(p.organizations[0].core);
  CHECK_FALSE(p.organizations[0].category);
  CHECK_FALSE(p.people[0].decision_maker);
  CHECK_FALSE(p.people[0].facilitator);
  CHECK(p.relationships[0].weight == 1.0);
  CHECK_FALSE(p.relationships[0].directed);
  CHECK_FALSE(p.relationships[0].level);
  CHECK_FALSE(p.relationships[0].trust);
  CHECK(p.meetings[0].status == MeetingStatus::planned);
  CHECK_FALSE(p.meetings[0].start);
  CHECK(p.ideas[0].votes == Votes{});
  CHECK(p.find_meeting("m") == &p.meetings[0]);
  CHECK(p.find_meeting("nope") == nullptr);
  CHECK(p.find_person("a") == nullptr);  // an organization id is not a person id
}

TEST_CASE("loading a missing file throws IoError", "[io][document][errors]") {
  pt::TempDir dir;
  auto path = dir / "missing.json";
  try {
    load(path);
    FAIL("no error");
  } catch (const IoError& e) {
    CHECK(e.path() == path.string());
    CHECK(std::string(e.what()) == path.string() + ": cannot open: No such file or directory");
    CHECK(e.message() == "cannot open: No such file or directory");
    CHECK(e.error_number() == ENOENT);
  }
  CHECK_THROWS_AS(load(path), Error);  // the base of the family
}

TEST_CASE("loading a folder throws IoError", "[io][document][errors]") {
  pt::TempDir dir;
  try {
    load(dir.path());
    FAIL("no error");
  } catch (const IoError& e) {
    CHECK(e.path() == dir.path().string());
    CHECK(std::string(e.what()) == dir.path().string() + ": is a folder; expected a file");
    CHECK(e.message() == "is a folder; expected a file");
    CHECK(e.error_number() == EISDIR);
  }
}

TEST_CASE("the error family", "[core][errors]") {
  ValidationError e("a.json", "/people/0", "expected a person");
  CHECK(std::string(e.what()) == "a.json: /people/0: expected a person");
  CHECK(e.errors().size() == 1);
  ValidationError root("a.json", "", "expected a JSON object");
  CHECK(std::string(root.what()) == "a.json: /: expected a JSON object");
  CHECK(root.pointer().empty());
  ValidationError two({{"a.json", "/x", "one"}, {"b.json", "/y", "two"}});
  CHECK(std::string(two.what()) == "a.json: /x: one\nb.json: /y: two");
  CHECK(two.file() == "a.json");
  CHECK_THROWS_AS(ValidationError(std::vector<Issue>{}), std::logic_error);
  IoError io("x.json", "cannot open: Permission denied", EACCES);
  CHECK(std::string(io.what()) == "x.json: cannot open: Permission denied");
  CHECK(io.path() == "x.json");
  CHECK(io.message() == "cannot open: Permission denied");
  CHECK(io.error_number() == EACCES);
  CHECK(IoError("y.json", "odd").error_number() == 0);
  CHECK(pointer_append("/a", "b/c~d") == "/a/b~1c~0d");
  CHECK(pointer_append("", std::size_t{3}) == "/3");
  static_assert(std::is_base_of_v<Error, ValidationError>);
  static_assert(std::is_base_of_v<Error, IoError>);
  static_assert(std::is_base_of_v<std::runtime_error, Error>);
}
