// Loading and checking process templates; the built-in ones.
#include "partnerkit/process/template.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "io/detail.hpp"
#include "io/embedded.hpp"
#include "partnerkit/io/document.hpp"
#include "partnerkit/process/criteria.hpp"
#include "process/detail.hpp"

namespace partnerkit::process {
namespace {

std::string text_at(const Json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<Criterion> criteria_at(const Json& o, const char* key) {
  std::vector<Criterion> out;
  if (auto it = o.find(key); it != o.end())
    for (const auto& c : *it) {
      Criterion criterion{c.at("predicate").get<std::string>(), Json::object()};
      for (auto p = c.begin(); p != c.end(); ++p)
        if (p.key() != "predicate") criterion.params[p.key()] = p.value();
      out.push_back(std::move(criterion));
    }
  return out;
}

// The checks the template schema cannot express.
void check_template(const Json& doc, const std::string& source, std::vector<Issue>& issues) {
  auto add = [&](std::string pointer, std::string message) { issues.push_back({source, std::move(pointer), std::move(message)}); };
  if (!doc.is_object()) return;
  std::unordered_map<std::string, std::string> question_sets, ids;  // id -> pointer of first use
  std::map<std::string, std::vector<std::string>> members;         // stage id -> its activity ids
  auto each = [](const Json& o, const char* key, auto&& f) {
    auto it = o.find(key);
    if (it == o.end() || !it->is_array()) return;
    for (std::size_t i = 0; i < it->size(); ++i)
      if ((*it)[i].is_object()) f((*it)[i], i);
  };
  auto claim = [&](std::unordered_map<std::string, std::string>& index, const Json& o, const std::string& at, const char* what) {
    std::string id = text_at(o, "id");
    if (id.empty()) return;
    auto [it, fresh] = index.emplace(id, at + "/id");
    if (!fresh)
      add(at + "/id", std::string("expected a unique ") + what + " id, got " + partnerkit::detail::describe_value(Json(id)) +
                          " again (first at " + it->second + ")");
  };
  each(doc, "question_sets", [&](const Json& q, std::size_t i) { claim(question_sets, q, pointer_append("/question_sets", i), "question set"); });
  each(doc, "stages", [&](const Json& stage, std::size_t s) {
    std::string at = pointer_append("/stages", s);
    claim(ids, stage, at, "stage or activity");
    each(stage, "activities", [&](const Json& activity, std::size_t a) {
      claim(ids, activity, pointer_append(at + "/activities", a), "stage or activity");
      members[text_at(stage, "id")].push_back(text_at(activity, "id"));
    });
  });

  // References, then prerequisites without a cycle (a stage requirement means all its activities).
  std::map<std::string, std::vector<std::string>> requires_of;
  std::map<std::string, std::string> where;
  each(doc, "stages", [&](const Json& stage, std::size_t s) {
    each(stage, "activities", [&](const Json& activity, std::size_t a) {
      std::string at = pointer_append(pointer_append("/stages", s) + "/activities", a);
      std::string id = text_at(activity, "id");
      where.emplace(id, at);
      if (auto q = text_at(activity, "question_set"); !q.empty() && !question_sets.count(q))
        add(at + "/question_set", "expected a known question set id, got " + partnerkit::detail::describe_value(Json(q)));
      if (auto it = activity.find("requires"); it != activity.end() && it->is_array())
        for (std::size_t r = 0; r < it->size(); ++r) {
          if (!(*it)[r].is_string()) continue;
          std::string req = (*it)[r];
          if (!ids.count(req)) {
            add(pointer_append(at + "/requires", r), "expected a known activity or stage id, got " + partnerkit::detail::describe_value(Json(req)));
          } else if (members.count(req)) {
            for (const auto& m : members[req]) requires_of[id].push_back(m);
          } else {
            requires_of[id].push_back(req);
          }
        }
      for (const char* list : {"done_when", "ready_when"})
        if (auto it = activity.find(list); it != activity.end() && it->is_array())
          for (std::size_t c = 0; c < it->size(); ++c) {
            const auto& criterion = (*it)[c];
            std::string here = pointer_append(at + "/" + list, c);
            for (const char* key : detail::required_parameters(text_at(criterion, "predicate")))
              if (!criterion.contains(key))
                add(here, "missing required key \"" + std::string(key) + "\" (expected a parameter of " +
                              text_at(criterion, "predicate") + ")");
            if (text_at(criterion, "predicate") == "event_recorded" && criterion.contains("activity") &&
                criterion["activity"].is_string() && !ids.count(criterion["activity"].get<std::string>()))
              add(pointer_append(at + "/" + list, c) + "/activity",
                  "expected a known activity id, got " + partnerkit::detail::describe_value(criterion["activity"]));
          }
    });
  });
  if (auto v = text_at(doc, "vision_activity"); !v.empty() && (!ids.count(v) || members.count(v)))
    add("/vision_activity", "expected a known activity id, got " + partnerkit::detail::describe_value(Json(v)));
  // Depth-first search for a cycle; each cycle is reported once, at the activity that closes it.
  std::map<std::string, int> mark;  // 0 new, 1 on the path, 2 finished
  std::vector<std::string> path;
  // Iterative, so a long chain of prerequisites cannot exhaust the stack.
  auto visit = [&](const std::string& root) {
    std::vector<std::pair<std::string, std::size_t>> stack{{root, 0}};
    mark[root] = 1;
    path.push_back(root);
    while (!stack.empty()) {
      auto& [id, next_index] = stack.back();
      const auto& reqs = requires_of[id];
      if (next_index == reqs.size()) {
        mark[id] = 2;
        path.pop_back();
        stack.pop_back();
        continue;
      }
      std::string next = reqs[next_index++];
      if (mark[next] == 1) {
        std::string cycle;
        for (auto it = std::find(path.begin(), path.end(), next); it != path.end(); ++it) cycle += *it + " -> ";
        add(where[id] + "/requires", "expected prerequisites without a cycle, got " + cycle + next);
      } else if (mark[next] == 0) {
        mark[next] = 1;
        path.push_back(next);
        stack.emplace_back(next, 0);
      }
    }
  };
  for (const auto& [id, at] : where)
    if (mark[id] == 0) visit(id);
}

Template template_from(const Json& o) {
  Template t;
  t.id = text_at(o, "id");
  t.name = text_at(o, "name");
  t.description = text_at(o, "description");
  t.source = text_at(o, "source");
  if (auto v = text_at(o, "vision_activity"); !v.empty()) t.vision_activity = v;
  if (auto it = o.find("question_sets"); it != o.end())
    for (const auto& q : *it) t.question_sets.push_back({text_at(q, "id"), text_at(q, "title"), q.value("questions", std::vector<std::string>{})});
  for (const auto& s : o.at("stages")) {
    Stage stage{text_at(s, "id"), text_at(s, "name"), text_at(s, "description"), {}};
    for (const auto& a : s.at("activities")) {
      Activity activity;
      activity.id = text_at(a, "id");
      activity.name = text_at(a, "name");
      activity.description = text_at(a, "description");
      if (auto q = text_at(a, "question_set"); !q.empty()) activity.question_set = q;
      activity.requires_ = a.value("requires", std::vector<std::string>{});
      if (auto k = text_at(a, "meeting_kind"); !k.empty()) activity.meeting_kind = k;
      if (auto it = a.find("due"); it != a.end()) activity.due = Due{text_at(*it, "anchor"), it->value("days", 0)};
      activity.done_when = criteria_at(a, "done_when");
      activity.ready_when = criteria_at(a, "ready_when");
      stage.activities.push_back(std::move(activity));
    }
    t.stages.push_back(std::move(stage));
  }
  return t;
}

}  // namespace

const Activity* Template::find_activity(std::string_view id) const {
  for (const auto& stage : stages)
    if (const Activity* a = partnerkit::detail::find_by_id(stage.activities, id)) return a;
  return nullptr;
}
const Stage* Template::find_stage(std::string_view id) const { return partnerkit::detail::find_by_id(stages, id); }
const QuestionSet* Template::find_question_set(std::string_view id) const {
  return partnerkit::detail::find_by_id(question_sets, id);
}

Template loads_template(std::string_view text, std::string_view source) {
  std::string name(source);
  Json doc = partnerkit::detail::parse_json_text(text, name, LoadOptions{}.max_depth, "a process template");
  std::vector<Issue> issues;
  partnerkit::detail::check_schema(doc, name, issues, partnerkit::detail::SchemaKind::process_template);
  std::vector<Issue> semantic;
  check_template(doc, name, semantic);
  partnerkit::detail::merge_issues(issues, std::move(semantic));
  partnerkit::detail::throw_issues(std::move(issues));
  return template_from(doc);
}

Template load_template(const std::filesystem::path& path) {
  return loads_template(partnerkit::detail::read_file(path), path.string());
}

const Template& builtin_template(std::string_view id) {
  static const std::map<std::string, Template, std::less<>> templates = [] {
    std::map<std::string, Template, std::less<>> out;
    for (const auto& file : partnerkit::detail::builtin_template_texts())
      out.emplace(std::string(file.name), loads_template(file.text, "data/templates/" + std::string(file.name) + ".json"));
    return out;
  }();
  auto it = templates.find(id);
  if (it == templates.end()) throw Error("unknown process template \"" + std::string(id) + "\"");
  return it->second;
}

const Template& template_for(const Partnership& p) { return builtin_template(p.process.value_or("building-partnership")); }

}  // namespace partnerkit::process
