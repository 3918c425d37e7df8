// Breakout groups: split a meeting's participants into k groups that mix agencies and pair
// people who have no tie yet, honouring required separations and togetherness.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "partnerkit/core/model.hpp"

namespace partnerkit::stakeholders {

struct GroupOptions {
  std::size_t groups = 2;  ///< k, 1 to the number of participants
  std::uint64_t seed = 1;  ///< the same seed gives the same groups
  /// Simulated-annealing steps (each proposes swapping two people of different groups).
  std::size_t iterations = 100000;
  double mixing_weight = 1.0;    ///< points for each pair in a group from different organizations
  double new_pair_weight = 1.0;  ///< points for each pair in a group with no existing tie
  /// Pairs of person ids that must be in different groups.
  std::vector<std::pair<std::string, std::string>> apart;
  /// Sets of person ids that must be in the same group.
  std::vector<std::vector<std::string>> together;
};

/// How good an assignment is. A pair is two people in the same group.
struct GroupScore {
  double score = 0;                ///< mixing_weight * mixed_pairs + new_pair_weight * new_pairs
  std::size_t pairs = 0;           ///< pairs in all groups
  std::size_t mixed_pairs = 0;     ///< pairs from different organizations
  std::size_t new_pairs = 0;       ///< pairs with no existing tie
  std::size_t violations = 0;      ///< apart pairs together plus together pairs apart
  friend bool operator==(const GroupScore&, const GroupScore&) = default;
};

struct Breakouts {
  std::vector<std::vector<std::string>> groups;  ///< person ids; each group sorted, groups by first id
  GroupScore score;
  /// The same score's best possible value is unknown; these help judge it: the score of the
  /// starting assignment (people dealt out in order) and the number of steps taken.
  double initial_score = 0;
  std::size_t iterations = 0;
  std::uint64_t seed = 0;
};

/// Splits `people` (person ids of `p`) into options.groups groups whose sizes differ by at most
/// one, maximizing the score (simulated annealing over swaps, seeded std::mt19937_64: the same
/// input and seed give the same groups). Two people have an existing tie if a relationship joins
/// them, their organizations, or one of them and the other's organization. O(iterations + n²).
/// Throws ValidationError (file "breakout groups"): unknown or repeated person, k out of range,
/// a constraint naming someone not in `people`, a together set larger than a group, a person
/// both together with and apart from another, or constraints no balanced split can honour.
Breakouts breakout_groups(const Partnership& p, const std::vector<std::string>& people, const GroupOptions& options);

/// The same for the participants of meeting `meeting_id`.
Breakouts breakout_groups(const Partnership& p, std::string_view meeting_id, const GroupOptions& options);

/// Scores a given assignment of person ids into groups with the same rules (options.groups is
/// not used). Throws ValidationError for unknown or repeated people.
GroupScore score_groups(const Partnership& p, const std::vector<std::vector<std::string>>& groups,
                        const GroupOptions& options);

/// {"groups": [[ids]], "score": {...}, "initial_score", "iterations", "seed"}.
nlohmann::ordered_json to_json(const Breakouts& b);
nlohmann::ordered_json to_json(const GroupScore& s);

}  // namespace partnerkit::stakeholders
