// libFuzzer target: partnerkit::meetings::read_calendar_text on arbitrary bytes. It may only
// throw partnerkit::Error; every busy interval it returns lies inside the window, sorted and
// merged. Limits are tighter than the defaults so one input stays well under the -timeout.
// Reading a half-year window with and without the pre-scan reading plain events gives the same busy times,
// warnings and errors.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "partnerkit/meetings/availability.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace partnerkit::meetings;
  static const CalendarOptions options = [] {
    CalendarOptions o;
    o.window_start = Instant{std::chrono::sys_days{std::chrono::year{1995} / 1 / 1}.time_since_epoch()};
    o.window_end = Instant{std::chrono::sys_days{std::chrono::year{2035} / 1 / 1}.time_since_epoch()};
    o.timezone = "America/Denver";
    o.limits.max_instances = 200'000;
    o.limits.max_time = std::chrono::milliseconds{2000};
    return o;
  }();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto busy = read_calendar_text(text, "fuzz.ics", options);
    for (std::size_t i = 0; i < busy.busy.size(); ++i) {
      const auto& b = busy.busy[i];
      if (b.start >= b.end || b.start < options.window_start || b.end > options.window_end) std::abort();
      if (i > 0 && busy.busy[i - 1].end >= b.start) std::abort();
    }
  } catch (const partnerkit::Error&) {
  }
  // The pre-scan reading plain events changes nothing a user sees: read a half-year window with and without
  // it (a time limit reached by either run makes the two incomparable).
  auto outcome = [&](bool skip) {
    CalendarOptions o = options;
    o.window_start = Instant{std::chrono::sys_days{std::chrono::year{2020} / 1 / 1}.time_since_epoch()};
    o.window_end = Instant{std::chrono::sys_days{std::chrono::year{2020} / 7 / 1}.time_since_epoch()};
    o.prescan_plain_events = skip;
    std::string out;
    try {
      auto r = read_calendar_text(text, "fuzz.ics", o);
      for (const auto& b : r.busy)
        out += std::to_string(b.start.time_since_epoch().count()) + "/" + std::to_string(b.end.time_since_epoch().count()) + " ";
      out += "events " + std::to_string(r.events);
      for (const auto& w : r.warnings) out += "\nwarning " + w.str();
    } catch (const partnerkit::ValidationError& e) {
      for (const auto& i : e.errors()) out += "\nerror " + i.str();
    } catch (const partnerkit::Error& e) {
      out += std::string("\nfailure ") + e.what();
    }
    return out;
  };
  const std::string with = outcome(true), without = outcome(false);
  if (with != without && with.find("takes longer than") == std::string::npos &&
      without.find("takes longer than") == std::string::npos)
    std::abort();
  return 0;
}
