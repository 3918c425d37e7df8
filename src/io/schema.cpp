// The document schema applied with valijson; its errors turned into JSON pointers and
// "expected ..., got ..." messages. The records of the top-level lists are validated in
// parallel (oneTBB): schema validation is most of the cost of loading a large document.
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <map>
#include <memory>
#include <unordered_set>

#include "io/detail.hpp"
#include "io/embedded.hpp"

namespace partnerkit::detail {
namespace {

// valijson::Schema can be neither copied nor moved.
std::unique_ptr<valijson::Schema> compile(const Json& schema_json) {
  auto schema = std::make_unique<valijson::Schema>();
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter adapter(schema_json);
  parser.populateSchema(adapter, *schema);
  return schema;
}

struct CompiledSchema {
  Json json;                // the schema as written in data/schema/
  std::unique_ptr<valijson::Schema> shallow;  // the document with its top-level lists' items unchecked
  struct List {
    const Json* item_json;                   // the items' schema inside `json`
    std::unique_ptr<valijson::Schema> items;  // compiled on its own, to validate records in parallel
  };
  std::map<std::string, List> lists;

  explicit CompiledSchema(std::string_view text) : json(Json::parse(text)) {
    Json shallow_json = json;
    for (auto& [name, property] : shallow_json["properties"].items()) {
      if (!property.contains("items") || !property["items"].contains("$ref")) continue;
      const Json& item = json["properties"][name]["items"];
      Json wrapper{{"definitions", json["definitions"]}, {"$ref", item["$ref"]}};
      lists.emplace(name, List{&item, compile(wrapper)});
      property.erase("items");
    }
    shallow = compile(shallow_json);
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

  // Validates `value` against `schema` and appends its errors as issues. `schema_json` is
  // the schema's JSON and `base` the JSON pointer of `value` in the document.
  // A validator caches the compiled regular expressions of "pattern", so reuse one per thread.
  void validate(valijson::Validator& validator, const valijson::Schema& schema, const Json* schema_json,
                const Json& value, const std::string& base, const std::string& source,
                std::vector<Issue>& issues) const {
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(value);
    if (validator.validate(schema, target, &results)) return;

    std::unordered_set<std::string> seen;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
      const auto& d = error.description;
      // Parents repeat their children's failures ("Failed to validate item #0 in array.").
      if (d.rfind("Failed to validate", 0) == 0 || d.rfind("Cannot validate", 0) == 0) continue;

      // Walk the value and the schema along valijson's context ("<root>", "[people]", "[3]").
      // At each step the value tells whether a segment is an array index or an object key,
      // which valijson's context leaves ambiguous.
      std::string pointer = base;
      const Json* v = &value;
      const Json* s = schema_json;
      for (std::size_t i = 1; i < error.context.size() && v; ++i) {
        const auto& seg = error.context[i];
        std::string token = seg.size() >= 2 ? seg.substr(1, seg.size() - 2) : seg;
        const Json* r = resolve(s);
        if (v->is_array()) {
          std::size_t index = std::stoul(token);
          pointer = pointer_append(std::move(pointer), index);
          v = index < v->size() ? &(*v)[index] : nullptr;
          s = r && r->contains("items") ? &(*r)["items"] : nullptr;
        } else if (v->is_object()) {
          pointer = pointer_append(std::move(pointer), token);
          auto it = v->find(token);
          v = it != v->end() ? &*it : nullptr;
          s = r && r->contains("properties") && (*r)["properties"].contains(token) ? &(*r)["properties"][token]
                                                                                   : nullptr;
        } else {
          v = nullptr;
        }
      }

      std::string message;
      const std::string missing = "Missing required property '";
      if (d.rfind(missing, 0) == 0) {
        std::string key = d.substr(missing.size(), d.find('\'', missing.size()) - missing.size());
        const Json* r = resolve(s);
        const Json* property =
            r && r->contains("properties") && (*r)["properties"].contains(key) ? &(*r)["properties"][key] : nullptr;
        message = "missing required key " + Json(key).dump() + " (expected " + expectation(property) + ")";
      } else {
        message = "expected " + expectation(s) + ", got " + (v ? describe_value(*v) : "nothing");
      }
      if (seen.insert(pointer + '\n' + message).second) issues.push_back({source, pointer, message});
    }
  }
};

const CompiledSchema& compiled(SchemaKind kind) {
  static const CompiledSchema document(document_schema_text());
  static const CompiledSchema process_template(template_schema_text());
  return kind == SchemaKind::document ? document : process_template;
}

}  // namespace

void check_schema(const Json& doc, const std::string& source, std::vector<Issue>& issues, SchemaKind kind) {
  const auto& cs = compiled(kind);
  // Strong types (the default): 4.0 is not an integer, "4" not a number.
  tbb::enumerable_thread_specific<valijson::Validator> validators;
  cs.validate(validators.local(), *cs.shallow, &cs.json, doc, "", source, issues);
  if (!doc.is_object()) return;
  tbb::enumerable_thread_specific<std::vector<Issue>> found;
  for (const auto& entry : cs.lists) {
    // Not a structured binding: clang before 16 cannot capture one in the lambda below.
    const std::string& name = entry.first;
    const auto& list = entry.second;
    auto it = doc.find(name);
    if (it == doc.end() || !it->is_array()) continue;
    const Json& items = *it;
    const std::string base = "/" + name;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, items.size(), 256), [&](const auto& range) {
      auto& out = found.local();
      auto& validator = validators.local();
      for (std::size_t i = range.begin(); i != range.end(); ++i)
        cs.validate(validator, *list.items, list.item_json, items[i], pointer_append(base, i), source, out);
    });
  }
  // Thread order is arbitrary; the caller sorts the issues by pointer.
  for (auto& local : found) issues.insert(issues.end(), local.begin(), local.end());
}

}  // namespace partnerkit::detail
