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

}  // namespace partnerkit::meetings
