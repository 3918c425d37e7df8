// Breakout groups by simulated annealing over swaps of equal-sized units (a person, or a set of
// people who must stay together).
#include "partnerkit/stakeholders/groups.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <set>
#include <unordered_map>

#include "partnerkit/core/error.hpp"

namespace partnerkit::stakeholders {
namespace {

const std::string where = "breakout groups";

[[noreturn]] void fail(const std::string& pointer, const std::string& message) { throw ValidationError(where, pointer, message); }

std::string q(const std::string& s) { return "\"" + s + "\""; }

// The pair data of n people: organization, existing ties, constraints.
struct Problem {
  std::vector<std::string> ids;
  std::vector<std::string> org;
  std::vector<std::vector<char>> tied;   // n x n
  std::vector<std::vector<char>> apart;  // n x n
  std::vector<std::size_t> unit;         // unit (union of together sets) of each person
  double mix = 1, fresh = 1;

  double pair_value(std::size_t a, std::size_t b) const {
    double v = 0;
    if (org[a] != org[b]) v += mix;
    if (org[a] != org[b] && !tied[a][b]) v += fresh;
    return v;
  }
};

std::size_t find_root(std::vector<std::size_t>& parent, std::size_t x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

Problem make_problem(const Partnership& p, const std::vector<std::string>& people, const GroupOptions& o) {
  Problem pr;
  if (!(o.mixing_weight >= 0) || !(o.new_pair_weight >= 0) || !std::isfinite(o.mixing_weight) ||
      !std::isfinite(o.new_pair_weight))
    fail("/weights", "expected weights that are finite numbers 0 or more");
  pr.mix = o.mixing_weight;
  pr.fresh = o.new_pair_weight;
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < people.size(); ++i) {
    const Person* person = p.find_person(people[i]);
    if (!person) fail("/people/" + std::to_string(i), "expected a person id of the document, got " + q(people[i]));
    if (!index.emplace(people[i], i).second) fail("/people/" + std::to_string(i), q(people[i]) + " is listed twice");
    pr.ids.push_back(people[i]);
    pr.org.push_back(person->organization);
  }
  const std::size_t n = people.size();
  // Existing ties: endpoints of every relationship, as unordered pairs of ids.
  std::set<std::pair<std::string, std::string>> ends;
  for (const auto& r : p.relationships) ends.emplace(std::min(r.source, r.target), std::max(r.source, r.target));
  auto joined = [&](const std::string& a, const std::string& b) {
    return ends.count({std::min(a, b), std::max(a, b)}) > 0;
  };
  pr.tied.assign(n, std::vector<char>(n, 0));
  pr.apart.assign(n, std::vector<char>(n, 0));
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = a + 1; b < n; ++b) {
      bool t = joined(pr.ids[a], pr.ids[b]) || joined(pr.ids[a], pr.org[b]) || joined(pr.org[a], pr.ids[b]) ||
               joined(pr.org[a], pr.org[b]);
      pr.tied[a][b] = pr.tied[b][a] = t;
    }
  auto member = [&](const std::string& id, const std::string& pointer) {
    auto it = index.find(id);
    if (it == index.end()) fail(pointer, q(id) + " is not one of the people to split");
    return it->second;
  };
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  for (std::size_t s = 0; s < o.together.size(); ++s) {
    const auto& set = o.together[s];
    for (std::size_t i = 0; i < set.size(); ++i) {
      std::size_t x = member(set[i], "/together/" + std::to_string(s) + "/" + std::to_string(i));
      std::size_t first = member(set[0], "/together/" + std::to_string(s) + "/0");
      parent[find_root(parent, x)] = find_root(parent, first);
    }
  }
  pr.unit.resize(n);
  for (std::size_t i = 0; i < n; ++i) pr.unit[i] = find_root(parent, i);
  for (std::size_t s = 0; s < o.apart.size(); ++s) {
    std::size_t a = member(o.apart[s].first, "/apart/" + std::to_string(s) + "/0");
    std::size_t b = member(o.apart[s].second, "/apart/" + std::to_string(s) + "/1");
    if (a == b) fail("/apart/" + std::to_string(s), q(pr.ids[a]) + " cannot be kept apart from themself");
    if (pr.unit[a] == pr.unit[b])
      fail("/apart/" + std::to_string(s), q(pr.ids[a]) + " and " + q(pr.ids[b]) + " must be together and apart at once");
    pr.apart[a][b] = pr.apart[b][a] = 1;
  }
  return pr;
}

GroupScore score_of(const Problem& pr, const std::vector<std::size_t>& group_of) {
  GroupScore s;
  const std::size_t n = pr.ids.size();
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = a + 1; b < n; ++b) {
      bool same = group_of[a] == group_of[b];
      if (pr.apart[a][b] && same) ++s.violations;
      if (pr.unit[a] == pr.unit[b] && !same) ++s.violations;
      if (!same) continue;
      ++s.pairs;
      if (pr.org[a] != pr.org[b]) {
        ++s.mixed_pairs;
        if (!pr.tied[a][b]) ++s.new_pairs;
      }
    }
  s.score = pr.mix * static_cast<double>(s.mixed_pairs) + pr.fresh * static_cast<double>(s.new_pairs);
  return s;
}

}  // namespace

GroupScore score_groups(const Partnership& p, const std::vector<std::vector<std::string>>& groups,
                        const GroupOptions& options) {
  std::vector<std::string> people;
  std::vector<std::size_t> group_of;
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (const auto& id : groups[g]) {
      people.push_back(id);
      group_of.push_back(g);
    }
  return score_of(make_problem(p, people, options), group_of);
}

Breakouts breakout_groups(const Partnership& p, const std::vector<std::string>& people, const GroupOptions& options) {
  const std::size_t n = people.size();
  const std::size_t k = options.groups;
  if (n == 0) fail("/people", "expected at least one person to split into groups");
  if (k < 1 || k > n)
    fail("/groups", "expected a number of groups from 1 to " + std::to_string(n) + " (the number of people), got " + std::to_string(k));
  Problem pr = make_problem(p, people, options);

  // Units: people who stay together, each a list of person indexes.
  std::vector<std::vector<std::size_t>> units;
  {
    std::unordered_map<std::size_t, std::size_t> unit_index;
    for (std::size_t i = 0; i < n; ++i) {
      auto [it, fresh] = unit_index.emplace(pr.unit[i], units.size());
      if (fresh) units.emplace_back();
      units[it->second].push_back(i);
    }
  }
  std::vector<std::size_t> capacity(k, n / k);
  for (std::size_t g = 0; g < n % k; ++g) ++capacity[g];
  for (const auto& u : units)
    if (u.size() > capacity[0])
      fail("/together", q(pr.ids[u[0]]) + " must be with " + std::to_string(u.size() - 1) + " others, but " +
                            std::to_string(n) + " people in " + std::to_string(k) + " groups make groups of at most " +
                            std::to_string(capacity[0]));

  std::mt19937_64 rng(options.seed);
  // Starting assignment: units largest first, each into the group with the most room left that
  // has nobody it must be apart from (first fit decreasing); shuffled retries if that fails.
  std::vector<std::size_t> unit_group(units.size());
  std::vector<std::size_t> order(units.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return units[a].size() > units[b].size(); });
  bool placed = false;
  for (int attempt = 0; attempt < 200 && !placed; ++attempt) {
    if (attempt > 0) {
      std::shuffle(order.begin(), order.end(), rng);
      std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return units[a].size() > units[b].size(); });
    }
    std::vector<std::size_t> room = capacity;
    std::vector<std::vector<std::size_t>> members(k);
    placed = true;
    for (std::size_t u : order) {
      std::size_t best = k, best_clean = k;
      for (std::size_t g = 0; g < k; ++g) {
        if (room[g] < units[u].size()) continue;
        bool clean = true;
        for (std::size_t x : units[u])
          for (std::size_t y : members[g])
            if (pr.apart[x][y]) clean = false;
        if (best == k || room[g] > room[best]) best = g;
        if (clean && (best_clean == k || room[g] > room[best_clean])) best_clean = g;
      }
      std::size_t g = best_clean != k ? best_clean : best;
      if (g == k) {
        placed = false;
        break;
      }
      unit_group[u] = g;
      room[g] -= units[u].size();
      for (std::size_t x : units[u]) members[g].push_back(x);
    }
  }
  if (!placed) fail("/together", "the together sets do not fit into " + std::to_string(k) + " groups whose sizes differ by at most one");

  std::vector<std::size_t> group_of(n);
  auto sync_people = [&] {
    for (std::size_t u = 0; u < units.size(); ++u)
      for (std::size_t x : units[u]) group_of[x] = unit_group[u];
  };
  sync_people();

  // Pair weights: the score, minus a penalty larger than any score for an apart pair together.
  const double penalty = (pr.mix + pr.fresh + 1.0) * static_cast<double>(n) * static_cast<double>(n);
  std::vector<std::vector<double>> w(n, std::vector<double>(n, 0.0));
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b)
      if (a != b) w[a][b] = pr.pair_value(a, b) - (pr.apart[a][b] ? penalty : 0.0);
  // contrib[x][g]: sum of w(x, y) over the people y in group g.
  std::vector<std::vector<double>> contrib(n, std::vector<double>(k, 0.0));
  for (std::size_t x = 0; x < n; ++x)
    for (std::size_t y = 0; y < n; ++y) contrib[x][group_of[y]] += w[x][y];
  double current = 0;
  for (std::size_t x = 0; x < n; ++x) current += contrib[x][group_of[x]];
  current /= 2;

  Breakouts out;
  out.seed = options.seed;
  out.initial_score = score_of(pr, group_of).score;

  // Units of each size, for swaps that keep every group's size.
  std::unordered_map<std::size_t, std::vector<std::size_t>> by_size;
  for (std::size_t u = 0; u < units.size(); ++u) by_size[units[u].size()].push_back(u);
  std::vector<std::size_t> swappable;  // units that have another unit of the same size
  for (std::size_t u = 0; u < units.size(); ++u)
    if (by_size[units[u].size()].size() > 1) swappable.push_back(u);

  std::vector<std::size_t> best_unit_group = unit_group;
  double best = current;
  const double scale = std::max(pr.mix + pr.fresh, 1e-9);
  const double t0 = scale * std::max<double>(1.0, static_cast<double>(n) / static_cast<double>(k)) / 2.0;
  const double t1 = scale * 0.01;
  std::uniform_real_distribution<double> unit_interval(0.0, 1.0);
  std::size_t steps = 0;
  if (k > 1 && k < n && !swappable.empty()) {
    for (std::size_t it = 0; it < options.iterations; ++it, ++steps) {
      std::size_t u = swappable[std::uniform_int_distribution<std::size_t>(0, swappable.size() - 1)(rng)];
      const auto& same = by_size[units[u].size()];
      std::size_t v = same[std::uniform_int_distribution<std::size_t>(0, same.size() - 1)(rng)];
      std::size_t A = unit_group[u], B = unit_group[v];
      if (A == B) continue;
      double delta = 0;
      for (std::size_t x : units[u]) {
        delta += contrib[x][B] - contrib[x][A];
        for (std::size_t y : units[v]) delta -= w[x][y];
        for (std::size_t y : units[u]) delta += w[x][y];
      }
      for (std::size_t y : units[v]) {
        delta += contrib[y][A] - contrib[y][B];
        for (std::size_t x : units[u]) delta -= w[x][y];
        for (std::size_t z : units[v]) delta += w[y][z];
      }
      double temperature = t0 * std::pow(t1 / t0, static_cast<double>(it) / static_cast<double>(options.iterations));
      if (delta < 0 && unit_interval(rng) >= std::exp(delta / temperature)) continue;
      for (std::size_t z = 0; z < n; ++z) {
        for (std::size_t x : units[u]) {
          contrib[z][A] -= w[z][x];
          contrib[z][B] += w[z][x];
        }
        for (std::size_t y : units[v]) {
          contrib[z][B] -= w[z][y];
          contrib[z][A] += w[z][y];
        }
      }
      std::swap(unit_group[u], unit_group[v]);
      current += delta;
      if (current > best + 1e-9) {
        best = current;
        best_unit_group = unit_group;
      }
    }
  }
  unit_group = best_unit_group;
  sync_people();
  out.iterations = steps;
  out.score = score_of(pr, group_of);
  if (out.score.violations > 0) {
    std::string pairs;
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = a + 1; b < n; ++b)
        if (pr.apart[a][b] && group_of[a] == group_of[b])
          pairs += (pairs.empty() ? "" : ", ") + pr.ids[a] + " and " + pr.ids[b];
    fail("/apart", "no split into " + std::to_string(k) + " groups keeps apart " + pairs);
  }
  out.groups.assign(k, {});
  for (std::size_t x = 0; x < n; ++x) out.groups[group_of[x]].push_back(pr.ids[x]);
  for (auto& g : out.groups) std::sort(g.begin(), g.end());
  std::sort(out.groups.begin(), out.groups.end());
  return out;
}

Breakouts breakout_groups(const Partnership& p, std::string_view meeting_id, const GroupOptions& options) {
  const Meeting* m = p.find_meeting(meeting_id);
  if (!m) fail("/meeting", "expected a meeting id of the document, got " + q(std::string(meeting_id)));
  if (m->participants.empty()) fail("/meeting", "meeting " + q(m->id) + " has no participants");
  return breakout_groups(p, m->participants, options);
}

nlohmann::ordered_json to_json(const GroupScore& s) {
  return {{"score", s.score},         {"pairs", s.pairs}, {"mixed_pairs", s.mixed_pairs},
          {"new_pairs", s.new_pairs}, {"violations", s.violations}};
}

nlohmann::ordered_json to_json(const Breakouts& b) {
  return {{"groups", b.groups},
          {"score", to_json(b.score)},
          {"initial_score", b.initial_score},
          {"iterations", b.iterations},
          {"seed", b.seed}};
}

}  // namespace partnerkit::stakeholders
