#include <catch2/catch.hpp>

#include "partnerkit/core/time.hpp"

using namespace partnerkit;

TEST_CASE("dates that exist parse, others do not", "[core][time]") {
  CHECK(parse_date("2027-04-12"));
  CHECK(parse_date("2028-02-29"));
  CHECK_FALSE(parse_date("2027-02-29"));
  CHECK_FALSE(parse_date("2027-02-30"));
  CHECK_FALSE(parse_date("2027-13-01"));
  CHECK_FALSE(parse_date("2027-4-12"));
  CHECK_FALSE(parse_date(""));
  CHECK(format_date(*parse_date("2027-04-12")) == "2027-04-12");
}

TEST_CASE("local date-times parse and format", "[core][time]") {
  auto t = parse_local_datetime("2027-04-12T10:00");
  REQUIRE(t);
  CHECK(format_local_datetime(*t) == "2027-04-12T10:00");
  CHECK(format_local_datetime(*parse_local_datetime("2027-04-12T10:00:30")) == "2027-04-12T10:00:30");
  CHECK_FALSE(parse_local_datetime("2027-04-12T24:00"));
  CHECK_FALSE(parse_local_datetime("2027-02-30T10:00"));
  CHECK_FALSE(parse_local_datetime("2027-04-12 10:00"));
}

TEST_CASE("ISO 8601 durations", "[core][time]") {
  CHECK(parse_duration("PT1H")->count() == 60);
  CHECK(parse_duration("PT90M")->count() == 90);
  CHECK(parse_duration("PT4H30M")->count() == 270);
  CHECK(parse_duration("P1DT2H")->count() == 26 * 60);
  CHECK_FALSE(parse_duration("P"));
  CHECK_FALSE(parse_duration("PT"));
  CHECK_FALSE(parse_duration("P1DT"));
  CHECK_FALSE(parse_duration("PT1M1H"));
  CHECK_FALSE(parse_duration("P-1D"));
  CHECK_FALSE(parse_duration("PT99999999999999999999M"));
  CHECK(format_duration(Minutes{90}) == "PT1H30M");
  CHECK(format_duration(Minutes{60}) == "PT1H");
  CHECK(format_duration(Minutes{26 * 60}) == "P1DT2H");
  CHECK(format_duration(Minutes{0}) == "PT0M");
}

TEST_CASE("time zones come from the system database", "[core][time]") {
  CHECK(is_known_timezone("America/Denver"));
  CHECK(is_known_timezone("Pacific/Honolulu"));
  CHECK_FALSE(is_known_timezone("Mars/Olympus"));
  CHECK_FALSE(is_known_timezone(""));
}
