// Busy times of people: working hours in their zone, the document's busy intervals, calendars.
#include <date/tz.h>

#include <algorithm>
#include <cstdio>

#include "partnerkit/meetings/schedule.hpp"

namespace partnerkit::meetings {
namespace {

const date::time_zone* zone_named(std::string_view name) {
  try {
    return date::locate_zone(name.empty() ? std::string_view("UTC") : name);
  } catch (const std::exception&) {
    throw Error("unknown time zone \"" + std::string(name) + "\"");
  }
}

Instant utc_of(const date::time_zone* z, std::chrono::local_seconds local) {
  date::local_seconds l{local.time_since_epoch()};
  return Instant{z->to_sys(l, date::choose::earliest).time_since_epoch()};
}

std::chrono::local_seconds local_of(const date::time_zone* z, Instant t) {
  return std::chrono::local_seconds{z->to_local(t).time_since_epoch()};
}

}  // namespace

std::vector<BusyInterval> off_hours(const WorkingHours& hours, std::string_view timezone, Instant from, Instant to) {
  const date::time_zone* z = zone_named(timezone);
  std::vector<BusyInterval> work;
  auto first = std::chrono::floor<std::chrono::days>(local_of(z, from)) - std::chrono::days{1};
  auto last = std::chrono::floor<std::chrono::days>(local_of(z, to)) + std::chrono::days{1};
  for (auto day = first; day <= last; day += std::chrono::days{1}) {
    std::chrono::weekday wd{std::chrono::local_days{day.time_since_epoch()}};
    if (std::find(hours.days.begin(), hours.days.end(), wd) == hours.days.end()) continue;
    std::chrono::local_seconds start{day.time_since_epoch()};
    // A start or end in a skipped hour is the moment the clocks jump.
    Instant a = utc_of(z, start + hours.start), b = utc_of(z, start + hours.end);
    if (b > a) work.push_back({a, b});
  }
  work = merge_intervals(std::move(work));
  std::vector<BusyInterval> off;
  Instant cursor = from;
  for (const auto& w : work) {
    if (w.end <= from || w.start >= to) continue;
    if (w.start > cursor) off.push_back({cursor, w.start});
    cursor = std::max(cursor, w.end);
  }
  if (cursor < to) off.push_back({cursor, to});
  return off;
}

std::string timezone_of(const Partnership& p, std::string_view person) {
  if (const Person* x = p.find_person(person); x && x->timezone) return *x->timezone;
  return p.timezone.value_or("UTC");
}

std::vector<Attendee> attendees_for(const Partnership& p, const MeetingRequest& request, const ScheduleOptions& options,
                                    Instant from, Instant to, std::vector<Issue>* warnings,
                                    std::map<std::string, std::string>* timezones) {
  std::vector<Attendee> out;
  auto add = [&](const std::string& id, bool required) {
    for (const auto& a : out)
      if (a.person == id) return;  // listed twice: the first (required) wins
    const Person* person = p.find_person(id);
    if (!person) throw Error("unknown person \"" + id + "\"");
    std::string tz = timezone_of(p, id);
    if (timezones) (*timezones)[id] = tz;
    const date::time_zone* z = zone_named(tz);
    Attendee a{id, required, off_hours(person->working_hours.value_or(WorkingHours{}), tz, from, to)};
    std::vector<std::filesystem::path> calendars;
    for (const auto& av : p.availability) {
      if (av.person != id) continue;
      for (const auto& i : av.busy) a.busy.push_back({utc_of(z, i.start), utc_of(z, i.end)});
      if (av.calendar) {
        std::filesystem::path path = *av.calendar;
        calendars.push_back(path.is_relative() && !options.base_dir.empty() ? options.base_dir / path : path);
      }
    }
    if (auto it = options.calendars.find(id); it != options.calendars.end()) calendars.push_back(it->second);
    for (const auto& path : calendars) {
      CalendarOptions co{from, to, tz, options.limits};
      CalendarBusy cal = read_calendar(path, co);
      a.busy.insert(a.busy.end(), cal.busy.begin(), cal.busy.end());
      if (warnings) warnings->insert(warnings->end(), cal.warnings.begin(), cal.warnings.end());
    }
    a.busy = merge_intervals(std::move(a.busy));
    out.push_back(std::move(a));
  };
  for (const auto& id : request.required) add(id, true);
  for (const auto& id : request.optional) add(id, false);
  for (const auto& [person, path] : options.calendars)
    if (!p.find_person(person)) throw Error("calendar for an unknown person \"" + person + "\"");
  return out;
}

Instant utc_of(LocalDateTime local, std::string_view timezone) { return utc_of(zone_named(timezone), local); }

std::string format_utc(Instant t) { return date::format("%FT%TZ", t); }

std::string format_in_zone(Instant t, std::string_view timezone) {
  auto local = local_of(zone_named(timezone), t);
  return format_local_datetime(local);
}

}  // namespace partnerkit::meetings
