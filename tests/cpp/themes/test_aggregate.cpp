#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "partnerkit/core/error.hpp"
#include "partnerkit/themes.hpp"

using namespace partnerkit;
using namespace partnerkit::themes;

namespace {

// Help-with and frustrated-by entries of four organizations, in the words of the toolkit's
// filled-in quadrant ("Capacity – more resources/staff", "Limitations on funding", ...).
const std::vector<std::string> quadrant_entries = {
    "Capacity – more resources/staff",          // 0  CAC chapter
    "Limitations on funding",                   // 1  CAC chapter
    "Increasing “Reach”",                       // 2  CAC chapter
    "Not enough staff to monitor subgrants",    // 3  VOCA administrator
    "VOCA funding cuts",                        // 4  VOCA administrator
    "Staff turnover and burnout",               // 5  VOCA administrator
    "More personnel, we are short two FTEs",    // 6  DCFS
    "Money for new programs",                   // 7  DCFS
    "Reaching rural families",                  // 8  DCFS
    "Staffing shortages in rural CACs",         // 9  regional CAC
    "Limited dollars for travel",               // 10 regional CAC
    "Outreach to underserved communities",      // 11 regional CAC
};

int theme_of(const Themes& t, std::size_t entry) { return t.assignments.at(entry); }

double nmi(const std::vector<int>& a, const std::vector<int>& b) {
  std::map<int, double> pa, pb;
  std::map<std::pair<int, int>, double> pab;
  const double n = static_cast<double>(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    pa[a[i]] += 1 / n;
    pb[b[i]] += 1 / n;
    pab[{a[i], b[i]}] += 1 / n;
  }
  double mi = 0, ha = 0, hb = 0;
  for (auto [k, p] : pab) mi += p * std::log(p / (pa[k.first] * pb[k.second]));
  for (auto [k, p] : pa) ha -= p * std::log(p);
  for (auto [k, p] : pb) hb -= p * std::log(p);
  return ha + hb > 0 ? 2 * mi / (ha + hb) : 1.0;
}

struct Labelled {
  std::vector<std::string> texts;
  std::vector<int> labels;
};

Labelled load_tweets() {
  std::ifstream in(std::string(PARTNERKIT_SOURCE_DIR) + "/tests/data/themes/tweet-sample.txt");
  REQUIRE(in);
  Labelled out;
  std::string line;
  while (std::getline(in, line)) {
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    out.labels.push_back(std::stoi(line.substr(0, tab)));
    out.texts.push_back(line.substr(tab + 1));
  }
  return out;
}

}  // namespace

TEST_CASE("the filled-in quadrant groups the way a facilitator would", "[themes][aggregate]") {
  Themes t = aggregate(quadrant_entries);
  INFO(to_json(t).dump(1));
  REQUIRE(t.entries() == quadrant_entries.size());
  // Staff and capacity entries together (staff, staffing, personnel, FTEs are one term).
  int staff = theme_of(t, 3);
  REQUIRE(staff >= 0);
  for (std::size_t e : {0u, 5u, 6u, 9u}) CHECK(theme_of(t, e) == staff);
  // Funding entries together (funding, money, dollars are one term).
  int funding = theme_of(t, 1);
  REQUIRE(funding >= 0);
  for (std::size_t e : {4u, 7u, 10u}) CHECK(theme_of(t, e) == funding);
  CHECK(staff != funding);
  // Reach entries together (reach, reaching, outreach).
  int reach = theme_of(t, 2);
  REQUIRE(reach >= 0);
  for (std::size_t e : {8u, 11u}) CHECK(theme_of(t, e) == reach);
  CHECK(reach != staff);
  CHECK(reach != funding);
  // Labels are words users wrote, not stems.
  const Theme& st = t.themes[static_cast<std::size_t>(staff)];
  CHECK(st.keywords.front() == "staff");
  CHECK(st.label.find("staff") == 0);
  const Theme& ft = t.themes[static_cast<std::size_t>(funding)];
  CHECK(ft.keywords.front() == "funding");
  CHECK(std::find(ft.entries.begin(), ft.entries.end(), ft.representative) != ft.entries.end());
}

TEST_CASE("every entry is in one theme or unassigned, with counts", "[themes][aggregate]") {
  std::vector<std::string> texts = quadrant_entries;
  texts.push_back("");                       // no terms
  texts.push_back("the and of");             // only stop words
  texts.push_back("zebra crossing quantum"); // similar to nothing
  Themes t = aggregate(texts);
  std::set<std::size_t> seen;
  for (std::size_t c = 0; c < t.themes.size(); ++c) {
    CHECK(std::is_sorted(t.themes[c].entries.begin(), t.themes[c].entries.end()));
    for (std::size_t e : t.themes[c].entries) {
      CHECK(seen.insert(e).second);
      CHECK(t.assignments[e] == static_cast<int>(c));
    }
    if (c > 0) CHECK(t.themes[c - 1].entries.size() >= t.themes[c].entries.size());
  }
  for (std::size_t e : t.unassigned) {
    CHECK(seen.insert(e).second);
    CHECK(t.assignments[e] == -1);
  }
  CHECK(seen.size() == texts.size());
  CHECK(std::find(t.unassigned.begin(), t.unassigned.end(), 12) != t.unassigned.end());
  CHECK(std::find(t.unassigned.begin(), t.unassigned.end(), 13) != t.unassigned.end());
  CHECK(std::find(t.unassigned.begin(), t.unassigned.end(), 14) != t.unassigned.end());
  auto j = to_json(t);
  CHECK(j["counts"]["entries"] == texts.size());
  CHECK(j["counts"]["assigned"].get<std::size_t>() + j["counts"]["unassigned"].get<std::size_t>() == texts.size());
  CHECK(j["assignments"].size() == texts.size());
  CHECK(aggregate(std::vector<std::string>{}).themes.empty());
}

TEST_CASE("exactly K themes on request", "[themes][aggregate]") {
  for (int k : {1, 2, 3, 5, 12}) {
    ThemeOptions o;
    o.themes = k;
    Themes t = aggregate(quadrant_entries, o);
    CHECK(t.themes.size() == static_cast<std::size_t>(k));
    CHECK(t.unassigned.empty());
  }
  ThemeOptions o;
  o.themes = 50;  // more than entries: at most one theme per entry
  CHECK(aggregate(quadrant_entries, o).themes.size() <= quadrant_entries.size());
}

TEST_CASE("grouping is deterministic on any number of threads", "[themes][aggregate]") {
  Labelled d = load_tweets();
  ThemeOptions o;
  o.themes = 20;
  o.threads = 1;
  Themes one = aggregate(d.texts, o);
  o.threads = 2;
  Themes two = aggregate(d.texts, o);
  o.threads = 0;
  Themes all = aggregate(d.texts, o);
  CHECK(one.assignments == two.assignments);
  CHECK(one.assignments == all.assignments);
  CHECK(to_json(one) == to_json(all));
  ThemeOptions auto_mode;
  auto_mode.threads = 1;
  Themes a1 = aggregate(d.texts, auto_mode);
  auto_mode.threads = 2;
  CHECK(a1.assignments == aggregate(d.texts, auto_mode).assignments);
}

TEST_CASE("themes recover the labelled tweet sample", "[themes][aggregate]") {
  Labelled d = load_tweets();
  std::set<int> classes(d.labels.begin(), d.labels.end());
  ThemeOptions o;
  o.themes = static_cast<int>(classes.size());
  Themes t = aggregate(d.texts, o);
  CHECK(t.themes.size() == classes.size());
  double score = nmi(d.labels, t.assignments);
  INFO("NMI " << score);
  CHECK(score > 0.8);
  Themes found = aggregate(d.texts);  // number of themes from the data
  CHECK(found.themes.size() >= classes.size() / 2);
  CHECK(found.themes.size() <= classes.size() * 3);
}

TEST_CASE("own vectors go through the same machinery", "[themes][aggregate]") {
  // Three directions with noise; the texts only give labels.
  std::vector<std::string> texts;
  std::vector<float> v;
  const float dirs[3][4] = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 1}};
  for (int i = 0; i < 30; ++i) {
    int c = i % 3;
    texts.push_back(c == 0 ? "staff shortage" : c == 1 ? "funding cuts" : "rural reach");
    for (int q = 0; q < 4; ++q) v.push_back(dirs[c][q] + 0.05f * static_cast<float>((i * 7 + q * 3) % 5));
  }
  texts.push_back("zero vector");
  for (int q = 0; q < 4; ++q) v.push_back(0);
  ThemeOptions o;
  o.themes = 3;
  Themes t = aggregate_vectors(texts, v, 4, o);
  REQUIRE(t.themes.size() == 3);
  for (int i = 0; i < 30; ++i) CHECK(t.assignments[static_cast<std::size_t>(i)] == t.assignments[static_cast<std::size_t>(i % 3)]);
  CHECK(t.assignments[30] == -1);
  std::set<std::string> labels;
  for (const auto& th : t.themes) labels.insert(th.keywords.front());
  CHECK(labels.size() == 3);
  Themes found = aggregate_vectors(texts, v, 4);
  CHECK(found.themes.size() == 3);
  CHECK_THROWS_AS(aggregate_vectors(texts, v, 5), Error);
  CHECK_THROWS_AS(aggregate_vectors(texts, v, 0), Error);
}

TEST_CASE("options out of range are rejected", "[themes][aggregate]") {
  ThemeOptions o;
  o.themes = 0;
  CHECK_THROWS_WITH(aggregate(quadrant_entries, o), "themes must be at least 1, got 0");
  o = {};
  o.neighbors = -1;
  CHECK_THROWS_AS(aggregate(quadrant_entries, o), Error);
  o = {};
  o.resolution = 0;
  CHECK_THROWS_AS(aggregate(quadrant_entries, o), Error);
}
