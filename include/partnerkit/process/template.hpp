// Process templates: ordered stages of activities, with question sets and readiness criteria,
// written in JSON (data/schema/process-template-1.schema.json).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partnerkit/core/model.hpp"

namespace partnerkit::process {

/// One criterion: a predicate of the closed vocabulary (see criteria.hpp) with its parameters.
struct Criterion {
  std::string predicate;
  Json params = Json::object();  ///< every key of the criterion but "predicate"
  friend bool operator==(const Criterion&, const Criterion&) = default;
};

/// When an activity is due: `days` after an anchor, "start" (the partnership's start day) or
/// "meeting:KIND" / "meeting:KIND#N" (the Nth meeting of that kind by start time).
struct Due {
  std::string anchor;
  int days = 0;
  friend bool operator==(const Due&, const Due&) = default;
};

struct Activity {
  std::string id;
  std::string name;
  std::string description;
  std::optional<std::string> question_set;
  std::vector<std::string> requires_;  ///< activity or stage ids done first ("requires" in JSON)
  std::optional<std::string> meeting_kind;
  std::optional<Due> due;
  std::vector<Criterion> done_when;   ///< all hold: done (empty: an event of this activity is recorded)
  std::vector<Criterion> ready_when;  ///< any false: blocked, with its reasons
  friend bool operator==(const Activity&, const Activity&) = default;
};

struct Stage {
  std::string id;
  std::string name;
  std::string description;
  std::vector<Activity> activities;
  friend bool operator==(const Stage&, const Stage&) = default;
};

struct QuestionSet {
  std::string id;
  std::string title;
  std::vector<std::string> questions;
  friend bool operator==(const QuestionSet&, const QuestionSet&) = default;
};

struct Template {
  std::string id;
  std::string name;
  std::string description;
  std::string source;
  std::string vision_activity = "strategic-vision";  ///< the activity that records a shared vision
  std::vector<QuestionSet> question_sets;
  std::vector<Stage> stages;

  const Activity* find_activity(std::string_view id) const;
  const Stage* find_stage(std::string_view id) const;
  const QuestionSet* find_question_set(std::string_view id) const;
  friend bool operator==(const Template&, const Template&) = default;
};

/// Parses and validates a template: the template schema, then unique ids (activities, stages and
/// question sets), references to question sets, activities and stages that exist, prerequisites
/// without a cycle, known predicates with their parameters. Throws ValidationError listing every
/// problem with its JSON pointer.
Template loads_template(std::string_view text, std::string_view source = "<string>");
/// Reads `path` and calls loads_template(); throws IoError if it cannot be read.
Template load_template(const std::filesystem::path& path);

/// A built-in template (data/templates/ID.json, compiled in); throws Error for an unknown id.
const Template& builtin_template(std::string_view id);

/// The template a partnership names ("process"), building-partnership when it names none.
const Template& template_for(const Partnership& p);

}  // namespace partnerkit::process
