// Timed agendas: placing items on the clock, checking them, the built-in agendas.
#include "partnerkit/meetings/agenda.hpp"

#include <algorithm>

#include "io/embedded.hpp"
#include "meetings/detail.hpp"
#include "partnerkit/core/error.hpp"
#include "partnerkit/io/document.hpp"

namespace partnerkit::meetings {

namespace detail {

std::string minutes_text(Minutes m) {
  auto n = m.count();
  if (n < 60) return std::to_string(n) + (n == 1 ? " minute" : " minutes");
  std::string out = std::to_string(n / 60) + (n / 60 == 1 ? " hour" : " hours");
  if (n % 60) out += " " + std::to_string(n % 60) + " minutes";
  return out;
}

}  // namespace detail

namespace {

using detail::minutes_text;

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

std::string clock_label(Minutes clock) {
  long total = static_cast<long>(clock.count());
  long day_minutes = ((total % 1440) + 1440) % 1440;
  long h = day_minutes / 60, m = day_minutes % 60;
  long h12 = h % 12 == 0 ? 12 : h % 12;
  std::string mm = (m < 10 ? "0" : "") + std::to_string(m);
  return std::to_string(h12) + ":" + mm + (h < 12 ? "am" : "pm");
}

TimedAgenda timed(const Agenda& a) {
  TimedAgenda out;
  out.id = a.id;
  out.title = a.title;
  Minutes base{0};
  if (a.start) {
    base = *a.start;
  } else {
    for (const auto& item : a.items)
      if (item.start) {
        base = *item.start;
        break;
      }
  }
  out.start = base;
  // An item without a clock start follows the one before, so a first item without one is at the
  // agenda's start; relative offsets work for agendas that never name a clock time.
  Minutes cursor = base;
  Minutes last_end{0};
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    const auto& item = a.items[i];
    Minutes start = item.start ? *item.start : cursor;
    Minutes length{0};
    if (item.duration) {
      length = *item.duration;
    } else if (i + 1 < a.items.size()) {
      if (a.items[i + 1].start && *a.items[i + 1].start > start) length = *a.items[i + 1].start - start;
    } else if (a.duration && base + *a.duration > start) {
      length = base + *a.duration - start;
    }
    out.items.push_back({item.title, item.kind, start - base, length, item.description});
    cursor = start + length;
    last_end = std::max(last_end, start - base + length);
  }
  out.length = a.duration ? *a.duration : last_end;
  return out;
}

std::vector<AgendaIssue> check_agenda(const Agenda& a, const AgendaCheckOptions& options) {
  std::vector<AgendaIssue> out;
  auto add = [&](std::string code, std::optional<std::size_t> item, std::string message) {
    out.push_back({std::move(code), item, std::move(message)});
  };
  if (a.items.empty()) {
    add("no_items", std::nullopt, "agenda " + quoted(a.id) + " has no items");
    return out;
  }
  const TimedAgenda t = timed(a);
  bool clocked = a.start.has_value();
  for (const auto& item : a.items) clocked = clocked || item.start.has_value();
  auto at = [&](Minutes offset) { return clocked ? clock_label(t.start + offset) : "minute " + std::to_string(offset.count()); };

  Minutes previous_end{0};
  std::optional<std::size_t> previous;
  for (std::size_t i = 0; i < t.items.size(); ++i) {
    const auto& item = t.items[i];
    const auto& source = a.items[i];
    if (item.offset < Minutes{0}) {
      add("before_start", i, quoted(item.title) + " starts at " + clock_label(t.start + item.offset) +
                                 ", before the agenda starts at " + clock_label(t.start));
    }
    if (item.duration == Minutes{0}) {
      std::string why = i + 1 < t.items.size()
                            ? (a.items[i + 1].start ? "the next item starts no later than it does"
                                                    : "the next item has no start time")
                            : "the agenda has no duration";
      add("unplaced", i, quoted(item.title) + " has no duration and " + why + "; give it a duration");
    }
    if (previous) {
      const auto& prev = t.items[*previous];
      if (item.offset < previous_end && !a.allow_overlaps) {
        add("overlap", i, quoted(item.title) + " starts at " + at(item.offset) + ", before " + quoted(prev.title) +
                              " ends at " + at(previous_end) + " (" + minutes_text(previous_end - item.offset) +
                              " of overlap); move it, or set allow_overlaps if the items run in parallel");
      } else if (item.offset > previous_end && !a.allow_gaps) {
        add("gap", i, minutes_text(item.offset - previous_end) + " with nothing planned between " + quoted(prev.title) +
                          " (ends " + at(previous_end) + ") and " + quoted(item.title) + " (starts " + at(item.offset) +
                          "); add an item or a break, or set allow_gaps");
      }
    } else if (item.offset > Minutes{0} && !a.allow_gaps) {
      add("gap", i, minutes_text(item.offset) + " with nothing planned between the start (" + at(Minutes{0}) +
                        ") and " + quoted(item.title) + " (starts " + at(item.offset) + "); add an item, or set allow_gaps");
    }
    if (a.duration && item.end() > *a.duration)
      add("past_end", i, quoted(item.title) + " ends at " + at(item.end()) + ", after the agenda ends at " +
                             at(*a.duration) + (source.duration ? "; shorten it" : "; give it an earlier start"));
    if (item.end() > previous_end || !previous) previous_end = std::max(previous_end, item.end());
    previous = i;
  }
  if (a.duration && previous_end < *a.duration && !a.allow_gaps)
    add("gap", std::nullopt, minutes_text(*a.duration - previous_end) + " with nothing planned between the last item's end (" +
                                 at(previous_end) + ") and the adjournment (" + at(*a.duration) +
                                 "); add an item, shorten the agenda, or set allow_gaps");

  if (options.meeting_length) {
    if (t.length > *options.meeting_length)
      add("longer_than_meeting", std::nullopt,
          "agenda " + quoted(a.id) + " takes " + minutes_text(t.length) + " but the meeting lasts " +
              minutes_text(*options.meeting_length) + "; lengthen the meeting or shorten the agenda");
    else if (t.length < *options.meeting_length && !a.allow_gaps)
      add("shorter_than_meeting", std::nullopt,
          "agenda " + quoted(a.id) + " takes " + minutes_text(t.length) + " but the meeting lasts " +
              minutes_text(*options.meeting_length) + ", leaving " + minutes_text(*options.meeting_length - t.length) +
              " unplanned; shorten the meeting or plan the rest");
  }

  const std::string kind = options.meeting_kind ? *options.meeting_kind : a.meeting_kind.value_or("");
  if (kind == "in-person") {
    Minutes sessions{0};
    bool has_break = false, has_meal = false;
    for (const auto& item : t.items) {
      if (item.kind == "session") sessions += item.duration;
      has_break = has_break || item.kind == "break";
      has_meal = has_meal || item.kind == "meal";
    }
    if (sessions < options.min_in_person_sessions || sessions > options.max_in_person_sessions)
      add("session_length", std::nullopt,
          "an in-person meeting's sessions should add up to " + minutes_text(options.min_in_person_sessions) + " to " +
              minutes_text(options.max_in_person_sessions) + " (toolkit: long enough to connect, not overwhelming); " +
              quoted(a.id) + " has " + minutes_text(sessions) + " (breaks and meals not counted)");
    if (!has_break)
      add("no_break", std::nullopt, "in-person agenda " + quoted(a.id) + " has no item of kind \"break\"; plan at least one");
    if (!has_meal)
      add("no_meal", std::nullopt, "in-person agenda " + quoted(a.id) + " has no item of kind \"meal\"; plan a meal");
  }
  return out;
}

const std::vector<Agenda>& builtin_agendas() {
  static const std::vector<Agenda> agendas = [] {
    // Each file is one agenda object of the document format; loading them as a document's
    // "agendas" checks them with the same schema and checks as a document's own.
    std::string text = R"({"format": "partnerkit/1", "name": "built-in agendas", "agendas": [)";
    bool first = true;
    for (const auto& file : partnerkit::detail::builtin_agenda_texts()) {
      text += (first ? "" : ",");
      text += file.text;
      first = false;
    }
    text += "]}";
    Partnership p = loads(text, "<built-in agendas>");
    std::sort(p.agendas.begin(), p.agendas.end(), [](const Agenda& x, const Agenda& y) { return x.id < y.id; });
    return p.agendas;
  }();
  return agendas;
}

const Agenda& builtin_agenda(std::string_view id) {
  for (const auto& a : builtin_agendas())
    if (a.id == id) return a;
  std::string known;
  for (const auto& a : builtin_agendas()) known += (known.empty() ? "" : ", ") + a.id;
  throw Error("unknown built-in agenda \"" + std::string(id) + "\"; expected one of " + known);
}

const Agenda* find_agenda(const Partnership& p, std::string_view id) {
  if (const Agenda* a = p.find_agenda(id)) return a;
  for (const auto& a : builtin_agendas())
    if (a.id == id) return &a;
  return nullptr;
}

nlohmann::ordered_json to_json(const TimedAgenda& a) {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& i : a.items) {
    nlohmann::ordered_json item{{"title", i.title},
                                {"kind", i.kind},
                                {"offset_minutes", i.offset.count()},
                                {"duration_minutes", i.duration.count()}};
    if (i.description) item["description"] = *i.description;
    items.push_back(std::move(item));
  }
  return {{"id", a.id},
          {"title", a.title},
          {"start_minutes", a.start.count()},
          {"length_minutes", a.length.count()},
          {"items", std::move(items)}};
}

nlohmann::ordered_json to_json(const AgendaIssue& issue) {
  nlohmann::ordered_json o{{"code", issue.code}};
  o["item"] = issue.item ? nlohmann::ordered_json(*issue.item) : nlohmann::ordered_json();
  o["message"] = issue.message;
  return o;
}

}  // namespace partnerkit::meetings
