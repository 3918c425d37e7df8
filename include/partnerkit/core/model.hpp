// The partnership document (format partnerkit/1) as C++ values.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "partnerkit/core/time.hpp"

namespace partnerkit {

using Json = nlohmann::json;

/// Every record keeps the keys partnerkit does not know in `extra` (a JSON object), so a
/// load/save round trip loses nothing. Fields equal to their default are not written on save.

struct Organization {
  std::string id;
  std::string name;
  std::optional<std::string> category;  ///< built-in (cac-chapter, court, ...) or custom
  bool core = false;                    ///< a core partner (e.g. the CAC chapter, the VOCA administrator)
  Json extra = Json::object();
  friend bool operator==(const Organization&, const Organization&) = default;
};

/// When a person works: local wall-clock times in their time zone, on some weekdays.
struct WorkingHours {
  Minutes start{9 * 60};  ///< since midnight ("09:00")
  Minutes end{17 * 60};   ///< since midnight, after start ("17:00"; "24:00" is midnight)
  std::vector<std::chrono::weekday> days{std::chrono::Monday, std::chrono::Tuesday, std::chrono::Wednesday,
                                         std::chrono::Thursday, std::chrono::Friday};
  Json extra = Json::object();
  friend bool operator==(const WorkingHours&, const WorkingHours&) = default;
};

struct Person {
  std::string id;
  std::string name;
  std::string organization;  ///< id of an Organization
  std::optional<std::string> role;
  bool decision_maker = false;
  bool facilitator = false;
  std::optional<std::string> timezone;
  std::optional<std::string> email;
  Json extra = Json::object();
  /// Scheduling assumes 09:00-17:00 Monday-Friday without it. (After `extra` so that existing
  /// aggregate initializations keep their meaning.)
  std::optional<WorkingHours> working_hours;
  friend bool operator==(const Person&, const Person&) = default;
};

/// PARTNER trust items, each 1-4; a missing item stays empty (never zero).
struct TrustScores {
  std::optional<int> reliability, mission, openness;
  Json extra = Json::object();
  friend bool operator==(const TrustScores&, const TrustScores&) = default;
};

/// PARTNER value items, each 1-4.
struct ValueScores {
  std::optional<int> power, resources, involvement;
  Json extra = Json::object();
  friend bool operator==(const ValueScores&, const ValueScores&) = default;
};

/// A tie between two organizations or people.
struct Relationship {
  std::string source;  ///< organization or person id
  std::string target;  ///< organization or person id
  std::optional<std::string> kind;  ///< communication, information-sharing, joint-work, funding, referral, custom
  double weight = 1.0;
  bool directed = false;
  std::optional<int> level;  ///< Levels of Collaboration 0-5 (Frey et al. 2006)
  std::optional<TrustScores> trust;
  std::optional<ValueScores> value;
  std::optional<Date> observed;
  Json extra = Json::object();
  friend bool operator==(const Relationship&, const Relationship&) = default;
};

enum class MeetingStatus { planned, held, cancelled };

struct Meeting {
  std::string id;
  std::string kind;  ///< planning-call, in-person, connecting-call, retreat, custom
  std::optional<std::string> title;
  std::optional<LocalDateTime> start;
  std::optional<Minutes> duration;
  std::optional<std::string> timezone;  ///< defaults to the partnership's
  std::optional<std::string> location;
  std::optional<std::string> agenda;  ///< agenda template id
  MeetingStatus status = MeetingStatus::planned;
  std::vector<std::string> participants;  ///< person ids
  Json extra = Json::object();
  friend bool operator==(const Meeting&, const Meeting&) = default;
};

/// One item of an agenda ("agendas[].items[]" in the document). Its start is a clock time
/// ("10:45", minutes after midnight); without one it follows the item before. Without a
/// duration it lasts until the next item's start (the last one: until the agenda's end).
struct AgendaItem {
  std::string title;
  std::string kind = "session";  ///< session, break or meal
  std::optional<Minutes> start;  ///< clock time of day, minutes after midnight
  std::optional<Minutes> duration;
  std::optional<std::string> description;
  Json extra = Json::object();
  friend bool operator==(const AgendaItem&, const AgendaItem&) = default;
};

/// A timed agenda ("agendas[]" in the document; built-in agendas come from data/agendas/).
/// A meeting names it by id in "agenda"; an agenda of the document hides a built-in one of the
/// same id.
struct Agenda {
  std::string id;
  std::string title;
  std::optional<std::string> description;
  std::optional<std::string> meeting_kind;  ///< the kind of meeting it is written for
  std::optional<Minutes> start;             ///< usual clock start ("09:00"); default: the first item's
  std::optional<Minutes> duration;          ///< whole length, "PT6H"; default: up to the last item's end
  bool allow_gaps = false;                  ///< time between items is intended
  bool allow_overlaps = false;              ///< parallel items are intended
  std::vector<AgendaItem> items;
  Json extra = Json::object();
  friend bool operator==(const Agenda&, const Agenda&) = default;
};

/// Something that happened in the process: an activity done on a day.
struct Event {
  std::string activity;
  Date date;
  std::optional<std::string> meeting;
  std::optional<std::string> note;
  Json extra = Json::object();
  friend bool operator==(const Event&, const Event&) = default;
};

struct Interval {
  LocalDateTime start;
  LocalDateTime end;
  Json extra = Json::object();
  friend bool operator==(const Interval&, const Interval&) = default;
};

struct Availability {
  std::string person;
  std::vector<Interval> busy;
  std::optional<std::string> calendar;  ///< path of an .ics export, relative to the document
  Json extra = Json::object();
  friend bool operator==(const Availability&, const Availability&) = default;
};

/// One organization's five-quadrant worksheet.
struct Worksheet {
  std::string organization;
  std::optional<std::string> session;  ///< meeting id
  std::vector<std::string> proud_of, help_with, frustrated_by, love_to, values;
  Json extra = Json::object();
  friend bool operator==(const Worksheet&, const Worksheet&) = default;
};

struct Votes {
  int exciting = 0, better = 0, doable = 0, dots = 0;
  Json extra = Json::object();
  friend bool operator==(const Votes&, const Votes&) = default;
};

struct Idea {
  std::string id;
  std::string text;
  std::optional<std::string> session;  ///< meeting id
  Votes votes;
  Json extra = Json::object();
  friend bool operator==(const Idea&, const Idea&) = default;
};

/// A whole partnership document.
struct Partnership {
  std::string format = "partnerkit/1";
  std::string name;
  std::optional<std::string> description;
  std::optional<std::string> process;  ///< process template id
  std::optional<Date> start;
  std::optional<std::string> timezone;
  std::vector<Organization> organizations;
  std::vector<Person> people;
  std::vector<Relationship> relationships;
  std::vector<Meeting> meetings;
  std::vector<Event> events;
  std::vector<Availability> availability;
  std::vector<Worksheet> worksheets;
  std::vector<Idea> ideas;
  std::vector<Agenda> agendas;  ///< custom agendas (meetings name them, or a built-in one, by id)
  Json extra = Json::object();

  /// Lookups by id; nullptr if absent. O(n).
  const Organization* find_organization(std::string_view id) const;
  const Person* find_person(std::string_view id) const;
  const Meeting* find_meeting(std::string_view id) const;
  const Agenda* find_agenda(std::string_view id) const;

  friend bool operator==(const Partnership&, const Partnership&) = default;
};

/// Names of the process templates built into this version.
const std::vector<std::string>& builtin_process_templates();

}  // namespace partnerkit
