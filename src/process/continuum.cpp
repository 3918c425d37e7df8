// Placement on the coordination -> cooperation -> collaboration continuum.
#include "partnerkit/process/continuum.hpp"

#include <algorithm>
#include <map>

#include "partnerkit/core/error.hpp"
#include "process/detail.hpp"

namespace partnerkit::process {

const char* to_string(ContinuumLevel level) {
  switch (level) {
    case ContinuumLevel::none: return "none";
    case ContinuumLevel::coordination: return "coordination";
    case ContinuumLevel::cooperation: return "cooperation";
    case ContinuumLevel::collaboration: return "collaboration";
  }
  return "none";
}

ContinuumLevel continuum_from_rating(int level) {
  // Frey et al. 2006 -> the toolkit: the mapping table (docs/process.md).
  static constexpr ContinuumLevel table[] = {
      ContinuumLevel::none,          // 0 no interaction
      ContinuumLevel::coordination,  // 1 networking: aware of each other, loosely defined roles
      ContinuumLevel::coordination,  // 2 cooperation: share information, formal communication
      ContinuumLevel::cooperation,   // 3 coordination: share resources, joint planning
      ContinuumLevel::collaboration, // 4 coalition: shared ideas and resources, joint decisions
      ContinuumLevel::collaboration, // 5 collaboration: consensus, shared vision
  };
  if (level < 0 || level > 5) throw Error("a Levels of Collaboration rating is 0 to 5, got " + std::to_string(level));
  return table[level];
}

Continuum place_on_continuum(const Partnership& p, const Template& t, Date on) {
  Continuum c;
  auto observed = [&](const Relationship& r) { return !r.observed || *r.observed <= on; };
  auto count_kind = [&](const std::string& kind) {
    return std::count_if(p.relationships.begin(), p.relationships.end(),
                         [&](const Relationship& r) { return r.kind == kind && observed(r); });
  };
  auto joint = count_kind("joint-work");
  auto sharing = count_kind("information-sharing");
  auto ties = std::count_if(p.relationships.begin(), p.relationships.end(), observed);
  auto held = std::count_if(p.meetings.begin(), p.meetings.end(), [&](const Meeting& m) { return detail::held_by(m, on); });
  bool vision = std::any_of(p.events.begin(), p.events.end(),
                            [&](const Event& e) { return e.activity == t.vision_activity && e.date <= on; });

  c.evidence.push_back({"joint-work ties", std::to_string(joint) + " joint-work (shared project) ties"});
  c.evidence.push_back({"information-sharing ties", std::to_string(sharing) + " information-sharing ties"});
  c.evidence.push_back({"meetings held", std::to_string(held) + " meetings held by " + format_date(on)});
  c.evidence.push_back({"shared vision", vision ? "a shared vision is recorded (" + t.vision_activity + ")"
                                                : "no shared vision is recorded yet (" + t.vision_activity + ")"});
  if (vision && joint >= 1 && held >= 3) c.from_evidence = ContinuumLevel::collaboration;
  else if ((sharing >= 1 || joint >= 1) && held >= 2) c.from_evidence = ContinuumLevel::cooperation;
  else if (ties >= 1 || held >= 1) c.from_evidence = ContinuumLevel::coordination;

  // Ratings: the median level through the table; a tie's level is its source's rating of its target.
  std::vector<int> levels;
  std::map<std::pair<std::string, std::string>, std::vector<int>> rating;
  for (const auto& r : p.relationships)
    if (r.level && observed(r)) {
      levels.push_back(*r.level);
      rating[{r.source, r.target}].push_back(*r.level);
    }
  if (!levels.empty()) {
    std::sort(levels.begin(), levels.end());
    int median = levels[(levels.size() - 1) / 2];
    c.from_ratings = continuum_from_rating(median);
    c.evidence.push_back({"ratings", std::to_string(levels.size()) + " Levels of Collaboration ratings, median " +
                                         std::to_string(median) + " (" + to_string(*c.from_ratings) + ")"});
  }
  c.level = c.from_ratings ? std::min(c.from_evidence, *c.from_ratings) : c.from_evidence;
  for (const auto& [pair, mine] : rating) {
    auto back = rating.find({pair.second, pair.first});
    if (back == rating.end() || !(pair.first < pair.second)) continue;
    int best_a = 0, best_b = 0, widest = -1;
    for (int x : mine)
      for (int y : back->second)
        if (std::abs(x - y) > widest) widest = std::abs(x - y), best_a = x, best_b = y;
    if (widest >= 2) c.discuss.push_back({pair.first, pair.second, best_a, best_b});
  }
  return c;
}

nlohmann::ordered_json to_json(const Continuum& c) {
  using OJson = nlohmann::ordered_json;
  OJson out{{"level", to_string(c.level)},
            {"from_evidence", to_string(c.from_evidence)},
            {"from_ratings", c.from_ratings ? OJson(to_string(*c.from_ratings)) : OJson(nullptr)}};
  out["evidence"] = OJson::array();
  for (const auto& e : c.evidence) out["evidence"].push_back({{"signal", e.signal}, {"detail", e.detail}});
  out["discuss"] = OJson::array();
  for (const auto& d : c.discuss)
    out["discuss"].push_back({{"a", d.a}, {"b", d.b}, {"a_rates_b", d.a_rates_b}, {"b_rates_a", d.b_rates_a}});
  return out;
}

}  // namespace partnerkit::process
