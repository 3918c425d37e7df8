// Data compiled into the library (generated from data/ by CMake).
#pragma once

#include <string_view>
#include <vector>

namespace partnerkit::detail {

struct EmbeddedFile {
  std::string_view name;  ///< file name without .json
  std::string_view text;
};

std::string_view document_schema_text();
std::string_view template_schema_text();
/// data/templates/*.json, sorted by name.
const std::vector<EmbeddedFile>& builtin_template_texts();
/// data/agendas/*.json, sorted by name.
const std::vector<EmbeddedFile>& builtin_agenda_texts();

}  // namespace partnerkit::detail
