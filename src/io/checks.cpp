// The checks a JSON Schema cannot express: unique ids, references that resolve, days and time
// zones that exist, end after start, a known process template.
#include <algorithm>
#include <unordered_map>

#include "io/detail.hpp"

namespace partnerkit::detail {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = up;
    }
  }
  return row[b.size()];
}

namespace {

using IdIndex = std::unordered_map<std::string, std::string>;  // id -> pointer of its first use


// A value of the document in a message: JSON-quoted, shortened (describe_value), any bytes.
std::string shown(const std::string& text) { return describe_value(Json(text)); }

class Checker {
 public:
  Checker(const Json& doc, const std::string& source, std::vector<Issue>& issues)
      : doc_(doc), source_(source), issues_(issues) {}

  void run() {
    if (!doc_.is_object()) return;
    organizations_ = collect_ids("organizations", "organization");
    people_ = collect_ids("people", "person");
    meetings_ = collect_ids("meetings", "meeting");
    collect_ids("ideas", "idea");
    collect_ids("agendas", "agenda");
    for (const auto& [id, where] : people_)
      if (organizations_.count(id))
        add(where, "id " + shown(id) + " is also an organization id (" + organizations_[id] +
                       "); expected ids that tell people and organizations apart");

    if (auto* process = string_at(doc_, "process"); process && !is_builtin_process(*process))
      add("/process", "expected a known process template (" + builtin_list() + "), got " + shown(*process));
    check_date(doc_, "", "start");
    check_timezone(doc_, "", "timezone");

    for_each("people", [&](const Json& person, const std::string& at) {
      check_ref(person, at, "organization", organizations_, "organization");
      check_timezone(person, at, "timezone");
      check_working_hours(person, at);
    });
    for_each("relationships", [&](const Json& tie, const std::string& at) {
      check_endpoint(tie, at, "source");
      check_endpoint(tie, at, "target");
      auto* source = string_at(tie, "source");
      auto* target = string_at(tie, "target");
      if (source && target && *source == *target)
        add(at + "/target", "expected a tie between two different endpoints, got " + shown(*target) + " twice");
      check_date(tie, at, "observed");
    });
    for_each("meetings", [&](const Json& meeting, const std::string& at) {
      check_datetime(meeting, at, "start");
      if (auto* duration = string_at(meeting, "duration")) {
        auto minutes = parse_duration(*duration);
        if (!minutes || minutes->count() == 0)
          add(at + "/duration", "expected a positive ISO 8601 duration such as PT1H30M, got " + shown(*duration));
      }
      check_timezone(meeting, at, "timezone");
      if (auto it = meeting.find("participants"); it != meeting.end() && it->is_array())
        for (std::size_t j = 0; j < it->size(); ++j)
          if ((*it)[j].is_string())
            check_id((*it)[j].get_ref<const std::string&>(), pointer_append(at + "/participants", j), people_, "person");
    });
    for_each("events", [&](const Json& event, const std::string& at) {
      check_date(event, at, "date");
      check_ref(event, at, "meeting", meetings_, "meeting");
    });
    for_each("availability", [&](const Json& entry, const std::string& at) {
      check_ref(entry, at, "person", people_, "person");
      if (auto it = entry.find("busy"); it != entry.end() && it->is_array())
        for (std::size_t j = 0; j < it->size(); ++j) {
          const auto& interval = (*it)[j];
          std::string here = pointer_append(at + "/busy", j);
          auto start = check_datetime(interval, here, "start");
          auto end = check_datetime(interval, here, "end");
          if (start && end && *end <= *start)
            add(here + "/end", "expected a time after the start " + format_local_datetime(*start) + ", got " +
                                   shown(format_local_datetime(*end)));
        }
    });
    std::unordered_map<std::string, std::string> worksheet_keys;
    for_each("worksheets", [&](const Json& sheet, const std::string& at) {
      check_ref(sheet, at, "organization", organizations_, "organization");
      check_ref(sheet, at, "session", meetings_, "meeting");
      auto* org = string_at(sheet, "organization");
      if (!org) return;
      auto* session = string_at(sheet, "session");
      auto [it, fresh] = worksheet_keys.emplace(*org + '\0' + (session ? *session : ""), at);  // text never holds NUL
      if (!fresh)
        add(at + "/organization", "expected one worksheet per organization and session, got a second for " +
                                      shown(*org) + " (first at " + it->second + ")");
    });
    for_each("ideas", [&](const Json& idea, const std::string& at) { check_ref(idea, at, "session", meetings_, "meeting"); });
    for_each("agendas", [&](const Json& agenda, const std::string& at) {
      check_positive_duration(agenda, at, "duration");
      if (auto it = agenda.find("items"); it != agenda.end() && it->is_array())
        for (std::size_t j = 0; j < it->size(); ++j)
          if ((*it)[j].is_object()) check_positive_duration((*it)[j], pointer_append(at + "/items", j), "duration");
    });
  }

 private:
  void add(std::string pointer, std::string message) { issues_.push_back({source_, std::move(pointer), std::move(message)}); }

  static const std::string* string_at(const Json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
  }

  template <class F>
  void for_each(const char* list, F&& f) {
    auto it = doc_.find(list);
    if (it == doc_.end() || !it->is_array()) return;
    std::string base = std::string("/") + list;
    for (std::size_t i = 0; i < it->size(); ++i)
      if ((*it)[i].is_object()) f((*it)[i], pointer_append(base, i));
  }

  IdIndex collect_ids(const char* list, const char* what) {
    IdIndex index;
    for_each(list, [&](const Json& item, const std::string& at) {
      auto* id = string_at(item, "id");
      if (!id) return;
      auto [it, fresh] = index.emplace(*id, at + "/id");
      if (!fresh)
        add(at + "/id", std::string("expected a unique ") + what + " id, got " + shown(*id) +
                            " again (first at " + it->second + ")");
    });
    return index;
  }

  void check_id(const std::string& id, const std::string& at, const IdIndex& known, const std::string& what) {
    if (known.count(id)) return;
    std::string message = "expected a known " + what + " id, got " + shown(id);
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(1, id.size() / 3) + 1;  // close enough to be a typo
    // Suggest the closest known id for the first unknown references of a document, and for ids
    // of a readable length only: edit distance is quadratic and the check must stay linear.
    const bool suggest = suggestions_left_ > 0 && id.size() <= max_suggested_length && known.size() <= 2000;
    if (suggest) --suggestions_left_;
    for (const auto& [candidate, where] : suggest ? known : IdIndex{}) {
      std::size_t gap = candidate.size() > id.size() ? candidate.size() - id.size() : id.size() - candidate.size();
      if (candidate.size() > max_suggested_length || gap > best_distance) continue;  // distance >= gap
      auto d = edit_distance(id, candidate);
      if (d < best_distance || (d == best_distance && !best.empty() && candidate < best)) {
        best_distance = d;
        best = candidate;
      }
    }
    if (!best.empty()) message += " (did you mean " + shown(best) + "?)";
    add(at, std::move(message));
  }

  void check_ref(const Json& object, const std::string& at, const char* key, const IdIndex& known, const std::string& what) {
    if (auto* id = string_at(object, key)) check_id(*id, at + "/" + key, known, what);
  }

  void check_endpoint(const Json& tie, const std::string& at, const char* key) {
    auto* id = string_at(tie, key);
    if (!id || organizations_.count(*id) || people_.count(*id)) return;
    add(at + "/" + key, "expected a known organization or person id, got " + shown(*id));
  }

  void check_date(const Json& object, const std::string& at, const char* key) {
    auto* text = string_at(object, key);
    if (text && !parse_date(*text)) add(at + "/" + key, "expected a day that exists, YYYY-MM-DD, got " + shown(*text));
  }

  std::optional<LocalDateTime> check_datetime(const Json& object, const std::string& at, const char* key) {
    auto* text = string_at(object, key);
    if (!text) return std::nullopt;
    auto t = parse_local_datetime(*text);
    if (!t) add(at + "/" + key, "expected a date and time that exist, YYYY-MM-DDTHH:MM, got " + shown(*text));
    return t;
  }

  void check_positive_duration(const Json& object, const std::string& at, const char* key) {
    auto* text = string_at(object, key);
    if (!text) return;
    auto minutes = parse_duration(*text);
    if (!minutes || minutes->count() == 0)
      add(at + "/" + key, "expected a positive ISO 8601 duration such as PT1H30M, got " + shown(*text));
  }

  void check_working_hours(const Json& person, const std::string& at) {
    auto it = person.find("working_hours");
    if (it == person.end() || !it->is_object()) return;
    auto* given_start = string_at(*it, "start");
    auto* given_end = string_at(*it, "end");
    std::string start = given_start ? *given_start : "09:00", end = given_end ? *given_end : "17:00";
    if ((given_start || given_end) && start.size() == 5 && end.size() == 5 && end <= start)
      add(at + "/working_hours/" + (given_end ? "end" : "start"),
          "expected the working day to end after it starts (" + start + " to " + end + ")");
  }

  void check_timezone(const Json& object, const std::string& at, const char* key) {
    auto* name = string_at(object, key);
    if (name && !is_known_timezone(*name))
      add(at + "/" + key, "expected an IANA time zone name such as America/Denver, got " + shown(*name));
  }

  static bool is_builtin_process(const std::string& name) {
    const auto& names = builtin_process_templates();
    return std::find(names.begin(), names.end(), name) != names.end();
  }

  static std::string builtin_list() {
    std::string out;
    for (const auto& name : builtin_process_templates()) out += (out.empty() ? "" : ", ") + name;
    return out;
  }

  const Json& doc_;
  const std::string& source_;
  std::vector<Issue>& issues_;
  IdIndex organizations_, people_, meetings_;
  static constexpr std::size_t max_suggested_length = 60;  // describe_value shortens longer ones
  std::size_t suggestions_left_ = 100;
};

}  // namespace

void check_semantics(const Json& doc, const std::string& source, std::vector<Issue>& issues) {
  Checker(doc, source, issues).run();
}

}  // namespace partnerkit::detail
