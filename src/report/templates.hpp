// The report's Mustache templates (templates/report/*.mustache), compiled into the library by
// CMake (cmake/report_templates.cpp.in).
#pragma once

#include <string_view>

namespace partnerkit::report::detail {

std::string_view html_template();
std::string_view markdown_template();

}  // namespace partnerkit::report::detail
