// JSON text to a JSON value: NUL bytes and nesting depth are checked before nlohmann parses.
#include <cstring>

#include "io/detail.hpp"

namespace partnerkit::detail {
namespace {

std::string line_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Replaces bytes that are not printable UTF-8 with \xNN, so messages stay valid text.
std::string printable(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size() && (len > 1 || c >= 0x20);
    for (std::size_t k = 1; ok && k < len; ++k)
      ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
      ++i;
    }
  }
  return out;
}

}  // namespace

Json parse_json_text(std::string_view text, const std::string& source, std::size_t max_depth, const char* expected) {
  auto fail = [&](const std::string& message) -> Json { throw ValidationError(source, "", message); };
  if (text.empty()) return fail("the input is empty; expected a JSON object");
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    auto offset = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
    return fail("not valid JSON: NUL byte at " + line_column(text, offset) +
                "; expected a JSON value and nothing after it");
  }
  // Depth scan: strings are skipped (with their escapes), brackets counted.
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        // Text with a NUL character breaks every C interface it reaches (and valijson's
        // minLength stops counting at it): reject the escape as the raw byte is rejected.
        if (text.substr(i + 1, 5) == "u0000")
          return fail("a string holds the NUL character \\u0000 at " + line_column(text, i) +
                      "; expected text without NUL characters");
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth)
        return fail("nesting deeper than " + std::to_string(max_depth) + " levels at " +
                    line_column(text, i) + "; expected " + expected);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {
    // parse_error (101, 102, ...) and out_of_range (406: a number too large for a double).
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: ..." -> from "parse error".
    auto pos = what.find("] ");
    if (pos != std::string::npos) what = what.substr(pos + 2);
    return fail("not valid JSON: " + printable(what));
  }
}

std::string describe_value(const Json& value) {
  switch (value.type()) {
    case Json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      // A Json built in C++ may hold any bytes: replace them, never throw (type_error 316).
      auto quote = [](const std::string& t) { return Json(t).dump(-1, ' ', false, Json::error_handler_t::replace); };
      if (s.size() <= 60) return quote(s);
      std::size_t cut = 57;
      while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
      std::string shown = quote(s.substr(0, cut));
      return shown.insert(shown.size() - 1, "...");
    }
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::null: return "null";
    case Json::value_t::discarded: return "nothing";
    default: return value.dump();
  }
}

}  // namespace partnerkit::detail
