// RFC 4180 CSV reader and writer (see include/partnerkit/io/csv.hpp).
#include "partnerkit/io/csv.hpp"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "io/detail.hpp"

namespace partnerkit::csv {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if it is not one (overlong forms,
// surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n;
  unsigned min;
  unsigned cp;
  if ((c & 0xE0) == 0xC0) n = 2, min = 0x80, cp = c & 0x1F;
  else if ((c & 0xF0) == 0xE0) n = 3, min = 0x800, cp = c & 0x0F;
  else if ((c & 0xF8) == 0xF0) n = 4, min = 0x10000, cp = c & 0x07;
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// Where a field is, for Issue::pointer: "row 3, column B" (field is 1-based).
std::string where(std::size_t row, std::size_t field) {
  return "row " + std::to_string(row) + ", column " + column_letter(field - 1);
}

std::string trimmed(std::string_view s) {
  auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  auto last = s.find_last_not_of(" \t");
  return std::string(s.substr(first, last - first + 1));
}

}  // namespace

char guess_delimiter(std::string_view text) {
  bool quoted = false, comma = false, semicolon = false, tab = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    comma |= c == ',';
    semicolon |= c == ';';
    tab |= c == '\t';
  }
  return comma ? ',' : semicolon ? ';' : tab ? '\t' : ',';
}

std::string column_letter(std::size_t index) {
  std::string out;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  return out;
}

std::vector<Record> parse(std::string_view text, std::string_view source_view, const Options& options) {
  const std::string source(source_view);
  std::vector<Issue> issues;
  std::vector<Record> records;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  const char delim = options.delimiter ? options.delimiter : guess_delimiter(text);
  std::size_t i = 0, line = 1, row = 1;
  const std::size_t n = text.size();
  while (i < n) {
    Record rec;
    rec.row = row;
    rec.line = line;
    std::string field;
    bool record_done = false;
    while (!record_done) {
      const std::size_t field_no = rec.fields.size() + 1;
      field.clear();
      if (i < n && text[i] == '"') {
        // Quoted field.
        const std::size_t open_line = line;
        ++i;
        bool closed = false;
        while (i < n) {
          char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n') ++line;
          field += c;
          ++i;
        }
        if (!closed) {
          issues.push_back({source, where(rec.row, field_no),
                            "a quoted field opened on line " + std::to_string(open_line) + " never ends (a \" is missing)"});
          rec.fields.push_back(std::move(field));
          i = n;
          record_done = true;
          break;
        }
        // After the closing quote: delimiter, line end or end of text.
        if (i < n && text[i] != delim && text[i] != '\n' && text[i] != '\r') {
          issues.push_back({source, where(rec.row, field_no),
                            "text after the closing quote of a quoted field (write \"\" for a quote inside it)"});
          while (i < n && text[i] != delim && text[i] != '\n' && text[i] != '\r') field += text[i++];
        }
      } else {
        bool reported = false;
        while (i < n && text[i] != delim && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"' && !reported) {
            issues.push_back({source, where(rec.row, field_no),
                              "a quote inside an unquoted field (quote the whole field and write \"\" for the quote)"});
            reported = true;
          }
          field += text[i++];
        }
      }
      rec.fields.push_back(field);
      if (i >= n) {
        record_done = true;
      } else if (text[i] == delim) {
        ++i;
        if (i >= n) {  // a trailing delimiter at the very end: one more empty field
          rec.fields.emplace_back();
          record_done = true;
        }
      } else {  // CRLF, LF or a lone CR
        if (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
        record_done = true;
      }
    }
    // Content checks on every field of the record.
    for (std::size_t f = 0; f < rec.fields.size(); ++f) {
      const std::string& v = rec.fields[f];
      if (v.find('\0') != std::string::npos) {
        issues.push_back({source, where(rec.row, f + 1), "a NUL byte (the file is not text, or not UTF-8)"});
        continue;
      }
      if (options.require_utf8) {
        for (std::size_t k = 0; k < v.size();) {
          std::size_t len = utf8_length(v, k);
          if (len == 0) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned char>(v[k]));
            issues.push_back({source, where(rec.row, f + 1),
                              std::string("byte 0x") + hex + " at byte " + std::to_string(k + 1) +
                                  " of the field is not UTF-8; expected UTF-8 text (save the file as \"CSV UTF-8\")"});
            break;
          }
          k += len;
        }
      }
    }
    const bool blank = rec.fields.size() == 1 && rec.fields[0].empty();
    if (!blank) records.push_back(std::move(rec));
    ++row;
  }
  if (!issues.empty()) throw ValidationError(std::move(issues));
  return records;
}

std::optional<std::size_t> Table::column(std::string_view name) const {
  auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) return std::nullopt;
  return static_cast<std::size_t>(it - header.begin());
}

Table parse_table(std::string_view text, std::string_view source_view, const Options& options) {
  const std::string source(source_view);
  std::vector<Record> records = parse(text, source, options);
  if (records.empty()) throw ValidationError(source, "row 1", "expected a header row, got an empty file");
  Table t;
  std::vector<Issue> issues;
  const Record& head = records.front();
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t f = 0; f < head.fields.size(); ++f) {
    std::string name = trimmed(head.fields[f]);
    if (name.empty()) {
      issues.push_back({source, where(head.row, f + 1), "expected a column name in the header, got an empty one"});
    } else if (auto [it, fresh] = seen.emplace(name, f + 1); !fresh) {
      issues.push_back({source, where(head.row, f + 1),
                        "the column name \"" + name + "\" is repeated (first in column " + column_letter(it->second - 1) + ")"});
    }
    t.header.push_back(std::move(name));
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    Record& rec = records[r];
    if (rec.fields.size() != t.header.size()) {
      issues.push_back({source, "row " + std::to_string(rec.row),
                        "expected " + std::to_string(t.header.size()) + " fields as in the header, got " +
                            std::to_string(rec.fields.size())});
      continue;
    }
    t.rows.push_back(std::move(rec));
  }
  if (!issues.empty()) throw ValidationError(std::move(issues));
  return t;
}

Table load_table(const std::filesystem::path& path, const Options& options) {
  return parse_table(detail::read_file(path), path.string(), options);
}

std::string cell_location(std::size_t row, std::string_view column) {
  std::string out = "row " + std::to_string(row) + ", column \"";
  for (char c : column) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out + "\"";
}

std::string quote(std::string_view field, char delimiter) {
  bool needs = !field.empty() && field.front() == ' ';
  for (char c : field)
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') needs = true;
  if (!needs) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string quote_for_spreadsheet(std::string_view field, char delimiter) {
  if (!field.empty() && (field.front() == '=' || field.front() == '+' || field.front() == '-' ||
                         field.front() == '@' || field.front() == '\t' || field.front() == '\r'))
    return quote("'" + std::string(field), delimiter);
  return quote(field, delimiter);
}

std::string format_record(const std::vector<std::string>& fields, char delimiter) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += delimiter;
    out += quote(fields[i], delimiter);
  }
  return out + "\r\n";
}

}  // namespace partnerkit::csv
