// UTC <-> wall clock in a tz database zone, exactly as date::time_zone converts (a skipped local
// time gives the transition, a repeated one its first instant: date::choose::earliest), with
// each thread keeping the last few periods of constant UTC offset it used. Reading calendars
// converts hundreds of thousands of times within the same few periods, and each lookup of
// date/tz searches the zone's transitions and builds two sys_info (with their abbreviations).
#pragma once

#include <date/tz.h>

#include <array>
#include <chrono>
#include <cstddef>

namespace partnerkit::meetings::detail {

class ZoneOffsets {
 public:
  using local_seconds = std::chrono::local_seconds;
  using sys_seconds = std::chrono::sys_seconds;

  // The UTC instant of a local time (date::choose::earliest).
  static sys_seconds to_sys(const date::time_zone* z, local_seconds local) {
    auto& c = cache();
    for (const auto& p : c.periods)
      if (p.zone == z) {
        // Two days inside the period, no other period can hold this local time (UTC offsets
        // differ by less than two days), so it is the unique answer date/tz gives.
        const sys_seconds u{local.time_since_epoch() - p.offset};
        if (u >= p.safe_begin && u < p.safe_end) return u;
      }
    const sys_seconds u{z->to_sys(date::local_seconds{local.time_since_epoch()}, date::choose::earliest).time_since_epoch()};
    c.keep(z, z->get_info(date::sys_seconds{u.time_since_epoch()}));
    return u;
  }

  // The local time of a UTC instant.
  static local_seconds to_local(const date::time_zone* z, sys_seconds t) {
    auto& c = cache();
    for (const auto& p : c.periods)
      if (p.zone == z && t >= p.begin && t < p.end) return local_seconds{t.time_since_epoch() + p.offset};
    const date::sys_info info = z->get_info(date::sys_seconds{t.time_since_epoch()});
    c.keep(z, info);
    return local_seconds{t.time_since_epoch() + info.offset};
  }

 private:
  struct Period {
    const date::time_zone* zone = nullptr;
    sys_seconds begin, end, safe_begin, safe_end;  // [begin, end) has this offset
    std::chrono::seconds offset{0};
  };
  struct Cache {
    std::array<Period, 8> periods{};
    std::size_t next = 0;  // replaced in turn
    void keep(const date::time_zone* z, const date::sys_info& info) {
      constexpr std::chrono::days margin{2};
      Period& p = periods[next];
      next = (next + 1) % periods.size();
      p.zone = z;
      p.begin = sys_seconds{info.begin.time_since_epoch()};
      p.end = sys_seconds{info.end.time_since_epoch()};
      p.offset = info.offset;
      // The tz database's first and last periods are open-ended (begin and end far out).
      p.safe_begin = p.begin < sys_seconds::max() - margin ? p.begin + margin : sys_seconds::max();
      p.safe_end = p.end > sys_seconds::min() + margin ? p.end - margin : sys_seconds::min();
    }
  };
  static Cache& cache() {
    thread_local Cache c;
    return c;
  }
};

}  // namespace partnerkit::meetings::detail
