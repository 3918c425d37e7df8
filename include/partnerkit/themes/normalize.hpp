// Normalization of short texts: Unicode folding, tokenization, stop words, Snowball English
// stemming and the domain lexicon, giving the terms that themes are built from.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "partnerkit/themes/lexicon.hpp"

namespace partnerkit::themes {

/// NFKC case folding with utf8proc ("Ｓtraße ﬁ" → "strasse fi"). Invalid UTF-8 bytes are
/// replaced by U+FFFD, never rejected. O(n).
std::string fold(std::string_view text);

/// Splits folded text into words: runs of letters and digits (Unicode categories L*, N*, M*),
/// keeping inner apostrophes, hyphens and periods ("don't", "co-located", "u.s.") inside one
/// word; a trailing "'s" is dropped. O(n).
std::vector<std::string> tokenize(std::string_view folded);

/// The Snowball English stem of a folded word ("partnerships" → "partnership"). Thread-safe
/// (one stemmer per thread).
std::string stem(std::string_view word);

/// Whether a folded word is an English stop word (data/lexicon/stop-words.txt, compiled in).
bool is_stop_word(std::string_view word);
/// The stop word list, sorted.
const std::vector<std::string>& stop_words();

struct NormalizeOptions {
  Lexicon lexicon = Lexicon::builtin();  ///< synonyms and abbreviations; Lexicon{} for none
  bool stem = true;                      ///< Snowball English stemming
  bool stop_words = true;                ///< drop stop words
};

/// One term of a text: what themes count, and the words the user wrote for it.
struct Term {
  std::string term;     ///< the canonical lexicon term, else the stem (else the folded word)
  std::string surface;  ///< the folded words as written ("staffing", "victims of crime act")
  friend bool operator==(const Term&, const Term&) = default;
};

/// The terms of a text, in order: fold, tokenize, map the longest lexicon variant (tried on the
/// folded words, then on their stems), drop stop words and one-character words,
/// stem the rest. O(n · lexicon.max_words()).
std::vector<Term> terms(std::string_view text, const NormalizeOptions& options = {});

}  // namespace partnerkit::themes
