// Meeting plans: generated from a process template or taken from a document, then checked.
#include "partnerkit/meetings/plan.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "core/zone.hpp"
#include "meetings/detail.hpp"
#include "partnerkit/core/error.hpp"

namespace partnerkit::meetings {

const char* to_string(Cadence c) { return c == Cadence::quarterly ? "quarterly" : "monthly"; }
const char* to_string(Phase p) { return p == Phase::sustaining ? "sustaining" : "formation"; }

namespace {

namespace ch = std::chrono;

template <class T>
const T* by_id(const std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

const date::time_zone* zone(std::string_view name) {
  return partnerkit::detail::zone_named(name, "; expected an IANA name such as America/Denver");
}

unsigned iso_weekday(ch::sys_days d) { return ch::weekday(d).iso_encoding(); }

bool is_working_day(ch::sys_days d, const WorkingHours& w) {
  return std::find(w.days.begin(), w.days.end(), ch::weekday(d)) != w.days.end();
}

// The first working day on or after d (d itself if the week has no working day).
ch::sys_days working_day_from(ch::sys_days d, const WorkingHours& w) {
  for (int i = 0; i < 7; ++i)
    if (is_working_day(d + ch::days(i), w)) return d + ch::days(i);
  return d;
}

// The same weekday and week of the month (1st-4th) `months` later: how monthly meetings recur.
ch::sys_days same_weekday_of_month(ch::sys_days anchor, int months) {
  ch::year_month_day ymd(anchor);
  ch::weekday wd(anchor);
  unsigned nth = std::min(4u, (static_cast<unsigned>(ymd.day()) - 1) / 7 + 1);
  ch::year_month ym = ch::year_month(ymd.year(), ymd.month()) + ch::months(months);
  return ch::sys_days(ch::year_month_weekday(ym.year(), ym.month(), ch::weekday_indexed(wd, nth)));
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// Stable across runs: the meeting id and a hash of the partnership's name.
std::string make_uid(const std::string& plan_name, const std::string& meeting_id) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(plan_name)));
  std::string id;
  for (char c : meeting_id) id += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  return id + "." + hex + "@partnerkit";
}

const char* ordinal_word(int n) {
  static const char* words[] = {"First", "Second", "Third", "Fourth", "Fifth", "Sixth"};
  return n >= 1 && n <= 6 ? words[n - 1] : "Next";
}

std::string day_text(ch::sys_days d) { return format_date(ch::year_month_day(d)); }

// What the template says about the formation phase.
struct TemplateShape {
  bool planning_call = false;
  int planning_call_days = 14;
  int in_person = 0;
  bool calls_between = false;
};

TemplateShape shape_of(const process::Template& t) {
  TemplateShape s;
  for (const auto& stage : t.stages)
    for (const auto& a : stage.activities) {
      if (!a.meeting_kind) continue;
      if (*a.meeting_kind == "planning-call") {
        s.planning_call = true;
        if (a.due && a.due->anchor == "start") s.planning_call_days = a.due->days;
      }
      if (a.due && a.due->anchor.rfind("meeting:in-person", 0) == 0) {
        auto hash = a.due->anchor.find('#');
        int n = hash == std::string::npos ? 1 : std::atoi(a.due->anchor.c_str() + hash + 1);
        s.in_person = std::max(s.in_person, n);
        if (*a.meeting_kind == "connecting-call") s.calls_between = true;
      }
    }
  return s;
}

ch::sys_days sys_day(Date d) { return ch::sys_days(d); }
LocalDateTime at_clock(ch::sys_days d, Minutes clock) {
  return LocalDateTime(d.time_since_epoch()) + clock;
}

// Local wall-clock time of a UTC instant in a zone.
LocalDateTime local_in(ch::sys_seconds t, const date::time_zone* z) {
  auto info = z->get_info(t);
  return LocalDateTime((t + info.offset).time_since_epoch());
}

std::string local_text(LocalDateTime t) {
  auto day = ch::floor<ch::days>(t);
  Minutes clock = ch::duration_cast<Minutes>(t - day);
  return format_date(ch::year_month_day(ch::sys_days(day.time_since_epoch()))) + " " + clock_label(clock);
}

std::string when_text(const PlannedMeeting& m) {
  auto day = ch::floor<ch::days>(m.start);
  Minutes clock = ch::duration_cast<Minutes>(m.start - day);
  return format_date(ch::year_month_day(ch::sys_days(day.time_since_epoch()))) + " " + clock_label(clock) + "-" +
         clock_label(clock + m.duration) + " " + m.timezone;
}

}  // namespace

const PlannedMeeting* Plan::find_meeting(std::string_view id) const { return by_id(meetings, id); }
const Agenda* Plan::find_agenda(std::string_view id) const { return by_id(agendas, id); }
const Person* Plan::find_person(std::string_view id) const { return by_id(people, id); }

namespace detail {

ch::sys_seconds to_utc(LocalDateTime t, std::string_view timezone) {
  return zone(timezone)->to_sys(date::local_seconds(t.time_since_epoch()), date::choose::earliest);
}

const Agenda* agenda_of(const Plan& plan, const PlannedMeeting& m) {
  return m.agenda ? plan.find_agenda(*m.agenda) : nullptr;
}

}  // namespace detail

ch::sys_seconds start_utc(const PlannedMeeting& m) { return detail::to_utc(m.start, m.timezone); }
ch::sys_seconds end_utc(const PlannedMeeting& m) { return start_utc(m) + m.duration; }

Plan generate_plan(Date start, const process::Template& t, std::string_view timezone, const PlanOptions& o) {
  zone(timezone);  // unknown zones fail here, before anything is built
  if (!start.ok()) throw Error("generate_plan: the first day does not exist");
  if (o.calls_between < 0 || o.call_interval <= ch::days(0) || o.preparation < ch::days(0) || o.sustaining_months < 0)
    throw Error("generate_plan: calls_between, preparation and sustaining_months must not be negative and "
                "call_interval must be positive");
  Plan plan;
  plan.timezone = std::string(timezone);
  plan.process = t.id;
  plan.options = o;
  const auto& w = o.working_hours;
  const TemplateShape shape = shape_of(t);
  auto add = [&](std::string id, std::string kind, std::string title, Phase phase, ch::sys_days day, Minutes clock,
                 Minutes length, std::optional<std::string> agenda, bool if_needed) {
    PlannedMeeting m;
    m.id = std::move(id);
    m.kind = std::move(kind);
    m.title = std::move(title);
    m.phase = phase;
    m.start = at_clock(day, clock);
    m.duration = length;
    m.timezone = plan.timezone;
    m.agenda = std::move(agenda);
    m.if_needed = if_needed;
    plan.meetings.push_back(std::move(m));
  };

  ch::sys_days day = sys_day(start);
  if (shape.planning_call) {
    day = working_day_from(day + ch::days(shape.planning_call_days), w);
    add("planning-call", "planning-call", "Planning call", Phase::formation, day, o.call_time, Minutes(60),
        "planning-call", false);
  }
  // Every later formation meeting keeps the weekday of the first in-person session: spacing in
  // whole weeks keeps it on a working day.
  ch::sys_days in_person_day = working_day_from(day + o.preparation, w);
  int sessions = std::max(shape.in_person, 1) + (o.third_in_person ? 1 : 0);
  int call_number = 0;
  ch::sys_days first_in_person = in_person_day;
  for (int n = 1; n <= sessions; ++n) {
    bool if_needed = n > std::max(shape.in_person, 1);
    if (n > 1) {
      int calls = shape.calls_between || o.third_in_person ? o.calls_between : 0;
      for (int c = 1; c <= calls; ++c) {
        ++call_number;
        add("connecting-call-" + std::to_string(call_number), "connecting-call",
            "Connecting call " + std::to_string(call_number), Phase::formation,
            working_day_from(in_person_day + o.call_interval * c, w), o.call_time, Minutes(60), "connecting-call",
            if_needed);
      }
      in_person_day = working_day_from(in_person_day + o.call_interval * (calls + 1), w);
    }
    std::optional<std::string> agenda;
    if (n == 1) agenda = "first-in-person";
    else agenda = "second-in-person";  // the toolkit has no sample for a third session; it continues the second
    add("in-person-" + std::to_string(n), "in-person", std::string(ordinal_word(n)) + " in-person meeting",
        Phase::formation, in_person_day, o.in_person_time, Minutes(6 * 60), agenda, if_needed);
  }

  const int step = o.cadence == Cadence::quarterly ? 3 : 1;
  const ch::sys_days retreat_day = working_day_from(same_weekday_of_month(first_in_person, 12), w);
  for (int k = 1; k * step <= o.sustaining_months; ++k) {
    ch::sys_days d = working_day_from(same_weekday_of_month(in_person_day, k * step), w);
    if (o.annual_retreat && d == retreat_day) continue;  // the retreat replaces that month's call
    add("sustaining-call-" + std::to_string(k), "connecting-call",
        std::string(o.cadence == Cadence::quarterly ? "Quarterly" : "Monthly") + " partnership call " + std::to_string(k),
        Phase::sustaining, d, o.call_time, Minutes(60), "connecting-call", false);
  }
  if (o.annual_retreat) {
    add("retreat-1", "retreat", "Annual partnership retreat", Phase::sustaining, retreat_day, o.in_person_time,
        Minutes(6 * 60), std::nullopt, false);
  }
  std::stable_sort(plan.meetings.begin(), plan.meetings.end(),
                   [](const PlannedMeeting& a, const PlannedMeeting& b) { return a.start < b.start; });
  for (auto& m : plan.meetings) m.uid = make_uid(plan.name, m.id);
  for (const auto& a : plan.meetings)
    if (a.agenda && !plan.find_agenda(*a.agenda)) plan.agendas.push_back(builtin_agenda(*a.agenda));
  return plan;
}

Plan plan(const Partnership& p, const PlanOptions& o) {
  const std::string tz = o.timezone ? *o.timezone : p.timezone.value_or("UTC");
  Plan out;
  std::vector<PlanIssue> unplaced;
  bool any_meeting = !p.meetings.empty();
  if (any_meeting && !o.start) {
    out.name = p.name;
    out.timezone = tz;
    for (const auto& m : p.meetings) {
      if (!m.start) {
        unplaced.push_back({"no_start", {m.id}, "meeting " + m.id + " has no start; it is left out of the plan"});
        continue;
      }
      PlannedMeeting x;
      x.id = m.id;
      x.kind = m.kind;
      x.title = m.title.value_or(m.id);
      x.start = *m.start;
      x.timezone = m.timezone.value_or(tz);
      x.location = m.location;
      x.agenda = m.agenda;
      x.participants = m.participants;
      x.status = m.status;
      x.from_document = true;
      const Agenda* agenda = m.agenda ? find_agenda(p, *m.agenda) : nullptr;
      x.duration = m.duration ? *m.duration : agenda ? timed(*agenda).length : Minutes(60);
      zone(x.timezone);
      out.meetings.push_back(std::move(x));
    }
    std::stable_sort(out.meetings.begin(), out.meetings.end(),
                     [](const PlannedMeeting& a, const PlannedMeeting& b) { return start_utc(a) < start_utc(b); });
    // Formation runs up to the last in-person session; what follows sustains the partnership.
    auto last_in_person = std::find_if(out.meetings.rbegin(), out.meetings.rend(),
                                       [](const PlannedMeeting& m) { return m.kind == "in-person"; });
    if (last_in_person != out.meetings.rend())
      for (auto it = out.meetings.rbegin(); it != last_in_person; ++it) it->phase = Phase::sustaining;
  } else {
    Date start = o.start ? *o.start : p.start ? *p.start : today(tz);
    const process::Template& t =
        o.process ? process::builtin_template(*o.process) : process::template_for(p);
    out = generate_plan(start, t, tz, o);
    out.name = p.name;
    std::vector<std::string> everyone;
    for (const auto& person : p.people) everyone.push_back(person.id);
    for (auto& m : out.meetings) m.participants = everyone;
  }
  for (auto& m : out.meetings) m.uid = make_uid(out.name, m.id);
  for (const auto& m : out.meetings) {
    if (!m.agenda || out.find_agenda(*m.agenda)) continue;
    if (const Agenda* a = find_agenda(p, *m.agenda)) out.agendas.push_back(*a);
  }
  std::set<std::string> involved;
  for (const auto& m : out.meetings) involved.insert(m.participants.begin(), m.participants.end());
  std::set<std::string> orgs;
  for (const auto& person : p.people)
    if (involved.count(person.id)) {
      out.people.push_back(person);
      orgs.insert(person.organization);
    }
  for (const auto& org : p.organizations)
    if (orgs.count(org.id) || org.core) out.organizations.push_back(org);
  out.options = o;
  out.issues = std::move(unplaced);
  auto found = check_plan(out, o);
  out.issues.insert(out.issues.end(), found.begin(), found.end());
  return out;
}

std::vector<PlanIssue> check_plan(const Plan& plan, const PlanOptions& o) {
  std::vector<PlanIssue> out;
  struct Active {
    const PlannedMeeting* m;
    ch::sys_seconds start, end;
  };
  std::vector<Active> active;
  for (const auto& m : plan.meetings)
    if (m.status != MeetingStatus::cancelled) active.push_back({&m, start_utc(m), end_utc(m)});
  std::stable_sort(active.begin(), active.end(), [](const Active& a, const Active& b) { return a.start < b.start; });

  // Overlaps: each meeting against the latest end so far.
  const Active* latest = nullptr;
  for (const auto& a : active) {
    if (latest && a.start < latest->end)
      out.push_back({"overlap", {latest->m->id, a.m->id},
                     a.m->id + " (" + when_text(*a.m) + ") starts " +
                         detail::minutes_text(ch::duration_cast<Minutes>(latest->end - a.start)) + " before " + latest->m->id +
                         " (" + when_text(*latest->m) + ") ends; people cannot attend both"});
    if (!latest || a.end > latest->end) latest = &a;
  }

  // Gaps against the cadence of the phase.
  bool seen_in_person = false;
  const ch::days sustaining_limit = o.cadence == Cadence::quarterly ? ch::days(98) : ch::days(35);
  for (std::size_t i = 0; i + 1 < active.size(); ++i) {
    const auto& a = active[i];
    const auto& b = active[i + 1];
    seen_in_person = seen_in_person || a.m->kind == "in-person";
    ch::days limit;
    std::string why;
    if (b.m->phase == Phase::sustaining) {
      limit = sustaining_limit;
      why = std::string("the sustaining cadence is ") + to_string(o.cadence) + " (at most " +
            std::to_string(limit.count()) + " days between meetings)";
    } else if (!seen_in_person) {
      limit = o.preparation;
      why = "the first in-person session should follow the planning call within " + std::to_string(limit.count()) +
            " days, while the planning is fresh";
    } else {
      limit = o.call_interval;
      why = "the toolkit keeps the group connected with a call every 3-4 weeks between in-person sessions (at most " +
            std::to_string(limit.count()) + " days)";
    }
    auto gap = ch::floor<ch::days>(b.start - a.end);
    if (gap > limit)
      out.push_back({"gap", {a.m->id, b.m->id},
                     std::to_string(gap.count()) + " days without a meeting between " + a.m->id + " (" +
                         when_text(*a.m) + ") and " + b.m->id + " (" + when_text(*b.m) + "); " + why});
  }

  // Span.
  if (!active.empty()) {
    ch::sys_seconds last_end = active.front().end;
    for (const auto& a : active) last_end = std::max(last_end, a.end);
    auto first_day = ch::floor<ch::days>(active.front().start);
    auto last_day = ch::floor<ch::days>(last_end);
    ch::year_month_day first_ymd(first_day);
    ch::year_month_day bound = first_ymd + ch::months(o.min_span_months);
    if (!bound.ok()) bound = bound.year() / bound.month() / ch::last;
    if (ch::sys_days(bound) > last_day)
      out.push_back({"short_span", {},
                     "the plan spans " + std::to_string((last_day - first_day).count()) + " days (" +
                         day_text(first_day) + " to " + day_text(last_day) + "), less than " +
                         std::to_string(o.min_span_months) +
                         " months; the toolkit recommends at least 3-4 months, so that people meet several times "
                         "with time for reflection in between"});
  }

  // Weekends and working hours, in each participant's zone.
  for (const auto& a : active) {
    const PlannedMeeting& m = *a.m;
    LocalDateTime local_start = local_in(a.start, zone(m.timezone));
    unsigned wd = iso_weekday(ch::sys_days(ch::floor<ch::days>(local_start).time_since_epoch()));
    if (wd >= 6)
      out.push_back({"weekend", {m.id},
                     m.id + " (" + when_text(m) + ") falls on a " + (wd == 6 ? "Saturday" : "Sunday") +
                         "; partners attend during their working week"});
    std::vector<std::string> outside;
    auto check_person = [&](const std::string& label, const std::string& tz, const WorkingHours& w) {
      const date::time_zone* z = zone(tz);
      LocalDateTime s = local_in(a.start, z), e = local_in(a.end, z);
      auto day = ch::floor<ch::days>(s);
      ch::sys_days sday(day.time_since_epoch());
      bool ok = is_working_day(sday, w) && s >= day + w.start && e <= day + w.end;
      if (!ok)
        outside.push_back(label + " (" + local_text(s) + "-" + clock_label(ch::duration_cast<Minutes>(e - day)) + " " +
                          tz + (w == o.working_hours ? std::string()
                                                     : "; works " + clock_label(w.start) + "-" + clock_label(w.end)) +
                          ")");
    };
    std::size_t known = 0;
    for (const auto& id : m.participants) {
      const Person* person = plan.find_person(id);
      if (!person) continue;
      ++known;
      check_person(person->name.empty() ? person->id : person->name, person->timezone.value_or(m.timezone),
                   person->working_hours.value_or(o.working_hours));
    }
    if (known == 0) check_person("the meeting's own zone", m.timezone, o.working_hours);
    if (!outside.empty()) {
      std::string list;
      for (std::size_t i = 0; i < outside.size(); ++i) list += (i ? ", " : "") + outside[i];
      out.push_back({"outside_working_hours", {m.id},
                     m.id + " (" + when_text(m) + ") is outside working hours (" + clock_label(o.working_hours.start) +
                         "-" + clock_label(o.working_hours.end) + " on working days) for " + list});
    }
  }

  // A decision-maker of a core organization in every meeting.
  std::vector<const Organization*> core;
  for (const auto& org : plan.organizations)
    if (org.core) core.push_back(&org);
  if (!core.empty() && !plan.people.empty()) {
    std::string core_names;
    for (std::size_t i = 0; i < core.size(); ++i) core_names += (i ? ", " : "") + core[i]->name;
    for (const auto& a : active) {
      bool found = false;
      for (const auto& id : a.m->participants) {
        const Person* person = plan.find_person(id);
        if (!person || !person->decision_maker) continue;
        for (const auto* org : core) found = found || org->id == person->organization;
      }
      if (!found)
        out.push_back({"no_decision_maker", {a.m->id},
                       a.m->id + " (" + when_text(*a.m) + ") has no decision-maker of a core organization (" +
                           core_names + ") among its " + std::to_string(a.m->participants.size()) +
                           " participants; commitments made there would wait for leadership"});
    }
  }

  // Agendas that are unknown or do not fit their meeting.
  for (const auto& a : active) {
    const PlannedMeeting& m = *a.m;
    if (!m.agenda) continue;
    const Agenda* agenda = plan.find_agenda(*m.agenda);
    if (!agenda) {
      std::string known;
      for (const auto& b : builtin_agendas()) known += (known.empty() ? "" : ", ") + b.id;
      out.push_back({"unknown_agenda", {m.id},
                     m.id + " names agenda \"" + *m.agenda +
                         "\", which is neither one of the document's agendas nor a built-in one (" + known + ")"});
      continue;
    }
    AgendaCheckOptions ao;
    ao.meeting_length = m.duration;
    ao.meeting_kind = m.kind;
    for (const auto& issue : check_agenda(*agenda, ao))
      out.push_back({"agenda", {m.id}, m.id + " (agenda " + agenda->id + "): " + issue.message});
  }
  return out;
}

nlohmann::ordered_json to_json(const PlannedMeeting& m) {
  using OJson = nlohmann::ordered_json;
  auto utc = [](ch::sys_seconds t) {
    return date::format("%Y-%m-%dT%H:%M:%SZ", t);
  };
  OJson o{{"id", m.id},
          {"kind", m.kind},
          {"title", m.title},
          {"phase", to_string(m.phase)},
          {"start", format_local_datetime(m.start)},
          {"end", format_local_datetime(m.start + m.duration)},
          {"duration", format_duration(m.duration)},
          {"timezone", m.timezone},
          {"start_utc", utc(start_utc(m))},
          {"end_utc", utc(end_utc(m))}};
  o["location"] = m.location ? OJson(*m.location) : OJson();
  o["agenda"] = m.agenda ? OJson(*m.agenda) : OJson();
  o["participants"] = m.participants;
  o["status"] = m.status == MeetingStatus::held ? "held" : m.status == MeetingStatus::cancelled ? "cancelled" : "planned";
  o["if_needed"] = m.if_needed;
  o["from_document"] = m.from_document;
  o["uid"] = m.uid;
  return o;
}

nlohmann::ordered_json to_json(const PlanIssue& issue) {
  return {{"code", issue.code}, {"meetings", issue.meetings}, {"message", issue.message}};
}

nlohmann::ordered_json to_json(const Plan& plan) {
  using OJson = nlohmann::ordered_json;
  OJson meetings = OJson::array(), agendas = OJson::array(), issues = OJson::array();
  for (const auto& m : plan.meetings) meetings.push_back(to_json(m));
  for (const auto& a : plan.agendas) agendas.push_back(to_json(timed(a)));
  for (const auto& i : plan.issues) issues.push_back(to_json(i));
  return {{"name", plan.name},          {"timezone", plan.timezone}, {"process", plan.process},
          {"meetings", std::move(meetings)}, {"agendas", std::move(agendas)}, {"issues", std::move(issues)}};
}

}  // namespace partnerkit::meetings
