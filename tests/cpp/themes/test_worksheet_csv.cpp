// Importing worksheet entries from CSV: both layouts, lenient quadrant names, organizations by
// id or name, meetings, cells with several entries, CSV syntax, and every kind of bad input
// (each error names the row and column; the document is unchanged).
#include <catch2/catch.hpp>

#include "partnerkit/io/document.hpp"
#include "partnerkit/themes/worksheet_csv.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::themes;
namespace pt = partnerkit::test;
using Strings = std::vector<std::string>;

namespace {

Partnership doc() {
  return loads(pt::document(R"(
    "organizations": [{"id": "chapter", "name": "CAC State Chapter"},
                      {"id": "voca", "name": "VOCA Administering Agency"},
                      {"id": "dcfs", "name": "Department of Children and Family Services"}],
    "meetings": [{"id": "m1", "kind": "in-person", "title": "First in-person meeting"},
                 {"id": "m2", "kind": "in-person", "title": "Second in-person meeting"}],
    "worksheets": [{"organization": "chapter", "session": "m1", "proud_of": ["Knowledge and skills"]}])"),
               "doc.json");
}

Strings errors(std::string_view csv, Partnership p = doc()) {
  Partnership before = p;
  try {
    import_worksheets_text(p, csv, "w.csv");
  } catch (const ValidationError& e) {
    CHECK(p == before);  // nothing changed
    return pt::lines(e);
  }
  return {"no error"};
}

const Worksheet& sheet(const Partnership& p, std::string_view org, std::optional<std::string> session) {
  for (const auto& w : p.worksheets)
    if (w.organization == org && w.session == session) return w;
  FAIL("no worksheet for " << org);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("quadrant names are matched leniently", "[themes][worksheet_csv]") {
  const std::pair<const char*, Quadrant> names[] = {
      {"Proud Of (Strengths)", Quadrant::proud_of},
      {"proud_of", Quadrant::proud_of},
      {"STRENGTHS", Quadrant::proud_of},
      {"help with", Quadrant::help_with},
      {"Help With ( Challenges)", Quadrant::help_with},
      {"  help-with ", Quadrant::help_with},
      {"Frustrated by (barriers)", Quadrant::frustrated_by},
      {"barriers", Quadrant::frustrated_by},
      {"Love To (dreams)", Quadrant::love_to},
      {"love to (hopes)", Quadrant::love_to},
      {"Hopes", Quadrant::love_to},
      {"values / what's important", Quadrant::values},
      {"Values (What\xE2\x80\x99s important)", Quadrant::values},
      {"what is important", Quadrant::values},
      {"values", Quadrant::values},
  };
  for (const auto& [text, q] : names) {
    INFO(text);
    CHECK(parse_quadrant(text) == q);
  }
  for (const char* text : {"", "proud of (barriers)", "pride", "loves", "help / hopes", "entry"}) {
    INFO(text);
    CHECK_FALSE(parse_quadrant(text));
  }
  for (Quadrant q : all_quadrants) {
    CHECK(parse_quadrant(to_string(q)) == q);
    CHECK(parse_quadrant(heading(q)) == q);
  }
}

TEST_CASE("one entry per row, into the existing worksheet or a new one", "[themes][worksheet_csv]") {
  Partnership p = doc();
  auto r = import_worksheets_text(p,
                                  "organization,quadrant,entry,meeting\n"
                                  "chapter,Proud Of (Strengths),Strong MDT collaboration,m1\n"
                                  "CAC State Chapter,help with,Capacity - more staff,First in-person meeting\n"
                                  "voca,\"Frustrated by (barriers)\",Limitations on funding,m1\n"
                                  "vOcA administering agency,values / what's important,Effective impact,\n",
                                  "w.csv");
  CHECK(r.rows == 4);
  CHECK(r.added == 4);
  CHECK(r.duplicates == 0);
  CHECK(r.worksheets_created == 2);  // voca at m1, voca with no meeting
  REQUIRE(p.worksheets.size() == 3);
  const auto& chapter = sheet(p, "chapter", "m1");
  CHECK(chapter.proud_of == Strings{"Knowledge and skills", "Strong MDT collaboration"});
  CHECK(chapter.help_with == Strings{"Capacity - more staff"});
  CHECK(sheet(p, "voca", "m1").frustrated_by == Strings{"Limitations on funding"});
  CHECK(sheet(p, "voca", std::nullopt).values == Strings{"Effective impact"});
  // The result is a valid document.
  CHECK(loads(dumps(p)) == p);
}

TEST_CASE("a cell with several entries, one per line, bullets dropped", "[themes][worksheet_csv]") {
  Partnership p = doc();
  auto r = import_worksheets_text(p,
                                  "Organization,Quadrant,Entry\r\n"
                                  "dcfs,values,\"\xE2\x80\xA2 Compassion\r\n\xE2\x80\xA2 Collaboration\n\n- Child focused\n  \"\r\n",
                                  "w.csv");
  CHECK(r.added == 3);
  CHECK(sheet(p, "dcfs", std::nullopt).values == Strings{"Compassion", "Collaboration", "Child focused"});
}

TEST_CASE("wide layout: one column per quadrant, as forms export it", "[themes][worksheet_csv]") {
  Partnership p = doc();
  auto r = import_worksheets_text(
      p,
      "Timestamp,Organization,Meeting,Proud Of (Strengths),Help With (Challenges),Frustrated By (Barriers),"
      "Love To (Hopes),Values (What's important)\n"
      "2027-05-11 10:02,voca,m1,\"Stewardship of VOCA dollars\nExperienced grants team\",More monitoring staff,,"
      "Waive subgrantee match,Accountability\n"
      "2027-05-11 10:05,chapter,m1,Knowledge and skills,,,,\n",
      "w.csv");
  CHECK(r.rows == 2);
  CHECK(r.added == 5);
  CHECK(r.duplicates == 1);  // the chapter already had "Knowledge and skills"
  const auto& voca = sheet(p, "voca", "m1");
  CHECK(voca.proud_of == Strings{"Stewardship of VOCA dollars", "Experienced grants team"});
  CHECK(voca.help_with == Strings{"More monitoring staff"});
  CHECK(voca.frustrated_by.empty());
  CHECK(voca.love_to == Strings{"Waive subgrantee match"});
  CHECK(voca.values == Strings{"Accountability"});
  CHECK(sheet(p, "chapter", "m1").proud_of == Strings{"Knowledge and skills"});
}

TEST_CASE("importing the same file twice adds nothing the second time", "[themes][worksheet_csv]") {
  Partnership p = doc();
  const char* csv = "organization,quadrant,entry\nvoca,hopes,Increase reach\nvoca,hopes,Increase reach\n";
  auto first = import_worksheets_text(p, csv);
  CHECK(first.added == 1);
  CHECK(first.duplicates == 1);
  Partnership after_first = p;
  auto second = import_worksheets_text(p, csv);
  CHECK(second.added == 0);
  CHECK(second.duplicates == 2);
  CHECK(p == after_first);
}

TEST_CASE("CSV syntax: quotes, delimiters, line ends, byte order mark", "[themes][worksheet_csv]") {
  Partnership p = doc();
  import_worksheets_text(p, "\xEF\xBB\xBForganization;quadrant;entry\rvoca;help;\"Say \"\"yes\"\"; then act\"\r", "w.csv");
  CHECK(sheet(p, "voca", std::nullopt).help_with == Strings{"Say \"yes\"; then act"});
  import_worksheets_text(p, "organization\tquadrant\tentry\nvoca\thelp\tTabs, too", "w.csv");
  CHECK(sheet(p, "voca", std::nullopt).help_with == Strings{"Say \"yes\"; then act", "Tabs, too"});
  // Rows with every cell empty are skipped; a last row without a line break counts.
  auto r = import_worksheets_text(p, "organization,quadrant,entry\n,,\n\ndcfs,love,Reach\n ,  ,", "w.csv");
  CHECK(r.rows == 1);
  CHECK(sheet(p, "dcfs", std::nullopt).love_to == Strings{"Reach"});
}

TEST_CASE("every bad cell is reported with its row and column", "[themes][worksheet_csv]") {
  CHECK(errors("organization,quadrant,entry,meeting\n"
               "vocaa,help with,More staff,m1\n"
               ",proud,Skills,\n"
               "chapter,pride,Skills,m3\n"
               "Department of Children and Family Service,values,,Second in-person meeting\n"
               "chapter,values,Compassion,m1,extra\n") ==
        Strings{"w.csv: row 2, column A (organization): expected an organization id or name of the document, got "
                "\"vocaa\"; did you mean \"voca\" (VOCA Administering Agency)?",
                "w.csv: row 3, column A (organization): expected an organization id or name of the document, got an "
                "empty cell",
                "w.csv: row 4, column D (meeting): expected a meeting id or title of the document (or an empty cell), "
                "got \"m3\"; did you mean \"m1\" (First in-person meeting)?",
                "w.csv: row 4, column B (quadrant): expected a quadrant: proud_of (Proud of / strengths), help_with "
                "(Help with / challenges), frustrated_by (Frustrated by / barriers), love_to (Love to / hopes) or "
                "values (what's important), got \"pride\"",
                "w.csv: row 5, column A (organization): expected an organization id or name of the document, got "
                "\"Department of Children and Family Service\"; did you mean \"dcfs\" (Department of Children and "
                "Family Services)?",
                "w.csv: row 5, column C (entry): expected an entry, got an empty cell",
                "w.csv: row 6, column E: a cell beyond the last heading; expected at most 4 cells per row, got "
                "\"extra\""});
}

TEST_CASE("a part of one organization's name is suggested", "[themes][worksheet_csv]") {
  CHECK(errors("organization,quadrant,entry\nFamily Services,help,x\n") ==
        Strings{"w.csv: row 2, column A (organization): expected an organization id or name of the document, got "
                "\"Family Services\"; did you mean \"dcfs\" (Department of Children and Family Services)?"});
  CHECK(errors("organization,quadrant,entry\nsomeone else entirely,help,x\n") ==
        Strings{"w.csv: row 2, column A (organization): expected an organization id or name of the document, got "
                "\"someone else entirely\""});
}

TEST_CASE("headings that do not fit", "[themes][worksheet_csv]") {
  CHECK(errors("") == Strings{"w.csv: row 1: the file is empty; expected a heading row naming the columns "
                              "organization, quadrant and entry (or one column per quadrant)"});
  CHECK(errors("org,what,text\nvoca,help,x\n") ==
        Strings{"w.csv: row 1: no quadrant column; expected a heading \"quadrant\" (or one column per quadrant, such "
                "as \"Proud of (strengths)\"), found \"org\", \"what\", \"text\""});
  CHECK(errors("name,quadrant\n") ==
        Strings{"w.csv: row 1: no organization column; expected a heading \"organization\" (the organization's id "
                "or name), found \"name\", \"quadrant\"",
                "w.csv: row 1: no entry column; expected a heading \"entry\", found \"name\", \"quadrant\""});
  CHECK(errors("organization,quadrant,entry,Organisation\n") ==
        Strings{"w.csv: row 1, column D (Organisation): a second organization column (the first is column A); "
                "expected each column once"});
  CHECK(errors("organization,hopes,Love to\n") ==
        Strings{"w.csv: row 1, column C (Love to): a second column for the quadrant love_to (the first is column "
                "B); expected each quadrant once"});
  CHECK(errors("organization,quadrant,entry,values\n") ==
        Strings{"w.csv: row 1, column D (values): a column named after the quadrant values next to a quadrant "
                "column; expected one layout: organization, quadrant, entry (one row per entry) or organization and "
                "one column per quadrant"});
  CHECK(errors("organization,entry,values\n") ==
        Strings{"w.csv: row 1, column B (entry): an entry column without a quadrant column; expected a "
                "\"quadrant\" column saying where each entry goes, or only one column per quadrant"});
}

TEST_CASE("CSV that cannot be read", "[themes][worksheet_csv]") {
  CHECK(errors("organization,quadrant,entry\nvoca,help,\"never closed\n") ==
        Strings{"w.csv: row 2, column C: a quoted field opened on line 2 never ends (a \" is missing)"});
  CHECK(errors("organization,quadrant,entry\nvoca,\"help\" me,x\n") ==
        Strings{"w.csv: row 2, column B: text after the closing quote of a quoted field (write \"\" for a quote "
                "inside it)"});
  static const char bad_bytes[] = "organization,quadrant,entry\nvoca,help,a\xFF" "b\nvoca,help,c\0d\n";
  CHECK(errors(std::string_view(bad_bytes, sizeof bad_bytes - 1)) ==
        Strings{"w.csv: row 2, column C: byte 0xFF at byte 2 of the field is not UTF-8; expected UTF-8 text (save "
                "the file as \"CSV UTF-8\")",
                "w.csv: row 3, column C: a NUL byte (the file is not text, or not UTF-8)"});
  // Overlong forms and surrogates are not UTF-8 either.
  CHECK(errors("organization,quadrant,entry\nvoca,help,\xC0\xAF\n").size() == 1);
  CHECK(errors("organization,quadrant,entry\nvoca,help,\xED\xA0\x80\n").size() == 1);
}

TEST_CASE("a CSV file, and one that cannot be read", "[themes][worksheet_csv]") {
  pt::TempDir dir;
  pt::write_text(dir / "w.csv", "organization,quadrant,entry\nvoca,help,More staff\n");
  Partnership p = doc();
  CHECK(import_worksheets(p, dir / "w.csv").added == 1);
  CHECK_THROWS_AS(import_worksheets(p, dir / "missing.csv"), IoError);
  try {
    pt::write_text(dir / "bad.csv", "organization,quadrant,entry\nnobody,help,x\n");
    import_worksheets(p, dir / "bad.csv");
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(e.file() == (dir / "bad.csv").string());
    CHECK(e.pointer() == "row 2, column A (organization)");
  }
}
