// report::data(): the report's content, gathered from the four capability modules. Nothing is
// computed here that a module already computes; this file only calls them and arranges their
// results for the templates (docs/report.md lists every field).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>

#include "partnerkit/core/error.hpp"
#include "partnerkit/core/time.hpp"
#include "partnerkit/meetings.hpp"
#include "partnerkit/process.hpp"
#include "partnerkit/report.hpp"
#include "partnerkit/stakeholders.hpp"
#include "partnerkit/stakeholders/export.hpp"
#include "partnerkit/stakeholders/gaps.hpp"
#include "partnerkit/themes.hpp"
#include "partnerkit/themes/ideas.hpp"
#include "partnerkit/themes/summary.hpp"
#include "partnerkit/version.hpp"

namespace partnerkit::report {
namespace {

namespace ch = std::chrono;
using OJson = nlohmann::ordered_json;
namespace st = partnerkit::stakeholders;

OJson opt(const std::optional<std::string>& s) { return s ? OJson(*s) : OJson(nullptr); }
OJson opt(const std::optional<double>& x) { return x ? OJson(*x) : OJson(nullptr); }
OJson opt_date(const std::optional<Date>& d) { return d ? OJson(format_date(*d)) : OJson(nullptr); }

/// A part the report cannot show: the section says why.
OJson unavailable(std::string message) { return OJson{{"available", false}, {"message", std::move(message)}}; }

/// Organization id -> name (people fall back to their own name, unknown ids to the id).
struct Names {
  std::map<std::string, std::string, std::less<>> names;
  explicit Names(const Partnership& p) {
    for (const auto& o : p.organizations) names.emplace(o.id, o.name);
    for (const auto& x : p.people) names.emplace(x.id, x.name);
  }
  std::string operator()(std::string_view id) const {
    auto it = names.find(id);
    return it == names.end() ? std::string(id) : it->second;
  }
};

OJson stage_section(const Partnership& p, Date on, const Names& name) {
  const process::Template* tp = nullptr;
  try {
    tp = &process::template_for(p);
  } catch (const Error& e) {
    return unavailable(std::string("No process template: ") + e.what());
  }
  const process::Template& t = *tp;
  process::Status s = process::status(p, t, on);
  process::Continuum c = process::place_on_continuum(p, t, on);
  OJson out{{"available", true}, {"template", t.id}, {"template_name", t.name}, {"current_stage", s.current_stage}};
  const process::Stage* current = t.find_stage(s.current_stage);
  out["current_stage_name"] = current ? current->name : s.current_stage;
  out["stages"] = OJson::array();
  for (const auto& stage : s.stages) {
    OJson activities = OJson::array();
    for (const auto& a : s.activities) {
      if (a.stage != stage.id) continue;
      OJson reasons = OJson::array();
      if (a.state != process::ActivityState::done)
        for (const auto& r : a.reasons) reasons.push_back(r);
      activities.push_back({{"id", a.id},
                            {"name", a.name},
                            {"stage_name", stage.name},
                            {"state", process::to_string(a.state)},
                            {"done", a.state == process::ActivityState::done},
                            {"due", opt_date(a.due)},
                            {"done_on", opt_date(a.done_on)},
                            {"meeting", opt(a.meeting)},
                            {"reasons", std::move(reasons)}});
    }
    out["stages"].push_back({{"id", stage.id},
                             {"name", stage.name},
                             {"done", stage.done},
                             {"total", stage.total},
                             {"percent", static_cast<int>(std::lround(stage.percent_complete))},
                             {"current", stage.id == s.current_stage},
                             {"activities", std::move(activities)}});
  }
  out["next_steps"] = OJson::array();
  for (std::size_t i = 0; i < s.next_steps.size(); ++i) {
    const auto& n = s.next_steps[i];
    OJson questions = nullptr;
    if (n.question_set)
      if (const auto* q = t.find_question_set(*n.question_set)) questions = q->title;
    out["next_steps"].push_back({{"number", i + 1},
                                 {"action", n.action},
                                 {"stage", n.stage},
                                 {"activity", n.activity},
                                 {"due", opt_date(n.due)},
                                 {"overdue", n.overdue},
                                 {"meeting", opt(n.meeting)},
                                 {"questions", questions}});
  }
  OJson cont = process::to_json(c);
  for (auto& d : cont["discuss"]) {
    d["a_name"] = name(d["a"].get<std::string>());
    d["b_name"] = name(d["b"].get<std::string>());
  }
  out["continuum"] = std::move(cont);
  out["notes"] = s.notes;
  return out;
}

OJson roster_section(const Partnership& p, const st::Gaps& gaps, const Names& name) {
  std::set<std::string, std::less<>> no_dm;
  for (const auto& d : gaps.no_decision_maker) no_dm.insert(d.organization);
  OJson orgs = OJson::array();
  for (const auto& o : p.organizations) {
    OJson people = OJson::array();
    for (const auto& x : p.people)
      if (x.organization == o.id)
        people.push_back({{"id", x.id},
                          {"name", x.name},
                          {"role", opt(x.role)},
                          {"decision_maker", x.decision_maker},
                          {"facilitator", x.facilitator}});
    orgs.push_back({{"id", o.id},
                    {"name", o.name},
                    {"category", opt(o.category)},
                    {"color", st::category_color(o.category.value_or(""))},
                    {"core", o.core},
                    {"no_decision_maker", no_dm.count(o.id) > 0},
                    {"people", std::move(people)}});
  }
  OJson g = st::to_json(gaps);
  // Names beside the ids, for the page.
  for (auto& d : g["no_decision_maker"]) d["name"] = name(d["organization"].get<std::string>());
  OJson isolates = OJson::array();
  for (const auto& id : gaps.isolates) isolates.push_back({{"id", id}, {"name", name(id)}});
  g["isolates"] = std::move(isolates);
  for (auto& s : g["single_points_of_failure"]) {
    s["name"] = name(s["id"].get<std::string>());
    OJson cut = OJson::array();
    for (const auto& c : s["cut_off"]) cut.push_back(name(c.get<std::string>()));
    s["cut_off_names"] = std::move(cut);
  }
  for (auto& in : g["introductions"]) {
    in["a_name"] = name(in["a"].get<std::string>());
    in["b_name"] = name(in["b"].get<std::string>());
    OJson shared = OJson::array();
    for (const auto& c : in["shared"]) shared.push_back(name(c.get<std::string>()));
    in["shared_names"] = std::move(shared);
  }
  std::size_t count = gaps.missing_categories.size() + gaps.no_decision_maker.size() + gaps.isolates.size() +
                      gaps.single_points_of_failure.size();
  return OJson{{"organizations", std::move(orgs)}, {"gaps", std::move(g)}, {"gap_count", count}};
}

OJson network_section(const Partnership& p, Date on) {
  st::Graph g = st::Graph(p, st::GraphOptions{.people = false}).as_of(on);
  OJson out{{"vertices", g.vertex_count()}, {"ties", g.edge_count()}, {"directed", g.directed()}};
  out["density"] = st::density(g);
  out["degree_centralization"] = st::centralization(g, st::Centrality::degree);
  out["betweenness_centralization"] = st::centralization(g, st::Centrality::betweenness);
  out["components"] = st::weak_components(g).count;
  std::vector<double> btw = st::betweenness(g);
  std::vector<double> deg = st::degree(g);
  st::ScoreReport scores = st::trust_and_value(g);
  out["trust"] = opt(scores.network_trust);
  out["value"] = opt(scores.network_value);
  out["trust_ties"] = scores.trust_ties;
  out["value_ties"] = scores.value_ties;
  out["missing_items"] = scores.missing.size();
  std::vector<std::size_t> order(g.vertex_count());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return btw[a] > btw[b]; });
  out["measures"] = OJson::array();
  for (std::size_t v : order) {
    const st::Vertex& x = g.vertex(v);
    out["measures"].push_back({{"id", x.id},
                               {"name", x.name},
                               {"category", opt(x.category)},
                               {"color", st::category_color(x.category.value_or(""))},
                               {"degree", deg[v]},
                               {"betweenness", btw[v]},
                               {"trust", opt(scores.vertices[v].trust)},
                               {"trust_raters", scores.vertices[v].trust_raters},
                               {"value", opt(scores.vertices[v].value)},
                               {"value_raters", scores.vertices[v].value_raters}});
  }
  std::set<std::string> seen;
  out["legend"] = OJson::array();
  for (std::size_t v = 0; v < g.vertex_count(); ++v) {
    std::string c = g.vertex(v).category.value_or("");
    if (seen.insert(c).second)
      out["legend"].push_back({{"category", c.empty() ? OJson(nullptr) : OJson(c)}, {"color", st::category_color(c)}});
  }
  out["svg_available"] = false;
  out["svg"] = nullptr;
  if (!st::svg_available()) {
    out["svg_message"] = "This partnerkit was built without Graphviz, so the report has no network picture.";
  } else if (g.vertex_count() == 0) {
    out["svg_message"] = "No organizations: nothing to draw.";
  } else {
    try {
      st::ExportOptions eo;
      eo.size_by = st::SizeBy::betweenness;
      eo.wrap = 16;  // names on a few short lines: a narrower picture, legible on paper
      std::string svg = st::to_svg(g, eo);
      // Inline in HTML: drop the XML declaration and the DOCTYPE (which names an external DTD).
      auto at = svg.find("<svg");
      out["svg"] = at == std::string::npos ? svg : svg.substr(at);
      out["svg_available"] = true;
    } catch (const Error& e) {
      out["svg_message"] = std::string("Graphviz could not draw the network: ") + e.what();
    }
  }
  return out;
}

OJson timeline_section(const Partnership& p, Date on, const Options& options) {
  meetings::Plan plan;
  try {
    plan = meetings::plan(p, meetings::PlanOptions{});
  } catch (const ValidationError&) {
    throw;
  } catch (const Error& e) {
    return unavailable(std::string("No meeting plan: ") + e.what());
  }
  OJson out{{"available", true},
            {"timezone", plan.timezone},
            {"process", plan.process},
            {"from_document", std::any_of(plan.meetings.begin(), plan.meetings.end(),
                                          [](const auto& m) { return m.from_document; })},
            {"count", plan.meetings.size()}};
  out["meetings"] = OJson::array();
  std::size_t planned = 0;
  for (const auto& m : plan.meetings) {
    OJson j = meetings::to_json(m);
    j["date"] = format_date(Date{ch::floor<ch::days>(m.start)});
    j["clock"] = meetings::clock_label(ch::duration_cast<Minutes>(m.start - ch::floor<ch::days>(m.start))) + "-" +
                 meetings::clock_label(ch::duration_cast<Minutes>(m.start + m.duration - ch::floor<ch::days>(m.start)));
    OJson names = OJson::array();
    for (const auto& id : m.participants) {
      const Person* x = plan.find_person(id);
      names.push_back(x ? x->name : id);
    }
    j["participant_names"] = std::move(names);
    bool upcoming = m.status == MeetingStatus::planned && Date{ch::floor<ch::days>(m.start)} >= on;
    j["upcoming"] = upcoming;
    if (upcoming) ++planned;
    j["agenda_title"] = nullptr;
    j["agenda_items"] = nullptr;
    j["adjourn"] = nullptr;
    if (m.agenda)
      if (const Agenda* a = plan.find_agenda(*m.agenda)) {
        meetings::TimedAgenda ta = meetings::timed(*a);
        Minutes clock = ch::duration_cast<Minutes>(m.start - ch::floor<ch::days>(m.start));
        OJson items = OJson::array();
        for (const auto& it : ta.items)
          items.push_back({{"start", meetings::clock_label(clock + it.offset)},
                           {"end", meetings::clock_label(clock + it.end())},
                           {"title", it.title},
                           {"kind", it.kind},
                           {"description", opt(it.description)}});
        j["agenda_title"] = ta.title;
        j["agenda_items"] = std::move(items);
        j["adjourn"] = meetings::clock_label(clock + ta.length);
      }
    out["meetings"].push_back(std::move(j));
  }
  out["planned"] = planned;
  out["has_agendas"] = std::any_of(out["meetings"].begin(), out["meetings"].end(),
                                   [](const OJson& m) { return !m["agenda_title"].is_null(); });
  out["issues"] = OJson::array();
  for (const auto& i : plan.issues) out["issues"].push_back(meetings::to_json(i));
  // The same findings grouped by kind, in order of first appearance: one line each on paper.
  out["issue_groups"] = OJson::array();
  std::map<std::string, std::size_t> group_of;
  for (const auto& i : plan.issues) {
    auto [it, added] = group_of.try_emplace(i.code, out["issue_groups"].size());
    if (added) {
      std::string label = i.code;
      std::replace(label.begin(), label.end(), '_', ' ');
      out["issue_groups"].push_back({{"code", i.code}, {"label", label}, {"meetings", OJson::array()}, {"messages", OJson::array()}});
    }
    OJson& group = out["issue_groups"][it->second];
    group["messages"].push_back(i.message);
    for (const auto& id : i.meetings)
      if (const meetings::PlannedMeeting* m = plan.find_meeting(id))
        group["meetings"].push_back(format_date(Date{ch::floor<ch::days>(m->start)}));
  }
  for (auto& group : out["issue_groups"]) {
    group["count"] = group["messages"].size();
    std::string when;
    for (const auto& d : group["meetings"]) when += (when.empty() ? "" : ", ") + d.get<std::string>();
    group["meetings_text"] = when.empty() ? OJson(nullptr) : OJson(when);
  }
  meetings::IcalOptions io;
  io.dtstamp = options.dtstamp ? *options.dtstamp : ch::sys_seconds(ch::sys_days(on));
  out["ics"] = plan.meetings.empty() ? OJson(nullptr) : OJson(meetings::to_ical(plan, io));
  return out;
}

OJson worksheets_section(const Partnership& p, const Names& name) {
  if (p.worksheets.empty())
    return unavailable("No worksheets yet: the collective summary comes from each organization's five-quadrant worksheet.");
  themes::Summary s = themes::summarize(p);
  if (s.entries.empty()) return unavailable("The worksheets have no entries yet.");
  auto org_names = [&](const std::vector<std::string>& ids) {
    OJson out = OJson::array();
    for (const auto& id : ids) out.push_back(name(id));
    return out;
  };
  auto texts = [&](const std::vector<std::size_t>& idx) {
    OJson out = OJson::array();
    for (std::size_t i : idx) {
      const auto& e = s.entries[i];
      out.push_back({{"text", e.text}, {"organization", e.organization ? OJson(name(*e.organization)) : OJson(nullptr)}});
    }
    return out;
  };
  auto theme_json = [&](const themes::SummaryTheme& t) {
    OJson quadrants = OJson::array();
    for (const auto& [q, n] : t.by_quadrant) quadrants.push_back({{"quadrant", themes::to_string(q)}, {"heading", themes::heading(q)}, {"entries", n}});
    return OJson{{"label", t.label},
                 {"keywords", t.keywords},
                 {"count", t.entries.size()},
                 {"organization_count", t.organizations.size()},
                 {"organizations", org_names(t.organizations)},
                 {"common", t.common()},
                 {"representative", s.entries[t.representative].text},
                 {"quadrants", std::move(quadrants)},
                 {"entries", texts(t.entries)}};
  };
  std::size_t common = 0;
  OJson shared = OJson::array();
  for (const auto& t : s.themes)
    if (t.common()) {
      ++common;
      shared.push_back(theme_json(t));
    }
  OJson quadrants = OJson::array();
  for (const auto& q : s.quadrants) {
    OJson ts = OJson::array();
    for (const auto& t : q.themes) ts.push_back(theme_json(t));
    OJson unique = OJson::array();
    for (const auto& [org, idx] : q.unique) unique.push_back({{"organization", name(org)}, {"entries", texts(idx)}});
    quadrants.push_back({{"quadrant", themes::to_string(q.quadrant)},
                         {"heading", themes::heading(q.quadrant)},
                         {"count", q.entries.size()},
                         {"themes", std::move(ts)},
                         {"unassigned", texts(q.unassigned)},
                         {"has_unassigned", !q.unassigned.empty()},
                         {"unique", std::move(unique)}});
  }
  return OJson{{"available", true},
               {"entries", s.entries.size()},
               {"organizations", s.organizations},
               {"themes", s.themes.size()},
               {"common_themes", common},
               {"shared", std::move(shared)},
               {"quadrants", std::move(quadrants)}};
}

OJson ideas_section(const Partnership& p) {
  if (p.ideas.empty())
    return unavailable("No ideas yet: brainstormed ideas and the team's votes (exciting, better, doable) are ranked here into areas of focus.");
  themes::IdeaRanking r = themes::rank_ideas(p);
  std::map<std::string, const themes::RankedIdea*, std::less<>> by_id;
  for (const auto& i : r.ideas) by_id.emplace(i.id, &i);
  auto idea = [&](const std::string& id) {
    auto it = by_id.find(id);
    const themes::RankedIdea* i = it == by_id.end() ? nullptr : it->second;
    return OJson{{"id", id}, {"text", i ? i->text : id}, {"rank", i ? i->rank : 0}, {"doable", i ? i->doable : 0}};
  };
  std::map<std::string, std::size_t, std::less<>> area_of;  // idea id -> area number (1-based)
  for (std::size_t k = 0; k < r.areas.size(); ++k)
    for (const auto& id : r.areas[k].ideas) area_of.emplace(id, k + 1);
  OJson ranked = OJson::array();
  for (const auto& i : r.ideas)
    ranked.push_back({{"rank", i.rank},
                      {"area", area_of.contains(i.id) ? OJson(area_of[i.id]) : OJson(nullptr)},
                      {"id", i.id},
                      {"text", i.text},
                      {"exciting", i.exciting},
                      {"better", i.better},
                      {"doable", i.doable},
                      {"dots", i.dots},
                      {"total", i.total},
                      {"score", i.score},
                      {"decided_by", i.decided_by}});
  OJson areas = OJson::array();
  for (std::size_t k = 0; k < r.areas.size(); ++k) {
    const auto& a = r.areas[k];
    OJson members = OJson::array(), steps = OJson::array();
    for (const auto& id : a.ideas) members.push_back(idea(id));
    for (const auto& id : a.first_steps) steps.push_back(idea(id));
    areas.push_back({{"number", k + 1},
                     {"label", a.label},
                     {"keywords", a.keywords},
                     {"score", a.score},
                     {"members", std::move(members)},
                     {"first_steps", std::move(steps)}});
  }
  OJson unassigned = OJson::array();
  for (const auto& id : r.unassigned) unassigned.push_back(idea(id));
  return OJson{{"available", true},
               {"method", themes::to_string(r.method)},
               {"description", themes::describe(r)},
               {"criteria", r.criteria},
               {"ranked", std::move(ranked)},
               {"areas", std::move(areas)},
               {"unassigned", std::move(unassigned)}};
}

}  // namespace

const char* to_string(Format f) {
  switch (f) {
    case Format::html: return "html";
    case Format::markdown: return "md";
    case Format::json: return "json";
  }
  return "html";
}

std::optional<Format> parse_format(std::string_view name) {
  if (name == "html") return Format::html;
  if (name == "md" || name == "markdown") return Format::markdown;
  if (name == "json") return Format::json;
  return std::nullopt;
}

nlohmann::ordered_json data(const Partnership& p, const Options& options) {
  Date on = options.on ? *options.on : today(p.timezone.value_or(""));
  Names name(p);
  OJson out{{"name", p.name},
            {"description", opt(p.description)},
            {"on", format_date(on)},
            {"start", opt_date(p.start)},
            {"timezone", opt(p.timezone)},
            {"generator", std::string("partnerkit ") + version}};
  st::GapOptions go;
  go.on = on;
  go.max_introductions = 5;  // the best few: a handout, not the analysis
  st::Gaps gaps = st::find_gaps(p, go);
  OJson stage = stage_section(p, on, name);
  OJson roster = roster_section(p, gaps, name);
  OJson network = network_section(p, on);
  OJson timeline = timeline_section(p, on, options);
  OJson worksheets = worksheets_section(p, name);
  OJson ideas = ideas_section(p);

  OJson glance{{"organizations", p.organizations.size()},
               {"people", p.people.size()},
               {"ties", network["ties"]},
               {"process", stage.value("template", OJson(nullptr))},
               {"process_name", stage.value("template_name", OJson(nullptr))},
               {"current_stage", stage.value("current_stage_name", OJson(nullptr))},
               {"continuum", stage.contains("continuum") ? stage["continuum"]["level"] : OJson(nullptr)},
               {"next_step", stage.contains("next_steps") && !stage["next_steps"].empty()
                                 ? stage["next_steps"][0]["action"] : OJson(nullptr)},
               {"meetings", timeline.value("count", 0)},
               {"meetings_planned", timeline.value("planned", 0)},
               {"next_meeting", nullptr},
               {"gaps", roster["gap_count"]},
               {"worksheets", p.worksheets.size()},
               {"themes", worksheets.value("themes", 0)},
               {"common_themes", worksheets.value("common_themes", 0)},
               {"ideas", p.ideas.size()},
               {"top_area", nullptr}};
  if (timeline.contains("meetings"))
    for (const auto& m : timeline["meetings"])
      if (m["upcoming"].get<bool>()) {
        glance["next_meeting"] = {{"title", m["title"]}, {"date", m["date"]}, {"clock", m["clock"]}, {"timezone", m["timezone"]}};
        break;
      }
  if (ideas.contains("areas") && !ideas["areas"].empty()) glance["top_area"] = ideas["areas"][0]["label"];
  out["at_a_glance"] = std::move(glance);
  out["stage"] = std::move(stage);
  out["roster"] = std::move(roster);
  out["network"] = std::move(network);
  out["timeline"] = std::move(timeline);
  out["worksheets"] = std::move(worksheets);
  out["ideas"] = std::move(ideas);
  return out;
}

}  // namespace partnerkit::report
