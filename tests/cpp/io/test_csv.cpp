// The RFC 4180 reader and writer.
#include <catch2/catch.hpp>

#include "partnerkit/io/csv.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using partnerkit::csv::Record;

namespace {

std::vector<std::vector<std::string>> fields(std::string_view text) {
  std::vector<std::vector<std::string>> out;
  for (auto& r : csv::parse(text)) out.push_back(r.fields);
  return out;
}

std::vector<std::string> error_lines(std::string_view text, bool table = false) {
  try {
    if (table) csv::parse_table(text, "s.csv");
    else csv::parse(text, "s.csv");
  } catch (const ValidationError& e) {
    return test::lines(e);
  }
  FAIL("no ValidationError");
  return {};
}

}  // namespace

TEST_CASE("csv: plain records, LF and CRLF, last line without a line end", "[csv]") {
  using V = std::vector<std::vector<std::string>>;
  CHECK(fields("a,b,c\n1,2,3\n") == V{{"a", "b", "c"}, {"1", "2", "3"}});
  CHECK(fields("a,b,c\r\n1,2,3\r\n") == V{{"a", "b", "c"}, {"1", "2", "3"}});
  CHECK(fields("a,b\r\n1,2") == V{{"a", "b"}, {"1", "2"}});
  CHECK(fields("a,,c\n,,\n") == V{{"a", "", "c"}, {"", "", ""}});
  CHECK(fields("a,") == V{{"a", ""}});
  CHECK(fields("").empty());
}

TEST_CASE("csv: quoted fields hold delimiters, quotes, line breaks", "[csv]") {
  auto recs = csv::parse("name,note\r\n\"Smith, J.\",\"said \"\"hi\"\"\"\r\n\"two\r\nlines\",\"x\ny\"\r\nlast,\"\"\r\n");
  REQUIRE(recs.size() == 4);
  CHECK(recs[1].fields == std::vector<std::string>{"Smith, J.", "said \"hi\""});
  CHECK(recs[2].fields == std::vector<std::string>{"two\r\nlines", "x\ny"});
  CHECK(recs[3].fields == std::vector<std::string>{"last", ""});
  // Rows count records (the header is row 1); lines count physical lines.
  CHECK(recs[2].row == 3);
  CHECK(recs[2].line == 3);
  CHECK(recs[3].row == 4);
  CHECK(recs[3].line == 6);  // two line breaks inside quoted fields
}

TEST_CASE("csv: byte-order mark, blank lines, other delimiters, UTF-8 text", "[csv]") {
  auto recs = csv::parse("\xEF\xBB\xBFid,name\n\nx,\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D\n");
  REQUIRE(recs.size() == 2);
  CHECK(recs[0].fields[0] == "id");  // the BOM is not part of the first name
  CHECK(recs[1].row == 3);           // the blank line keeps its row number
  CHECK(recs[1].fields[1] == "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D");
  csv::Options semi;
  semi.delimiter = ';';
  CHECK(csv::parse("a;\"b;c\"\n", "x", semi)[0].fields == std::vector<std::string>{"a", "b;c"});
  // By default the delimiter is guessed from the first record: ';' or a tab when it has no ','.
  CHECK(csv::guess_delimiter("a;b\nc,d\n") == ';');
  CHECK(csv::guess_delimiter("a\tb;c\n") == ';');
  CHECK(csv::guess_delimiter("a\tb\n") == '\t');
  CHECK(csv::guess_delimiter("\"x;y\",z\n") == ',');
  CHECK(csv::guess_delimiter("\"x;y\"\n") == ',');
  CHECK(csv::parse("a;b\r1;\"2,5\"\r")[1].fields == std::vector<std::string>{"1", "2,5"});  // lone CR ends a record
  CHECK(csv::parse("a\tb\nx\ty, z\n")[1].fields == std::vector<std::string>{"x", "y, z"});
}

TEST_CASE("csv: spreadsheet column names", "[csv]") {
  CHECK(csv::column_letter(0) == "A");
  CHECK(csv::column_letter(25) == "Z");
  CHECK(csv::column_letter(26) == "AA");
  CHECK(csv::column_letter(27) == "AB");
  CHECK(csv::column_letter(701) == "ZZ");
  CHECK(csv::column_letter(702) == "AAA");
}

TEST_CASE("csv: every syntax problem at once, with row and column", "[csv]") {
  CHECK(error_lines("a,b\nx\"y,2\n\"q\"z,3\n\"open,4\n") ==
        std::vector<std::string>{
            "s.csv: row 2, column A: a quote inside an unquoted field (quote the whole field and write \"\" for the quote)",
            "s.csv: row 3, column A: text after the closing quote of a quoted field (write \"\" for a quote inside it)",
            "s.csv: row 4, column A: a quoted field opened on line 4 never ends (a \" is missing)"});
  CHECK(error_lines(std::string("a,b\nc,d\0e\n", 10)) ==
        std::vector<std::string>{"s.csv: row 2, column B: a NUL byte (the file is not text, or not UTF-8)"});
  CHECK(error_lines("a,b\n\xff,\xC0\xAF\n") ==
        std::vector<std::string>{"s.csv: row 2, column A: byte 0xFF at byte 1 of the field is not UTF-8; expected "
                                 "UTF-8 text (save the file as \"CSV UTF-8\")",
                                 "s.csv: row 2, column B: byte 0xC0 at byte 1 of the field is not UTF-8; expected "
                                 "UTF-8 text (save the file as \"CSV UTF-8\")"});
}

TEST_CASE("csv: tables check the header and the width of every row", "[csv]") {
  auto t = csv::parse_table(" id , name\nx,X\n");
  CHECK(t.header == std::vector<std::string>{"id", "name"});
  CHECK(t.column("name") == 1u);
  CHECK_FALSE(t.column("nope"));
  CHECK(error_lines("a,,a\n1,2\n1,2,3\n1,2,3,4\n", true) ==
        std::vector<std::string>{"s.csv: row 1, column B: expected a column name in the header, got an empty one",
                                 "s.csv: row 1, column C: the column name \"a\" is repeated (first in column A)",
                                 "s.csv: row 2: expected 3 fields as in the header, got 2",
                                 "s.csv: row 4: expected 3 fields as in the header, got 4"});
  CHECK(error_lines("\n\n", true) == std::vector<std::string>{"s.csv: row 1: expected a header row, got an empty file"});
}

TEST_CASE("csv: writing quotes what needs it and reads back the same", "[csv]") {
  CHECK(csv::quote("plain") == "plain");
  CHECK(csv::quote("a,b") == "\"a,b\"");
  CHECK(csv::quote("say \"x\"") == "\"say \"\"x\"\"\"");
  CHECK(csv::quote("two\nlines") == "\"two\nlines\"");
  CHECK(csv::quote_for_spreadsheet("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv::quote_for_spreadsheet("-1") == "'-1");
  std::vector<std::string> nasty{"<script>", "a,b", "\"q\"", "l1\r\nl2", " lead", "", "\xE2\x80\x8F\xD7\xA9"};
  auto back = csv::parse(csv::format_record(nasty) + csv::format_record({"x"}));
  REQUIRE(back.size() == 2);
  CHECK(back[0].fields == nasty);
}

TEST_CASE("csv: load_table names the file, IoError when missing", "[csv]") {
  test::TempDir dir;
  test::write_text(dir / "t.csv", "a,b\n1\n");
  try {
    csv::load_table(dir / "t.csv");
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(e.errors().front().str() == (dir / "t.csv").string() + ": row 2: expected 2 fields as in the header, got 1");
  }
  CHECK_THROWS_AS(csv::load_table(dir / "missing.csv"), IoError);
  CHECK(csv::cell_location(7, "trust \"x\"") == "row 7, column \"trust \\\"x\\\"\"");
}
