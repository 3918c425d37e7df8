// A small RFC 4180 CSV reader for worksheet imports (private to the library).
//
// TODO(lead): the graphtools branch is writing a shared reader (include/partnerkit/io/csv.hpp);
// once it is on main, worksheet_csv.cpp can use it and this file can go.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "partnerkit/core/error.hpp"

namespace partnerkit::themes::detail {

struct CsvTable {
  char delimiter = ',';
  /// Records in order; rows[0] is the first record (the heading row of a worksheet CSV).
  std::vector<std::vector<std::string>> rows;
};

/// "A", "B", ..., "Z", "AA", ... for a 0-based column index (as spreadsheets name columns).
std::string column_letter(std::size_t index);

/// Parses CSV text: a UTF-8 byte order mark is skipped; the delimiter is a comma, or a semicolon
/// or tab when the first record has one of those and no comma; quoted cells may hold the
/// delimiter, line breaks and doubled quotes (""); records end at LF, CRLF or CR. Problems
/// (a quote left open, text after a closing quote, bytes that are not UTF-8, a NUL) are appended
/// to `issues` with pointer "row N, column X" (1-based records, as a spreadsheet numbers them);
/// reading goes on so every problem is reported. O(size of the text).
CsvTable read_csv(std::string_view text, const std::string& file, std::vector<Issue>& issues);

}  // namespace partnerkit::themes::detail
