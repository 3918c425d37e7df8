// iCalendar export of a plan, written with libical; VTIMEZONEs built from the tz database.
#include <libical/ical.h>
#include <date/tz.h>

#include <ctime>
#include <cstdlib>
#include <memory>
#include <set>

#include "core/zone.hpp"
#include "meetings/detail.hpp"
#include "partnerkit/core/error.hpp"
#include "partnerkit/meetings/export.hpp"
#include "partnerkit/version.hpp"

namespace partnerkit::meetings {
namespace {

namespace ch = std::chrono;

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentDeleter>;

// A floating (zone-less) date-time; the TZID parameter or the VTIMEZONE gives its zone.
icaltimetype floating(LocalDateTime t) {
  auto day = ch::floor<ch::days>(t);
  ch::year_month_day ymd(ch::sys_days(day.time_since_epoch()));
  ch::hh_mm_ss<ch::seconds> hms(t - day);
  icaltimetype out = icaltime_null_time();
  out.year = static_cast<int>(ymd.year());
  out.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  out.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  out.hour = static_cast<int>(hms.hours().count());
  out.minute = static_cast<int>(hms.minutes().count());
  out.second = static_cast<int>(hms.seconds().count());
  out.is_date = 0;
  return out;
}

icaltimetype utc_time(ch::sys_seconds t) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(t.time_since_epoch().count()), 0,
                                       icaltimezone_get_utc_timezone());
}

// A parameter value (CN): libical writes double quotes and line breaks with RFC 6868's ^' and ^n
// and quotes the rest, so names come back byte for byte; only CR is folded into the line break.
std::string parameter_text(std::string s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] != '\r') out += s[i];
    else if (i + 1 == s.size() || s[i + 1] != '\n') out += '\n';
  return out;
}

// The VTIMEZONE of a zone: one STANDARD or DAYLIGHT observance per transition in [from, to),
// with the offset in force at `from` as the first. Explicit transitions (no RRULE) say exactly
// what the tz database says, including past rule changes.
icalcomponent* vtimezone(const std::string& name, ch::sys_seconds from, ch::sys_seconds to) {
  const date::time_zone* zone = partnerkit::detail::zone_named(name);
  icalcomponent* tz = icalcomponent_new(ICAL_VTIMEZONE_COMPONENT);
  icalcomponent_add_property(tz, icalproperty_new_tzid(name.c_str()));
  auto observance = [&](const date::sys_info& info, ch::seconds offset_from, ch::sys_seconds onset) {
    icalcomponent* c = icalcomponent_new(info.save != ch::minutes(0) ? ICAL_XDAYLIGHT_COMPONENT : ICAL_XSTANDARD_COMPONENT);
    icalcomponent_add_property(c, icalproperty_new_dtstart(floating(LocalDateTime((onset + offset_from).time_since_epoch()))));
    icalcomponent_add_property(c, icalproperty_new_tzoffsetfrom(static_cast<int>(offset_from.count())));
    icalcomponent_add_property(c, icalproperty_new_tzoffsetto(static_cast<int>(info.offset.count())));
    icalcomponent_add_property(c, icalproperty_new_tzname(info.abbrev.c_str()));
    icalcomponent_add_component(tz, c);
  };
  date::sys_info info = zone->get_info(from);
  observance(info, info.offset, from);
  while (info.end < to) {
    ch::seconds previous = info.offset;
    ch::sys_seconds onset = info.end;
    info = zone->get_info(onset);
    observance(info, previous, onset);
  }
  return tz;
}

const Person* organizer_of(const Plan& plan, const PlannedMeeting& m) {
  for (const auto& id : m.participants)
    if (const Person* p = plan.find_person(id); p && p->facilitator) return p;
  for (const auto& id : m.participants)
    if (const Person* p = plan.find_person(id); p && p->decision_maker) return p;
  return nullptr;
}

std::string address_of(const Person& p) {
  return p.email ? "mailto:" + *p.email : "urn:partnerkit:person:" + p.id;
}

}  // namespace

std::string event_description(const Plan& plan, const PlannedMeeting& m) {
  const Agenda* agenda = detail::agenda_of(plan, m);
  if (!agenda) return "";
  TimedAgenda t = timed(*agenda);
  Minutes clock = ch::duration_cast<Minutes>(m.start - ch::floor<ch::days>(m.start));
  std::string out = agenda->title + "\n";
  for (const auto& item : t.items) {
    out += clock_label(clock + item.offset) + "-" + clock_label(clock + item.end()) + " " + item.title + "\n";
    if (item.description) out += "    " + *item.description + "\n";
  }
  out += clock_label(clock + t.length) + " Adjourn";
  return out;
}

std::string to_ical(const Plan& plan, const IcalOptions& options) {
  const ch::sys_seconds stamp = options.dtstamp ? *options.dtstamp : ch::floor<ch::seconds>(ch::system_clock::now());
  Component cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  const std::string prodid = std::string("-//partnerkit//partnerkit ") + version + "//EN";
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid(prodid.c_str()));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  if (!plan.name.empty()) {
    icalproperty* name = icalproperty_new_x(plan.name.c_str());
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(cal.get(), name);
  }

  // Zones first: one VTIMEZONE per zone used, covering a year either side of the plan.
  std::set<std::string> zones;
  ch::sys_seconds first = ch::sys_seconds::max(), last = ch::sys_seconds::min();
  for (const auto& m : plan.meetings) {
    zones.insert(m.timezone);
    first = std::min(first, start_utc(m));
    last = std::max(last, end_utc(m));
  }
  for (const auto& z : zones) {
    icalcomponent_add_component(cal.get(), vtimezone(z, ch::floor<ch::days>(first) - ch::days(366),
                                                     ch::floor<ch::days>(last) + ch::days(367)));
  }

  for (const auto& m : plan.meetings) {
    icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(ev, icalproperty_new_uid(m.uid.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(stamp)));
    icalcomponent_add_property(ev, icalproperty_new_summary(m.title.c_str()));
    // The wall clock we write is the one the instant has, so a time in a skipped hour is written
    // as the time it becomes (every reader then agrees with start_utc()).
    const date::time_zone* zone = partnerkit::detail::zone_named(m.timezone);
    // A wall-clock time that occurs twice (the repeated hour in autumn) is written in UTC: RFC
    // 5545 means the first occurrence, but libical reads the second, so only UTC is read alike.
    auto timed_property = [&](ch::sys_seconds t, icalproperty* (*make)(icaltimetype)) {
      auto wall = zone->to_local(t);
      if (zone->get_info(wall).result != date::local_info::unique) return make(utc_time(t));
      icalproperty* prop = make(floating(LocalDateTime(wall.time_since_epoch())));
      icalproperty_add_parameter(prop, icalparameter_new_tzid(m.timezone.c_str()));
      return prop;
    };
    icalcomponent_add_property(ev, timed_property(start_utc(m), icalproperty_new_dtstart));
    icalcomponent_add_property(ev, timed_property(end_utc(m), icalproperty_new_dtend));
    if (m.location) icalcomponent_add_property(ev, icalproperty_new_location(m.location->c_str()));
    std::string description = event_description(plan, m);
    if (!description.empty()) icalcomponent_add_property(ev, icalproperty_new_description(description.c_str()));
    icalcomponent_add_property(
        ev, icalproperty_new_status(m.status == MeetingStatus::cancelled ? ICAL_STATUS_CANCELLED
                                    : m.if_needed                         ? ICAL_STATUS_TENTATIVE
                                                                          : ICAL_STATUS_CONFIRMED));
    if (const Person* o = organizer_of(plan, m)) {
      icalproperty* organizer = icalproperty_new_organizer(address_of(*o).c_str());
      icalproperty_add_parameter(organizer, icalparameter_new_cn(parameter_text(o->name).c_str()));
      icalcomponent_add_property(ev, organizer);
    }
    for (const auto& id : m.participants) {
      const Person* p = plan.find_person(id);
      Person unknown;
      if (!p) {
        unknown.id = unknown.name = id;
        p = &unknown;
      }
      icalproperty* attendee = icalproperty_new_attendee(address_of(*p).c_str());
      icalproperty_add_parameter(attendee, icalparameter_new_cn(parameter_text(p->name).c_str()));
      icalproperty_add_parameter(attendee, icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL));
      icalproperty_add_parameter(attendee, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
      icalproperty_add_parameter(attendee, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
      icalcomponent_add_property(ev, attendee);
    }
    icalcomponent_add_component(cal.get(), ev);
  }
  char* text = icalcomponent_as_ical_string_r(cal.get());
  if (!text) throw Error("libical could not write the calendar");
  std::string out(text);
  icalmemory_free_buffer(text);
  return out;
}

}  // namespace partnerkit::meetings
