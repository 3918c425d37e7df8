// Mergeable aggregation state: partitions (many partnerships, a national survey) normalize
// their entries in parallel, serialize, merge, and finish to the themes of one run.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "partnerkit/themes/aggregate.hpp"

namespace partnerkit::themes {

/// The normalized entries of one partition: each entry's term counts and the surface forms of
/// its terms, plus the normalization settings (lexicon fingerprint, stemming, stop words).
/// Entries keep their order: merging appends the other partial's entries after this one's, so
/// entry i of `a.merge(b)` is entry i of a, then entry i - a.size() of b.
///
/// Tolerance: `finish` on merged partials gives exactly the themes of `aggregate` on the
/// concatenated texts in the same order (same assignments, labels and representatives; the
/// tolerance is zero, tests check it), because the state is the full normalized input and the
/// vocabulary is put in a canonical order before grouping. Merging in another order permutes
/// the entries, which can change ties in the grouping (documented in docs/themes.md).
class PartialAggregate {
 public:
  /// An empty partial with these normalization settings (the grouping fields are ignored).
  explicit PartialAggregate(const ThemeOptions& options = {});

  /// Normalizes and appends one entry / several entries (in parallel, same result).
  void add(std::string_view text);
  void add(std::span<const std::string> texts);
  /// Appends every entry of `other`. Throws Error if its normalization settings differ.
  PartialAggregate& merge(const PartialAggregate& other);

  /// Number of entries.
  std::size_t size() const noexcept { return offsets_.size() - 1; }

  /// The themes of all entries; `options` gives the grouping fields (its normalization fields
  /// must match the partial's, else Error).
  Themes finish(const ThemeOptions& options = {}) const;

  /// {"format": "partnerkit-partial/1", "normalize": {"lexicon", "stem", "stop_words"},
  /// "terms": [{"term", "surfaces": [[surface, count]]}], "entries": [[[term index, count]]]}.
  nlohmann::ordered_json to_json() const;
  /// Throws ValidationError (file, JSON pointer, what was expected) on a malformed state.
  static PartialAggregate from_json(const nlohmann::json& j, const std::string& file = "<string>");
  /// The same state as MessagePack bytes (compact; about 5 bytes per term occurrence).
  std::vector<std::uint8_t> to_binary() const;
  /// Throws ValidationError on bytes that are not a valid partial.
  static PartialAggregate from_binary(std::span<const std::uint8_t> bytes,
                                      const std::string& file = "<bytes>");

  /// The normalization settings (lexicon, stemming, stop words) entries are added with.
  const NormalizeOptions& normalization() const noexcept { return normalize_; }

  // Internal state, public for the grouping code and the tests; read-only for users.
  /// Normalization settings.
  std::uint64_t lexicon_fingerprint() const noexcept { return lexicon_fingerprint_; }
  bool stemmed() const noexcept { return stem_; }
  bool stop_words_removed() const noexcept { return stop_words_; }
  /// Interned terms, in order of first occurrence.
  const std::vector<std::string>& term_strings() const noexcept { return terms_; }
  /// Entry i's (term index, count) pairs are items_[offsets_[i] .. offsets_[i+1]).
  struct Item {
    std::uint32_t term;
    std::uint32_t count;
  };
  std::span<const Item> entry(std::size_t i) const {
    return {items_.data() + offsets_[i], items_.data() + offsets_[i + 1]};
  }
  /// Surface forms of each term with counts, as written.
  const std::vector<std::vector<std::pair<std::string, std::uint32_t>>>& surfaces() const noexcept {
    return surfaces_;
  }

 private:
  friend struct PartialAccess;
  // Normalizes `texts` with `norm` and appends them (one pass, terms interned in order).
  void append(std::span<const std::string> texts, const NormalizeOptions& norm);
  NormalizeOptions normalize_;
  std::uint64_t lexicon_fingerprint_ = 0;
  bool stem_ = true;
  bool stop_words_ = true;
  std::vector<std::string> terms_;
  std::vector<std::vector<std::pair<std::string, std::uint32_t>>> surfaces_;
  std::vector<Item> items_;
  std::vector<std::size_t> offsets_{0};
  std::unordered_map<std::string, std::uint32_t> index_;  // term → position in terms_
};

}  // namespace partnerkit::themes
