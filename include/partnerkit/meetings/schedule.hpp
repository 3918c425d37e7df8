// Finding meeting times across time zones: working hours, busy times and calendars.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "partnerkit/core/model.hpp"
#include "partnerkit/meetings/availability.hpp"

namespace partnerkit::meetings {

/// One person as the scheduler sees them: busy intervals (UTC, merged), off-hours included.
struct Attendee {
  std::string person;
  bool required = true;
  std::vector<BusyInterval> busy;
};

/// A candidate meeting time.
struct Slot {
  Instant start;
  Instant end;
  std::vector<std::string> attending;  ///< person ids, in request order (required first)
  std::vector<std::string> missing;    ///< person ids who are busy or off work then
  std::size_t required_attending = 0;
  std::size_t required_total = 0;
  double share = 0;  ///< attending / everyone invited
  friend bool operator==(const Slot&, const Slot&) = default;
};

/// What to look for.
struct SlotQuery {
  Minutes duration{60};
  Instant window_start;  ///< earliest start
  Instant window_end;    ///< latest end
  double min_share = 0;      ///< least share of attendees (0-1) a slot must reach
  bool require_all = true;   ///< slots must have every required attendee
  std::size_t top = 5;       ///< how many slots
  Minutes granularity{15};   ///< starts fall on multiples of this since 1970-01-01T00:00Z
};

/// The best `top` slots that do not overlap one another, ranked by required attendees, then
/// attendees, then the earliest start. An interval sweep over the attendees' busy times (each
/// widened by the duration, so a point of the sweep is a start), then a heap: O(B log B) for B
/// busy intervals in all, independent of the window's length in minutes.
std::vector<Slot> find_slots(const std::vector<Attendee>& attendees, const SlotQuery& query);

/// The times outside a person's working hours, in UTC, covering [from, to). Working hours are
/// local wall-clock times in `timezone` on the given weekdays; on daylight saving days the
/// working day is as long as the clocks say (an hour that is skipped is not worked).
std::vector<BusyInterval> off_hours(const WorkingHours& hours, std::string_view timezone, Instant from, Instant to);

/// A meeting to schedule against the document.
struct MeetingRequest {
  std::string meeting;  ///< id of a meeting of the document, or "" for an ad-hoc one
  std::string timezone;  ///< zone for display ("" = the meeting's, else the partnership's, else UTC)
  std::vector<std::string> required;  ///< person ids
  std::vector<std::string> optional;  ///< person ids
  SlotQuery query;
};

/// The request for a meeting of the document: its participants are required; its duration
/// (one hour if it has none); the window is 14 days from the meeting's start day (else the
/// partnership's start, else today), midnight to midnight in the meeting's time zone.
/// Throws Error for an unknown meeting id.
MeetingRequest request_for(const Partnership& p, std::string_view meeting_id);
/// The same for a meeting that need not be in the document (its id may be empty).
MeetingRequest request_for(const Partnership& p, const Meeting& meeting);

/// Where calendars come from.
struct ScheduleOptions {
  /// Folder that relative Availability.calendar paths are resolved against (the document's).
  std::filesystem::path base_dir;
  /// Calendars per person id, added to the document's (paths as given).
  std::map<std::string, std::filesystem::path> calendars;
  CalendarLimits limits;
};

/// The answer for a meeting.
struct Schedule {
  std::string meeting;
  std::string timezone;  ///< the meeting's zone, for display
  MeetingRequest request;
  std::vector<Slot> slots;
  /// Why there are fewer slots than asked for, or why required people are missing: the window
  /// is shorter than the meeting; a required person is never free in the window; the required
  /// people are never free together; no slot reaches the minimum share.
  std::vector<std::string> reasons;
  std::map<std::string, std::string> timezones;  ///< person id -> the zone their hours are in
  std::vector<Issue> warnings;                   ///< from calendars (parts skipped)
};

/// Schedules a meeting: each participant's working hours (default 09:00-17:00 Monday-Friday)
/// in their zone (else the partnership's, else UTC), the busy times of the document and the
/// .ics calendars (the document's Availability.calendar, resolved against base_dir, and those
/// in options). Throws Error for an unknown person, ValidationError (file and line) or IoError
/// for a calendar that cannot be read, Error for a window that ends before it starts.
Schedule schedule(const Partnership& p, const MeetingRequest& request, const ScheduleOptions& options = {});

/// The attendees of a request with their busy times (document, calendars, off-hours) in
/// [from, to). Used by schedule(); public so plans and benchmarks can reuse the parsed calendars.
std::vector<Attendee> attendees_for(const Partnership& p, const MeetingRequest& request, const ScheduleOptions& options,
                                    Instant from, Instant to, std::vector<Issue>* warnings = nullptr,
                                    std::map<std::string, std::string>* timezones = nullptr);

/// The time zone the scheduler uses for a person: theirs, else the partnership's, else "UTC".
std::string timezone_of(const Partnership& p, std::string_view person);

/// A local wall-clock time in an IANA zone as UTC; a time in a skipped hour is the moment the
/// clocks jump, a repeated one its first occurrence. Throws Error for an unknown zone.
Instant utc_of(LocalDateTime local, std::string_view timezone);

/// "2027-04-12T16:00:00Z".
std::string format_utc(Instant t);
/// "2027-04-12T10:00" in an IANA zone.
std::string format_in_zone(Instant t, std::string_view timezone);

/// Spacing of consecutive meetings, start to start ("every 3-4 weeks": 21 and 28 days).
struct Spacing {
  std::chrono::days min_gap{21};
  std::chrono::days max_gap{28};
};

/// Where one meeting of a timeline went, or why it could not be placed.
struct Placement {
  std::string meeting;
  std::optional<Slot> slot;          ///< empty: not placeable
  Instant window_start, window_end;  ///< where it was looked for
  std::vector<std::string> reasons;  ///< why not (from schedule())
};

/// Places meetings of the document greedily, in the order given: the first in the 14-day
/// window of request_for(), each next one `min_gap` to `max_gap` after the start of the last
/// placed one (an unplaceable meeting moves the anchor to the end of its window). Each gets the
/// best slot schedule() finds with `top` = 1 and its participants required. Cost: one
/// schedule() per meeting. Throws what schedule() throws.
std::vector<Placement> place_meetings(const Partnership& p, const std::vector<std::string>& meeting_ids,
                                      const Spacing& spacing = {}, const ScheduleOptions& options = {});

/// The schedule as JSON (the CLI's --format json and Python's to_dict()).
nlohmann::ordered_json to_json(const Schedule& s);

}  // namespace partnerkit::meetings
