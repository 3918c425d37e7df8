// Exports of a meeting plan: iCalendar (RFC 5545, written with libical), Markdown and HTML agendas.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "partnerkit/meetings/plan.hpp"

namespace partnerkit::meetings {

struct IcalOptions {
  /// DTSTAMP of every event; default: now. Fix it to get byte-identical files.
  std::optional<std::chrono::sys_seconds> dtstamp;
};

/// One VCALENDAR (VERSION 2.0, PRODID of this version) with a VEVENT per meeting: its stable
/// UID, DTSTAMP, SUMMARY, DTSTART/DTEND with TZID, LOCATION, STATUS, an ORGANIZER (the first
/// facilitator among the participants, else the first decision-maker) and an ATTENDEE per
/// participant (mailto: when the document gives an e-mail, else urn:partnerkit:person:ID), and
/// the timed agenda in DESCRIPTION (event_description()). Every zone used gets a VTIMEZONE built
/// from the tz database's transitions from a year before the first meeting to a year after the
/// last, so every consumer computes the same instants. libical escapes the text. O(meetings ×
/// participants + transitions).
std::string to_ical(const Plan& plan, const IcalOptions& options = {});

/// The DESCRIPTION of a meeting's event: the meeting's agenda on its clock, one line per item
/// ("9:00am-10:00am Welcome, Introductions and Framing"), each item's description on the line
/// after it, then "3:00pm Adjourn"; empty when it has no agenda.
std::string event_description(const Plan& plan, const PlannedMeeting& meeting);

/// The plan as Markdown (GitHub flavour): the timeline as a table, then each meeting with its
/// timed agenda, then the findings. User text is escaped, so it cannot add Markdown or HTML.
std::string to_markdown(const Plan& plan);

/// to_markdown() rendered by cmark-gfm (tables extension, raw HTML disabled). With `full_page`,
/// a standalone UTF-8 HTML document; else a fragment for embedding (notebooks, reports).
std::string to_html(const Plan& plan, bool full_page = true);

/// Escapes text for Markdown: every ASCII punctuation character gets a backslash, line breaks
/// become spaces (one table cell, one line).
std::string escape_markdown(std::string_view text);

}  // namespace partnerkit::meetings
