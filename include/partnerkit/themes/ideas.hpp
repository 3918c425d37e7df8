// Brainstormed ideas: the team's votes (exciting, better, doable, dots) ranked by total, by
// weighted criteria or by Borda, with explicit tie-breaks (docs/ideas.md).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partnerkit/core/model.hpp"

namespace partnerkit::themes {

/// How ideas are ranked (docs/ideas.md has every formula).
enum class RankMethod {
  total,     ///< exciting + better + doable + dots
  weighted,  ///< Σ weight × votes / (most votes any idea got on that criterion)
  borda,     ///< Σ weight × Borda points of the idea's place on each criterion (ties share)
};
const char* to_string(RankMethod m);
/// "total", "weighted" or "borda"; nullopt for anything else.
std::optional<RankMethod> parse_rank_method(std::string_view name);

/// How much each criterion counts in the weighted and Borda rankings: finite, 0 or more, not
/// all zero. Default 1 each, so no criterion counts more than another unless you say so.
struct Weights {
  double exciting = 1, better = 1, doable = 1, dots = 1;
  friend bool operator==(const Weights&, const Weights&) = default;
};

struct IdeaOptions {
  RankMethod method = RankMethod::total;
  Weights weights;
  /// Only the ideas of this meeting (nullopt: all ideas).
  std::optional<std::string> session;
};

/// One idea in the ranking.
struct RankedIdea {
  std::string id;
  std::string text;
  std::optional<std::string> session;
  int exciting = 0, better = 0, doable = 0, dots = 0;
  long long total = 0;  ///< exciting + better + doable + dots
  double score = 0;     ///< by the ranking's method (equals total for RankMethod::total)
  int rank = 0;         ///< 1-based place after the tie-breaks
  /// The rule that put this idea below the one before it: "score", then the tie-breaks
  /// "total", "doable", "id"; "" for the first idea.
  std::string decided_by;
  std::size_t index = 0;  ///< position in the document's ideas
};

/// Ideas ranked best first. Order: score (higher first), then total votes, then doable votes,
/// then id (byte order, ascending). Scores within 1e-9 (relative) of each other are equal.
struct IdeaRanking {
  RankMethod method = RankMethod::total;
  Weights weights;
  std::optional<std::string> session;
  /// The criteria counted: exciting, better, doable, and dots when any ranked idea has a dot vote.
  std::vector<std::string> criteria;
  std::vector<RankedIdea> ideas;
};

/// Ranks ideas by their votes. O(criteria × n log n). Throws ValidationError (file
/// "<options>", pointer /weights/NAME or /session) on a negative, non-finite or all-zero weight.
IdeaRanking rank_ideas(const std::vector<Idea>& ideas, const IdeaOptions& options = {});
/// Ranks the document's ideas; also throws ValidationError if `options.session` is not a
/// meeting of the document.
IdeaRanking rank_ideas(const Partnership& p, const IdeaOptions& options = {});

/// {"method", "weights", "session", "criteria", "ideas": [{"rank", "id", "text", "session",
/// "votes": {...}, "total", "score", "decided_by"}]}.
nlohmann::ordered_json to_json(const IdeaRanking& r);

/// One sentence naming the method, its formula and its weights.
std::string describe(const IdeaRanking& r);
/// The ranking as an aligned plain-text table (user text as written).
std::string to_text(const IdeaRanking& r);
/// The ranking as a Markdown table; user text is escaped (docs/ideas.md).
std::string to_markdown(const IdeaRanking& r);

}  // namespace partnerkit::themes
