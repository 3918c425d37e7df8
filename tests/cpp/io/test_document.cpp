#include <catch2/catch.hpp>

#include "partnerkit/io/document.hpp"

using namespace partnerkit;

TEST_CASE("placeholder", "[io]") { CHECK(true); }
