// Meeting plans: timelines generated from the process templates, plans taken from a document,
// and every check with its explanation.
#include <catch2/catch.hpp>

#include "partnerkit/io/document.hpp"
#include "partnerkit/meetings/plan.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::meetings;
namespace pt = partnerkit::test;
using Strings = std::vector<std::string>;

namespace {

Strings schedule(const Plan& p) {
  Strings out;
  for (const auto& m : p.meetings) out.push_back(format_local_datetime(m.start) + " " + m.id);
  return out;
}

Strings codes(const std::vector<PlanIssue>& issues) {
  Strings out;
  for (const auto& i : issues) out.push_back(i.code);
  return out;
}

PlannedMeeting meeting(std::string id, std::string kind, std::string start, int minutes,
                       std::string tz = "America/Denver") {
  PlannedMeeting m;
  m.id = std::move(id);
  m.kind = std::move(kind);
  m.title = m.id;
  m.start = *parse_local_datetime(start);
  m.duration = Minutes(minutes);
  m.timezone = std::move(tz);
  return m;
}

}  // namespace

TEST_CASE("a timeline generated from the building-partnership template", "[meetings][plan]") {
  Plan p = generate_plan(pt::day("2027-04-05"), process::builtin_template("building-partnership"), "America/Denver");
  Strings expected{"2027-04-19T10:00 planning-call",       // start + 14 days (the template's due rule)
                   "2027-05-31T09:00 in-person-1",         // + 6 weeks of preparation
                   "2027-06-28T10:00 connecting-call-1",   // every 4 weeks
                   "2027-07-26T09:00 in-person-2",
                   // then monthly on the fourth Monday (the weekday and week of the last session)
                   "2027-08-23T10:00 sustaining-call-1", "2027-09-27T10:00 sustaining-call-2",
                   "2027-10-25T10:00 sustaining-call-3", "2027-11-22T10:00 sustaining-call-4",
                   "2027-12-27T10:00 sustaining-call-5", "2028-01-24T10:00 sustaining-call-6",
                   "2028-02-28T10:00 sustaining-call-7", "2028-03-27T10:00 sustaining-call-8",
                   // the retreat a year after the first session replaces that month's call
                   "2028-04-24T10:00 sustaining-call-9", "2028-05-22T09:00 retreat-1",
                   "2028-06-26T10:00 sustaining-call-11",
                   "2028-07-24T10:00 sustaining-call-12"};
  CHECK(schedule(p) == expected);
  REQUIRE(p.find_meeting("in-person-1"));
  CHECK(p.find_meeting("in-person-1")->agenda == "first-in-person");
  CHECK(p.find_meeting("in-person-2")->agenda == "second-in-person");
  CHECK(p.find_meeting("in-person-2")->duration == Minutes(360));
  CHECK(p.find_meeting("planning-call")->agenda == "planning-call");
  CHECK(p.find_meeting("sustaining-call-3")->phase == Phase::sustaining);
  CHECK(p.find_meeting("connecting-call-1")->phase == Phase::formation);
  CHECK(p.agendas.size() == 4);
  // The generator's own plan passes every check.
  CHECK(check_plan(p).empty());
  PlanOptions no_retreat;
  no_retreat.annual_retreat = false;
  Plan calls_only = generate_plan(pt::day("2027-04-05"), process::builtin_template("building-partnership"),
                                  "America/Denver", no_retreat);
  CHECK(calls_only.find_meeting("sustaining-call-10"));
  CHECK_FALSE(calls_only.find_meeting("retreat-1"));
  CHECK(check_plan(calls_only).empty());
  // Checked against a shorter cadence, the same plan has gaps, each explained.
  PlanOptions strict;
  strict.call_interval = std::chrono::days(21);
  auto gaps = check_plan(calls_only, strict);
  REQUIRE(codes(gaps) == Strings{"gap", "gap"});
  CHECK(gaps[0].message ==
        "27 days without a meeting between in-person-1 (2027-05-31 9:00am-3:00pm America/Denver) and "
        "connecting-call-1 (2027-06-28 10:00am-11:00am America/Denver); the toolkit keeps the group connected with a "
        "call every 3-4 weeks between in-person sessions (at most 21 days)");
}

TEST_CASE("timeline options: a third session, quarterly calls, two calls between sessions", "[meetings][plan]") {
  const auto& t = process::builtin_template("building-partnership");
  PlanOptions o;
  o.third_in_person = true;
  o.cadence = Cadence::quarterly;
  o.annual_retreat = false;
  o.calls_between = 2;
  o.call_interval = std::chrono::days(21);
  Plan p = generate_plan(pt::day("2027-04-05"), t, "America/New_York", o);
  CHECK(schedule(p) == Strings{"2027-04-19T10:00 planning-call", "2027-05-31T09:00 in-person-1",
                               "2027-06-21T10:00 connecting-call-1", "2027-07-12T10:00 connecting-call-2",
                               "2027-08-02T09:00 in-person-2", "2027-08-23T10:00 connecting-call-3",
                               "2027-09-13T10:00 connecting-call-4", "2027-10-04T09:00 in-person-3",
                               "2028-01-03T10:00 sustaining-call-1", "2028-04-03T10:00 sustaining-call-2",
                               "2028-07-03T10:00 sustaining-call-3", "2028-10-02T10:00 sustaining-call-4"});
  CHECK(p.find_meeting("in-person-3")->if_needed);
  CHECK(p.find_meeting("connecting-call-3")->if_needed);
  CHECK_FALSE(p.find_meeting("in-person-2")->if_needed);
  CHECK(p.meetings.front().timezone == "America/New_York");
  CHECK(check_plan(p, o).empty());

  // A start on a Saturday moves the planning call to the next working day.
  Plan weekend = generate_plan(pt::day("2027-04-03"), t, "UTC");
  CHECK(format_local_datetime(weekend.meetings.front().start) == "2027-04-19T10:00");
  CHECK_THROWS_WITH(generate_plan(pt::day("2027-04-05"), t, "Mars/Olympus"),
                    "unknown time zone \"Mars/Olympus\"; expected an IANA name such as America/Denver");
}

TEST_CASE("the court template has one in-person session and no planning call", "[meetings][plan]") {
  PlanOptions o;
  o.sustaining_months = 3;
  o.annual_retreat = false;
  Plan p = generate_plan(pt::day("2027-04-05"), process::builtin_template("court-child-support"), "America/Chicago", o);
  CHECK(schedule(p) == Strings{"2027-05-17T09:00 in-person-1", "2027-06-21T10:00 sustaining-call-1",
                               "2027-07-19T10:00 sustaining-call-2", "2027-08-16T10:00 sustaining-call-3"});
  CHECK(p.process == "court-child-support");
}

TEST_CASE("a plan from a document's meetings, checked in every participant's time zone", "[meetings][plan]") {
  Partnership doc = load(pt::example("state-cac-voca.json"));
  Plan p = plan(doc);
  CHECK(schedule(p) == Strings{"2027-04-13T10:00 planning", "2027-05-11T09:00 in-person-1",
                               "2027-06-01T10:00 connect-1", "2027-06-22T09:00 in-person-2",
                               "2027-07-13T10:00 connect-2", "2027-08-03T09:00 in-person-3"});
  for (const auto& m : p.meetings) {
    CHECK(m.from_document);
    CHECK(m.timezone == "America/Denver");
    CHECK(m.phase == Phase::formation);
  }
  CHECK(p.find_meeting("planning")->status == MeetingStatus::held);
  CHECK(p.people.size() == 10);
  CHECK(p.find_person("kkealoha"));
  // The facilitator works from Honolulu: 9:00am in Denver is 5:00am there.
  REQUIRE(codes(p.issues) == Strings(6, "outside_working_hours"));
  CHECK(p.issues[1].meetings == Strings{"in-person-1"});
  CHECK(p.issues[1].message ==
        "in-person-1 (2027-05-11 9:00am-3:00pm America/Denver) is outside working hours (8:00am-5:00pm on working "
        "days) for Kalani Kealoha (2027-05-11 5:00am-11:00am Pacific/Honolulu)");
  // Denver at 9:00 is 8:00 in Phoenix (no daylight saving) and 11:00 in New York: inside.
  // Generated from the document's start instead: the same people in every meeting.
  PlanOptions o;
  o.start = pt::day("2027-04-05");
  Plan generated = plan(doc, o);
  CHECK_FALSE(generated.meetings.front().from_document);
  CHECK(generated.meetings.front().participants.size() == doc.people.size());
  CHECK(generated.name == doc.name);
  // UIDs: the meeting id and a hash of the partnership's name, the same on every run.
  const std::string& uid = generated.meetings.front().uid;
  CHECK_THAT(uid, Catch::Matchers::StartsWith("planning-call.") && Catch::Matchers::EndsWith("@partnerkit"));
  CHECK(uid.substr(uid.find('.')) == p.meetings.front().uid.substr(p.meetings.front().uid.find('.')));
  CHECK(plan(doc, o).meetings.front().uid == uid);
  CHECK(plan(doc).meetings == p.meetings);
}

TEST_CASE("a person's own working hours from the document replace the plan's default", "[meetings][plan]") {
  Partnership doc = load(pt::example("state-cac-voca.json"));
  for (auto& person : doc.people)
    if (person.id == "kkealoha") person.working_hours = WorkingHours{Minutes{5 * 60}, Minutes{13 * 60}};
  Plan p = plan(doc);
  // 9:00am-3:00pm in Denver is 5:00am-11:00am in Honolulu: inside 5:00-13:00, so no finding.
  CHECK(p.issues.empty());
  for (auto& person : doc.people)
    if (person.id == "kkealoha") person.working_hours = WorkingHours{Minutes{6 * 60}, Minutes{13 * 60}};
  Plan q = plan(doc);
  // The calls at 10:00am in Denver are 6:00am there: inside; the in-person days start at 5:00am.
  REQUIRE(codes(q.issues) == Strings(3, "outside_working_hours"));
  CHECK(q.issues[0].message ==
        "in-person-1 (2027-05-11 9:00am-3:00pm America/Denver) is outside working hours (8:00am-5:00pm on working "
        "days) for Kalani Kealoha (2027-05-11 5:00am-11:00am Pacific/Honolulu; works 6:00am-1:00pm)");
}

TEST_CASE("every check explains itself", "[meetings][plan]") {
  Plan p;
  p.name = "Checks";
  p.timezone = "America/Denver";
  p.organizations = {{"chapter", "CAC State Chapter", std::nullopt, true, Json::object()},
                     {"voca", "VOCA Administering Agency", std::nullopt, true, Json::object()},
                     {"court", "District Court", std::nullopt, false, Json::object()}};
  Person boss{"boss", "Pat Lee", "chapter", std::nullopt, true, false, "America/Denver", std::nullopt, Json::object(),
              std::nullopt};
  Person judge{"judge", "Sam Ortiz", "court", std::nullopt, true, false, "America/New_York", std::nullopt,
               Json::object(), std::nullopt};
  p.people = {boss, judge};
  p.meetings = {meeting("call", "planning-call", "2027-04-12T10:00", 60),
                meeting("day", "in-person", "2027-04-12T10:30", 300),     // overlaps the call
                meeting("sat", "connecting-call", "2027-04-17T10:00", 60),  // a Saturday
                meeting("late", "connecting-call", "2027-06-01T16:30", 60)};  // 45 days later, till 17:30
  for (auto& m : p.meetings) m.participants = {"boss"};
  p.meetings[3].participants = {"judge"};
  p.meetings[1].agenda = "first-in-person";  // 6 hours in a 5-hour meeting
  p.meetings[2].agenda = "nope";
  p.agendas = {builtin_agenda("first-in-person")};
  auto issues = check_plan(p);
  REQUIRE(codes(issues) == Strings{"overlap", "gap", "short_span", "weekend", "outside_working_hours",
                                   "outside_working_hours", "no_decision_maker", "agenda", "unknown_agenda"});
  CHECK(issues[0].meetings == Strings{"call", "day"});
  CHECK(issues[0].message ==
        "day (2027-04-12 10:30am-3:30pm America/Denver) starts 30 minutes before call (2027-04-12 10:00am-11:00am "
        "America/Denver) ends; people cannot attend both");
  CHECK(issues[1].message ==
        "45 days without a meeting between sat (2027-04-17 10:00am-11:00am America/Denver) and late (2027-06-01 "
        "4:30pm-5:30pm America/Denver); the toolkit keeps the group connected with a call every 3-4 weeks between "
        "in-person sessions (at most 28 days)");
  CHECK(issues[2].message ==
        "the plan spans 50 days (2027-04-12 to 2027-06-01), less than 3 months; the toolkit recommends at least 3-4 "
        "months, so that people meet several times with time for reflection in between");
  CHECK(issues[3].message ==
        "sat (2027-04-17 10:00am-11:00am America/Denver) falls on a Saturday; partners attend during their working week");
  CHECK(issues[4].meetings == Strings{"sat"});
  CHECK(issues[5].message ==
        "late (2027-06-01 4:30pm-5:30pm America/Denver) is outside working hours (8:00am-5:00pm on working days) for "
        "Sam Ortiz (2027-06-01 6:30pm-7:30pm America/New_York)");
  CHECK(issues[6].message ==
        "late (2027-06-01 4:30pm-5:30pm America/Denver) has no decision-maker of a core organization (CAC State "
        "Chapter, VOCA Administering Agency) among its 1 participants; commitments made there would wait for "
        "leadership");
  CHECK(issues[8].message ==
        "sat names agenda \"nope\", which is neither one of the document's agendas nor a built-in one "
        "(connecting-call, first-in-person, planning-call, second-in-person)");
  CHECK(issues[7].message ==
        "day (agenda first-in-person): agenda \"first-in-person\" takes 6 hours but the meeting lasts 5 hours; "
        "lengthen the meeting or shorten the agenda");

  // Cancelled meetings are not checked; a gap before the first in-person session may be longer.
  p.meetings[0].status = p.meetings[2].status = p.meetings[3].status = MeetingStatus::cancelled;
  p.meetings[1].duration = Minutes(360);
  p.meetings[1].start = *parse_local_datetime("2027-04-12T09:00");
  CHECK(codes(check_plan(p)) == Strings{"short_span"});
}

TEST_CASE("wall-clock times convert to UTC through the tz database, daylight saving included", "[meetings][plan]") {
  using std::chrono::sys_seconds;
  auto utc = [](std::string local, std::string tz) {
    return format_local_datetime(LocalDateTime(start_utc(meeting("m", "x", local, 60, tz)).time_since_epoch()));
  };
  CHECK(utc("2027-03-13T09:00", "America/New_York") == "2027-03-13T14:00");  // EST
  CHECK(utc("2027-03-15T09:00", "America/New_York") == "2027-03-15T13:00");  // EDT
  CHECK(utc("2027-03-14T02:30", "America/New_York") == "2027-03-14T07:00");  // skipped: the end of the gap
  CHECK(utc("2027-11-07T01:30", "America/New_York") == "2027-11-07T05:30");  // repeated: the earlier
  CHECK(utc("2027-07-01T09:00", "America/Phoenix") == "2027-07-01T16:00");
  CHECK(utc("2027-07-01T09:00", "Pacific/Honolulu") == "2027-07-01T19:00");
  CHECK(utc("2027-07-01T09:00", "America/Denver") == "2027-07-01T15:00");
}

TEST_CASE("meetings without a start are reported and left out", "[meetings][plan]") {
  Partnership p = loads(pt::document(R"("timezone": "UTC", "people": [], "meetings": [
      {"id": "a", "kind": "planning-call", "start": "2027-04-12T10:00", "agenda": "planning-call"},
      {"id": "b", "kind": "in-person"}])"));
  Plan out = plan(p);
  CHECK(schedule(out) == Strings{"2027-04-12T10:00 a"});
  CHECK(out.meetings[0].duration == Minutes(60));  // the agenda's length
  REQUIRE(codes(out.issues) == Strings{"no_start", "short_span"});
  CHECK(out.issues[0].message == "meeting b has no start; it is left out of the plan");
  auto j = to_json(out);
  CHECK(j["meetings"][0]["start_utc"] == "2027-04-12T10:00:00Z");
  CHECK(j["meetings"][0]["uid"] == out.meetings[0].uid);
  CHECK(j["issues"][0]["code"] == "no_start");
}
