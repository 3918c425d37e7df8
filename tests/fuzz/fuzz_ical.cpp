// libFuzzer target: partnerkit::meetings::read_calendar_text on arbitrary bytes. It may only
// throw partnerkit::Error; every busy interval it returns lies inside the window, sorted and
// merged. Limits are tighter than the defaults so one input stays well under the -timeout.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
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
  return 0;
}
