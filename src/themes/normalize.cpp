// Unicode folding (utf8proc), tokenization, stop words, Snowball stemming (libstemmer) and
// lexicon mapping.
#include "partnerkit/themes/normalize.hpp"

#include <libstemmer.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "partnerkit/core/error.hpp"
#include "themes/detail.hpp"

namespace partnerkit::themes {
namespace {

// Copies valid UTF-8 and replaces every invalid byte by U+FFFD.
std::string sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0 || cp == 0) {
      out += "\xEF\xBF\xBD";
      n = n <= 0 ? 1 : n;
    } else {
      out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
    }
    p += n;
    left -= n;
  }
  return out;
}

bool is_word_cp(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

struct Stemmer {
  sb_stemmer* s = sb_stemmer_new("english", "UTF_8");
  Stemmer() {
    if (!s) throw Error("the Snowball English stemmer could not be created");
  }
  ~Stemmer() { sb_stemmer_delete(s); }
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
};

std::size_t code_points(std::string_view w) {
  std::size_t n = 0;
  for (char c : w) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string fold(std::string_view text) {
  bool ascii = std::all_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80 && c != '\0';
  });
  if (ascii) {  // NFKC is the identity on ASCII; case folding is tolower.
    std::string out(text);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  std::string clean = sanitize(text);
  utf8proc_uint8_t* dst = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(clean.data()),
                        static_cast<utf8proc_ssize_t>(clean.size()), &dst,
                        static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                       UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                                       UTF8PROC_IGNORE));
  if (n < 0) throw Error(std::string("cannot fold text: ") + utf8proc_errmsg(n));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(dst, &std::free);
  return std::string(reinterpret_cast<const char*>(dst), static_cast<std::size_t>(n));
}

std::vector<std::string> tokenize(std::string_view folded) {
  std::vector<std::string> words;
  std::string word;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(folded.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(folded.size());
  auto flush = [&] {
    if (word.size() >= 2 && word.ends_with("'s")) word.resize(word.size() - 2);
    while (!word.empty() && word.back() == '\'') word.pop_back();
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  bool pending_apostrophe = false;
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {  // invalid byte: a separator
      flush();
      pending_apostrophe = false;
      p += 1;
      left -= 1;
      continue;
    }
    if (is_word_cp(cp)) {
      if (pending_apostrophe) word += '\'';
      pending_apostrophe = false;
      word.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
    } else if ((cp == '\'' || cp == 0x2019) && !word.empty() && !pending_apostrophe) {
      pending_apostrophe = true;  // kept only if a letter follows ("don't", "children's")
    } else {
      pending_apostrophe = false;
      flush();
    }
    p += n;
    left -= n;
  }
  flush();
  return words;
}

std::string stem(std::string_view word) {
  thread_local Stemmer stemmer;
  const sb_symbol* out = sb_stemmer_stem(stemmer.s, reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
  if (!out) throw Error("out of memory while stemming");
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<std::size_t>(sb_stemmer_length(stemmer.s)));
}

const std::vector<std::string>& stop_words() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> out;
    std::string_view text = detail::stop_words_text();
    while (!text.empty()) {
      auto eol = text.find('\n');
      std::string_view line = text.substr(0, eol);
      text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      out.emplace_back(line);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }();
  return words;
}

bool is_stop_word(std::string_view word) {
  const auto& words = stop_words();
  return std::binary_search(words.begin(), words.end(), word);
}

namespace {

// What normalization needs of a folded word, computed once per distinct word and thread.
struct WordInfo {
  std::string stem;
  bool stop = false;
  bool tiny = false;  // fewer than 2 code points
};

struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return detail::hash_word(s); }
};

// Per-thread cache of word → stem, stop word, length: stemming and stop-word lookups are pure
// functions of the word, and a corpus repeats its words. Cleared when it grows past kCacheMax
// (only between texts, so references taken for one text stay valid).
constexpr std::size_t kCacheMax = 1 << 18;
using WordCache = std::unordered_map<std::string, WordInfo, ViewHash, std::equal_to<>>;

WordCache& word_cache() {
  thread_local WordCache cache;
  return cache;
}

const WordInfo& word_info(WordCache& cache, std::string_view w) {
  auto it = cache.find(w);
  if (it != cache.end()) return it->second;
  return cache.emplace(std::string(w), WordInfo{stem(w), is_stop_word(w), code_points(w) < 2}).first->second;
}

// ASCII letters and digits, by table.
constexpr auto kAsciiWord = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  return t;
}();
bool ascii_word_char(char c) { return kAsciiWord[static_cast<unsigned char>(c)]; }

// tokenize(fold(text)) for ASCII text, as views into `folded` (which receives the folded text).
void ascii_words(std::string_view text, std::string& folded, std::vector<std::string_view>& words) {
  folded.assign(text);
  for (char& c : folded)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  const char* p = folded.data();
  const std::size_t n = folded.size();
  std::size_t i = 0;
  while (i < n) {
    if (!ascii_word_char(p[i])) {
      ++i;
      continue;
    }
    std::size_t b = i;
    while (true) {
      while (i < n && ascii_word_char(p[i])) ++i;
      if (i + 1 < n && p[i] == '\'' && ascii_word_char(p[i + 1])) {
        ++i;  // an apostrophe between word characters is kept ("don't")
        continue;
      }
      break;
    }
    std::string_view w(p + b, i - b);
    if (w.size() >= 2 && w.ends_with("'s")) w.remove_suffix(2);
    while (!w.empty() && w.back() == '\'') w.remove_suffix(1);
    if (!w.empty()) words.push_back(w);
  }
}

}  // namespace

std::vector<Term> terms(std::string_view text, const NormalizeOptions& options) {
  thread_local std::string folded;
  thread_local std::vector<std::string> owned;
  thread_local std::vector<std::string_view> words;
  thread_local std::vector<const WordInfo*> infos;
  WordCache& cache = word_cache();
  if (cache.size() >= kCacheMax) cache.clear();
  words.clear();
  const bool ascii = std::all_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80 && c != '\0';
  });
  if (ascii) {
    ascii_words(text, folded, words);
  } else {
    owned = tokenize(fold(text));
    for (const auto& w : owned) words.push_back(w);
  }
  infos.clear();
  const bool need_info = options.stem || options.stop_words || !options.lexicon.empty();
  for (auto w : words) infos.push_back(need_info ? &word_info(cache, w) : nullptr);
  auto stem_of = [&](std::size_t i) -> std::string_view { return infos[i]->stem; };

  std::vector<Term> out;
  out.reserve(words.size());
  const Lexicon& lex = options.lexicon;
  std::string phrase;
  for (std::size_t i = 0; i < words.size();) {
    // Only as many words as the longest variant starting with this word or its stem.
    const std::size_t most = lex.empty() ? 0 : std::max(lex.variant_words(words[i]), lex.variant_words(stem_of(i)));
    if (most > 0) {
      std::size_t longest = std::min(most, words.size() - i);
      bool matched = false;
      for (std::size_t len = longest; len >= 1 && !matched; --len) {
        for (int pass = 0; pass < 2 && !matched; ++pass) {
          phrase.clear();
          for (std::size_t k = 0; k < len; ++k) {
            if (k) phrase += ' ';
            phrase += pass == 0 ? words[i + k] : stem_of(i + k);
          }
          std::string_view canonical =
              pass == 0 ? lex.canonical(phrase) : lex.canonical_stemmed(phrase);
          if (!canonical.empty()) {
            std::string surface(words[i]);
            for (std::size_t k = 1; k < len; ++k) {
              surface += ' ';
              surface += words[i + k];
            }
            out.push_back({std::string(canonical), std::move(surface)});
            i += len;
            matched = true;
          }
        }
      }
      if (matched) continue;
    }
    std::string_view w = words[i];
    const WordInfo* info = infos[i];
    ++i;
    if (info ? info->tiny : code_points(w) < 2) continue;
    if (options.stop_words && info->stop) continue;
    out.push_back({std::string(options.stem ? std::string_view(info->stem) : w), std::string(w)});
  }
  return out;
}

}  // namespace partnerkit::themes
