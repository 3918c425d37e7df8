// Finding meeting times across time zones: working hours, busy times and calendars.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "partnerkit/core/model.hpp"
#include "partnerkit/meetings/availability.hpp"
#include "partnerkit/meetings/plan.hpp"

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

/// The wall-clock time of an instant in an IANA zone. Throws Error for an unknown zone.
LocalDateTime local_of(Instant t, std::string_view timezone);

/// "2027-04-12T16:00:00Z".
std::string format_utc(Instant t);
/// "2027-04-12T10:00" in an IANA zone.
std::string format_in_zone(Instant t, std::string_view timezone);

/// Spacing of consecutive meetings, start to start ("every 3-4 weeks": 21 and 28 days).
struct Spacing {
  std::chrono::days min_gap{21};
  std::chrono::days max_gap{28};
  friend bool operator==(const Spacing&, const Spacing&) = default;
};

/// One meeting of a timeline to place: whom and how long (its request; the request's window is
/// where the first meeting of a timeline is looked for), and how far after the start of the
/// meeting placed before it this one may start.
struct TimelineRequest {
  MeetingRequest request;
  Spacing spacing;
};

/// Requests for meetings of the document, in the order given, all with the same spacing; each
/// is request_for() (participants required, the first one's window its 14 days). Throws Error
/// for an unknown meeting id.
std::vector<TimelineRequest> timeline_requests(const Partnership& p, const std::vector<std::string>& meeting_ids,
                                               const Spacing& spacing = {});

/// Requests for the meetings of a plan (cancelled ones left out), in the plan's order, with the
/// spacing its cadence allows (the limits check_plan() applies, with `plan.options`), each from
/// the one before: before the first in-person session up to `preparation` (42 days); between
/// in-person sessions up to `call_interval` (28 days: the toolkit's connecting calls every 3-4
/// weeks); in the sustaining phase up to 35 days (monthly) or 98 days (quarterly). The shortest
/// gap is one week less (connecting calls: 21 days), or the planned gap when the plan has its
/// meetings closer; a planned gap longer than the limit (an annual retreat months after the
/// last sustaining call) is kept, with the week before it. Participants are required; the first
/// meeting is looked for in the 14 days from its planned day (midnight to midnight in its zone).
std::vector<TimelineRequest> timeline_requests(const Plan& plan);

/// Where one meeting of a timeline went, or why it could not be placed.
struct Placement {
  std::string meeting;
  std::string timezone;              ///< the meeting's zone, for display
  std::optional<Slot> slot;          ///< empty: not placeable
  Instant window_start, window_end;  ///< where it was looked for
  std::vector<std::string> reasons;  ///< why not, or who cannot come (as schedule() explains)
};

/// A placed timeline.
struct PlacedTimeline {
  std::vector<Placement> placements;             ///< in request order
  std::map<std::string, std::string> timezones;  ///< person id -> the zone their hours are in
  std::vector<Issue> warnings;                   ///< from calendars (parts skipped)
  /// place_plan(): the plan with each placed meeting moved to its slot (wall clock of its zone),
  /// checked again, plus an `unplaced` finding for each meeting that keeps its planned time.
  std::optional<Plan> plan;
};

/// Places a timeline greedily, in the order given: the first meeting at the best slot of its
/// request's window, each next one at the best slot between `min_gap` and `max_gap` (plus its
/// duration) after the start of the one placed before it. "Best" is find_slots()'s ranking with
/// `top` = 1: the earliest slot where every required participant can come (working hours in
/// their zone, the document's busy times, .ics calendars of the document and of `options`). A
/// meeting that cannot be placed gets schedule()'s reasons (which required person is never free
/// in its window, or that they are never free together) and moves the anchor to the latest
/// start its window allowed, so the rest of the timeline is still placed. Every calendar is
/// read once, over the whole span the timeline can reach. Throws Error for an unknown person or
/// zone, or a spacing whose minimum is negative or above its maximum; ValidationError or
/// IoError for a calendar that cannot be read. Cost: one calendar read per person, then one
/// find_slots() per meeting (O(B log B) for its participants' busy intervals B).
PlacedTimeline place_meetings(const Partnership& p, const std::vector<TimelineRequest>& timeline,
                              const ScheduleOptions& options = {});

/// place_meetings() on timeline_requests(plan), with `plan` set to the placed plan.
PlacedTimeline place_plan(const Partnership& p, const Plan& plan, const ScheduleOptions& options = {});

/// The placements as JSON (`partnerkit plan --place --format json` adds them to the plan).
nlohmann::ordered_json to_json(const PlacedTimeline& t);

/// The schedule as JSON (the CLI's --format json and Python's to_dict()).
nlohmann::ordered_json to_json(const Schedule& s);

}  // namespace partnerkit::meetings
