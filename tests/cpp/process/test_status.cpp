// Status under the built-in building-partnership template: each stage's outcome on crafted
// documents, next steps, notes, the JSON form, and both examples on fixed days.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "partnerkit/io/document.hpp"
#include "partnerkit/process/status.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::process;
namespace pt = partnerkit::test;
using Strings = std::vector<std::string>;

namespace {

using pt::day;

// Optional days and texts as text, so failures print readably.
std::string text(const std::optional<Date>& d) { return d ? format_date(*d) : "none"; }
std::string text(const std::optional<std::string>& s) { return s ? *s : "none"; }

const Template& toolkit() { return builtin_template("building-partnership"); }

Status status_of(std::string_view members, std::string_view on) {
  return status(loads(pt::document(members), "doc.json"), toolkit(), day(on));
}

const ActivityStatus& activity(const Status& s, std::string_view id) {
  auto it = std::find_if(s.activities.begin(), s.activities.end(), [&](const ActivityStatus& a) { return a.id == id; });
  REQUIRE(it != s.activities.end());
  return *it;
}

const StageStatus& stage(const Status& s, std::string_view id) {
  auto it = std::find_if(s.stages.begin(), s.stages.end(), [&](const StageStatus& st) { return st.id == id; });
  REQUIRE(it != s.stages.end());
  return *it;
}

std::string state(const Status& s, std::string_view id) { return to_string(activity(s, id).state); }

Strings step_activities(const Status& s) {
  Strings out;
  for (const auto& step : s.next_steps) out.push_back(step.activity);
  return out;
}

// "done/total" for each stage, in order.
Strings progress(const Status& s) {
  Strings out;
  for (const auto& st : s.stages) out.push_back(st.id + " " + std::to_string(st.done) + "/" + std::to_string(st.total));
  return out;
}

// The action of a due step: the activity's name and description.
std::string plain_action(std::string_view id) {
  const Activity* a = toolkit().find_activity(id);
  REQUIRE(a);
  return a->name + ": " + a->description;
}

// Both core partners, a facilitator; `voca_decides` says whether VOCA's person is a decision-maker.
std::string parties(bool voca_decides = true, bool facilitator = true) {
  std::string people = R"({"id": "ana", "name": "Ana", "organization": "chapter", "decision_maker": true},
      {"id": "bo", "name": "Bo", "organization": "voca", "decision_maker": )" +
                       std::string(voca_decides ? "true" : "false") + "}";
  if (facilitator) people += R"(, {"id": "kai", "name": "Kai", "organization": "tta", "facilitator": true})";
  return R"("start": "2027-04-05",
    "organizations": [
      {"id": "chapter", "name": "Chapter", "category": "cac-chapter", "core": true},
      {"id": "voca", "name": "VOCA", "category": "voca-administrator", "core": true},
      {"id": "tta", "name": "TTA center", "category": "consultant"}],
    "people": [)" + people + "]";
}

// Events of the first four activities of getting started, then of all five.
const std::string first_four_events = R"(
    {"activity": "assess-need", "date": "2027-02-15"},
    {"activity": "first-conversation", "date": "2027-02-24"},
    {"activity": "consider-facilitator", "date": "2027-03-03"},
    {"activity": "who-to-include", "date": "2027-03-10"})";
const std::string getting_started_events = first_four_events + R"(,
    {"activity": "invite-with-intention", "date": "2027-03-22"})";

// The whole process: planning call, two in-person meetings with connecting calls after each,
// worksheets, voted ideas from the second session, a vision, ongoing calls and a retreat planned.
std::string whole_process() {
  return parties() + R"(,
    "meetings": [
      {"id": "plan", "kind": "planning-call", "start": "2027-04-13T10:00", "status": "held", "participants": ["ana", "bo", "kai"]},
      {"id": "ip1", "kind": "in-person", "start": "2027-05-11T09:00", "status": "held", "participants": ["ana", "bo", "kai"]},
      {"id": "cc1", "kind": "connecting-call", "start": "2027-06-01T10:00", "status": "held"},
      {"id": "ip2", "kind": "in-person", "start": "2027-06-22T09:00", "status": "held", "participants": ["ana", "bo", "kai"]},
      {"id": "cc2", "kind": "connecting-call", "start": "2027-07-13T10:00", "status": "held"},
      {"id": "r1", "kind": "retreat", "start": "2028-01-10T09:00"}],
    "events": [)" + getting_started_events + R"(,
      {"activity": "planning-call", "date": "2027-04-13", "meeting": "plan"},
      {"activity": "strategic-vision", "date": "2027-06-22", "meeting": "ip2"},
      {"activity": "ongoing-calls", "date": "2027-07-13", "meeting": "cc2"}],
    "worksheets": [{"organization": "chapter", "session": "ip1"}, {"organization": "voca", "session": "ip1"}],
    "ideas": [
      {"id": "i1", "text": "Quarterly calls", "session": "ip2", "votes": {"exciting": 3}},
      {"id": "i2", "text": "Joint training", "session": "ip2", "votes": {"dots": 2}},
      {"id": "i3", "text": "Service gap map", "session": "ip2", "votes": {"doable": 1}}])";
}

}  // namespace

TEST_CASE("status of a document with nothing recorded", "[process][status]") {
  Status s = status_of("", "2027-03-01");
  CHECK(format_date(s.on) == "2027-03-01");
  CHECK(s.template_id == "building-partnership");
  CHECK(s.current_stage == "getting-started");
  CHECK(progress(s) == Strings{"getting-started 0/5", "planning-and-preparation 0/3", "coming-together 0/8",
                               "staying-connected 0/1", "coming-together-again 0/5", "sustaining-partnership 0/2"});
  CHECK(s.activities.size() == 24);
  for (const auto& st : s.stages) CHECK(st.percent_complete == 0.0);

  const auto& assess = activity(s, "assess-need");
  CHECK(assess.stage == "getting-started");
  CHECK(assess.name == "Assess the need");
  CHECK(to_string(assess.state) == std::string("due"));
  CHECK(assess.reasons.empty());
  CHECK(text(assess.due) == "none");
  CHECK(text(assess.done_on) == "none");
  CHECK(text(assess.question_set) == "assess-need");
  CHECK(text(assess.meeting) == "none");

  CHECK(state(s, "who-to-include") == "blocked");
  CHECK(activity(s, "who-to-include").reasons ==
        Strings{"no organization of category cac-chapter has anyone on the roster",
                "no organization of category voca-administrator has anyone on the roster"});
  // Without a start day the due rule cannot be placed.
  CHECK(state(s, "invite-with-intention") == "blocked");
  CHECK(text(activity(s, "invite-with-intention").due) == "none");
  CHECK(activity(s, "invite-with-intention").reasons == Strings{"waits for Decide who to include (not done)"});
  CHECK(activity(s, "planning-call").reasons == Strings{"waits for Invite with intention (not done)"});
  CHECK(activity(s, "quadrant-worksheets").reasons == Strings{"there is no in-person meeting #1 with a start time"});

  // Next steps: what unblocks the current stage, then what is due in order.
  REQUIRE(s.next_steps.size() == 5);
  const NextStep& first = s.next_steps[0];
  CHECK(first.activity == "who-to-include");
  CHECK(first.stage == "getting-started");
  CHECK(first.action ==
        "Before Decide who to include: no organization of category cac-chapter has anyone on the roster; "
        "no organization of category voca-administrator has anyone on the roster");
  CHECK(text(first.question_set) == "who-to-include");
  CHECK(text(first.meeting) == "none");
  CHECK(text(first.due) == "none");
  CHECK_FALSE(first.overdue);
  Strings due_steps;
  for (const auto& step : s.next_steps)
    if (step.action.rfind("Before ", 0) != 0) {
      due_steps.push_back(step.activity);
      CHECK(step.action == plain_action(step.activity));
      CHECK_FALSE(step.overdue);
    }
  REQUIRE(due_steps.size() >= 3);
  CHECK(Strings(due_steps.begin(), due_steps.begin() + 3) == Strings{"assess-need", "first-conversation", "consider-facilitator"});
  CHECK(s.notes.empty());
}

TEST_CASE("status through getting started: events, and the day rule", "[process][status]") {
  const std::string members = parties() + R"(, "events": [)" + getting_started_events + "]";

  SECTION("all five events recorded") {
    Status s = status_of(members, "2027-04-01");
    CHECK(s.current_stage == "planning-and-preparation");
    CHECK(stage(s, "getting-started").done == 5);
    CHECK(stage(s, "getting-started").percent_complete == 100.0);
    CHECK(stage(s, "planning-and-preparation").percent_complete == 0.0);
    CHECK(text(activity(s, "assess-need").done_on) == "2027-02-15");
    CHECK(text(activity(s, "who-to-include").done_on) == "2027-03-10");
    CHECK(state(s, "invite-with-intention") == "done");
    CHECK(text(activity(s, "invite-with-intention").due) == "2027-04-05");  // start + 0
    CHECK(activity(s, "invite-with-intention").reasons.empty());

    CHECK(state(s, "set-timeline") == "due");
    CHECK(activity(s, "set-timeline").reasons ==
          Strings{"0 in-person meetings planned, 2 needed", "0 planning-call meetings planned, 1 needed"});
    const auto& call = activity(s, "planning-call");
    CHECK(to_string(call.state) == std::string("due"));
    CHECK(text(call.due) == "2027-04-19");  // start + 14
    CHECK(call.reasons == Strings{"0 planning-call meetings held by 2027-04-01, 1 needed"});
    CHECK(text(call.meeting) == "none");
    // First in-person waits for the planning call; that is no step yet (not the current stage).
    CHECK(activity(s, "first-in-person").reasons == Strings{"waits for Initial planning call (not done)"});
    CHECK(step_activities(s) == Strings{"set-timeline", "planning-call", "set-agenda", "ground-rules", "framing"});
    CHECK(s.next_steps[1].action == plain_action("planning-call"));
    CHECK(text(s.next_steps[1].due) == "2027-04-19");
    CHECK(text(s.next_steps[1].question_set) == "planning-call");
    CHECK(s.notes.empty());
  }
  SECTION("events after the day do not count") {
    Status s = status_of(members, "2027-03-09");
    CHECK(s.current_stage == "getting-started");
    CHECK(stage(s, "getting-started").done == 3);
    CHECK(stage(s, "getting-started").percent_complete == 60.0);
    CHECK(state(s, "who-to-include") == "due");
    CHECK(activity(s, "who-to-include").reasons == Strings{"no event records who-to-include on or before 2027-03-09"});
    CHECK(text(activity(s, "who-to-include").done_on) == "none");
    CHECK(state(s, "invite-with-intention") == "blocked");
  }
}

TEST_CASE("status: overdue when the due day has passed, first among the next steps", "[process][status]") {
  // The invitation is not recorded; it is due on the start day.
  const std::string members = parties() + R"(, "events": [)" + first_four_events + "]";

  Status on_time = status_of(members, "2027-04-05");
  CHECK(state(on_time, "invite-with-intention") == "due");
  CHECK(activity(on_time, "invite-with-intention").reasons.empty());
  CHECK_FALSE(on_time.next_steps.front().overdue);

  Status late = status_of(members, "2027-04-06");
  CHECK(state(late, "invite-with-intention") == "overdue");
  CHECK(late.current_stage == "getting-started");
  REQUIRE_FALSE(late.next_steps.empty());
  const NextStep& step = late.next_steps.front();
  CHECK(step.activity == "invite-with-intention");
  CHECK(step.overdue);
  CHECK(text(step.due) == "2027-04-05");
  CHECK(step.action == plain_action("invite-with-intention"));
  CHECK(text(step.question_set) == "invite-with-intention");

  SECTION("several overdue: by due day, before anything else") {
    // The planning call was never held and the first in-person meeting is past but not marked held.
    const std::string more = parties() + R"(, "events": [)" + getting_started_events + R"(],
      "meetings": [{"id": "ip1", "kind": "in-person", "start": "2027-05-11T09:00"},
                   {"id": "ip2", "kind": "in-person", "start": "2027-06-22T09:00"},
                   {"id": "plan", "kind": "planning-call", "start": "2027-04-13T10:00"}])";
    Status s = status_of(more, "2027-05-20");
    CHECK(s.current_stage == "planning-and-preparation");
    CHECK(state(s, "planning-call") == "overdue");
    CHECK(state(s, "first-in-person") == "blocked");  // blocked is never overdue
    CHECK(state(s, "ground-rules") == "overdue");
    CHECK(step_activities(s) == Strings{"planning-call", "ground-rules", "framing", "introductions", "agency-introductions"});
    for (const auto& st : s.next_steps) CHECK(st.overdue);
    CHECK(text(s.next_steps[0].due) == "2027-04-19");
    CHECK(text(s.next_steps[0].meeting) == "plan");
    CHECK(text(s.next_steps[1].due) == "2027-05-11");
    CHECK(text(s.next_steps[1].meeting) == "ip1");
  }
}

TEST_CASE("status: planning call held, first in-person planned, VOCA has no decision-maker", "[process][status]") {
  auto members = [](bool voca_decides, bool facilitator) {
    return parties(voca_decides, facilitator) + R"(,
      "meetings": [
        {"id": "plan", "kind": "planning-call", "start": "2027-04-13T10:00", "status": "held", "participants": ["ana", "bo"]},
        {"id": "ip1", "kind": "in-person", "start": "2027-05-11T09:00", "participants": ["ana", "bo"]},
        {"id": "ip2", "kind": "in-person", "start": "2027-06-22T09:00", "participants": ["ana", "bo"]}],
      "events": [)" + getting_started_events + R"(,
        {"activity": "planning-call", "date": "2027-04-13", "meeting": "plan"}])";
  };

  SECTION("first in-person blocked, and the step that unblocks it comes first") {
    Status s = status_of(members(false, true), "2027-04-20");
    CHECK(stage(s, "planning-and-preparation").percent_complete == 100.0);
    CHECK(s.current_stage == "coming-together");
    const auto& first = activity(s, "first-in-person");
    CHECK(to_string(first.state) == std::string("blocked"));
    CHECK(first.reasons == Strings{"voca has no decision-maker on the roster"});
    CHECK(text(first.due) == "2027-05-11");
    CHECK(text(first.meeting) == "ip1");
    REQUIRE_FALSE(s.next_steps.empty());
    const NextStep& step = s.next_steps.front();
    CHECK(step.activity == "first-in-person");
    CHECK(step.stage == "coming-together");
    CHECK(step.action == "Before First in-person meeting: voca has no decision-maker on the roster");
    CHECK(text(step.meeting) == "ip1");
    CHECK(text(step.due) == "2027-05-11");
    CHECK(text(step.question_set) == "none");
    CHECK_FALSE(step.overdue);
    CHECK(step_activities(s) == Strings{"first-in-person", "ground-rules", "framing", "introductions", "agency-introductions"});
    // The other activities of the meeting are due, not blocked.
    CHECK(state(s, "ground-rules") == "due");
    CHECK(activity(s, "ground-rules").reasons == Strings{"0 in-person meetings held by 2027-04-20, 1 needed"});
    CHECK(text(activity(s, "ground-rules").meeting) == "ip1");
  }
  SECTION("no facilitator either: both reasons, joined") {
    Status s = status_of(members(false, false), "2027-04-20");
    CHECK(activity(s, "first-in-person").reasons ==
          Strings{"voca has no decision-maker on the roster",
                  "no facilitator is named (a person marked facilitator, or of an organization of category facilitator)"});
    CHECK(s.next_steps.front().action ==
          "Before First in-person meeting: voca has no decision-maker on the roster; "
          "no facilitator is named (a person marked facilitator, or of an organization of category facilitator)");
  }
  SECTION("with a VOCA decision-maker it is due") {
    Status s = status_of(members(true, true), "2027-04-20");
    CHECK(state(s, "first-in-person") == "due");
    CHECK(activity(s, "first-in-person").reasons == Strings{"0 in-person meetings held by 2027-04-20, 1 needed"});
    CHECK(step_activities(s) == Strings{"first-in-person", "ground-rules", "framing", "introductions", "agency-introductions"});
    CHECK(s.next_steps.front().action == plain_action("first-in-person"));
  }
}

TEST_CASE("status: percent complete per stage and the current stage advancing", "[process][status]") {
  const std::string members = whole_process();
  struct Expected {
    const char* on;
    const char* current;
    Strings progress;  // "?" for a stage not checked that day
  };
  const std::vector<Expected> days{
      // Meetings in the document count as planned whatever the day: the timeline, the agenda
      // and the retreat are planned from the start.
      // Coming together is not checked before the first in-person meeting: the worksheets filled in
      // at it count too early (the worksheets_complete day-rule bug, tested on its own).
      {"2027-04-01", "planning-and-preparation",
       {"getting-started 5/5", "planning-and-preparation 2/3", "?", "staying-connected 0/1",
        "coming-together-again 0/5", "sustaining-partnership 1/2"}},
      {"2027-04-20", "coming-together",
       {"getting-started 5/5", "planning-and-preparation 3/3", "?", "staying-connected 0/1",
        "coming-together-again 0/5", "sustaining-partnership 1/2"}},
      {"2027-05-20", "staying-connected",
       {"getting-started 5/5", "planning-and-preparation 3/3", "coming-together 8/8", "staying-connected 0/1",
        "coming-together-again 0/5", "sustaining-partnership 1/2"}},
      {"2027-06-10", "coming-together-again",
       {"getting-started 5/5", "planning-and-preparation 3/3", "coming-together 8/8", "staying-connected 1/1",
        "coming-together-again 0/5", "sustaining-partnership 1/2"}},
      {"2027-06-25", "sustaining-partnership",
       {"getting-started 5/5", "planning-and-preparation 3/3", "coming-together 8/8", "staying-connected 1/1",
        "coming-together-again 5/5", "sustaining-partnership 1/2"}},
      // Everything done: the current stage is the last one.
      {"2027-07-20", "sustaining-partnership",
       {"getting-started 5/5", "planning-and-preparation 3/3", "coming-together 8/8", "staying-connected 1/1",
        "coming-together-again 5/5", "sustaining-partnership 2/2"}},
  };
  for (const auto& e : days) {
    INFO("on " << e.on);
    Status s = status_of(members, e.on);
    CHECK(s.current_stage == e.current);
    Strings actual = progress(s);
    REQUIRE(actual.size() == e.progress.size());
    for (std::size_t i = 0; i < actual.size(); ++i)
      if (e.progress[i] == "?") actual[i] = "?";
    CHECK(actual == e.progress);
    for (const auto& st : s.stages) CHECK(st.percent_complete == Approx(100.0 * st.done / st.total));
    CHECK(s.notes.empty());
  }
  Status early = status_of(members, "2027-04-01");
  CHECK(stage(early, "planning-and-preparation").percent_complete == Approx(200.0 / 3));
  CHECK(stage(early, "sustaining-partnership").percent_complete == 50.0);
  Status done = status_of(members, "2027-07-20");
  CHECK(done.next_steps.empty());
  CHECK(std::all_of(done.activities.begin(), done.activities.end(),
                    [](const ActivityStatus& a) { return a.state == ActivityState::done; }));
  CHECK(text(activity(done, "ongoing-calls").done_on) == "2027-07-13");
  CHECK(text(activity(done, "quadrant-worksheets").done_on) == "none");  // done from worksheets, no event
  // The connecting-call window after the second meeting has not passed on 06-25: not a failure.
  CHECK(state(status_of(members, "2027-06-25"), "connecting-call") == "done");
}

TEST_CASE("status: events recorded out of order are accepted, with a note", "[process][status]") {
  const std::string members = parties() + R"(, "events": [
    {"activity": "assess-need", "date": "2027-02-15"},
    {"activity": "first-conversation", "date": "2027-02-24"},
    {"activity": "consider-facilitator", "date": "2027-02-24"},
    {"activity": "invite-with-intention", "date": "2027-03-01"},
    {"activity": "who-to-include", "date": "2027-03-10"}])";
  Status s = status_of(members, "2027-03-20");
  CHECK(state(s, "invite-with-intention") == "done");
  CHECK(text(activity(s, "invite-with-intention").done_on) == "2027-03-01");
  CHECK(stage(s, "getting-started").percent_complete == 100.0);
  CHECK(s.current_stage == "planning-and-preparation");
  CHECK(s.notes == Strings{"invite-with-intention was recorded on 2027-03-01, before its prerequisite who-to-include (2027-03-10)"});
}

TEST_CASE("status: events of activities the template does not have are noted", "[process][status]") {
  const std::string known = parties() + R"(, "events": [)" + getting_started_events;
  Status plain = status_of(known + "]", "2027-04-01");
  Status s = status_of(known + R"(, {"activity": "kickoff-lunch", "date": "2027-03-01"}])", "2027-04-01");
  CHECK(s.notes == Strings{R"(/events/5 records "kickoff-lunch", which is not an activity of building-partnership)"});
  CHECK(progress(s) == progress(plain));
  CHECK(step_activities(s) == step_activities(plain));
}

// Library bug: notes ignore the day rule. A status on a day before any event reports events
// that happen later (an out-of-order pair and an unknown activity, both in the future).
// Proposed fix in src/process/status.cpp (notes loop): skip events with `e.date > on`, and look
// up the prerequisite with `first_event(p, id, on)` instead of the 9999-12-31 sentinel.
TEST_CASE("status: notes only concern events on or before the day", "[process][status][day-rule]") {
  const std::string members = parties() + R"(, "events": [
    {"activity": "invite-with-intention", "date": "2027-03-01"},
    {"activity": "who-to-include", "date": "2027-03-10"},
    {"activity": "kickoff-lunch", "date": "2027-09-01"}])";
  const std::string out_of_order =
      "invite-with-intention was recorded on 2027-03-01, before its prerequisite who-to-include (2027-03-10)";
  const std::string unknown = R"(/events/2 records "kickoff-lunch", which is not an activity of building-partnership)";
  CHECK(status_of(members, "2027-02-20").notes.empty());
  CHECK(status_of(members, "2027-03-20").notes == Strings{out_of_order});
  CHECK(status_of(members, "2027-09-01").notes == Strings{out_of_order, unknown});
}

TEST_CASE("to_json(status) has the documented keys", "[process][status]") {
  Status s = status_of(parties(false, true) + R"(,
    "meetings": [{"id": "plan", "kind": "planning-call", "start": "2027-04-13T10:00", "status": "held"},
                 {"id": "ip1", "kind": "in-person", "start": "2027-05-11T09:00"},
                 {"id": "ip2", "kind": "in-person", "start": "2027-06-22T09:00"}],
    "events": [)" + getting_started_events + R"(, {"activity": "lunch", "date": "2027-03-01"}])",
                       "2027-04-20");
  auto j = to_json(s);
  auto keys = [](const nlohmann::ordered_json& o) {
    Strings out;
    for (auto it = o.begin(); it != o.end(); ++it) out.push_back(it.key());
    return out;
  };
  CHECK(keys(j) == Strings{"on", "template", "current_stage", "stages", "activities", "next_steps", "notes"});
  CHECK(j["on"] == "2027-04-20");
  CHECK(j["template"] == "building-partnership");
  CHECK(j["current_stage"] == s.current_stage);
  REQUIRE(j["stages"].size() == 6);
  CHECK(keys(j["stages"][0]) == Strings{"id", "name", "done", "total", "percent_complete"});
  CHECK(j["stages"][0] == nlohmann::ordered_json::parse(
                              R"({"id": "getting-started", "name": "Getting started", "done": 5, "total": 5, "percent_complete": 100.0})"));
  REQUIRE(j["activities"].size() == 24);
  for (const auto& a : j["activities"])
    CHECK(keys(a) == Strings{"stage", "id", "name", "state", "due", "done_on", "reasons", "question_set", "meeting"});
  CHECK(j["activities"][0] == nlohmann::ordered_json::parse(R"({"stage": "getting-started", "id": "assess-need",
      "name": "Assess the need", "state": "done", "due": null, "done_on": "2027-02-15", "reasons": [],
      "question_set": "assess-need", "meeting": null})"));
  const auto& first = j["activities"][8];
  CHECK(first["id"] == "first-in-person");
  CHECK(first["state"] == "blocked");
  CHECK(first["due"] == "2027-05-11");
  CHECK(first["done_on"].is_null());
  CHECK(first["reasons"] == nlohmann::ordered_json::parse(R"(["voca has no decision-maker on the roster"])"));
  CHECK(first["question_set"].is_null());
  CHECK(first["meeting"] == "ip1");
  REQUIRE_FALSE(j["next_steps"].empty());
  for (const auto& n : j["next_steps"])
    CHECK(keys(n) == Strings{"activity", "stage", "action", "question_set", "meeting", "due", "overdue"});
  CHECK(j["next_steps"][0] == nlohmann::ordered_json::parse(R"({"activity": "first-in-person", "stage": "coming-together",
      "action": "Before First in-person meeting: voca has no decision-maker on the roster", "question_set": null,
      "meeting": "ip1", "due": "2027-05-11", "overdue": false})"));
  CHECK(j["notes"] == nlohmann::ordered_json::parse(R"(["/events/5 records \"lunch\", which is not an activity of building-partnership"])"));
}

TEST_CASE("status of the state CAC and VOCA example on 2027-06-10", "[process][status][examples]") {
  Partnership p = load(pt::example("state-cac-voca.json"));
  Status s = status(p, day("2027-06-10"));
  CHECK(s.template_id == "building-partnership");
  CHECK(s.current_stage == "coming-together-again");
  CHECK(progress(s) == Strings{"getting-started 5/5", "planning-and-preparation 3/3", "coming-together 8/8",
                               "staying-connected 1/1", "coming-together-again 0/5", "sustaining-partnership 0/2"});
  CHECK(text(activity(s, "first-in-person").done_on) == "2027-05-11");
  CHECK(text(activity(s, "connecting-call").done_on) == "2027-06-01");
  const auto& second = activity(s, "second-in-person");
  CHECK(to_string(second.state) == std::string("due"));
  CHECK(text(second.due) == "2027-06-22");
  CHECK(text(second.meeting) == "in-person-2");
  CHECK(second.reasons == Strings{"1 in-person meeting held by 2027-06-10, 2 needed"});
  CHECK(state(s, "collaborative-brainstorming") == "blocked");
  CHECK(activity(s, "collaborative-brainstorming").reasons == Strings{"waits for Revisiting the first session (not done)"});
  CHECK(state(s, "strategic-vision") == "blocked");
  CHECK(text(activity(s, "ongoing-calls").meeting) == "connect-2");  // the first connecting call not yet held
  CHECK(activity(s, "annual-retreat").reasons == Strings{"waits for Second in-person meeting (not done)"});
  CHECK(s.notes.empty());
  // The same through the template the document names.
  CHECK(to_json(s) == to_json(status(p, toolkit(), day("2027-06-10"))));
}

// Facilitator-level problem: on 2027-06-10 the first two next steps are "Before Collaborative
// brainstorming: waits for Revisiting the first session (not done)" and "Before Strategic vision
// setting: waits for Collaborative brainstorming (not done)". These are agenda items of the same
// upcoming meeting in the toolkit's order, not something to do before it; they push "Second
// in-person meeting" to third place (and, with the five-step cap, can push real actions off the
// list). A prerequisite of the current stage that is not done is always a step of its own, so
// "waits for" says nothing new. Proposed fix in src/process/status.cpp (the "what unblocks the
// current stage" loop): build the "Before NAME: ..." action from the failing ready_when reasons
// only, and add no step when there are none.
TEST_CASE("next steps of the state CAC and VOCA example on 2027-06-10 are actions, not waiting",
          "[process][status][examples][next-steps]") {
  Status s = status(load(pt::example("state-cac-voca.json")), day("2027-06-10"));
  CHECK(step_activities(s) == Strings{"second-in-person", "reintroduce-and-review", "revisit-session-one"});
  for (const auto& step : s.next_steps) {
    INFO(step.action);
    CHECK(step.action.find("waits for") == std::string::npos);
  }
}

TEST_CASE("status of the child support and courts example on 2027-10-01", "[process][status][examples]") {
  Partnership p = load(pt::example("child-support-courts.json"));
  Status s = status(p, day("2027-10-01"));
  CHECK(s.template_id == "court-child-support");
  CHECK(s.current_stage == "logistics");
  CHECK(progress(s) == Strings{"introduction 1/1", "logistics 4/5", "vision 1/2", "strategies 0/2",
                               "performance-measures 1/1", "ongoing-collaboration 2/5"});
  CHECK(stage(s, "logistics").percent_complete == 80.0);
  CHECK(stage(s, "ongoing-collaboration").percent_complete == 40.0);
  // An event records points-of-pain, but the judicial council sat in the meeting without a
  // worksheet: status comes from the document, not from a checkbox.
  const auto& pain = activity(s, "points-of-pain");
  CHECK(to_string(pain.state) == std::string("overdue"));
  CHECK(text(pain.due) == "2027-08-17");
  CHECK(text(pain.done_on) == "2027-08-17");
  CHECK(text(pain.meeting) == "vision");
  CHECK(pain.reasons == Strings{"judicial-council has no worksheet for vision"});
  CHECK(state(s, "create-vision") == "done");
  CHECK(state(s, "collaborative-objectives") == "due");
  CHECK(activity(s, "strategic-plan").reasons == Strings{"waits for Explore each agency's points of pain (not done)"});
  CHECK(state(s, "cross-training") == "done");
  CHECK(text(activity(s, "cross-training").done_on) == "2027-09-08");
  CHECK(activity(s, "huddle-calls").reasons == Strings{"1 connecting-call meeting held by 2027-10-01, 2 needed"});
  CHECK(text(activity(s, "huddle-calls").meeting) == "huddle-2");
  CHECK(state(s, "information-sharing") == "done");
  CHECK(state(s, "data-sharing") == "done");

  CHECK(step_activities(s) ==
        Strings{"points-of-pain", "collaborative-objectives", "communication-strategies", "huddle-calls", "leadership-council"});
  CHECK(s.next_steps[0].overdue);
  CHECK(text(s.next_steps[0].due) == "2027-08-17");
  CHECK(s.next_steps[0].action == "Explore each agency's points of pain: " +
                                      builtin_template("court-child-support").find_activity("points-of-pain")->description);
  for (std::size_t i = 1; i < s.next_steps.size(); ++i) CHECK_FALSE(s.next_steps[i].overdue);
  CHECK(s.notes.empty());
}

// The day rule at the level of status (see the worksheets_complete bug in test_criteria.cpp): on
// 2027-05-01 the first in-person meeting (2027-05-11) has not taken place, yet the worksheets filled
// in at it make "Understanding our partners: the quadrant worksheet" done.
TEST_CASE("status of the state CAC and VOCA example before the first in-person meeting", "[process][status][examples][day-rule]") {
  Status s = status(load(pt::example("state-cac-voca.json")), day("2027-05-01"));
  CHECK(s.current_stage == "coming-together");
  CHECK(state(s, "quadrant-worksheets") == "due");
  CHECK(stage(s, "coming-together").done == 0);
}
