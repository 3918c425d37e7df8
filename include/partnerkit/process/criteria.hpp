// Readiness criteria: a closed vocabulary of predicates over the partnership document, each of
// which says why when it does not hold.
#pragma once

#include <string>
#include <vector>

#include "partnerkit/core/model.hpp"
#include "partnerkit/process/template.hpp"

namespace partnerkit::process {

/// The outcome of one criterion on a day.
struct CriterionResult {
  std::string predicate;
  bool holds = false;
  std::string description;           ///< what the criterion asks, one sentence
  std::vector<std::string> reasons;  ///< when false: one sentence per missing who or what
};

/// Names of the predicates, in documentation order.
const std::vector<std::string>& predicate_names();

/// Evaluates `criterion` for `activity` on day `on` (only events, meetings and data on or before
/// `on` count as done or held). Throws ValidationError for an unknown predicate or parameter.
CriterionResult evaluate(const Criterion& criterion, const Partnership& p, const Activity& activity, Date on);

}  // namespace partnerkit::process
