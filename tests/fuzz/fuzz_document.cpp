// libFuzzer target: partnerkit::loads on arbitrary bytes. loads() may only throw
// partnerkit::Error; anything else (another exception, a crash, a sanitizer report, a leak, a
// timeout) is a finding. A document that loads must also write and load back unchanged.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "partnerkit/io/document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<partnerkit::Partnership> loaded;
  try {
    loaded = partnerkit::loads(text, "fuzz.json");
  } catch (const partnerkit::Error&) {
    return 0;  // a clean rejection
  }
  // Outside the try: a loaded document that cannot be written or read back is a finding
  // (the uncaught exception aborts, and libFuzzer saves the input).
  const std::string dumped = partnerkit::dumps(*loaded);
  if (!(partnerkit::loads(dumped, "dumped.json") == *loaded)) __builtin_trap();
  if (partnerkit::dumps(partnerkit::loads(dumped, "dumped.json")) != dumped) __builtin_trap();
  return 0;
}
