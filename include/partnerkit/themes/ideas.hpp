// Brainstormed ideas: the team's votes (exciting, better, doable, dots) ranked by total, by
// weighted criteria or by Borda, with explicit tie-breaks, and grouped into 3-4 areas of focus
// with one or two small first steps each (docs/ideas.md).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partnerkit/core/model.hpp"
#include "partnerkit/themes/aggregate.hpp"

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
  /// Areas of focus: exactly this many (0: none); nullopt: 3 or 4, found from the data (the
  /// number of themes the ideas form on their own, kept within 3-4). Never more than the ideas.
  std::optional<int> areas;
  /// First steps per area: the area's most doable ideas, at most this many (1 or more); the
  /// second and later only if they have doable votes.
  int first_steps = 2;
  /// How idea texts are grouped into areas (the same machinery as worksheet themes).
  ThemeOptions grouping;
};

/// An area of focus: ideas on one theme.
struct FocusArea {
  std::string label;                     ///< the theme's label (characteristic words of its ideas)
  std::vector<std::string> keywords;
  std::vector<std::string> ideas;        ///< idea ids, in ranking order
  std::string representative;            ///< id of the idea closest to the area's centre
  double score = 0;                      ///< sum of its ideas' scores
  std::vector<std::string> first_steps;  ///< ids: most doable first (ties: ranking order)
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
  /// Areas of focus, most support (score sum) first; ties: the area with the better-ranked idea.
  std::vector<FocusArea> areas;
  /// Ideas in no area (no usable words, e.g. only stop words), in ranking order.
  std::vector<std::string> unassigned;
  /// True when the number of areas was found from the data (IdeaOptions::areas empty).
  bool areas_from_data = false;
};

/// Ranks ideas by their votes and groups them into areas of focus. Ranking is O(criteria ×
/// n log n); areas cost one or two theme aggregations over the idea texts. Throws
/// ValidationError (file "<options>", pointer /weights/NAME, /areas or /first_steps) on a
/// negative, non-finite or all-zero weight, a negative number of areas, first_steps < 1.
IdeaRanking rank_ideas(const std::vector<Idea>& ideas, const IdeaOptions& options = {});
/// Ranks the document's ideas; also throws ValidationError if `options.session` is not a
/// meeting of the document.
IdeaRanking rank_ideas(const Partnership& p, const IdeaOptions& options = {});

/// {"method", "weights", "session", "criteria", "ideas": [{"rank", "id", "text", "session",
/// "votes": {...}, "total", "score", "decided_by"}], "areas": [{"label", "keywords", "ideas",
/// "representative", "score", "first_steps"}], "areas_from_data", "unassigned"}.
nlohmann::ordered_json to_json(const IdeaRanking& r);

/// One sentence naming the method, its formula and its weights.
std::string describe(const IdeaRanking& r);
/// The ranking as an aligned plain-text table (user text as written).
std::string to_text(const IdeaRanking& r);
/// The ranking as a Markdown table; user text is escaped (docs/ideas.md).
std::string to_markdown(const IdeaRanking& r);

}  // namespace partnerkit::themes
