// Meeting plans: a partnership's timeline of meetings, generated from a process template or taken
// from a document, and checked (overlaps, cadence gaps, span, working hours, decision-makers).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partnerkit/core/model.hpp"
#include "partnerkit/meetings/agenda.hpp"
#include "partnerkit/process/template.hpp"

namespace partnerkit::meetings {

/// How often the partnership meets once the in-person sessions are over.
enum class Cadence { monthly, quarterly };
const char* to_string(Cadence c);

/// Which part of the process a meeting belongs to.
enum class Phase { formation, sustaining };
const char* to_string(Phase p);

/// One meeting of a plan, on the wall clock of its own time zone.
struct PlannedMeeting {
  std::string id;        ///< the document's meeting id, or a generated one ("in-person-2")
  std::string kind;      ///< planning-call, in-person, connecting-call, retreat, or a custom kind
  std::string title;
  Phase phase = Phase::formation;
  LocalDateTime start{};         ///< wall-clock start in `timezone`
  Minutes duration{0};
  std::string timezone;          ///< IANA name; every meeting of a plan has one
  std::optional<std::string> location;
  std::optional<std::string> agenda;      ///< agenda id (the document's agendas, then built-in)
  std::vector<std::string> participants;  ///< person ids
  MeetingStatus status = MeetingStatus::planned;
  bool if_needed = false;  ///< optional in the toolkit's timeline ("if needed")
  bool from_document = false;  ///< taken from the document's meetings rather than generated
  std::string uid;  ///< stable iCalendar UID: the same meeting of the same plan gets the same UID
  friend bool operator==(const PlannedMeeting&, const PlannedMeeting&) = default;
};


/// How to generate and check a plan. Defaults follow the toolkit.
struct PlanOptions {
  std::optional<Date> start;             ///< first day; default: the document's start, else today
  std::optional<std::string> timezone;   ///< default: the document's, else UTC
  std::optional<std::string> process;    ///< template id; default: the document's, else building-partnership
  bool third_in_person = false;          ///< add a third in-person session (and a call before it)
  int calls_between = 1;                 ///< connecting calls between two in-person sessions (1 or 2)
  std::chrono::days call_interval{28};   ///< spacing of connecting calls (toolkit: every 3-4 weeks)
  std::chrono::days preparation{42};     ///< planning call to the first in-person session
  Cadence cadence = Cadence::monthly;    ///< sustaining calls after the last in-person session
  int sustaining_months = 12;            ///< how long the sustaining phase is planned (0: none)
  bool annual_retreat = true;            ///< a retreat a year after the first in-person session
  Minutes call_time{10 * 60};            ///< clock start of calls
  Minutes in_person_time{9 * 60};        ///< clock start of in-person sessions and retreats
  /// Used for people whose document gives no working_hours: 08:00-17:00, Monday to Friday.
  WorkingHours working_hours{Minutes{8 * 60}, Minutes{17 * 60}};
  int min_span_months = 3;               ///< shorter timelines are reported (toolkit: at least 3-4 months)
  friend bool operator==(const PlanOptions&, const PlanOptions&) = default;
};

/// A finding about a plan, explained in one or two sentences.
struct PlanIssue {
  std::string code;  ///< overlap, gap, short_span, weekend, outside_working_hours, no_decision_maker,
                     ///< no_start, unknown_agenda, agenda (an AgendaIssue of a meeting's agenda),
                     ///< unplaced (place_plan() found no slot; the meeting keeps its planned time)
  std::vector<std::string> meetings;  ///< ids of the meetings concerned (empty: the whole plan)
  std::string message;
  friend bool operator==(const PlanIssue&, const PlanIssue&) = default;
};

/// A timeline of meetings with what the exports need (people, agendas) and what the checks found.
struct Plan {
  std::string name;      ///< the partnership's name
  std::string timezone;  ///< the plan's own zone (meetings may have others)
  std::string process;   ///< template id it was generated from ("" if taken from a document)
  std::vector<PlannedMeeting> meetings;      ///< sorted by start (UTC)
  std::vector<Agenda> agendas;               ///< every agenda a meeting names, resolved
  std::vector<Person> people;                ///< everyone who takes part
  std::vector<Organization> organizations;   ///< their organizations
  std::vector<PlanIssue> issues;             ///< what check_plan found
  PlanOptions options;                       ///< what it was generated and checked with
  const PlannedMeeting* find_meeting(std::string_view id) const;
  const Agenda* find_agenda(std::string_view id) const;
  const Person* find_person(std::string_view id) const;
  friend bool operator==(const Plan&, const Plan&) = default;
};

/// The meeting's start and end as UTC instants (a wall-clock time in a skipped hour moves to the
/// end of the gap, a repeated one takes the earlier instant). Throws Error for an unknown zone.
std::chrono::sys_seconds start_utc(const PlannedMeeting& m);
std::chrono::sys_seconds end_utc(const PlannedMeeting& m);

/// Generates a timeline from a first day, a process template and a time zone: the planning call
/// (when the template has one, on the day its due rule gives), the in-person sessions (as many as
/// the template names, one more with third_in_person; the first `preparation` after the planning
/// call), `calls_between` connecting calls every `call_interval` between them, then the
/// sustaining cadence (calls on the same weekday of the month, monthly or quarterly, for
/// `sustaining_months`) and an annual retreat (which replaces a call on its day). Meetings fall on working days; agendas are the
/// built-in ones. Issues are not filled in (see plan() and check_plan()). Throws Error for an
/// unknown time zone. O(meetings).
Plan generate_plan(Date start, const process::Template& process_template, std::string_view timezone,
                   const PlanOptions& options = {});

/// The plan of a partnership: its own meetings when it has any (a meeting without a start is
/// reported as no_start), else a timeline generated from options.start (else the document's
/// start, else today), its process template and time zone, with every person of the document
/// taking part. Agendas, people and organizations are copied in, and `issues` holds what
/// check_plan() finds.
Plan plan(const Partnership& p, const PlanOptions& options = {});

/// Every finding about a plan, each explained in a sentence: meetings that overlap, gaps longer
/// than the cadence (before the first in-person session: `preparation`; between in-person
/// sessions: `call_interval`; after: one month of 5 weeks or a quarter of 14 weeks), a timeline
/// shorter than `min_span_months`, meetings on a weekend or outside someone's working hours (in
/// their own time zone), a meeting without a decision-maker of a core organization, agendas
/// that are unknown or do not fit their meeting. Cancelled meetings are left out.
/// O(meetings × participants).
std::vector<PlanIssue> check_plan(const Plan& plan, const PlanOptions& options = {});

nlohmann::ordered_json to_json(const PlannedMeeting& m);
nlohmann::ordered_json to_json(const PlanIssue& issue);
/// The plan as JSON (`partnerkit plan --format json`, Python's to_dict()).
nlohmann::ordered_json to_json(const Plan& plan);

}  // namespace partnerkit::meetings
