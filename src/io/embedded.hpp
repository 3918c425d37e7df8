// Data compiled into the library (generated from data/ by CMake).
#pragma once

#include <string_view>

namespace partnerkit::detail {
std::string_view document_schema_text();
}
