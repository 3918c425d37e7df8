// libFuzzer target: partnerkit::stakeholders::import_survey on arbitrary bytes (the CSV reader
// and the survey rules). It may only throw partnerkit::Error; when it succeeds the document must
// still be valid (dumps() validates it) and a failed import must leave the document unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "partnerkit/io/csv.hpp"
#include "partnerkit/io/document.hpp"
#include "partnerkit/stakeholders/survey.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const partnerkit::Partnership doc = partnerkit::loads(
      R"({"format": "partnerkit/1", "name": "fuzz",
          "organizations": [{"id": "chapter", "name": "CAC State Chapter"}, {"id": "voca", "name": "VOCA"},
                            {"id": "dcfs", "name": "Same"}, {"id": "court", "name": "Same"}],
          "relationships": [{"source": "chapter", "target": "voca", "kind": "funding",
                             "trust": {"reliability": 2}}]})");
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)partnerkit::csv::parse(text, "fuzz.csv");
  } catch (const partnerkit::Error&) {
  }
  partnerkit::Partnership p = doc;
  try {
    (void)partnerkit::stakeholders::import_survey(p, text, "fuzz.csv", {.kind = "communication", .observed = {}});
    (void)partnerkit::dumps(p);  // throws ValidationError if the import made an invalid document
  } catch (const partnerkit::ValidationError& e) {
    // Either the CSV was refused (the document must be untouched) or dumps() found a bug.
    if (e.file() == "<dumps>") std::abort();
    if (!(p == doc)) std::abort();
  } catch (const partnerkit::Error&) {
  }
  return 0;
}
