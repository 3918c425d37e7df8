// libFuzzer target: partnerkit::themes::Lexicon::parse and PartialAggregate::from_binary on
// arbitrary bytes. They may only throw partnerkit::Error. A lexicon that parses must write and
// parse back equal and normalize text with itself; a partial that loads must serialize back
// equal and finish without throwing anything but partnerkit::Error.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "partnerkit/core/error.hpp"
#include "partnerkit/themes.hpp"

using namespace partnerkit::themes;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<Lexicon> lex;
  try {
    lex = Lexicon::parse(text, "fuzz.json");
  } catch (const partnerkit::Error&) {
  }
  if (lex) {
    if (!(Lexicon::parse(lex->to_json_text(), "again.json") == *lex)) __builtin_trap();
    NormalizeOptions o{*lex, true, true};
    (void)terms(text.substr(0, 256), o);
  }
  std::optional<PartialAggregate> partial;
  try {
    partial = PartialAggregate::from_binary(std::span<const std::uint8_t>(data, size), "fuzz.msgpack");
  } catch (const partnerkit::Error&) {
  }
  if (partial && partial->size() < 200) {
    auto bytes = partial->to_binary();
    auto again = PartialAggregate::from_binary(bytes, "again.msgpack");
    if (again.to_binary() != bytes) __builtin_trap();
    ThemeOptions o;
    o.lexicon = partial->normalization().lexicon;
    o.stem = partial->stemmed();
    o.stop_words = partial->stop_words_removed();
    o.threads = 1;
    (void)partial->finish(o);
  }
  return 0;
}
