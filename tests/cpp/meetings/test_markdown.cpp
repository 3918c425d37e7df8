// Markdown and HTML agendas: the timeline and timed agendas, user text that cannot add Markdown
// or HTML (checked through cmark-gfm's own rendering), raw HTML never passed through.
#include <catch2/catch.hpp>

#include "partnerkit/io/document.hpp"
#include "partnerkit/meetings/export.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::meetings;
namespace pt = partnerkit::test;
using Catch::Matchers::Contains;

namespace {

// What cmark-gfm's HTML writer does to text.
std::string html_text(std::string_view s) {
  std::string out;
  for (char c : s) switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  return out;
}

Plan one_meeting(const std::string& title) {
  Plan p;
  p.name = "P";
  PlannedMeeting m;
  m.id = "m";
  m.kind = "connecting-call";
  m.title = title;
  m.start = *parse_local_datetime("2027-05-11T10:00");
  m.duration = Minutes(60);
  m.timezone = "America/Denver";
  p.meetings.push_back(m);
  return p;
}

}  // namespace

TEST_CASE("the Markdown plan has the timeline and every timed agenda", "[meetings][markdown]") {
  Plan p = plan(load(pt::example("state-cac-voca.json")));
  std::string md = to_markdown(p);
  CHECK_THAT(md, Contains("| Date | Time | Meeting | Kind | Where | Agenda |"));
  CHECK_THAT(md, Contains("| Tue 2027-05-11 | 9:00am\\-3:00pm America\\/Denver | First in\\-person workgroup meeting |"));
  CHECK_THAT(md, Contains("## Second in\\-person workgroup meeting\n\nTuesday 2027-06-22, 9:00am\\-3:00pm "
                          "\\(America\\/Denver\\), Mountain State Office for Victim Programs\\, Training Room A"));
  CHECK_THAT(md, Contains("| 10:45am\\-11:00am | *Break* |"));
  CHECK_THAT(md, Contains("| 12:15pm\\-1:00pm | *Lunch* |"));
  CHECK_THAT(md, Contains("| 3:00pm | Adjourn | |"));
  CHECK_THAT(md, Contains("Third in\\-person workgroup meeting \\(if needed\\)"));
  CHECK_THAT(md, Contains("## Findings\n\n- planning \\(2027\\-04\\-13"));

  std::string html = to_html(p);
  CHECK_THAT(html, Catch::Matchers::StartsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"));
  CHECK_THAT(html, Contains("<table>"));
  CHECK_THAT(html, Contains("<td>10:00am-10:30am</td>\n<td>On Teaming and Partnerships</td>"));
  CHECK_THAT(html, Contains("<td><em>Lunch</em></td>"));
  CHECK_THAT(html, Contains("<h2>Connecting call 1</h2>"));
  std::string fragment = to_html(p, false);
  CHECK_THAT(fragment, Catch::Matchers::StartsWith("<div class=\"partnerkit-plan\">\n<h1>"));
  CHECK(fragment.find("<html") == std::string::npos);
}

TEST_CASE("user text stays text in Markdown and HTML", "[meetings][markdown]") {
  const std::vector<std::string> nasty{
      "<script>alert('x')</script>", "*bold* _it_ `code` ~~gone~~", "[link](javascript:alert(1))",
      "![img](http://e.com/x.png)", "# not a heading", "1. not a list", "> not a quote", "a | b | c",
      "back\\slash \\* \\", "&amp; &lt; &#x41;", "<!-- comment -->", "<div>block</div>", "line\nbreak",
      "café ☕ 日本語 – “quotes”", "---", "===", "[ref]: http://e.com", "<http://auto.link>", "www.example.com"};
  for (const auto& s : nasty) {
    INFO(s);
    std::string html = to_html(one_meeting(s), false);
    std::string flat = s;
    for (char& c : flat)
      if (c == '\n') c = ' ';
    CHECK_THAT(html, Contains("<h2>" + html_text(flat) + "</h2>"));
    CHECK_THAT(html, Contains("<td>" + html_text(flat) + "</td>"));
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<div>") == std::string::npos);
    CHECK(html.find("<a ") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("raw HTML omitted") == std::string::npos);  // escaped, not dropped
  }
  CHECK(escape_markdown("a*b_c\nd") == "a\\*b\\_c d");
  CHECK(escape_markdown("café") == "café");
}

TEST_CASE("the page title is escaped for HTML", "[meetings][markdown]") {
  Plan p = one_meeting("x");
  p.name = "</title><script>alert(1)</script>";
  std::string html = to_html(p);
  CHECK_THAT(html, Contains("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
  CHECK(html.find("<script") == std::string::npos);
}
