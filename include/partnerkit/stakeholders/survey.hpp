// Relationship ratings from a survey export (CSV): one row per respondent organization and
// partner, read into the document (creates or updates relationships). See docs/stakeholders-tools.md.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partnerkit/core/model.hpp"

namespace partnerkit::stakeholders {

struct SurveyOptions {
  /// Kind given to every tie when the file has no kind column (or the cell is empty).
  std::optional<std::string> kind;
  /// Day given to every tie when the file has no date column (or the cell is empty).
  std::optional<Date> observed;
};

/// A column of the file and the field it was read into.
struct SurveyColumn {
  std::string field;   ///< respondent, partner, kind, observed, frequency, level, trust_reliability, ...
  std::string header;  ///< the header as written in the file
  friend bool operator==(const SurveyColumn&, const SurveyColumn&) = default;
};

/// What an import did.
struct SurveyResult {
  std::size_t rows = 0;     ///< data rows read
  std::size_t created = 0;  ///< relationships added
  std::size_t updated = 0;  ///< relationships changed in place
  std::size_t skipped = 0;  ///< rows saying there is no contact (frequency "never" or 0)
  std::vector<SurveyColumn> columns;          ///< recognized columns, in file order
  std::vector<std::string> ignored_columns;   ///< headers not recognized, in file order
};

/// The canonical survey fields and the header names each accepts (after normalizing: lower
/// case, every run of characters other than letters and digits as one "_", trimmed of "_").
const std::vector<std::pair<std::string, std::vector<std::string>>>& survey_header_aliases();

/// Reads survey ratings into `p`. Each row rates `partner` as seen by `respondent` (both
/// organizations, by id or by name, case-insensitive); it becomes the directed tie
/// respondent → partner of the row's kind and date. A tie with the same source, target, kind and
/// observed day is updated: the fields whose columns are in the file are replaced (an empty cell
/// clears an item: missing, never zero), the others are kept; otherwise a tie is added.
/// All or nothing: on any problem `p` is unchanged and ValidationError lists every problem with
/// its row and column (`FILE: row 7, column "trust_reliability": expected an integer 1–4, got "five"`).
/// O(rows + relationships).
SurveyResult import_survey(Partnership& p, std::string_view csv_text, std::string_view source = "<string>",
                           const SurveyOptions& options = {});

/// Reads the file at `path` and calls import_survey(); throws IoError if it cannot be read.
SurveyResult import_survey_file(Partnership& p, const std::filesystem::path& path, const SurveyOptions& options = {});

/// The result as JSON: {"rows", "created", "updated", "skipped", "columns": {field: header}, "ignored_columns"}.
nlohmann::ordered_json to_json(const SurveyResult& r);

}  // namespace partnerkit::stakeholders
