// Internal: IANA time zones by name, from the tz database date/tz reads (the one lookup of the
// whole library). Not installed.
#pragma once

#include <date/tz.h>

#include <string>
#include <string_view>

namespace partnerkit::detail {

/// The zone an IANA name ("America/Denver") names, or nullptr; never throws.
const date::time_zone* find_zone(std::string_view name) noexcept;

/// The zone an IANA name names; throws partnerkit::Error `unknown time zone "NAME"` + `hint`.
const date::time_zone* zone_named(std::string_view name, std::string_view hint = {});

}  // namespace partnerkit::detail
