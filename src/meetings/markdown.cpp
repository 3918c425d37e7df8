// Markdown and HTML (cmark-gfm) agendas of a plan; user text escaped in both.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cctype>
#include <mutex>

#include "meetings/detail.hpp"
#include "partnerkit/core/error.hpp"
#include "partnerkit/meetings/export.hpp"

namespace partnerkit::meetings {
namespace {

namespace ch = std::chrono;

const char* weekday_name(ch::sys_days d) {
  static const char* names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return names[ch::weekday(d).iso_encoding() - 1];
}

ch::sys_days day_of(LocalDateTime t) { return ch::sys_days(ch::floor<ch::days>(t).time_since_epoch()); }
Minutes clock_of(LocalDateTime t) { return ch::duration_cast<Minutes>(t - ch::floor<ch::days>(t)); }

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  return out;
}

std::string participant_name(const Plan& plan, const std::string& id) {
  const Person* p = plan.find_person(id);
  if (!p) return id;
  std::string out = p->name.empty() ? p->id : p->name;
  for (const auto& org : plan.organizations)
    if (org.id == p->organization) return out + " (" + org.name + ")";
  return out;
}

}  // namespace

std::string escape_markdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\r' || c == '\n') {
      out += ' ';
    } else if (u < 0x80 && std::ispunct(u)) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string to_markdown(const Plan& plan) {
  const auto e = escape_markdown;
  std::string md = "# " + e(plan.name.empty() ? "Meeting plan" : plan.name) + "\n\n";
  md += std::to_string(plan.meetings.size()) + " meetings";
  if (!plan.meetings.empty())
    md += " from " + format_date(ch::year_month_day(day_of(plan.meetings.front().start))) + " to " +
          format_date(ch::year_month_day(day_of(plan.meetings.back().start)));
  md += "; times in each meeting's time zone.\n\n";
  md += "| Date | Time | Meeting | Kind | Where | Agenda |\n|---|---|---|---|---|---|\n";
  for (const auto& m : plan.meetings) {
    auto d = day_of(m.start);
    Minutes c = clock_of(m.start);
    std::string title = e(m.title);
    if (m.if_needed) title += " \\(if needed\\)";
    if (m.status == MeetingStatus::cancelled) title = "~~" + title + "~~ cancelled";
    md += "| " + std::string(weekday_name(d)).substr(0, 3) + " " + format_date(ch::year_month_day(d)) + " | " +
          clock_label(c) + "\\-" + clock_label(c + m.duration) + " " + e(m.timezone) + " | " + title + " | " + e(m.kind) +
          " | " + (m.location ? e(*m.location) : "") + " | " + (m.agenda ? e(*m.agenda) : "") + " |\n";
  }
  for (const auto& m : plan.meetings) {
    auto d = day_of(m.start);
    Minutes c = clock_of(m.start);
    md += "\n## " + e(m.title) + "\n\n";
    md += std::string(weekday_name(d)) + " " + format_date(ch::year_month_day(d)) + ", " + clock_label(c) + "\\-" +
          clock_label(c + m.duration) + " \\(" + e(m.timezone) + "\\)";
    if (m.location) md += ", " + e(*m.location);
    md += "\n";
    if (const Agenda* agenda = detail::agenda_of(plan, m)) {
      TimedAgenda t = timed(*agenda);
      md += "\n| Time | Item | Notes |\n|---|---|---|\n";
      for (const auto& item : t.items) {
        std::string title = e(item.title);
        if (item.kind != "session") title = "*" + title + "*";
        md += "| " + clock_label(c + item.offset) + "\\-" + clock_label(c + item.end()) + " | " + title + " | " +
              (item.description ? e(*item.description) : "") + " |\n";
      }
      md += "| " + clock_label(c + t.length) + " | Adjourn | |\n";
    }
    if (!m.participants.empty()) {
      md += "\nParticipants: ";
      for (std::size_t i = 0; i < m.participants.size(); ++i)
        md += (i ? ", " : "") + e(participant_name(plan, m.participants[i]));
      md += "\n";
    }
  }
  if (!plan.issues.empty()) {
    md += "\n## Findings\n\n";
    for (const auto& issue : plan.issues) md += "- " + e(issue.message) + "\n";
  }
  return md;
}

std::string to_html(const Plan& plan, bool full_page) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  const std::string md = to_markdown(plan);
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  if (!parser) throw Error("cmark-gfm could not create a parser");
  if (cmark_syntax_extension* table = cmark_find_syntax_extension("table"))
    cmark_parser_attach_syntax_extension(parser, table);
  if (cmark_syntax_extension* strike = cmark_find_syntax_extension("strikethrough"))
    cmark_parser_attach_syntax_extension(parser, strike);
  cmark_parser_feed(parser, md.data(), md.size());
  cmark_node* doc = cmark_parser_finish(parser);
  // CMARK_OPT_DEFAULT leaves CMARK_OPT_UNSAFE off: raw HTML is never passed through.
  char* html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
  std::string body(html ? html : "");
  cmark_get_default_mem_allocator()->free(html);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  if (!full_page) return "<div class=\"partnerkit-plan\">\n" + body + "</div>\n";
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
         html_escape(plan.name.empty() ? "Meeting plan" : plan.name) +
         "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}"
         "th,td{border:1px solid #bbb;padding:.2em .5em;text-align:left;vertical-align:top}</style>\n</head>\n<body>\n" +
         body + "</body>\n</html>\n";
}

}  // namespace partnerkit::meetings
