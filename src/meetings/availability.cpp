// Busy times of people: working hours in their zone, the document's busy intervals, calendars.
#include <date/tz.h>

#include <tbb/parallel_for.h>

#include <algorithm>
#include <exception>
#include <cstdio>

#include "core/zone.hpp"
#include "meetings/zone_offsets.hpp"
#include "partnerkit/meetings/schedule.hpp"

namespace partnerkit::meetings {
namespace {

const date::time_zone* zone_named(std::string_view name) { return partnerkit::detail::zone_named(name.empty() ? "UTC" : name); }

Instant utc_of(const date::time_zone* z, std::chrono::local_seconds local) {
  return Instant{detail::ZoneOffsets::to_sys(z, local).time_since_epoch()};
}

std::chrono::local_seconds local_of(const date::time_zone* z, Instant t) {
  return detail::ZoneOffsets::to_local(z, std::chrono::sys_seconds{t.time_since_epoch()});
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
  for (const auto& [person, path] : options.calendars)
    if (!p.find_person(person)) throw Error("calendar for an unknown person \"" + person + "\"");
  // Who, in request order (a person listed twice counts once, as required if listed so first).
  std::vector<Attendee> out;
  std::vector<std::string> zones;
  std::vector<WorkingHours> hours;
  std::vector<std::vector<std::filesystem::path>> calendars;
  auto add = [&](const std::string& id, bool required) {
    for (const auto& a : out)
      if (a.person == id) return;
    const Person* person = p.find_person(id);
    if (!person) throw Error("unknown person \"" + id + "\"");
    std::string tz = timezone_of(p, id);
    if (timezones) (*timezones)[id] = tz;
    const date::time_zone* z = zone_named(tz);
    Attendee a{id, required, {}};  // off hours are added in parallel below
    std::vector<std::filesystem::path> paths;
    for (const auto& av : p.availability) {
      if (av.person != id) continue;
      for (const auto& i : av.busy) a.busy.push_back({utc_of(z, i.start), utc_of(z, i.end)});
      if (av.calendar) {
        std::filesystem::path path = *av.calendar;
        paths.push_back(path.is_relative() && !options.base_dir.empty() ? options.base_dir / path : path);
      }
    }
    if (auto it = options.calendars.find(id); it != options.calendars.end()) paths.push_back(it->second);
    out.push_back(std::move(a));
    zones.push_back(tz);
    hours.push_back(person->working_hours.value_or(WorkingHours{}));
    calendars.push_back(std::move(paths));
  };
  for (const auto& id : request.required) add(id, true);
  for (const auto& id : request.optional) add(id, false);

  // Off hours and calendars are done in parallel (one person per task); the first failure in
  // request order is the one reported.
  std::vector<std::vector<Issue>> found(out.size());
  std::vector<std::exception_ptr> failed(out.size());
  tbb::parallel_for(std::size_t{0}, out.size(), [&](std::size_t i) {
    try {
      // Each part sorted, merged into the sorted whole as it comes (then merging is linear).
      auto& busy = out[i].busy;
      auto add_sorted = [&](const std::vector<BusyInterval>& part) {
        const auto middle = static_cast<std::ptrdiff_t>(busy.size());
        busy.insert(busy.end(), part.begin(), part.end());
        std::inplace_merge(busy.begin(), busy.begin() + middle, busy.end());
      };
      std::sort(busy.begin(), busy.end());  // the document's intervals
      add_sorted(off_hours(hours[i], zones[i], from, to));
      for (const auto& path : calendars[i]) {
        CalendarBusy cal = read_calendar(path, CalendarOptions{from, to, zones[i], options.limits});
        add_sorted(cal.busy);
        found[i].insert(found[i].end(), cal.warnings.begin(), cal.warnings.end());
      }
      out[i].busy = merge_intervals(std::move(out[i].busy));
    } catch (...) {
      failed[i] = std::current_exception();
    }
  });
  for (const auto& e : failed)
    if (e) std::rethrow_exception(e);
  if (warnings)
    for (auto& w : found) warnings->insert(warnings->end(), w.begin(), w.end());
  return out;
}

Instant utc_of(LocalDateTime local, std::string_view timezone) { return utc_of(zone_named(timezone), local); }

std::string format_utc(Instant t) { return date::format("%FT%TZ", t); }

LocalDateTime local_of(Instant t, std::string_view timezone) { return local_of(zone_named(timezone), t); }

std::string format_in_zone(Instant t, std::string_view timezone) { return format_local_datetime(local_of(t, timezone)); }

}  // namespace partnerkit::meetings
