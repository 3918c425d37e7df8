// Where a partnership stands in its process on a day: each activity done, due, overdue or
// blocked, percent complete per stage, the current stage and the next steps.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "partnerkit/process/criteria.hpp"

namespace partnerkit::process {

enum class ActivityState { done, due, overdue, blocked };
const char* to_string(ActivityState s);

struct ActivityStatus {
  std::string stage;
  std::string id;
  std::string name;
  ActivityState state = ActivityState::due;
  std::optional<Date> due;                ///< from the template's due rule, when it can be placed
  std::optional<Date> done_on;            ///< day of the first event recording it, if any
  std::vector<std::string> reasons;       ///< why blocked, or what is still missing
  std::optional<std::string> question_set;
  std::optional<std::string> meeting;     ///< the meeting it belongs to (first of its kind not yet held)
};

struct StageStatus {
  std::string id;
  std::string name;
  int done = 0;
  int total = 0;
  double percent_complete = 0;  ///< 100 * done / total
};

/// A recommended action, drawn from the template.
struct NextStep {
  std::string activity;
  std::string stage;
  std::string action;  ///< what to do, one sentence
  std::optional<std::string> question_set;
  std::optional<std::string> meeting;
  std::optional<Date> due;
  bool overdue = false;
};

struct Status {
  Date on;
  std::string template_id;
  std::string current_stage;
  std::vector<StageStatus> stages;
  std::vector<ActivityStatus> activities;
  std::vector<NextStep> next_steps;  ///< overdue first, then what unblocks the current stage, then in order
  std::vector<std::string> notes;    ///< events out of order, events of unknown activities
};

/// The status of `p` on day `on` under template `t`. O(activities × document size).
Status status(const Partnership& p, const Template& t, Date on);
/// The same under the template the partnership names.
Status status(const Partnership& p, Date on);

nlohmann::ordered_json to_json(const Status& s);

}  // namespace partnerkit::process
