// Change over time (see include/partnerkit/stakeholders/compare.hpp).
#include "partnerkit/stakeholders/compare.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "partnerkit/stakeholders/graph.hpp"
#include "partnerkit/stakeholders/measures.hpp"

namespace partnerkit::stakeholders {
namespace {

struct Snapshot {
  SnapshotSummary summary;
  std::map<std::pair<std::string, std::string>, std::set<std::string>> ties;
  std::unordered_map<std::string, std::size_t> index;
  std::vector<double> degree, betweenness;
  ScoreReport scores;
};

Snapshot measure(const Graph& g, const CompareOptions& options) {
  Snapshot s;
  auto& m = s.summary;
  m.vertices = g.vertex_count();
  for (std::size_t v = 0; v < g.vertex_count(); ++v) s.index.emplace(g.vertex(v).id, v);
  for (const Edge& e : g.edges()) {
    if (e.source == e.target) continue;
    std::string a = g.vertex(e.source).id, b = g.vertex(e.target).id;
    if (b < a) std::swap(a, b);
    s.ties[{a, b}].insert(e.kind);
  }
  m.ties = s.ties.size();
  m.density = density(g);
  m.degree_centralization = centralization(g, Centrality::degree);
  m.betweenness_centralization = centralization(g, Centrality::betweenness);
  m.closeness_centralization = centralization(g, Centrality::closeness);
  s.scores = trust_and_value(g);
  m.trust = s.scores.network_trust;
  m.value = s.scores.network_value;
  m.components = weak_components(g).count;
  for (std::size_t v : isolates(g)) m.isolates.push_back(g.vertex(v).id);
  s.degree = degree(g);
  s.betweenness = betweenness(g);
  std::vector<std::size_t> order(g.vertex_count());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (s.betweenness[a] != s.betweenness[b]) return s.betweenness[a] > s.betweenness[b];
    if (s.degree[a] != s.degree[b]) return s.degree[a] > s.degree[b];
    return g.vertex(a).id < g.vertex(b).id;
  });
  for (std::size_t i = 0; i < order.size() && m.central.size() < options.central; ++i)
    if (s.betweenness[order[i]] > 0) m.central.push_back(g.vertex(order[i]).id);
  return s;
}

std::vector<std::string> minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::set<std::string> drop(b.begin(), b.end());
  std::vector<std::string> out;
  for (const auto& x : a)
    if (!drop.count(x)) out.push_back(x);
  return out;
}

TiePair pair_of(const std::pair<std::string, std::string>& key, const std::set<std::string>& kinds) {
  return {key.first, key.second, std::vector<std::string>(kinds.begin(), kinds.end())};
}

}  // namespace

Comparison compare(const Graph& before_graph, const Graph& after_graph, const CompareOptions& options) {
  Snapshot b = measure(before_graph, options), a = measure(after_graph, options);
  Comparison c;
  c.before = b.summary;
  c.after = a.summary;
  for (const Vertex& v : after_graph.vertices())
    if (!b.index.count(v.id)) c.added.push_back(v.id);
  for (const Vertex& v : before_graph.vertices())
    if (!a.index.count(v.id)) c.removed.push_back(v.id);
  for (const auto& [key, kinds] : a.ties) {
    auto it = b.ties.find(key);
    if (it == b.ties.end()) c.gained.push_back(pair_of(key, kinds));
    else if (it->second != kinds) c.kinds_changed.push_back(pair_of(key, kinds));
  }
  for (const auto& [key, kinds] : b.ties)
    if (!a.ties.count(key)) c.lost.push_back(pair_of(key, kinds));
  // Isolated / central: only vertices present in both snapshots change state.
  auto in_both = [&](const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    for (const auto& id : ids)
      if (a.index.count(id) && b.index.count(id)) out.push_back(id);
    return out;
  };
  c.became_isolated = in_both(minus(a.summary.isolates, b.summary.isolates));
  c.no_longer_isolated = in_both(minus(b.summary.isolates, a.summary.isolates));
  c.became_central = minus(a.summary.central, b.summary.central);
  c.no_longer_central = minus(b.summary.central, a.summary.central);
  auto fill = [](const Snapshot& s, const std::string& id, std::optional<double>& deg, std::optional<double>& btw,
                 std::optional<double>& trust, std::optional<double>& value) {
    auto it = s.index.find(id);
    if (it == s.index.end()) return;
    deg = s.degree[it->second];
    btw = s.betweenness[it->second];
    trust = s.scores.vertices[it->second].trust;
    value = s.scores.vertices[it->second].value;
  };
  auto add_vertex = [&](const std::string& id) {
    VertexChange v;
    v.id = id;
    fill(b, id, v.degree_before, v.betweenness_before, v.trust_before, v.value_before);
    fill(a, id, v.degree_after, v.betweenness_after, v.trust_after, v.value_after);
    c.vertices.push_back(std::move(v));
  };
  for (const Vertex& v : before_graph.vertices()) add_vertex(v.id);
  for (const auto& id : c.added) add_vertex(id);
  return c;
}

Comparison compare(const Partnership& p, Date before, Date after, const CompareOptions& options) {
  Graph g(p, GraphOptions{.people = options.people});
  Comparison c = compare(g.as_of(before), g.as_of(after), options);
  c.before_label = format_date(before);
  c.after_label = format_date(after);
  return c;
}

Comparison compare(const Partnership& before, const Partnership& after, std::optional<Date> on,
                   const CompareOptions& options) {
  Graph b(before, GraphOptions{.people = options.people}), a(after, GraphOptions{.people = options.people});
  if (on) {
    b = b.as_of(*on);
    a = a.as_of(*on);
  }
  Comparison c = compare(b, a, options);
  c.before_label = before.name;
  c.after_label = after.name;
  return c;
}

namespace {

nlohmann::ordered_json optional_number(const std::optional<double>& x) {
  return x ? nlohmann::ordered_json(*x) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json to_json(const SnapshotSummary& s) {
  return {{"vertices", s.vertices},
          {"ties", s.ties},
          {"density", s.density},
          {"degree_centralization", s.degree_centralization},
          {"betweenness_centralization", s.betweenness_centralization},
          {"closeness_centralization", s.closeness_centralization},
          {"trust", optional_number(s.trust)},
          {"value", optional_number(s.value)},
          {"components", s.components},
          {"isolates", s.isolates},
          {"central", s.central}};
}

nlohmann::ordered_json to_json(const std::vector<TiePair>& ties) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& t : ties) out.push_back({{"a", t.a}, {"b", t.b}, {"kinds", t.kinds}});
  return out;
}

nlohmann::ordered_json change(const std::optional<double>& before, const std::optional<double>& after) {
  return before && after ? nlohmann::ordered_json(*after - *before) : nlohmann::ordered_json(nullptr);
}

}  // namespace

nlohmann::ordered_json to_json(const Comparison& c) {
  nlohmann::ordered_json out{{"before_label", c.before_label}, {"after_label", c.after_label}};
  out["before"] = to_json(c.before);
  out["after"] = to_json(c.after);
  out["change"] = {
      {"density", c.after.density - c.before.density},
      {"degree_centralization", c.after.degree_centralization - c.before.degree_centralization},
      {"betweenness_centralization", c.after.betweenness_centralization - c.before.betweenness_centralization},
      {"closeness_centralization", c.after.closeness_centralization - c.before.closeness_centralization},
      {"trust", change(c.before.trust, c.after.trust)},
      {"value", change(c.before.value, c.after.value)}};
  out["added"] = c.added;
  out["removed"] = c.removed;
  out["gained"] = to_json(c.gained);
  out["lost"] = to_json(c.lost);
  out["kinds_changed"] = to_json(c.kinds_changed);
  out["became_isolated"] = c.became_isolated;
  out["no_longer_isolated"] = c.no_longer_isolated;
  out["became_central"] = c.became_central;
  out["no_longer_central"] = c.no_longer_central;
  out["vertices"] = nlohmann::ordered_json::array();
  for (const auto& v : c.vertices)
    out["vertices"].push_back({{"id", v.id},
                               {"degree_before", optional_number(v.degree_before)},
                               {"degree_after", optional_number(v.degree_after)},
                               {"betweenness_before", optional_number(v.betweenness_before)},
                               {"betweenness_after", optional_number(v.betweenness_after)},
                               {"trust_before", optional_number(v.trust_before)},
                               {"trust_after", optional_number(v.trust_after)},
                               {"value_before", optional_number(v.value_before)},
                               {"value_after", optional_number(v.value_after)}});
  return out;
}

}  // namespace partnerkit::stakeholders
