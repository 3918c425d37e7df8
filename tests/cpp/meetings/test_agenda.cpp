// Timed agendas: the toolkit's four samples built in with their times, items placed on the
// clock, every check (and its message), custom agendas in a document with JSON pointers.
#include <catch2/catch.hpp>

#include "partnerkit/io/document.hpp"
#include "partnerkit/meetings/agenda.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::meetings;
namespace pt = partnerkit::test;
using Strings = std::vector<std::string>;

namespace {

Minutes hm(int h, int m = 0) { return Minutes(h * 60 + m); }

AgendaCheckOptions for_length(Minutes m) {
  AgendaCheckOptions o;
  o.meeting_length = m;
  return o;
}
AgendaCheckOptions for_kind(std::string kind) {
  AgendaCheckOptions o;
  o.meeting_kind = std::move(kind);
  return o;
}

// "9:00am Title" per item, then the adjournment: the toolkit's way of writing an agenda.
Strings clock_lines(const Agenda& a) {
  TimedAgenda t = timed(a);
  Strings out;
  for (const auto& i : t.items) out.push_back(clock_label(t.start + i.offset) + " " + i.title);
  out.push_back(clock_label(t.start + t.length) + " Adjourn");
  return out;
}

Strings codes(const std::vector<AgendaIssue>& issues) {
  Strings out;
  for (const auto& i : issues) out.push_back(i.code);
  return out;
}

AgendaItem item(std::string title, std::optional<Minutes> start, std::optional<Minutes> duration = {},
                std::string kind = "session") {
  AgendaItem i;
  i.title = std::move(title);
  i.start = start;
  i.duration = duration;
  i.kind = std::move(kind);
  return i;
}

}  // namespace

TEST_CASE("the four built-in agendas are the toolkit's samples", "[meetings][agenda]") {
  Strings ids;
  for (const auto& a : builtin_agendas()) ids.push_back(a.id);
  CHECK(ids == Strings{"connecting-call", "first-in-person", "planning-call", "second-in-person"});

  // Building Partnership Toolkit, "Sample Agenda, First In-Person Meeting", verbatim times.
  CHECK(clock_lines(builtin_agenda("first-in-person")) ==
        Strings{"9:00am Welcome, Introductions and Framing", "10:00am On Teaming and Partnerships", "10:30am Break",
                "10:45am Getting to Know our Partners", "11:30am Understanding Those We Serve", "12:15pm Lunch",
                "1:00pm Creating a Shared Perspective – How Might We?", "2:30pm Next Steps – Staying Connected",
                "3:00pm Adjourn"});
  CHECK(clock_lines(builtin_agenda("second-in-person")) ==
        Strings{"9:00am Welcome, Re-Introductions and Review", "10:00am Revisiting Session One", "10:45am Break",
                "11:00am Collaborative Brainstorming", "12:15pm Lunch", "1:00pm Strategic Vision Setting",
                "2:15pm Sustaining Partnership", "3:00pm Adjourn"});

  const Agenda& planning = builtin_agenda("planning-call");
  TimedAgenda tp = timed(planning);
  CHECK(tp.length == hm(1));
  Strings titles;
  for (const auto& i : tp.items) titles.push_back(i.title);
  CHECK(titles == Strings{"Introductions", "Project Overview and Rationale", "Timeline and Expectations",
                          "Consideration of additional Stakeholders", "Next Steps and Scheduling", "Process Questions"});
  const Agenda& connecting = builtin_agenda("connecting-call");
  titles.clear();
  for (const auto& i : timed(connecting).items) titles.push_back(i.title);
  CHECK(titles == Strings{"Introductions and Check-in", "Review of Partnership Process and Focus of the Call",
                          "Organization/Agency updates", "Points of Collaboration since previous session",
                          "Announcements, Next Steps, Scheduling"});
  CHECK(timed(connecting).length == hm(1));

  // Each sample passes every check, including 4-5 hours of sessions with a break and a meal.
  for (const auto& a : builtin_agendas()) {
    INFO(a.id);
    CHECK(check_agenda(a, for_length(timed(a).length)).empty());
  }
  TimedAgenda first = timed(builtin_agenda("first-in-person"));
  Minutes sessions{0};
  for (const auto& i : first.items)
    if (i.kind == "session") sessions += i.duration;
  CHECK(sessions == hm(5));
  CHECK(first.length == hm(6));

  CHECK_THROWS_WITH(builtin_agenda("third-in-person"),
                    "unknown built-in agenda \"third-in-person\"; expected one of connecting-call, first-in-person, "
                    "planning-call, second-in-person");
}

TEST_CASE("items are placed from clock starts, durations and the next item", "[meetings][agenda]") {
  Agenda a;
  a.id = "a";
  a.items = {item("A", hm(13)), item("B", std::nullopt, Minutes(20)), item("C", hm(13, 50)), item("D", std::nullopt)};
  a.duration = hm(2);
  TimedAgenda t = timed(a);
  CHECK(t.start == hm(13));
  REQUIRE(t.items.size() == 4);
  CHECK(t.items[0].offset == Minutes(0));
  CHECK(t.items[0].duration == Minutes(0));  // B has no clock start: A's length is unknown
  CHECK(t.items[1].offset == Minutes(0));
  CHECK(t.items[2].offset == Minutes(50));
  CHECK(t.items[3].offset == Minutes(50));
  CHECK(t.items[3].duration == Minutes(70));  // until the agenda's end
  auto issues = check_agenda(a);
  REQUIRE(codes(issues) == Strings{"unplaced", "unplaced", "gap"});
  CHECK(issues[0].message == "\"A\" has no duration and the next item has no start time; give it a duration");
  CHECK(issues[0].item == 0u);
  CHECK(issues[1].item == 2u);
  CHECK(issues[2].message ==
        "30 minutes with nothing planned between \"B\" (ends 1:20pm) and \"C\" (starts 1:50pm); add an item or a "
        "break, or set allow_gaps");
}

TEST_CASE("overlaps, gaps, items past the end and the meeting's length are reported", "[meetings][agenda]") {
  Agenda a;
  a.id = "x";
  a.start = hm(9);
  a.duration = hm(2);
  a.items = {item("Open", hm(9), hm(1)), item("Overlapping", hm(9, 45), Minutes(30)),
             item("Late", hm(10, 30), hm(1))};
  auto issues = check_agenda(a, for_length(hm(1, 30)));
  REQUIRE(codes(issues) == Strings{"overlap", "gap", "past_end", "longer_than_meeting"});
  CHECK(issues[0].message ==
        "\"Overlapping\" starts at 9:45am, before \"Open\" ends at 10:00am (15 minutes of overlap); move it, or set "
        "allow_overlaps if the items run in parallel");
  CHECK(issues[1].message ==
        "15 minutes with nothing planned between \"Overlapping\" (ends 10:15am) and \"Late\" (starts 10:30am); add an "
        "item or a break, or set allow_gaps");
  CHECK(issues[2].message == "\"Late\" ends at 11:30am, after the agenda ends at 11:00am; shorten it");
  CHECK(issues[3].message ==
        "agenda \"x\" takes 2 hours but the meeting lasts 1 hour 30 minutes; lengthen the meeting or shorten the agenda");

  a.allow_overlaps = a.allow_gaps = true;
  CHECK(codes(check_agenda(a, for_length(hm(1, 30)))) == Strings{"past_end", "longer_than_meeting"});

  Agenda b;
  b.id = "b";
  b.items = {item("Only", std::nullopt, Minutes(45))};
  auto shorter = check_agenda(b, for_length(hm(1)));
  REQUIRE(codes(shorter) == Strings{"shorter_than_meeting"});
  CHECK(shorter[0].message ==
        "agenda \"b\" takes 45 minutes but the meeting lasts 1 hour, leaving 15 minutes unplanned; shorten the "
        "meeting or plan the rest");
  CHECK(check_agenda(b, for_length(Minutes(45))).empty());

  Agenda empty;
  empty.id = "e";
  CHECK(codes(check_agenda(empty)) == Strings{"no_items"});
}

TEST_CASE("in-person agendas need 4-5 hours of sessions, a break and a meal", "[meetings][agenda]") {
  Agenda a;
  a.id = "day";
  a.meeting_kind = "in-person";
  a.items = {item("Morning", hm(9), hm(3)), item("Afternoon", std::nullopt, hm(3))};
  auto issues = check_agenda(a);
  REQUIRE(codes(issues) == Strings{"session_length", "no_break", "no_meal"});
  CHECK(issues[0].message ==
        "an in-person meeting's sessions should add up to 4 hours to 5 hours (toolkit: long enough to connect, not "
        "overwhelming); \"day\" has 6 hours (breaks and meals not counted)");
  CHECK(issues[1].message == "in-person agenda \"day\" has no item of kind \"break\"; plan at least one");
  CHECK(issues[2].message == "in-person agenda \"day\" has no item of kind \"meal\"; plan a meal");
  // The same agenda used for a call is not held to the in-person rules.
  CHECK(check_agenda(a, for_kind("connecting-call")).empty());
  // A built-in call agenda used for an in-person meeting is.
  CHECK(codes(check_agenda(builtin_agenda("planning-call"), for_kind("in-person"))) ==
        Strings{"session_length", "no_break", "no_meal"});
}

TEST_CASE("a document carries custom agendas; a meeting finds its own before the built-in ones",
          "[meetings][agenda]") {
  std::string text = pt::document(R"("agendas": [
      {"id": "planning-call", "title": "Our planning call", "duration": "PT45M",
       "items": [{"title": "Hello", "duration": "PT15M"}, {"title": "Plan", "duration": "PT30M", "description": "x"}]},
      {"id": "retreat", "title": "Annual retreat", "meeting_kind": "in-person", "start": "08:30", "allow_gaps": true,
       "items": [{"title": "Look back", "start": "08:30", "duration": "PT2H"}, {"title": "Coffee", "kind": "break", "duration": "PT15M"},
                 {"title": "Lunch", "kind": "meal", "start": "12:00", "duration": "PT1H"},
                 {"title": "Look ahead", "start": "13:00", "duration": "PT2H30M"}], "color": "green"}])");
  Partnership p = loads(text);
  REQUIRE(p.agendas.size() == 2);
  const Agenda* mine = find_agenda(p, "planning-call");
  REQUIRE(mine);
  CHECK(mine->title == "Our planning call");
  CHECK(find_agenda(p, "first-in-person") == &builtin_agenda("first-in-person"));
  CHECK(find_agenda(p, "nope") == nullptr);
  const Agenda& retreat = p.agendas[1];
  CHECK(retreat.extra == Json{{"color", "green"}});
  CHECK(retreat.start == hm(8, 30));
  CHECK(retreat.items[1].kind == "break");
  CHECK(check_agenda(retreat).empty());  // gaps are declared; 4.5 hours of sessions
  // Round trip: the agendas come back unchanged.
  CHECK(loads(dumps(p)) == p);
}

TEST_CASE("malformed custom agendas are rejected with their JSON pointers", "[meetings][agenda]") {
  auto e = pt::validation_error(pt::document(R"("agendas": [
      {"id": "a", "title": "A", "items": []},
      {"id": "a", "title": "B", "start": "9:00", "duration": "PT0M",
       "items": [{"title": "x", "kind": "lunch", "start": "24:00", "duration": "PT0M"}, {"kind": "break"}]},
      {"id": "c", "items": [{"title": ""}]}])"));
  CHECK(pt::lines(e) ==
        Strings{"doc.json: /agendas/0/items: expected a non-empty array, got an array",
                "doc.json: /agendas/1/duration: expected a positive ISO 8601 duration such as PT1H30M, got \"PT0M\"",
                "doc.json: /agendas/1/id: expected a unique agenda id, got \"a\" again (first at /agendas/0/id)",
                "doc.json: /agendas/1/items/0/duration: expected a positive ISO 8601 duration such as PT1H30M, got \"PT0M\"",
                "doc.json: /agendas/1/items/0/kind: expected one of \"session\", \"break\", \"meal\", got \"lunch\"",
                "doc.json: /agendas/1/items/0/start: expected a clock time HH:MM, got \"24:00\"",
                "doc.json: /agendas/1/items/1: missing required key \"title\" (expected a non-empty string)",
                "doc.json: /agendas/1/start: expected a clock time HH:MM, got \"9:00\"",
                "doc.json: /agendas/2: missing required key \"title\" (expected a non-empty string)",
                "doc.json: /agendas/2/items/0/title: expected a non-empty string, got \"\""});
}

TEST_CASE("clock labels read like the toolkit's", "[meetings][agenda]") {
  CHECK(clock_label(hm(0)) == "12:00am");
  CHECK(clock_label(hm(9)) == "9:00am");
  CHECK(clock_label(hm(12, 15)) == "12:15pm");
  CHECK(clock_label(hm(13, 5)) == "1:05pm");
  CHECK(clock_label(hm(23, 59)) == "11:59pm");
  CHECK(clock_label(hm(24, 30)) == "12:30am");
}
