#include "partnerkit/core/time.hpp"

#include <date/tz.h>

#include "partnerkit/core/error.hpp"
#include "core/zone.hpp"

#include <charconv>
#include <cstdio>

namespace partnerkit {
namespace {

// Reads exactly `width` decimal digits at `pos`.
bool digits(std::string_view s, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<Date> parse_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, y) || !digits(s, 5, 2, m) ||
      !digits(s, 8, 2, d))
    return std::nullopt;
  Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
            std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok() || y == 0) return std::nullopt;  // years 0001-9999, as Python's datetime
  return date;
}

std::optional<LocalDateTime> parse_local_datetime(std::string_view s) {
  if (s.size() != 16 && s.size() != 19) return std::nullopt;
  auto day = parse_date(s.substr(0, 10));
  int h = 0, min = 0, sec = 0;
  if (!day || s[10] != 'T' || s[13] != ':' || !digits(s, 11, 2, h) || !digits(s, 14, 2, min))
    return std::nullopt;
  if (s.size() == 19 && (s[16] != ':' || !digits(s, 17, 2, sec))) return std::nullopt;
  if (h > 23 || min > 59 || sec > 59) return std::nullopt;
  return std::chrono::local_days{*day} + std::chrono::hours{h} + std::chrono::minutes{min} +
         std::chrono::seconds{sec};
}

std::optional<Minutes> parse_duration(std::string_view s) {
  if (s.size() < 3 || s[0] != 'P') return std::nullopt;
  long long total = 0;
  bool in_time = false, any = false;
  char last_unit = 0;
  std::size_t i = 1;
  while (i < s.size()) {
    if (s[i] == 'T') {
      if (in_time || i + 1 == s.size()) return std::nullopt;
      in_time = true;
      ++i;
      continue;
    }
    long long n = 0;
    auto [end, ec] = std::from_chars(s.data() + i, s.data() + s.size(), n);
    if (ec != std::errc{} || end == s.data() + s.size() || n < 0 || n > 10'000'000) return std::nullopt;
    i = static_cast<std::size_t>(end - s.data());
    char unit = s[i++];
    // Units must come in order D, then (after T) H, M; each at most once.
    if (!in_time && unit == 'D' && last_unit == 0) total += n * 24 * 60;
    else if (in_time && unit == 'H' && (last_unit == 0 || last_unit == 'D')) total += n * 60;
    else if (in_time && unit == 'M' && last_unit != 'M') total += n;
    else return std::nullopt;
    last_unit = unit;
    any = true;
  }
  // format_duration writes whole days first: keep the total within what parse_duration reads.
  if (!any || total > 10'000'000LL * 24 * 60) return std::nullopt;
  return Minutes{total};
}

std::string format_date(Date d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

std::string format_local_datetime(LocalDateTime t) {
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::hh_mm_ss hms{t - day};
  char buf[16];
  if (hms.seconds().count() != 0)
    std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  else
    std::snprintf(buf, sizeof buf, "T%02d:%02d", static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()));
  return format_date(Date{day}) + buf;
}

std::string format_duration(Minutes m) {
  long long total = m.count();
  long long days = total / (24 * 60), hours = total / 60 % 24, minutes = total % 60;
  std::string out = "P";
  if (days) out += std::to_string(days) + "D";
  if (hours || minutes || !days) out += "T";
  if (hours) out += std::to_string(hours) + "H";
  if (minutes || (!days && !hours)) out += std::to_string(minutes) + "M";
  return out;
}

Date today(std::string_view timezone) {
  auto now = std::chrono::system_clock::now();
  if (timezone.empty()) return Date{std::chrono::floor<std::chrono::days>(now)};
  auto local = detail::zone_named(timezone)->to_local(now);
  return Date{std::chrono::floor<std::chrono::days>(std::chrono::local_seconds{
      std::chrono::duration_cast<std::chrono::seconds>(local.time_since_epoch())})};
}

bool is_known_timezone(std::string_view name) { return detail::find_zone(name) != nullptr; }

namespace detail {

const date::time_zone* find_zone(std::string_view name) noexcept {
  if (name.empty() || name.size() > 200) return nullptr;  // no zone name is longer
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

const date::time_zone* zone_named(std::string_view name, std::string_view hint) {
  if (const date::time_zone* z = find_zone(name)) return z;
  throw Error("unknown time zone \"" + std::string(name) + "\"" + std::string(hint));
}

}  // namespace detail

}  // namespace partnerkit
