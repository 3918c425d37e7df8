// Validation errors: every problem reported at once, each with its file, JSON pointer and the
// exact message text.
#include <catch2/catch.hpp>

#include "partnerkit/io/document.hpp"
#include "support/support.hpp"

using namespace partnerkit;
namespace pt = partnerkit::test;

namespace {

// The lines of the error a document gives, with the file name "doc.json".
std::vector<std::string> errors_of(std::string_view members) {
  return pt::lines(pt::validation_error(pt::document(members)));
}

const char* const two_orgs = R"("organizations": [{"id": "voca", "name": "VOCA"}, {"id": "chapter", "name": "Chapter"}])";
const char* const two_people =
    R"("people": [{"id": "ana", "name": "Ana", "organization": "voca"}, {"id": "bo", "name": "Bo", "organization": "chapter"}])";

std::string with_parties(std::string_view members) {
  return std::string(two_orgs) + ", " + two_people + ", " + std::string(members);
}

}  // namespace

TEST_CASE("a document with many different errors reports all of them at once", "[io][errors]") {
  auto path = pt::data("documents/many-errors.json");
  ValidationError e = pt::validation_error(pt::read_text(path), "many.json");
  const std::vector<std::string> expected{
      R"(many.json: /availability/0/busy/0/end: expected a time after the start 2027-04-12T10:00, got "2027-04-12T09:00")",
      R"(many.json: /events/0/date: expected a day that exists, YYYY-MM-DD, got "2027-13-01")",
      R"(many.json: /events/0/meeting: expected a known meeting id, got "m2" (did you mean "m1"?))",
      R"(many.json: /ideas/0/votes/dots: expected a whole number, 0 or more, got -1)",
      R"(many.json: /meetings/0/duration: expected a positive ISO 8601 duration such as PT1H30M, got "PT0M")",
      R"(many.json: /meetings/0/participants/1: expected a known person id, got "ghost")",
      R"(many.json: /meetings/0/start: expected a date and time that exist, YYYY-MM-DDTHH:MM, got "2027-02-30T10:00")",
      R"(many.json: /meetings/0/status: expected one of "planned", "held", "cancelled", got "maybe")",
      R"(many.json: /organizations/1/id: expected a unique organization id, got "voca" again (first at /organizations/0/id))",
      R"(many.json: /organizations/2/name: expected a non-empty string, got 42)",
      R"(many.json: /people/0/organization: expected a known organization id, got "vocaa" (did you mean "voca"?))",
      R"(many.json: /people/1/timezone: expected an IANA time zone name such as America/Denver, got "Mars/Olympus")",
      R"(many.json: /people/2/id: id "voca" is also an organization id (/organizations/0/id); expected ids that tell people and organizations apart)",
      R"(many.json: /process: expected a known process template (building-partnership, court-child-support), got "no-such-process")",
      R"(many.json: /relationships/0/level: expected an integer from 0 to 5, got 6)",
      R"(many.json: /relationships/0/target: expected a known organization or person id, got "nobody")",
      R"(many.json: /relationships/0/trust/mission: expected an integer from 1 to 4, got 0)",
      R"(many.json: /relationships/0/trust/reliability: expected an integer from 1 to 4, got 5)",
      R"(many.json: /relationships/0/value/power: expected an integer from 1 to 4, got 7)",
      R"(many.json: /relationships/0/weight: expected a number greater than 0, got 0)",
      R"(many.json: /relationships/1/target: expected a tie between two different endpoints, got "ana" twice)",
      R"(many.json: /start: expected a day that exists, YYYY-MM-DD, got "2027-02-30")",
      R"(many.json: /timezone: expected an IANA time zone name such as America/Denver, got "Mars/Olympus")",
      R"(many.json: /worksheets/1/organization: expected one worksheet per organization and session, got a second for "voca" (first at /worksheets/0))",
  };
  CHECK(pt::lines(e) == expected);
  for (const auto& issue : e.errors()) {
    CHECK(issue.file == "many.json");
    CHECK_FALSE(issue.pointer.empty());
    CHECK(issue.pointer.front() == '/');
  }
  // what() is every line, joined by newlines; file() and pointer() are the first problem's.
  std::string joined;
  for (const auto& line : expected) joined += (joined.empty() ? "" : "\n") + line;
  CHECK(std::string(e.what()) == joined);
  CHECK(e.pointer() == "/availability/0/busy/0/end");
  CHECK(e.file() == "many.json");
}

TEST_CASE("wrong types are all reported with what was expected", "[io][errors]") {
  ValidationError e = pt::validation_error(pt::read_text(pt::data("documents/wrong-types.json")), "types.json");
  const std::vector<std::string> expected{
      R"(types.json: /availability/0/busy/0: missing required key "end" (expected a local date and time YYYY-MM-DDTHH:MM))",
      R"(types.json: /availability/0/person: expected a known person id, got "ana")",
      R"(types.json: /description: expected a string, got 7)",
      R"(types.json: /events/0/date: expected a date YYYY-MM-DD, got "12/04/2027")",
      R"(types.json: /format: expected "partnerkit/1", got 1)",
      R"(types.json: /ideas/0/votes/dots: expected a whole number, 0 or more, got 1.5)",
      R"(types.json: /meetings/0/duration: expected an ISO 8601 duration such as PT1H30M, got "90 minutes")",
      R"(types.json: /meetings/0/participants: expected an array of person ids, got "ana")",
      R"(types.json: /meetings/0/start: expected a local date and time YYYY-MM-DDTHH:MM, got "2027-04-12 10:00")",
      R"(types.json: /meetings/0/status: expected one of "planned", "held", "cancelled", got 1)",
      R"(types.json: /name: expected a non-empty string, got an array)",
      R"(types.json: /organizations: expected an array, got an object)",
      R"(types.json: /people/0: expected a person object with "id", "name" and "organization", got "ana")",
      R"(types.json: /people/1/decision_maker: expected a boolean, got "yes")",
      R"(types.json: /people/1/email: expected a string, got null)",
      R"(types.json: /people/1/id: expected a non-empty id, got 5)",
      R"(types.json: /people/1/organization: expected a known organization id, got "a")",
      R"(types.json: /people/2: missing required key "id" (expected a non-empty id))",
      R"(types.json: /people/2: missing required key "organization" (expected a non-empty id))",
      R"(types.json: /relationships/0/directed: expected a boolean, got 1)",
      R"(types.json: /relationships/0/level: expected an integer from 0 to 5, got 2.5)",
      R"(types.json: /relationships/0/source: expected a known organization or person id, got "a")",
      R"(types.json: /relationships/0/target: expected a known organization or person id, got "b")",
      R"(types.json: /relationships/0/trust: expected an object of trust items (reliability, mission, openness), got an array)",
      R"(types.json: /relationships/0/weight: expected a number greater than 0, got "heavy")",
      R"(types.json: /start: expected a date YYYY-MM-DD, got 20270405)",
      R"(types.json: /worksheets/0/organization: expected a known organization id, got "a")",
      R"(types.json: /worksheets/0/proud_of/1: expected a string, got 3)",
  };
  CHECK(pt::lines(e) == expected);
}

TEST_CASE("the root must be a partnership object", "[io][errors]") {
  CHECK(pt::lines(pt::validation_error("[1, 2]")) ==
        std::vector<std::string>{"doc.json: /: expected a partnership document (a JSON object), got an array"});
  CHECK(pt::lines(pt::validation_error("\"text\"")) ==
        std::vector<std::string>{R"(doc.json: /: expected a partnership document (a JSON object), got "text")"});
  CHECK(pt::lines(pt::validation_error("null")) ==
        std::vector<std::string>{"doc.json: /: expected a partnership document (a JSON object), got null"});
  CHECK(pt::lines(pt::validation_error("{}")) ==
        std::vector<std::string>{R"(doc.json: /: missing required key "format" (expected "partnerkit/1"))",
                                 R"(doc.json: /: missing required key "name" (expected a non-empty string))"});
  CHECK(pt::lines(pt::validation_error(R"({"format": "partnerkit/2", "name": ""})")) ==
        std::vector<std::string>{R"(doc.json: /format: expected "partnerkit/1", got "partnerkit/2")",
                                 R"(doc.json: /name: expected a non-empty string, got "")"});
  ValidationError e = pt::validation_error("[1, 2]");
  CHECK(e.pointer().empty());
}

TEST_CASE("duplicate ids", "[io][errors]") {
  CHECK(errors_of(R"("organizations": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "a", "name": "A2"}])") ==
        std::vector<std::string>{
            R"(doc.json: /organizations/2/id: expected a unique organization id, got "a" again (first at /organizations/0/id))"});
  CHECK(errors_of(std::string(two_orgs) + R"(, "meetings": [{"id": "m", "kind": "k"}, {"id": "m", "kind": "k"}],
                                  "ideas": [{"id": "i", "text": "t"}, {"id": "j", "text": "t"}, {"id": "i", "text": "u"}],
                                  "people": [{"id": "ana", "name": "Ana", "organization": "voca"},
                                             {"id": "ana", "name": "Ana 2", "organization": "voca"}])") ==
        std::vector<std::string>{
            R"(doc.json: /ideas/2/id: expected a unique idea id, got "i" again (first at /ideas/0/id))",
            R"(doc.json: /meetings/1/id: expected a unique meeting id, got "m" again (first at /meetings/0/id))",
            R"(doc.json: /people/1/id: expected a unique person id, got "ana" again (first at /people/0/id))"});
  CHECK(errors_of(with_parties(R"("worksheets": [{"organization": "voca"}, {"organization": "voca", "session": "m"},
                                                  {"organization": "voca", "session": "m"}],
                                  "meetings": [{"id": "m", "kind": "k"}])")) ==
        std::vector<std::string>{
            R"(doc.json: /worksheets/2/organization: expected one worksheet per organization and session, got a second for "voca" (first at /worksheets/1))"});
}

TEST_CASE("dangling references", "[io][errors]") {
  CHECK(errors_of(with_parties(R"(
      "relationships": [{"source": "voca", "target": "chapterr"}, {"source": "zed", "target": "ana"}],
      "meetings": [{"id": "plan", "kind": "planning-call", "participants": ["ana", "boo", "carol"]}],
      "events": [{"activity": "kickoff", "date": "2027-04-12", "meeting": "plann"}],
      "availability": [{"person": "anna"}],
      "worksheets": [{"organization": "dcfs", "session": "retreat"}],
      "ideas": [{"id": "i", "text": "t", "session": "plan "}])")) ==
        std::vector<std::string>{
            R"(doc.json: /availability/0/person: expected a known person id, got "anna" (did you mean "ana"?))",
            R"(doc.json: /events/0/meeting: expected a known meeting id, got "plann" (did you mean "plan"?))",
            R"(doc.json: /ideas/0/session: expected a known meeting id, got "plan " (did you mean "plan"?))",
            R"(doc.json: /meetings/0/participants/1: expected a known person id, got "boo" (did you mean "bo"?))",
            R"(doc.json: /meetings/0/participants/2: expected a known person id, got "carol")",
            R"(doc.json: /relationships/0/target: expected a known organization or person id, got "chapterr")",
            R"(doc.json: /relationships/1/source: expected a known organization or person id, got "zed")",
            R"(doc.json: /worksheets/0/organization: expected a known organization id, got "dcfs")",
            R"(doc.json: /worksheets/0/session: expected a known meeting id, got "retreat")"});
  // A person's organization must be an organization, not another person.
  CHECK(errors_of(std::string(two_orgs) + R"(, "people": [{"id": "ana", "name": "Ana", "organization": "bo"},
                                                         {"id": "bo", "name": "Bo", "organization": "voca"}])") ==
        std::vector<std::string>{R"(doc.json: /people/0/organization: expected a known organization id, got "bo")"});
}

TEST_CASE("impossible dates and times", "[io][errors]") {
  CHECK(errors_of(with_parties(R"(
      "start": "2027-02-30",
      "relationships": [{"source": "voca", "target": "chapter", "observed": "2027-02-29"}],
      "meetings": [{"id": "m", "kind": "k", "start": "2027-04-31T10:00"}, {"id": "n", "kind": "k", "start": "2027-04-12T24:00"}],
      "events": [{"activity": "a", "date": "2028-02-30"}, {"activity": "b", "date": "2028-02-29"}],
      "availability": [{"person": "ana", "busy": [{"start": "2027-04-12T10:60", "end": "2027-04-12T11:00"}]}])")) ==
        std::vector<std::string>{
            R"(doc.json: /availability/0/busy/0/start: expected a date and time that exist, YYYY-MM-DDTHH:MM, got "2027-04-12T10:60")",
            R"(doc.json: /events/0/date: expected a day that exists, YYYY-MM-DD, got "2028-02-30")",
            R"(doc.json: /meetings/0/start: expected a date and time that exist, YYYY-MM-DDTHH:MM, got "2027-04-31T10:00")",
            R"(doc.json: /meetings/1/start: expected a date and time that exist, YYYY-MM-DDTHH:MM, got "2027-04-12T24:00")",
            R"(doc.json: /relationships/0/observed: expected a day that exists, YYYY-MM-DD, got "2027-02-29")",
            R"(doc.json: /start: expected a day that exists, YYYY-MM-DD, got "2027-02-30")"});
  // Malformed (not only impossible) values are the schema's to report.
  CHECK(errors_of(R"("start": "2027-4-5")") ==
        std::vector<std::string>{R"(doc.json: /start: expected a date YYYY-MM-DD, got "2027-4-5")"});
}

TEST_CASE("time zones that do not exist", "[io][errors]") {
  CHECK(errors_of(with_parties(R"(
      "timezone": "Mars/Olympus",
      "meetings": [{"id": "m", "kind": "k", "timezone": "America/Denverr"}],
      "x": [{"timezone": "Mars/Olympus"}])")) ==
        std::vector<std::string>{
            R"(doc.json: /meetings/0/timezone: expected an IANA time zone name such as America/Denver, got "America/Denverr")",
            R"(doc.json: /timezone: expected an IANA time zone name such as America/Denver, got "Mars/Olympus")"});
  CHECK(errors_of(R"("timezone": "")") ==
        std::vector<std::string>{
            R"(doc.json: /timezone: expected an IANA time zone name such as America/Denver, got "")"});
  CHECK(loads(pt::document(R"("timezone": "Pacific/Honolulu")")).timezone == "Pacific/Honolulu");
}

TEST_CASE("busy intervals must end after they start", "[io][errors]") {
  CHECK(errors_of(with_parties(R"("availability": [{"person": "ana", "busy": [
      {"start": "2027-04-12T10:00", "end": "2027-04-12T09:59"},
      {"start": "2027-04-12T10:00", "end": "2027-04-12T10:00"},
      {"start": "2027-04-12T10:00", "end": "2027-04-12T10:00:01"},
      {"start": "2027-04-12T23:00", "end": "2027-04-11T23:30"}]}])")) ==
        std::vector<std::string>{
            R"(doc.json: /availability/0/busy/0/end: expected a time after the start 2027-04-12T10:00, got "2027-04-12T09:59")",
            R"(doc.json: /availability/0/busy/1/end: expected a time after the start 2027-04-12T10:00, got "2027-04-12T10:00")",
            R"(doc.json: /availability/0/busy/3/end: expected a time after the start 2027-04-12T23:00, got "2027-04-11T23:30")"});
}

TEST_CASE("unknown process template", "[io][errors]") {
  CHECK(errors_of(R"("process": "building-partnerships")") ==
        std::vector<std::string>{
            R"(doc.json: /process: expected a known process template (building-partnership, court-child-support), got "building-partnerships")"});
  for (const auto& name : builtin_process_templates())
    CHECK(loads(pt::document(R"("process": ")" + name + "\"")).process == name);
}

TEST_CASE("scores outside their scale", "[io][errors]") {
  CHECK(errors_of(with_parties(R"("relationships": [
      {"source": "voca", "target": "chapter", "level": -1, "trust": {"reliability": 0, "mission": 5, "openness": 4},
       "value": {"power": 1, "resources": 0, "involvement": 2.0}, "weight": -0.5},
      {"source": "ana", "target": "bo", "level": 0, "trust": {"openness": 1}, "value": {"involvement": 4}, "weight": 0.001}],
      "ideas": [{"id": "i", "text": "t", "votes": {"exciting": -1, "better": 0, "doable": "2"}}])")) ==
        std::vector<std::string>{
            R"(doc.json: /ideas/0/votes/doable: expected a whole number, 0 or more, got "2")",
            R"(doc.json: /ideas/0/votes/exciting: expected a whole number, 0 or more, got -1)",
            R"(doc.json: /relationships/0/level: expected an integer from 0 to 5, got -1)",
            R"(doc.json: /relationships/0/trust/mission: expected an integer from 1 to 4, got 5)",
            R"(doc.json: /relationships/0/trust/reliability: expected an integer from 1 to 4, got 0)",
            R"(doc.json: /relationships/0/value/involvement: expected an integer from 1 to 4, got 2.0)",
            R"(doc.json: /relationships/0/value/resources: expected an integer from 1 to 4, got 0)",
            R"(doc.json: /relationships/0/weight: expected a number greater than 0, got -0.5)"});
}

TEST_CASE("durations and ties to oneself", "[io][errors]") {
  CHECK(errors_of(with_parties(R"(
      "relationships": [{"source": "ana", "target": "ana"}],
      "meetings": [{"id": "m", "kind": "k", "duration": "PT0M"}, {"id": "n", "kind": "k", "duration": "P"},
                   {"id": "o", "kind": "k", "duration": "PT90M"}])")) ==
        std::vector<std::string>{
            R"(doc.json: /meetings/0/duration: expected a positive ISO 8601 duration such as PT1H30M, got "PT0M")",
            R"(doc.json: /meetings/1/duration: expected a positive ISO 8601 duration such as PT1H30M, got "P")",
            R"(doc.json: /relationships/0/target: expected a tie between two different endpoints, got "ana" twice)"});
}

TEST_CASE("pointers order array indexes numerically", "[io][errors]") {
  std::string orgs;
  for (int i = 0; i < 12; ++i) orgs += (i ? ", " : "") + std::string(R"({"id": "o)") + std::to_string(i) + R"(", "name": ""})";
  auto e = pt::validation_error(pt::document(R"("organizations": [)" + orgs + "]"));
  REQUIRE(e.errors().size() == 12);
  for (std::size_t i = 0; i < 12; ++i)
    CHECK(e.errors()[i].pointer == "/organizations/" + std::to_string(i) + "/name");
}

TEST_CASE("messages stay short when a value is long", "[io][errors]") {
  std::string name(10000, 'A');
  // Schema errors shorten the value they show.
  auto schema = pt::validation_error(pt::document(R"("description": 1, "start": ")" + name + "\""));
  REQUIRE(schema.errors().size() == 2);
  CHECK(schema.errors()[1].message == "expected a date YYYY-MM-DD, got \"" + std::string(57, 'A') + "...\"");
  // So must the checks beyond the schema (time zones, references), or one bad value in a
  // large document makes a message of megabytes.
  auto semantic = pt::validation_error(pt::document(R"("timezone": ")" + name + "\""));
  REQUIRE(semantic.errors().size() == 1);
  CHECK(semantic.errors()[0].message ==
        "expected an IANA time zone name such as America/Denver, got \"" + std::string(57, 'A') + "...\"");
}

TEST_CASE("from_json reports problems as ValidationError too", "[io][errors]") {
  Json doc = Json::parse(pt::document(R"("start": "2027-02-30")"));
  try {
    from_json(doc, "built.json");
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(pt::lines(e) == std::vector<std::string>{
                              R"(built.json: /start: expected a day that exists, YYYY-MM-DD, got "2027-02-30")"});
  }
  CHECK(from_json(Json::parse(pt::document())).name == "Test");
}

TEST_CASE("from_json on strings that are not UTF-8 throws partnerkit errors only", "[io][errors]") {
  // A Json built in C++ (not parsed) may hold any bytes; the messages must not make
  // nlohmann's dump() throw its own type_error (316, invalid UTF-8) out of from_json.
  Json bad_format{{"format", "\xff"}, {"name", "x"}};
  CHECK_THROWS_AS(from_json(bad_format), ValidationError);
  Json bad_reference = Json::parse(pt::document(R"("organizations": [{"id": "a", "name": "A"}])"));
  bad_reference["people"] = Json::array({Json{{"id", "p"}, {"name", "P"}, {"organization", "\xc3"}}});
  try {
    from_json(bad_reference);
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(e.pointer() == "/people/0/organization");
  }
}
