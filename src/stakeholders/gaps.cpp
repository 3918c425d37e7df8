// Gap analysis (see include/partnerkit/stakeholders/gaps.hpp).
#include "partnerkit/stakeholders/gaps.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "partnerkit/stakeholders/graph.hpp"
#include "partnerkit/stakeholders/measures.hpp"

namespace partnerkit::stakeholders {

const std::vector<RecommendedCategory>& toolkit_categories() {
  static const std::vector<RecommendedCategory> list = {
      {"cac-chapter", "CAC State Chapter leadership", true},
      {"voca-administrator", "VOCA Administration leadership", true},
      {"child-family-services", "Department of Children and Family Services", false},
      {"victim-compensation", "Victim Compensation Program", false},
      {"law-enforcement", "Office of Criminal Justice or other Law Enforcement", false},
      {"childrens-justice-task-force", "Members of the Children's Justice Task Force", false},
      {"sexual-assault-coalition", "Sexual Assault Coalition", false},
      {"domestic-violence-coalition", "Domestic Violence Coalition", false},
      {"regional-cac", "Regional Children's Advocacy Centers", false},
  };
  return list;
}

namespace {

// Adjacency sets of the symmetrized graph, without self-ties.
std::vector<std::vector<std::size_t>> neighbours(const Graph& g) {
  std::vector<std::set<std::size_t>> sets(g.vertex_count());
  for (const Edge& e : g.edges()) {
    if (e.source == e.target) continue;
    sets[e.source].insert(e.target);
    sets[e.target].insert(e.source);
  }
  std::vector<std::vector<std::size_t>> out(sets.size());
  for (std::size_t v = 0; v < sets.size(); ++v) out[v].assign(sets[v].begin(), sets[v].end());
  return out;
}

}  // namespace

Gaps find_gaps(const Partnership& p, const GapOptions& options) {
  Gaps out;

  // ---- categories ----
  std::set<std::string> present;
  for (const auto& o : p.organizations)
    if (o.category) present.insert(*o.category);
  bool toolkit = options.toolkit.value_or(!p.process || *p.process == "building-partnership");
  std::set<std::string> reported;
  if (toolkit)
    for (const auto& c : toolkit_categories())
      if (!present.count(c.category) && reported.insert(c.category).second)
        out.missing_categories.push_back({c.category, c.label, "toolkit"});
  for (const auto& c : options.categories)
    if (!present.count(c) && reported.insert(c).second) out.missing_categories.push_back({c, c, "user"});

  // ---- decision makers ----
  for (const auto& o : p.organizations) {
    if (o.category == "facilitator") continue;
    std::size_t people = 0;
    bool decides = false;
    for (const auto& person : p.people)
      if (person.organization == o.id) {
        ++people;
        decides = decides || person.decision_maker;
      }
    if (!decides) out.no_decision_maker.push_back({o.id, people});
  }

  // ---- organizations: isolates and introductions ----
  Graph orgs(p, GraphOptions{.people = false});
  if (options.on) orgs = orgs.as_of(*options.on);
  auto adj = neighbours(orgs);
  for (std::size_t v : isolates(orgs)) out.isolates.push_back(orgs.vertex(v).id);
  std::map<std::pair<std::size_t, std::size_t>, std::vector<std::size_t>> shared;
  for (std::size_t w = 0; w < adj.size(); ++w)
    for (std::size_t i = 0; i < adj[w].size(); ++i)
      for (std::size_t j = i + 1; j < adj[w].size(); ++j) {
        std::size_t a = adj[w][i], b = adj[w][j];
        if (std::binary_search(adj[a].begin(), adj[a].end(), b)) continue;
        shared[{a, b}].push_back(w);
      }
  for (auto& [pair, via] : shared) {
    Introduction intro;
    intro.a = orgs.vertex(pair.first).id;
    intro.b = orgs.vertex(pair.second).id;
    if (intro.b < intro.a) std::swap(intro.a, intro.b);
    for (std::size_t w : via) intro.shared.push_back(orgs.vertex(w).id);
    std::sort(intro.shared.begin(), intro.shared.end());
    out.introductions.push_back(std::move(intro));
  }
  std::sort(out.introductions.begin(), out.introductions.end(), [](const Introduction& x, const Introduction& y) {
    if (x.shared.size() != y.shared.size()) return x.shared.size() > y.shared.size();
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  if (options.max_introductions && out.introductions.size() > options.max_introductions)
    out.introductions.resize(options.max_introductions);

  // ---- single points of failure: people and organizations ----
  Graph full(p);
  if (options.on) full = full.as_of(*options.on);
  auto fadj = neighbours(full);
  const std::size_t n = full.vertex_count();
  auto is_org = [&](std::size_t v) { return full.vertex(v).kind == VertexKind::organization; };
  for (std::size_t cut : articulation_points(full)) {
    // Pieces left of cut's component when cut is removed; organizations in each.
    std::vector<char> seen(n, 0);
    seen[cut] = 1;
    std::vector<std::vector<std::string>> pieces;
    for (std::size_t start : fadj[cut]) {
      if (seen[start]) continue;
      std::vector<std::string> org_ids;
      std::vector<std::size_t> stack{start};
      seen[start] = 1;
      while (!stack.empty()) {
        std::size_t v = stack.back();
        stack.pop_back();
        if (is_org(v)) org_ids.push_back(full.vertex(v).id);
        for (std::size_t w : fadj[v])
          if (!seen[w]) seen[w] = 1, stack.push_back(w);
      }
      if (!org_ids.empty()) pieces.push_back(std::move(org_ids));
    }
    if (pieces.size() < 2) continue;
    std::stable_sort(pieces.begin(), pieces.end(), [](const auto& x, const auto& y) { return x.size() > y.size(); });
    SinglePointOfFailure s;
    s.id = full.vertex(cut).id;
    s.kind = std::string(to_string(full.vertex(cut).kind));
    for (std::size_t i = 1; i < pieces.size(); ++i) s.cut_off.insert(s.cut_off.end(), pieces[i].begin(), pieces[i].end());
    std::sort(s.cut_off.begin(), s.cut_off.end());
    out.single_points_of_failure.push_back(std::move(s));
  }
  std::stable_sort(out.single_points_of_failure.begin(), out.single_points_of_failure.end(),
                   [](const auto& x, const auto& y) {
                     if (x.cut_off.size() != y.cut_off.size()) return x.cut_off.size() > y.cut_off.size();
                     return x.id < y.id;
                   });
  return out;
}

nlohmann::ordered_json to_json(const Gaps& g) {
  using OJ = nlohmann::ordered_json;
  OJ out = OJ::object();
  out["missing_categories"] = OJ::array();
  for (const auto& m : g.missing_categories)
    out["missing_categories"].push_back({{"category", m.category}, {"label", m.label}, {"source", m.source}});
  out["no_decision_maker"] = OJ::array();
  for (const auto& d : g.no_decision_maker) out["no_decision_maker"].push_back({{"organization", d.organization}, {"people", d.people}});
  out["isolates"] = g.isolates;
  out["single_points_of_failure"] = OJ::array();
  for (const auto& s : g.single_points_of_failure)
    out["single_points_of_failure"].push_back({{"id", s.id}, {"kind", s.kind}, {"cut_off", s.cut_off}});
  out["introductions"] = OJ::array();
  for (const auto& i : g.introductions) out["introductions"].push_back({{"a", i.a}, {"b", i.b}, {"shared", i.shared}});
  return out;
}

}  // namespace partnerkit::stakeholders
