// Internals of the themes module.
#pragma once

#include <string_view>

namespace partnerkit::themes::detail {

/// data/lexicon/stop-words.txt and data/lexicon/partnerkit-lexicon.json, compiled in.
std::string_view stop_words_text();
std::string_view builtin_lexicon_text();

}  // namespace partnerkit::themes::detail
