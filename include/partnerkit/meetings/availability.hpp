// Busy times: read from iCalendar (.ics) exports and from the partnership document.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "partnerkit/core/error.hpp"
#include "partnerkit/core/model.hpp"

namespace partnerkit::meetings {

/// An instant in UTC, to the second.
using Instant = std::chrono::sys_seconds;

/// A half-open busy span [start, end) in UTC.
struct BusyInterval {
  Instant start;
  Instant end;
  friend bool operator==(const BusyInterval&, const BusyInterval&) = default;
  friend auto operator<=>(const BusyInterval&, const BusyInterval&) = default;
};

/// Sorts intervals and merges those that overlap or touch. O(n log n).
std::vector<BusyInterval> merge_intervals(std::vector<BusyInterval> intervals);

/// Limits that bound the work of reading one calendar (hostile files cannot hang or exhaust us).
struct CalendarLimits {
  std::size_t max_bytes = 16u << 20;            ///< larger files are rejected before parsing
  std::size_t max_depth = 8;                    ///< nesting of BEGIN/END (VCALENDAR > VEVENT > VALARM is 3)
  std::size_t max_components = 200'000;         ///< BEGIN lines in the file
  std::size_t max_parameters = 256;             ///< ;PARAM= per property line
  std::size_t max_line_bytes = 1u << 20;        ///< one unfolded content line
  std::size_t max_instances = 1'000'000;        ///< recurrence steps over all events
  std::chrono::milliseconds max_time{5000};     ///< wall-clock time for expanding recurrences
};

/// What to read from a calendar.
struct CalendarOptions {
  Instant window_start;  ///< busy times ending at or before this are dropped
  Instant window_end;    ///< busy times starting at or after this are dropped
  /// IANA zone for floating times and all-day events (the calendar owner's zone); "" = UTC.
  std::string timezone;
  CalendarLimits limits;
  /// Plain events (no recurrence, no override, a start and an end or duration in the plainest
  /// form in a known zone, nothing to report) are read by the pre-scan: dropped when outside
  /// the window, their busy time taken from their lines when inside, never parsed by libical.
  /// The busy times, warnings and errors are the same either way; false gives every event to
  /// libical (tests and the fuzzer compare the two).
  bool prescan_plain_events = true;
};

/// Busy times of one calendar inside the window (merged and sorted), with what was skipped.
struct CalendarBusy {
  std::vector<BusyInterval> busy;
  std::size_t events = 0;  ///< busy event occurrences found in the window (before merging)
  std::size_t prescanned = 0;  ///< plain events read without libical (prescan_plain_events)
  /// Parts that were read but do not affect busy times, or were skipped on purpose
  /// (VAVAILABILITY, RANGE=THISANDFUTURE); file, "line N", message.
  std::vector<Issue> warnings;
};

/// Reads the busy times of an iCalendar text (RFC 5545) with libical. Busy: every VEVENT that
/// is not TRANSP:TRANSPARENT and not STATUS:CANCELLED, with RRULE, RDATE and EXDATE expanded
/// and RECURRENCE-ID overrides applied; all-day events block whole local days; FREEBUSY periods
/// of VFREEBUSY components (FBTYPE BUSY*, the default). TZIDs resolve as IANA names (with the
/// OS tz database, also after a prefix such as /freeassociation.sourceforge.net/), else as
/// Windows zone names ("Eastern Standard Time", through ICU's copy of CLDR windowsZones), else
/// as the calendar's own VTIMEZONE (custom names). Floating times and all-day events are in
/// options.timezone; a floating DTEND of a zoned DTSTART (or the reverse) takes the other's zone. Several VCALENDARs in one file are all read.
/// Throws ValidationError with every problem found, each naming `source` and "line N": broken
/// structure, an event whose start, end, duration or time zone cannot be read, an RRULE libical
/// rejects, a limit exceeded. Cost: O(size + instances expanded).
CalendarBusy read_calendar_text(std::string_view text, std::string_view source, const CalendarOptions& options);

/// Reads a file and calls read_calendar_text. Throws IoError if it cannot be read.
CalendarBusy read_calendar(const std::filesystem::path& path, const CalendarOptions& options);

/// The IANA name for a Windows time zone name ("Eastern Standard Time" -> "America/New_York"),
/// or "" if it is not one (CLDR windowsZones, as compiled into ICU).
std::string iana_from_windows_zone(std::string_view windows_name);

}  // namespace partnerkit::meetings
