// libFuzzer target: partnerkit::themes::import_worksheets_text on arbitrary bytes. It may only
// throw partnerkit::ValidationError, and then must leave the document unchanged; an import that
// succeeds must give a document that saves and loads again (dumps validates it) unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "partnerkit/io/document.hpp"
#include "partnerkit/themes/worksheet_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const partnerkit::Partnership doc = partnerkit::loads(
      R"({"format": "partnerkit/1", "name": "fuzz",
          "organizations": [{"id": "chapter", "name": "CAC State Chapter"}, {"id": "voca", "name": "VOCA Agency"}],
          "meetings": [{"id": "m1", "kind": "in-person", "title": "First meeting"}],
          "worksheets": [{"organization": "chapter", "session": "m1", "proud_of": ["Skills"]}]})");
  std::string_view text(reinterpret_cast<const char*>(data), size);
  partnerkit::Partnership p = doc;
  try {
    partnerkit::themes::import_worksheets_text(p, text, "fuzz.csv");
  } catch (const partnerkit::ValidationError&) {
    if (!(p == doc)) std::abort();  // a failed import changed the document
    return 0;
  }
  if (!(partnerkit::loads(partnerkit::dumps(p), "<dumps>") == p)) std::abort();
  return 0;
}
