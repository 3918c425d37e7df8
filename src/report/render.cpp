// report::render(): the report's data through the Mustache templates (kainjow), in a file of its
// own so the template engine compiles beside the rest (DEPENDENCIES.md P15).
#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>

#include "partnerkit/core/error.hpp"
#include "partnerkit/report.hpp"
#include "report/templates.hpp"

namespace partnerkit::report {
namespace {

using OJson = nlohmann::ordered_json;
namespace mu = kainjow::mustache;

std::string base64(std::string_view in) {
  static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    out += table[(n >> 18) & 63];
    out += table[(n >> 12) & 63];
    out += table[(n >> 6) & 63];
    out += table[n & 63];
  }
  if (i < in.size()) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += table[(n >> 18) & 63];
    out += table[(n >> 12) & 63];
    out += i + 1 < in.size() ? table[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

/// A file name made of the name's ASCII letters and digits ("plan" when none are left).
std::string slug(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c) && c < 128) out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '-') out += '-';
    if (out.size() >= 80) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "plan" : out;
}

std::string number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}

/// JSON to Mustache data: null is false (so {{^x}} shows what to say instead), numbers are text
/// (floating point with two decimals), a list of texts also comes joined as KEY_text.
mu::data to_mustache(const OJson& j) {
  switch (j.type()) {
    case OJson::value_t::object: {
      mu::data d{mu::data::type::object};
      for (const auto& [k, v] : j.items()) {
        d.set(k, to_mustache(v));
        // A list of texts also comes joined, as KEY_text ("a; b; c"): Mustache cannot tell the
        // last item of a list.
        if (v.is_array() && std::all_of(v.begin(), v.end(), [](const OJson& x) { return x.is_string(); })) {
          std::string joined;
          for (const auto& x : v) joined += (joined.empty() ? "" : "; ") + x.get<std::string>();
          d.set(k + "_text", joined);
        }
      }
      return d;
    }
    case OJson::value_t::array: {
      mu::data d{mu::data::type::list};
      for (const auto& v : j) d.push_back(to_mustache(v));
      return d;
    }
    case OJson::value_t::string: return mu::data{j.get<std::string>()};
    case OJson::value_t::boolean: return mu::data{j.get<bool>()};
    case OJson::value_t::number_integer: return mu::data{std::to_string(j.get<long long>())};
    case OJson::value_t::number_unsigned: return mu::data{std::to_string(j.get<unsigned long long>())};
    case OJson::value_t::number_float: return mu::data{number(j.get<double>())};
    default: return mu::data{false};
  }
}

std::string render_template(std::string_view text, const mu::data& data, bool markdown) {
  mu::mustache tmpl{std::string(text)};
  if (!tmpl.is_valid()) throw Error("report template: " + tmpl.error_message());
  if (markdown) tmpl.set_custom_escape([](const std::string& s) { return escape_markdown(s); });
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) throw Error("report template: " + tmpl.error_message());
  return out;
}

}  // namespace

std::string escape_markdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  bool at_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r' || c == '\n') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    if (at_start) {
      at_start = false;
      if (c == '-' || c == '+' || c == '=' || c == '>' || c == ' ' || c == '\t') {
        if (c == ' ' || c == '\t') {
          at_start = true;  // leading blanks could make an indented code block: drop them
          continue;
        }
        out += '\\';
        out += c;
        continue;
      }
      if (c >= '0' && c <= '9') {  // "1. " or "1) " would start an ordered list
        std::size_t j = i;
        while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
        out.append(text.substr(i, j - i));
        if (j < text.size() && (text[j] == '.' || text[j] == ')') &&
            (j + 1 == text.size() || text[j + 1] == ' ' || text[j + 1] == '\t')) {
          out += '\\';
          out += text[j];
          ++j;
        }
        i = j - 1;
        continue;
      }
    }
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>': case '&':
      case '|': case '~': case '!': case '{': case '}': case '(': case ')': case '#': case '"':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string render(const nlohmann::ordered_json& data, Format format) {
  if (format == Format::json) return data.dump(2) + "\n";
  mu::data d = to_mustache(data);
  // The calendar as a data: URI (no file beside the page), named after the partnership.
  if (data.contains("timeline") && data["timeline"].contains("ics") && data["timeline"]["ics"].is_string()) {
    mu::data timeline = to_mustache(data["timeline"]);
    timeline.set("ics_href", "data:text/calendar;charset=utf-8;base64," + base64(data["timeline"]["ics"].get<std::string>()));
    timeline.set("ics_filename", slug(data.value("name", std::string())) + ".ics");
    d.set("timeline", timeline);
  }
  if (format == Format::markdown) return render_template(detail::markdown_template(), d, true);
  return render_template(detail::html_template(), d, false);
}

std::string render(const Partnership& p, Format format, const Options& options) {
  return render(data(p, options), format);
}

}  // namespace partnerkit::report
