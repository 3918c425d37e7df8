// Internals shared by the meetings sources.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "partnerkit/meetings/plan.hpp"

namespace partnerkit::meetings::detail {

/// A meeting's wall-clock start in UTC (a time in a skipped hour moves forward past the gap, a
/// repeated one takes the earlier instant). Throws Error for an unknown zone.
std::chrono::sys_seconds to_utc(LocalDateTime t, std::string_view timezone);

/// The agenda of a meeting, resolved onto the meeting's clock: offsets are shifted so that the
/// agenda starts when the meeting does.
const Agenda* agenda_of(const Plan& plan, const PlannedMeeting& m);

/// "45 minutes", "1 hour", "2 hours 30 minutes": a length in agenda and plan findings.
std::string minutes_text(Minutes m);

}  // namespace partnerkit::meetings::detail
