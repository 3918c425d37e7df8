// The worksheet's five quadrants, and worksheet entries imported from a spreadsheet (CSV), as
// facilitators collect them with online forms (docs/themes-summary.md).
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partnerkit/core/model.hpp"

namespace partnerkit::themes {

/// The toolkit's quadrants (and values, in the middle), in the worksheet's order.
enum class Quadrant { proud_of, help_with, frustrated_by, love_to, values };

/// All five, in order.
inline constexpr std::array<Quadrant, 5> all_quadrants{Quadrant::proud_of, Quadrant::help_with,
                                                       Quadrant::frustrated_by, Quadrant::love_to,
                                                       Quadrant::values};
/// The document's key: "proud_of", "help_with", "frustrated_by", "love_to", "values".
const char* to_string(Quadrant q);
/// The toolkit's heading: "Proud of (strengths)", "Help with (challenges)", "Frustrated by
/// (barriers)", "Love to (hopes)", "Values (what's important)".
const char* heading(Quadrant q);
/// The quadrant a heading names, leniently: case, punctuation and spacing are ignored, and the
/// key, the words before a parenthesis, or those inside it all match ("Proud Of (Strengths)",
/// "help with", "Frustrated by (barriers)", "values / what's important", "hopes", "love_to").
std::optional<Quadrant> parse_quadrant(std::string_view text);

/// A worksheet's entries in one quadrant.
const std::vector<std::string>& entries(const Worksheet& w, Quadrant q);
std::vector<std::string>& entries(Worksheet& w, Quadrant q);

/// What an import did.
struct WorksheetImport {
  std::size_t rows = 0;                ///< data rows read (rows with every cell empty are skipped)
  std::size_t added = 0;               ///< entries added
  std::size_t duplicates = 0;          ///< entries the worksheet already had, not added again
  std::size_t worksheets_created = 0;  ///< new (organization, meeting) worksheets
};

/// Adds worksheet entries from CSV text to `p`. The first row names the columns (case and
/// punctuation ignored). Two layouts:
/// - long: columns organization, quadrant, entry and optionally meeting (aliases:
///   organisation/org/agency, section, entries/text/response, session); one row per entry;
/// - wide: columns organization, optionally meeting, and one column per quadrant named by its
///   heading ("Proud Of (Strengths)", ...), as online forms export them.
/// A cell may hold several entries, one per line (leading bullets "•", "-", "*" are dropped).
/// Organizations match by id, else by id or name ignoring case; meetings by id or title. Each
/// (organization, meeting) pair gets one worksheet: entries go to the existing one, else a new
/// one is appended. An entry the worksheet already has is not added again.
/// Throws ValidationError with every problem (file `source`, pointer "row N, column C (name)",
/// message with what was expected, and a did-you-mean for an unknown organization or meeting);
/// `p` is unchanged then. O(rows × (organizations + entries of the worksheet)).
WorksheetImport import_worksheets_text(Partnership& p, std::string_view csv_text,
                                       std::string_view source = "<csv>");
/// Reads a CSV file and calls import_worksheets_text(); IoError if it cannot be read.
WorksheetImport import_worksheets(Partnership& p, const std::filesystem::path& csv);

}  // namespace partnerkit::themes
