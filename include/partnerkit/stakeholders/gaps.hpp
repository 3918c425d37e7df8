// Gap analysis: who is missing from the table, who holds it together, who should meet.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "partnerkit/core/model.hpp"

namespace partnerkit::stakeholders {

/// A stakeholder category the Building Partnership Toolkit recommends ("Who to include").
struct RecommendedCategory {
  std::string category;  ///< built-in category id, e.g. child-family-services
  std::string label;     ///< the toolkit's words
  bool minimum = false;  ///< "at a minimum" (the CAC chapter and the VOCA administration)
};

/// The toolkit's list: the CAC chapter and VOCA administration (the minimum), then the
/// "Additional State Level Participants to Consider".
const std::vector<RecommendedCategory>& toolkit_categories();

struct GapOptions {
  /// Categories the user expects at the table, besides (or instead of) the toolkit's.
  std::vector<std::string> categories;
  /// Check the toolkit's list too. Empty: yes when the document follows the building-partnership
  /// process (or names none), no for another process.
  std::optional<bool> toolkit;
  /// Look at the ties observed on or before this day (ties with no date always count).
  std::optional<Date> on;
  /// Keep this many introductions, best first (0: all).
  std::size_t max_introductions = 20;
};

struct MissingCategory {
  std::string category;
  std::string label;   ///< the toolkit's words, or the category for a user's category
  std::string source;  ///< "toolkit" or "user"
  friend bool operator==(const MissingCategory&, const MissingCategory&) = default;
};

struct NoDecisionMaker {
  std::string organization;
  std::size_t people = 0;  ///< on the roster (0: nobody at all)
  friend bool operator==(const NoDecisionMaker&, const NoDecisionMaker&) = default;
};

/// A person or organization whose removal splits the partnership: organizations that are
/// connected now would no longer be.
struct SinglePointOfFailure {
  std::string id;
  std::string kind;                   ///< "organization" or "person"
  std::vector<std::string> cut_off;   ///< organizations outside the largest piece left, sorted
  friend bool operator==(const SinglePointOfFailure&, const SinglePointOfFailure&) = default;
};

/// Two organizations with no tie that share partners.
struct Introduction {
  std::string a, b;                 ///< a < b
  std::vector<std::string> shared;  ///< the partners both have, sorted
  friend bool operator==(const Introduction&, const Introduction&) = default;
};

struct Gaps {
  std::vector<MissingCategory> missing_categories;
  std::vector<NoDecisionMaker> no_decision_maker;  ///< in document order
  std::vector<std::string> isolates;               ///< organizations with no tie to another, in document order
  std::vector<SinglePointOfFailure> single_points_of_failure;  ///< most organizations cut off first
  std::vector<Introduction> introductions;         ///< most shared partners first, then by ids
};

/// Finds the gaps. Categories: a recommended category is missing when no organization has it.
/// Decision makers: organizations (other than category facilitator) with no person marked
/// decision_maker. Isolates and introductions look at organizations, a tie naming a person
/// counting for the person's organization. Single points of failure look at people and
/// organizations (people tied to their organization): a vertex is one when removing it leaves
/// organizations of its component in two or more pieces. O(V + E) plus O(Σ degree²) for the
/// introductions and O(A·(V + E)) for A articulation points. Throws ValidationError if the
/// document's ties are not a valid graph.
Gaps find_gaps(const Partnership& p, const GapOptions& options = {});

/// The gaps as JSON (the "gaps" of `partnerkit graph --format json`).
nlohmann::ordered_json to_json(const Gaps& g);

}  // namespace partnerkit::stakeholders
