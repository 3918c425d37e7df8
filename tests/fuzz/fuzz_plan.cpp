// libFuzzer target: a document that loads must plan, check and export (iCalendar with libical,
// Markdown, HTML with cmark-gfm) without anything but partnerkit::Error escaping, and the
// calendar we write must parse again with libical.
#include <libical/ical.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "partnerkit/io/document.hpp"
#include "partnerkit/meetings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<partnerkit::Partnership> loaded;
  try {
    loaded = partnerkit::loads(text, "fuzz.json");
  } catch (const partnerkit::Error&) {
    return 0;
  }
  namespace pm = partnerkit::meetings;
  std::optional<pm::Plan> plan;
  try {
    plan = pm::plan(*loaded);
  } catch (const partnerkit::Error&) {
    return 0;  // e.g. an unknown process template or zone named in options
  }
  pm::IcalOptions o;
  o.dtstamp = std::chrono::sys_seconds(std::chrono::seconds(0));
  const std::string ics = pm::to_ical(*plan, o);
  icalcomponent* parsed = icalparser_parse_string(ics.c_str());
  if (!parsed) __builtin_trap();
  if (icalcomponent_count_components(parsed, ICAL_VEVENT_COMPONENT) != static_cast<int>(plan->meetings.size()))
    __builtin_trap();
  icalcomponent_free(parsed);
  const std::string md = pm::to_markdown(*plan);
  const std::string html = pm::to_html(*plan);
  if (html.find("<script") != std::string::npos) __builtin_trap();
  return 0;
}
