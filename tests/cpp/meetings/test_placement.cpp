// Placing a whole timeline greedily: the document's meetings with one spacing, and a generated
// plan with its own cadence, against working hours, busy times and .ics calendars across a
// daylight-saving change; what is said when a meeting cannot be placed; bad input.
#include <catch2/catch.hpp>

#include <set>

#include "partnerkit/io/document.hpp"
#include "partnerkit/meetings/schedule.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::meetings;
namespace pt = partnerkit::test;
using std::chrono::days;

namespace {

const std::string calendar_head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n";
const std::string calendar_tail = "END:VCALENDAR\r\n";

std::set<std::string> codes(const Plan& plan) {
  std::set<std::string> out;
  for (const auto& i : plan.issues) out.insert(i.code);
  return out;
}

PlanOptions short_plan() {
  PlanOptions o;
  o.start = parse_date("2027-03-01");  // planning call on Monday 15 March, the day after the clocks change
  o.sustaining_months = 0;
  o.annual_retreat = false;
  return o;
}

}  // namespace

TEST_CASE("the document's meetings placed greedily with one spacing", "[meetings][schedule][placement]") {
  Partnership p = loads(R"({"format": "partnerkit/1", "name": "Timeline", "timezone": "America/Denver",
    "organizations": [{"id": "o", "name": "O"}],
    "people": [{"id": "ed", "name": "Ed", "organization": "o", "timezone": "America/Denver"},
               {"id": "hi", "name": "Hi", "organization": "o", "timezone": "Pacific/Honolulu"}],
    "meetings": [
      {"id": "plan", "kind": "planning-call", "start": "2027-04-12T10:00", "duration": "PT1H", "participants": ["ed"]},
      {"id": "c1", "kind": "connecting-call", "duration": "PT1H", "participants": ["ed"]},
      {"id": "long", "kind": "in-person", "duration": "PT5H", "participants": ["ed", "hi"]},
      {"id": "c2", "kind": "connecting-call", "duration": "PT1H", "participants": ["ed", "hi"]}],
    "availability": [{"person": "ed", "busy": [{"start": "2027-05-03T00:00", "end": "2027-05-05T00:00"}]}]})");
  auto requests = timeline_requests(p, {"plan", "c1", "long", "c2"}, Spacing{days{21}, days{28}});
  REQUIRE(requests.size() == 4);
  CHECK(requests[2].request.required == std::vector<std::string>{"ed", "hi"});
  auto placed = place_meetings(p, requests).placements;
  REQUIRE(placed.size() == 4);
  REQUIRE(placed[0].slot);
  CHECK(placed[0].timezone == "America/Denver");
  CHECK(format_utc(placed[0].slot->start) == "2027-04-12T15:00:00Z");  // Monday 09:00 in Denver
  // 21 days later is Monday 3 May, when ed is busy until Wednesday: Wednesday 5 May 09:00.
  REQUIRE(placed[1].slot);
  CHECK(format_utc(placed[1].window_start) == "2027-05-03T15:00:00Z");
  CHECK(format_utc(placed[1].slot->start) == "2027-05-05T15:00:00Z");
  // Denver and Honolulu share 4 working hours at most: a 5-hour meeting cannot be placed.
  CHECK_FALSE(placed[2].slot);
  REQUIRE(placed[2].reasons.size() == 1);
  CHECK(placed[2].reasons[0] == "the required participants are each free at some time but never together for PT5H in the window");
  // The next one is looked for after the failed window, and fits (19:00 UTC: 13:00 and 09:00).
  REQUIRE(placed[3].slot);
  CHECK(placed[3].window_start == placed[2].window_end - std::chrono::hours{5} + days{21});
  CHECK(format_in_zone(placed[3].slot->start, "Pacific/Honolulu").substr(11) == "09:00");
}

TEST_CASE("a generated plan placed with its cadence, a calendar and a daylight-saving week",
          "[meetings][schedule][placement][dst]") {
  pt::TempDir dir;
  // ed is busy every Monday 09:00-11:00 in Denver from 1 March: 16:00Z before the clocks
  // change on 14 March, 15:00Z after.
  pt::write_text(dir / "ed.ics", calendar_head +
                                     "BEGIN:VEVENT\r\nUID:weekly@test\r\nDTSTART;TZID=America/Denver:20270301T090000\r\n"
                                     "DTEND;TZID=America/Denver:20270301T110000\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n" +
                                     calendar_tail);
  pt::write_text(dir / "doc.json", R"({"format": "partnerkit/1", "name": "DST", "timezone": "America/Denver",
    "organizations": [{"id": "o", "name": "O", "core": true}],
    "people": [
      {"id": "ed", "name": "Ed", "organization": "o", "timezone": "America/Denver", "decision_maker": true,
       "working_hours": {"start": "09:00", "end": "17:00"}},
      {"id": "ny", "name": "Ny", "organization": "o", "timezone": "America/New_York",
       "working_hours": {"start": "07:00", "end": "17:00"}},
      {"id": "az", "name": "Az", "organization": "o", "timezone": "America/Phoenix",
       "working_hours": {"start": "08:00", "end": "18:00"}}],
    "availability": [{"person": "ed", "calendar": "ed.ics"}]})");
  Partnership p = load(dir / "doc.json");
  Plan planned = plan(p, short_plan());
  REQUIRE(planned.meetings.size() == 4);  // planning call, in-person 1, connecting call, in-person 2
  CHECK(planned.options == short_plan());

  auto requests = timeline_requests(planned);
  REQUIRE(requests.size() == 4);
  CHECK(requests[0].request.required == std::vector<std::string>{"ed", "ny", "az"});
  CHECK(format_utc(requests[0].request.query.window_start) == "2027-03-15T06:00:00Z");  // midnight MDT
  CHECK(format_utc(requests[0].request.query.window_end) == "2027-03-29T06:00:00Z");
  CHECK(requests[1].spacing == Spacing{days{35}, days{42}});  // before the first in-person session
  CHECK(requests[2].spacing == Spacing{days{21}, days{28}});  // connecting calls every 3-4 weeks
  CHECK(requests[3].spacing == Spacing{days{21}, days{28}});
  {
    // Monthly sustaining calls 4-5 weeks apart; the annual retreat, planned a year after the first
    // session and so 251 days after the last of two calls, keeps that distance.
    PlanOptions longer = short_plan();
    longer.sustaining_months = 2;
    longer.annual_retreat = true;
    auto more = timeline_requests(plan(p, longer));
    REQUIRE(more.size() == 7);
    CHECK(more[4].request.meeting == "sustaining-call-1");
    CHECK(more[4].spacing == Spacing{days{28}, days{35}});
    CHECK(more[5].spacing == Spacing{days{28}, days{35}});
    CHECK(more[6].request.meeting == "retreat-1");
    CHECK(more[6].spacing == Spacing{days{244}, days{251}});
    longer.cadence = Cadence::quarterly;
    longer.sustaining_months = 6;
    more = timeline_requests(plan(p, longer));
    CHECK(more[4].spacing == Spacing{days{91}, days{98}});
  }

  ScheduleOptions o;
  o.base_dir = dir.path();
  PlacedTimeline t = place_plan(p, planned, o);
  REQUIRE(t.placements.size() == 4);
  for (const auto& x : t.placements) {
    INFO(x.meeting);
    REQUIRE(x.slot);
    CHECK(x.slot->missing.empty());
  }
  // Monday 15 March: ed's block is 15:00-17:00Z in daylight time, so 17:00Z (11:00 MDT) is the
  // first hour all three work and ed is free (an hour off, it would be 15:00Z).
  CHECK(format_utc(t.placements[0].slot->start) == "2027-03-15T17:00:00Z");
  CHECK(format_in_zone(t.placements[0].slot->start, "America/Phoenix") == "2027-03-15T10:00");
  // 35 days later (Monday 19 April, 17:00Z) leaves 4 common hours; Tuesday 09:00 MDT holds 6.
  CHECK(format_utc(t.placements[1].window_start) == "2027-04-19T17:00:00Z");
  CHECK(format_utc(t.placements[1].window_end) == "2027-04-26T23:00:00Z");
  CHECK(format_utc(t.placements[1].slot->start) == "2027-04-20T15:00:00Z");
  CHECK(format_utc(t.placements[2].slot->start) == "2027-05-11T15:00:00Z");
  CHECK(format_utc(t.placements[3].slot->start) == "2027-06-01T15:00:00Z");
  CHECK(t.timezones.at("az") == "America/Phoenix");

  // The placed plan: meetings moved (wall clock of their zone), checked again; the cadence holds.
  REQUIRE(t.plan);
  const Plan& placed = *t.plan;
  CHECK(format_local_datetime(placed.find_meeting("planning-call")->start) == "2027-03-15T11:00");
  CHECK(format_local_datetime(placed.find_meeting("in-person-2")->start) == "2027-06-01T09:00");
  CHECK(placed.meetings.front().uid == planned.meetings.front().uid);
  // Placed as early as the cadence allows, the timeline is shorter than three months.
  CHECK(codes(placed) == std::set<std::string>{"short_span"});

  auto j = to_json(t);
  CHECK(j["placements"][0]["placed"] == true);
  CHECK(j["placements"][0]["local_start"] == "2027-03-15T11:00");
  CHECK(j["placements"][1]["window"]["start"] == "2027-04-19T17:00:00Z");
  CHECK(j["warnings"].empty());
}

TEST_CASE("a meeting that cannot be placed says who is never free, and where it was looked for",
          "[meetings][schedule][placement]") {
  pt::TempDir dir;
  // vo is away for all of April (all-day event in their zone).
  pt::write_text(dir / "vo.ics", calendar_head +
                                     "BEGIN:VEVENT\r\nUID:away@test\r\nDTSTART;VALUE=DATE:20270401\r\n"
                                     "DTEND;VALUE=DATE:20270501\r\nSUMMARY:away\r\nEND:VEVENT\r\n" + calendar_tail);
  Partnership p = loads(R"({"format": "partnerkit/1", "name": "Apart", "timezone": "America/Denver",
    "organizations": [{"id": "o", "name": "O", "core": true}],
    "people": [{"id": "ed", "name": "Ed", "organization": "o", "timezone": "America/Denver", "decision_maker": true},
               {"id": "kk", "name": "K. Kealoha", "organization": "o", "timezone": "Pacific/Honolulu"},
               {"id": "vo", "name": "V. Ortiz", "organization": "o", "timezone": "America/Denver"}]})");
  ScheduleOptions o;
  o.calendars["vo"] = dir / "vo.ics";
  PlacedTimeline t = place_plan(p, plan(p, short_plan()), o);
  REQUIRE(t.placements.size() == 4);
  // Calls fit in the 4 hours Denver (09:00-17:00 MDT) and Honolulu (09:00-17:00 HST) share.
  REQUIRE(t.placements[0].slot);
  CHECK(format_utc(t.placements[0].slot->start) == "2027-03-15T19:00:00Z");
  // The first in-person session is looked for 35-42 days later, while vo is away.
  const Placement& first = t.placements[1];
  CHECK_FALSE(first.slot);
  CHECK(first.window_start == t.placements[0].slot->start + days{35});
  CHECK(first.reasons == std::vector<std::string>{
                             "V. Ortiz (vo) is never free for PT6H in the window (working hours in America/Denver, "
                             "busy times, calendars)"});
  // The call after it is looked for from the latest start that window allowed, and fits.
  REQUIRE(t.placements[2].slot);
  CHECK(t.placements[2].window_start == first.window_end - std::chrono::hours{6} + days{21});
  // Six hours together are never possible for Denver and Honolulu.
  CHECK_FALSE(t.placements[3].slot);
  CHECK(t.placements[3].reasons ==
        std::vector<std::string>{"the required participants are each free at some time but never together for PT6H in the window"});

  REQUIRE(t.plan);
  std::vector<std::string> unplaced;
  for (const auto& i : t.plan->issues)
    if (i.code == "unplaced") unplaced.push_back(i.message);
  REQUIRE(unplaced.size() == 2);
  CHECK(unplaced[0] ==
        "in-person-1 could not be placed between 2027-04-19T13:00 and 2027-04-26T19:00 America/Denver: "
        "V. Ortiz (vo) is never free for PT6H in the window (working hours in America/Denver, busy times, calendars); "
        "it keeps its planned time");
  CHECK_THAT(unplaced[1], Catch::Matchers::StartsWith("in-person-2 could not be placed between "));
  // Unplaced meetings keep their planned times.
  Plan planned = plan(p, short_plan());
  CHECK(t.plan->find_meeting("in-person-1")->start == planned.find_meeting("in-person-1")->start);
  auto j = to_json(t);
  CHECK(j["placements"][1]["placed"] == false);
  CHECK(j["placements"][1]["start"].is_null());
  CHECK(j["placements"][1]["window"]["local_start"] == "2027-04-19T13:00");
}

TEST_CASE("placing a timeline: bad input", "[meetings][schedule][placement]") {
  pt::TempDir dir;
  Partnership p = loads(R"({"format": "partnerkit/1", "name": "Bad", "timezone": "America/Denver",
    "organizations": [{"id": "o", "name": "O"}],
    "people": [{"id": "ed", "name": "Ed", "organization": "o"}],
    "meetings": [{"id": "m1", "kind": "planning-call", "start": "2027-04-12T10:00", "participants": ["ed"]},
                 {"id": "m2", "kind": "connecting-call", "participants": ["ed"]}]})");
  CHECK_THROWS_WITH(timeline_requests(p, {"m1", "nope"}), "unknown meeting \"nope\"");
  CHECK_THROWS_WITH(place_meetings(p, timeline_requests(p, {"m1", "m2"}, Spacing{days{30}, days{7}})),
                    "m1: the minimum gap from the meeting before (30 days) is longer than the maximum (7 days)");
  CHECK_THROWS_WITH(place_meetings(p, timeline_requests(p, {"m1"}, Spacing{days{-1}, days{7}})),
                    "m1: the minimum gap from the meeting before (-1 days) is negative");
  auto requests = timeline_requests(p, {"m1", "m2"});
  requests[1].request.required.push_back("zz");
  CHECK_THROWS_WITH(place_meetings(p, requests), "unknown person \"zz\"");
  // A calendar that cannot be read: every problem, with the file and line; nothing placed.
  pt::write_text(dir / "broken.ics", calendar_head + "BEGIN:VEVENT\r\nUID:x@test\r\nDTSTART:20270412T100000Z\r\n" +
                                         calendar_tail);
  ScheduleOptions o;
  o.calendars["ed"] = dir / "broken.ics";
  try {
    place_meetings(p, timeline_requests(p, {"m1", "m2"}), o);
    FAIL("expected a ValidationError");
  } catch (const ValidationError& e) {
    REQUIRE(e.errors().size() == 1);
    CHECK(e.errors()[0].str() == (dir / "broken.ics").string() +
                                     ": line 7: END:VCALENDAR does not close BEGIN:VEVENT at line 4");
  }
  o.calendars.clear();
  o.calendars["zz"] = dir / "broken.ics";
  CHECK_THROWS_WITH(place_meetings(p, timeline_requests(p, {"m1"}), o), "calendar for an unknown person \"zz\"");
  // An empty timeline places nothing.
  CHECK(place_meetings(p, {}).placements.empty());
}
