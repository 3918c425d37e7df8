// Ranking brainstormed ideas by the team's votes (docs/ideas.md).
#include "partnerkit/themes/ideas.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "partnerkit/core/error.hpp"
#include "themes/summary_escape.hpp"

namespace partnerkit::themes {
namespace {

constexpr std::array<const char*, 4> criterion_names{"exciting", "better", "doable", "dots"};

int votes_on(const RankedIdea& r, std::size_t criterion) {
  switch (criterion) {
    case 0: return r.exciting;
    case 1: return r.better;
    case 2: return r.doable;
    default: return r.dots;
  }
}

double weight_of(const Weights& w, std::size_t criterion) {
  switch (criterion) {
    case 0: return w.exciting;
    case 1: return w.better;
    case 2: return w.doable;
    default: return w.dots;
  }
}

bool same_score(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void check_options(const IdeaOptions& o) {
  const Weights& w = o.weights;
  std::vector<Issue> issues;
  bool any = false;
  for (std::size_t c = 0; c < criterion_names.size(); ++c) {
    double v = weight_of(w, c);
    if (!std::isfinite(v) || v < 0)
      issues.push_back({"<options>", std::string("/weights/") + criterion_names[c],
                        "expected a finite number, 0 or more, got " + number_text(v)});
    else if (v > 0)
      any = true;
  }
  if (issues.empty() && !any)
    issues.push_back({"<options>", "/weights", "expected at least one weight above 0, got all 0"});
  if (o.areas && *o.areas < 0)
    issues.push_back({"<options>", "/areas",
                      "expected a number of areas, 0 or more (0: none), got " + std::to_string(*o.areas)});
  if (o.first_steps < 1)
    issues.push_back({"<options>", "/first_steps",
                      "expected a number of first steps, 1 or more, got " + std::to_string(o.first_steps)});
  if (!issues.empty()) throw ValidationError(std::move(issues));
}

// Areas of focus: the idea texts, in ranking order, grouped by the theme machinery.
void group_into_areas(IdeaRanking& out, const IdeaOptions& options) {
  const auto& ranked = out.ideas;
  if (ranked.empty() || (options.areas && *options.areas == 0)) return;
  std::vector<std::string> texts;
  texts.reserve(ranked.size());
  for (const auto& r : ranked) texts.push_back(r.text);
  ThemeOptions grouping = options.grouping;
  int wanted;
  if (options.areas) {
    wanted = *options.areas;
  } else {
    grouping.themes.reset();
    auto found = static_cast<int>(aggregate(texts, grouping).themes.size());
    wanted = std::clamp(found, 3, 4);
    out.areas_from_data = true;
  }
  wanted = std::min(wanted, static_cast<int>(texts.size()));
  grouping.themes = wanted;
  Themes t = aggregate(texts, grouping);
  for (const auto& theme : t.themes) {
    FocusArea a;
    a.label = theme.label;
    a.keywords = theme.keywords;
    a.representative = ranked[theme.representative].id;
    std::vector<const RankedIdea*> members;
    for (std::size_t i : theme.entries) {  // ascending: ranking order
      members.push_back(&ranked[i]);
      a.ideas.push_back(ranked[i].id);
      a.score += ranked[i].score;
    }
    std::stable_sort(members.begin(), members.end(),
                     [](const RankedIdea* x, const RankedIdea* y) { return x->doable > y->doable; });
    for (std::size_t k = 0; k < members.size() && k < static_cast<std::size_t>(options.first_steps); ++k) {
      if (k > 0 && members[k]->doable == 0) break;
      a.first_steps.push_back(members[k]->id);
    }
    out.areas.push_back(std::move(a));
  }
  auto best_rank = [&](const FocusArea& a) {
    for (std::size_t i = 0; i < ranked.size(); ++i)
      if (ranked[i].id == a.ideas.front()) return i;
    return ranked.size();
  };
  std::stable_sort(out.areas.begin(), out.areas.end(), [&](const FocusArea& a, const FocusArea& b) {
    if (!same_score(a.score, b.score)) return a.score > b.score;
    return best_rank(a) < best_rank(b);
  });
  for (std::size_t i : t.unassigned) out.unassigned.push_back(ranked[i].id);
}

}  // namespace

const char* to_string(RankMethod m) {
  switch (m) {
    case RankMethod::total: return "total";
    case RankMethod::weighted: return "weighted";
    case RankMethod::borda: return "borda";
  }
  return "total";
}

std::optional<RankMethod> parse_rank_method(std::string_view name) {
  if (name == "total") return RankMethod::total;
  if (name == "weighted") return RankMethod::weighted;
  if (name == "borda") return RankMethod::borda;
  return std::nullopt;
}

IdeaRanking rank_ideas(const std::vector<Idea>& ideas, const IdeaOptions& options) {
  check_options(options);
  IdeaRanking out;
  out.method = options.method;
  out.weights = options.weights;
  out.session = options.session;

  for (std::size_t i = 0; i < ideas.size(); ++i) {
    const Idea& idea = ideas[i];
    if (options.session && idea.session != options.session) continue;
    RankedIdea r;
    r.id = idea.id;
    r.text = idea.text;
    r.session = idea.session;
    r.exciting = idea.votes.exciting;
    r.better = idea.votes.better;
    r.doable = idea.votes.doable;
    r.dots = idea.votes.dots;
    r.total = static_cast<long long>(r.exciting) + r.better + r.doable + r.dots;
    r.index = i;
    out.ideas.push_back(std::move(r));
  }
  auto& ranked = out.ideas;
  bool any_dots = std::any_of(ranked.begin(), ranked.end(), [](const RankedIdea& r) { return r.dots > 0; });
  std::size_t criteria = any_dots ? 4 : 3;
  for (std::size_t c = 0; c < criteria; ++c) out.criteria.emplace_back(criterion_names[c]);

  switch (options.method) {
    case RankMethod::total:
      for (auto& r : ranked) r.score = static_cast<double>(r.total);
      break;
    case RankMethod::weighted:
      for (std::size_t c = 0; c < criteria; ++c) {
        int most = 0;
        for (const auto& r : ranked) most = std::max(most, votes_on(r, c));
        if (most == 0) continue;  // nobody voted on it: it tells nothing apart
        double w = weight_of(options.weights, c);
        for (auto& r : ranked) r.score += w * votes_on(r, c) / most;
      }
      break;
    case RankMethod::borda:
      // Borda points on a criterion: the ideas with fewer votes, plus half of the others with
      // as many (tied ideas share the places they span, i.e. the average of their points).
      for (std::size_t c = 0; c < criteria; ++c) {
        std::vector<int> sorted;
        sorted.reserve(ranked.size());
        for (const auto& r : ranked) sorted.push_back(votes_on(r, c));
        std::sort(sorted.begin(), sorted.end());
        double w = weight_of(options.weights, c);
        for (auto& r : ranked) {
          int v = votes_on(r, c);
          auto below = std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin();
          auto upto = std::upper_bound(sorted.begin(), sorted.end(), v) - sorted.begin();
          double points = static_cast<double>(below) + 0.5 * static_cast<double>(upto - below - 1);
          r.score += w * points;
        }
      }
      break;
  }

  std::sort(ranked.begin(), ranked.end(), [](const RankedIdea& a, const RankedIdea& b) {
    if (!same_score(a.score, b.score)) return a.score > b.score;
    if (a.total != b.total) return a.total > b.total;
    if (a.doable != b.doable) return a.doable > b.doable;
    if (a.id != b.id) return a.id < b.id;
    return a.index < b.index;
  });
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    auto& r = ranked[i];
    r.rank = static_cast<int>(i) + 1;
    if (i == 0) continue;
    const auto& prev = ranked[i - 1];
    r.decided_by = !same_score(prev.score, r.score) ? "score"
                   : prev.total != r.total          ? "total"
                   : prev.doable != r.doable        ? "doable"
                                                    : "id";
  }
  group_into_areas(out, options);
  return out;
}

IdeaRanking rank_ideas(const Partnership& p, const IdeaOptions& options) {
  if (options.session && !p.find_meeting(*options.session))
    throw ValidationError("<options>", "/session",
                          "expected a meeting id of the document, got \"" + *options.session + "\"");
  return rank_ideas(p.ideas, options);
}

nlohmann::ordered_json to_json(const IdeaRanking& r) {
  nlohmann::ordered_json out;
  out["method"] = to_string(r.method);
  out["weights"] = {{"exciting", r.weights.exciting},
                    {"better", r.weights.better},
                    {"doable", r.weights.doable},
                    {"dots", r.weights.dots}};
  out["session"] = r.session ? nlohmann::ordered_json(*r.session) : nlohmann::ordered_json(nullptr);
  out["criteria"] = r.criteria;
  auto& ideas = out["ideas"] = nlohmann::ordered_json::array();
  for (const auto& i : r.ideas) {
    nlohmann::ordered_json j;
    j["rank"] = i.rank;
    j["id"] = i.id;
    j["text"] = i.text;
    j["session"] = i.session ? nlohmann::ordered_json(*i.session) : nlohmann::ordered_json(nullptr);
    j["votes"] = {{"exciting", i.exciting}, {"better", i.better}, {"doable", i.doable}, {"dots", i.dots}};
    j["total"] = i.total;
    j["score"] = i.score;
    j["decided_by"] = i.decided_by;
    ideas.push_back(std::move(j));
  }
  auto& areas = out["areas"] = nlohmann::ordered_json::array();
  for (const auto& a : r.areas)
    areas.push_back({{"label", a.label},
                     {"keywords", a.keywords},
                     {"ideas", a.ideas},
                     {"representative", a.representative},
                     {"score", a.score},
                     {"first_steps", a.first_steps}});
  out["areas_from_data"] = r.areas_from_data;
  out["unassigned"] = r.unassigned;
  return out;
}

std::string describe(const IdeaRanking& r) {
  using detail::number;
  std::string weights = "weights exciting " + number(r.weights.exciting) + ", better " + number(r.weights.better) +
                        ", doable " + number(r.weights.doable);
  if (r.criteria.size() == 4) weights += ", dots " + number(r.weights.dots);
  std::string criteria = r.criteria.size() == 4 ? "exciting, better, doable, dots" : "exciting, better, doable";
  std::string how;
  switch (r.method) {
    case RankMethod::total:
      how = "total votes (" + std::string(r.criteria.size() == 4 ? "exciting + better + doable + dots" : "exciting + better + doable") + ")";
      break;
    case RankMethod::weighted:
      how = "weighted votes (on each of " + criteria +
            ": weight x votes / the most votes any idea got there, summed; " + weights + ")";
      break;
    case RankMethod::borda:
      how = "Borda points (on each of " + criteria +
            ": ideas with fewer votes + half of those with as many, x weight, summed; " + weights + ")";
      break;
  }
  return "Ideas ranked by " + how + "; ties: more votes in total, then more doable votes, then id.";
}

std::string to_text(const IdeaRanking& r) {
  using detail::number;
  std::ostringstream out;
  out << describe(r) << "\n";
  if (r.session) out << "Session: " << *r.session << "\n";
  if (r.ideas.empty()) {
    out << "No ideas.\n";
    return out.str();
  }
  std::size_t id_width = 2;
  for (const auto& i : r.ideas) id_width = std::max(id_width, i.id.size());
  char line[160];
  std::snprintf(line, sizeof line, "%4s %8s %8s %6s %6s %4s  %-*s  %s\n", "rank", "score", "exciting", "better", "doable",
                "dots", static_cast<int>(id_width), "id", "idea");
  out << line;
  for (const auto& i : r.ideas) {
    std::snprintf(line, sizeof line, "%4d %8s %8d %6d %6d %4d  ", i.rank, number(i.score).c_str(), i.exciting, i.better,
                  i.doable, i.dots);
    out << line << i.id << std::string(id_width - std::min(id_width, i.id.size()), ' ') << "  " << i.text;
    if (!i.decided_by.empty() && i.decided_by != "score") out << "  [same score; placed by " << i.decided_by << "]";
    out << "\n";
  }
  auto text_of = [&](const std::string& id) -> const std::string& {
    for (const auto& i : r.ideas)
      if (i.id == id) return i.text;
    return id;
  };
  if (!r.areas.empty()) {
    out << "\nAreas of focus (" << r.areas.size() << (r.areas_from_data ? ", a number found from the data" : "")
        << "; most support first):\n";
    for (std::size_t k = 0; k < r.areas.size(); ++k) {
      const auto& a = r.areas[k];
      out << "  " << k + 1 << ". " << a.label << " (score " << number(a.score) << "): ";
      for (std::size_t m = 0; m < a.ideas.size(); ++m) out << (m ? ", " : "") << a.ideas[m];
      out << "\n     first steps:";
      for (const auto& id : a.first_steps) out << "\n       - " << text_of(id) << " (" << id << ")";
      out << "\n";
    }
  }
  if (!r.unassigned.empty()) {
    out << "Not in an area:";
    for (const auto& id : r.unassigned) out << " " << id;
    out << "\n";
  }
  return out.str();
}

std::string to_markdown(const IdeaRanking& r) {
  using detail::markdown;
  using detail::number;
  std::ostringstream out;
  out << "## Ideas\n\n" << describe(r) << "\n\n";  // our own words, no user text
  if (r.session) out << "Session: " << markdown(*r.session) << "\n\n";
  if (r.ideas.empty()) {
    out << "No ideas.\n";
    return out.str();
  }
  out << "| Rank | Idea | Exciting | Better | Doable | Dots | Total | Score | Placed by |\n"
      << "|---:|---|---:|---:|---:|---:|---:|---:|---|\n";
  for (const auto& i : r.ideas)
    out << "| " << i.rank << " | " << markdown(i.text) << " (" << markdown(i.id) << ") | " << i.exciting << " | "
        << i.better << " | " << i.doable << " | " << i.dots << " | " << i.total << " | " << number(i.score) << " | "
        << (i.decided_by.empty() ? "" : i.decided_by) << " |\n";
  auto text_of = [&](const std::string& id) -> const std::string& {
    for (const auto& i : r.ideas)
      if (i.id == id) return i.text;
    return id;
  };
  if (!r.areas.empty()) {
    out << "\n### Areas of focus\n\n";
    for (std::size_t k = 0; k < r.areas.size(); ++k) {
      const auto& a = r.areas[k];
      out << k + 1 << ". **" << markdown(a.label) << "** (score " << number(a.score) << "): ";
      for (std::size_t m = 0; m < a.ideas.size(); ++m) out << (m ? ", " : "") << markdown(a.ideas[m]);
      out << "\n";
      for (const auto& id : a.first_steps) out << "   - First step: " << markdown(text_of(id)) << " (" << markdown(id) << ")\n";
    }
  }
  if (!r.unassigned.empty()) {
    out << "\nNot in an area:";
    for (const auto& id : r.unassigned) out << " " << markdown(id);
    out << "\n";
  }
  return out.str();
}

}  // namespace partnerkit::themes
