// Shared by the _core extension's files: conversions between C++ and Python values.
//
// Every translation unit of the extension includes this header first, so the type casters below
// are the same everywhere (a caster specialization must be visible wherever its type is used).
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <chrono>
#include <cstddef>
#include <string>

#include "partnerkit/partnerkit.hpp"

namespace partnerkit::python {

namespace py = pybind11;

/// Text from C++ for Python: UTF-8, with any byte that is not UTF-8 (a file name can have one)
/// shown as \xNN instead of failing.
inline py::str text(const std::string& s) {
  PyObject* out = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "backslashreplace");
  if (!out) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(out);
}

/// Deepest nesting from_dict() and the `extra` setters accept by default, the same as
/// LoadOptions::max_depth: nlohmann's copy and dump, and the schema check, recurse.
inline constexpr std::size_t default_max_depth = LoadOptions{}.max_depth;

/// A Python value that is not JSON; `pointer` is where it is inside the converted value.
struct JsonConversionError {
  std::string pointer;
  std::string message;
  bool wrong_type;  ///< true: a TypeError when raised on its own (not a ValueError)
};

/// dict / list / tuple / str / int / float / bool / None to JSON. Other mappings are accepted as
/// objects. Throws JsonConversionError (non-string key, other type, NaN or infinity, an integer
/// outside 64 bits, nesting deeper than `max_depth`).
Json json_from_python(py::handle value, std::size_t max_depth = default_max_depth);

/// For the `extra` attributes: a dict of JSON values; raises TypeError or ValueError.
Json extra_from_python(py::handle value);

/// JSON to dict / list / str / int / float / bool / None (objects keep their key order).
py::object json_to_python(const Json& value);
py::object json_to_python(const nlohmann::ordered_json& value);

// Dates and times (bind_core.cpp, the only file that includes datetime.h: its C API pointer is
// a static variable in each file that includes it). The *_from_python functions return false
// for a value of another type and raise ValueError for one of the right type that does not fit.
bool date_from_python(py::handle src, Date& out);
py::object date_to_python(const Date& d);
bool datetime_from_python(py::handle src, LocalDateTime& out);
py::object datetime_to_python(const LocalDateTime& t);
bool minutes_from_python(py::handle src, Minutes& out);
py::object minutes_to_python(const Minutes& m);

void bind_core(py::module_& m);
void bind_document(py::module_& m);
void bind_process(py::module_& m);
void bind_stakeholders(py::module_& m);
void bind_graphtools(py::module_& m);  // after bind_stakeholders: adds methods to Graph
void bind_meetings(py::module_& m);
void bind_summary(py::module_& m);
void bind_themes(py::module_& m);
void bind_schedule(py::module_& m);
void bind_report(py::module_& m);

}  // namespace partnerkit::python

namespace pybind11::detail {

/// std::chrono::year_month_day (partnerkit::Date) <-> datetime.date.
template <>
struct type_caster<partnerkit::Date> {
  PYBIND11_TYPE_CASTER(partnerkit::Date, const_name("datetime.date"));
  bool load(handle src, bool) { return partnerkit::python::date_from_python(src, value); }
  static handle cast(const partnerkit::Date& d, return_value_policy, handle) {
    return partnerkit::python::date_to_python(d).release();
  }
};

/// std::chrono::local_seconds (partnerkit::LocalDateTime) <-> naive datetime.datetime.
template <>
struct type_caster<partnerkit::LocalDateTime> {
  PYBIND11_TYPE_CASTER(partnerkit::LocalDateTime, const_name("datetime.datetime"));
  bool load(handle src, bool) { return partnerkit::python::datetime_from_python(src, value); }
  static handle cast(const partnerkit::LocalDateTime& t, return_value_policy, handle) {
    return partnerkit::python::datetime_to_python(t).release();
  }
};

/// std::chrono::minutes (partnerkit::Minutes) <-> datetime.timedelta of whole minutes, 0 or more.
template <>
struct type_caster<partnerkit::Minutes> {
  PYBIND11_TYPE_CASTER(partnerkit::Minutes, const_name("datetime.timedelta"));
  bool load(handle src, bool) { return partnerkit::python::minutes_from_python(src, value); }
  static handle cast(const partnerkit::Minutes& m, return_value_policy, handle) {
    return partnerkit::python::minutes_to_python(m).release();
  }
};

/// std::chrono::weekday <-> "mon", "tue", ... "sun" (as the document writes working days).
template <>
struct type_caster<std::chrono::weekday> {
  PYBIND11_TYPE_CASTER(std::chrono::weekday, const_name("str"));
  static constexpr const char* names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  bool load(handle src, bool) {
    if (!PyUnicode_Check(src.ptr())) return false;
    std::string s = src.cast<std::string>();
    for (unsigned i = 0; i < 7; ++i)
      if (s == names[i]) {
        value = std::chrono::weekday{i};
        return true;
      }
    throw value_error("expected a weekday mon, tue, wed, thu, fri, sat or sun, got '" + s + "'");
  }
  static handle cast(const std::chrono::weekday& d, return_value_policy, handle) {
    return pybind11::str(d.ok() ? names[d.c_encoding()] : "?").release();
  }
};

}  // namespace pybind11::detail
