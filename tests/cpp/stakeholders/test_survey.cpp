// Survey import: CSV ratings into relationships.
#include <catch2/catch.hpp>

#include "partnerkit/io/document.hpp"
#include "partnerkit/stakeholders/survey.hpp"
#include "support/support.hpp"

using namespace partnerkit;
using namespace partnerkit::stakeholders;

namespace {

Partnership three_orgs(std::string_view relationships = "[]") {
  return loads(test::document(R"("organizations": [
      {"id": "chapter", "name": "CAC State Chapter"},
      {"id": "voca", "name": "VOCA Administering Agency"},
      {"id": "dcfs", "name": "Children and Family Services"}],
    "relationships": )" + std::string(relationships)));
}

std::vector<std::string> import_errors(Partnership& p, std::string_view csv_text) {
  try {
    import_survey(p, csv_text, "survey.csv");
  } catch (const ValidationError& e) {
    return test::lines(e);
  }
  FAIL("no ValidationError");
  return {};
}

}  // namespace

TEST_CASE("survey: rows become directed ties with trust and value items", "[stakeholders][survey]") {
  Partnership p = three_orgs();
  auto r = import_survey(p,
                         "Respondent Organization,Partner,Frequency,Level,Reliability,Support of mission,"
                         "Openness to discussion,Power/Influence,Resource contribution,Level of involvement\r\n"
                         "chapter,voca,monthly,coordination,3,4,3,2,3,3\r\n"
                         "VOCA administering agency,CAC State Chapter,2.5,4,4,,A great deal,1,,2\r\n",
                         "survey.csv", {.kind = "communication", .observed = test::day("2027-03-01")});
  CHECK(r.rows == 2);
  CHECK(r.created == 2);
  CHECK(r.updated == 0);
  CHECK(r.ignored_columns.empty());
  REQUIRE(r.columns.size() == 10);
  CHECK(r.columns[0] == SurveyColumn{"respondent", "Respondent Organization"});
  CHECK(r.columns[6] == SurveyColumn{"trust_openness", "Openness to discussion"});
  REQUIRE(p.relationships.size() == 2);
  const Relationship& a = p.relationships[0];
  CHECK(a.source == "chapter");
  CHECK(a.target == "voca");
  CHECK(a.directed);
  CHECK(a.kind == "communication");
  CHECK(a.observed == test::day("2027-03-01"));
  CHECK(a.weight == 3.0);
  CHECK(a.level == 3);
  CHECK(a.trust == TrustScores{3, 4, 3, Json::object()});
  CHECK(a.value == ValueScores{2, 3, 3, Json::object()});
  const Relationship& b = p.relationships[1];
  CHECK(b.source == "voca");
  CHECK(b.target == "chapter");
  CHECK(b.weight == 2.5);
  CHECK(b.trust->reliability == 4);
  CHECK_FALSE(b.trust->mission);  // a blank cell is a missing item, never zero
  CHECK(b.trust->openness == 4);
  CHECK_FALSE(b.value->resources);
  // The document is still valid and round-trips.
  CHECK(loads(dumps(p)) == p);
}

TEST_CASE("survey: a second import updates the same tie; absent columns are kept", "[stakeholders][survey]") {
  Partnership p = three_orgs(R"([{"source": "chapter", "target": "voca", "kind": "funding", "weight": 2,
      "level": 2, "trust": {"reliability": 1, "mission": 1, "openness": 1, "x_note": "kept"}, "x_tag": 7}])");
  auto r = import_survey(p, "from,to,kind,reliability,mission\nchapter,voca,funding,4,\nchapter,dcfs,,2,2\n");
  CHECK(r.created == 1);
  CHECK(r.updated == 1);
  REQUIRE(p.relationships.size() == 2);
  const Relationship& a = p.relationships[0];
  CHECK(a.weight == 2.0);  // no frequency column: kept
  CHECK(a.level == 2);     // no level column: kept
  CHECK(a.trust->reliability == 4);
  CHECK_FALSE(a.trust->mission);    // the column is there and the cell is blank: cleared
  CHECK(a.trust->openness == 1);    // no column: kept
  CHECK(a.trust->extra["x_note"] == "kept");
  CHECK(a.extra["x_tag"] == 7);
  CHECK_FALSE(a.directed);  // an existing tie keeps its direction flag
  CHECK(p.relationships[1].target == "dcfs");
  CHECK_FALSE(p.relationships[1].kind);
}

TEST_CASE("survey: dates make separate waves; never is skipped", "[stakeholders][survey]") {
  Partnership p = three_orgs();
  auto r = import_survey(p, "respondent,partner,date,frequency,trust_reliability\n"
                            "chapter,voca,2027-01-15,weekly,2\n"
                            "chapter,voca,2027-06-15 10:22:01,daily,3\n"
                            "chapter,dcfs,2027-06-15,Never,\n"
                            ",,,,\n");
  CHECK(r.rows == 3);
  CHECK(r.created == 2);
  CHECK(r.skipped == 1);
  REQUIRE(p.relationships.size() == 2);
  CHECK(p.relationships[0].weight == 4.0);
  CHECK(p.relationships[1].observed == test::day("2027-06-15"));
  CHECK(p.relationships[1].weight == 5.0);
}

TEST_CASE("survey: every error with row and column, all at once, document unchanged", "[stakeholders][survey]") {
  Partnership p = three_orgs();
  const Partnership before = p;
  CHECK(import_errors(p,
                      "respondent,partner,trust_reliability,level,frequency,date,value_power\n"
                      "chapter,voca,five,3,weekly,2027-01-01,4\n"
                      "chapter,nobody,2,6,often,2027-02-30,0\n"
                      "chapter,chapter,2,3,,,\n"
                      ",voca,2,3,,,\n"
                      "voca,chapter,1,1,,,\n"
                      "VOCA,Cac State Chapter,1,1,,,\n") ==
        std::vector<std::string>{
            "survey.csv: row 2, column \"trust_reliability\": expected an integer 1–4, got \"five\"",
            "survey.csv: row 3, column \"partner\": expected an organization id or name from the document, got \"nobody\"",
            "survey.csv: row 3, column \"level\": expected a level 0–5 or its name (none, networking, cooperation, "
            "coordination, coalition, collaboration), got \"6\"",
            "survey.csv: row 3, column \"frequency\": expected a number 0 or more or a frequency (never, yearly, "
            "quarterly, monthly, weekly, daily), got \"often\"",
            "survey.csv: row 3, column \"date\": expected a day that exists, YYYY-MM-DD, got \"2027-02-30\"",
            "survey.csv: row 3, column \"value_power\": expected an integer 1–4, got \"0\"",
            "survey.csv: row 4, column \"partner\": an organization cannot rate itself (\"chapter\")",
            "survey.csv: row 5, column \"respondent\": expected an organization id or name, got an empty cell",
            "survey.csv: row 7: the same respondent, partner, kind and date as row 6"});
  CHECK(p == before);
}

TEST_CASE("survey: header problems", "[stakeholders][survey]") {
  Partnership p = three_orgs();
  CHECK(import_errors(p, "Reliability,Trust - reliability,x\n1,2,3\n") ==
        std::vector<std::string>{
            "survey.csv: row 1, column \"Trust - reliability\": gives trust_reliability like column \"Reliability\"; keep one of them",
            "survey.csv: row 1: expected a column for the respondent (one of: respondent, respondent_organization, "
            "respondent_org, respondent_id, organization, org, from, source, rater)",
            "survey.csv: row 1: expected a column for the partner (one of: partner, partner_organization, partner_org, "
            "partner_id, target, to, rated, rated_organization)"});
  // Unknown columns are reported, not fatal; CSV syntax errors come from the reader.
  auto r = import_survey(p, "respondent,partner,Comments\nchapter,voca,\"fine, thanks\"\n");
  CHECK(r.ignored_columns == std::vector<std::string>{"Comments"});
  CHECK(import_errors(p, "respondent,partner\n\"chapter,voca\n") ==
        std::vector<std::string>{"survey.csv: row 2, column A: a quoted field opened on line 2 never ends (a \" is missing)"});
}

TEST_CASE("survey: ambiguous names ask for the id; files are read with their path", "[stakeholders][survey]") {
  Partnership p = loads(test::document(R"("organizations": [{"id": "a", "name": "Same"}, {"id": "b", "name": "Same"},
      {"id": "c", "name": "Other"}])"));
  CHECK(import_errors(p, "respondent,partner\nsame,c\n") ==
        std::vector<std::string>{"survey.csv: row 2, column \"respondent\": the name \"same\" fits more than one "
                                 "organization (a, b); use the id"});
  test::TempDir dir;
  test::write_text(dir / "s.csv", "respondent,partner\nc,a\n");
  CHECK(import_survey_file(p, dir / "s.csv").created == 1);
  CHECK_THROWS_AS(import_survey_file(p, dir / "none.csv"), IoError);
  auto j = to_json(import_survey(p, "respondent,partner\nc,b\n"));
  CHECK(j.dump() == R"({"rows":1,"created":1,"updated":0,"skipped":0,"columns":{"respondent":"respondent","partner":"partner"},"ignored_columns":[]})");
}
