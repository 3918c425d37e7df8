// Internals of the themes module.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace partnerkit::themes::detail {

/// data/lexicon/stop-words.txt and data/lexicon/partnerkit-lexicon.json, compiled in.
std::string_view stop_words_text();
std::string_view builtin_lexicon_text();

/// A fast hash of a short string (words and terms): eight bytes at a time, multiply and shift.
inline std::size_t hash_word(std::string_view s) noexcept {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
  const char* p = s.data();
  std::size_t left = s.size();
  for (; left >= 8; p += 8, left -= 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, p, 8);  // one unaligned load
    h = (h ^ chunk) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  std::uint64_t tail = 0;
  for (std::size_t k = 0; k < left; ++k) tail |= std::uint64_t{static_cast<unsigned char>(p[k])} << (8 * k);
  h = (h ^ tail) * 0xBF58476D1CE4E5B9ull;
  h ^= h >> 31;
  return static_cast<std::size_t>(h * 0x94D049BB133111EBull ^ (h >> 29));
}

}  // namespace partnerkit::themes::detail
