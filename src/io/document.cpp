// The document model to and from JSON; load, loads, dumps and an atomic save.
#include "partnerkit/io/document.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <unordered_set>

#include "io/detail.hpp"
#include "io/embedded.hpp"

namespace partnerkit {

const std::vector<std::string>& builtin_process_templates() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& file : detail::builtin_template_texts()) out.emplace_back(file.name);
    return out;
  }();
  return names;
}

const Organization* Partnership::find_organization(std::string_view id) const {
  return detail::find_by_id(organizations, id);
}
const Person* Partnership::find_person(std::string_view id) const { return detail::find_by_id(people, id); }
const Meeting* Partnership::find_meeting(std::string_view id) const { return detail::find_by_id(meetings, id); }
const Agenda* Partnership::find_agenda(std::string_view id) const { return detail::find_by_id(agendas, id); }

namespace {

using OJson = nlohmann::ordered_json;

// ---- JSON -> model (the document has passed validation) ----

Json extras(const Json& object, std::initializer_list<std::string_view> known) {
  Json out = Json::object();
  for (auto it = object.begin(); it != object.end(); ++it)
    if (std::find(known.begin(), known.end(), it.key()) == known.end()) out[it.key()] = it.value();
  return out;
}

template <class T>
void read(const Json& o, const char* key, T& out) {
  if (auto it = o.find(key); it != o.end()) out = it->get<T>();
}
template <class T>
void read(const Json& o, const char* key, std::optional<T>& out) {
  if (auto it = o.find(key); it != o.end()) out = it->get<T>();
}
void read_date(const Json& o, const char* key, std::optional<Date>& out) {
  if (auto it = o.find(key); it != o.end()) out = parse_date(it->get_ref<const std::string&>());
}
std::optional<LocalDateTime> datetime_at(const Json& o, const char* key) {
  auto it = o.find(key);
  return it == o.end() ? std::nullopt : parse_local_datetime(it->get_ref<const std::string&>());
}
template <class T, class F>
void read_list(const Json& o, const char* key, std::vector<T>& out, F&& convert) {
  auto it = o.find(key);
  if (it == o.end()) return;
  out.reserve(it->size());
  for (const auto& item : *it) out.push_back(convert(item));
}

Organization organization_from(const Json& o) {
  Organization x;
  read(o, "id", x.id);
  read(o, "name", x.name);
  read(o, "category", x.category);
  read(o, "core", x.core);
  x.extra = extras(o, {"id", "name", "category", "core"});
  return x;
}

Minutes clock_minutes(const std::string& hhmm) {
  return Minutes{((hhmm[0] - '0') * 10 + (hhmm[1] - '0')) * 60 + (hhmm[3] - '0') * 10 + (hhmm[4] - '0')};
}
constexpr const char* weekday_names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

WorkingHours working_hours_from(const Json& o) {
  WorkingHours x;
  if (auto it = o.find("start"); it != o.end()) x.start = clock_minutes(it->get<std::string>());
  if (auto it = o.find("end"); it != o.end()) x.end = clock_minutes(it->get<std::string>());
  if (auto it = o.find("days"); it != o.end()) {
    x.days.clear();
    for (const auto& d : *it)
      for (unsigned i = 0; i < 7; ++i)
        if (d.get_ref<const std::string&>() == weekday_names[i]) x.days.push_back(std::chrono::weekday{i});
  }
  x.extra = extras(o, {"start", "end", "days"});
  return x;
}

Person person_from(const Json& o) {
  Person x;
  read(o, "id", x.id);
  read(o, "name", x.name);
  read(o, "organization", x.organization);
  read(o, "role", x.role);
  read(o, "decision_maker", x.decision_maker);
  read(o, "facilitator", x.facilitator);
  read(o, "timezone", x.timezone);
  read(o, "email", x.email);
  if (auto it = o.find("working_hours"); it != o.end()) x.working_hours = working_hours_from(*it);
  x.extra = extras(o, {"id", "name", "organization", "role", "decision_maker", "facilitator", "timezone", "email",
                       "working_hours"});
  return x;
}

Relationship relationship_from(const Json& o) {
  Relationship x;
  read(o, "source", x.source);
  read(o, "target", x.target);
  read(o, "kind", x.kind);
  read(o, "weight", x.weight);
  read(o, "directed", x.directed);
  read(o, "level", x.level);
  if (auto it = o.find("trust"); it != o.end()) {
    TrustScores t;
    read(*it, "reliability", t.reliability);
    read(*it, "mission", t.mission);
    read(*it, "openness", t.openness);
    t.extra = extras(*it, {"reliability", "mission", "openness"});
    x.trust = std::move(t);
  }
  if (auto it = o.find("value"); it != o.end()) {
    ValueScores v;
    read(*it, "power", v.power);
    read(*it, "resources", v.resources);
    read(*it, "involvement", v.involvement);
    v.extra = extras(*it, {"power", "resources", "involvement"});
    x.value = std::move(v);
  }
  read_date(o, "observed", x.observed);
  x.extra = extras(o, {"source", "target", "kind", "weight", "directed", "level", "trust", "value", "observed"});
  return x;
}

MeetingStatus status_from(const std::string& s) {
  return s == "held" ? MeetingStatus::held : s == "cancelled" ? MeetingStatus::cancelled : MeetingStatus::planned;
}
const char* status_name(MeetingStatus s) {
  return s == MeetingStatus::held ? "held" : s == MeetingStatus::cancelled ? "cancelled" : "planned";
}

Meeting meeting_from(const Json& o) {
  Meeting x;
  read(o, "id", x.id);
  read(o, "kind", x.kind);
  read(o, "title", x.title);
  x.start = datetime_at(o, "start");
  if (auto it = o.find("duration"); it != o.end()) x.duration = parse_duration(it->get_ref<const std::string&>());
  read(o, "timezone", x.timezone);
  read(o, "location", x.location);
  read(o, "agenda", x.agenda);
  if (auto it = o.find("status"); it != o.end()) x.status = status_from(it->get<std::string>());
  read(o, "participants", x.participants);
  x.extra = extras(o, {"id", "kind", "title", "start", "duration", "timezone", "location", "agenda", "status", "participants"});
  return x;
}

Event event_from(const Json& o) {
  Event x;
  std::optional<Date> day;
  read_date(o, "date", day);
  x.date = *day;
  read(o, "activity", x.activity);
  read(o, "meeting", x.meeting);
  read(o, "note", x.note);
  x.extra = extras(o, {"activity", "date", "meeting", "note"});
  return x;
}

Availability availability_from(const Json& o) {
  Availability x;
  read(o, "person", x.person);
  read_list(o, "busy", x.busy, [](const Json& i) {
    return Interval{*datetime_at(i, "start"), *datetime_at(i, "end"), extras(i, {"start", "end"})};
  });
  read(o, "calendar", x.calendar);
  x.extra = extras(o, {"person", "busy", "calendar"});
  return x;
}

Worksheet worksheet_from(const Json& o) {
  Worksheet x;
  read(o, "organization", x.organization);
  read(o, "session", x.session);
  read(o, "proud_of", x.proud_of);
  read(o, "help_with", x.help_with);
  read(o, "frustrated_by", x.frustrated_by);
  read(o, "love_to", x.love_to);
  read(o, "values", x.values);
  x.extra = extras(o, {"organization", "session", "proud_of", "help_with", "frustrated_by", "love_to", "values"});
  return x;
}

Idea idea_from(const Json& o) {
  Idea x;
  read(o, "id", x.id);
  read(o, "text", x.text);
  read(o, "session", x.session);
  if (auto it = o.find("votes"); it != o.end()) {
    read(*it, "exciting", x.votes.exciting);
    read(*it, "better", x.votes.better);
    read(*it, "doable", x.votes.doable);
    read(*it, "dots", x.votes.dots);
    x.votes.extra = extras(*it, {"exciting", "better", "doable", "dots"});
  }
  x.extra = extras(o, {"id", "text", "session", "votes"});
  return x;
}

std::optional<Minutes> clock_at(const Json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end()) return std::nullopt;
  const auto& t = it->get_ref<const std::string&>();  // HH:MM, checked by the schema
  return Minutes((t[0] - '0') * 600 + (t[1] - '0') * 60 + (t[3] - '0') * 10 + (t[4] - '0'));
}
std::optional<Minutes> duration_at(const Json& o, const char* key) {
  auto it = o.find(key);
  return it == o.end() ? std::nullopt : parse_duration(it->get_ref<const std::string&>());
}

Agenda agenda_from(const Json& o) {
  Agenda x;
  read(o, "id", x.id);
  read(o, "title", x.title);
  read(o, "description", x.description);
  read(o, "meeting_kind", x.meeting_kind);
  x.start = clock_at(o, "start");
  x.duration = duration_at(o, "duration");
  read(o, "allow_gaps", x.allow_gaps);
  read(o, "allow_overlaps", x.allow_overlaps);
  read_list(o, "items", x.items, [](const Json& i) {
    AgendaItem item;
    read(i, "title", item.title);
    read(i, "kind", item.kind);
    item.start = clock_at(i, "start");
    item.duration = duration_at(i, "duration");
    read(i, "description", item.description);
    item.extra = extras(i, {"title", "kind", "start", "duration", "description"});
    return item;
  });
  x.extra = extras(o, {"id", "title", "description", "meeting_kind", "start", "duration", "allow_gaps", "allow_overlaps", "items"});
  return x;
}

Partnership partnership_from(const Json& o) {
  Partnership p;
  read(o, "format", p.format);
  read(o, "name", p.name);
  read(o, "description", p.description);
  read(o, "process", p.process);
  read_date(o, "start", p.start);
  read(o, "timezone", p.timezone);
  read_list(o, "organizations", p.organizations, organization_from);
  read_list(o, "people", p.people, person_from);
  read_list(o, "relationships", p.relationships, relationship_from);
  read_list(o, "meetings", p.meetings, meeting_from);
  read_list(o, "events", p.events, event_from);
  read_list(o, "availability", p.availability, availability_from);
  read_list(o, "worksheets", p.worksheets, worksheet_from);
  read_list(o, "ideas", p.ideas, idea_from);
  read_list(o, "agendas", p.agendas, agenda_from);
  p.extra = extras(o, {"format", "name", "description", "process", "start", "timezone", "organizations", "people",
                       "relationships", "meetings", "events", "availability", "worksheets", "ideas", "agendas"});
  return p;
}

// ---- model -> JSON ----

template <class T>
void put(OJson& o, const char* key, const std::optional<T>& value) {
  if (value) o[key] = *value;
}
void put(OJson& o, const char* key, const std::optional<Date>& value) {
  if (value) o[key] = format_date(*value);
}
void put_flag(OJson& o, const char* key, bool value) {
  if (value) o[key] = true;
}
void put_list(OJson& o, const char* key, const std::vector<std::string>& values) {
  if (!values.empty()) o[key] = values;
}
template <class T, class F>
void put_list(OJson& o, const char* key, const std::vector<T>& values, F&& convert) {
  if (values.empty()) return;
  OJson list = OJson::array();
  for (const auto& v : values) list.push_back(convert(v));
  o[key] = std::move(list);
}
OJson with_extras(OJson o, const Json& extra) {
  if (extra.is_object())
    for (auto it = extra.begin(); it != extra.end(); ++it)
      if (!o.contains(it.key())) o[it.key()] = OJson(it.value());
  return o;
}

OJson to_json(const Organization& x) {
  OJson o{{"id", x.id}, {"name", x.name}};
  put(o, "category", x.category);
  put_flag(o, "core", x.core);
  return with_extras(std::move(o), x.extra);
}

OJson to_json(const Person& x) {
  OJson o{{"id", x.id}, {"name", x.name}, {"organization", x.organization}};
  put(o, "role", x.role);
  put_flag(o, "decision_maker", x.decision_maker);
  put_flag(o, "facilitator", x.facilitator);
  put(o, "timezone", x.timezone);
  put(o, "email", x.email);
  if (x.working_hours) {
    const auto& w = *x.working_hours;
    auto clock = [](Minutes m) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(m.count() / 60), static_cast<int>(m.count() % 60));
      return std::string(buf);
    };
    OJson h{{"start", clock(w.start)}, {"end", clock(w.end)}};
    OJson days = OJson::array();
    for (auto d : w.days) days.push_back(d.ok() ? weekday_names[d.c_encoding()] : "?");
    h["days"] = std::move(days);
    o["working_hours"] = with_extras(std::move(h), w.extra);
  }
  return with_extras(std::move(o), x.extra);
}

OJson to_json(const Relationship& x) {
  OJson o{{"source", x.source}, {"target", x.target}};
  put(o, "kind", x.kind);
  if (x.weight != 1.0) o["weight"] = x.weight;
  put_flag(o, "directed", x.directed);
  put(o, "level", x.level);
  if (x.trust) {
    OJson t = OJson::object();
    put(t, "reliability", x.trust->reliability);
    put(t, "mission", x.trust->mission);
    put(t, "openness", x.trust->openness);
    o["trust"] = with_extras(std::move(t), x.trust->extra);
  }
  if (x.value) {
    OJson v = OJson::object();
    put(v, "power", x.value->power);
    put(v, "resources", x.value->resources);
    put(v, "involvement", x.value->involvement);
    o["value"] = with_extras(std::move(v), x.value->extra);
  }
  put(o, "observed", x.observed);
  return with_extras(std::move(o), x.extra);
}

OJson to_json(const Meeting& x) {
  OJson o{{"id", x.id}, {"kind", x.kind}};
  put(o, "title", x.title);
  if (x.start) o["start"] = format_local_datetime(*x.start);
  if (x.duration) o["duration"] = format_duration(*x.duration);
  put(o, "timezone", x.timezone);
  put(o, "location", x.location);
  put(o, "agenda", x.agenda);
  if (x.status != MeetingStatus::planned) o["status"] = status_name(x.status);
  put_list(o, "participants", x.participants);
  return with_extras(std::move(o), x.extra);
}

std::string format_clock(Minutes m) {
  const auto n = m.count();  // 0 to 1439, checked by the schema
  const char text[] = {static_cast<char>('0' + n / 600 % 10), static_cast<char>('0' + n / 60 % 10), ':',
                       static_cast<char>('0' + n % 60 / 10), static_cast<char>('0' + n % 10)};
  return std::string(text, sizeof text);
}

OJson to_json(const Agenda& x) {
  OJson o{{"id", x.id}, {"title", x.title}};
  put(o, "description", x.description);
  put(o, "meeting_kind", x.meeting_kind);
  if (x.start) o["start"] = format_clock(*x.start);
  if (x.duration) o["duration"] = format_duration(*x.duration);
  put_flag(o, "allow_gaps", x.allow_gaps);
  put_flag(o, "allow_overlaps", x.allow_overlaps);
  OJson items = OJson::array();
  for (const auto& i : x.items) {
    OJson item{{"title", i.title}};
    if (i.kind != "session") item["kind"] = i.kind;
    if (i.start) item["start"] = format_clock(*i.start);
    if (i.duration) item["duration"] = format_duration(*i.duration);
    put(item, "description", i.description);
    items.push_back(with_extras(std::move(item), i.extra));
  }
  o["items"] = std::move(items);
  return with_extras(std::move(o), x.extra);
}

OJson to_json(const Event& x) {
  OJson o{{"activity", x.activity}, {"date", format_date(x.date)}};
  put(o, "meeting", x.meeting);
  put(o, "note", x.note);
  return with_extras(std::move(o), x.extra);
}

OJson to_json(const Availability& x) {
  OJson o{{"person", x.person}};
  put_list(o, "busy", x.busy, [](const Interval& i) {
    return with_extras(OJson{{"start", format_local_datetime(i.start)}, {"end", format_local_datetime(i.end)}}, i.extra);
  });
  put(o, "calendar", x.calendar);
  return with_extras(std::move(o), x.extra);
}

OJson to_json(const Worksheet& x) {
  OJson o{{"organization", x.organization}};
  put(o, "session", x.session);
  put_list(o, "proud_of", x.proud_of);
  put_list(o, "help_with", x.help_with);
  put_list(o, "frustrated_by", x.frustrated_by);
  put_list(o, "love_to", x.love_to);
  put_list(o, "values", x.values);
  return with_extras(std::move(o), x.extra);
}

OJson to_json(const Idea& x) {
  OJson o{{"id", x.id}, {"text", x.text}};
  put(o, "session", x.session);
  OJson votes = OJson::object();
  for (auto [key, count] : {std::pair{"exciting", x.votes.exciting}, {"better", x.votes.better},
                            {"doable", x.votes.doable}, {"dots", x.votes.dots}})
    if (count != 0) votes[key] = count;
  votes = with_extras(std::move(votes), x.votes.extra);
  if (!votes.empty()) o["votes"] = std::move(votes);
  return with_extras(std::move(o), x.extra);
}

template <class T>
OJson item_json(const T& x) {
  return to_json(x);
}



// What the text scan of loads() rejects, for a value built in memory: nesting deeper than
// `max_depth` and strings holding NUL. Iterative, so a deep value cannot overflow the stack.
void check_built_value(const Json& value, const std::string& name, std::size_t max_depth) {
  struct Entry {
    const Json* node;
    std::size_t depth;
    std::string pointer;
  };
  std::vector<Entry> stack{{&value, 0, ""}};
  while (!stack.empty()) {
    Entry e = std::move(stack.back());
    stack.pop_back();
    if (e.node->is_string()) {
      if (e.node->get_ref<const std::string&>().find('\0') != std::string::npos)
        throw ValidationError(name, e.pointer, "expected text without NUL characters, got " + detail::describe_value(*e.node));
      continue;
    }
    if (!e.node->is_structured()) continue;
    if (e.depth + 1 > max_depth)
      throw ValidationError(name, e.pointer, "nesting deeper than " + std::to_string(max_depth) +
                                                 " levels; expected a partnership document");
    if (e.node->is_array())
      for (std::size_t i = 0; i < e.node->size(); ++i)
        stack.push_back({&(*e.node)[i], e.depth + 1, pointer_append(e.pointer, i)});
    else
      for (auto it = e.node->begin(); it != e.node->end(); ++it)
        stack.push_back({&it.value(), e.depth + 1, pointer_append(e.pointer, it.key())});
  }
}

void throw_if_invalid(const Json& document, const std::string& name) {
  std::vector<Issue> issues;
  detail::check_schema(document, name, issues);
  std::vector<Issue> semantic;
  detail::check_semantics(document, name, semantic);
  detail::merge_issues(issues, std::move(semantic));
  detail::throw_issues(std::move(issues));
}

Partnership validated(const Json& document, const std::string& name) {
  throw_if_invalid(document, name);
  return partnership_from(document);
}

// The document's text, refused unless it loads again: a NaN weight (written as null), an empty
// id or a day that does not exist is reported to the writer, not found by the next reader.
std::string checked_text(const Partnership& p, int indent, const std::string& name) {
  std::string text;
  try {
    text = to_json(p).dump(indent) + (indent >= 0 ? "\n" : "");
  } catch (const nlohmann::json::type_error& e) {
    throw Error(name + ": cannot write the document: " + e.what());
  }
  throw_if_invalid(detail::parse_json_text(text, name, LoadOptions{}.max_depth), name);
  return text;
}

}  // namespace

namespace detail {

// Orders JSON pointers as the document does: token by token, array indexes as numbers.
static bool pointer_less(std::string_view a, std::string_view b) {
  while (!a.empty() && !b.empty()) {
    auto next = [](std::string_view& p) {
      p.remove_prefix(1);
      auto end = p.find('/');
      auto token = p.substr(0, end);
      p = end == std::string_view::npos ? std::string_view{} : p.substr(end);
      return token;
    };
    auto ta = next(a), tb = next(b);
    if (ta == tb) continue;
    bool na = !ta.empty() && ta.find_first_not_of("0123456789") == std::string_view::npos;
    bool nb = !tb.empty() && tb.find_first_not_of("0123456789") == std::string_view::npos;
    if (na && nb && ta.size() != tb.size()) return ta.size() < tb.size();
    return ta < tb;
  }
  return a.empty() && !b.empty();
}

void read_file(const std::filesystem::path& path, std::string& text) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw IoError(path.string(), "is a folder; expected a file", EISDIR);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int e = errno;
    throw IoError(path.string(), std::string("cannot open: ") + std::strerror(e), e);
  }
  struct Close {
    int fd;
    ~Close() { ::close(fd); }
  } close_at_end{fd};
  // The size it has now in one read (a byte more to see the end), then whatever follows (a
  // file that grew, a pipe). `text` only grows: a reused buffer is not cleared first.
  struct stat st {};
  std::size_t size = 0, want = 0;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) want = static_cast<std::size_t>(st.st_size);
  if (text.size() < want + 1) text.resize(want + 1);
  for (;;) {
    if (size == text.size()) text.resize(std::max<std::size_t>(text.size() * 2, 4096));
    const ssize_t n = ::read(fd, text.data() + size, text.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int e = errno;
      text.clear();
      throw IoError(path.string(), std::string("cannot read: ") + std::strerror(e), e);
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }
  text.resize(size);
}

std::string read_file(const std::filesystem::path& path) {
  std::string text;
  read_file(path, text);
  return text;
}

void merge_issues(std::vector<Issue>& schema_issues, std::vector<Issue> semantic_issues) {
  std::unordered_set<std::string> rejected;
  for (const auto& issue : schema_issues) rejected.insert(issue.pointer);
  for (auto& issue : semantic_issues)
    if (!rejected.count(issue.pointer)) schema_issues.push_back(std::move(issue));
}

void throw_issues(std::vector<Issue> issues) {
  if (issues.empty()) return;
  std::stable_sort(issues.begin(), issues.end(), [](const Issue& a, const Issue& b) { return pointer_less(a.pointer, b.pointer); });
  throw ValidationError(std::move(issues));
}

}  // namespace detail

Partnership from_json(const Json& document, std::string_view source, const LoadOptions& options) {
  std::string name(source);
  check_built_value(document, name, options.max_depth);
  return validated(document, name);
}

Partnership loads(std::string_view text, std::string_view source, const LoadOptions& options) {
  std::string name(source);
  return validated(detail::parse_json_text(text, name, options.max_depth), name);
}

Partnership load(const std::filesystem::path& path, const LoadOptions& options) {
  return loads(detail::read_file(path), path.string(), options);
}

nlohmann::ordered_json to_json(const Partnership& p) {
  OJson o{{"format", p.format}, {"name", p.name}};
  put(o, "description", p.description);
  put(o, "process", p.process);
  put(o, "start", p.start);
  put(o, "timezone", p.timezone);
  put_list(o, "organizations", p.organizations, item_json<Organization>);
  put_list(o, "people", p.people, item_json<Person>);
  put_list(o, "relationships", p.relationships, item_json<Relationship>);
  put_list(o, "meetings", p.meetings, item_json<Meeting>);
  put_list(o, "events", p.events, item_json<Event>);
  put_list(o, "availability", p.availability, item_json<Availability>);
  put_list(o, "worksheets", p.worksheets, item_json<Worksheet>);
  put_list(o, "ideas", p.ideas, item_json<Idea>);
  put_list(o, "agendas", p.agendas, item_json<Agenda>);
  return with_extras(std::move(o), p.extra);
}

std::string dumps(const Partnership& p, int indent) { return checked_text(p, indent, "<dumps>"); }

void save(const Partnership& p, const std::filesystem::path& path, int indent) {
  write_file_atomically(path, checked_text(p, indent, path.string()));
}

void write_file_atomically(const std::filesystem::path& path, std::string_view text) {
  const std::string target = path.string();
  auto folder = path.parent_path();
  std::string pattern = ((folder.empty() ? std::filesystem::path(".") : folder) /
                         ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw IoError(target, std::string("cannot save: ") + std::strerror(errno), errno);
  auto fail = [&](const char* what) {
    int err = errno;
    ::close(fd);
    ::unlink(pattern.c_str());
    throw IoError(target, std::string(what) + std::strerror(err) + "; the previous file is unchanged", err);
  };
  // Keep the permissions of the file being replaced; a new file gets rw-r--r--.
  struct stat st {};
  mode_t mode = ::stat(target.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644;
  if (::fchmod(fd, mode) != 0) fail("cannot save: ");
  for (std::size_t written = 0; written < text.size();) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot save: ");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) fail("cannot save: ");
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(pattern.c_str());
    throw IoError(target, std::string("cannot save: ") + std::strerror(err) + "; the previous file is unchanged", err);
  }
  if (::rename(pattern.c_str(), target.c_str()) != 0) {
    int err = errno;
    ::unlink(pattern.c_str());
    throw IoError(target, std::string("cannot save: ") + std::strerror(err) + "; the previous file is unchanged", err);
  }
}

}  // namespace partnerkit
