// Grouping short entries into themes: each theme has a readable label, its entries and a
// representative entry; every entry is in one theme or listed as unassigned.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "partnerkit/themes/normalize.hpp"

namespace partnerkit::themes {

/// How entries are grouped. The normalization fields apply to texts; the rest to grouping.
struct ThemeOptions {
  /// Exactly this many themes (at most the number of entries that have terms); nullopt: the
  /// number of themes is found from the data.
  std::optional<int> themes;
  Lexicon lexicon = Lexicon::builtin();  ///< synonyms and abbreviations; Lexicon{} for none
  bool stem = true;                      ///< Snowball English stemming
  bool stop_words = true;                ///< drop stop words
  /// Neighbours kept per entry in the similarity graph; 0 chooses from the number of entries.
  int neighbors = 0;
  /// Modularity resolution of the community detection; higher gives more, smaller themes.
  double resolution = 1.0;
  /// When the number of themes is found from the data, groups smaller than this are left
  /// unassigned (1 keeps every entry that has a similar one).
  std::size_t min_size = 2;
  /// Words in a theme's label (its most characteristic words).
  int label_words = 3;
  /// Seed of the order in which the community detection visits entries.
  unsigned seed = 42;
  /// Worker threads (0: all). The result does not depend on it.
  int threads = 0;

  NormalizeOptions normalize() const { return {lexicon, stem, stop_words}; }
};

/// One theme.
struct Theme {
  std::string label;                  ///< label_words keywords joined by ", " ("staff, turnover")
  std::vector<std::string> keywords;  ///< most characteristic words as users wrote them, best first
  std::vector<std::string> terms;     ///< the normalized terms behind `keywords`, same order
  std::vector<std::size_t> entries;   ///< indices into the input, ascending
  std::size_t representative = 0;    ///< the entry closest to the theme's centroid
  double cohesion = 0;                ///< mean cosine similarity of entries to the centroid, 0..1
};

/// The themes of a set of entries.
struct Themes {
  /// Largest first (ties: the theme whose first entry comes first).
  std::vector<Theme> themes;
  /// The theme index of every entry, in input order; -1 when unassigned.
  std::vector<int> assignments;
  /// Unassigned entries, ascending: no usable term (or zero vector), or not similar to any
  /// other entry, or (when the number of themes is found from the data) in a group smaller than
  /// min_size.
  std::vector<std::size_t> unassigned;

  std::size_t entries() const noexcept { return assignments.size(); }
  std::size_t assigned() const noexcept { return assignments.size() - unassigned.size(); }
};

/// Themes of texts from their lexical vectors (sublinear TF-IDF over normalized terms): a
/// k-nearest-neighbour cosine graph, seeded Louvain community detection, then merging of
/// communities by centroid similarity to exactly `options.themes` when given. Deterministic for
/// any thread count. Roughly O(n · k · average posting length) time, O(n · k + terms) memory.
/// Throws Error if options are out of range (themes < 1, neighbors < 0, resolution <= 0).
Themes aggregate(std::span<const std::string> texts, const ThemeOptions& options = {});

/// Themes from your own vectors: row i of the row-major `rows × dimension` matrix `vectors` is
/// the embedding of texts[i]; the same graph and community machinery on cosine similarity.
/// Labels still come from the texts (pass empty strings to get empty labels). Throws Error if
/// vectors.size() != texts.size() * dimension or dimension == 0; rows of zeros or with a
/// non-finite value are unassigned.
Themes aggregate_vectors(std::span<const std::string> texts, std::span<const float> vectors,
                         std::size_t dimension, const ThemeOptions& options = {});

/// {"themes": [{"label", "keywords", "terms", "entries", "count", "representative",
/// "cohesion"}], "assignments": [...], "unassigned": [...], "counts": {"entries", "assigned",
/// "unassigned", "themes"}}.
nlohmann::ordered_json to_json(const Themes& themes);

}  // namespace partnerkit::themes
