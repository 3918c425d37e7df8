// partnerkit._core, core part: errors and Issue, dates and times, JSON values, the version.
#include "bindings.hpp"

// The datetime C API: PyDateTimeAPI is a static variable of each file that includes datetime.h,
// so this is the only file that does.
#include <datetime.h>

#include <cmath>
#include <cstdint>
#include <exception>
#include <variant>
#include <vector>

namespace partnerkit::python {
namespace {

void require_datetime_api() {
  if (!PyDateTimeAPI) {
    PyDateTime_IMPORT;
    if (!PyDateTimeAPI) throw py::error_already_set();
  }
}

py::object steal_or_throw(PyObject* p) {
  if (!p) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(p);
}

std::string repr_of(py::handle h) { return py::repr(h).cast<std::string>(); }

}  // namespace

// ---- dates and times ----

bool date_from_python(py::handle src, Date& out) {
  require_datetime_api();
  // A datetime is also a date; taking only its day would drop the time silently.
  if (!src || !PyDate_Check(src.ptr()) || PyDateTime_Check(src.ptr())) return false;
  out = std::chrono::year{PyDateTime_GET_YEAR(src.ptr())} /
        std::chrono::month{static_cast<unsigned>(PyDateTime_GET_MONTH(src.ptr()))} /
        std::chrono::day{static_cast<unsigned>(PyDateTime_GET_DAY(src.ptr()))};
  return true;
}

py::object date_to_python(const Date& d) {
  require_datetime_api();
  int y = static_cast<int>(d.year());
  if (!d.ok() || y < 1 || y > 9999)
    throw py::value_error("cannot represent the day " + format_date(d) +
                          " as a datetime.date (expected a real day in the years 1 to 9999)");
  return steal_or_throw(PyDate_FromDate(y, static_cast<int>(static_cast<unsigned>(d.month())),
                                        static_cast<int>(static_cast<unsigned>(d.day()))));
}

bool datetime_from_python(py::handle src, LocalDateTime& out) {
  require_datetime_api();
  if (!src || !PyDateTime_Check(src.ptr())) return false;
  PyObject* p = src.ptr();
  if (PyDateTime_DATE_GET_TZINFO(p) != Py_None)
    throw py::value_error("expected a naive datetime (a wall-clock time without tzinfo; the document gives "
                          "the time zone), got " + repr_of(src));
  if (PyDateTime_DATE_GET_MICROSECOND(p) != 0)
    throw py::value_error("expected a datetime in whole seconds, got " + repr_of(src));
  Date day{std::chrono::year{PyDateTime_GET_YEAR(p)},
           std::chrono::month{static_cast<unsigned>(PyDateTime_GET_MONTH(p))},
           std::chrono::day{static_cast<unsigned>(PyDateTime_GET_DAY(p))}};
  out = std::chrono::local_days{day} + std::chrono::hours{PyDateTime_DATE_GET_HOUR(p)} +
        std::chrono::minutes{PyDateTime_DATE_GET_MINUTE(p)} + std::chrono::seconds{PyDateTime_DATE_GET_SECOND(p)};
  return true;
}

py::object datetime_to_python(const LocalDateTime& t) {
  require_datetime_api();
  auto days = std::chrono::floor<std::chrono::days>(t);
  Date d{days};
  int y = static_cast<int>(d.year());
  if (y < 1 || y > 9999)
    throw py::value_error("cannot represent " + format_local_datetime(t) +
                          " as a datetime.datetime (expected the years 1 to 9999)");
  std::chrono::hh_mm_ss hms{t - days};
  return steal_or_throw(PyDateTime_FromDateAndTime(
      y, static_cast<int>(static_cast<unsigned>(d.month())), static_cast<int>(static_cast<unsigned>(d.day())),
      static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
      static_cast<int>(hms.seconds().count()), 0));
}

bool minutes_from_python(py::handle src, Minutes& out) {
  require_datetime_api();
  if (!src || !PyDelta_Check(src.ptr())) return false;
  PyObject* p = src.ptr();
  long long seconds = static_cast<long long>(PyDateTime_DELTA_GET_DAYS(p)) * 86400 + PyDateTime_DELTA_GET_SECONDS(p);
  if (PyDateTime_DELTA_GET_MICROSECONDS(p) != 0 || seconds % 60 != 0)
    throw py::value_error("expected a timedelta of whole minutes, got " + repr_of(src));
  if (seconds < 0) throw py::value_error("expected a timedelta of 0 or more, got " + repr_of(src));
  out = Minutes{seconds / 60};
  return true;
}

py::object minutes_to_python(const Minutes& m) {
  require_datetime_api();
  long long total = m.count();
  long long days = total / (24 * 60);
  if (total < 0 || days > 999'999'999)
    throw py::value_error("cannot represent " + std::to_string(total) +
                          " minutes as a datetime.timedelta (expected 0 or more, at most 999999999 days)");
  return steal_or_throw(PyDelta_FromDSU(static_cast<int>(days), static_cast<int>(total % (24 * 60) * 60), 0));
}

// ---- JSON values ----

namespace {

// Where the converter is, kept as tokens and turned into a JSON pointer only for an error.
class JsonFromPython {
 public:
  explicit JsonFromPython(std::size_t max_depth) : max_depth_(max_depth) {}

  Json convert(py::handle value) {
    if (value.is_none()) return nullptr;
    PyObject* p = value.ptr();
    if (PyBool_Check(p)) return p == Py_True;
    if (PyUnicode_Check(p)) return string(value);
    if (PyFloat_Check(p)) {
      double d = PyFloat_AS_DOUBLE(p);
      if (!std::isfinite(d))
        fail("expected a finite number (JSON has no NaN or infinity), got " + repr_of(value), false);
      return d;
    }
    if (PyLong_Check(p) || (!PyFloat_Check(p) && PyIndex_Check(p))) return integer(value);
    if (PyDict_Check(p)) return object(py::reinterpret_borrow<py::dict>(value));
    if (PyList_Check(p) || PyTuple_Check(p)) return array(value);
    if (is_mapping(value)) return object(py::dict(py::reinterpret_borrow<py::object>(value)));
    fail("expected a JSON value (dict, list, str, int, float, bool or None), got a value of type " +
             type_name(value),
         true);
  }

 private:
  using Token = std::variant<std::size_t, py::handle>;

  [[noreturn]] void fail(const std::string& message, bool wrong_type) const {
    std::string pointer;
    for (const auto& token : path_) {
      if (const auto* index = std::get_if<std::size_t>(&token)) {
        pointer = pointer_append(std::move(pointer), *index);
      } else {
        Py_ssize_t size = 0;
        const char* key = PyUnicode_AsUTF8AndSize(std::get<py::handle>(token).ptr(), &size);
        if (!key) {
          PyErr_Clear();
          pointer = pointer_append(std::move(pointer), "?");
        } else {
          pointer = pointer_append(std::move(pointer), std::string_view(key, static_cast<std::size_t>(size)));
        }
      }
    }
    throw JsonConversionError{std::move(pointer), message, wrong_type};
  }

  static std::string type_name(py::handle value) {
    auto type = py::type::handle_of(value);
    std::string module = py::str(type.attr("__module__"));
    std::string name = py::str(type.attr("__qualname__"));
    return module == "builtins" ? name : module + "." + name;
  }

  static bool is_mapping(py::handle value) {
    return py::isinstance(value, py::module_::import("collections.abc").attr("Mapping"));
  }

  std::string string(py::handle value) const {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(value.ptr(), &size);
    if (!data) {
      PyErr_Clear();
      fail("expected text that UTF-8 can encode (no lone surrogates), got " + repr_of(value), false);
    }
    return {data, static_cast<std::size_t>(size)};
  }

  Json integer(py::handle value) const {
    py::object number = steal_or_throw(PyNumber_Index(value.ptr()));
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(number.ptr(), &overflow);
    if (overflow == 0) {
      if (v == -1 && PyErr_Occurred()) throw py::error_already_set();
      return static_cast<std::int64_t>(v);
    }
    if (overflow > 0) {
      unsigned long long u = PyLong_AsUnsignedLongLong(number.ptr());
      if (!(u == static_cast<unsigned long long>(-1) && PyErr_Occurred())) return static_cast<std::uint64_t>(u);
      PyErr_Clear();
    }
    fail("expected an integer from -2**63 to 2**64 - 1, got one outside that range", false);
  }

  void enter() {
    if (path_.size() + 1 > max_depth_)
      fail("nesting deeper than " + std::to_string(max_depth_) + " levels; expected a partnership document", false);
  }

  Json object(const py::dict& dict) {
    enter();
    Json out = Json::object();
    PyObject *key = nullptr, *item = nullptr;
    Py_ssize_t pos = 0;
    while (PyDict_Next(dict.ptr(), &pos, &key, &item)) {
      if (!PyUnicode_Check(key))
        fail("expected string keys, got the key " + repr_of(key) + " of type " + type_name(key), true);
      path_.emplace_back(py::handle(key));
      // Keep the key and value alive even if converting a value changes the dict.
      auto key_ref = py::reinterpret_borrow<py::object>(key);
      auto item_ref = py::reinterpret_borrow<py::object>(item);
      out[string(key_ref)] = convert(item_ref);
      path_.pop_back();
    }
    return out;
  }

  Json array(py::handle sequence) {
    enter();
    // A list can change while it is converted (a __index__ hook could); a tuple cannot.
    py::tuple items = PyTuple_Check(sequence.ptr()) ? py::reinterpret_borrow<py::tuple>(sequence)
                                                    : py::tuple(py::reinterpret_borrow<py::object>(sequence));
    Json out = Json::array();
    out.get_ref<Json::array_t&>().reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      path_.emplace_back(i);
      out.push_back(convert(items[i]));
      path_.pop_back();
    }
    return out;
  }

  std::size_t max_depth_;
  std::vector<Token> path_;
};

template <class J>
py::object to_python(const J& value) {
  using value_t = nlohmann::json::value_t;
  switch (value.type()) {
    case value_t::null:
    case value_t::discarded:
      return py::none();
    case value_t::boolean:
      return py::bool_(value.template get<bool>());
    case value_t::number_integer:
      return steal_or_throw(PyLong_FromLongLong(value.template get<std::int64_t>()));
    case value_t::number_unsigned:
      return steal_or_throw(PyLong_FromUnsignedLongLong(value.template get<std::uint64_t>()));
    case value_t::number_float:
      return py::float_(value.template get<double>());
    case value_t::string:
      return text(value.template get_ref<const std::string&>());
    case value_t::binary: {
      const auto& bytes = value.get_binary();
      return py::bytes(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    }
    case value_t::array: {
      py::list out(value.size());
      std::size_t i = 0;
      for (const auto& item : value)
        PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i++), to_python(item).release().ptr());
      return out;
    }
    case value_t::object: {
      py::dict out;
      for (auto it = value.begin(); it != value.end(); ++it) out[text(it.key())] = to_python(it.value());
      return out;
    }
  }
  return py::none();
}

}  // namespace

Json json_from_python(py::handle value, std::size_t max_depth) { return JsonFromPython(max_depth).convert(value); }

Json extra_from_python(py::handle value) {
  if (!PyDict_Check(value.ptr()))
    throw py::type_error("extra: expected a dict of keys partnerkit does not know, got a value of type " +
                         std::string(py::str(py::type::handle_of(value).attr("__qualname__"))));
  try {
    return json_from_python(value);
  } catch (const JsonConversionError& e) {
    std::string message = "extra: " + (e.pointer.empty() ? std::string() : e.pointer + ": ") + e.message;
    if (e.wrong_type) throw py::type_error(message);
    throw py::value_error(message);
  }
}

py::object json_to_python(const Json& value) { return to_python(value); }
py::object json_to_python(const nlohmann::ordered_json& value) { return to_python(value); }

// ---- errors ----

namespace {

// The exception classes live in partnerkit/_errors.py; they are looked up once.
struct ErrorTypes {
  py::object error, validation_error, io_error;
};

ErrorTypes& error_types() {
  PYBIND11_CONSTINIT static py::gil_safe_call_once_and_store<ErrorTypes> storage;
  return storage
      .call_once_and_store_result([] {
        auto errors = py::module_::import("partnerkit._errors");
        return ErrorTypes{errors.attr("Error"), errors.attr("ValidationError"), errors.attr("IoError")};
      })
      .get_stored();
}

void raise(const py::object& type, const py::tuple& args) {
  try {
    py::object exception = type(*args);
    py::set_error(type, exception);
  } catch (py::error_already_set& e) {
    e.restore();  // building the exception failed: raise that instead
  }
}

py::str issue_str(const Issue& issue) { return text(issue.str()); }

}  // namespace

void bind_core(py::module_& m) {
  m.attr("version") = py::str(partnerkit::version);

  py::class_<Issue>(m, "Issue",
                    "One problem found in an input: the file (or \"<string>\", \"-\" for stdin), the JSON pointer "
                    "of the offending value (\"\" is the whole document) and what was expected.")
      .def(py::init([](std::string file, std::string path, std::string message) {
             return Issue{std::move(file), std::move(path), std::move(message)};
           }),
           py::arg("file"), py::arg("path"), py::arg("message"))
      .def_property(
          "file", [](const Issue& i) { return text(i.file); }, [](Issue& i, std::string v) { i.file = std::move(v); },
          "The file, \"<string>\" for pk.loads, \"<dict>\" for pk.from_dict, \"-\" for standard input.")
      .def_property(
          "path", [](const Issue& i) { return text(i.pointer); },
          [](Issue& i, std::string v) { i.pointer = std::move(v); },
          "RFC 6901 JSON pointer of the offending value; \"\" is the whole document.")
      .def_property(
          "message", [](const Issue& i) { return text(i.message); },
          [](Issue& i, std::string v) { i.message = std::move(v); }, "What was expected and what was found.")
      .def("__str__", &issue_str, "\"FILE: /pointer: message\"; the whole document's pointer \"\" is shown as \"/\".")
      .def("__repr__",
           [](const Issue& i) {
             return "Issue(file=" + repr_of(text(i.file)) + ", path=" + repr_of(text(i.pointer)) +
                    ", message=" + repr_of(text(i.message)) + ")";
           })
      .def(
          "__eq__", [](const Issue& a, const Issue& b) { return a == b; }, py::is_operator())
      .def(py::pickle([](const Issue& i) { return py::make_tuple(i.file, i.pointer, i.message); },
                      [](const py::tuple& t) {
                        if (t.size() != 3) throw py::value_error("Issue: expected a state of 3 items");
                        return Issue{t[0].cast<std::string>(), t[1].cast<std::string>(), t[2].cast<std::string>()};
                      }));

  m.def("is_known_timezone", &is_known_timezone, py::arg("name"),
        "True if the IANA time zone database on this system knows the name (\"America/Denver\").");
  m.def("builtin_process_templates", &builtin_process_templates,
        "Names of the process templates built into this version.");

  error_types();  // fail at import, not at the first error, if partnerkit._errors is missing
  py::register_exception_translator([](std::exception_ptr p) {
    if (!p) return;
    try {
      std::rethrow_exception(p);
    } catch (const ValidationError& e) {
      py::list issues;
      for (const auto& issue : e.errors()) issues.append(py::cast(issue));
      raise(error_types().validation_error, py::make_tuple(issues));
    } catch (const IoError& e) {
      py::object error_number = e.error_number() ? py::object(py::int_(e.error_number())) : py::object(py::none());
      raise(error_types().io_error, py::make_tuple(text(e.what()), text(e.path()), error_number));
    } catch (const Error& e) {
      raise(error_types().error, py::make_tuple(text(e.what())));
    }
  });
}

}  // namespace partnerkit::python
