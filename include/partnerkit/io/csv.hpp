// Reading and writing CSV (RFC 4180): quoted fields, embedded delimiters and line breaks, a
// byte-order mark, CRLF or LF line ends. Generic: any importer of spreadsheet exports can use it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partnerkit/core/error.hpp"

namespace partnerkit::csv {

struct Options {
  /// The field delimiter; 0 (the default) guesses it with guess_delimiter().
  char delimiter = 0;
  /// Reject text that is not valid UTF-8 (the document is UTF-8 JSON). A NUL byte is always rejected.
  bool require_utf8 = true;
};

/// One record. `row` counts records from 1 (the header, if there is one, is row 1), as a
/// spreadsheet numbers its rows; `line` is the physical line the record starts on (they differ
/// only after a quoted field with line breaks).
struct Record {
  std::size_t row = 0;
  std::size_t line = 0;
  std::vector<std::string> fields;
  friend bool operator==(const Record&, const Record&) = default;
};

/// The delimiter of a spreadsheet export: ',' unless the first record (up to its first line break
/// outside quotes) has a ';' or else a tab and no ',' (spreadsheets in many locales write ';').
char guess_delimiter(std::string_view text);

/// A spreadsheet's name for a 0-based column: "A", "B", ..., "Z", "AA", ...
std::string column_letter(std::size_t index);

/// Parses CSV text into records. A leading UTF-8 byte-order mark is dropped; records end at
/// CRLF, LF, a lone CR or the end of the text; a quoted field may hold the delimiter, line breaks
/// and doubled quotes (""). Blank lines are skipped (they keep their row number). O(size).
/// Throws ValidationError listing every problem (file `source`, pointer "row N, column X" as a
/// spreadsheet names the cell): a quote inside an unquoted field, text after a closing quote, a
/// quoted field that never ends, a NUL byte, bytes that are not UTF-8.
std::vector<Record> parse(std::string_view text, std::string_view source = "<string>", const Options& options = {});

/// A CSV file with a header row.
struct Table {
  std::vector<std::string> header;  ///< as written (trimmed of spaces at both ends)
  std::vector<Record> rows;         ///< every row after the header, each as wide as the header
  /// Index of the column whose header is exactly `name`, if any.
  std::optional<std::size_t> column(std::string_view name) const;
};

/// parse(), then splits off the header. Throws ValidationError with every problem: those of
/// parse(), no header, an empty or repeated header name, rows wider or narrower than the header.
Table parse_table(std::string_view text, std::string_view source = "<string>", const Options& options = {});

/// Reads `path` and calls parse_table() with the path as source. Throws IoError if it cannot be read.
Table load_table(const std::filesystem::path& path, const Options& options = {});

/// Where a cell is, for Issue::pointer: `row 7, column "trust_reliability"`.
std::string cell_location(std::size_t row, std::string_view column);

/// One field as CSV: quoted (with doubled quotes) if it holds the delimiter, a quote, CR or LF,
/// or begins with a space; otherwise unchanged. Spreadsheet formula injection is not this
/// function's concern: see quote_for_spreadsheet().
std::string quote(std::string_view field, char delimiter = ',');

/// Like quote(), and a field beginning with =, +, -, @, tab or CR gets a leading ' so a spreadsheet
/// shows it as text instead of running it as a formula (OWASP's CSV injection advice).
std::string quote_for_spreadsheet(std::string_view field, char delimiter = ',');

/// One record as a CSV line ending in CRLF (RFC 4180).
std::string format_record(const std::vector<std::string>& fields, char delimiter = ',');

}  // namespace partnerkit::csv
