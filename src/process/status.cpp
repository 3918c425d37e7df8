// Status of a partnership in its process on a day.
#include "partnerkit/process/status.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "process/detail.hpp"

namespace partnerkit::process {

const char* to_string(ActivityState s) {
  switch (s) {
    case ActivityState::done: return "done";
    case ActivityState::due: return "due";
    case ActivityState::overdue: return "overdue";
    case ActivityState::blocked: return "blocked";
  }
  return "due";
}

namespace {

using detail::day_of;

// The meeting a due anchor "meeting:KIND" or "meeting:KIND#N" names, if the document has it.
const Meeting* anchor_meeting(const Activity& a, const Partnership& p) {
  if (!a.due || a.due->anchor.rfind("meeting:", 0) != 0) return nullptr;
  std::string kind = a.due->anchor.substr(8);
  std::size_t nth = 1;
  if (auto hash = kind.find('#'); hash != std::string::npos) {
    auto digits = std::string_view(kind).substr(hash + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), nth);
    if (ec != std::errc{} || end != digits.data() + digits.size()) return nullptr;
    kind.resize(hash);
  }
  auto meetings = detail::meetings_of_kind(p, kind);
  return nth >= 1 && meetings.size() >= nth ? meetings[nth - 1] : nullptr;
}

std::optional<Date> due_date(const Activity& a, const Partnership& p) {
  if (!a.due) return std::nullopt;
  std::optional<Date> anchor;
  if (a.due->anchor == "start") anchor = p.start;
  else if (const Meeting* m = anchor_meeting(a, p)) anchor = day_of(*m->start);
  if (!anchor) return std::nullopt;
  return Date{std::chrono::sys_days{*anchor} + std::chrono::days{a.due->days}};
}

// The meeting an activity belongs to: the one its due rule names, else the first of its kind
// not yet held, else the last held.
std::optional<std::string> meeting_for(const Activity& a, const Partnership& p, Date on) {
  if (const Meeting* m = anchor_meeting(a, p); m && (!a.meeting_kind || m->kind == *a.meeting_kind)) return m->id;
  if (!a.meeting_kind) return std::nullopt;
  auto meetings = detail::meetings_of_kind(p, *a.meeting_kind);
  for (const Meeting* m : meetings)
    if (!detail::held_by(*m, on)) return m->id;
  if (!meetings.empty()) return meetings.back()->id;
  return std::nullopt;
}

std::optional<Date> first_event(const Partnership& p, const std::string& activity, Date on) {
  std::optional<Date> first;
  for (const auto& e : p.events)
    if (e.activity == activity && e.date <= on && (!first || e.date < *first)) first = e.date;
  return first;
}

}  // namespace

Status status(const Partnership& p, const Template& t, Date on) {
  Status s;
  s.on = on;
  s.template_id = t.id;

  // Done first (prerequisites may point anywhere), then the other states. Each criterion is
  // evaluated once: `missing` keeps what done_when still lacks, `unready` what ready_when lacks.
  std::map<std::string, bool> done;
  std::map<std::string, std::vector<std::string>> missing, unready;
  auto collect = [&](const std::vector<Criterion>& criteria, const Activity& a, std::vector<std::string>& reasons) {
    for (const auto& c : criteria) {
      auto result = evaluate(c, p, a, on);
      reasons.insert(reasons.end(), result.reasons.begin(), result.reasons.end());
    }
  };
  for (const auto& stage : t.stages)
    for (const auto& a : stage.activities) {
      if (a.done_when.empty()) {
        done[a.id] = first_event(p, a.id, on).has_value();
      } else {
        collect(a.done_when, a, missing[a.id]);
        done[a.id] = missing[a.id].empty();
      }
      if (!done[a.id]) collect(a.ready_when, a, unready[a.id]);
    }
  auto is_done = [&](const std::string& id) {
    if (const Stage* stage = t.find_stage(id))
      return std::all_of(stage->activities.begin(), stage->activities.end(), [&](const Activity& a) { return done[a.id]; });
    return done[id];
  };
  auto name_of = [&](const std::string& id) {
    if (const Stage* stage = t.find_stage(id)) return stage->name;
    const Activity* a = t.find_activity(id);
    return a ? a->name : id;
  };

  for (const auto& stage : t.stages) {
    StageStatus st{stage.id, stage.name, 0, static_cast<int>(stage.activities.size()), 0};
    for (const auto& a : stage.activities) {
      ActivityStatus as;
      as.stage = stage.id;
      as.id = a.id;
      as.name = a.name;
      as.due = due_date(a, p);
      as.done_on = first_event(p, a.id, on);
      as.question_set = a.question_set;
      as.meeting = meeting_for(a, p, on);
      if (done[a.id]) {
        as.state = ActivityState::done;
        ++st.done;
      } else {
        for (const auto& r : a.requires_)
          if (!is_done(r)) as.reasons.push_back("waits for " + name_of(r) + " (not done)");
        as.reasons.insert(as.reasons.end(), unready[a.id].begin(), unready[a.id].end());
        if (!as.reasons.empty()) {
          as.state = ActivityState::blocked;
        } else {
          as.state = as.due && *as.due < on ? ActivityState::overdue : ActivityState::due;
          as.reasons = missing[a.id];
        }
      }
      s.activities.push_back(std::move(as));
    }
    st.percent_complete = st.total ? 100.0 * st.done / st.total : 100.0;
    s.stages.push_back(st);
  }
  auto open = std::find_if(s.stages.begin(), s.stages.end(), [](const StageStatus& st) { return st.done < st.total; });
  s.current_stage = open != s.stages.end() ? open->id : (s.stages.empty() ? "" : s.stages.back().id);

  // Next steps: overdue first (by due day), then what unblocks the current stage, then what is
  // due, in the template's order.
  auto step_for = [&](const ActivityStatus& as, std::string action) {
    const Activity* a = t.find_activity(as.id);
    NextStep step{as.id, as.stage, std::move(action), as.question_set, as.meeting, as.due, as.state == ActivityState::overdue};
    if (step.action.empty()) step.action = a->name + (a->description.empty() ? "" : ": " + a->description);
    return step;
  };
  std::vector<const ActivityStatus*> overdue;
  for (const auto& as : s.activities)
    if (as.state == ActivityState::overdue) overdue.push_back(&as);
  std::stable_sort(overdue.begin(), overdue.end(), [](auto* a, auto* b) { return *a->due < *b->due; });
  for (auto* as : overdue) s.next_steps.push_back(step_for(*as, ""));
  for (const auto& as : s.activities)
    if (as.state == ActivityState::blocked && as.stage == s.current_stage) {
      // Only what readiness asks for: a prerequisite not done is a step of its own.
      const auto& ready = unready[as.id];
      if (ready.empty()) continue;
      std::string action = "Before " + as.name + ": ";
      for (std::size_t i = 0; i < ready.size(); ++i) action += (i ? "; " : "") + ready[i];
      s.next_steps.push_back(step_for(as, action));
    }
  bool reached = false;
  for (const auto& as : s.activities) {
    reached = reached || as.stage == s.current_stage;
    if (reached && as.state == ActivityState::due) s.next_steps.push_back(step_for(as, ""));
  }
  if (s.next_steps.size() > 5) s.next_steps.resize(5);

  // Events are accepted in any order; report what looks out of order or unknown.
  for (std::size_t i = 0; i < p.events.size(); ++i) {
    const Event& e = p.events[i];
    if (e.date > on) continue;
    const Activity* a = t.find_activity(e.activity);
    if (!a) {
      if (!t.find_stage(e.activity))
        s.notes.push_back("/events/" + std::to_string(i) + " records \"" + e.activity + "\", which is not an activity of " + t.id);
      continue;
    }
    for (const auto& r : a->requires_) {
      std::vector<std::string> ids;
      if (const Stage* stage = t.find_stage(r))
        for (const auto& x : stage->activities) ids.push_back(x.id);
      else
        ids.push_back(r);
      for (const auto& id : ids) {
        auto before = first_event(p, id, on);
        if (before && *before > e.date)
          s.notes.push_back(e.activity + " was recorded on " + format_date(e.date) + ", before its prerequisite " + id +
                            " (" + format_date(*before) + ")");
      }
    }
  }
  return s;
}

Status status(const Partnership& p, Date on) { return status(p, template_for(p), on); }

nlohmann::ordered_json to_json(const Status& s) {
  using OJson = nlohmann::ordered_json;
  auto opt_date = [](const std::optional<Date>& d) { return d ? OJson(format_date(*d)) : OJson(nullptr); };
  auto opt_text = [](const std::optional<std::string>& t) { return t ? OJson(*t) : OJson(nullptr); };
  OJson out{{"on", format_date(s.on)}, {"template", s.template_id}, {"current_stage", s.current_stage}};
  out["stages"] = OJson::array();
  for (const auto& st : s.stages)
    out["stages"].push_back({{"id", st.id}, {"name", st.name}, {"done", st.done}, {"total", st.total},
                             {"percent_complete", st.percent_complete}});
  out["activities"] = OJson::array();
  for (const auto& a : s.activities)
    out["activities"].push_back({{"stage", a.stage}, {"id", a.id}, {"name", a.name}, {"state", to_string(a.state)},
                                 {"due", opt_date(a.due)}, {"done_on", opt_date(a.done_on)}, {"reasons", a.reasons},
                                 {"question_set", opt_text(a.question_set)}, {"meeting", opt_text(a.meeting)}});
  out["next_steps"] = OJson::array();
  for (const auto& n : s.next_steps)
    out["next_steps"].push_back({{"activity", n.activity}, {"stage", n.stage}, {"action", n.action},
                                 {"question_set", opt_text(n.question_set)}, {"meeting", opt_text(n.meeting)},
                                 {"due", opt_date(n.due)}, {"overdue", n.overdue}});
  out["notes"] = s.notes;
  return out;
}

}  // namespace partnerkit::process
