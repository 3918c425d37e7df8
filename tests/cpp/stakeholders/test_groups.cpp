// Breakout groups: balanced sizes, constraints, determinism, better than random.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "partnerkit/io/document.hpp"
#include "partnerkit/stakeholders/groups.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::stakeholders;

namespace {

// `orgs` organizations with `per_org` people each, all at meeting "m"; ties between
// organization i and i+1, and between the first people of organizations 0 and 2.
Partnership meeting(int orgs, int per_org) {
  std::string o, p, r, ids;
  for (int i = 0; i < orgs; ++i) {
    std::string org = "org" + std::to_string(i);
    o += (i ? "," : "") + std::string(R"({"id": ")") + org + R"(", "name": ")" + org + "\"}";
    for (int j = 0; j < per_org; ++j) {
      std::string id = org + "-p" + std::to_string(j);
      p += (p.empty() ? "" : ",") + std::string(R"({"id": ")") + id + R"(", "name": ")" + id +
           R"(", "organization": ")" + org + "\"}";
      ids += (ids.empty() ? "\"" : ",\"") + id + "\"";
    }
    if (i + 1 < orgs)
      r += (r.empty() ? "" : ",") + std::string(R"({"source": ")") + org + R"(", "target": "org)" + std::to_string(i + 1) + "\"}";
  }
  r += R"(, {"source": "org0-p0", "target": "org2-p0"})";
  return loads(test::document("\"organizations\": [" + o + "], \"people\": [" + p + "], \"relationships\": [" + r +
                              "], \"meetings\": [{\"id\": \"m\", \"kind\": \"in-person\", \"participants\": [" + ids + "]}]"));
}

std::vector<std::string> errors(const Partnership& p, const std::vector<std::string>& people, const GroupOptions& o) {
  try {
    breakout_groups(p, people, o);
  } catch (const ValidationError& e) {
    return test::lines(e);
  }
  FAIL("no ValidationError");
  return {};
}

std::size_t group_of(const Breakouts& b, const std::string& id) {
  for (std::size_t g = 0; g < b.groups.size(); ++g)
    if (std::count(b.groups[g].begin(), b.groups[g].end(), id)) return g;
  FAIL("not placed: " + id);
  return 0;
}

}  // namespace

TEST_CASE("groups: sizes within one, everyone once, deterministic for a seed", "[stakeholders][groups]") {
  Partnership p = meeting(6, 4);  // 24 people
  for (std::size_t k : {1u, 2u, 5u, 7u, 24u}) {
    GroupOptions o;
    o.groups = k;
    o.seed = 42;
    Breakouts b = breakout_groups(p, "m", o);
    REQUIRE(b.groups.size() == k);
    std::vector<std::string> all;
    std::size_t small = 100, large = 0;
    for (const auto& g : b.groups) {
      small = std::min(small, g.size());
      large = std::max(large, g.size());
      all.insert(all.end(), g.begin(), g.end());
    }
    CHECK(large - small <= 1);
    std::sort(all.begin(), all.end());
    std::vector<std::string> expected = p.meetings[0].participants;
    std::sort(expected.begin(), expected.end());
    CHECK(all == expected);
    // The reported score is the score of the groups returned.
    CHECK(b.score == score_groups(p, b.groups, o));
    CHECK(breakout_groups(p, "m", o).groups == b.groups);
  }
}

TEST_CASE("groups: beat the 95th percentile of 1000 random balanced assignments", "[stakeholders][groups]") {
  Partnership p = meeting(6, 4);
  GroupOptions o;
  o.groups = 4;
  o.seed = 7;
  Breakouts b = breakout_groups(p, "m", o);
  std::vector<double> random_scores;
  std::mt19937_64 rng(12345);
  std::vector<std::string> people = p.meetings[0].participants;
  for (int trial = 0; trial < 1000; ++trial) {
    std::shuffle(people.begin(), people.end(), rng);
    std::vector<std::vector<std::string>> groups(o.groups);
    for (std::size_t i = 0; i < people.size(); ++i) groups[i % o.groups].push_back(people[i]);
    random_scores.push_back(score_groups(p, groups, o).score);
  }
  std::sort(random_scores.begin(), random_scores.end());
  double p95 = random_scores[949];
  INFO("annealed " << b.score.score << ", random 95th percentile " << p95 << ", best random " << random_scores.back());
  CHECK(b.score.score > p95);
  CHECK(b.score.score >= random_scores.back());
  // 24 people from 6 organizations in 4 groups of 6: one person per organization in each group
  // is possible, so every pair mixes: 4 * 15 pairs.
  CHECK(b.score.pairs == 60);
  CHECK(b.score.mixed_pairs == 60);
  CHECK(b.score.score >= b.initial_score);
}

TEST_CASE("groups: apart and together are honoured", "[stakeholders][groups]") {
  Partnership p = meeting(4, 3);  // 12 people, 3 groups of 4
  GroupOptions o;
  o.groups = 3;
  o.together = {{"org0-p0", "org0-p1", "org1-p0"}, {"org1-p0", "org3-p2"}};  // overlapping sets join
  o.apart = {{"org0-p0", "org2-p0"}, {"org2-p0", "org2-p1"}, {"org3-p2", "org2-p2"}};
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    o.seed = seed;
    Breakouts b = breakout_groups(p, "m", o);
    CHECK(b.score.violations == 0);
    auto g = group_of(b, "org0-p0");
    CHECK(group_of(b, "org0-p1") == g);
    CHECK(group_of(b, "org1-p0") == g);
    CHECK(group_of(b, "org3-p2") == g);
    CHECK(group_of(b, "org2-p0") != g);
    CHECK(group_of(b, "org2-p0") != group_of(b, "org2-p1"));
    CHECK(group_of(b, "org2-p2") != g);
  }
}

TEST_CASE("groups: bad requests are refused with a reason", "[stakeholders][groups]") {
  Partnership p = meeting(3, 2);
  const auto& people = p.meetings[0].participants;
  GroupOptions o;
  o.groups = 7;
  CHECK(errors(p, people, o) == std::vector<std::string>{
                                    "breakout groups: /groups: expected a number of groups from 1 to 6 (the number of people), got 7"});
  o.groups = 0;
  CHECK(errors(p, people, o).size() == 1);
  o.groups = 2;
  CHECK(errors(p, {"org0-p0", "nobody"}, o) ==
        std::vector<std::string>{"breakout groups: /people/1: expected a person id of the document, got \"nobody\""});
  CHECK(errors(p, {"org0-p0", "org0-p0"}, o) ==
        std::vector<std::string>{"breakout groups: /people/1: \"org0-p0\" is listed twice"});
  o.apart = {{"org0-p0", "stranger"}};
  CHECK(errors(p, people, o) ==
        std::vector<std::string>{"breakout groups: /apart/0/1: \"stranger\" is not one of the people to split"});
  o.apart = {{"org0-p0", "org1-p0"}};
  o.together = {{"org0-p0", "org1-p0"}};
  CHECK(errors(p, people, o) == std::vector<std::string>{
                                    "breakout groups: /apart/0: \"org0-p0\" and \"org1-p0\" must be together and apart at once"});
  o.apart.clear();
  o.together = {{"org0-p0", "org1-p0", "org2-p0", "org2-p1"}};
  CHECK(errors(p, people, o) ==
        std::vector<std::string>{"breakout groups: /together: \"org0-p0\" must be with 3 others, but 6 people in 2 "
                                 "groups make groups of at most 3"});
  // Three people who must all be apart cannot fit into two groups.
  o.together.clear();
  o.apart = {{"org0-p0", "org1-p0"}, {"org1-p0", "org2-p0"}, {"org0-p0", "org2-p0"}};
  auto e = errors(p, people, o);
  REQUIRE(e.size() == 1);
  CHECK(e[0].rfind("breakout groups: /apart: no split into 2 groups keeps apart ", 0) == 0);
  GroupOptions fine;
  CHECK_THROWS_AS(breakout_groups(p, "nope", fine), ValidationError);
}

TEST_CASE("groups: the annealer finds the best split of a small meeting (checked exhaustively)", "[stakeholders][groups]") {
  Partnership p = meeting(5, 2);  // 10 people, 3 groups of 4, 3, 3
  const auto& people = p.meetings[0].participants;
  GroupOptions o;
  o.groups = 3;
  o.apart = {{"org0-p0", "org1-p1"}};
  double best = -1;
  std::vector<std::size_t> code(people.size(), 0);
  for (;;) {
    std::vector<std::vector<std::string>> groups(3);
    for (std::size_t i = 0; i < people.size(); ++i) groups[code[i]].push_back(people[i]);
    std::size_t small = 10, large = 0;
    for (const auto& g : groups) small = std::min(small, g.size()), large = std::max(large, g.size());
    if (large - small <= 1) {
      GroupScore s = score_groups(p, groups, o);
      if (s.violations == 0) best = std::max(best, s.score);
    }
    std::size_t i = 0;
    while (i < code.size() && ++code[i] == 3) code[i++] = 0;
    if (i == code.size()) break;
  }
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
    o.seed = seed;
    CHECK(breakout_groups(p, "m", o).score.score == best);
  }
}
