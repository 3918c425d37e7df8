// Timed agendas: items placed on the clock, checked, and the toolkit's four sample agendas built in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partnerkit/core/model.hpp"

namespace partnerkit::meetings {

/// The document form of an agenda and of its items (core/model.hpp).
using partnerkit::Agenda;
using partnerkit::AgendaItem;

/// An agenda item placed on the clock: offsets in minutes from the agenda's start.
struct TimedItem {
  std::string title;
  std::string kind;  ///< session, break or meal
  Minutes offset{0};
  Minutes duration{0};
  std::optional<std::string> description;
  Minutes end() const { return offset + duration; }
  friend bool operator==(const TimedItem&, const TimedItem&) = default;
};

/// An agenda resolved onto the clock.
struct TimedAgenda {
  std::string id;
  std::string title;
  Minutes start{0};   ///< clock time of the agenda's start (minutes after midnight)
  Minutes length{0};  ///< from the start to the end ("Adjourn")
  std::vector<TimedItem> items;
  friend bool operator==(const TimedAgenda&, const TimedAgenda&) = default;
};

/// A problem found in an agenda: what it is (a stable code), which item (index into
/// Agenda::items) when it is about one, and a sentence that explains it.
struct AgendaIssue {
  std::string code;  ///< no_items, unplaced, overlap, gap, past_end, too_long, too_short,
                     ///< session_length, no_break, no_meal, longer_than_meeting, shorter_than_meeting
  std::optional<std::size_t> item;
  std::string message;
  friend bool operator==(const AgendaIssue&, const AgendaIssue&) = default;
};

/// What to check an agenda against.
struct AgendaCheckOptions {
  std::optional<Minutes> meeting_length;    ///< the meeting's duration; the agenda must fill it exactly
  std::optional<std::string> meeting_kind;  ///< default: the agenda's meeting_kind
  Minutes min_in_person_sessions{4 * 60};   ///< toolkit: 4-5 hour in-person sessions
  Minutes max_in_person_sessions{5 * 60};
};

/// Places every item on the clock: an item starts at its clock time, else when the item before
/// ends; it lasts its duration, else until the next item's start, the last one until the
/// agenda's end. An item that cannot be placed this way gets zero minutes (check_agenda says
/// why). O(items).
TimedAgenda timed(const Agenda& agenda);

/// Every problem of an agenda, in item order: items that cannot be placed or start before the
/// agenda, overlaps and holes (unless allow_overlaps / allow_gaps), items past the end, an
/// agenda longer or shorter than the meeting, and for in-person meetings (kind "in-person"):
/// sessions (items of kind "session") adding up to 4-5 hours, at least one break and one meal.
std::vector<AgendaIssue> check_agenda(const Agenda& agenda, const AgendaCheckOptions& options = {});

/// The agendas built into this version (data/agendas/*.json): the toolkit's four samples,
/// planning-call, first-in-person, connecting-call and second-in-person, sorted by id.
const std::vector<Agenda>& builtin_agendas();
/// A built-in agenda; throws Error naming the known ids for an unknown one.
const Agenda& builtin_agenda(std::string_view id);
/// The agenda a document's meeting names: the document's own agendas first, then the built-in
/// ones; nullptr if neither has it.
const Agenda* find_agenda(const Partnership& p, std::string_view id);

/// "9:00am", "12:15pm": a clock time (minutes after midnight) as the toolkit writes it.
std::string clock_label(Minutes clock);

nlohmann::ordered_json to_json(const TimedAgenda& agenda);
nlohmann::ordered_json to_json(const AgendaIssue& issue);

}  // namespace partnerkit::meetings
