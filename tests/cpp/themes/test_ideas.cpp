// Ranking ideas: total, weighted and Borda against slow obvious references, the tie-breaks, the
// example document's ranking worked out by hand, options that are out of range.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "partnerkit/io/document.hpp"
#include "partnerkit/themes/ideas.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::themes;
namespace pt = partnerkit::test;
using Strings = std::vector<std::string>;

namespace {

Idea idea(std::string id, int exciting, int better, int doable, int dots = 0, std::optional<std::string> session = {}) {
  Idea i;
  i.id = id;
  i.text = "idea " + id;
  i.session = std::move(session);
  i.votes.exciting = exciting;
  i.votes.better = better;
  i.votes.doable = doable;
  i.votes.dots = dots;
  return i;
}

IdeaOptions with(RankMethod method, Weights weights = {}, std::optional<std::string> session = {}) {
  IdeaOptions o;
  o.method = method;
  o.weights = weights;
  o.session = std::move(session);
  return o;
}

Strings order(const IdeaRanking& r) {
  Strings out;
  for (const auto& i : r.ideas) out.push_back(i.id);
  return out;
}

Strings decided(const IdeaRanking& r) {
  Strings out;
  for (const auto& i : r.ideas) out.push_back(i.decided_by);
  return out;
}

const RankedIdea& find(const IdeaRanking& r, std::string_view id) {
  auto it = std::find_if(r.ideas.begin(), r.ideas.end(), [&](const RankedIdea& i) { return i.id == id; });
  REQUIRE(it != r.ideas.end());
  return *it;
}

int votes(const Idea& i, int c) {
  return c == 0 ? i.votes.exciting : c == 1 ? i.votes.better : c == 2 ? i.votes.doable : i.votes.dots;
}

// Reference Borda: compare every pair on every criterion (1 point for a win, 1/2 for a tie).
double reference_borda(const std::vector<Idea>& ideas, std::size_t i, const Weights& w, int criteria) {
  const double weight[] = {w.exciting, w.better, w.doable, w.dots};
  double score = 0;
  for (int c = 0; c < criteria; ++c)
    for (std::size_t j = 0; j < ideas.size(); ++j) {
      if (j == i) continue;
      int a = votes(ideas[i], c), b = votes(ideas[j], c);
      score += weight[c] * (a > b ? 1.0 : a == b ? 0.5 : 0.0);
    }
  return score;
}

// Reference weighted score: votes over the most votes on the criterion.
double reference_weighted(const std::vector<Idea>& ideas, std::size_t i, const Weights& w, int criteria) {
  const double weight[] = {w.exciting, w.better, w.doable, w.dots};
  double score = 0;
  for (int c = 0; c < criteria; ++c) {
    int most = 0;
    for (const auto& other : ideas) most = std::max(most, votes(other, c));
    if (most > 0) score += weight[c] * votes(ideas[i], c) / most;
  }
  return score;
}

// Checks the order rule on a ranking: score (within 1e-9) desc, total desc, doable desc, id asc.
void check_order(const IdeaRanking& r) {
  for (std::size_t k = 1; k < r.ideas.size(); ++k) {
    const auto& a = r.ideas[k - 1];
    const auto& b = r.ideas[k];
    INFO(a.id << " before " << b.id);
    if (std::fabs(a.score - b.score) > 1e-9 * std::max({1.0, a.score, b.score})) {
      CHECK(a.score > b.score);
      CHECK(b.decided_by == "score");
    } else if (a.total != b.total) {
      CHECK(a.total > b.total);
      CHECK(b.decided_by == "total");
    } else if (a.doable != b.doable) {
      CHECK(a.doable > b.doable);
      CHECK(b.decided_by == "doable");
    } else {
      CHECK(a.id < b.id);
      CHECK(b.decided_by == "id");
    }
    CHECK(b.rank == static_cast<int>(k) + 1);
  }
}

}  // namespace

TEST_CASE("the example's ideas ranked by total votes, tie-breaks worked out by hand", "[themes][ideas]") {
  Partnership p = load(pt::example("state-cac-voca.json"));
  IdeaRanking r = rank_ideas(p);
  CHECK(r.method == RankMethod::total);
  CHECK(r.criteria == Strings{"exciting", "better", "doable", "dots"});
  // Totals: 3→24, 1→23 (doable 8), 2→23 (doable 7), 5→18, 11→17 (doable 8), 8→17 (doable 7),
  // 6→16, 4→15, 7→14 (doable 6), 9→14 (doable 1), 10→11.
  CHECK(order(r) == Strings{"idea-3", "idea-1", "idea-2", "idea-5", "idea-11", "idea-8", "idea-6", "idea-4",
                            "idea-7", "idea-9", "idea-10"});
  CHECK(decided(r) == Strings{"", "score", "doable", "score", "score", "doable", "score", "score", "score",
                              "doable", "score"});
  CHECK(find(r, "idea-3").score == 24);
  CHECK(find(r, "idea-3").total == 24);
  CHECK(find(r, "idea-3").rank == 1);
  CHECK(find(r, "idea-10").rank == 11);
  CHECK(find(r, "idea-4").index == 3);
}

TEST_CASE("ties on score, total and doable fall to the id", "[themes][ideas]") {
  std::vector<Idea> ideas{idea("b", 2, 2, 2), idea("a", 2, 2, 2), idea("c", 3, 1, 2), idea("d", 1, 1, 4)};
  IdeaRanking r = rank_ideas(ideas);
  // All total 6; d has the most doable; a, b, c tie on doable 2 and fall to the id.
  CHECK(order(r) == Strings{"d", "a", "b", "c"});
  CHECK(decided(r) == Strings{"", "doable", "id", "id"});
  check_order(r);
}

TEST_CASE("Borda points: ties share the places they span", "[themes][ideas]") {
  std::vector<Idea> ideas{idea("x", 5, 1, 0), idea("y", 5, 2, 0), idea("z", 1, 3, 0)};
  IdeaRanking r = rank_ideas(ideas, with(RankMethod::borda));
  // exciting: x and y tie on top (1.5 each), z 0; better: z 2, y 1, x 0; doable: all tie (1 each).
  CHECK(find(r, "x").score == 1.5 + 0 + 1);
  CHECK(find(r, "y").score == 1.5 + 1 + 1);
  CHECK(find(r, "z").score == 0 + 2 + 1);
  CHECK(order(r) == Strings{"y", "z", "x"});
  CHECK(decided(r) == Strings{"", "score", "score"});
}

TEST_CASE("weighted scores scale each criterion by its most votes", "[themes][ideas]") {
  std::vector<Idea> ideas{idea("a", 10, 0, 1), idea("b", 5, 0, 2)};
  // Total prefers a (11 vs 7); scaled, doable counts as much as exciting: a 1 + 0.5, b 0.5 + 1.
  IdeaRanking equal = rank_ideas(ideas, with(RankMethod::weighted));
  CHECK(find(equal, "a").score == Approx(1.5));
  CHECK(find(equal, "b").score == Approx(1.5));
  CHECK(order(equal) == Strings{"a", "b"});
  CHECK(decided(equal) == Strings{"", "total"});
  IdeaRanking doable = rank_ideas(ideas, with(RankMethod::weighted, Weights{1, 1, 2, 1}));
  CHECK(order(doable) == Strings{"b", "a"});
  CHECK(find(doable, "b").score == Approx(2.5));
  // better: nobody voted, so it adds nothing whatever its weight.
  IdeaRanking better = rank_ideas(ideas, with(RankMethod::weighted, Weights{1, 100, 1, 1}));
  CHECK(find(better, "a").score == Approx(1.5));
}

TEST_CASE("random votes: Borda and weighted match pairwise references; the order rule holds", "[themes][ideas]") {
  std::mt19937 rng(20270622);
  for (int round = 0; round < 200; ++round) {
    std::uniform_int_distribution<int> count(1, 12), vote(0, 5), dots(0, 3);
    std::vector<Idea> ideas;
    bool with_dots = round % 2 == 0;
    int n = count(rng);
    for (int i = 0; i < n; ++i)
      ideas.push_back(idea("i" + std::to_string(i), vote(rng), vote(rng), vote(rng), with_dots ? dots(rng) : 0));
    bool any_dots = std::any_of(ideas.begin(), ideas.end(), [](const Idea& i) { return i.votes.dots > 0; });
    int criteria = any_dots ? 4 : 3;
    Weights w{1.0 + round % 3, 0.5, 2.0, round % 5 == 0 ? 0.0 : 1.0};
    for (RankMethod m : {RankMethod::total, RankMethod::weighted, RankMethod::borda}) {
      IdeaRanking r = rank_ideas(ideas, with(m, w));
      REQUIRE(r.ideas.size() == ideas.size());
      CHECK(r.criteria.size() == static_cast<std::size_t>(criteria));
      for (const auto& ri : r.ideas) {
        const Idea& src = ideas[ri.index];
        CHECK(ri.id == src.id);
        CHECK(ri.total == src.votes.exciting + src.votes.better + src.votes.doable + src.votes.dots);
        double expected = m == RankMethod::total      ? static_cast<double>(ri.total)
                          : m == RankMethod::weighted ? reference_weighted(ideas, ri.index, w, criteria)
                                                      : reference_borda(ideas, ri.index, w, criteria);
        CHECK(ri.score == Approx(expected).margin(1e-12));
      }
      check_order(r);
    }
  }
}

TEST_CASE("dots count only when some idea has a dot vote", "[themes][ideas]") {
  std::vector<Idea> ideas{idea("a", 1, 1, 1), idea("b", 0, 0, 0)};
  CHECK(rank_ideas(ideas).criteria == Strings{"exciting", "better", "doable"});
  ideas[1].votes.dots = 4;
  IdeaRanking r = rank_ideas(ideas);
  CHECK(r.criteria == Strings{"exciting", "better", "doable", "dots"});
  CHECK(order(r) == Strings{"b", "a"});
}

TEST_CASE("a session keeps its own ideas", "[themes][ideas]") {
  Partnership p = loads(pt::document(R"("meetings": [{"id": "m1", "kind": "in-person"}, {"id": "m2", "kind": "in-person"}],
      "ideas": [{"id": "a", "text": "A", "session": "m1", "votes": {"doable": 1}},
                {"id": "b", "text": "B", "session": "m2", "votes": {"doable": 2}},
                {"id": "c", "text": "C"}])"));
  CHECK(order(rank_ideas(p)) == Strings{"b", "a", "c"});
  CHECK(order(rank_ideas(p, with(RankMethod::total, {}, "m1"))) == Strings{"a"});
  CHECK(order(rank_ideas(p, with(RankMethod::total, {}, "m2"))) == Strings{"b"});
  try {
    rank_ideas(p, with(RankMethod::total, {}, "m3"));
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(pt::lines(e) == Strings{"<options>: /session: expected a meeting id of the document, got \"m3\""});
  }
}

TEST_CASE("no ideas: an empty ranking", "[themes][ideas]") {
  IdeaRanking r = rank_ideas(std::vector<Idea>{}, with(RankMethod::borda));
  CHECK(r.ideas.empty());
  CHECK(r.criteria == Strings{"exciting", "better", "doable"});
}

TEST_CASE("weights out of range are reported together", "[themes][ideas]") {
  auto error = [](Weights w) {
    try {
      rank_ideas(std::vector<Idea>{idea("a", 1, 1, 1)}, with(RankMethod::weighted, w));
    } catch (const ValidationError& e) {
      return pt::lines(e);
    }
    return Strings{"no error"};
  };
  CHECK(error({-1, 1, std::nan(""), 1}) ==
        Strings{"<options>: /weights/exciting: expected a finite number, 0 or more, got -1",
                "<options>: /weights/doable: expected a finite number, 0 or more, got nan"});
  CHECK(error({1, INFINITY, 1, 1}) == Strings{"<options>: /weights/better: expected a finite number, 0 or more, got inf"});
  CHECK(error({0, 0, 0, 0}) == Strings{"<options>: /weights: expected at least one weight above 0, got all 0"});
}

TEST_CASE("method names", "[themes][ideas]") {
  for (RankMethod m : {RankMethod::total, RankMethod::weighted, RankMethod::borda})
    CHECK(parse_rank_method(to_string(m)) == m);
  CHECK_FALSE(parse_rank_method("Borda"));
  CHECK_FALSE(parse_rank_method(""));
}

TEST_CASE("the ranking as JSON", "[themes][ideas]") {
  std::vector<Idea> ideas{idea("a", 1, 2, 3, 0, "m1"), idea("b", 3, 2, 1, 4)};
  auto j = to_json(rank_ideas(ideas, with(RankMethod::borda)));
  CHECK(j["method"] == "borda");
  CHECK(j["weights"] == nlohmann::ordered_json({{"exciting", 1.0}, {"better", 1.0}, {"doable", 1.0}, {"dots", 1.0}}));
  CHECK(j["session"].is_null());
  CHECK(j["criteria"] == nlohmann::ordered_json({"exciting", "better", "doable", "dots"}));
  REQUIRE(j["ideas"].size() == 2);
  CHECK(j["ideas"][0].dump() ==
        R"({"rank":1,"id":"b","text":"idea b","session":null,"votes":{"exciting":3,"better":2,"doable":1,"dots":4},"total":10,"score":2.5,"decided_by":""})");
  CHECK(j["ideas"][1]["session"] == "m1");
  CHECK(j["ideas"][1]["decided_by"] == "score");
}

TEST_CASE("areas of focus: every idea once, first steps are the most doable", "[themes][ideas][areas]") {
  Partnership p = load(pt::example("state-cac-voca.json"));
  for (std::optional<int> n : {std::optional<int>{}, std::optional<int>{3}, std::optional<int>{4}, std::optional<int>{11}}) {
    for (RankMethod m : {RankMethod::total, RankMethod::borda}) {
      IdeaOptions o = with(m);
      o.areas = n;
      IdeaRanking r = rank_ideas(p, o);
      INFO("areas " << (n ? std::to_string(*n) : "from the data") << ", " << to_string(m));
      CHECK(r.areas_from_data == !n.has_value());
      if (n) CHECK(r.areas.size() == static_cast<std::size_t>(*n));
      else CHECK((r.areas.size() == 3 || r.areas.size() == 4));
      std::map<std::string, const RankedIdea*> by_id;
      for (const auto& i : r.ideas) by_id[i.id] = &i;
      std::multiset<std::string> placed(r.unassigned.begin(), r.unassigned.end());
      for (std::size_t k = 0; k < r.areas.size(); ++k) {
        const auto& a = r.areas[k];
        REQUIRE_FALSE(a.ideas.empty());
        CHECK_FALSE(a.label.empty());
        double score = 0;
        for (std::size_t j = 0; j < a.ideas.size(); ++j) {
          placed.insert(a.ideas[j]);
          score += by_id.at(a.ideas[j])->score;
          if (j > 0) CHECK(by_id.at(a.ideas[j - 1])->rank < by_id.at(a.ideas[j])->rank);  // ranking order
        }
        CHECK(a.score == Approx(score));
        if (k > 0) CHECK(r.areas[k - 1].score >= a.score - 1e-9);
        CHECK(std::find(a.ideas.begin(), a.ideas.end(), a.representative) != a.ideas.end());
        // First steps: the most doable (ties: ranking order); a second only with doable votes.
        Strings best = a.ideas;
        std::stable_sort(best.begin(), best.end(),
                         [&](const std::string& x, const std::string& y) { return by_id.at(x)->doable > by_id.at(y)->doable; });
        Strings expected{best[0]};
        if (best.size() > 1 && by_id.at(best[1])->doable > 0) expected.push_back(best[1]);
        CHECK(a.first_steps == expected);
      }
      CHECK(placed.size() == r.ideas.size());
      CHECK(std::set<std::string>(placed.begin(), placed.end()).size() == r.ideas.size());
    }
  }
  IdeaOptions none = with(RankMethod::total);
  none.areas = 0;
  CHECK(rank_ideas(p, none).areas.empty());
  IdeaOptions one_step = with(RankMethod::total);
  one_step.areas = 3;
  one_step.first_steps = 1;
  for (const auto& a : rank_ideas(p, one_step).areas) CHECK(a.first_steps.size() == 1);
}

TEST_CASE("areas with fewer ideas than asked, and options out of range", "[themes][ideas][areas]") {
  std::vector<Idea> ideas{idea("a", 1, 1, 1), idea("b", 1, 1, 2)};
  ideas[0].text = "Quarterly partner meetings";
  ideas[1].text = "Shared training calendar";
  IdeaOptions o = with(RankMethod::total);
  IdeaRanking r = rank_ideas(ideas, o);  // 3 or 4 asked, 2 ideas
  CHECK(r.areas.size() <= 2);
  try {
    o.areas = -1;
    o.first_steps = 0;
    rank_ideas(ideas, o);
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(pt::lines(e) == Strings{"<options>: /areas: expected a number of areas, 0 or more (0: none), got -1",
                                  "<options>: /first_steps: expected a number of first steps, 1 or more, got 0"});
  }
}
