// Internal steps of loading a document; each appends what it finds to `issues`.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "partnerkit/core/error.hpp"
#include "partnerkit/core/model.hpp"

namespace partnerkit::detail {

/// Parses JSON text with the depth cap and NUL check; throws ValidationError on failure.
Json parse_json_text(std::string_view text, const std::string& source, std::size_t max_depth,
                    const char* expected = "a partnership document");

enum class SchemaKind { document, process_template };

/// Applies a schema (data/schema/) with valijson.
void check_schema(const Json& doc, const std::string& source, std::vector<Issue>& issues,
                  SchemaKind kind = SchemaKind::document);

/// The bytes of a file; throws IoError (a folder, a missing or unreadable file).
std::string read_file(const std::filesystem::path& path);
/// The same into `text`, whose memory is reused (a loop over many files allocates once).
void read_file(const std::filesystem::path& path, std::string& text);

/// Appends the semantic issues whose pointer the schema did not already reject (a value is not
/// reported twice).
void merge_issues(std::vector<Issue>& schema_issues, std::vector<Issue> semantic_issues);

/// The element of `items` with this id, or nullptr. O(n).
template <class T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  for (const auto& item : items)
    if (item.id == id) return &item;
  return nullptr;
}

/// Sorts issues by JSON pointer (indexes numerically) and throws them if there are any.
void throw_issues(std::vector<Issue> issues);

/// The checks a schema cannot express. Works on any JSON (skips values of the wrong type).
void check_semantics(const Json& doc, const std::string& source, std::vector<Issue>& issues);

/// `"text"` (JSON-escaped, shortened) or a description of a non-string value, for messages.
std::string describe_value(const Json& value);

/// Levenshtein distance (insertions, deletions, substitutions of bytes), for "did you mean".
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace partnerkit::detail
