// Round trips: load -> dumps -> loads gives an equal Partnership, unknown keys included, and
// dumps is stable.
#include <catch2/catch.hpp>

#include <limits>
#include <optional>

#include "partnerkit/io/document.hpp"
#include "support/support.hpp"

using namespace partnerkit;
namespace pt = partnerkit::test;

namespace {

void check_round_trip(const Partnership& p) {
  for (int indent : {2, 0, -1, 4}) {
    INFO("indent " << indent);
    const std::string text = dumps(p, indent);
    Partnership again = loads(text, "dumped.json");
    CHECK(again == p);
    CHECK(dumps(again, indent) == text);
  }
  // to_json and dumps agree.
  CHECK(to_json(p).dump(2) + "\n" == dumps(p));
  CHECK(from_json(Json::parse(dumps(p))) == p);
}

}  // namespace

TEST_CASE("the examples survive a round trip", "[io][roundtrip]") {
  for (const char* name : {"state-cac-voca.json", "child-support-courts.json"}) {
    INFO(name);
    Partnership p = load(pt::example(name));
    check_round_trip(p);
    // Nothing is lost: the written JSON is the original minus fields at their default.
    Json original = Json::parse(pt::read_text(pt::example(name)));
    Json written = Json::parse(dumps(p));
    CHECK(written.size() == original.size());
    CHECK(written["x_notes"] == original["x_notes"]);
  }
}

TEST_CASE("unknown keys are kept at the top level and inside every record", "[io][roundtrip]") {
  Partnership p = load(pt::data("documents/unknown-keys.json"));
  check_round_trip(p);

  CHECK(p.extra.at("x_top") == Json::parse(R"({"nested": [1, 2.5, "three", null, true, {"deep": []}]})"));
  CHECK(p.extra.at("x_number") == -12345678901234);
  CHECK(p.extra.at("x_big_unsigned") == 18446744073709551615ull);
  CHECK(p.extra.at("x_unicode") == "Caf\u00e9 \u2014 \U0001F600");
  CHECK(p.extra.at("x_key/with~odd chars") == "kept");
  CHECK(p.organizations[0].extra == Json{{"website", "https://example.org"}});
  CHECK(p.organizations[1].extra == Json{{"x_empty_object", Json::object()}, {"x_empty_array", Json::array()}});
  CHECK(p.people[0].extra == Json{{"pronouns", "she/her"}});
  CHECK(p.people[1].extra == Json{{"x_flags", {false}}});
  const Relationship& tie = p.relationships[0];
  CHECK(tie.extra == Json{{"x_tie", 1}});
  CHECK(tie.trust->extra == Json{{"x_comment", "strong"}});
  CHECK(tie.value->extra == Json{{"x_source", "survey"}});
  CHECK(p.relationships[1].trust == TrustScores{});  // present but empty is kept as present
  CHECK(p.relationships[1].value->extra == Json{{"x_only", true}});
  CHECK(p.meetings[0].extra == Json{{"x_recording", "none"}});
  CHECK(p.events[0].extra == Json{{"x_minutes", "minutes.pdf"}});
  CHECK(p.availability[0].extra == Json{{"x_source", "manual"}});
  CHECK(p.availability[0].busy[0].extra == Json{{"x_reason", "court"}});
  CHECK(p.worksheets[0].extra == Json{{"x_scribe", "bo"}});
  CHECK(p.ideas[0].extra == Json{{"x_owner", "ana"}});
  CHECK(p.ideas[0].votes.extra == Json{{"x_abstain", 1}});

  // The written document holds every unknown key where it was.
  Json written = Json::parse(dumps(p));
  Json original = Json::parse(pt::read_text(pt::data("documents/unknown-keys.json")));
  for (const char* key : {"x_top", "x_number", "x_big_unsigned", "x_unicode", "x_key/with~odd chars"})
    CHECK(written.at(key) == original.at(key));
  CHECK(written["relationships"][0]["trust"] == original["relationships"][0]["trust"]);
  CHECK(written["relationships"][1]["trust"] == Json::object());
  CHECK(written["ideas"][0]["votes"] == original["ideas"][0]["votes"]);
  CHECK(written["availability"][0]["busy"] == original["availability"][0]["busy"]);
  // This document has no field at its default, so nothing at all is dropped or added.
  CHECK(written == original);
}

TEST_CASE("values are written in their canonical form", "[io][roundtrip]") {
  Partnership p = load(pt::data("documents/unknown-keys.json"));
  Json written = Json::parse(dumps(p));
  CHECK(written["meetings"][0]["duration"] == "PT1H30M");
  CHECK(written["meetings"][1]["duration"] == "P1DT2H");
  CHECK(written["meetings"][1]["start"] == "2027-06-01T09:00:30");
  CHECK(written["meetings"][1]["status"] == "cancelled");
  // Non-canonical spellings load to the same values and are written canonically.
  Partnership q = loads(pt::document(R"("meetings": [{"id": "m", "kind": "k", "duration": "PT90M",
                                         "start": "2027-04-12T10:00:00", "status": "planned"}])"));
  Json w = Json::parse(dumps(q));
  CHECK(w["meetings"][0] == Json{{"id", "m"}, {"kind", "k"}, {"start", "2027-04-12T10:00"}, {"duration", "PT1H30M"}});
  check_round_trip(q);
}

TEST_CASE("fields at their default are left out", "[io][roundtrip]") {
  Partnership p = loads(pt::document(R"(
    "organizations": [{"id": "a", "name": "A", "core": false}, {"id": "b", "name": "B"}],
    "people": [{"id": "ana", "name": "Ana", "organization": "a", "decision_maker": false, "facilitator": false}],
    "relationships": [{"source": "a", "target": "b", "weight": 1, "directed": false}],
    "meetings": [{"id": "m", "kind": "k", "participants": []}],
    "availability": [{"person": "ana", "busy": []}],
    "ideas": [{"id": "i", "text": "t", "votes": {"dots": 0}}])"));
  CHECK(dumps(p, -1) ==
        R"({"format":"partnerkit/1","name":"Test","organizations":[{"id":"a","name":"A"},{"id":"b","name":"B"}],)"
        R"("people":[{"id":"ana","name":"Ana","organization":"a"}],"relationships":[{"source":"a","target":"b"}],)"
        R"("meetings":[{"id":"m","kind":"k"}],"availability":[{"person":"ana"}],"ideas":[{"id":"i","text":"t"}]})");
  check_round_trip(p);
}

TEST_CASE("a Partnership built in C++ with every field set survives a round trip", "[io][roundtrip]") {
  Partnership p;
  p.name = "Built";
  p.description = "Every field";
  p.process = "court-child-support";
  p.start = parse_date("2027-01-31");
  p.timezone = "America/Chicago";
  p.extra = Json{{"x", {1, 2}}};
  p.organizations = {Organization{"court", "District Court", "court", true, Json{{"x", 1}}},
                     Organization{"csa", "Child Support Agency", "child-support-agency", false, Json::object()}};
  p.people = {Person{"judge", "Judge Ray", "court", "Judge", true, false, "America/Chicago", "ray@example.org",
                     Json{{"x", "y"}},
                     WorkingHours{Minutes{7 * 60 + 30}, Minutes{24 * 60}, {std::chrono::Saturday, std::chrono::Monday},
                                  Json{{"x", 2}}}},
              Person{"dir", "Director Kim", "csa", std::nullopt, false, true, std::nullopt, std::nullopt,
                     Json::object(), std::nullopt}};
  Relationship tie;
  tie.source = "court";
  tie.target = "csa";
  tie.kind = "referral";
  tie.weight = 0.25;
  tie.directed = true;
  tie.level = 5;
  tie.trust = TrustScores{1, 2, 3, Json{{"x", true}}};
  tie.value = ValueScores{4, 3, 2, Json::object()};
  tie.observed = parse_date("2028-02-29");
  p.relationships = {tie};
  Meeting m;
  m.id = "kickoff";
  m.kind = "in-person";
  m.title = "Kickoff";
  m.start = parse_local_datetime("2027-02-01T09:30");
  m.duration = Minutes{150};
  m.timezone = "America/Chicago";
  m.location = "Courthouse";
  m.agenda = "first-meeting";
  m.status = MeetingStatus::held;
  m.participants = {"judge", "dir"};
  p.meetings = {m};
  p.events = {Event{"kickoff", *parse_date("2027-02-01"), "kickoff", "Started", Json::object()}};
  p.availability = {Availability{"judge",
                                 {Interval{*parse_local_datetime("2027-02-02T08:00"),
                                           *parse_local_datetime("2027-02-02T17:00:15"), Json{{"why", "trial"}}}},
                                 "judge.ics", Json::object()}};
  p.worksheets = {Worksheet{"court", "kickoff", {"a"}, {"b"}, {"c"}, {"d"}, {"e"}, Json::object()}};
  p.ideas = {Idea{"one", "Co-locate staff", "kickoff", Votes{1, 2, 3, 4, Json{{"z", 0}}}, Json::object()}};
  check_round_trip(p);
}

TEST_CASE("save then load gives the same partnership", "[io][roundtrip][save]") {
  Partnership p = load(pt::example("state-cac-voca.json"));
  pt::TempDir dir;
  save(p, dir / "copy.json");
  CHECK(load(dir / "copy.json") == p);
  CHECK(pt::read_text(dir / "copy.json") == dumps(p));
  save(p, dir / "one-line.json", -1);
  CHECK(pt::read_text(dir / "one-line.json") == dumps(p, -1));
  CHECK(load(dir / "one-line.json") == p);
}

TEST_CASE("dumps reports unwritable text as a partnerkit error", "[io][roundtrip]") {
  Partnership p;
  p.name = "bad \xff byte";
  CHECK_THROWS_AS(dumps(p), Error);
  pt::TempDir dir;
  CHECK_THROWS_AS(save(p, dir / "x.json"), Error);
  CHECK(dir.entries().empty());
}

TEST_CASE("values at the edges of their range survive a round trip", "[io][roundtrip]") {
  // Whatever loads must write and load back equal: the text written is what the next reader gets.
  const std::vector<std::string> members{
      R"("start": "0001-01-01")",
      R"("start": "9999-12-31")",
      R"("description": "", "x_empty": "")",
      R"("x_escapes": "quote \" backslash \\ tab \t newline \n bell \u0007 e\u0301 \ud83d\ude00")",
      R"("x_numbers": [0, -0, -0.0, 1e-320, 1.7976931348623157e308, 9223372036854775807, -9223372036854775808,
                       18446744073709551615, 0.1, 123456789.123456789])",
      R"("organizations": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
         "relationships": [{"source": "a", "target": "b", "weight": 1e-320},
                           {"source": "b", "target": "a", "weight": 1.7976931348623157e308},
                           {"source": "a", "target": "b", "weight": 0.1, "level": 0}])",
      R"("meetings": [{"id": "m", "kind": "k", "start": "9999-12-31T23:59:59"},
                      {"id": "n", "kind": "k", "start": "0001-01-01T00:00", "duration": "PT1M"}])",
      R"("meetings": [{"id": "m", "kind": "k", "duration": "P10000000D"}])",
      R"("meetings": [{"id": "m", "kind": "k", "duration": "PT10000000H"}])",
      R"("meetings": [{"id": "m", "kind": "k", "duration": "PT10000000M"}])",
      R"("meetings": [{"id": "m", "kind": "k", "duration": "P10000000DT23H59M"}])",
      R"("meetings": [{"id": "m", "kind": "k", "duration": "P9999999DT9999999H9999999M"}])",
      R"("ideas": [{"id": "i", "text": "t", "votes": {"exciting": 2147483647}}])",
  };
  for (const auto& m : members) {
    INFO(m);
    std::optional<Partnership> p;
    try {
      p = loads(pt::document(m));
    } catch (const ValidationError&) {
      continue;  // refusing a value is fine; loading one that cannot be written back is not
    }
    std::string text;
    CHECK_NOTHROW(text = dumps(*p));
    if (text.empty()) continue;
    CHECK(loads(text) == *p);
    CHECK(dumps(loads(text)) == text);
  }
}

TEST_CASE("a duration that loads can be written back", "[io][roundtrip]") {
  // parse_duration accepts up to 10,000,000 per part, so the total can exceed what the
  // canonical form (at most 10,000,000 days) can write: P9999999DT9999999H9999999M loaded,
  // then dumps() wrote P10423610DT1H39M and refused it.
  std::string text = pt::document(R"("meetings": [{"id": "m", "kind": "k", "duration": "P9999999DT9999999H9999999M"}])");
  try {
    Partnership p = loads(text);
    CHECK(loads(dumps(p)) == p);
  } catch (const ValidationError& e) {
    // Refusing it when loading is the other correct answer.
    CHECK(e.pointer() == "/meetings/0/duration");
  }
}

TEST_CASE("dumps and save refuse a partnership that would not load again", "[io][roundtrip][save]") {
  Partnership p;
  p.name = "Invalid";
  p.organizations.resize(1);
  p.organizations[0].id = "a";
  p.organizations[0].name = "A";
  p.people.resize(1);
  p.people[0].id = "p";
  p.people[0].name = "P";
  p.people[0].organization = "nowhere";
  p.relationships.resize(1);
  p.relationships[0].source = "a";
  p.relationships[0].target = "p";
  p.relationships[0].weight = std::numeric_limits<double>::quiet_NaN();
  try {
    dumps(p);
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(pt::lines(e) == std::vector<std::string>{
                              R"(<dumps>: /people/0/organization: expected a known organization id, got "nowhere")",
                              R"(<dumps>: /relationships/0/weight: expected a number greater than 0, got null)"});
  }
  pt::TempDir dir;
  auto path = dir / "doc.json";
  pt::write_text(path, "previous\n");
  try {
    save(p, path);
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(e.file() == path.string());
    CHECK(e.errors().size() == 2);
  }
  CHECK(pt::read_text(path) == "previous\n");
  CHECK(dir.entries() == std::vector<std::string>{"doc.json"});
  Partnership unnamed;
  CHECK_THROWS_WITH(dumps(unnamed), R"(<dumps>: /name: expected a non-empty string, got "")");
}

TEST_CASE("from_json caps nesting and refuses NUL in text, as loads does", "[io][roundtrip]") {
  Json deep = Json::array();
  for (int i = 0; i < 1000; ++i) deep = Json::array({std::move(deep)});
  Json doc = Json::parse(pt::document());
  doc["x_deep"] = std::move(deep);
  try {
    from_json(doc, "built");
    FAIL("no error");
  } catch (const ValidationError& e) {
    REQUIRE(e.errors().size() == 1);
    CHECK(e.errors()[0].message == "nesting deeper than 256 levels; expected a partnership document");
    CHECK(e.pointer().rfind("/x_deep/0/0/", 0) == 0);
  }
  Json nul = Json::parse(pt::document());
  nul["name"] = std::string("a\0b", 3);
  CHECK_THROWS_WITH(from_json(nul, "built"), R"(built: /name: expected text without NUL characters, got "a\u0000b")");
}
