// iCalendar export: the file we write, read back by libical itself: VERSION, PRODID, a VEVENT
// per meeting with UID, DTSTAMP, DTSTART/DTEND whose instants are the intended ones in four
// zones across daylight-saving changes, a VTIMEZONE per zone, ORGANIZER, ATTENDEEs, and text
// (commas, semicolons, quotes, line breaks, non-ASCII) that comes back byte for byte.
#include <catch2/catch.hpp>

#include <libical/ical.h>

#include <map>
#include <set>

#include "partnerkit/io/document.hpp"
#include "partnerkit/meetings/export.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::meetings;
namespace pt = partnerkit::test;
using Strings = std::vector<std::string>;

namespace {

struct Parsed {
  icalcomponent* c;
  explicit Parsed(const std::string& text) : c(icalparser_parse_string(text.c_str())) {}
  ~Parsed() {
    if (c) icalcomponent_free(c);
  }
  Parsed(const Parsed&) = delete;
  Parsed& operator=(const Parsed&) = delete;
};

std::string text_of(icalcomponent* c, icalproperty_kind kind) {
  icalproperty* p = icalcomponent_get_first_property(c, kind);
  if (!p) return "<missing>";
  const char* v = icalvalue_as_ical_string(icalproperty_get_value(p));  // escaped form
  (void)v;
  switch (kind) {
    case ICAL_DESCRIPTION_PROPERTY: return icalproperty_get_description(p);
    case ICAL_SUMMARY_PROPERTY: return icalproperty_get_summary(p);
    case ICAL_LOCATION_PROPERTY: return icalproperty_get_location(p);
    case ICAL_UID_PROPERTY: return icalproperty_get_uid(p);
    case ICAL_VERSION_PROPERTY: return icalproperty_get_version(p);
    case ICAL_PRODID_PROPERTY: return icalproperty_get_prodid(p);
    default: return icalproperty_get_value_as_string(p);
  }
}

// The instant of DTSTART/DTEND, resolved by libical against the calendar's own VTIMEZONE.
long long utc_of(icalcomponent* cal, icalproperty* p) {
  icaltimetype t = icalvalue_get_datetime(icalproperty_get_value(p));
  icalparameter* tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
  if (!tzid) {  // written in UTC
    REQUIRE(icaltime_is_utc(t));
    return static_cast<long long>(icaltime_as_timet(t));
  }
  icaltimezone* zone = icalcomponent_get_timezone(cal, icalparameter_get_tzid(tzid));
  REQUIRE(zone);  // found in the file, not in libical's built-in zones
  return static_cast<long long>(icaltime_as_timet_with_zone(t, zone));
}

long long epoch(std::string_view utc) {  // "2027-03-13T14:00"
  return std::chrono::duration_cast<std::chrono::seconds>(parse_local_datetime(utc)->time_since_epoch()).count();
}

}  // namespace

TEST_CASE("the calendar we write is read back by libical, instants and text intact", "[meetings][ical]") {
  Partnership doc = load(pt::data("meetings/tricky.json"));
  Plan p = plan(doc);
  IcalOptions o;
  o.dtstamp = std::chrono::sys_seconds(std::chrono::seconds(epoch("2027-01-02T03:04")));
  const std::string ics = to_ical(p, o);
  CHECK(ics == to_ical(p, o));  // deterministic with a fixed DTSTAMP
  CHECK(ics.find("\r\n") != std::string::npos);

  Parsed parsed(ics);
  REQUIRE(parsed.c);
  icalcomponent* cal = parsed.c;
  REQUIRE(icalcomponent_isa(cal) == ICAL_VCALENDAR_COMPONENT);
  CHECK(text_of(cal, ICAL_VERSION_PROPERTY) == "2.0");
  CHECK_THAT(text_of(cal, ICAL_PRODID_PROPERTY), Catch::Matchers::StartsWith("-//partnerkit//partnerkit "));
  // libical's own validation finds nothing to complain about.
  CHECK(icalcomponent_count_errors(cal) == 0);

  std::set<std::string> zones;
  for (icalcomponent* tz = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT); tz;
       tz = icalcomponent_get_next_component(cal, ICAL_VTIMEZONE_COMPONENT))
    zones.insert(icalproperty_get_tzid(icalcomponent_get_first_property(tz, ICAL_TZID_PROPERTY)));
  CHECK(zones == std::set<std::string>{"America/Denver", "America/New_York", "America/Phoenix", "Pacific/Honolulu"});

  // Intended instants, worked out by hand from the tz database (tests/data/meetings/README.md).
  std::map<std::string, std::pair<std::string, int>> intended{
      {"m1", {"2027-03-13T14:00", 60}},  {"m2", {"2027-03-15T15:00", 360}}, {"m3", {"2027-07-01T17:00", 60}},
      {"m4", {"2027-11-08T18:00", 60}}, {"m5", {"2027-11-07T05:30", 30}}};
  std::size_t events = 0;
  for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
       ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    ++events;
    const std::string uid = text_of(ev, ICAL_UID_PROPERTY);
    const std::string id = uid.substr(0, uid.find('.'));
    INFO(id);
    REQUIRE(intended.count(id));
    const PlannedMeeting* m = p.find_meeting(id);
    REQUIRE(m);
    CHECK(uid == m->uid);
    icalproperty* stamp = icalcomponent_get_first_property(ev, ICAL_DTSTAMP_PROPERTY);
    REQUIRE(stamp);
    CHECK(std::string(icaltime_as_ical_string(icalproperty_get_dtstamp(stamp))) == "20270102T030400Z");
    long long start = utc_of(cal, icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY));
    long long end = utc_of(cal, icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY));
    CHECK(start == epoch(intended[id].first));
    CHECK(end - start == intended[id].second * 60);
    CHECK(text_of(ev, ICAL_SUMMARY_PROPERTY) == m->title);
    std::string description = event_description(p, *m);
    if (description.empty())
      CHECK(icalcomponent_get_first_property(ev, ICAL_DESCRIPTION_PROPERTY) == nullptr);
    else
      CHECK(text_of(ev, ICAL_DESCRIPTION_PROPERTY) == description);
    std::size_t attendees = 0;
    for (icalproperty* a = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY); a;
         a = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY))
      ++attendees;
    CHECK(attendees == m->participants.size());
  }
  CHECK(events == 5);

  // The first meeting: the tricky text, the organizer (the facilitator) and attendee names.
  icalcomponent* first = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
  CHECK(text_of(first, ICAL_SUMMARY_PROPERTY) == "Planning, call; \"one\" <i>é</i>");
  CHECK(text_of(first, ICAL_LOCATION_PROPERTY) == "Room 1; Floor 2, \"Annex\"\nBack door");
  CHECK(text_of(first, ICAL_DESCRIPTION_PROPERTY) ==
        "Agenda: \"quotes\", commas; semicolons \\ backslash\n"
        "9:00am-9:30am Welcome, intro; \"quotes\" – café ☕ 日本語\n"
        "    Line one\nLine two, with comma; semicolon\\backslash <b>bold</b> *star* | pipe\n"
        "9:30am-10:00am <script>alert('x')</script> & [link](http://example.com) # not a heading\n"
        "10:00am Adjourn");
  icalproperty* organizer = icalcomponent_get_first_property(first, ICAL_ORGANIZER_PROPERTY);
  REQUIRE(organizer);
  CHECK(std::string(icalproperty_get_organizer(organizer)) == "mailto:kai@example.org");
  Strings names, addresses;
  for (icalproperty* a = icalcomponent_get_first_property(first, ICAL_ATTENDEE_PROPERTY); a;
       a = icalcomponent_get_next_property(first, ICAL_ATTENDEE_PROPERTY)) {
    addresses.push_back(icalproperty_get_attendee(a));
    names.push_back(icalparameter_get_cn(icalproperty_get_first_parameter(a, ICAL_CN_PARAMETER)));
  }
  CHECK(addresses == Strings{"mailto:pat@example.org", "urn:partnerkit:person:jose", "mailto:kai@example.org"});
  // A parameter value cannot hold a double quote (RFC 5545 3.2): it is written as RFC 6868's ^'.
  CHECK(names == Strings{"O'Brien, \"Pat\"", "José Müller-Łukasz 日本", "Kai; Facilitator"});
}

TEST_CASE("VTIMEZONEs follow the tz database, including its transitions", "[meetings][ical]") {
  Partnership doc = load(pt::data("meetings/tricky.json"));
  std::string ics = to_ical(plan(doc));
  // Phoenix keeps MST all year; New York changes twice a year (2026, 2027, 2028 in range).
  CHECK(ics.find("BEGIN:VTIMEZONE\r\nTZID:America/Phoenix\r\nBEGIN:STANDARD\r\n") != std::string::npos);
  CHECK(ics.find("DTSTART:20270314T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT") !=
        std::string::npos);
  CHECK(ics.find("DTSTART:20271107T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST") !=
        std::string::npos);
  // A start in the repeated hour is written in UTC (the first occurrence, as RFC 5545 means it).
  CHECK(ics.find("DTSTART:20271107T053000Z\r\n") != std::string::npos);
  CHECK(ics.find("DTSTART;TZID=America/Phoenix:20270701T100000\r\n") != std::string::npos);
  // An empty plan is still a valid calendar.
  Plan empty;
  std::string none = to_ical(empty);
  Parsed parsed(none);
  REQUIRE(parsed.c);
  CHECK(icalcomponent_count_components(parsed.c, ICAL_VEVENT_COMPONENT) == 0);
}
