// The stakeholder graph of a partnership, its views and its CSR form.
#include "partnerkit/stakeholders/graph.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <atomic>
#include <mutex>
#include <numeric>
#include <unordered_set>

#include "partnerkit/core/error.hpp"

namespace partnerkit::stakeholders {

std::string_view to_string(VertexKind kind) noexcept {
  return kind == VertexKind::organization ? "organization" : "person";
}

namespace {

bool valid_weight(double w) { return std::isfinite(w) && w > 0; }

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

}  // namespace

struct Graph::CsrCache {
  std::once_flag once[3];
  Csr csr[3];
  std::atomic<bool> used{false};  // a form was built: a change needs a fresh cache (so does sharing)
};

Graph::Graph() : cache_(std::make_shared<CsrCache>()) {}

Graph::Graph(const Partnership& p, const GraphOptions& options) : Graph() {
  std::vector<Issue> issues;
  const std::string file = "<partnership>";
  std::unordered_map<std::string, const Organization*> orgs;
  for (const Organization& o : p.organizations) orgs.emplace(o.id, &o);
  for (std::size_t i = 0; i < p.organizations.size(); ++i) {
    const Organization& o = p.organizations[i];
    if (o.id.empty() || index_.count(o.id)) {
      issues.push_back({file, "/organizations/" + std::to_string(i) + "/id",
                        o.id.empty() ? "expected a non-empty id" : "duplicate id " + in_quotes(o.id)});
      continue;
    }
    Vertex v;
    v.id = o.id;
    v.name = o.name;
    v.kind = VertexKind::organization;
    v.category = o.category;
    v.core = o.core;
    add_vertex(std::move(v));
  }
  // Where each person's ties go when people are not vertices: their organization.
  std::unordered_map<std::string, std::string> person_org;
  for (std::size_t i = 0; i < p.people.size(); ++i) {
    const Person& person = p.people[i];
    const std::string at = "/people/" + std::to_string(i);
    auto org = orgs.find(person.organization);
    if (org == orgs.end()) {
      issues.push_back({file, at + "/organization", "expected a known organization id, got " + in_quotes(person.organization)});
      continue;
    }
    if (person.id.empty() || index_.count(person.id) || person_org.count(person.id)) {
      issues.push_back({file, at + "/id", person.id.empty() ? "expected a non-empty id" : "duplicate id " + in_quotes(person.id)});
      continue;
    }
    person_org.emplace(person.id, person.organization);
    if (!options.people) continue;
    Vertex v;
    v.id = person.id;
    v.name = person.name;
    v.kind = VertexKind::person;
    v.category = org->second->category;
    v.organization = person.organization;
    v.decision_maker = person.decision_maker;
    v.core = org->second->core;
    const std::size_t pv = add_vertex(std::move(v));
    Edge e;
    e.source = pv;
    e.target = index_.at(person.organization);
    e.kind = std::string(membership_kind);
    edges_.push_back(std::move(e));
  }
  auto endpoint = [&](const std::string& id, const std::string& pointer) -> std::optional<std::size_t> {
    if (auto it = index_.find(id); it != index_.end()) return it->second;
    if (!options.people) {
      if (auto it = person_org.find(id); it != person_org.end()) return index_.at(it->second);
    }
    issues.push_back({file, pointer, "expected a known organization or person id, got " + in_quotes(id)});
    return std::nullopt;
  };
  for (std::size_t i = 0; i < p.relationships.size(); ++i) {
    const Relationship& r = p.relationships[i];
    const std::string at = "/relationships/" + std::to_string(i);
    auto s = endpoint(r.source, at + "/source");
    auto t = endpoint(r.target, at + "/target");
    if (!valid_weight(r.weight)) issues.push_back({file, at + "/weight", "expected a positive finite weight"});
    if (!s || !t || !valid_weight(r.weight)) continue;
    Edge e;
    e.source = *s;
    e.target = *t;
    e.kind = r.kind.value_or("");
    e.weight = r.weight;
    e.directed = r.directed;
    e.observed = r.observed;
    e.level = r.level;
    e.trust = r.trust;
    e.value = r.value;
    e.relationship = i;
    edges_.push_back(std::move(e));
  }
  if (!issues.empty()) throw ValidationError(std::move(issues));
}

std::size_t Graph::add_vertex(Vertex vertex) {
  if (vertex.id.empty()) throw Error("a vertex needs a non-empty id");
  if (index_.count(vertex.id)) throw Error("duplicate vertex id " + in_quotes(vertex.id));
  const std::size_t i = vertices_.size();
  if (!cache_ || cache_->used || cache_.use_count() > 1) cache_ = std::make_shared<CsrCache>();
  index_.emplace(vertex.id, i);
  vertices_.push_back(std::move(vertex));
  return i;
}

std::size_t Graph::add_edge(Edge edge) {
  if (edge.source >= vertices_.size() || edge.target >= vertices_.size())
    throw Error("tie endpoint out of range: " + std::to_string(edge.source) + " -> " + std::to_string(edge.target) +
                " in a graph of " + std::to_string(vertices_.size()) + " vertices");
  if (!valid_weight(edge.weight)) throw Error("a tie's weight must be a positive finite number");
  if (!cache_ || cache_->used || cache_.use_count() > 1) cache_ = std::make_shared<CsrCache>();
  edges_.push_back(std::move(edge));
  return edges_.size() - 1;
}

std::optional<std::size_t> Graph::find(std::string_view id) const {
  auto it = index_.find(std::string(id));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::size_t Graph::index(std::string_view id) const {
  if (auto i = find(id)) return *i;
  throw Error("unknown vertex id " + in_quotes(id));
}

bool Graph::directed() const noexcept {
  return std::any_of(edges_.begin(), edges_.end(), [](const Edge& e) { return e.directed; });
}

namespace {

template <class Keep>
Graph filtered(const Graph& g, Keep keep) {
  Graph out;
  for (const Vertex& v : g.vertices()) out.add_vertex(v);
  for (const Edge& e : g.edges())
    if (keep(e)) out.add_edge(e);
  return out;
}

}  // namespace

Graph Graph::with_kinds(const std::vector<std::string>& kinds) const {
  std::unordered_set<std::string> set(kinds.begin(), kinds.end());
  return filtered(*this, [&](const Edge& e) { return set.count(e.kind) > 0; });
}

Graph Graph::as_of(Date day, bool keep_undated) const {
  return filtered(*this, [&](const Edge& e) { return e.observed ? *e.observed <= day : keep_undated; });
}

Graph Graph::with_min_weight(double min_weight) const {
  return filtered(*this, [&](const Edge& e) { return e.weight >= min_weight; });
}

Graph Graph::symmetrized() const {
  Graph out;
  for (const Vertex& v : vertices_) out.add_vertex(v);
  std::unordered_map<std::uint64_t, std::size_t> pair_edge;
  for (const Edge& e : edges_) {
    if (e.source == e.target) continue;
    const std::uint64_t a = std::min(e.source, e.target), b = std::max(e.source, e.target);
    const std::uint64_t key = (a << 32) | b;
    auto [it, fresh] = pair_edge.emplace(key, out.edges_.size());
    if (fresh) {
      Edge copy = e;
      copy.directed = false;
      out.edges_.push_back(std::move(copy));
    } else {
      out.edges_[it->second].weight += e.weight;
    }
  }
  return out;
}

Graph Graph::organizations_only() const {
  std::vector<std::size_t> keep;
  for (std::size_t v = 0; v < vertices_.size(); ++v)
    if (vertices_[v].kind == VertexKind::organization) keep.push_back(v);
  return subgraph(keep);
}

Graph Graph::subgraph(const std::vector<std::size_t>& vertices) const {
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> map(vertices_.size(), none);
  Graph out;
  for (std::size_t v : vertices) {
    if (v >= vertices_.size()) throw Error("subgraph: vertex index " + std::to_string(v) + " out of range");
    if (map[v] != none) throw Error("subgraph: vertex index " + std::to_string(v) + " given twice");
    map[v] = out.add_vertex(vertices_[v]);
  }
  for (const Edge& e : edges_) {
    if (map[e.source] == none || map[e.target] == none) continue;
    Edge copy = e;
    copy.source = map[e.source];
    copy.target = map[e.target];
    out.edges_.push_back(std::move(copy));
  }
  return out;
}

namespace {

/// Counting sort of the arcs by source, then each row sorted by target and merged.
Csr build_csr(const std::vector<Edge>& edges, std::size_t n, Arcs arcs, bool directed) {
  if (n >= std::numeric_limits<std::uint32_t>::max()) throw Error("graph too large for the CSR form (2^32 vertices)");
  Csr out;
  out.directed = directed;
  std::vector<std::uint32_t> count(n + 1, 0);
  auto each_arc = [&](auto&& f) {
    for (const Edge& e : edges) {
      if (e.source == e.target) continue;
      const auto s = static_cast<std::uint32_t>(e.source), t = static_cast<std::uint32_t>(e.target);
      if (e.directed && arcs == Arcs::out) f(s, t, e.weight);
      else if (e.directed && arcs == Arcs::in) f(t, s, e.weight);
      else {
        f(s, t, e.weight);
        f(t, s, e.weight);
      }
    }
  };
  each_arc([&](std::uint32_t from, std::uint32_t, double) { ++count[from + 1]; });
  std::partial_sum(count.begin(), count.end(), count.begin());
  std::vector<std::pair<std::uint32_t, double>> slot(count[n]);
  std::vector<std::uint32_t> fill(count.begin(), count.end() - 1);
  each_arc([&](std::uint32_t from, std::uint32_t to, double w) { slot[fill[from]++] = {to, w}; });
  out.offsets.assign(n + 1, 0);
  out.targets.reserve(slot.size());
  out.weights.reserve(slot.size());
  for (std::size_t v = 0; v < n; ++v) {
    auto b = slot.begin() + count[v], e = slot.begin() + count[v + 1];
    std::sort(b, e, [](const auto& x, const auto& y) { return x.first < y.first; });
    for (auto it = b; it != e; ++it) {
      if (it != b && it->first == (it - 1)->first) {
        out.weights.back() += it->second;
        continue;
      }
      out.targets.push_back(it->first);
      out.weights.push_back(it->second);
    }
    out.offsets[v + 1] = static_cast<std::uint32_t>(out.targets.size());
  }
  return out;
}

}  // namespace

const Csr& Graph::csr(Arcs arcs) const {
  if (!cache_) throw Error("use of a moved-from graph");
  const int k = static_cast<int>(arcs);
  cache_->used = true;
  std::call_once(cache_->once[k], [&] { cache_->csr[k] = build_csr(edges_, vertices_.size(), arcs, arcs != Arcs::both && directed()); });
  return cache_->csr[k];
}

}  // namespace partnerkit::stakeholders
