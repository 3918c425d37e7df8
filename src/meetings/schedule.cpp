// Finding the best meeting slots with an interval sweep; explaining when nothing fits.
#include "partnerkit/meetings/schedule.hpp"


#include <algorithm>
#include <cmath>
#include <cstdint>
#include <queue>

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

}  // namespace

std::vector<Slot> find_slots(const std::vector<Attendee>& attendees, const SlotQuery& q) {
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

Schedule schedule(const Partnership& p, const MeetingRequest& request, const ScheduleOptions& options) {
  const auto& q = request.query;
  if (q.window_end < q.window_start) throw Error("the window ends before it starts");
  if (q.duration.count() <= 0) throw Error("the meeting needs a positive duration");
  if (q.min_share < 0 || q.min_share > 1) throw Error("min_share must be between 0 and 1");
  Schedule s;
  s.meeting = request.meeting;
  s.request = request;
  const Meeting* m = request.meeting.empty() ? nullptr : p.find_meeting(request.meeting);
  s.timezone = !request.timezone.empty() ? request.timezone
               : m && m->timezone         ? *m->timezone
                                          : p.timezone.value_or("UTC");
  auto attendees = attendees_for(p, request, options, q.window_start - std::chrono::days{1},
                                 q.window_end + std::chrono::days{1}, &s.warnings, &s.timezones);
  s.slots = find_slots(attendees, q);

  // Explanations.
  const seconds d = q.duration;
  const std::string length = format_duration(q.duration);
  if (q.window_end - q.window_start < d) {
    s.reasons.push_back("the window (" + format_utc(q.window_start) + " to " + format_utc(q.window_end) +
                        ") is shorter than the meeting (" + length + ")");
    return s;
  }
  if (attendees.empty()) {
    s.reasons.push_back("the meeting has no participants");
    return s;
  }
  bool some_required_never_free = false;
  for (const auto& a : attendees) {
    SlotQuery alone = q;
    alone.top = 1;
    alone.min_share = 1;
    alone.require_all = false;
    if (find_slots({a}, alone).empty()) {
      std::string who = a.person;
      if (const Person* person = p.find_person(a.person)) who = person->name + " (" + a.person + ")";
      s.reasons.push_back(who + (a.required ? "" : ", optional,") + " is never free for " + length +
                          " in the window (working hours in " + s.timezones[a.person] + ", busy times, calendars)");
      some_required_never_free = some_required_never_free || a.required;
    }
  }
  std::size_t required_total = 0;
  for (const auto& a : attendees) required_total += a.required ? 1 : 0;
  bool full = std::any_of(s.slots.begin(), s.slots.end(),
                          [&](const Slot& x) { return x.required_attending == required_total; });
  if (!some_required_never_free && required_total > 1 && !full) {
    SlotQuery all = q;
    all.top = 1;
    all.min_share = 0;
    all.require_all = true;
    if (find_slots(attendees, all).empty())
      s.reasons.push_back("the required participants are each free at some time but never together for " + length +
                          " in the window");
  }
  if (s.slots.empty() && q.min_share > 0) {
    SlotQuery any = q;
    any.top = 1;
    any.min_share = 0;
    auto best = find_slots(attendees, any);
    if (!best.empty() && best.front().share + 1e-9 < q.min_share) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "no slot reaches the minimum share of attendees (%.0f%%); the best reaches %.0f%%",
                    q.min_share * 100, best.front().share * 100);
      s.reasons.push_back(buf);
    }
  }
  return s;
}

std::vector<Placement> place_meetings(const Partnership& p, const std::vector<std::string>& meeting_ids,
                                      const Spacing& cadence, const ScheduleOptions& options) {
  if (cadence.min_gap > cadence.max_gap) throw Error("the cadence's minimum gap is longer than its maximum");
  std::vector<Placement> out;
  std::optional<Instant> anchor;  // start of the last placed meeting
  for (const auto& id : meeting_ids) {
    MeetingRequest r = request_for(p, id);
    r.query.top = 1;
    if (anchor) {
      r.query.window_start = *anchor + cadence.min_gap;
      r.query.window_end = *anchor + cadence.max_gap + r.query.duration;
    }
    Schedule s = schedule(p, r, options);
    Placement placed{id, std::nullopt, r.query.window_start, r.query.window_end, s.reasons};
    if (!s.slots.empty()) {
      placed.slot = s.slots.front();
      anchor = placed.slot->start;
    } else {
      if (placed.reasons.empty()) placed.reasons.push_back("no slot in the window");
      anchor = r.query.window_end - r.query.duration;
    }
    out.push_back(std::move(placed));
  }
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

}  // namespace partnerkit::meetings
