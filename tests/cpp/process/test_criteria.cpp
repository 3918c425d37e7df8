// Readiness predicates: each one true and false on a small crafted document, with the exact
// sentences it gives when false, and the day rule (only what happened on or before the day counts).
#include <catch2/catch.hpp>

#include <algorithm>

#include "partnerkit/io/document.hpp"
#include "partnerkit/process/criteria.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::process;
namespace pt = partnerkit::test;
using Reasons = std::vector<std::string>;

namespace {

using pt::day;

Partnership doc(std::string_view members = {}) { return loads(pt::document(members), "doc.json"); }

// Evaluates `predicate` with `params` (a JSON object literal) for activity `activity` on day `on`.
CriterionResult check(const Partnership& p, const char* predicate, std::string_view params, std::string_view on,
                      std::string_view activity = "assess-need") {
  Activity a;
  a.id = activity;
  a.name = "The activity";
  return evaluate(Criterion{predicate, Json::parse(params)}, p, a, day(on));
}

// Two core partners and a non-core one; the VOCA administrator has no decision-maker.
const char* const three_orgs = R"(
  "organizations": [
    {"id": "chapter", "name": "Chapter", "category": "cac-chapter", "core": true},
    {"id": "voca", "name": "VOCA", "category": "voca-administrator", "core": true},
    {"id": "dcfs", "name": "DCFS", "category": "child-family-services"}],
  "people": [
    {"id": "ana", "name": "Ana", "organization": "chapter", "decision_maker": true},
    {"id": "bo", "name": "Bo", "organization": "voca"},
    {"id": "cy", "name": "Cy", "organization": "dcfs"}])";

}  // namespace

TEST_CASE("predicate_names lists the closed vocabulary in documentation order, as the template schema does",
          "[process][criteria]") {
  const std::vector<std::string> expected{"event_recorded",       "core_decision_makers", "facilitator_named",
                                          "meeting_planned",      "meeting_held",         "worksheets_complete",
                                          "connecting_call_after", "roster_covers",        "ideas_voted",
                                          "ties_of_kind"};
  CHECK(predicate_names() == expected);
  Json schema = Json::parse(pt::read_text(pt::source_dir() / "data/schema/process-template-1.schema.json"));
  CHECK(schema["definitions"]["criterion"]["properties"]["predicate"]["enum"].get<std::vector<std::string>>() == expected);
}

TEST_CASE("event_recorded: an event of the activity on or before the day", "[process][criteria]") {
  Partnership p = doc(R"("events": [
    {"activity": "first-conversation", "date": "2027-02-24"},
    {"activity": "assess-need", "date": "2027-03-01"}])");

  SECTION("the activity's own event, on its day") {
    auto r = check(p, "event_recorded", "{}", "2027-03-01");
    CHECK(r.predicate == "event_recorded");
    CHECK(r.holds);
    CHECK(r.description == "an event records assess-need");
    CHECK(r.reasons.empty());
  }
  SECTION("an event after the day does not count yet") {
    auto r = check(p, "event_recorded", "{}", "2027-02-28");
    CHECK_FALSE(r.holds);
    CHECK(r.reasons == Reasons{"no event records assess-need on or before 2027-02-28"});
  }
  SECTION("an event of another activity does not count") {
    auto r = check(p, "event_recorded", "{}", "2027-12-31", "consider-facilitator");
    CHECK_FALSE(r.holds);
    CHECK(r.description == "an event records consider-facilitator");
    CHECK(r.reasons == Reasons{"no event records consider-facilitator on or before 2027-12-31"});
  }
  SECTION("the activity parameter names another activity") {
    auto r = check(p, "event_recorded", R"({"activity": "first-conversation"})", "2027-02-24", "set-timeline");
    CHECK(r.holds);
    CHECK(r.description == "an event records first-conversation");
    r = check(p, "event_recorded", R"({"activity": "first-conversation"})", "2027-02-23", "set-timeline");
    CHECK_FALSE(r.holds);
    CHECK(r.reasons == Reasons{"no event records first-conversation on or before 2027-02-23"});
  }
}

TEST_CASE("core_decision_makers: every core organization has a decision-maker", "[process][criteria]") {
  SECTION("VOCA has nobody who decides; the non-core DCFS does not matter") {
    auto r = check(doc(three_orgs), "core_decision_makers", "{}", "2027-04-01");
    CHECK_FALSE(r.holds);
    CHECK(r.description == "each core organization has a decision-maker on the roster");
    CHECK(r.reasons == Reasons{"voca has no decision-maker on the roster"});
  }
  SECTION("one sentence per core organization missing one, in document order") {
    auto r = check(doc(R"(
      "organizations": [{"id": "voca", "name": "VOCA", "core": true}, {"id": "chapter", "name": "Chapter", "core": true}],
      "people": [{"id": "ana", "name": "Ana", "organization": "chapter", "facilitator": true}])"),
                   "core_decision_makers", "{}", "2027-04-01");
    CHECK_FALSE(r.holds);
    CHECK(r.reasons == Reasons{"voca has no decision-maker on the roster", "chapter has no decision-maker on the roster"});
  }
  SECTION("both core organizations have one") {
    auto r = check(doc(R"(
      "organizations": [{"id": "chapter", "name": "Chapter", "core": true}, {"id": "voca", "name": "VOCA", "core": true},
                        {"id": "dcfs", "name": "DCFS"}],
      "people": [{"id": "ana", "name": "Ana", "organization": "chapter", "decision_maker": true},
                 {"id": "bo", "name": "Bo", "organization": "voca"},
                 {"id": "dee", "name": "Dee", "organization": "voca", "decision_maker": true}])"),
                   "core_decision_makers", "{}", "2027-04-01");
    CHECK(r.holds);
    CHECK(r.reasons.empty());
  }
  SECTION("no organization is marked core") {
    auto r = check(doc(R"("organizations": [{"id": "chapter", "name": "Chapter"}],
      "people": [{"id": "ana", "name": "Ana", "organization": "chapter", "decision_maker": true}])"),
                   "core_decision_makers", "{}", "2027-04-01");
    CHECK_FALSE(r.holds);
    CHECK(r.reasons == Reasons{"no organization is marked core"});
    CHECK(check(doc(), "core_decision_makers", "{}", "2027-04-01").reasons == Reasons{"no organization is marked core"});
  }
}

TEST_CASE("facilitator_named: a person marked facilitator or of a facilitator organization", "[process][criteria]") {
  const Reasons none{"no facilitator is named (a person marked facilitator, or of an organization of category facilitator)"};
  SECTION("nobody") {
    auto r = check(doc(three_orgs), "facilitator_named", "{}", "2027-04-01");
    CHECK_FALSE(r.holds);
    CHECK(r.description == "a facilitator is named");
    CHECK(r.reasons == none);
  }
  SECTION("a facilitator organization with nobody on the roster names nobody") {
    auto r = check(doc(R"("organizations": [{"id": "chapter", "name": "Chapter"}, {"id": "tta", "name": "TTA", "category": "facilitator"}],
      "people": [{"id": "ana", "name": "Ana", "organization": "chapter"}])"),
                   "facilitator_named", "{}", "2027-04-01");
    CHECK_FALSE(r.holds);
    CHECK(r.reasons == none);
  }
  SECTION("a person marked facilitator") {
    auto r = check(doc(R"("organizations": [{"id": "chapter", "name": "Chapter"}],
      "people": [{"id": "ana", "name": "Ana", "organization": "chapter", "facilitator": true}])"),
                   "facilitator_named", "{}", "2027-04-01");
    CHECK(r.holds);
    CHECK(r.reasons.empty());
  }
  SECTION("a person of an organization of category facilitator") {
    auto r = check(doc(R"("organizations": [{"id": "tta", "name": "TTA", "category": "facilitator"}],
      "people": [{"id": "kai", "name": "Kai", "organization": "tta"}])"),
                   "facilitator_named", "{}", "2027-04-01");
    CHECK(r.holds);
  }
}

TEST_CASE("meeting_planned: meetings of a kind with a start, not cancelled", "[process][criteria]") {
  Partnership p = doc(R"("meetings": [
    {"id": "ip1", "kind": "in-person", "start": "2027-05-11T09:00"},
    {"id": "ip2", "kind": "in-person", "start": "2027-06-22T09:00", "status": "cancelled"},
    {"id": "ip3", "kind": "in-person"},
    {"id": "call", "kind": "planning-call", "start": "2027-04-13T10:00", "status": "held"}])");

  SECTION("a meeting planned for later counts: planning is about the future") {
    auto r = check(p, "meeting_planned", R"({"kind": "in-person"})", "2027-04-01");
    CHECK(r.holds);
    CHECK(r.description == "1 in-person meeting planned");
  }
  SECTION("neither a cancelled meeting nor one without a start counts") {
    auto r = check(p, "meeting_planned", R"({"kind": "in-person", "count": 2})", "2027-04-01");
    CHECK_FALSE(r.holds);
    CHECK(r.description == "2 in-person meetings planned");
    CHECK(r.reasons == Reasons{"1 in-person meeting planned, 2 needed"});
  }
  SECTION("a held meeting was planned") {
    CHECK(check(p, "meeting_planned", R"({"kind": "planning-call"})", "2027-04-01").holds);
  }
  SECTION("no meeting of the kind") {
    auto r = check(p, "meeting_planned", R"({"kind": "retreat"})", "2027-04-01");
    CHECK_FALSE(r.holds);
    CHECK(r.reasons == Reasons{"0 retreat meetings planned, 1 needed"});
  }
}

TEST_CASE("meeting_held: meetings of a kind held on or before the day", "[process][criteria]") {
  Partnership p = doc(R"("meetings": [
    {"id": "call", "kind": "planning-call", "start": "2027-04-13T10:00", "status": "held"},
    {"id": "call-2", "kind": "planning-call", "start": "2027-04-01T10:00"},
    {"id": "call-3", "kind": "planning-call", "start": "2027-03-01T10:00", "status": "cancelled"},
    {"id": "undated", "kind": "retreat", "status": "held"}])");

  SECTION("held on the day itself") {
    auto r = check(p, "meeting_held", R"({"kind": "planning-call"})", "2027-04-13");
    CHECK(r.holds);
    CHECK(r.description == "1 planning-call meeting held");
    CHECK(r.reasons.empty());
  }
  SECTION("a meeting marked held but starting after the day does not count yet") {
    auto r = check(p, "meeting_held", R"({"kind": "planning-call"})", "2027-04-12");
    CHECK_FALSE(r.holds);
    CHECK(r.reasons == Reasons{"0 planning-call meetings held by 2027-04-12, 1 needed"});
  }
  SECTION("planned and cancelled meetings are not held, even when their day has passed") {
    auto r = check(p, "meeting_held", R"({"kind": "planning-call", "count": 2})", "2027-12-31");
    CHECK_FALSE(r.holds);
    CHECK(r.description == "2 planning-call meetings held");
    CHECK(r.reasons == Reasons{"1 planning-call meeting held by 2027-12-31, 2 needed"});
  }
  SECTION("a held meeting without a start counts") {
    CHECK(check(p, "meeting_held", R"({"kind": "retreat"})", "2027-01-01").holds);
  }
}

TEST_CASE("worksheets_complete: every organization at the meeting but the facilitator's has a worksheet",
          "[process][criteria]") {
  // Kai is marked facilitator; Fay belongs to a facilitator organization. Neither fills a worksheet.
  const std::string parties = R"(
    "organizations": [
      {"id": "chapter", "name": "Chapter"}, {"id": "voca", "name": "VOCA"},
      {"id": "tta", "name": "TTA", "category": "facilitator"}, {"id": "regional", "name": "Regional CAC"}],
    "people": [
      {"id": "ana", "name": "Ana", "organization": "chapter"}, {"id": "al", "name": "Al", "organization": "chapter"},
      {"id": "bo", "name": "Bo", "organization": "voca"},
      {"id": "kai", "name": "Kai", "organization": "regional", "facilitator": true},
      {"id": "fay", "name": "Fay", "organization": "tta"}])";
  // Listed out of order: ip1 is the first in-person meeting by start time; the cancelled one is skipped.
  const std::string meetings = R"(,
    "meetings": [
      {"id": "ip2", "kind": "in-person", "start": "2027-06-22T09:00", "status": "held", "participants": ["ana", "bo"]},
      {"id": "ip0", "kind": "in-person", "start": "2027-04-01T09:00", "status": "cancelled", "participants": ["ana"]},
      {"id": "ip1", "kind": "in-person", "start": "2027-05-11T09:00", "status": "held",
       "participants": ["kai", "ana", "al", "fay", "bo"]},
      {"id": "empty", "kind": "retreat", "start": "2027-05-01T09:00", "status": "held"}])";

  SECTION("VOCA's worksheet is missing; the facilitators need none") {
    Partnership p = doc(parties + meetings + R"(, "worksheets": [
      {"organization": "chapter", "session": "ip1"}, {"organization": "voca", "session": "ip2"}])");
    auto r = check(p, "worksheets_complete", "{}", "2027-07-01");
    CHECK_FALSE(r.holds);
    CHECK(r.description == "every organization at in-person meeting #1 (but the facilitator's) has a worksheet for it");
    CHECK(r.reasons == Reasons{"voca has no worksheet for ip1"});
  }
  SECTION("one sentence per organization, in the order its people are listed at the meeting") {
    Partnership p = doc(parties + meetings);
    auto r = check(p, "worksheets_complete", "{}", "2027-07-01");
    CHECK(r.reasons == Reasons{"chapter has no worksheet for ip1", "voca has no worksheet for ip1"});
  }
  SECTION("complete") {
    Partnership p = doc(parties + meetings + R"(, "worksheets": [
      {"organization": "voca", "session": "ip1"}, {"organization": "chapter", "session": "ip1"}])");
    auto r = check(p, "worksheets_complete", "{}", "2027-07-01");
    CHECK(r.holds);
    CHECK(r.reasons.empty());
    // The second meeting is another session: nobody has a worksheet for it.
    r = check(p, "worksheets_complete", R"({"kind": "in-person", "nth": 2})", "2027-07-01");
    CHECK_FALSE(r.holds);
    CHECK(r.description == "every organization at in-person meeting #2 (but the facilitator's) has a worksheet for it");
    CHECK(r.reasons == Reasons{"chapter has no worksheet for ip2", "voca has no worksheet for ip2"});
  }
  SECTION("no such meeting, or one without participants") {
    Partnership p = doc(parties + meetings);
    CHECK(check(p, "worksheets_complete", R"({"nth": 3})", "2027-07-01").reasons ==
          Reasons{"there is no in-person meeting #3 with a start time"});
    CHECK(check(p, "worksheets_complete", R"({"kind": "connecting-call"})", "2027-07-01").reasons ==
          Reasons{"there is no connecting-call meeting #1 with a start time"});
    auto r = check(p, "worksheets_complete", R"({"kind": "retreat"})", "2027-07-01");
    CHECK_FALSE(r.holds);
    CHECK(r.reasons == Reasons{"empty lists no participants"});
  }
}

// Library bug: worksheets_complete ignores the day rule. Worksheets for a meeting that has not
// taken place yet make it hold, so the quadrant worksheet activity shows done before the first
// in-person meeting (state-cac-voca on 2027-05-01). Proposed fix in src/process/criteria.cpp:
// after picking the Nth meeting, `if (!held_by(m, on)) fail(m.id + " has not been held by " + format_date(on));`.
TEST_CASE("worksheets_complete: worksheets for a meeting after the day do not count yet", "[process][criteria][day-rule]") {
  Partnership p = doc(R"(
    "organizations": [{"id": "chapter", "name": "Chapter"}, {"id": "voca", "name": "VOCA"}],
    "people": [{"id": "ana", "name": "Ana", "organization": "chapter"}, {"id": "bo", "name": "Bo", "organization": "voca"}],
    "meetings": [{"id": "ip1", "kind": "in-person", "start": "2027-05-11T09:00", "status": "held", "participants": ["ana", "bo"]}],
    "worksheets": [{"organization": "chapter", "session": "ip1"}, {"organization": "voca", "session": "ip1"}])");
  CHECK(check(p, "worksheets_complete", "{}", "2027-05-11").holds);
  auto r = check(p, "worksheets_complete", "{}", "2027-05-01");
  CHECK_FALSE(r.holds);
  CHECK_THAT(r.reasons, Catch::Matchers::VectorContains(std::string("ip1 has not been held by 2027-05-01")));
}

TEST_CASE("connecting_call_after: a connecting call within the window after each held in-person meeting",
          "[process][criteria]") {
  const std::string in_person = R"(
    {"id": "ip1", "kind": "in-person", "start": "2027-05-11T09:00", "status": "held"},
    {"id": "ip2", "kind": "in-person", "start": "2027-06-22T09:00", "status": "held"})";
  auto with_calls = [&](std::string_view calls) {
    return doc(R"("meetings": [)" + in_person + (calls.empty() ? "" : ", ") + std::string(calls) + "]");
  };

  SECTION("a call 21 days after each meeting") {
    Partnership p = with_calls(R"(
      {"id": "cc1", "kind": "connecting-call", "start": "2027-06-01T10:00", "status": "held"},
      {"id": "cc2", "kind": "connecting-call", "start": "2027-07-13T10:00", "status": "held"})");
    auto r = check(p, "connecting_call_after", "{}", "2027-09-01");
    CHECK(r.holds);
    CHECK(r.description == "a connecting call is held within 28 days after each in-person meeting");
    CHECK(r.reasons.empty());
  }
  SECTION("no in-person meeting held yet") {
    auto r = check(with_calls(""), "connecting_call_after", "{}", "2027-05-10");
    CHECK_FALSE(r.holds);
    CHECK(r.reasons == Reasons{"no in-person meeting has been held by 2027-05-10"});
  }
  SECTION("a meeting less than `days` ago is not yet a failure") {
    Partnership p = with_calls("");
    CHECK(check(p, "connecting_call_after", "{}", "2027-05-11").holds);
    CHECK(check(p, "connecting_call_after", "{}", "2027-06-07").holds);  // 27 days after
    auto r = check(p, "connecting_call_after", "{}", "2027-06-09");      // 29 days after
    CHECK_FALSE(r.holds);
    CHECK(r.reasons == Reasons{"no connecting call was held within 28 days after ip1 (2027-05-11)"});
  }
  SECTION("a call on the 28th day counts; a call on the 29th, a planned one or one the same day does not") {
    CHECK(check(with_calls(R"({"id": "cc", "kind": "connecting-call", "start": "2027-06-08T10:00", "status": "held"})"),
                "connecting_call_after", "{}", "2027-06-20")
              .holds);
    for (const char* call : {R"({"id": "cc", "kind": "connecting-call", "start": "2027-06-09T10:00", "status": "held"})",
                             R"({"id": "cc", "kind": "connecting-call", "start": "2027-06-01T10:00"})",
                             R"({"id": "cc", "kind": "connecting-call", "start": "2027-05-11T16:00", "status": "held"})"}) {
      INFO(call);
      auto r = check(with_calls(call), "connecting_call_after", "{}", "2027-06-20");
      CHECK_FALSE(r.holds);
      CHECK(r.reasons == Reasons{"no connecting call was held within 28 days after ip1 (2027-05-11)"});
    }
  }
  SECTION("every meeting whose window has passed is checked; a shorter window by parameter") {
    Partnership p = with_calls(R"({"id": "cc1", "kind": "connecting-call", "start": "2027-06-01T10:00", "status": "held"})");
    auto r = check(p, "connecting_call_after", "{}", "2027-08-01");
    CHECK(r.reasons == Reasons{"no connecting call was held within 28 days after ip2 (2027-06-22)"});
    r = check(p, "connecting_call_after", R"({"days": 14})", "2027-08-01");
    CHECK_FALSE(r.holds);
    CHECK(r.description == "a connecting call is held within 14 days after each in-person meeting");
    CHECK(r.reasons == Reasons{"no connecting call was held within 14 days after ip1 (2027-05-11)",
                               "no connecting call was held within 14 days after ip2 (2027-06-22)"});
  }
}

TEST_CASE("roster_covers: each category has an organization with someone on the roster", "[process][criteria]") {
  SECTION("VOCA is an organization but nobody from it is on the roster") {
    Partnership p = doc(R"(
      "organizations": [{"id": "chapter", "name": "Chapter", "category": "cac-chapter"},
                        {"id": "voca", "name": "VOCA", "category": "voca-administrator"}],
      "people": [{"id": "ana", "name": "Ana", "organization": "chapter"}])");
    auto r = check(p, "roster_covers", R"({"categories": ["cac-chapter", "voca-administrator"]})", "2027-04-01");
    CHECK_FALSE(r.holds);
    CHECK(r.description == "the roster covers cac-chapter, voca-administrator");
    CHECK(r.reasons == Reasons{"no organization of category voca-administrator has anyone on the roster"});
  }
  SECTION("one sentence per category, in parameter order") {
    auto r = check(doc(), "roster_covers", R"({"categories": ["voca-administrator", "childrens-justice-task-force"]})",
                   "2027-04-01");
    CHECK(r.reasons == Reasons{"no organization of category voca-administrator has anyone on the roster",
                               "no organization of category childrens-justice-task-force has anyone on the roster"});
  }
  SECTION("a second organization of the category covers it") {
    Partnership p = doc(R"(
      "organizations": [{"id": "chapter", "name": "Chapter", "category": "cac-chapter"},
                        {"id": "voca", "name": "VOCA", "category": "voca-administrator"},
                        {"id": "voca-2", "name": "VOCA field office", "category": "voca-administrator"}],
      "people": [{"id": "ana", "name": "Ana", "organization": "chapter"}, {"id": "bo", "name": "Bo", "organization": "voca-2"}])");
    auto r = check(p, "roster_covers", R"({"categories": ["cac-chapter", "voca-administrator"]})", "2027-04-01");
    CHECK(r.holds);
    CHECK(r.reasons.empty());
  }
}

TEST_CASE("ideas_voted: ideas carrying a vote; an idea from a session counts once the meeting is held",
          "[process][criteria]") {
  Partnership p = doc(R"(
    "meetings": [{"id": "ip2", "kind": "in-person", "start": "2027-06-22T09:00", "status": "held"},
                 {"id": "ip3", "kind": "in-person", "start": "2027-05-01T09:00"}],
    "ideas": [
      {"id": "i1", "text": "Quarterly calls", "votes": {"better": 1}},
      {"id": "i2", "text": "No votes yet"},
      {"id": "i3", "text": "Joint training", "session": "ip2", "votes": {"dots": 2}},
      {"id": "i4", "text": "Shared map", "session": "ip2", "votes": {"doable": 3}},
      {"id": "i5", "text": "Never held", "session": "ip3", "votes": {"exciting": 4}},
      {"id": "i6", "text": "Zeros", "votes": {"exciting": 0, "better": 0, "doable": 0, "dots": 0}}])");

  SECTION("after the session: i1, i3 and i4") {
    auto r = check(p, "ideas_voted", R"({"count": 3})", "2027-06-22");
    CHECK(r.holds);
    CHECK(r.description == "3 ideas with votes");
    CHECK(r.reasons.empty());
  }
  SECTION("an idea from a session never held does not count; before the session only the idea without one does") {
    auto r = check(p, "ideas_voted", R"({"count": 4})", "2027-12-31");
    CHECK_FALSE(r.holds);
    CHECK(r.reasons == Reasons{"3 ideas carry votes, 4 needed"});
    r = check(p, "ideas_voted", "{}", "2027-01-01");
    CHECK(r.holds);
    CHECK(r.description == "1 idea with votes");
  }
  SECTION("none") {
    auto r = check(doc(), "ideas_voted", R"({"count": 2})", "2027-12-31");
    CHECK_FALSE(r.holds);
    CHECK(r.reasons == Reasons{"0 ideas carry votes, 2 needed"});
  }
}

// Library bug (message grammar): with exactly one voted idea the sentence reads "1 idea carry
// votes, 3 needed". Proposed fix in src/process/criteria.cpp: `(n == 1 ? " carries" : " carry")`.
TEST_CASE("ideas_voted: one idea carries votes", "[process][criteria]") {
  Partnership p = doc(R"("ideas": [{"id": "i1", "text": "Quarterly calls", "votes": {"exciting": 1}}])");
  auto r = check(p, "ideas_voted", R"({"count": 3})", "2027-06-21");
  CHECK_FALSE(r.holds);
  CHECK(r.reasons == Reasons{"1 idea carries votes, 3 needed"});
}

TEST_CASE("ties_of_kind: relationships of a kind observed on or before the day", "[process][criteria]") {
  Partnership p = doc(R"(
    "organizations": [{"id": "chapter", "name": "Chapter"}, {"id": "voca", "name": "VOCA"}, {"id": "dcfs", "name": "DCFS"}],
    "relationships": [
      {"source": "dcfs", "target": "chapter", "kind": "information-sharing", "observed": "2027-03-04"},
      {"source": "voca", "target": "chapter", "kind": "information-sharing"},
      {"source": "voca", "target": "dcfs", "kind": "information-sharing", "observed": "2027-07-01"},
      {"source": "chapter", "target": "voca", "kind": "communication", "observed": "2027-01-01"}])");

  SECTION("observed on the day, and a tie without a day") {
    auto r = check(p, "ties_of_kind", R"({"kind": "information-sharing", "count": 2})", "2027-03-04");
    CHECK(r.holds);
    CHECK(r.description == "2 information-sharing ties");
    CHECK(r.reasons.empty());
  }
  SECTION("a tie observed after the day does not count yet") {
    auto r = check(p, "ties_of_kind", R"({"kind": "information-sharing", "count": 2})", "2027-03-03");
    CHECK_FALSE(r.holds);
    CHECK(r.reasons == Reasons{"1 information-sharing tie recorded, 2 needed"});
    CHECK(check(p, "ties_of_kind", R"({"kind": "information-sharing", "count": 3})", "2027-07-01").holds);
  }
  SECTION("no tie of the kind") {
    auto r = check(p, "ties_of_kind", R"({"kind": "joint-work"})", "2027-12-31");
    CHECK_FALSE(r.holds);
    CHECK(r.description == "1 joint-work tie");
    CHECK(r.reasons == Reasons{"0 joint-work ties recorded, 1 needed"});
  }
}

TEST_CASE("evaluate rejects an unknown predicate and a missing required parameter", "[process][criteria]") {
  Partnership p = doc();
  Activity a;
  a.id = "assess-need";
  auto error_of = [&](Criterion c) -> std::vector<std::string> {
    try {
      evaluate(c, p, a, day("2027-04-01"));
    } catch (const ValidationError& e) {
      CHECK(e.file() == "<template>");
      CHECK(e.pointer().empty());
      return pt::lines(e);
    }
    FAIL("expected ValidationError");
    return {};
  };
  CHECK(error_of({"moon_phase", Json::object()}) == Reasons{R"(<template>: /: expected a known predicate, got "moon_phase")"});
  CHECK(error_of({"meeting_held", Json::object()}) == Reasons{R"(<template>: /: meeting_held needs the parameter "kind")"});
  CHECK(error_of({"meeting_planned", Json::object()}) == Reasons{R"(<template>: /: meeting_planned needs the parameter "kind")"});
  CHECK(error_of({"ties_of_kind", Json{{"count", 2}}}) == Reasons{R"(<template>: /: ties_of_kind needs the parameter "kind")"});
  CHECK(error_of({"roster_covers", Json::object()}) == Reasons{R"(<template>: /: roster_covers needs the parameter "categories")"});
}
