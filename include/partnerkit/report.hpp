// The report a facilitator hands out: one self-contained HTML page (or Markdown, or the JSON data
// behind it) that puts every capability together: the partnership at a glance, its stage, the
// roster and its gaps, the network, the timeline of meetings, the collective worksheet summary
// and the ideas ranked into areas of focus (docs/report.md).
//
// The only module that uses all the others; it computes nothing itself but calls them.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "partnerkit/core/model.hpp"

namespace partnerkit::report {

enum class Format { html, markdown, json };
const char* to_string(Format f);
/// "html", "md" or "markdown", "json"; nullopt for anything else.
std::optional<Format> parse_format(std::string_view name);

struct Options {
  /// The day the report is about (stage, ties observed so far). Default: today in the
  /// partnership's time zone.
  std::optional<Date> on;
  /// DTSTAMP of the embedded calendar. Default: `on` at 00:00 UTC, so a report of the same
  /// document on the same day is the same, byte for byte.
  std::optional<std::chrono::sys_seconds> dtstamp;
};

/// The data behind the report, section by section (docs/report.md lists every field): "name",
/// "on", "generator", then "at_a_glance", "stage", "roster", "network", "timeline",
/// "worksheets", "ideas". A part that cannot be computed (no worksheets, no ideas, Graphviz not
/// built in, an unknown process template) has "available": false and a "message" saying why;
/// the report says so instead of failing. Throws ValidationError for a document whose ties are
/// not a valid graph or whose meetings refer to unknown sessions.
nlohmann::ordered_json data(const Partnership& p, const Options& options = {});

/// The report in a format: HTML (one page, inline CSS and SVG, no network request), Markdown
/// (the same content; user text escaped so it adds no Markdown or HTML) or JSON (data()).
std::string render(const Partnership& p, Format format, const Options& options = {});

/// The same from data() already computed.
std::string render(const nlohmann::ordered_json& data, Format format);

/// Escapes text for the Markdown report: Markdown's inline syntax and HTML (`\ * _ [ ] < > & |
/// ~ ! { } ( ) # `` ` ``) get a backslash, line breaks become spaces, and a leading character that
/// would start a block (`- + = >`, `1.`, `1)`) is escaped too. Digits, letters, dates and
/// decimals stay readable.
std::string escape_markdown(std::string_view text);

}  // namespace partnerkit::report
