// The document schema applied with valijson; its errors turned into JSON pointers and
// "expected ..., got ..." messages.
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <unordered_set>

#include "io/detail.hpp"
#include "io/embedded.hpp"

namespace partnerkit::detail {
namespace {

struct CompiledSchema {
  Json json;
  valijson::Schema schema;

  CompiledSchema() : json(Json::parse(document_schema_text())) {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(json);
    parser.populateSchema(adapter, schema);
  }

  // Follows "$ref": "#/definitions/NAME" (the only references the schema uses).
  const Json* resolve(const Json* node) const {
    while (node && node->is_object() && node->contains("$ref")) {
      const auto& ref = (*node)["$ref"].get_ref<const std::string&>();
      node = &json.at(Json::json_pointer(ref.substr(1)));
    }
    return node;
  }

  // The human name of what `node` accepts: its "title", else its type.
  std::string expectation(const Json* node) const {
    if (!node) return "nothing here";
    if (node->contains("title")) return (*node)["title"];
    const Json* target = resolve(node);
    if (target->contains("title")) return (*target)["title"];
    if (target->contains("type")) return "a " + (*target)["type"].get<std::string>();
    return "a valid value";
  }
};

const CompiledSchema& compiled() {
  static const CompiledSchema schema;
  return schema;
}

}  // namespace

void check_schema(const Json& doc, const std::string& source, std::vector<Issue>& issues) {
  const auto& cs = compiled();
  valijson::Validator validator;  // strong types: 4.0 is not an integer, "4" not a number
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(doc);
  if (validator.validate(cs.schema, target, &results)) return;

  std::unordered_set<std::string> seen;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    const auto& d = error.description;
    // Parents repeat their children's failures ("Failed to validate item #0 in array.").
    if (d.rfind("Failed to validate", 0) == 0 || d.rfind("Cannot validate", 0) == 0) continue;

    // Walk the document and the schema along valijson's context ("<root>", "[people]", "[3]").
    // At each step the document tells whether a segment is an array index or an object key,
    // which valijson's context leaves ambiguous.
    std::string pointer;
    const Json* value = &doc;
    const Json* schema = &cs.json;
    for (std::size_t i = 1; i < error.context.size() && value; ++i) {
      const auto& seg = error.context[i];
      std::string token = seg.size() >= 2 ? seg.substr(1, seg.size() - 2) : seg;
      const Json* s = cs.resolve(schema);
      if (value->is_array()) {
        std::size_t index = std::stoul(token);
        pointer = pointer_append(std::move(pointer), index);
        value = index < value->size() ? &(*value)[index] : nullptr;
        schema = s && s->contains("items") ? &(*s)["items"] : nullptr;
      } else if (value->is_object()) {
        pointer = pointer_append(std::move(pointer), token);
        auto it = value->find(token);
        value = it != value->end() ? &*it : nullptr;
        schema = s && s->contains("properties") && (*s)["properties"].contains(token)
                     ? &(*s)["properties"][token]
                     : nullptr;
      } else {
        value = nullptr;
      }
    }

    std::string message;
    const std::string missing = "Missing required property '";
    if (d.rfind(missing, 0) == 0) {
      std::string key = d.substr(missing.size(), d.find('\'', missing.size()) - missing.size());
      const Json* s = cs.resolve(schema);
      const Json* property =
          s && s->contains("properties") && (*s)["properties"].contains(key) ? &(*s)["properties"][key] : nullptr;
      message = "missing required key " + Json(key).dump() + " (expected " + cs.expectation(property) + ")";
    } else {
      message = "expected " + cs.expectation(schema) + ", got " + (value ? describe_value(*value) : "nothing");
    }
    if (seen.insert(pointer + '\n' + message).second) issues.push_back({source, pointer, message});
  }
}

}  // namespace partnerkit::detail
