// The collective summary presented at the second meeting: the themes over every organization's
// worksheet entries, per quadrant and across quadrants, ordered by how many organizations share
// them, with what is unique to one organization (docs/themes-summary.md).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "partnerkit/core/model.hpp"
#include "partnerkit/themes/aggregate.hpp"
#include "partnerkit/themes/worksheet_csv.hpp"

namespace partnerkit::themes {

/// One worksheet entry (or one plain text), with where it came from.
struct SummaryEntry {
  std::string text;
  std::optional<std::string> organization;  ///< organization id (none for plain texts)
  std::optional<Quadrant> quadrant;         ///< none for plain texts
  std::optional<std::string> meeting;       ///< the worksheet's session
  std::size_t document = 0;                 ///< which document, when several are summarized
  friend bool operator==(const SummaryEntry&, const SummaryEntry&) = default;
};

/// The entries of a document's worksheets, in document order: worksheet by worksheet, quadrant
/// by quadrant (proud_of, help_with, frustrated_by, love_to, values), entry by entry. With a
/// session, only the worksheets of that meeting.
std::vector<SummaryEntry> worksheet_entries(const Partnership& p, const std::optional<std::string>& session = {},
                                            std::size_t document = 0);

/// A theme of the summary.
struct SummaryTheme {
  std::string label;                  ///< the engine's label: characteristic words users wrote
  std::vector<std::string> keywords;  ///< the same words, best first
  std::vector<std::size_t> entries;   ///< indices into Summary::entries, ascending
  std::size_t representative = 0;     ///< index into Summary::entries: the most central entry
  double cohesion = 0;                ///< mean cosine similarity of entries to the centroid, 0..1
  /// Distinct organizations ("ID", or "ID@DOCUMENT" when several documents are summarized), in
  /// order of first entry.
  std::vector<std::string> organizations;
  /// Entries per quadrant (quadrants with none left out), in quadrant order.
  std::vector<std::pair<Quadrant, std::size_t>> by_quadrant;
  /// Entries per meeting ("" for worksheets without a session), in order of first entry.
  std::vector<std::pair<std::string, std::size_t>> by_meeting;
  /// A common theme: shared by two or more organizations.
  bool common() const noexcept { return organizations.size() >= 2; }
};

/// One quadrant of the collective summary: its entries grouped on their own.
struct QuadrantSummary {
  Quadrant quadrant = Quadrant::proud_of;
  std::vector<std::size_t> entries;  ///< indices into Summary::entries
  /// Most organizations first, then most entries, then the theme whose first entry comes first.
  std::vector<SummaryTheme> themes;
  std::vector<std::size_t> unassigned;  ///< entries in no theme
  /// What is unique to one organization: its entries in no common theme of this quadrant
  /// (themes of one organization and unassigned entries), per organization in order of first entry.
  std::vector<std::pair<std::string, std::vector<std::size_t>>> unique;
};

struct SummaryOptions {
  /// Only the worksheets of this meeting (nullopt: all).
  std::optional<std::string> session;
  /// Grouping options. `grouping.themes` (exactly K) applies to the themes across quadrants;
  /// within a quadrant the number of themes is always found from the data.
  ThemeOptions grouping;
};

/// The collective summary.
struct Summary {
  std::optional<std::string> session;
  std::vector<SummaryEntry> entries;
  /// Themes over all entries together (a theme may span quadrants), ordered as in a quadrant.
  std::vector<SummaryTheme> themes;
  /// The index into `themes` of every entry, in input order; -1 when unassigned.
  std::vector<int> assignments;
  std::vector<std::size_t> unassigned;  ///< entries in no theme, ascending
  /// The five quadrants in order (present even when empty). Empty for plain texts.
  std::vector<QuadrantSummary> quadrants;
  std::size_t organizations = 0;  ///< distinct organizations with at least one entry
};

/// The collective summary of a document's worksheets. Throws ValidationError if
/// `options.session` is not a meeting of the document; Error on out-of-range grouping options.
Summary summarize(const Partnership& p, const SummaryOptions& options = {});
/// The same over several documents (organizations are told apart by document when there are
/// several: "chapter@1"). The session applies to each document that has that meeting.
Summary summarize(std::span<const Partnership> documents, const SummaryOptions& options = {});
/// Themes over any entries (plain texts have no organization or quadrant: no quadrant sections).
Summary summarize(std::vector<SummaryEntry> entries, const SummaryOptions& options = {});

/// {"session", "counts": {"entries", "assigned", "unassigned", "themes", "common_themes",
/// "organizations"}, "themes": [...], "assignments": [...], "unassigned": [...], "quadrants":
/// [...], "entries": [...]} (docs/themes-summary.md lists every field).
nlohmann::ordered_json to_json(const Summary& s);
/// Plain text for a terminal: per quadrant the themes, most shared first, with their entries.
std::string to_text(const Summary& s);
/// Markdown for the meeting handout; user text is escaped.
std::string to_markdown(const Summary& s);
/// One CSV row per entry: entry, text, organization, quadrant, meeting, theme, theme_label,
/// theme_organizations, common, quadrant_theme, quadrant_theme_label; user text quoted and
/// guarded against formulas.
std::string to_csv(const Summary& s);

}  // namespace partnerkit::themes
