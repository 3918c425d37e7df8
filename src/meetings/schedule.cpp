// Finding the best meeting slots with an interval sweep; explaining when nothing fits.
#include "partnerkit/meetings/schedule.hpp"

#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <queue>
#include <span>

namespace partnerkit::meetings {
namespace {

using std::chrono::seconds;

// The starts t at which a busy interval [s, e) overlaps [t, t + d): s - d < t < e, as the
// half-open [s - d + 1s, e) on whole seconds.
BusyInterval blocked_starts(const BusyInterval& b, seconds d) { return {b.start - d + seconds{1}, b.end}; }

// Smallest multiple of g (since the epoch) at or after t.
Instant align_up(Instant t, seconds g) {
  auto c = t.time_since_epoch().count(), step = g.count();
  auto r = ((c % step) + step) % step;
  return Instant{seconds{r == 0 ? c : c + (step - r)}};
}

// True if any busy interval of `busy` (sorted, merged) overlaps [t, t + d).
bool busy_during(const std::vector<BusyInterval>& busy, Instant t, seconds d) {
  auto it = std::lower_bound(busy.begin(), busy.end(), t + d,
                             [](const BusyInterval& b, Instant x) { return b.start < x; });
  return it != busy.begin() && std::prev(it)->end > t;
}

struct Piece {
  Instant from, to;  // valid starts [from, to)
  std::uint32_t required, total;
};

struct Candidate {
  std::uint32_t required, total;
  Instant start;
  std::uint32_t piece;
};
struct Worse {
  bool operator()(const Candidate& a, const Candidate& b) const {
    if (a.required != b.required) return a.required < b.required;
    if (a.total != b.total) return a.total < b.total;
    return a.start > b.start;
  }
};

// find_slots on any run of attendees (one person alone without copying their busy times).
std::vector<Slot> search(std::span<const Attendee> attendees, const SlotQuery& q) {
  const seconds d = q.duration, g = std::max<seconds>(q.granularity, seconds{1});
  const Instant first = q.window_start, last = q.window_end - d;  // starts in [first, last]
  std::vector<Slot> out;
  if (d.count() <= 0 || last < first || q.top == 0 || attendees.empty()) return out;
  const auto n = static_cast<std::uint32_t>(attendees.size());
  std::uint32_t required_total = 0;
  for (const auto& a : attendees) required_total += a.required ? 1 : 0;

  // Sweep events: +1 when a person's blocked-start interval begins, -1 when it ends. Each
  // event is packed in one integer (time * 4 + kind) so one sort orders them.
  std::vector<std::int64_t> events;
  std::size_t intervals = 0;
  for (const auto& a : attendees) intervals += a.busy.size();
  events.reserve(2 * intervals);
  for (const auto& a : attendees) {
    Instant open{}, close{};
    bool have = false;
    auto flush = [&] {
      if (!have) return;
      std::int64_t kind = a.required ? 1 : 0;  // bit 0: required; bit 1: end
      events.push_back(open.time_since_epoch().count() * 4 + kind);
      events.push_back(close.time_since_epoch().count() * 4 + 2 + kind);
    };
    for (const auto& b : a.busy) {  // sorted and merged; widened intervals may now touch
      if (b.end <= first || b.start >= last + d) continue;
      BusyInterval w = blocked_starts(b, d);
      if (have && w.start <= close) {
        close = std::max(close, w.end);
        continue;
      }
      flush();
      open = w.start;
      close = w.end;
      have = true;
    }
    flush();
  }
  std::sort(events.begin(), events.end());

  // Pieces of constant attendance over the valid starts.
  std::vector<Piece> pieces;
  std::int64_t blocked_required = 0, blocked_all = 0;
  Instant cursor = first;
  const Instant stop = last + seconds{1};
  auto close_piece = [&](Instant until) {
    until = std::min(until, stop);
    if (until > cursor)
      pieces.push_back({cursor, until, required_total - static_cast<std::uint32_t>(blocked_required),
                        n - static_cast<std::uint32_t>(blocked_all)});
    cursor = std::max(cursor, until);
  };
  for (std::size_t i = 0; i < events.size();) {
    Instant t{seconds{events[i] >> 2}};
    if (t > cursor) close_piece(t);
    for (; i < events.size() && (events[i] >> 2) == t.time_since_epoch().count(); ++i) {
      int delta = (events[i] & 2) ? -1 : 1;
      blocked_all += delta;
      if (events[i] & 1) blocked_required += delta;
    }
  }
  close_piece(stop);

  // A heap of each piece's earliest aligned start, best first; a start that overlaps a chosen
  // slot moves to the earliest aligned start after it within its piece.
  const auto min_total = static_cast<std::uint32_t>(std::ceil(q.min_share * n - 1e-9));
  std::priority_queue<Candidate, std::vector<Candidate>, Worse> heap;
  for (std::uint32_t i = 0; i < pieces.size(); ++i) {
    const auto& p = pieces[i];
    if (p.total < min_total || (q.require_all && p.required < required_total) || p.total == 0) continue;
    Instant t = align_up(p.from, g);
    if (t < p.to) heap.push({p.required, p.total, t, i});
  }
  std::vector<Instant> chosen;
  while (!heap.empty() && out.size() < q.top) {
    Candidate c = heap.top();
    heap.pop();
    Instant t = c.start;
    for (bool moved = true; moved;) {
      moved = false;
      for (Instant s : chosen)
        if (t < s + d && s < t + d) {
          t = align_up(s + d, g);
          moved = true;
        }
    }
    if (t >= pieces[c.piece].to) continue;
    if (t != c.start) {
      heap.push({c.required, c.total, t, c.piece});
      continue;
    }
    chosen.push_back(t);
    // The rest of the piece stays a candidate from the end of this slot on.
    if (Instant next = align_up(t + d, g); next < pieces[c.piece].to) heap.push({c.required, c.total, next, c.piece});
    Slot slot{t, t + d, {}, {}, 0, required_total, 0};
    for (const auto& a : attendees) {
      if (busy_during(a.busy, t, d)) {
        slot.missing.push_back(a.person);
      } else {
        slot.attending.push_back(a.person);
        if (a.required) ++slot.required_attending;
      }
    }
    slot.share = static_cast<double>(slot.attending.size()) / n;
    out.push_back(std::move(slot));
  }
  return out;
}

// Per attendee: can they meet alone at some time of the window (find_slots of them alone, a
// share of 1)? Each search is small; they run in parallel.
std::vector<char> free_alone(const std::vector<Attendee>& attendees, const SlotQuery& q) {
  SlotQuery alone = q;
  alone.top = 1;
  alone.min_share = 1;
  alone.require_all = false;
  std::vector<char> can_meet(attendees.size());
  tbb::parallel_for(std::size_t{0}, attendees.size(),
                    [&](std::size_t i) { can_meet[i] = !search(std::span(&attendees[i], 1), alone).empty(); });
  return can_meet;
}

}  // namespace

std::vector<Slot> find_slots(const std::vector<Attendee>& attendees, const SlotQuery& q) { return search(attendees, q); }

MeetingRequest request_for(const Partnership& p, std::string_view meeting_id) {
  const Meeting* m = p.find_meeting(meeting_id);
  if (!m) throw Error("unknown meeting \"" + std::string(meeting_id) + "\"");
  return request_for(p, *m);
}

MeetingRequest request_for(const Partnership& p, const Meeting& meeting) {
  const Meeting* m = &meeting;
  MeetingRequest r;
  r.meeting = m->id;
  r.required = m->participants;
  r.query.duration = m->duration.value_or(Minutes{60});
  std::string tz = m->timezone.value_or(p.timezone.value_or("UTC"));
  r.timezone = tz;
  Date day = m->start ? Date{std::chrono::floor<std::chrono::days>(*m->start)} : p.start ? *p.start : today(tz);
  auto at = [&](Date d) { return utc_of(std::chrono::local_days{d}, tz); };
  r.query.window_start = at(day);
  r.query.window_end = at(Date{std::chrono::sys_days{day} + std::chrono::days{14}});
  return r;
}

namespace {

// Why a search found fewer slots than asked for, or why required people are missing (the
// reasons schedule() and place_meetings() give).
// `alone`: free_alone(attendees, q) if already known.
std::vector<std::string> explain(const Partnership& p, const std::vector<Attendee>& attendees, const SlotQuery& q,
                                 const std::vector<Slot>& slots, const std::map<std::string, std::string>& timezones,
                                 const std::vector<char>* alone = nullptr) {
  std::vector<std::string> reasons;
  const seconds d = q.duration;
  const std::string length = format_duration(q.duration);
  if (q.window_end - q.window_start < d) {
    reasons.push_back("the window (" + format_utc(q.window_start) + " to " + format_utc(q.window_end) +
                      ") is shorter than the meeting (" + length + ")");
    return reasons;
  }
  if (attendees.empty()) {
    reasons.push_back("the meeting has no participants");
    return reasons;
  }
  bool some_required_never_free = false;
  const std::vector<char> can_meet = alone ? *alone : free_alone(attendees, q);
  for (std::size_t i = 0; i < attendees.size(); ++i) {
    const Attendee& a = attendees[i];
    if (!can_meet[i]) {
      std::string who = a.person;
      if (const Person* person = p.find_person(a.person)) who = person->name + " (" + a.person + ")";
      auto zone = timezones.find(a.person);
      reasons.push_back(who + (a.required ? "" : ", optional,") + " is never free for " + length +
                        " in the window (working hours in " + (zone == timezones.end() ? "UTC" : zone->second) +
                        ", busy times, calendars)");
      some_required_never_free = some_required_never_free || a.required;
    }
  }
  std::size_t required_total = 0;
  for (const auto& a : attendees) required_total += a.required ? 1 : 0;
  bool full = std::any_of(slots.begin(), slots.end(), [&](const Slot& x) { return x.required_attending == required_total; });
  if (!some_required_never_free && required_total > 1 && !full) {
    SlotQuery all = q;
    all.top = 1;
    all.min_share = 0;
    all.require_all = true;
    if (find_slots(attendees, all).empty())
      reasons.push_back("the required participants are each free at some time but never together for " + length +
                        " in the window");
  }
  if (slots.empty() && q.min_share > 0) {
    SlotQuery any = q;
    any.top = 1;
    any.min_share = 0;
    auto best = find_slots(attendees, any);
    if (!best.empty() && best.front().share + 1e-9 < q.min_share) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "no slot reaches the minimum share of attendees (%.0f%%); the best reaches %.0f%%",
                    q.min_share * 100, best.front().share * 100);
      reasons.push_back(buf);
    }
  }
  return reasons;
}

void check_query(const SlotQuery& q) {
  if (q.window_end < q.window_start) throw Error("the window ends before it starts");
  if (q.duration.count() <= 0) throw Error("the meeting needs a positive duration");
  if (q.min_share < 0 || q.min_share > 1) throw Error("min_share must be between 0 and 1");
}

}  // namespace

Schedule schedule(const Partnership& p, const MeetingRequest& request, const ScheduleOptions& options) {
  const auto& q = request.query;
  check_query(q);
  Schedule s;
  s.meeting = request.meeting;
  s.request = request;
  const Meeting* m = request.meeting.empty() ? nullptr : p.find_meeting(request.meeting);
  s.timezone = !request.timezone.empty() ? request.timezone
               : m && m->timezone         ? *m->timezone
                                          : p.timezone.value_or("UTC");
  auto attendees = attendees_for(p, request, options, q.window_start - std::chrono::days{1},
                                 q.window_end + std::chrono::days{1}, &s.warnings, &s.timezones);
  // The search and each person's search alone (for the reasons) run side by side.
  std::vector<char> alone;
  tbb::parallel_invoke([&] { s.slots = find_slots(attendees, q); }, [&] { alone = free_alone(attendees, q); });
  s.reasons = explain(p, attendees, q, s.slots, s.timezones, &alone);
  return s;
}

std::vector<TimelineRequest> timeline_requests(const Partnership& p, const std::vector<std::string>& meeting_ids,
                                               const Spacing& spacing) {
  std::vector<TimelineRequest> out;
  for (const auto& id : meeting_ids) out.push_back({request_for(p, id), spacing});
  return out;
}

std::vector<TimelineRequest> timeline_requests(const Plan& plan) {
  using std::chrono::days;
  const PlanOptions& o = plan.options;
  std::vector<TimelineRequest> out;
  bool seen_in_person = false;
  std::optional<Instant> previous;  // planned start of the meeting before
  for (const auto& m : plan.meetings) {
    if (m.status == MeetingStatus::cancelled) continue;
    TimelineRequest t;
    MeetingRequest& r = t.request;
    r.meeting = m.id;
    r.timezone = m.timezone;
    r.required = m.participants;
    r.query.duration = m.duration;
    r.query.top = 1;
    auto day = std::chrono::floor<days>(m.start);
    r.query.window_start = utc_of(day, m.timezone);
    r.query.window_end = utc_of(day + days{14}, m.timezone);
    const Instant planned = utc_of(m.start, m.timezone);
    // The same limits as check_plan()'s gaps, start to start, with a week of freedom below; a
    // planned gap longer than that (an annual retreat after the last sustaining call) is kept.
    days limit = m.phase == Phase::sustaining ? (o.cadence == Cadence::quarterly ? days{98} : days{35})
                 : !seen_in_person           ? o.preparation
                                             : o.call_interval;
    t.spacing = {std::max(days{0}, limit - days{7}), limit};
    if (previous && planned >= *previous) {
      days gap = std::chrono::floor<days>(planned - *previous);
      if (gap > limit) t.spacing = {gap - days{7}, gap};
      else t.spacing.min_gap = std::min(t.spacing.min_gap, gap);
    }
    seen_in_person = seen_in_person || m.kind == "in-person";
    previous = planned;
    out.push_back(std::move(t));
  }
  return out;
}

PlacedTimeline place_meetings(const Partnership& p, const std::vector<TimelineRequest>& timeline,
                              const ScheduleOptions& options) {
  using std::chrono::days;
  PlacedTimeline out;
  if (timeline.empty()) return out;
  // The span the timeline can reach: the first window, then at most max_gap (+ the duration)
  // after each anchor, and an anchor is never later than the latest start of its window.
  MeetingRequest everyone;
  Instant from = timeline.front().request.query.window_start, to = timeline.front().request.query.window_end;
  Minutes longest{0};
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    const auto& t = timeline[i];
    check_query(t.request.query);
    const std::string name = t.request.meeting.empty() ? "meeting " + std::to_string(i + 1) : t.request.meeting;
    if (t.spacing.min_gap < days{0})
      throw Error(name + ": the minimum gap from the meeting before (" + std::to_string(t.spacing.min_gap.count()) +
                  " days) is negative");
    if (t.spacing.min_gap > t.spacing.max_gap)
      throw Error(name + ": the minimum gap from the meeting before (" + std::to_string(t.spacing.min_gap.count()) +
                  " days) is longer than the maximum (" + std::to_string(t.spacing.max_gap.count()) + " days)");
    if (i > 0) to += t.spacing.max_gap;
    longest = std::max(longest, t.request.query.duration);
    for (const auto& id : t.request.required) everyone.required.push_back(id);
    for (const auto& id : t.request.optional) everyone.required.push_back(id);
  }
  to += longest;
  // Every calendar read once, over the whole span (attendees_for keeps the first of duplicates).
  auto all = attendees_for(p, everyone, options, from - days{1}, to + days{1}, &out.warnings, &out.timezones);
  std::map<std::string, const Attendee*> by_person;
  for (const auto& a : all) by_person.emplace(a.person, &a);

  std::optional<Instant> anchor;  // start of the meeting placed before (or the latest it could have been)
  for (const auto& t : timeline) {
    SlotQuery q = t.request.query;
    q.top = 1;
    if (anchor) {
      q.window_start = *anchor + t.spacing.min_gap;
      q.window_end = *anchor + t.spacing.max_gap + q.duration;
    }
    std::vector<Attendee> attendees;
    auto add = [&](const std::string& id, bool required) {
      for (const auto& a : attendees)
        if (a.person == id) return;
      const Attendee& a = *by_person.at(id);
      attendees.push_back({id, required, a.busy});
    };
    for (const auto& id : t.request.required) add(id, true);
    for (const auto& id : t.request.optional) add(id, false);
    auto slots = find_slots(attendees, q);
    Placement placed;
    placed.meeting = t.request.meeting;
    const Meeting* m = t.request.meeting.empty() ? nullptr : p.find_meeting(t.request.meeting);
    placed.timezone = !t.request.timezone.empty() ? t.request.timezone
                      : m && m->timezone         ? *m->timezone
                                                 : p.timezone.value_or("UTC");
    placed.window_start = q.window_start;
    placed.window_end = q.window_end;
    placed.reasons = explain(p, attendees, q, slots, out.timezones);
    if (!slots.empty()) {
      placed.slot = std::move(slots.front());
      anchor = placed.slot->start;
    } else {
      if (placed.reasons.empty()) placed.reasons.push_back("no slot in the window");
      anchor = q.window_end - q.duration;
    }
    out.placements.push_back(std::move(placed));
  }
  return out;
}

PlacedTimeline place_plan(const Partnership& p, const Plan& plan, const ScheduleOptions& options) {
  PlacedTimeline out = place_meetings(p, timeline_requests(plan), options);
  Plan placed = plan;
  std::vector<PlanIssue> issues;
  for (const auto& issue : plan.issues)
    if (issue.code == "no_start") issues.push_back(issue);
  for (const auto& x : out.placements) {
    auto it = std::find_if(placed.meetings.begin(), placed.meetings.end(),
                           [&](const PlannedMeeting& m) { return m.id == x.meeting; });
    if (it == placed.meetings.end()) continue;
    if (x.slot) {
      it->start = local_of(x.slot->start, it->timezone);
      continue;
    }
    std::string why;
    for (const auto& r : x.reasons) why += (why.empty() ? "" : "; ") + r;
    issues.push_back({"unplaced", {x.meeting},
                      x.meeting + " could not be placed between " + format_in_zone(x.window_start, x.timezone) +
                          " and " + format_in_zone(x.window_end, x.timezone) + " " + x.timezone + ": " + why +
                          "; it keeps its planned time"});
  }
  std::stable_sort(placed.meetings.begin(), placed.meetings.end(),
                   [](const PlannedMeeting& a, const PlannedMeeting& b) { return start_utc(a) < start_utc(b); });
  auto found = check_plan(placed, placed.options);
  issues.insert(issues.end(), found.begin(), found.end());
  placed.issues = std::move(issues);
  out.plan = std::move(placed);
  return out;
}

nlohmann::ordered_json to_json(const Schedule& s) {
  using OJson = nlohmann::ordered_json;
  const auto& q = s.request.query;
  OJson out;
  out["meeting"] = s.meeting;
  out["timezone"] = s.timezone;
  out["duration"] = format_duration(q.duration);
  out["window"] = {{"start", format_utc(q.window_start)}, {"end", format_utc(q.window_end)}};
  out["required"] = s.request.required;
  out["optional"] = s.request.optional;
  out["min_share"] = q.min_share;
  OJson slots = OJson::array();
  for (const auto& x : s.slots) {
    OJson local = OJson::object();
    for (const auto& person : x.attending) local[person] = format_in_zone(x.start, s.timezones.at(person));
    for (const auto& person : x.missing) local[person] = format_in_zone(x.start, s.timezones.at(person));
    slots.push_back({{"start", format_utc(x.start)},
                     {"end", format_utc(x.end)},
                     {"local_start", format_in_zone(x.start, s.timezone)},
                     {"local_end", format_in_zone(x.end, s.timezone)},
                     {"attending", x.attending},
                     {"missing", x.missing},
                     {"required_attending", x.required_attending},
                     {"required_total", x.required_total},
                     {"share", x.share},
                     {"participant_local_start", local}});
  }
  out["slots"] = std::move(slots);
  out["reasons"] = s.reasons;
  OJson warnings = OJson::array();
  for (const auto& w : s.warnings) warnings.push_back(w.str());
  out["warnings"] = std::move(warnings);
  return out;
}

nlohmann::ordered_json to_json(const PlacedTimeline& t) {
  using OJson = nlohmann::ordered_json;
  OJson placements = OJson::array();
  for (const auto& x : t.placements) {
    OJson o;
    o["meeting"] = x.meeting;
    o["timezone"] = x.timezone;
    o["placed"] = x.slot.has_value();
    if (x.slot) {
      o["start"] = format_utc(x.slot->start);
      o["end"] = format_utc(x.slot->end);
      o["local_start"] = format_in_zone(x.slot->start, x.timezone);
      o["local_end"] = format_in_zone(x.slot->end, x.timezone);
      o["attending"] = x.slot->attending;
      o["missing"] = x.slot->missing;
    } else {
      o["start"] = o["end"] = o["local_start"] = o["local_end"] = nullptr;
      o["attending"] = o["missing"] = OJson::array();
    }
    o["window"] = {{"start", format_utc(x.window_start)},
                   {"end", format_utc(x.window_end)},
                   {"local_start", format_in_zone(x.window_start, x.timezone)},
                   {"local_end", format_in_zone(x.window_end, x.timezone)}};
    o["reasons"] = x.reasons;
    placements.push_back(std::move(o));
  }
  OJson warnings = OJson::array();
  for (const auto& w : t.warnings) warnings.push_back(w.str());
  return {{"placements", std::move(placements)}, {"warnings", std::move(warnings)}};
}

}  // namespace partnerkit::meetings
