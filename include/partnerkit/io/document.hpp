// Loading, validating and saving partnership documents (format partnerkit/1).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "partnerkit/core/error.hpp"
#include "partnerkit/core/model.hpp"

namespace partnerkit {

struct LoadOptions {
  /// Deepest nesting of arrays and objects accepted while parsing. Deeper input is rejected
  /// before any recursive code sees it (copying, dumping and schema validation recurse).
  std::size_t max_depth = 256;
};

/// Parses and validates a document: JSON syntax (no NUL byte, depth capped), the JSON Schema
/// (data/schema/partnerkit-1.schema.json, with valijson), then the checks a schema cannot
/// express (duplicate ids, unknown references, days and time zones that do not exist, end
/// before start, unknown process template). O(size of the text).
/// Throws ValidationError with every problem found; `source` names the input in messages.
Partnership loads(std::string_view text, std::string_view source = "<string>",
                  const LoadOptions& options = {});

/// Reads `path` and calls loads(). Throws IoError if it cannot be read.
Partnership load(const std::filesystem::path& path, const LoadOptions& options = {});

/// Validates a document built in memory and converts it; throws ValidationError. Besides
/// what loads() checks, nesting is capped (checked without recursion) and text must not hold NUL.
Partnership from_json(const Json& document, std::string_view source = "<json>", const LoadOptions& options = {});

/// The document as JSON: known fields in schema order, fields at their default left out,
/// unknown keys written back.
nlohmann::ordered_json to_json(const Partnership& p);

/// The document as JSON text (indent < 0: one line). The text is validated as loads() would,
/// so a document that would not load again (an empty id, a NaN weight, a day that does not
/// exist) throws ValidationError with source "<dumps>".
std::string dumps(const Partnership& p, int indent = 2);

/// Writes the document to a temporary file in the same folder, flushes it and renames it over
/// `path`, so a failed save never destroys the previous file. Throws IoError, or
/// ValidationError (naming `path`) if the document would not load again; nothing is written then.
void save(const Partnership& p, const std::filesystem::path& path, int indent = 2);

/// Writes `text` the way save() does: a temporary file in the same folder, flushed, renamed over
/// `path` (keeping its permissions), so a failed write never destroys the previous file.
/// Throws IoError.
void write_file_atomically(const std::filesystem::path& path, std::string_view text);

}  // namespace partnerkit
