// Internals shared by the process sources.
#pragma once

#include <string_view>
#include <vector>

#include "partnerkit/core/model.hpp"

namespace partnerkit::process::detail {

/// Parameters a predicate cannot do without ("kind" for meeting_held, ...); empty if unknown.
std::vector<const char*> required_parameters(std::string_view predicate);

/// The day of a local date-time.
Date day_of(LocalDateTime t);

/// Meetings of `kind` that are not cancelled and have a start, by start time.
std::vector<const Meeting*> meetings_of_kind(const Partnership& p, std::string_view kind);

/// A meeting held on or before `on` (status "held"; a held meeting without a start counts).
bool held_by(const Meeting& m, Date on);

}  // namespace partnerkit::process::detail
