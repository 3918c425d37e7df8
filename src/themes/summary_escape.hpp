// Escaping user text for the Markdown and CSV outputs of the summary and the ideas (private).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace partnerkit::themes::detail {

/// User text as literal Markdown on one line: every ASCII punctuation character is
/// backslash-escaped (CommonMark lets any of them be escaped, so no emphasis, link, HTML tag,
/// entity or table cell boundary can come from user text) and line breaks become spaces.
inline std::string markdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else if ((c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~')) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

/// One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes
/// doubled. A cell that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab
/// or a carriage return) gets a leading apostrophe, as OWASP recommends against CSV injection.
inline std::string csv(std::string_view text) {
  std::string cell;
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
                        text[0] == '\r'))
    cell += '\'';
  cell.append(text);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

/// A score with up to 3 decimals and no trailing zeros ("24", "2.5", "1.333").
inline std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

}  // namespace partnerkit::themes::detail
