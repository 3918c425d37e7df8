// libFuzzer target: partnerkit::process::loads_template on arbitrary bytes. It may only throw
// partnerkit::Error; a template that loads must also give a status on a small document without
// throwing anything but partnerkit::Error (its criteria are evaluated).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "partnerkit/io/document.hpp"
#include "partnerkit/process.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const partnerkit::Partnership doc = partnerkit::loads(
      R"({"format": "partnerkit/1", "name": "fuzz", "start": "2027-04-05",
          "organizations": [{"id": "a", "name": "A", "core": true}],
          "people": [{"id": "p", "name": "P", "organization": "a", "decision_maker": true}],
          "meetings": [{"id": "m", "kind": "in-person", "start": "2027-05-11T09:00", "status": "held",
                        "participants": ["p"]}],
          "events": [{"activity": "assess-need", "date": "2027-03-01"}]})");
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto t = partnerkit::process::loads_template(text, "fuzz.json");
    auto on = partnerkit::Date{std::chrono::year{2027}, std::chrono::June, std::chrono::day{1}};
    (void)partnerkit::process::status(doc, t, on);
    (void)partnerkit::process::place_on_continuum(doc, t, on);
  } catch (const partnerkit::Error&) {
  }
  return 0;
}
