// PARTNER-style trust and value: per tie the mean of the items given, per vertex and for the
// network the mean over the ties that rate it. Missing items are listed, never counted as 0.
#include <array>
#include <optional>

#include "partnerkit/core/error.hpp"
#include "partnerkit/stakeholders/measures.hpp"

namespace partnerkit::stakeholders {
namespace {

struct Item {
  const char* name;
  const std::optional<int>* value;
};

/// Mean of the present items; records the missing ones. Empty when none is present.
std::optional<double> mean(const std::array<Item, 3>& items, std::size_t edge, ScoreReport& report) {
  double sum = 0.0;
  int count = 0;
  for (const Item& item : items) {
    if (!*item.value) {
      report.missing.push_back({edge, item.name});
      continue;
    }
    const int x = **item.value;
    if (x < 1 || x > 4)
      throw Error("tie " + std::to_string(edge) + ": " + item.name + " must be between 1 and 4, got " + std::to_string(x));
    sum += x;
    ++count;
  }
  if (count == 0) return std::nullopt;
  return sum / count;
}

}  // namespace

ScoreReport trust_and_value(const Graph& g) {
  ScoreReport report;
  report.vertices.resize(g.vertex_count());
  std::vector<double> trust_sum(g.vertex_count(), 0.0), value_sum(g.vertex_count(), 0.0);
  double network_trust = 0.0, network_value = 0.0;
  for (std::size_t i = 0; i < g.edge_count(); ++i) {
    const Edge& e = g.edge(i);
    if (e.trust) {
      const auto& t = *e.trust;
      if (auto s = mean({Item{"reliability", &t.reliability}, Item{"mission", &t.mission}, Item{"openness", &t.openness}}, i, report)) {
        trust_sum[e.target] += *s;
        ++report.vertices[e.target].trust_raters;
        network_trust += *s;
        ++report.trust_ties;
      }
    }
    if (e.value) {
      const auto& v = *e.value;
      if (auto s = mean({Item{"power", &v.power}, Item{"resources", &v.resources}, Item{"involvement", &v.involvement}}, i, report)) {
        value_sum[e.target] += *s;
        ++report.vertices[e.target].value_raters;
        network_value += *s;
        ++report.value_ties;
      }
    }
  }
  for (std::size_t v = 0; v < g.vertex_count(); ++v) {
    VertexScores& s = report.vertices[v];
    if (s.trust_raters) s.trust = trust_sum[v] / static_cast<double>(s.trust_raters);
    if (s.value_raters) s.value = value_sum[v] / static_cast<double>(s.value_raters);
  }
  if (report.trust_ties) report.network_trust = network_trust / static_cast<double>(report.trust_ties);
  if (report.value_ties) report.network_value = network_value / static_cast<double>(report.value_ties);
  return report;
}

}  // namespace partnerkit::stakeholders
