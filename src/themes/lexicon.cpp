// The domain lexicon: loading, validation and lookup.
#include "partnerkit/themes/lexicon.hpp"

#include <algorithm>

#include "io/detail.hpp"
#include "partnerkit/core/error.hpp"
#include "partnerkit/themes/normalize.hpp"
#include "themes/detail.hpp"

namespace partnerkit::themes {
namespace {

constexpr std::size_t max_variant_words = 6;
constexpr const char* format_name = "partnerkit-lexicon/1";

std::string join(const std::vector<std::string>& words, bool stemmed) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += stemmed ? stem(w) : w;
  }
  return out;
}

// The canonical term: folded, one token (words joined by "_").
std::string canonical_term(std::string_view canonical) {
  auto words = tokenize(fold(canonical));
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += '_';
    out += w;
  }
  return out;
}

}  // namespace

const Lexicon& Lexicon::builtin() {
  static const Lexicon lexicon = parse(detail::builtin_lexicon_text(), "partnerkit-lexicon.json");
  return lexicon;
}

void Lexicon::add(std::string_view canonical, const std::vector<std::string>& variants) {
  std::string term = canonical_term(canonical);
  if (term.empty())
    throw Error("a lexicon term must have a letter or digit, got \"" + std::string(canonical) + "\"");
  auto put = [&](std::string_view variant) {
    auto words = tokenize(fold(variant));
    if (words.empty())
      throw Error("a lexicon variant must have a letter or digit, got \"" + std::string(variant) + "\"");
    if (words.size() > max_variant_words)
      throw Error("a lexicon variant has at most 6 words, got \"" + std::string(variant) + "\"");
    variants_.insert_or_assign(join(words, false), term);
    for (std::string first : {words.front(), stem(words.front())}) {
      auto& most = first_words_[first];
      most = std::max(most, words.size());
      const std::size_t bit = first_bit(first);
      first_bits_[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
    stemmed_.insert_or_assign(join(words, true), term);
    max_words_ = std::max(max_words_, words.size());
  };
  put(canonical);
  for (const auto& v : variants) put(v);
}

void Lexicon::extend(const Lexicon& other) {
  for (const auto& [k, v] : other.variants_) variants_.insert_or_assign(k, v);
  for (const auto& [k, v] : other.stemmed_) stemmed_.insert_or_assign(k, v);
  for (const auto& [first, words] : other.first_words_) {
    auto& most = first_words_[first];
    most = std::max(most, words);
  }
  for (std::size_t q = 0; q < first_bits_.size(); ++q) first_bits_[q] |= other.first_bits_[q];
  max_words_ = std::max(max_words_, other.max_words_);
}

std::string_view Lexicon::canonical(std::string_view folded_phrase) const {
  auto it = variants_.find(folded_phrase);
  return it == variants_.end() ? std::string_view{} : std::string_view(it->second);
}

std::string_view Lexicon::canonical_stemmed(std::string_view stemmed_phrase) const {
  auto it = stemmed_.find(stemmed_phrase);
  return it == stemmed_.end() ? std::string_view{} : std::string_view(it->second);
}

std::map<std::string, std::vector<std::string>> Lexicon::entries() const {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [variant, term] : variants_) {
    auto& list = out[term];
    if (variant != term) list.push_back(variant);
  }
  return out;
}

std::string Lexicon::to_json_text() const {
  nlohmann::ordered_json j;
  j["format"] = format_name;
  j["terms"] = nlohmann::ordered_json::object();
  for (const auto& [term, variants] : entries()) j["terms"][term] = variants;
  return j.dump(2) + "\n";
}

std::uint64_t Lexicon::fingerprint() const {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xFF;
    h *= 1099511628211ull;
  };
  for (const auto& [variant, term] : variants_) {
    mix(variant);
    mix(term);
  }
  return h;
}

Lexicon Lexicon::parse(std::string_view json_text, const std::string& file) {
  Json j = partnerkit::detail::parse_json_text(json_text, file, 16, "a partnerkit-lexicon/1 object");
  std::vector<Issue> issues;
  auto issue = [&](std::string pointer, std::string message) {
    issues.push_back({file, std::move(pointer), std::move(message)});
  };
  Lexicon lex;
  if (!j.is_object()) {
    issue("", std::string("expected a JSON object with \"format\": \"") + format_name + "\" and \"terms\"");
    partnerkit::detail::throw_issues(std::move(issues));
  }
  for (const auto& [key, value] : j.items()) {
    if (key == "format") {
      if (!value.is_string() || value.get<std::string>() != format_name)
        issue("/format", std::string("expected \"") + format_name + "\", got " + value.dump());
    } else if (key == "description") {
      if (!value.is_string()) issue("/description", "expected a string");
    } else if (key != "terms") {
      issue(pointer_append("", key), "unexpected key; expected only format, description and terms");
    }
  }
  if (!j.contains("format")) issue("", std::string("missing \"format\"; expected \"") + format_name + "\"");
  if (!j.contains("terms")) {
    issue("", "missing \"terms\"; expected an object mapping canonical terms to arrays of variants");
  } else if (!j["terms"].is_object()) {
    issue("/terms", "expected an object mapping canonical terms to arrays of variants");
  } else {
    // Terms are added in the order of their canonical form, not of the keys as written: where
    // two terms claim one variant (or variants with the same stems) the one that sorts last wins
    // whatever the file's key order, so to_json_text() reads back equal.
    std::vector<std::pair<std::string, std::vector<std::string>>> entries;
    for (const auto& [term, variants] : j["terms"].items()) {
      std::string at = pointer_append("/terms", term);
      bool ok = true;
      auto check_text = [&](std::string_view text, const std::string& pointer, const char* what) {
        auto words = tokenize(fold(text));
        if (words.empty()) {
          issue(pointer, std::string("expected ") + what + " with a letter or digit");
          ok = false;
        } else if (words.size() > max_variant_words) {
          issue(pointer, std::string("expected ") + what + " of at most 6 words, got " +
                             std::to_string(words.size()));
          ok = false;
        }
      };
      check_text(term, at, "a canonical term");
      if (!variants.is_array()) {
        issue(at, "expected an array of variants (strings)");
        continue;
      }
      std::vector<std::string> list;
      for (std::size_t i = 0; i < variants.size(); ++i) {
        std::string vp = pointer_append(at, i);
        if (!variants[i].is_string()) {
          issue(vp, "expected a non-empty string, got " + std::string(variants[i].type_name()));
          ok = false;
          continue;
        }
        check_text(variants[i].get<std::string>(), vp, "a variant");
        list.push_back(variants[i].get<std::string>());
      }
      if (ok) entries.emplace_back(term, std::move(list));
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto& a, const auto& b) { return canonical_term(a.first) < canonical_term(b.first); });
    for (const auto& [term, list] : entries) lex.add(term, list);
  }
  if (!issues.empty()) partnerkit::detail::throw_issues(std::move(issues));
  return lex;
}

Lexicon Lexicon::load(const std::filesystem::path& path) {
  return parse(partnerkit::detail::read_file(path), path.string());
}

}  // namespace partnerkit::themes
