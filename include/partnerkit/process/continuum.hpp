// Where the partnership stands on the toolkit's coordination -> cooperation -> collaboration
// continuum, from observable evidence and Levels of Collaboration ratings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "partnerkit/core/model.hpp"
#include "partnerkit/process/template.hpp"

namespace partnerkit::process {

/// The toolkit's continuum, lowest first; `none` is a partnership with no tie and no meeting.
enum class ContinuumLevel { none, coordination, cooperation, collaboration };
const char* to_string(ContinuumLevel level);

/// The mapping table from a Levels of Collaboration rating (Frey et al. 2006: 0 none,
/// 1 networking, 2 cooperation, 3 coordination, 4 coalition, 5 collaboration) to the toolkit's
/// continuum. The two scales order cooperation and coordination differently; the table keeps
/// the depth of integration, not the word: 0 none, 1-2 coordination, 3 cooperation,
/// 4-5 collaboration. Throws Error outside 0-5.
ContinuumLevel continuum_from_rating(int level);

struct Evidence {
  std::string signal;  ///< joint-work ties, information-sharing ties, meetings held, vision, ratings
  std::string detail;  ///< what was counted, one sentence
};

/// Two organizations (or people) whose ratings of each other differ by 2 or more.
struct RatingGap {
  std::string a, b;
  int a_rates_b = 0, b_rates_a = 0;
};

struct Continuum {
  ContinuumLevel level = ContinuumLevel::none;
  ContinuumLevel from_evidence = ContinuumLevel::none;
  std::optional<ContinuumLevel> from_ratings;  ///< median rating through the table, if any tie is rated
  std::vector<Evidence> evidence;
  std::vector<RatingGap> discuss;
};

/// Places `p` on day `on`. From evidence: collaboration needs a shared vision recorded (an event
/// of the template's vision_activity), a joint-work tie and 3 meetings held; cooperation an information-
/// sharing or joint-work tie and 2 meetings held; coordination any tie or meeting held. With
/// ratings, the placement is the lower of the two. A tie's level is its source's rating of its
/// target.
Continuum place_on_continuum(const Partnership& p, const Template& t, Date on);

nlohmann::ordered_json to_json(const Continuum& c);

}  // namespace partnerkit::process
