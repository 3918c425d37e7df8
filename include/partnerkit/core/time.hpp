// Dates, local date-times, durations and time zone names as the partnership document writes them.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace partnerkit {

/// A calendar day ("2027-04-12").
using Date = std::chrono::year_month_day;
/// A wall-clock time without offset ("2027-04-12T10:00"), read in the meeting's or the
/// partnership's time zone.
using LocalDateTime = std::chrono::local_seconds;
/// A meeting length ("PT1H30M"), in whole minutes.
using Minutes = std::chrono::minutes;

/// Parses YYYY-MM-DD (years 0001-9999); empty if malformed or if the day does not exist (2027-02-30).
std::optional<Date> parse_date(std::string_view text);
/// Parses YYYY-MM-DDTHH:MM[:SS]; empty if malformed or not a real day and time.
std::optional<LocalDateTime> parse_local_datetime(std::string_view text);
/// Parses an ISO 8601 duration of days, hours and minutes (PnDTnHnM, at least one part);
/// empty if malformed or if it overflows.
std::optional<Minutes> parse_duration(std::string_view text);

std::string format_date(Date d);
/// "YYYY-MM-DDTHH:MM", with ":SS" only when the seconds are not zero.
std::string format_local_datetime(LocalDateTime t);
/// Shortest ISO 8601 form: "PT1H30M", "P1DT2H", "PT0M" for zero.
std::string format_duration(Minutes m);

/// Today's date in an IANA time zone (UTC when `timezone` is empty); throws Error for an unknown zone.
Date today(std::string_view timezone = {});

/// True if the IANA time zone database on this system knows the name ("America/Denver").
bool is_known_timezone(std::string_view name);

}  // namespace partnerkit
