#include <catch2/catch.hpp>

#include <fstream>

#include "partnerkit/core/error.hpp"
#include "partnerkit/themes.hpp"

using namespace partnerkit;
using namespace partnerkit::themes;

namespace {

std::vector<std::string> tweet_texts() {
  std::ifstream in(std::string(PARTNERKIT_SOURCE_DIR) + "/tests/data/themes/tweet-sample.txt");
  REQUIRE(in);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line))
    if (auto tab = line.find('\t'); tab != std::string::npos) out.push_back(line.substr(tab + 1));
  return out;
}

void check_same(const Themes& a, const Themes& b) {
  CHECK(a.assignments == b.assignments);
  CHECK(a.unassigned == b.unassigned);
  REQUIRE(a.themes.size() == b.themes.size());
  for (std::size_t c = 0; c < a.themes.size(); ++c) {
    CHECK(a.themes[c].label == b.themes[c].label);
    CHECK(a.themes[c].representative == b.themes[c].representative);
    CHECK(a.themes[c].cohesion == Approx(b.themes[c].cohesion).epsilon(1e-6));
  }
}

}  // namespace

TEST_CASE("merged partial aggregates finish to the themes of one run", "[themes][partial]") {
  auto texts = tweet_texts();
  ThemeOptions o;
  o.themes = 25;
  Themes whole = aggregate(texts, o);
  // Four partitions of uneven size, merged in order (a tree: (p0+p1) + (p2+p3)).
  std::vector<std::size_t> cuts{0, 37, 200, 201, texts.size()};
  std::vector<PartialAggregate> parts;
  for (std::size_t q = 0; q + 1 < cuts.size(); ++q) {
    PartialAggregate p(o);
    for (std::size_t i = cuts[q]; i < cuts[q + 1]; ++i) p.add(texts[i]);
    parts.push_back(std::move(p));
  }
  PartialAggregate left = parts[0];
  left.merge(parts[1]);
  PartialAggregate right = parts[2];
  right.merge(parts[3]);
  left.merge(right);
  REQUIRE(left.size() == texts.size());
  check_same(left.finish(o), whole);
  ThemeOptions found;
  check_same(left.finish(found), aggregate(texts, found));
}

TEST_CASE("adding many texts at once (in parallel chunks) builds the state of one pass", "[themes][partial]") {
  // More texts than one chunk (4096): the chunks are interned apart and merged in order.
  auto sample = tweet_texts();
  std::vector<std::string> texts;
  for (std::size_t r = 0; texts.size() < 9000; ++r)
    for (const auto& t : sample) texts.push_back(t + " extra" + std::to_string(r % 7));
  PartialAggregate at_once;
  at_once.add(texts);
  PartialAggregate one_by_one;
  for (const auto& t : texts) one_by_one.add(t);
  CHECK(at_once.size() == texts.size());
  CHECK(at_once.to_json() == one_by_one.to_json());
}

TEST_CASE("partial aggregates round-trip through JSON and MessagePack", "[themes][partial]") {
  auto texts = tweet_texts();
  ThemeOptions o;
  o.themes = 25;
  PartialAggregate p(o);
  p.add(std::span<const std::string>(texts).first(250));
  PartialAggregate q(o);
  q.add(std::span<const std::string>(texts).subspan(250));
  auto j = p.to_json();
  CHECK(j["format"] == "partnerkit-partial/1");
  PartialAggregate p2 = PartialAggregate::from_json(nlohmann::json::parse(j.dump()), "p.json");
  auto bytes = q.to_binary();
  CHECK(bytes.size() < q.to_json().dump().size());
  PartialAggregate q2 = PartialAggregate::from_binary(bytes, "q.msgpack");
  p2.merge(q2);
  check_same(p2.finish(o), aggregate(texts, o));
  // The deserialized partial keeps its lexicon: new entries normalize the same way.
  p2.add("more personnel");
  CHECK(p2.size() == texts.size() + 1);
}

TEST_CASE("partials with other normalization settings do not merge", "[themes][partial]") {
  ThemeOptions plain;
  plain.lexicon = Lexicon{};
  PartialAggregate a;
  PartialAggregate b(plain);
  a.add("staff");
  b.add("staff");
  CHECK_THROWS_AS(a.merge(b), Error);
  CHECK_THROWS_AS(b.finish(), Error);
  CHECK(b.finish(plain).entries() == 1);
}

TEST_CASE("malformed partial aggregates are rejected with every problem", "[themes][partial]") {
  auto bad = nlohmann::json::parse(R"({
    "format": "partnerkit-partial/1",
    "normalize": {"lexicon": {"format": "partnerkit-lexicon/1", "terms": {}}, "stem": "yes", "stop_words": true},
    "terms": [{"term": "staff", "surfaces": [["staff", 2]]}, {"term": "staff", "surfaces": []}],
    "entries": [[[0, 1]], [[5, 1]], [[0, 0]], "x"],
    "extra": 1})");
  try {
    PartialAggregate::from_json(bad, "p.json");
    FAIL("expected ValidationError");
  } catch (const ValidationError& e) {
    std::vector<std::string> lines;
    for (const auto& i : e.errors()) lines.push_back(i.str());
    CHECK(lines == std::vector<std::string>{
                       "p.json: /entries/1/0: expected a term index below 1 and above the previous one",
                       "p.json: /entries/2/0: expected a count from 1 to 4294967295",
                       "p.json: /entries/3: expected an array of [term index, count] pairs",
                       "p.json: /extra: unexpected key; expected format, normalize, terms and entries",
                       "p.json: /normalize/stem: expected true or false",
                       "p.json: /terms/1/term: duplicate term \"staff\"; expected each term once"});
  }
  CHECK_THROWS_AS(PartialAggregate::from_json(nlohmann::json::array(), "p.json"), ValidationError);
  std::vector<std::uint8_t> junk{0xc1, 0x00, 0xff};
  CHECK_THROWS_AS(PartialAggregate::from_binary(junk, "p.bin"), ValidationError);
  // MessagePack {"format": "\x86"}: a string that is not UTF-8 (found by fuzz_lexicon; it escaped
  // as nlohmann's type_error when the lexicon was dumped).
  std::vector<std::uint8_t> not_utf8{0x81, 0xa6, 'f', 'o', 'r', 'm', 'a', 't', 0xa1, 0x86};
  CHECK_THROWS_WITH(PartialAggregate::from_binary(not_utf8, "p.bin"),
                    Catch::Contains("p.bin: /: expected UTF-8 text in every string of the partial aggregate"));
}
