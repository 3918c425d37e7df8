// partnerkit._core, report part: the facilitator's report as HTML, Markdown or its JSON data.
#include "bindings.hpp"

namespace partnerkit::python {
namespace {

report::Format format_named(const std::string& name) {
  auto f = report::parse_format(name);
  if (!f) throw py::value_error("format: expected \"html\", \"md\" or \"json\", got \"" + name + "\"");
  return *f;
}

}  // namespace

void bind_report(py::module_& m) {
  m.def(
      "report",
      [](const Partnership& p, const std::string& format, std::optional<Date> on,
         std::optional<std::filesystem::path> path) {
        report::Format f = format_named(format);
        report::Options o;
        o.on = on;
        std::string text;
        {
          py::gil_scoped_release release;
          text = report::render(p, f, o);
          if (path) write_file_atomically(*path, text);
        }
        return text;
      },
      py::arg("partnership"), py::arg("format") = "html", py::kw_only(), py::arg("on") = py::none(),
      py::arg("path") = py::none(),
      "The report (format \"html\": one self-contained page; \"md\": Markdown; \"json\": its data) on day `on` "
      "(default: today in the partnership's zone). With `path`, also written there atomically (a temporary file "
      "renamed over it). Returns the text.");
  m.def(
      "report_data",
      [](const Partnership& p, std::optional<Date> on) {
        report::Options o;
        o.on = on;
        nlohmann::ordered_json d;
        {
          py::gil_scoped_release release;
          d = report::data(p, o);
        }
        return json_to_python(d);
      },
      py::arg("partnership"), py::kw_only(), py::arg("on") = py::none(),
      "The data behind the report as a dict (the same as `partnerkit report --format json`).");
}

}  // namespace partnerkit::python
