// partnerkit._core, document part: the model classes and load / loads / from_dict / dumps / save.
#include "bindings.hpp"

#include <pybind11/native_enum.h>

#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace partnerkit::python {
namespace {

std::string repr_of(py::handle h) { return py::repr(h).cast<std::string>(); }

Json extra_or_empty(py::handle extra) { return extra.is_none() ? Json::object() : extra_from_python(extra); }

/// A model class: its attributes, and from the same table its __repr__, __eq__, copying and
/// pickling.
///
/// Attributes that hold a list or an optional record are read as copies (a list of copies):
/// a reference into a std::vector or std::optional would dangle once the vector grows or the
/// optional is reset. Change them by assigning: `p.organizations = [*p.organizations, org]`.
/// A record held directly (Idea.votes) is read by reference: `idea.votes.exciting += 1` works.
template <class T>
class Record {
 public:
  Record(py::module_& m, const char* name, const char* doc)
      : name_(name), cls_(m, name, doc), fields_(std::make_shared<std::vector<Field>>()) {}

  py::class_<T>& cls() { return cls_; }

  /// A value attribute (a copy when read). `always`: shown in __repr__ even at its default.
  template <class M>
  Record& field(const char* name, M T::*member, const char* doc, bool always = false) {
    cls_.def_property(
        name, [member](const T& self) -> M { return self.*member; },
        [member](T& self, M value) { self.*member = std::move(value); }, doc);
    add(name, member, always);
    return *this;
  }

  /// A record attribute read by reference (safe: it lives as long as the object holding it).
  template <class M>
  Record& nested(const char* name, M T::*member, const char* doc) {
    cls_.def_readwrite(name, member, doc);
    add(name, member, false);
    return *this;
  }

  /// `extra`: the keys partnerkit does not know, kept for the round trip, as a dict.
  Record& extra() {
    cls_.def_property(
        "extra", [](const T& self) { return json_to_python(self.extra); },
        [](T& self, py::handle value) { self.extra = extra_from_python(value); },
        "Keys partnerkit does not know, kept on load and written back on save (a dict of JSON values; a copy "
        "when read).");
    fields_->push_back({"extra", [](const T& self) { return self.extra.empty(); },
                        [](const T& self) { return json_to_python(self.extra); },
                        [](T& self, py::handle value) { self.extra = extra_from_python(value); }});
    return *this;
  }

  /// __eq__, __repr__ (unless the class writes its own), __copy__, __deepcopy__ and pickling.
  void finish(bool with_repr = true) {
    auto fields = fields_;
    cls_.def(
        "__eq__", [](const T& a, const T& b) { return a == b; }, py::is_operator());
    cls_.def("__copy__", [](const T& self) { return T(self); });
    cls_.def("__deepcopy__", [](const T& self, py::handle) { return T(self); }, py::arg("memo"));
    if (with_repr) {
      cls_.def("__repr__", [fields, name = name_](const T& self) {
        std::string out = name + "(";
        bool first = true;
        for (const auto& f : *fields) {
          if (!f.always && f.is_default(self)) continue;
          py::object value = f.get(self);
          // MeetingStatus.held rather than <MeetingStatus.held: 1>.
          std::string shown = f.is_enum ? std::string(py::str(value)) : repr_of(value);
          out += (first ? "" : ", ") + f.name + "=" + shown;
          first = false;
        }
        return out + ")";
      });
    }
    cls_.def(py::pickle(
        [fields](const T& self) {
          py::tuple state(fields->size());
          for (std::size_t i = 0; i < fields->size(); ++i) state[i] = (*fields)[i].get(self);
          return state;
        },
        [fields, name = name_](const py::tuple& state) {
          if (state.size() != fields->size())
            throw py::value_error(name + ": expected a state of " + std::to_string(fields->size()) + " items");
          T self;
          for (std::size_t i = 0; i < fields->size(); ++i) (*fields)[i].set(self, state[i]);
          return self;
        }));
  }

 private:
  struct Field {
    std::string name;
    std::function<bool(const T&)> is_default;
    std::function<py::object(const T&)> get;
    std::function<void(T&, py::handle)> set;
    bool always = false;
    bool is_enum = false;
  };

  template <class M>
  void add(const char* name, M T::*member, bool always) {
    fields_->push_back({name, [member](const T& self) { return self.*member == T{}.*member; },
                        [member](const T& self) { return py::cast(self.*member, py::return_value_policy::copy); },
                        [member](T& self, py::handle value) { self.*member = value.cast<M>(); }, always,
                        std::is_enum_v<M>});
  }

  std::string name_;
  py::class_<T> cls_;
  std::shared_ptr<std::vector<Field>> fields_;
};

template <class T>
std::optional<T> found(const T* item) {
  return item ? std::optional<T>(*item) : std::nullopt;
}

// A Python str as UTF-8 for the loader; a lone surrogate (which UTF-8 cannot encode) is an input
// error like any other.
std::string_view utf8_of(const py::str& text, const std::string& source) {
  // py::str also lets bytes through.
  if (!PyUnicode_Check(text.ptr()))
    throw py::type_error("loads: expected str, got " +
                         std::string(py::str(py::type::handle_of(text).attr("__name__"))) +
                         " (decode it first, or give the file to load())");
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
  if (data) return {data, static_cast<std::size_t>(size)};
  PyErr_Clear();
  Py_ssize_t length = PyUnicode_GetLength(text.ptr());
  for (Py_ssize_t i = 0; i < length; ++i) {
    Py_UCS4 c = PyUnicode_ReadChar(text.ptr(), i);
    if (c >= 0xD800 && c <= 0xDFFF) {
      char code[8];
      std::snprintf(code, sizeof code, "%04X", static_cast<unsigned>(c));
      throw ValidationError(source, "",
                            "not valid JSON: lone surrogate U+" + std::string(code) + " at character " +
                                std::to_string(i + 1) + "; expected text that UTF-8 can encode");
    }
  }
  throw ValidationError(source, "", "not valid JSON: the text cannot be encoded as UTF-8");
}

constexpr const char* list_note = " A list of copies: assign a new list to change it.";

std::string doc(const char* text, bool list = false) { return std::string(text) + (list ? list_note : ""); }

}  // namespace

void bind_document(py::module_& m) {
  using Text = std::optional<std::string>;
  using Strings = std::vector<std::string>;
  const auto none = py::none();
  const auto no_items = [](const char* name) { return py::arg_v(name, py::tuple(), "()"); };

  // ---- Organization ----
  Record<Organization> organization(m, "Organization", "An organization taking part in the partnership.");
  organization.cls().def(
      py::init([](std::string id, std::string name, Text category, bool core, py::handle extra) {
        return Organization{std::move(id), std::move(name), std::move(category), core, extra_or_empty(extra)};
      }),
      py::kw_only(), py::arg("id") = "", py::arg("name") = "", py::arg("category") = none, py::arg("core") = false,
      py::arg("extra") = none);
  organization.field("id", &Organization::id, "Unique among the organizations.", true)
      .field("name", &Organization::name, "Display name.", true)
      .field("category", &Organization::category,
             "Built-in (cac-chapter, voca-administrator, court, ...) or custom; None if not given.")
      .field("core", &Organization::core, "A core partner (e.g. the CAC chapter, the VOCA administrator).")
      .extra()
      .finish();

  // ---- WorkingHours, Person ----
  Record<WorkingHours> hours(m, "WorkingHours",
                             "When a person works: local times of day (timedelta since midnight) in their time zone, "
                             "on weekdays 'mon'...'sun'.");
  hours.cls().def(
      py::init([](Minutes start, Minutes end, std::vector<std::chrono::weekday> days, py::handle extra) {
        return WorkingHours{start, end, std::move(days), extra_or_empty(extra)};
      }),
      py::kw_only(), py::arg("start") = Minutes{9 * 60}, py::arg("end") = Minutes{17 * 60},
      py::arg("days") = WorkingHours{}.days, py::arg("extra") = none);
  hours.field("start", &WorkingHours::start, "Start of the working day since midnight (default 09:00).", true)
      .field("end", &WorkingHours::end, "End of the working day since midnight, after start (default 17:00).", true)
      .field("days", &WorkingHours::days, "Working weekdays, 'mon' to 'sun' (default mon-fri).", true)
      .extra()
      .finish();

  Record<Person> person(m, "Person", "A person, who belongs to one organization.");
  person.cls().def(
      py::init([](std::string id, std::string name, std::string organization, Text role, bool decision_maker,
                  bool facilitator, Text timezone, Text email, std::optional<WorkingHours> working_hours,
                  py::handle extra) {
        return Person{std::move(id),       std::move(name),       std::move(organization),
                      std::move(role),     decision_maker,        facilitator,
                      std::move(timezone), std::move(email),      extra_or_empty(extra),
                      std::move(working_hours)};
      }),
      py::kw_only(), py::arg("id") = "", py::arg("name") = "", py::arg("organization") = "", py::arg("role") = none,
      py::arg("decision_maker") = false, py::arg("facilitator") = false, py::arg("timezone") = none,
      py::arg("email") = none, py::arg("working_hours") = none, py::arg("extra") = none);
  person.field("id", &Person::id, "Unique among the people, and not also an organization id.", true)
      .field("name", &Person::name, "Display name.", true)
      .field("organization", &Person::organization, "Id of the person's organization.", true)
      .field("role", &Person::role, "Job title or role; None if not given.")
      .field("decision_maker", &Person::decision_maker, "Can make commitments for the organization.")
      .field("facilitator", &Person::facilitator, "Facilitates the partnership process.")
      .field("timezone", &Person::timezone, "IANA time zone name (of the person's busy times); None if not given.")
      .field("email", &Person::email, "E-mail address; None if not given.")
      .field("working_hours", &Person::working_hours,
             "WorkingHours, or None (scheduling assumes 09:00-17:00 Monday to Friday).")
      .extra()
      .finish();

  // ---- TrustScores, ValueScores ----
  using Score = std::optional<int>;
  Record<TrustScores> trust(m, "TrustScores", "PARTNER trust items, each 1-4; a missing item is None (never 0).");
  trust.cls().def(
      py::init([](Score reliability, Score mission, Score openness, py::handle extra) {
        return TrustScores{reliability, mission, openness, extra_or_empty(extra)};
      }),
      py::kw_only(), py::arg("reliability") = none, py::arg("mission") = none, py::arg("openness") = none,
      py::arg("extra") = none);
  trust.field("reliability", &TrustScores::reliability, "Reliability, 1-4, or None.")
      .field("mission", &TrustScores::mission, "Support of the mission, 1-4, or None.")
      .field("openness", &TrustScores::openness, "Openness to discussion, 1-4, or None.")
      .extra()
      .finish();

  Record<ValueScores> value(m, "ValueScores", "PARTNER value items, each 1-4; a missing item is None (never 0).");
  value.cls().def(
      py::init([](Score power, Score resources, Score involvement, py::handle extra) {
        return ValueScores{power, resources, involvement, extra_or_empty(extra)};
      }),
      py::kw_only(), py::arg("power") = none, py::arg("resources") = none, py::arg("involvement") = none,
      py::arg("extra") = none);
  value.field("power", &ValueScores::power, "Power and influence, 1-4, or None.")
      .field("resources", &ValueScores::resources, "Resource contribution, 1-4, or None.")
      .field("involvement", &ValueScores::involvement, "Level of involvement, 1-4, or None.")
      .extra()
      .finish();

  // ---- Relationship ----
  Record<Relationship> relationship(m, "Relationship", "A tie between two organizations or people.");
  relationship.cls().def(
      py::init([](std::string source, std::string target, Text kind, double weight, bool directed,
                  std::optional<int> level, std::optional<TrustScores> trust, std::optional<ValueScores> value,
                  std::optional<Date> observed, py::handle extra) {
        return Relationship{std::move(source), std::move(target), std::move(kind), weight, directed, level,
                            std::move(trust), std::move(value), observed, extra_or_empty(extra)};
      }),
      py::kw_only(), py::arg("source") = "", py::arg("target") = "", py::arg("kind") = none, py::arg("weight") = 1.0,
      py::arg("directed") = false, py::arg("level") = none, py::arg("trust") = none, py::arg("value") = none,
      py::arg("observed") = none, py::arg("extra") = none);
  relationship.field("source", &Relationship::source, "Organization or person id.", true)
      .field("target", &Relationship::target, "Organization or person id.", true)
      .field("kind", &Relationship::kind,
             "communication, information-sharing, joint-work, funding, referral or custom; None if not given.")
      .field("weight", &Relationship::weight, "Strength of the tie, greater than 0 (default 1.0).")
      .field("directed", &Relationship::directed, "The tie goes from source to target only.")
      .field("level", &Relationship::level,
             "Levels of Collaboration rating 0-5 (Frey et al. 2006), or None.")
      .field("trust", &Relationship::trust, "Trust items, or None. A copy: assign a new TrustScores to change it.")
      .field("value", &Relationship::value, "Value items, or None. A copy: assign a new ValueScores to change it.")
      .field("observed", &Relationship::observed, "Day the tie was observed or rated, or None.")
      .extra()
      .finish();

  // ---- MeetingStatus, Meeting ----
  py::native_enum<MeetingStatus>(m, "MeetingStatus", "enum.Enum", "Whether a meeting is planned, held or cancelled.")
      .value("planned", MeetingStatus::planned)
      .value("held", MeetingStatus::held)
      .value("cancelled", MeetingStatus::cancelled)
      .finalize();

  Record<Meeting> meeting(m, "Meeting", "A meeting of the partnership, with its agenda and participants.");
  meeting.cls().def(
      py::init([](std::string id, std::string kind, Text title, std::optional<LocalDateTime> start,
                  std::optional<Minutes> duration, Text timezone, Text location, Text agenda, MeetingStatus status,
                  Strings participants, py::handle extra) {
        return Meeting{std::move(id),       std::move(kind),     std::move(title),        start,
                       duration,            std::move(timezone), std::move(location),     std::move(agenda),
                       status,              std::move(participants), extra_or_empty(extra)};
      }),
      py::kw_only(), py::arg("id") = "", py::arg("kind") = "", py::arg("title") = none, py::arg("start") = none,
      py::arg("duration") = none, py::arg("timezone") = none, py::arg("location") = none, py::arg("agenda") = none,
      py::arg("status") = MeetingStatus::planned, no_items("participants"), py::arg("extra") = none);
  meeting.field("id", &Meeting::id, "Unique among the meetings.", true)
      .field("kind", &Meeting::kind, "planning-call, in-person, connecting-call, retreat or custom.", true)
      .field("title", &Meeting::title, "Title, or None.")
      .field("start", &Meeting::start,
             "Local start (a naive datetime in the meeting's or the partnership's time zone), or None.")
      .field("duration", &Meeting::duration, "Length in whole minutes, or None.")
      .field("timezone", &Meeting::timezone, "IANA time zone name; None means the partnership's.")
      .field("location", &Meeting::location, "Where it takes place, or None.")
      .field("agenda", &Meeting::agenda, "Agenda template id, or None.")
      .field("status", &Meeting::status, "MeetingStatus.planned, .held or .cancelled.")
      .field("participants", &Meeting::participants, doc("Person ids.", true).c_str())
      .extra()
      .finish();

  // ---- Event ----
  Record<Event> event(m, "Event", "Something that happened in the process: an activity done on a day.");
  event.cls().def(
      py::init([](std::string activity, Date date, Text meeting, Text note, py::handle extra) {
        return Event{std::move(activity), date, std::move(meeting), std::move(note), extra_or_empty(extra)};
      }),
      py::kw_only(), py::arg("activity") = "", py::arg("date"), py::arg("meeting") = none, py::arg("note") = none,
      py::arg("extra") = none);
  event.field("activity", &Event::activity, "Activity id from the process template.", true)
      .field("date", &Event::date, "The day it was done.", true)
      .field("meeting", &Event::meeting, "Id of the meeting it was done in, or None.")
      .field("note", &Event::note, "A note, or None.")
      .extra()
      .finish();

  // ---- Interval, Availability ----
  Record<Interval> interval(m, "Interval",
                            "A busy time: local start and end (naive datetimes in the person's time zone, else the "
                            "partnership's).");
  interval.cls().def(
      py::init([](LocalDateTime start, LocalDateTime end, py::handle extra) {
        return Interval{start, end, extra_or_empty(extra)};
      }),
      py::kw_only(), py::arg("start"), py::arg("end"), py::arg("extra") = none);
  interval.field("start", &Interval::start, "Local start.", true)
      .field("end", &Interval::end, "Local end, after the start.", true)
      .extra()
      .finish();

  Record<Availability> availability(m, "Availability", "When a person is busy: intervals and/or a calendar file.");
  availability.cls().def(
      py::init([](std::string person, std::vector<Interval> busy, Text calendar, py::handle extra) {
        return Availability{std::move(person), std::move(busy), std::move(calendar), extra_or_empty(extra)};
      }),
      py::kw_only(), py::arg("person") = "", no_items("busy"), py::arg("calendar") = none, py::arg("extra") = none);
  availability.field("person", &Availability::person, "Person id.", true)
      .field("busy", &Availability::busy, doc("Busy intervals.", true).c_str())
      .field("calendar", &Availability::calendar, "Path of an .ics export, relative to the document, or None.")
      .extra()
      .finish();

  // ---- Worksheet ----
  Record<Worksheet> worksheet(m, "Worksheet", "One organization's five-quadrant worksheet.");
  worksheet.cls().def(
      py::init([](std::string organization, Text session, Strings proud_of, Strings help_with, Strings frustrated_by,
                  Strings love_to, Strings values, py::handle extra) {
        return Worksheet{std::move(organization), std::move(session),  std::move(proud_of), std::move(help_with),
                         std::move(frustrated_by), std::move(love_to), std::move(values),   extra_or_empty(extra)};
      }),
      py::kw_only(), py::arg("organization") = "", py::arg("session") = none, no_items("proud_of"),
      no_items("help_with"), no_items("frustrated_by"), no_items("love_to"), no_items("values"),
      py::arg("extra") = none);
  worksheet.field("organization", &Worksheet::organization, "Organization id.", true)
      .field("session", &Worksheet::session, "Id of the meeting it was filled in, or None.")
      .field("proud_of", &Worksheet::proud_of, doc("Strengths.", true).c_str())
      .field("help_with", &Worksheet::help_with, doc("Challenges.", true).c_str())
      .field("frustrated_by", &Worksheet::frustrated_by, doc("Barriers.", true).c_str())
      .field("love_to", &Worksheet::love_to, doc("Hopes.", true).c_str())
      .field("values", &Worksheet::values, doc("What is important.", true).c_str())
      .extra()
      .finish();

  // ---- Votes, Idea ----
  Record<Votes> votes(m, "Votes", "Votes an idea received.");
  votes.cls().def(
      py::init([](int exciting, int better, int doable, int dots, py::handle extra) {
        return Votes{exciting, better, doable, dots, extra_or_empty(extra)};
      }),
      py::kw_only(), py::arg("exciting") = 0, py::arg("better") = 0, py::arg("doable") = 0, py::arg("dots") = 0,
      py::arg("extra") = none);
  votes.field("exciting", &Votes::exciting, "Votes for exciting.")
      .field("better", &Votes::better, "Votes for better.")
      .field("doable", &Votes::doable, "Votes for doable.")
      .field("dots", &Votes::dots, "Dot votes.")
      .extra()
      .finish();

  Record<Idea> idea(m, "Idea", "A brainstormed idea and its votes.");
  idea.cls().def(
      py::init([](std::string id, std::string text, Text session, std::optional<Votes> votes, py::handle extra) {
        return Idea{std::move(id), std::move(text), std::move(session), votes ? std::move(*votes) : Votes{},
                    extra_or_empty(extra)};
      }),
      py::kw_only(), py::arg("id") = "", py::arg("text") = "", py::arg("session") = none, py::arg("votes") = none,
      py::arg("extra") = none);
  idea.field("id", &Idea::id, "Unique among the ideas.", true)
      .field("text", &Idea::text, "The idea.", true)
      .field("session", &Idea::session, "Id of the meeting it came from, or None.")
      .nested("votes", &Idea::votes, "Its votes (the idea's own: idea.votes.exciting += 1 changes the idea).")
      .extra()
      .finish();

  // ---- Partnership ----
  Record<Partnership> partnership(m, "Partnership", "A whole partnership document (format partnerkit/1).");
  partnership.cls().def(
      py::init([](std::string format, std::string name, Text description, Text process, std::optional<Date> start,
                  Text timezone, std::vector<Organization> organizations, std::vector<Person> people,
                  std::vector<Relationship> relationships, std::vector<Meeting> meetings, std::vector<Event> events,
                  std::vector<Availability> availability, std::vector<Worksheet> worksheets, std::vector<Idea> ideas,
                  std::vector<Agenda> agendas, py::handle extra) {
        Partnership p;
        p.format = std::move(format);
        p.name = std::move(name);
        p.description = std::move(description);
        p.process = std::move(process);
        p.start = start;
        p.timezone = std::move(timezone);
        p.organizations = std::move(organizations);
        p.people = std::move(people);
        p.relationships = std::move(relationships);
        p.meetings = std::move(meetings);
        p.events = std::move(events);
        p.availability = std::move(availability);
        p.worksheets = std::move(worksheets);
        p.ideas = std::move(ideas);
        p.agendas = std::move(agendas);
        p.extra = extra_or_empty(extra);
        return p;
      }),
      py::kw_only(), py::arg("format") = "partnerkit/1", py::arg("name") = "", py::arg("description") = none,
      py::arg("process") = none, py::arg("start") = none, py::arg("timezone") = none, no_items("organizations"),
      no_items("people"), no_items("relationships"), no_items("meetings"), no_items("events"),
      no_items("availability"), no_items("worksheets"), no_items("ideas"), no_items("agendas"), py::arg("extra") = none);
  partnership.field("format", &Partnership::format, "Document format, \"partnerkit/1\".")
      .field("name", &Partnership::name, "Name of the partnership.")
      .field("description", &Partnership::description, "What the partnership is for, or None.")
      .field("process", &Partnership::process, "Process template id (see builtin_process_templates()), or None.")
      .field("start", &Partnership::start, "Day the process starts, or None.")
      .field("timezone", &Partnership::timezone, "IANA time zone of the meeting times, or None.")
      .field("organizations", &Partnership::organizations, doc("Organizations.", true).c_str())
      .field("people", &Partnership::people, doc("People.", true).c_str())
      .field("relationships", &Partnership::relationships, doc("Ties between organizations or people.", true).c_str())
      .field("meetings", &Partnership::meetings, doc("Meetings.", true).c_str())
      .field("events", &Partnership::events, doc("Recorded events.", true).c_str())
      .field("availability", &Partnership::availability, doc("Busy times per person.", true).c_str())
      .field("worksheets", &Partnership::worksheets, doc("Five-quadrant worksheets.", true).c_str())
      .field("ideas", &Partnership::ideas, doc("Brainstormed ideas.", true).c_str())
      .field("agendas", &Partnership::agendas, doc("Custom timed agendas (partnerkit.meetings.Agenda).", true).c_str())
      .extra()
      .finish(/*with_repr=*/false);

  partnership.cls()
      .def("__repr__",
           [](const Partnership& p) {
             return "Partnership(name=" + repr_of(text(p.name)) +
                    ", organizations=" + std::to_string(p.organizations.size()) +
                    ", people=" + std::to_string(p.people.size()) +
                    ", relationships=" + std::to_string(p.relationships.size()) +
                    ", meetings=" + std::to_string(p.meetings.size()) +
                    ", worksheets=" + std::to_string(p.worksheets.size()) +
                    ", ideas=" + std::to_string(p.ideas.size()) + ")";
           })
      .def(
          "find_organization", [](const Partnership& p, std::string_view id) { return found(p.find_organization(id)); },
          py::arg("id"), "The organization with this id (a copy), or None.")
      .def(
          "find_person", [](const Partnership& p, std::string_view id) { return found(p.find_person(id)); },
          py::arg("id"), "The person with this id (a copy), or None.")
      .def(
          "find_meeting", [](const Partnership& p, std::string_view id) { return found(p.find_meeting(id)); },
          py::arg("id"), "The meeting with this id (a copy), or None.")
      .def(
          "dumps", [](const Partnership& p, int indent) { return dumps(p, indent); }, py::arg("indent") = 2,
          "The document as JSON text: known fields in schema order, fields at their default left out, unknown keys "
          "written back. indent < 0 writes one line (and no final newline).")
      .def(
          "save",
          [](const Partnership& p, const std::filesystem::path& path, int indent) {
            Partnership copy = p;  // the GIL is released while writing; other threads may change p
            py::gil_scoped_release release;
            save(copy, path, indent);
          },
          py::arg("path"), py::arg("indent") = 2,
          "Writes the document atomically: to a temporary file in the same folder, then renamed over `path`, so a "
          "failed save leaves the previous file unchanged. Raises IoError.")
      .def(
          "to_dict", [](const Partnership& p) { return json_to_python(to_json(p)); },
          "The document as a dict, the same as json.loads(self.dumps()).");

  // ---- load, loads, from_dict ----
  m.def(
      "load",
      [](const std::filesystem::path& path, std::size_t max_depth) {
        return load(path, LoadOptions{.max_depth = max_depth});
      },
      py::arg("path"), py::arg("max_depth") = default_max_depth, py::call_guard<py::gil_scoped_release>(),
      "Reads and validates a partnership document. Raises IoError if the file cannot be read and ValidationError "
      "(with every problem found) if it is not a valid document.");
  m.def(
      "loads",
      [](const py::str& text, const std::string& source, std::size_t max_depth) {
        std::string_view utf8 = utf8_of(text, source);
        py::gil_scoped_release release;
        return loads(utf8, source, LoadOptions{.max_depth = max_depth});
      },
      py::arg("text"), py::arg("source") = "<string>", py::arg("max_depth") = default_max_depth,
      "Parses and validates a partnership document from JSON text; `source` names it in messages. Raises "
      "ValidationError.");
  m.def(
      "from_dict",
      [](py::handle d, const std::string& source, std::size_t max_depth) {
        Json document;
        try {
          document = json_from_python(d, max_depth);
        } catch (const JsonConversionError& e) {
          throw ValidationError(source, e.pointer, e.message);
        }
        py::gil_scoped_release release;
        return from_json(document, source);
      },
      py::arg("d"), py::arg("source") = "<dict>", py::arg("max_depth") = default_max_depth,
      "Validates a document given as a dict (as json.load would return it) and converts it. Raises "
      "ValidationError, also for values JSON cannot hold.");
}

}  // namespace partnerkit::python
