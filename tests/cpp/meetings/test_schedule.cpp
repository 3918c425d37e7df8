// Scheduling: the interval sweep against a brute-force minute grid on random cases (fixed
// seeds), ranking, reasons when nothing fits, the document's busy times and calendars.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>

#include "partnerkit/io/document.hpp"
#include "partnerkit/meetings/schedule.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::meetings;
namespace pt = partnerkit::test;
using std::chrono::minutes;

namespace {

Instant utc(std::string_view text) {
  auto t = parse_local_datetime(text);
  REQUIRE(t);
  return Instant{t->time_since_epoch()};
}

// The obvious reference: every aligned start of the window, who is free for the whole meeting
// (checked minute by minute), best first; then the same greedy choice of non-overlapping slots.
std::vector<Slot> brute_force(const std::vector<Attendee>& people, const SlotQuery& q) {
  struct Cand {
    Instant start;
    std::vector<std::string> attending, missing;
    std::size_t required = 0;
  };
  std::size_t required_total = 0;
  for (const auto& a : people) required_total += a.required;
  std::vector<Cand> cands;
  auto g = q.granularity.count() * 60;
  for (Instant t = q.window_start; t + q.duration <= q.window_end; t += minutes{1}) {
    if (t.time_since_epoch().count() % g != 0) continue;
    Cand c{t, {}, {}, 0};
    for (const auto& a : people) {
      bool free = true;
      for (Instant m = t; m < t + q.duration && free; m += minutes{1})
        for (const auto& b : a.busy)
          if (b.start <= m && m < b.end) free = false;
      (free ? c.attending : c.missing).push_back(a.person);
      if (free && a.required) ++c.required;
    }
    if (c.attending.empty()) continue;
    if (q.require_all && c.required < required_total) continue;
    if (static_cast<double>(c.attending.size()) + 1e-9 < q.min_share * people.size()) continue;
    cands.push_back(std::move(c));
  }
  std::stable_sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) {
    if (a.required != b.required) return a.required > b.required;
    if (a.attending.size() != b.attending.size()) return a.attending.size() > b.attending.size();
    return a.start < b.start;
  });
  std::vector<Slot> out;
  for (const auto& c : cands) {
    if (out.size() == q.top) break;
    bool overlaps = std::any_of(out.begin(), out.end(), [&](const Slot& s) {
      return c.start < s.end && s.start < c.start + q.duration;
    });
    if (overlaps) continue;
    out.push_back({c.start, c.start + q.duration, c.attending, c.missing, c.required, required_total,
                   static_cast<double>(c.attending.size()) / people.size()});
  }
  return out;
}

}  // namespace

TEST_CASE("the sweep matches a brute-force minute grid on random cases", "[meetings][schedule]") {
  for (unsigned seed = 1; seed <= 150; ++seed) {
    std::mt19937 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    SlotQuery q;
    q.window_start = utc("2027-03-01T00:00") + minutes{pick(0, 300)};
    q.window_end = q.window_start + minutes{pick(60, 36 * 60)};
    q.duration = minutes{pick(1, 12) * 15 + pick(0, 1) * 7};
    q.granularity = minutes{std::vector<int>{1, 5, 15, 30}[pick(0, 3)]};
    q.top = static_cast<std::size_t>(pick(1, 6));
    q.require_all = pick(0, 1) == 1;
    q.min_share = pick(0, 2) == 0 ? 0.0 : pick(1, 10) / 10.0;
    std::vector<Attendee> people;
    int n = pick(1, 5);
    for (int i = 0; i < n; ++i) {
      Attendee a{"p" + std::to_string(i), pick(0, 2) != 0, {}};
      int k = pick(0, 8);
      for (int j = 0; j < k; ++j) {
        Instant s = utc("2027-03-01T00:00") + minutes{pick(-120, 42 * 60)};
        a.busy.push_back({s, s + minutes{pick(1, 300)}});
      }
      a.busy = merge_intervals(std::move(a.busy));
      people.push_back(std::move(a));
    }
    INFO("seed " << seed);
    auto fast = find_slots(people, q);
    auto slow = brute_force(people, q);
    REQUIRE(fast.size() == slow.size());
    for (std::size_t i = 0; i < fast.size(); ++i) {
      INFO("slot " << i << ": " << format_utc(fast[i].start) << " vs " << format_utc(slow[i].start));
      CHECK(fast[i] == slow[i]);
    }
  }
}

TEST_CASE("slots are ranked by required attendees, then attendees, then time", "[meetings][schedule]") {
  // Required r1, r2; optional o1, o2. Everyone at 09:00 and 12:00; o2 busy at 11:00; o1 and o2
  // busy at 10:00; r2 busy before 09:00.
  std::vector<Attendee> people{
      {"r1", true, {}},
      {"r2", true, {{utc("2027-04-12T07:00"), utc("2027-04-12T09:00")}}},
      {"o1", false, {{utc("2027-04-12T10:00"), utc("2027-04-12T11:00")}}},
      {"o2", false, {{utc("2027-04-12T07:00"), utc("2027-04-12T09:00")}, {utc("2027-04-12T10:00"), utc("2027-04-12T12:00")}}},
  };
  SlotQuery q;
  q.window_start = utc("2027-04-12T07:00");
  q.window_end = utc("2027-04-12T13:00");
  q.duration = minutes{60};
  q.top = 4;
  q.require_all = false;
  auto slots = find_slots(people, q);
  REQUIRE(slots.size() == 4);
  CHECK(format_utc(slots[0].start) == "2027-04-12T09:00:00Z");  // all four
  CHECK(slots[0].missing.empty());
  CHECK(slots[0].share == 1.0);
  CHECK(format_utc(slots[1].start) == "2027-04-12T12:00:00Z");  // all four again
  CHECK(format_utc(slots[2].start) == "2027-04-12T11:00:00Z");  // both required, o2 missing
  CHECK(slots[2].missing == std::vector<std::string>{"o2"});
  CHECK(format_utc(slots[3].start) == "2027-04-12T10:00:00Z");  // both required, only r1 and r2
  CHECK(slots[3].missing == std::vector<std::string>{"o1", "o2"});
  CHECK(slots[3].required_attending == 2);

  q.min_share = 0.9;  // only slots with all four
  auto full = find_slots(people, q);
  REQUIRE(full.size() == 2);
  CHECK(format_utc(full[1].start) == "2027-04-12T12:00:00Z");
}

TEST_CASE("working hours become off-hours in the person's zone", "[meetings][schedule]") {
  WorkingHours h;  // 09:00-17:00 Monday to Friday
  // Friday 2027-04-16 to Tuesday 2027-04-20 in Denver (UTC-6 in April).
  auto off = off_hours(h, "America/Denver", utc("2027-04-16T00:00"), utc("2027-04-20T00:00"));
  REQUIRE(off.size() == 3);
  CHECK(off[0] == BusyInterval{utc("2027-04-16T00:00"), utc("2027-04-16T15:00")});
  CHECK(off[1] == BusyInterval{utc("2027-04-16T23:00"), utc("2027-04-19T15:00")});  // the weekend
  CHECK(off[2] == BusyInterval{utc("2027-04-19T23:00"), utc("2027-04-20T00:00")});
}

namespace {

std::string scheduling_document(std::string_view calendar = {}) {
  std::string doc = R"({"format": "partnerkit/1", "name": "Scheduling", "timezone": "America/Denver",
    "organizations": [{"id": "chapter", "name": "Chapter"}, {"id": "voca", "name": "VOCA"}],
    "people": [
      {"id": "ed", "name": "A. Rivera", "organization": "chapter", "timezone": "America/Denver"},
      {"id": "ny", "name": "B. Chen", "organization": "voca", "timezone": "America/New_York",
       "working_hours": {"start": "08:00", "end": "16:00"}},
      {"id": "hi", "name": "C. Kai", "organization": "voca", "timezone": "Pacific/Honolulu"}],
    "meetings": [{"id": "m1", "kind": "planning-call", "start": "2027-04-12T10:00", "duration": "PT1H",
                  "participants": ["ed", "ny"]}],
    "availability": [{"person": "ed", "busy": [{"start": "2027-04-12T09:00", "end": "2027-04-12T12:00"}])";
  if (!calendar.empty()) doc += R"(, "calendar": ")" + std::string(calendar) + "\"";
  return doc + "}]}";
}

}  // namespace

TEST_CASE("a meeting of the document: its participants, the document's busy times, reasons", "[meetings][schedule]") {
  Partnership p = loads(scheduling_document());
  REQUIRE(p.people[1].working_hours);
  CHECK(p.people[1].working_hours->start == minutes{8 * 60});
  MeetingRequest r = request_for(p, "m1");
  CHECK(r.required == std::vector<std::string>{"ed", "ny"});
  CHECK(r.query.duration == minutes{60});
  CHECK(format_utc(r.query.window_start) == "2027-04-12T06:00:00Z");  // midnight in Denver (MDT)
  CHECK(format_utc(r.query.window_end) == "2027-04-26T06:00:00Z");
  r.query.top = 3;
  Schedule s = schedule(p, r);
  REQUIRE(s.slots.size() == 3);
  // ed works 09-17 Denver (15-23 UTC) but is busy 09-12 on the 12th; ny works 08-16 New York
  // (12-20 UTC). Together: 18:00-20:00 UTC on the 12th; the next slots follow on the 12th too.
  CHECK(format_utc(s.slots[0].start) == "2027-04-12T18:00:00Z");
  CHECK(format_in_zone(s.slots[0].start, "America/Denver") == "2027-04-12T12:00");
  CHECK(format_utc(s.slots[1].start) == "2027-04-12T19:00:00Z");
  CHECK(format_utc(s.slots[2].start) == "2027-04-13T15:00:00Z");
  CHECK(s.reasons.empty());
  auto json = to_json(s);
  CHECK(json["slots"][0]["local_start"] == "2027-04-12T12:00");
  CHECK(json["slots"][0]["participant_local_start"]["ny"] == "2027-04-12T14:00");

  SECTION("a required person never free") {
    r.required = {"ed", "hi"};
    r.query.duration = minutes{5 * 60};
    // Honolulu 09-17 is 19-03 UTC; Denver 09-17 is 15-23 UTC: 4 hours together at most.
    Schedule none = schedule(p, r);
    CHECK(none.slots.empty());
    REQUIRE(none.reasons.size() == 1);
    CHECK(none.reasons[0] == "the required participants are each free at some time but never together for PT5H in the window");
  }
  SECTION("a window shorter than the meeting") {
    r.query.window_end = r.query.window_start + minutes{30};
    Schedule none = schedule(p, r);
    CHECK(none.slots.empty());
    REQUIRE(none.reasons.size() == 1);
    CHECK_THAT(none.reasons[0], Catch::Matchers::Contains("is shorter than the meeting (PT1H)"));
  }
  SECTION("one required person is never free") {
    r.query.window_start = utc("2027-04-17T06:00");  // Saturday and Sunday in Denver
    r.query.window_end = utc("2027-04-19T06:00");
    Schedule none = schedule(p, r);
    CHECK(none.slots.empty());
    REQUIRE(none.reasons.size() == 2);
    CHECK(none.reasons[0] ==
          "A. Rivera (ed) is never free for PT1H in the window (working hours in America/Denver, busy times, calendars)");
  }
  SECTION("allowing a missing required person lists who is missing") {
    r.required = {"ed", "hi"};
    r.query.duration = minutes{5 * 60};
    r.query.require_all = false;
    Schedule some = schedule(p, r);
    REQUIRE(!some.slots.empty());
    CHECK(some.slots[0].missing.size() == 1);
    CHECK(some.slots[0].required_attending == 1);
  }
  SECTION("unknown ids") {
    r.optional = {"nobody"};
    CHECK_THROWS_WITH(schedule(p, r), "unknown person \"nobody\"");
    CHECK_THROWS_WITH(request_for(p, "m9"), "unknown meeting \"m9\"");
  }
}

TEST_CASE("calendars from the document (relative to its folder) and given per person", "[meetings][schedule]") {
  pt::TempDir dir;
  std::filesystem::create_directories(dir / "calendars");
  // ed is busy all of Monday afternoon in Denver by calendar, weekly.
  pt::write_text(dir / "calendars/ed.ics",
                 "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:a@test\r\n"
                 "DTSTART;TZID=America/Denver:20270405T120000\r\nDTEND;TZID=America/Denver:20270405T170000\r\n"
                 "RRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  pt::write_text(dir / "doc.json", scheduling_document("calendars/ed.ics"));
  Partnership p = load(dir / "doc.json");
  MeetingRequest r = request_for(p, "m1");
  r.query.top = 1;
  ScheduleOptions o;
  o.base_dir = dir.path();
  Schedule s = schedule(p, r, o);
  REQUIRE(s.slots.size() == 1);
  CHECK(format_utc(s.slots[0].start) == "2027-04-13T15:00:00Z");  // Tuesday 09:00 Denver
  // Without the folder the relative path does not resolve (from the test's working folder).
  CHECK_THROWS_AS(schedule(p, r, ScheduleOptions{}), IoError);
  // A calendar given for ny blocks Tuesday morning in New York.
  pt::write_text(dir / "ny.ics",
                 "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:b@test\r\n"
                 "DTSTART:20270413T120000Z\r\nDTEND:20270413T170000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  o.calendars["ny"] = dir / "ny.ics";
  s = schedule(p, r, o);
  REQUIRE(s.slots.size() == 1);
  CHECK(format_utc(s.slots[0].start) == "2027-04-13T17:00:00Z");
  o.calendars["zz"] = dir / "ny.ics";
  CHECK_THROWS_WITH(schedule(p, r, o), "calendar for an unknown person \"zz\"");
}

TEST_CASE("working hours in the document: defaults, round trip, bad values", "[meetings][schedule][io]") {
  Partnership p = loads(scheduling_document());
  CHECK_FALSE(p.people[0].working_hours);
  REQUIRE(p.people[1].working_hours);
  CHECK(p.people[1].working_hours->days.size() == 5);
  Partnership again = loads(dumps(p));
  CHECK(again == p);
  CHECK(to_json(p)["people"][1]["working_hours"].dump() == R"({"start":"08:00","end":"16:00","days":["mon","tue","wed","thu","fri"]})");

  auto bad = pt::validation_error(pt::document(R"("organizations": [{"id": "o", "name": "O"}],
      "people": [{"id": "a", "name": "A", "organization": "o", "working_hours": {"start": "17:00", "end": "09:00"}},
                 {"id": "b", "name": "B", "organization": "o", "working_hours": {"start": "9:00", "days": ["monday"]}}])"));
  auto text = pt::lines(bad);
  REQUIRE(text.size() == 3);
  CHECK(text[0] == "doc.json: /people/0/working_hours/end: expected the working day to end after it starts (17:00 to 09:00)");
  CHECK_THAT(text[1], Catch::Matchers::StartsWith("doc.json: /people/1/working_hours/days/0: "));
  CHECK_THAT(text[2], Catch::Matchers::StartsWith("doc.json: /people/1/working_hours/start: "));
}
