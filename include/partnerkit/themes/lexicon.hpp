// The domain lexicon: synonyms and abbreviations mapped to one canonical term
// ("personnel", "FTE" and "staffing" all count as "staff").
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace partnerkit::themes {

/// A map from variants (words or phrases) to canonical terms. Variants and canonical terms are
/// compared after Unicode folding (NFKC casefold), so "FTE", "fte" and "ＦＴＥ" are one variant.
///
/// File format (JSON, `partnerkit-lexicon/1`):
/// ```json
/// {"format": "partnerkit-lexicon/1",
///  "terms": {"staff": ["staffing", "personnel", "fte"], "voca": ["victims of crime act"]}}
/// ```
/// Each key of "terms" is a canonical term; its array lists the variants. A variant may have
/// up to 6 words. A canonical term is also its own variant.
class Lexicon {
 public:
  /// An empty lexicon (no mapping).
  Lexicon() = default;

  /// The lexicon shipped with partnerkit (data/lexicon/partnerkit-lexicon.json, compiled in and
  /// installed to share/partnerkit/lexicon/).
  static const Lexicon& builtin();

  /// Parses lexicon JSON text. Throws ValidationError listing every problem (file, JSON pointer,
  /// what was expected), e.g. "my.json: /terms/staff/2: expected a non-empty string". Where two
  /// terms list one variant (or variants with the same stems), the term whose canonical form
  /// sorts last wins, whatever the order of the keys in the file.
  static Lexicon parse(std::string_view json_text, const std::string& file = "<string>");
  /// Reads and parses a lexicon file; IoError if it cannot be read.
  static Lexicon load(const std::filesystem::path& path);

  /// Adds variants of a canonical term (folded). A variant already mapped elsewhere is remapped.
  /// Throws Error on an empty canonical term or variant, or one of more than 6 words.
  void add(std::string_view canonical, const std::vector<std::string>& variants);
  /// Adds every entry of `other` (its mappings win): extending the built-in lexicon is
  /// `Lexicon l = Lexicon::builtin(); l.extend(Lexicon::load("mine.json"));`.
  void extend(const Lexicon& other);

  /// The canonical term of a folded word or phrase (words separated by one space), or "".
  std::string_view canonical(std::string_view folded_phrase) const;
  /// The canonical term of a phrase of Snowball stems ("personnel" → "staff" also matches
  /// "personnels"), or "".
  std::string_view canonical_stemmed(std::string_view stemmed_phrase) const;
  /// Whether some variant starts with this folded word or stem (a fast pre-check).
  bool starts_variant(std::string_view word) const { return first_words_.find(word) != first_words_.end(); }
  /// The most words of a variant starting with this folded word or stem (0 if none).
  std::size_t variant_words(std::string_view word) const {
    const std::size_t bit = first_bit(word);
    if (!((first_bits_[bit / 64] >> (bit % 64)) & 1)) return 0;
    auto it = first_words_.find(word);
    return it == first_words_.end() ? 0 : it->second;
  }
  /// The longest variant, in words, of any entry (1 if the lexicon is empty).
  std::size_t max_words() const noexcept { return max_words_; }
  /// Number of variants (canonical terms included).
  std::size_t size() const noexcept { return variants_.size(); }
  bool empty() const noexcept { return variants_.empty(); }
  /// Canonical term → its variants, sorted.
  std::map<std::string, std::vector<std::string>> entries() const;
  /// The lexicon as `partnerkit-lexicon/1` JSON text (parse(to_json_text()) == *this).
  std::string to_json_text() const;
  /// A 64-bit fingerprint of the content (FNV-1a over the sorted entries); partial aggregates
  /// use it to refuse merging states built with different lexicons.
  std::uint64_t fingerprint() const;

  friend bool operator==(const Lexicon&, const Lexicon&) = default;

 private:
  std::map<std::string, std::string, std::less<>> variants_;  // folded variant → canonical
  std::map<std::string, std::string, std::less<>> stemmed_;   // stems of a variant → canonical
  struct WordHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  // First word of every variant (and its stem), hashed: looked up at every word of every text.
  std::unordered_map<std::string, std::size_t, WordHash, std::equal_to<>> first_words_;  // → most words
  // A bit per fingerprint (length, first two and last bytes) of the first words: most words of
  // a text start no variant, and a clear bit says so without hashing the word.
  static std::size_t first_bit(std::string_view w) noexcept {
    std::uint32_t h = static_cast<std::uint32_t>(w.size());
    if (!w.empty()) h = (h * 31 + static_cast<unsigned char>(w.front())) * 31 + static_cast<unsigned char>(w.back());
    if (w.size() > 1) h = h * 31 + static_cast<unsigned char>(w[1]);
    return (h * 2654435761u) >> 17;  // 15 bits
  }
  std::array<std::uint64_t, 512> first_bits_{};
  std::size_t max_words_ = 1;
};

}  // namespace partnerkit::themes
