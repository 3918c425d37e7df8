// Internals of theme grouping, shared by aggregate, aggregate_vectors and PartialAggregate.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "partnerkit/themes/aggregate.hpp"

namespace partnerkit::themes::detail {

using Index = std::uint32_t;

struct Entry {
  Index id;
  float w;
  friend bool operator==(const Entry&, const Entry&) = default;
};

/// Rows of a sparse matrix (CSR), each row sorted by id; rows are unit length or empty.
struct Rows {
  std::vector<std::size_t> offsets{0};
  std::vector<Entry> items;
  std::size_t size() const { return offsets.size() - 1; }
  std::span<const Entry> row(std::size_t i) const {
    return {items.data() + offsets[i], items.data() + offsets[i + 1]};
  }
};

/// Dense unit rows (aggregate_vectors); `usable` is false for zero or non-finite rows.
struct Dense {
  std::vector<float> values;
  std::size_t dimension = 0;
  std::vector<bool> usable;
};

/// Lexical rows and the vocabulary used for labels.
struct LabelSource {
  const Rows* rows = nullptr;
  const std::vector<std::string>* terms = nullptr;     // term strings by id
  const std::vector<std::string>* surfaces = nullptr;  // most frequent surface form by id
};

/// TF-IDF rows (sublinear tf, smooth idf, unit length) of the entries of a partial aggregate,
/// over a vocabulary sorted by term string; fills the sorted terms and their surface forms.
Rows tfidf(const PartialAggregate& p, std::vector<std::string>& terms, std::vector<std::string>& surfaces);

/// Groups the rows of `x` (sparse, `dims` columns) or of `dense` when given; labels from `labels`.
Themes group(const Rows& x, std::size_t dims, const Dense* dense, const LabelSource& labels,
             const ThemeOptions& options);

/// Fills label, keywords and terms of every theme.
void label_themes(Themes& result, const LabelSource& src, int label_words);

}  // namespace partnerkit::themes::detail
