// RFC 4180 CSV reading for worksheet imports (see csv_read.hpp).
#include "themes/csv_read.hpp"

#include <cstdio>

namespace partnerkit::themes::detail {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 (overlong forms, surrogates and values
// above U+10FFFF are invalid, as in RFC 3629).
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  if (c < 0x80) return 1;
  std::size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k)
    if ((b(k) & 0xC0) != 0x80) return 0;
  if (len == 2 && c < 0xC2) return 0;
  if (len == 3) {
    if (c == 0xE0 && b(1) < 0xA0) return 0;
    if (c == 0xED && b(1) >= 0xA0) return 0;
  }
  if (len == 4) {
    if (c == 0xF0 && b(1) < 0x90) return 0;
    if (c > 0xF4 || (c == 0xF4 && b(1) >= 0x90)) return 0;
  }
  return len;
}

// The problem with a cell's bytes, or "".
std::string check_text(std::string_view cell) {
  for (std::size_t i = 0; i < cell.size();) {
    if (cell[i] == '\0') return "the cell holds a NUL character; expected text without NUL characters";
    std::size_t len = utf8_length(cell, i);
    if (len == 0) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%02X", static_cast<unsigned char>(cell[i]));
      return std::string("byte 0x") + buf + " at byte " + std::to_string(i + 1) +
             " of the cell is not UTF-8; expected UTF-8 text (save the spreadsheet as \"CSV UTF-8\")";
    }
    i += len;
  }
  return {};
}

char choose_delimiter(std::string_view text) {
  // The first record, up to its first line break outside quotes.
  bool quoted = false, comma = false, semicolon = false, tab = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    comma |= c == ',';
    semicolon |= c == ';';
    tab |= c == '\t';
  }
  if (comma) return ',';
  if (semicolon) return ';';
  if (tab) return '\t';
  return ',';
}

}  // namespace

std::string column_letter(std::size_t index) {
  std::string out;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  return out;
}

CsvTable read_csv(std::string_view text, const std::string& file, std::vector<Issue>& issues) {
  CsvTable table;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  table.delimiter = choose_delimiter(text);
  const char delim = table.delimiter;

  std::vector<std::string> record;
  std::string cell;
  auto where = [&](std::size_t column) {
    return "row " + std::to_string(table.rows.size() + 1) + ", column " + column_letter(column);
  };
  auto end_cell = [&] {
    if (auto problem = check_text(cell); !problem.empty()) {
      issues.push_back({file, where(record.size()), problem});
      cell.clear();  // reported; its bytes go no further
    }
    record.push_back(std::move(cell));
    cell.clear();
  };
  auto end_record = [&] {
    end_cell();
    table.rows.push_back(std::move(record));
    record.clear();
  };

  std::size_t i = 0;
  const std::size_t n = text.size();
  bool at_cell_start = true;
  while (i < n) {
    char c = text[i];
    if (at_cell_start && c == '"') {
      // A quoted cell: runs to the quote that is not doubled.
      std::size_t open_row = table.rows.size() + 1, open_column = record.size();
      ++i;
      bool closed = false;
      while (i < n) {
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            cell += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        cell += text[i++];
      }
      if (!closed) {
        issues.push_back({file, "row " + std::to_string(open_row) + ", column " + column_letter(open_column),
                          "a quoted cell is not closed; expected a closing \" before the end of the file"});
        break;
      }
      // After the closing quote: the delimiter, a line break or the end.
      if (i < n && text[i] != delim && text[i] != '\n' && text[i] != '\r') {
        issues.push_back({file, where(record.size()),
                          "text after the closing quote of a quoted cell; expected the delimiter or the end of "
                          "the row (a quote inside a quoted cell is written \"\")"});
        while (i < n && text[i] != delim && text[i] != '\n' && text[i] != '\r') cell += text[i++];
      }
      at_cell_start = false;
      continue;
    }
    at_cell_start = false;
    if (c == delim) {
      end_cell();
      at_cell_start = true;
      ++i;
    } else if (c == '\n' || c == '\r') {
      end_record();
      at_cell_start = true;
      i += (c == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
    } else {
      cell += c;
      ++i;
    }
  }
  // The last record, unless the text ended with a line break (or was empty).
  if (!at_cell_start || !record.empty()) end_record();
  return table;
}

}  // namespace partnerkit::themes::detail
