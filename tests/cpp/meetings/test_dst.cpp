// Daylight saving time: Denver, New York, Phoenix (no DST) and Honolulu (no DST) together
// across the March and November 2027 transitions; working days with skipped and repeated hours.
#include <catch2/catch.hpp>
#include <date/tz.h>

#include <random>

#include "partnerkit/io/document.hpp"
#include "partnerkit/meetings/schedule.hpp"

using namespace partnerkit;
using namespace partnerkit::meetings;
using std::chrono::minutes;

namespace {

Instant utc(std::string_view text) {
  auto t = parse_local_datetime(text);
  REQUIRE(t);
  return Instant{t->time_since_epoch()};
}

// Four people working 08:00-17:00 every day in their own zones.
Partnership four_zones() {
  return loads(R"({"format": "partnerkit/1", "name": "DST", "timezone": "America/Denver",
    "organizations": [{"id": "o", "name": "O"}],
    "people": [
      {"id": "den", "name": "Denver", "organization": "o", "timezone": "America/Denver",
       "working_hours": {"start": "08:00", "end": "17:00", "days": ["mon","tue","wed","thu","fri","sat","sun"]}},
      {"id": "nyc", "name": "New York", "organization": "o", "timezone": "America/New_York",
       "working_hours": {"start": "08:00", "end": "17:00", "days": ["mon","tue","wed","thu","fri","sat","sun"]}},
      {"id": "phx", "name": "Phoenix", "organization": "o", "timezone": "America/Phoenix",
       "working_hours": {"start": "08:00", "end": "17:00", "days": ["mon","tue","wed","thu","fri","sat","sun"]}},
      {"id": "hnl", "name": "Honolulu", "organization": "o", "timezone": "Pacific/Honolulu",
       "working_hours": {"start": "08:00", "end": "17:00", "days": ["mon","tue","wed","thu","fri","sat","sun"]}},
      {"id": "night", "name": "Night shift", "organization": "o", "timezone": "America/Denver",
       "working_hours": {"start": "01:00", "end": "04:00", "days": ["mon","tue","wed","thu","fri","sat","sun"]}},
      {"id": "gap", "name": "Skipped start", "organization": "o", "timezone": "America/Denver",
       "working_hours": {"start": "02:00", "end": "05:00", "days": ["mon","tue","wed","thu","fri","sat","sun"]}},
      {"id": "late", "name": "Repeated hour", "organization": "o", "timezone": "America/Denver",
       "working_hours": {"start": "00:00", "end": "03:00", "days": ["mon","tue","wed","thu","fri","sat","sun"]}}]})");
}

MeetingRequest request(std::vector<std::string> people, int duration_minutes, std::string_view from, std::string_view to) {
  MeetingRequest r;
  r.required = std::move(people);
  r.query.duration = minutes{duration_minutes};
  r.query.window_start = utc(from);
  r.query.window_end = utc(to);
  r.query.top = 10;
  return r;
}

// Every participant's local start and end exist on their clocks (no slot in a skipped hour).
void check_local_times_exist(const Partnership& p, const Schedule& s) {
  for (const auto& slot : s.slots)
    for (const auto& id : slot.attending) {
      std::string tz = timezone_of(p, id);
      for (Instant t : {slot.start, slot.end}) {
        auto local = parse_local_datetime(format_in_zone(t, tz));
        REQUIRE(local);
        CHECK(utc_of(*local, tz) == t);
      }
    }
}

}  // namespace

TEST_CASE("four zones across the March transition", "[meetings][dst]") {
  Partnership p = four_zones();
  // Common hours: 18:00-22:00 UTC on Saturday 13 March (before DST), then 18:00-21:00 UTC once
  // New York and Denver move their clocks forward on Sunday 14 March; Phoenix and Honolulu do not.
  auto r = request({"den", "nyc", "phx", "hnl"}, 210, "2027-03-13T00:00", "2027-03-16T00:00");
  Schedule s = schedule(p, r);
  REQUIRE(s.slots.size() == 1);
  CHECK(format_utc(s.slots[0].start) == "2027-03-13T18:00:00Z");
  CHECK(format_in_zone(s.slots[0].start, "America/Denver") == "2027-03-13T11:00");
  CHECK(format_in_zone(s.slots[0].start, "America/New_York") == "2027-03-13T13:00");
  CHECK(format_in_zone(s.slots[0].start, "America/Phoenix") == "2027-03-13T11:00");
  CHECK(format_in_zone(s.slots[0].start, "Pacific/Honolulu") == "2027-03-13T08:00");
  check_local_times_exist(p, s);

  r.query.duration = minutes{180};
  s = schedule(p, r);
  REQUIRE(s.slots.size() == 3);
  CHECK(format_utc(s.slots[0].start) == "2027-03-13T18:00:00Z");
  CHECK(format_utc(s.slots[1].start) == "2027-03-14T18:00:00Z");
  CHECK(format_in_zone(s.slots[1].start, "America/Denver") == "2027-03-14T12:00");  // MDT now
  CHECK(format_in_zone(s.slots[1].start, "America/Phoenix") == "2027-03-14T11:00");
  CHECK(format_utc(s.slots[2].start) == "2027-03-15T18:00:00Z");
  check_local_times_exist(p, s);
}

TEST_CASE("four zones across the November transition", "[meetings][dst]") {
  Partnership p = four_zones();
  // 18:00-21:00 UTC on Saturday 6 November, 18:00-22:00 UTC from Sunday 7 November (clocks back).
  auto r = request({"den", "nyc", "phx", "hnl"}, 210, "2027-11-06T00:00", "2027-11-09T00:00");
  Schedule s = schedule(p, r);
  REQUIRE(s.slots.size() == 2);
  CHECK(format_utc(s.slots[0].start) == "2027-11-07T18:00:00Z");
  CHECK(format_in_zone(s.slots[0].start, "America/New_York") == "2027-11-07T13:00");
  CHECK(format_utc(s.slots[1].start) == "2027-11-08T18:00:00Z");
  check_local_times_exist(p, s);
}

TEST_CASE("a working day that spans the skipped hour is an hour shorter", "[meetings][dst]") {
  Partnership p = four_zones();
  // 01:00 MST (08:00 UTC) to 04:00 MDT (10:00 UTC) on 14 March: two hours, not three.
  auto r = request({"night"}, 150, "2027-03-14T07:00", "2027-03-15T07:00");
  Schedule s = schedule(p, r);
  CHECK(s.slots.empty());
  REQUIRE(s.reasons.size() == 1);
  CHECK_THAT(s.reasons[0], Catch::Matchers::Contains("is never free for PT2H30M"));
  r.query.duration = minutes{120};
  s = schedule(p, r);
  REQUIRE(s.slots.size() == 1);
  CHECK(format_utc(s.slots[0].start) == "2027-03-14T08:00:00Z");
  CHECK(format_in_zone(s.slots[0].start, "America/Denver") == "2027-03-14T01:00");
  CHECK(format_in_zone(s.slots[0].end, "America/Denver") == "2027-03-14T04:00");
  check_local_times_exist(p, s);
}

TEST_CASE("a working day that starts in the skipped hour starts when the clocks jump", "[meetings][dst]") {
  Partnership p = four_zones();
  // 02:00 does not exist on 14 March in Denver: the day starts at 03:00 MDT (09:00 UTC).
  auto r = request({"gap"}, 60, "2027-03-14T07:00", "2027-03-15T07:00");
  r.query.granularity = minutes{5};
  Schedule s = schedule(p, r);
  REQUIRE(s.slots.size() == 2);
  CHECK(format_in_zone(s.slots[0].start, "America/Denver") == "2027-03-14T03:00");
  CHECK(format_utc(s.slots[0].start) == "2027-03-14T09:00:00Z");
  CHECK(format_in_zone(s.slots[1].start, "America/Denver") == "2027-03-14T04:00");
  check_local_times_exist(p, s);
  for (const auto& slot : s.slots) {
    auto hour = format_in_zone(slot.start, "America/Denver").substr(11, 2);
    CHECK(hour != "02");
  }
}

TEST_CASE("a working day that spans the repeated hour is an hour longer", "[meetings][dst]") {
  Partnership p = four_zones();
  // 00:00 MDT (06:00 UTC) to 03:00 MST (10:00 UTC) on 7 November: four hours.
  auto r = request({"late"}, 210, "2027-11-06T06:00", "2027-11-09T07:00");
  Schedule s = schedule(p, r);
  REQUIRE(s.slots.size() == 1);
  CHECK(format_utc(s.slots[0].start) == "2027-11-07T06:00:00Z");
  check_local_times_exist(p, s);
}

TEST_CASE("a weekly calendar event keeps its local time across the transition", "[meetings][dst][ical]") {
  CalendarOptions o;
  o.window_start = utc("2027-03-01T00:00");
  o.window_end = utc("2027-03-22T00:00");
  o.timezone = "America/Phoenix";
  auto busy = read_calendar_text(
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:w@t\r\n"
      "DTSTART;TZID=America/New_York:20270301T100000\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n",
      "w.ics", o);
  REQUIRE(busy.busy.size() == 3);  // the 4th (22 March) is outside the window
  CHECK(busy.busy[0] == BusyInterval{utc("2027-03-01T15:00"), utc("2027-03-01T16:00")});
  CHECK(busy.busy[1] == BusyInterval{utc("2027-03-08T15:00"), utc("2027-03-08T16:00")});
  CHECK(busy.busy[2] == BusyInterval{utc("2027-03-15T14:00"), utc("2027-03-15T15:00")});  // EDT
}

// The conversions keep each thread's last UTC offset periods (src/meetings/zone_offsets.hpp):
// they must give what date/tz gives at every moment, whatever was converted before.
TEST_CASE("UTC and wall-clock conversions are date/tz's around every transition, in any order", "[meetings][dst]") {
  const char* zones[] = {"America/Denver", "America/New_York", "America/Phoenix", "Pacific/Honolulu", "Pacific/Apia",
                         "Australia/Lord_Howe", "Europe/London", "Pacific/Kiritimati", "America/Santiago",
                         "Africa/Casablanca", "Europe/Moscow", "Asia/Kolkata", "America/St_Johns", "UTC"};
  std::mt19937 rng(2027);
  std::vector<std::pair<std::string, std::chrono::sys_seconds>> moments;  // near transitions and in between
  for (const char* name : zones) {
    const auto* z = date::locate_zone(name);
    auto t = date::sys_seconds{date::sys_days{date::year{1990} / 1 / 1}.time_since_epoch()};
    const auto end = date::sys_seconds{date::sys_days{date::year{2040} / 1 / 1}.time_since_epoch()};
    while (t < end) {
      const auto info = z->get_info(t);
      for (int offset : {-3 * 86400, -86400 - 1, -7200, -3601, -1800, -1, 0, 1, 1799, 3600, 86400, 2 * 86400 + 1})
        moments.push_back({name, std::chrono::sys_seconds{(info.end + std::chrono::seconds{offset}).time_since_epoch()}});
      moments.push_back({name, std::chrono::sys_seconds{(info.begin + (info.end - info.begin) / 2).time_since_epoch()}});
      if (info.end >= end) break;
      t = info.end;
    }
  }
  std::shuffle(moments.begin(), moments.end(), rng);
  std::size_t checked = 0;
  for (const auto& [name, t] : moments) {
    const auto* z = date::locate_zone(name);
    const auto local = local_of(Instant{t}, name);
    REQUIRE(local.time_since_epoch() == z->to_local(date::sys_seconds{t.time_since_epoch()}).time_since_epoch());
    // Local times on both sides of each moment: skipped ones give the transition, repeated
    // ones their first instant.
    for (int shift : {-3600, -1, 0, 1, 1800, 3600}) {
      const auto l = local + std::chrono::seconds{shift};
      const auto expected = z->to_sys(date::local_seconds{l.time_since_epoch()}, date::choose::earliest);
      REQUIRE(utc_of(l, name).time_since_epoch() == expected.time_since_epoch());
      ++checked;
    }
  }
  CHECK(checked > 10000);
}
