// Change over time: two snapshots of a partnership (two days of one document, or two documents)
// compared tie by tie and measure by measure.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "partnerkit/core/model.hpp"

namespace partnerkit::stakeholders {

class Graph;

struct CompareOptions {
  /// Compare people too (tied to their organizations); by default organizations only, a tie
  /// naming a person counting for the person's organization.
  bool people = false;
  /// How many vertices count as central: the top `central` by betweenness (then degree, then id),
  /// among those with betweenness > 0.
  std::size_t central = 3;
};

/// The measures of one snapshot.
struct SnapshotSummary {
  std::size_t vertices = 0;
  std::size_t ties = 0;  ///< pairs of vertices with at least one tie
  double density = 0;
  double degree_centralization = 0;
  double betweenness_centralization = 0;
  double closeness_centralization = 0;
  std::optional<double> trust;  ///< network trust (mean over rated ties), empty if none rated
  std::optional<double> value;
  std::size_t components = 0;
  std::vector<std::string> isolates;
  std::vector<std::string> central;  ///< the most central vertices, most central first
};

/// A pair of vertices with a tie, and the kinds of its ties ("" for a tie with no kind).
struct TiePair {
  std::string a, b;  ///< a < b
  std::vector<std::string> kinds;
  friend bool operator==(const TiePair&, const TiePair&) = default;
};

/// One vertex's measures in both snapshots (empty where the vertex is not in that snapshot).
struct VertexChange {
  std::string id;
  std::optional<double> degree_before, degree_after;            ///< degree centrality
  std::optional<double> betweenness_before, betweenness_after;  ///< normalized betweenness
  std::optional<double> trust_before, trust_after;              ///< mean trust the vertex received
  std::optional<double> value_before, value_after;
};

struct Comparison {
  std::string before_label, after_label;  ///< e.g. "2027-01-01" or a file name
  SnapshotSummary before, after;
  std::vector<std::string> added, removed;  ///< vertices only in after / only in before
  std::vector<TiePair> gained, lost;        ///< sorted by (a, b)
  std::vector<TiePair> kinds_changed;       ///< pairs tied in both with other kinds; kinds are after's
  std::vector<std::string> became_isolated, no_longer_isolated;
  std::vector<std::string> became_central, no_longer_central;
  std::vector<VertexChange> vertices;       ///< before's order, then vertices only in after
};

/// Compares two graphs (built with the same GraphOptions). O(measures of both graphs).
Comparison compare(const Graph& before, const Graph& after, const CompareOptions& options = {});

/// The same document on two days: ties observed on or before each day (undated ties in both).
Comparison compare(const Partnership& p, Date before, Date after, const CompareOptions& options = {});

/// Two documents, each with its ties on `on` (all ties when empty). Throws ValidationError if a
/// document's ties are not a valid graph.
Comparison compare(const Partnership& before, const Partnership& after, std::optional<Date> on = {},
                   const CompareOptions& options = {});

nlohmann::ordered_json to_json(const Comparison& c);

}  // namespace partnerkit::stakeholders
