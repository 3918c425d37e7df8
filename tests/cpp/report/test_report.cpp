// The report: every section from both examples, parts without data, hostile user text in HTML,
// Markdown and JSON, the embedded calendar and picture.
#include <catch2/catch.hpp>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <regex>

#include "partnerkit/io/document.hpp"
#include "partnerkit/meetings/availability.hpp"
#include "partnerkit/report.hpp"
#include "partnerkit/stakeholders/export.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using OJson = nlohmann::ordered_json;

namespace {

const std::vector<std::string> section_ids = {"at-a-glance", "stage", "roster", "network", "timeline", "worksheets", "ideas"};

report::Options on(std::string_view day) {
  report::Options o;
  o.on = test::day(day);
  return o;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

std::string base64_decode(const std::string& in) {
  static const std::string table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    auto v = table.find(c);
    REQUIRE(v != std::string::npos);
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// User text meant to break out of HTML, attributes, Mustache, Markdown; right-to-left text.
const std::string script = "<script>alert('x')</script>";
const std::string breakout = "\"><img src=x onerror=alert(1)>";
const std::string moustache = "{{mustache}} {{{raw}}} {{#name}}x{{/name}}";
const std::string markdown = "# Heading **bold** [link](http://example.org) | cell | `code` <b>b</b>";
const std::string rtl = "\xD7\xA9\xD7\x95\xD7\xaa\xD7\xa4\xD7\x95\xD7\xaa \xE2\x80\x8F(RTL)";

Partnership hostile_document() {
  Json doc = Json::parse(test::read_text(test::example("state-cac-voca.json")));
  doc["name"] = script + " " + moustache;
  doc["description"] = markdown + "\n1. not a list";
  doc["organizations"][0]["name"] = breakout;
  doc["organizations"][1]["name"] = rtl;
  doc["organizations"][2]["name"] = moustache;
  doc["people"][0]["name"] = script;
  doc["people"][1]["role"] = markdown;
  doc["worksheets"][0]["proud_of"].push_back(script);
  doc["worksheets"][0]["help_with"].push_back(markdown);
  doc["worksheets"][1]["love_to"].push_back(moustache);
  doc["ideas"][0]["text"] = breakout + " " + moustache;
  doc["ideas"][1]["text"] = "- " + markdown;
  doc["meetings"][0]["title"] = script;
  doc["meetings"][0]["location"] = breakout;
  return from_json(doc);
}

/// Markdown to HTML by cmark-gfm with the table extension (raw HTML left as it is, so that any
/// that got through would show).
std::string cmark_html(const std::string& md) {
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_UNSAFE);
  cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension("table"));
  cmark_parser_feed(parser, md.data(), md.size());
  cmark_node* doc = cmark_parser_finish(parser);
  char* html = cmark_render_html(doc, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser));
  std::string out(html);
  std::free(html);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

}  // namespace

TEST_CASE("report: both examples give every section in HTML, Markdown and JSON", "[report]") {
  for (const char* name : {"state-cac-voca.json", "child-support-courts.json"}) {
    INFO(name);
    Partnership p = load(test::example(name));
    OJson d = report::data(p, on("2027-06-10"));
    CHECK(d["name"] == p.name);
    CHECK(d["on"] == "2027-06-10");
    for (const char* key : {"at_a_glance", "stage", "roster", "network", "timeline", "worksheets", "ideas"})
      CHECK(d.contains(key));
    CHECK(d["stage"]["available"] == true);
    CHECK(!d["stage"]["stages"].empty());
    CHECK(d["roster"]["organizations"].size() == p.organizations.size());
    CHECK(d["network"]["vertices"] == p.organizations.size());
    CHECK(d["timeline"]["available"] == true);
    CHECK(!d["timeline"]["meetings"].empty());
    CHECK(d["worksheets"]["available"] == true);
    CHECK(d["worksheets"]["quadrants"].size() == 5);
    CHECK(d["ideas"]["available"] == true);
    CHECK(d["ideas"]["ranked"].size() == p.ideas.size());
    CHECK(d["ideas"]["areas"].size() >= 1);
    CHECK(d["at_a_glance"]["top_area"] == d["ideas"]["areas"][0]["label"]);

    std::string html = report::render(d, report::Format::html);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    for (const auto& id : section_ids) CHECK(count(html, "<section id=\"" + id + "\">") == 1);
    // Self-contained: no reference to anything outside the page.
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
    CHECK(html.find("<!DOCTYPE svg") == std::string::npos);
    CHECK(html.find("@media print") != std::string::npos);
    if (stakeholders::svg_available()) {
      CHECK(d["network"]["svg_available"] == true);
      CHECK(count(html, "<svg") == 1);
    }
    // Every meeting of the plan that has an agenda, with its timed agenda.
    std::size_t with_agenda = 0;
    for (const auto& m : d["timeline"]["meetings"]) with_agenda += m["agenda_title"].is_string() ? 1 : 0;
    CHECK(count(html, "Adjourn</td>") == with_agenda);
    if (std::string(name) == "state-cac-voca.json") CHECK(with_agenda >= 4);

    std::string md = report::render(d, report::Format::markdown);
    CHECK(md.rfind("# ", 0) == 0);
    for (const char* heading : {"## At a glance", "## Stage", "## Roster and gaps", "## The network", "## Timeline",
                                "## Collective worksheet summary", "## Ideas and areas of focus"})
      CHECK(md.find(heading) != std::string::npos);
    CHECK(OJson::parse(report::render(d, report::Format::json)) == d);
    // The same text from the Partnership directly.
    CHECK(report::render(p, report::Format::html, on("2027-06-10")) == html);
  }
}

TEST_CASE("report: plan findings grouped by kind, ideas with their area", "[report]") {
  Partnership p = load(test::example("state-cac-voca.json"));
  OJson d = report::data(p, on("2027-06-20"));
  const OJson& issues = d["timeline"]["issues"];
  const OJson& groups = d["timeline"]["issue_groups"];
  // The Honolulu facilitator: every meeting is outside her working hours, one group of six.
  REQUIRE(issues.size() == 6);
  REQUIRE(groups.size() == 1);
  CHECK(groups[0]["code"] == "outside_working_hours");
  CHECK(groups[0]["label"] == "outside working hours");
  CHECK(groups[0]["count"] == 6);
  CHECK(groups[0]["meetings_text"] == "2027-04-13, 2027-05-11, 2027-06-01, 2027-06-22, 2027-07-13, 2027-08-03");
  for (std::size_t i = 0; i < issues.size(); ++i) CHECK(groups[0]["messages"][i] == issues[i]["message"]);
  CHECK(d["timeline"]["has_agendas"] == true);
  std::string html = report::render(d, report::Format::html);
  CHECK(count(html, "<div class=\"finding small\">") == 1);
  std::size_t agendas = 0, to_come = 0;
  for (const auto& m : d["timeline"]["meetings"])
    if (m["agenda_title"].is_string()) {
      ++agendas;
      to_come += m["upcoming"] == true ? 1 : 0;
    }
  CHECK(to_come == 1);  // connect-2 on 2027-07-13; the third in-person meeting has no agenda
  CHECK(count(html, "<div class=\"meeting\">") == to_come);
  CHECK(count(html, "<div class=\"meeting past\">") == agendas - to_come);

  // Each ranked idea names its area; the areas' members agree.
  std::size_t in_areas = 0;
  for (const auto& a : d["ideas"]["areas"]) in_areas += a["members"].size();
  std::size_t with_area = 0;
  for (const auto& idea : d["ideas"]["ranked"]) {
    if (idea["area"].is_null()) continue;
    ++with_area;
    const OJson& members = d["ideas"]["areas"][idea["area"].get<std::size_t>() - 1]["members"];
    CHECK(std::any_of(members.begin(), members.end(), [&](const OJson& m) { return m["id"] == idea["id"]; }));
  }
  CHECK(with_area == in_areas);
}

TEST_CASE("report: the calendar is embedded as a data URI that reads back", "[report]") {
  Partnership p = load(test::example("state-cac-voca.json"));
  OJson d = report::data(p, on("2027-06-10"));
  std::string html = report::render(d, report::Format::html);
  // (No std::regex over the long base64 text: libstdc++'s matcher recurses per character.)
  const std::string prefix = "href=\"data:text/calendar;charset=utf-8;base64,";
  auto at = html.find(prefix);
  REQUIRE(at != std::string::npos);
  CHECK(html.find(prefix, at + 1) == std::string::npos);
  at += prefix.size();
  auto end = html.find('"', at);
  REQUIRE(end != std::string::npos);
  std::string ics = base64_decode(html.substr(at, end - at));
  CHECK(ics == d["timeline"]["ics"].get<std::string>());
  CHECK(ics.rfind("BEGIN:VCALENDAR", 0) == 0);
  meetings::CalendarOptions co;
  co.window_start = std::chrono::sys_days(std::chrono::year(2000) / 1 / 1);
  co.window_end = std::chrono::sys_days(std::chrono::year(2100) / 1 / 1);
  auto read = meetings::read_calendar_text(ics, "report.ics", co);  // libical reads it back
  CHECK(count(ics, "BEGIN:VEVENT") == d["timeline"]["meetings"].size());
  CHECK(read.events >= 1);
  CHECK(html.find("download=\"mountain-state-cac-chapter-and-voca-administrator-partnership.ics\"") != std::string::npos);
  // The same document on the same day gives the same report.
  CHECK(report::render(p, report::Format::html, on("2027-06-10")) == html);
}

TEST_CASE("report: parts without data say so", "[report]") {
  Partnership p;
  p.name = "Empty";
  OJson d = report::data(p, on("2027-01-04"));
  CHECK(d["worksheets"]["available"] == false);
  CHECK(d["worksheets"]["message"].get<std::string>().find("No worksheets") == 0);
  CHECK(d["ideas"]["available"] == false);
  CHECK(d["ideas"]["message"].get<std::string>().find("No ideas") == 0);
  CHECK(d["network"]["svg_available"] == false);
  CHECK(d["roster"]["organizations"].empty());
  CHECK(d["at_a_glance"]["top_area"].is_null());
  std::string html = report::render(d, report::Format::html);
  for (const auto& id : section_ids) CHECK(count(html, "<section id=\"" + id + "\">") == 1);
  CHECK(html.find("No worksheets yet") != std::string::npos);
  CHECK(html.find("No ideas yet") != std::string::npos);
  CHECK(html.find("nothing to draw") != std::string::npos);
  std::string md = report::render(d, report::Format::markdown);
  CHECK(md.find("No worksheets yet") != std::string::npos);

  // Worksheets present but empty, ideas with no usable words.
  Partnership q = load(test::example("child-support-courts.json"));
  for (auto& w : q.worksheets) w.proud_of.clear(), w.help_with.clear(), w.frustrated_by.clear(), w.love_to.clear(), w.values.clear();
  OJson e = report::data(q, on("2027-08-01"));
  CHECK(e["worksheets"]["available"] == false);
  CHECK(e["worksheets"]["message"] == "The worksheets have no entries yet.");
}

TEST_CASE("report: user text is escaped in HTML and Markdown, never expanded", "[report]") {
  Partnership p = hostile_document();
  OJson d = report::data(p, on("2027-06-10"));
  CHECK(d["name"] == script + " " + moustache);  // the data keeps the text as written
  std::string html = report::render(d, report::Format::html);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("onerror=alert(1)>") == std::string::npos);
  CHECK(html.find("<b>b</b>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  // A user's Mustache tags come out as text.
  CHECK(count(html, "{{mustache}} {{{raw}}} {{#name}}x{{/name}}") >= 3);
  CHECK(html.find(rtl) != std::string::npos);

  std::string md = report::render(d, report::Format::markdown);
  // No '<' or '{' from user text without its backslash.
  CHECK_FALSE(std::regex_search(md, std::regex("(^|[^\\\\])<(script|img|b>)")));
  CHECK_FALSE(std::regex_search(md, std::regex("(^|[^\\\\])\\{\\{mustache")));
  CHECK(md.find("**bold**") == std::string::npos);
  CHECK(md.find("[link](") == std::string::npos);
  CHECK(md.find("\\{\\{mustache\\}\\}") != std::string::npos);
  CHECK(md.find("\\<script\\>") != std::string::npos);
  CHECK(md.find(report::escape_markdown(rtl)) != std::string::npos);
  // No user text starts a line of its own: the ideas' "- ..." stays inside its table cell.
  CHECK(md.find("\n- # Heading") == std::string::npos);
  CHECK(md.find("| \\- \\# Heading \\*\\*bold\\*\\*") != std::string::npos);

  // Read by a real Markdown parser (cmark-gfm, raw HTML allowed): user text stays text.
  std::string rendered = cmark_html(md);
  CHECK(rendered.find("<script") == std::string::npos);
  CHECK(rendered.find("<img") == std::string::npos);
  CHECK(rendered.find("<b>") == std::string::npos);
  CHECK(rendered.find("<strong>bold</strong>") == std::string::npos);
  CHECK(rendered.find("href=\"http://example.org\"") == std::string::npos);
  CHECK(rendered.find("<h1>Heading") == std::string::npos);
  CHECK(rendered.find("<code>code</code>") == std::string::npos);
  CHECK(rendered.find("# Heading **bold** [link](http://example.org) | cell | `code` &lt;b&gt;b&lt;/b&gt;") != std::string::npos);
  CHECK(rendered.find("&lt;script&gt;alert('x')&lt;/script&gt;") != std::string::npos);
  CHECK(rendered.find("{{mustache}} {{{raw}}} {{#name}}x{{/name}}") != std::string::npos);
  CHECK(rendered.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  CHECK(rendered.find(rtl) != std::string::npos);
}

TEST_CASE("report: escape_markdown neutralises Markdown and HTML, keeps numbers readable", "[report]") {
  CHECK(report::escape_markdown("a*b_c") == "a\\*b\\_c");
  CHECK(report::escape_markdown("<b>x</b>") == "\\<b\\>x\\</b\\>");
  CHECK(report::escape_markdown("[x](http://y)") == "\\[x\\]\\(http://y\\)");
  CHECK(report::escape_markdown("# title") == "\\# title");
  CHECK(report::escape_markdown("- item") == "\\- item");
  CHECK(report::escape_markdown("+ item") == "\\+ item");
  CHECK(report::escape_markdown("> quote") == "\\> quote");
  CHECK(report::escape_markdown("12. item") == "12\\. item");
  CHECK(report::escape_markdown("3) item") == "3\\) item");
  CHECK(report::escape_markdown("    code") == "code");
  CHECK(report::escape_markdown("0.53") == "0.53");
  CHECK(report::escape_markdown("2027-06-10") == "2027-06-10");
  CHECK(report::escape_markdown("a | b") == "a \\| b");
  CHECK(report::escape_markdown("one\ntwo\r\nthree") == "one two three");
  CHECK(report::escape_markdown("&amp;") == "\\&amp;");
  CHECK(report::escape_markdown("{{x}}") == "\\{\\{x\\}\\}");
  CHECK(report::escape_markdown(rtl) == "\xD7\xA9\xD7\x95\xD7\xaa\xD7\xa4\xD7\x95\xD7\xaa \xE2\x80\x8F\\(RTL\\)");
}

TEST_CASE("report: formats by name", "[report]") {
  CHECK(report::parse_format("html") == report::Format::html);
  CHECK(report::parse_format("md") == report::Format::markdown);
  CHECK(report::parse_format("markdown") == report::Format::markdown);
  CHECK(report::parse_format("json") == report::Format::json);
  CHECK_FALSE(report::parse_format("pdf"));
  CHECK(std::string(report::to_string(report::Format::markdown)) == "md");
}
