// partnerkit._core: the C++ library for Python. The package partnerkit re-exports it; see
// partnerkit/_core.pyi for the API and partnerkit/_errors.py for the exception classes.
#include "bindings.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "partnerkit's C++ core: the partnership document model, load/loads/from_dict, dumps/save.";
  partnerkit::python::bind_core(m);
  partnerkit::python::bind_document(m);
  partnerkit::python::bind_process(m);
  partnerkit::python::bind_stakeholders(m);
  partnerkit::python::bind_graphtools(m);  // after bind_stakeholders: adds methods to Graph
  partnerkit::python::bind_meetings(m);
  partnerkit::python::bind_themes(m);
  partnerkit::python::bind_summary(m);  // after bind_themes
  partnerkit::python::bind_schedule(m);
  partnerkit::python::bind_report(m);
}
