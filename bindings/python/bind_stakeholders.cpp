// partnerkit._core, stakeholder graph part: the Graph class, its views and its measures. Per-vertex
// measures come back as dicts keyed by vertex id; the C++ work runs without the GIL.
#include "bindings.hpp"

#include "partnerkit/stakeholders.hpp"

namespace partnerkit::python {
namespace {

using namespace partnerkit::stakeholders;

Weighting weighting_of(const std::optional<std::string>& weight) {
  if (!weight) return Weighting::none;
  if (*weight == "distance") return Weighting::distance;
  if (*weight == "strength") return Weighting::strength;
  throw py::value_error("weight must be None, 'distance' or 'strength', got '" + *weight + "'");
}

/// The vertex ids as Python strings, one tuple made the first time a result needs them and kept
/// on the Python Graph object (a Graph cannot change from Python): results keyed by id then cost
/// a reference each, not a UTF-8 decoding (and a str keeps its hash for the dicts).
py::tuple id_strings(const Graph& g) {
  // The Python object that holds g (pybind11 finds the registered instance).
  py::object self = py::cast(&g, py::return_value_policy::reference);
  const std::size_t n = g.vertex_count();
  if (py::hasattr(self, "_id_strings")) {
    py::object cached = self.attr("_id_strings");
    if (py::isinstance<py::tuple>(cached) && py::len(cached) == n) return py::reinterpret_borrow<py::tuple>(cached);
  }
  py::tuple out(n);
  for (std::size_t v = 0; v < n; ++v) PyTuple_SET_ITEM(out.ptr(), v, text(g.vertex(v).id).release().ptr());
  self.attr("_id_strings") = out;
  return out;
}

/// names[i], borrowed.
py::handle item(const py::tuple& names, std::size_t i) { return PyTuple_GET_ITEM(names.ptr(), static_cast<Py_ssize_t>(i)); }

py::dict by_id(const Graph& g, const std::vector<double>& values) {
  const py::tuple names = id_strings(g);
  py::dict out;
  for (std::size_t v = 0; v < values.size(); ++v) {
    py::float_ x(values[v]);
    if (PyDict_SetItem(out.ptr(), PyTuple_GET_ITEM(names.ptr(), v), x.ptr()) != 0) throw py::error_already_set();
  }
  return out;
}

/// A list of the ids of `vertices` (indices of g), in order.
template <class Indices>
py::list ids_of(const py::tuple& names, const Indices& vertices) {
  py::list out(vertices.size());
  std::size_t i = 0;
  for (auto v : vertices) {
    PyObject* id = PyTuple_GET_ITEM(names.ptr(), static_cast<std::size_t>(v));
    Py_INCREF(id);
    PyList_SET_ITEM(out.ptr(), i++, id);
  }
  return out;
}

py::list ids(const Graph& g, const std::vector<std::size_t>& vertices) { return ids_of(id_strings(g), vertices); }

py::list groups(const Graph& g, const std::vector<std::vector<std::size_t>>& groups) {
  const py::tuple names = id_strings(g);
  py::list out(groups.size());
  for (std::size_t i = 0; i < groups.size(); ++i) PyList_SET_ITEM(out.ptr(), i, ids_of(names, groups[i]).release().ptr());
  return out;
}

/// Vertex indices of ids (Error "unknown vertex id" for an id not in g).
std::vector<std::size_t> indices(const Graph& g, const std::vector<std::string>& ids) {
  std::vector<std::size_t> out;
  out.reserve(ids.size());
  for (const auto& id : ids) out.push_back(g.index(id));
  return out;
}

/// Runs f without the GIL.
template <class F>
auto released(F f) {
  py::gil_scoped_release release;
  return f();
}

}  // namespace

void bind_stakeholders(py::module_& m) {
  py::class_<Vertex>(m, "Vertex", "A vertex of a stakeholder graph: an organization or a person.")
      .def_readonly("id", &Vertex::id)
      .def_readonly("name", &Vertex::name)
      .def_property_readonly("kind", [](const Vertex& v) { return std::string(to_string(v.kind)); })
      .def_readonly("category", &Vertex::category)
      .def_readonly("organization", &Vertex::organization)
      .def_readonly("decision_maker", &Vertex::decision_maker)
      .def_readonly("core", &Vertex::core)
      .def("__repr__", [](const Vertex& v) {
        return "Vertex(id=" + py::repr(text(v.id)).cast<std::string>() + ", kind='" + std::string(to_string(v.kind)) + "')";
      });
  py::class_<Edge>(m, "Edge", "A tie of a stakeholder graph; source and target are vertex indices.")
      .def_readonly("source", &Edge::source)
      .def_readonly("target", &Edge::target)
      .def_readonly("kind", &Edge::kind)
      .def_readonly("weight", &Edge::weight)
      .def_readonly("directed", &Edge::directed)
      .def_readonly("observed", &Edge::observed)
      .def_readonly("level", &Edge::level)
      .def_readonly("trust", &Edge::trust)
      .def_readonly("value", &Edge::value)
      .def_readonly("relationship", &Edge::relationship)
      .def("__repr__", [](const Edge& e) {
        return "Edge(source=" + std::to_string(e.source) + ", target=" + std::to_string(e.target) + ", kind=" +
               py::repr(text(e.kind)).cast<std::string>() + ")";
      });

  py::class_<Graph>(m, "Graph",
                    "The stakeholder graph of a partnership: organizations and people as vertices, relationships as "
                    "ties. Measures return dicts keyed by vertex id.",
                    py::dynamic_attr())  // keeps the ids as Python strings (id_strings)
      .def(py::init([](const std::optional<Partnership>& p, bool people) {
             return p ? Graph(*p, GraphOptions{people}) : Graph();
           }),
           py::arg("partnership") = py::none(), py::kw_only(), py::arg("people") = true)
      .def_static(
          "from_edges",
          [](const std::vector<std::string>& vertices, const std::vector<std::pair<std::string, std::string>>& edges,
             const std::optional<std::vector<double>>& weights, bool directed) {
            if (weights && weights->size() != edges.size())
              throw py::value_error("weights has " + std::to_string(weights->size()) + " entries for " +
                                    std::to_string(edges.size()) + " edges");
            Graph g;
            for (const auto& id : vertices) {
              Vertex v;
              v.id = id;
              v.name = id;
              g.add_vertex(std::move(v));
            }
            for (std::size_t i = 0; i < edges.size(); ++i) {
              Edge e;
              e.source = g.index(edges[i].first);
              e.target = g.index(edges[i].second);
              e.directed = directed;
              if (weights) e.weight = (*weights)[i];
              g.add_edge(std::move(e));
            }
            return g;
          },
          py::arg("vertices"), py::arg("edges"), py::kw_only(), py::arg("weights") = py::none(), py::arg("directed") = false,
          "A graph of plain vertices (id = name) and ties given as (source id, target id) pairs.")
      .def_property_readonly("vertices", &Graph::vertices)
      .def_property_readonly("edges", &Graph::edges)
      .def_property_readonly("directed", &Graph::directed)
      .def("__len__", &Graph::vertex_count)
      .def("index", &Graph::index, py::arg("id"))
      .def("__contains__", [](const Graph& g, const std::string& id) { return g.find(id).has_value(); }, py::arg("id"))
      .def("__repr__", [](const Graph& g) {
        return "Graph(" + std::to_string(g.vertex_count()) + " vertices, " + std::to_string(g.edge_count()) + " ties)";
      })
      // Views.
      .def("with_kinds", &Graph::with_kinds, py::arg("kinds"))
      .def("as_of", &Graph::as_of, py::arg("day"), py::arg("keep_undated") = true)
      .def("with_min_weight", &Graph::with_min_weight, py::arg("min_weight"))
      .def("symmetrized", &Graph::symmetrized)
      .def("organizations_only", &Graph::organizations_only)
      .def("subgraph",
           [](const Graph& g, const std::vector<std::string>& vertices) {
             return g.subgraph(indices(g, vertices));
           },
           py::arg("vertices"))
      // Measures.
      .def("density", [](const Graph& g) { return released([&] { return density(g); }); })
      .def("degree", [](const Graph& g) { return by_id(g, released([&] { return degree(g); })); })
      .def("in_degree", [](const Graph& g) { return by_id(g, released([&] { return in_degree(g); })); })
      .def("out_degree", [](const Graph& g) { return by_id(g, released([&] { return out_degree(g); })); })
      .def("betweenness",
           [](const Graph& g, const std::optional<std::string>& weight, bool normalized,
              const std::optional<std::vector<std::string>>& sources) {
             const Weighting w = weighting_of(weight);
             if (!sources) return by_id(g, released([&] { return betweenness(g, w, normalized); }));
             const std::vector<std::size_t> s = indices(g, *sources);
             return by_id(g, released([&] { return betweenness(g, s, w, normalized); }));
           },
           py::kw_only(), py::arg("weight") = py::none(), py::arg("normalized") = true, py::arg("sources") = py::none(),
           "Exact betweenness; with `sources`, over the shortest paths from those vertices only "
           "(nx.betweenness_centrality_subset(G, sources, G)).")
      .def("closeness",
           [](const Graph& g, const std::optional<std::string>& weight, bool wf_improved,
              const std::optional<std::vector<std::string>>& vertices) {
             const Weighting w = weighting_of(weight);
             if (!vertices) return by_id(g, released([&] { return closeness(g, w, wf_improved); }));
             const std::vector<std::size_t> v = indices(g, *vertices);
             const std::vector<double> c = released([&] { return closeness(g, v, w, wf_improved); });
             const py::tuple names = id_strings(g);
             py::dict out;
             for (std::size_t i = 0; i < v.size(); ++i) out[item(names, v[i])] = c[i];
             return out;
           },
           py::kw_only(), py::arg("weight") = py::none(), py::arg("wf_improved") = true, py::arg("vertices") = py::none(),
           "Closeness of every vertex, or of the given `vertices` only (one search each).")
      .def("harmonic",
           [](const Graph& g, const std::optional<std::string>& weight) {
             const Weighting w = weighting_of(weight);
             return by_id(g, released([&] { return harmonic(g, w); }));
           },
           py::kw_only(), py::arg("weight") = py::none())
      .def("eigenvector",
           [](const Graph& g, bool weighted) { return by_id(g, released([&] { return eigenvector(g, weighted); })); },
           py::kw_only(), py::arg("weighted") = false)
      .def("pagerank",
           [](const Graph& g, double alpha, double tol, int max_iterations, bool weighted) {
             return by_id(g, released([&] { return pagerank(g, {alpha, tol, max_iterations, weighted}); }));
           },
           py::kw_only(), py::arg("alpha") = 0.85, py::arg("tol") = 1e-12, py::arg("max_iterations") = 10000,
           py::arg("weighted") = true)
      .def("centralization",
           [](const Graph& g, const std::string& measure) {
             Centrality c;
             if (measure == "degree") c = Centrality::degree;
             else if (measure == "betweenness") c = Centrality::betweenness;
             else if (measure == "closeness") c = Centrality::closeness;
             else throw py::value_error("measure must be 'degree', 'betweenness' or 'closeness', got '" + measure + "'");
             return released([&] { return centralization(g, c); });
           },
           py::arg("measure"))
      .def("reciprocity", [](const Graph& g) { return reciprocity(g); })
      .def("weak_components", [](const Graph& g) { return groups(g, released([&] { return weak_components(g); }).groups()); })
      .def("strong_components",
           [](const Graph& g) { return groups(g, released([&] { return strong_components(g); }).groups()); })
      .def("isolates", [](const Graph& g) { return ids(g, isolates(g)); })
      .def("articulation_points", [](const Graph& g) { return ids(g, released([&] { return articulation_points(g); })); })
      .def("bridges",
           [](const Graph& g) {
             py::list out;
             const py::tuple names = id_strings(g);
             for (auto [u, v] : released([&] { return bridges(g); }))
               out.append(py::make_tuple(item(names, u), item(names, v)));
             return out;
           })
      .def("local_bridges",
           [](const Graph& g) {
             py::list out;
             const py::tuple names = id_strings(g);
             for (const auto& b : released([&] { return local_bridges(g); })) {
               py::object span = b.span ? py::object(py::int_(*b.span)) : py::object(py::none());
               out.append(py::make_tuple(item(names, b.u), item(names, b.v), span));
             }
             return out;
           },
           "Local bridges as (u, v, span) with span None when no other path joins u and v.")
      .def("brokerage",
           [](const Graph& g) {
             py::dict out;
             const auto roles = released([&] { return brokerage(g); });
             for (std::size_t v = 0; v < roles.size(); ++v) {
               py::dict r;
               r["coordinator"] = roles[v].coordinator;
               r["gatekeeper"] = roles[v].gatekeeper;
               r["representative"] = roles[v].representative;
               r["consultant"] = roles[v].consultant;
               r["liaison"] = roles[v].liaison;
               out[text(g.vertex(v).id)] = r;
             }
             return out;
           })
      .def("communities",
           [](const Graph& g, std::uint64_t seed, double resolution, bool weighted) {
             const Communities c = released([&] { return communities(g, {seed, resolution, weighted}); });
             const py::tuple names = id_strings(g);
             py::dict membership;
             for (std::size_t v = 0; v < c.membership.size(); ++v) membership[item(names, v)] = c.membership[v];
             py::dict out;
             out["membership"] = membership;
             out["count"] = c.count;
             out["modularity"] = c.modularity;
             out["groups"] = groups(g, c.groups());
             return out;
           },
           py::kw_only(), py::arg("seed") = 1, py::arg("resolution") = 1.0, py::arg("weighted") = true,
           "Louvain with refinement: {'membership': {id: community}, 'count', 'modularity', 'groups'}.")
      .def("modularity",
           [](const Graph& g, const py::dict& membership, double resolution, bool weighted) {
             std::vector<std::size_t> m(g.vertex_count(), 0);
             std::vector<bool> given(g.vertex_count(), false);
             for (auto [k, v] : membership) {
               const std::size_t i = g.index(k.cast<std::string>());
               m[i] = v.cast<std::size_t>();
               given[i] = true;
             }
             for (std::size_t i = 0; i < given.size(); ++i)
               if (!given[i]) throw py::value_error("membership has no community for vertex '" + g.vertex(i).id + "'");
             return modularity(g, m, resolution, weighted);
           },
           py::arg("membership"), py::kw_only(), py::arg("resolution") = 1.0, py::arg("weighted") = true)
      .def("trust_and_value",
           [](const Graph& g) {
             const ScoreReport r = trust_and_value(g);
             py::dict vertices;
             for (std::size_t v = 0; v < r.vertices.size(); ++v) {
               const VertexScores& s = r.vertices[v];
               py::dict d;
               d["trust"] = s.trust;
               d["value"] = s.value;
               d["trust_raters"] = s.trust_raters;
               d["value_raters"] = s.value_raters;
               vertices[text(g.vertex(v).id)] = d;
             }
             py::list missing;
             for (const auto& item : r.missing) {
               const Edge& e = g.edge(item.edge);
               py::dict d;
               d["rater"] = text(g.vertex(e.source).id);
               d["rated"] = text(g.vertex(e.target).id);
               d["item"] = item.item;
               d["relationship"] = e.relationship;
               missing.append(d);
             }
             py::dict out;
             out["vertices"] = vertices;
             out["network_trust"] = r.network_trust;
             out["network_value"] = r.network_value;
             out["trust_ties"] = r.trust_ties;
             out["value_ties"] = r.value_ties;
             out["missing"] = missing;
             return out;
           },
           "PARTNER-style trust and value per vertex (mean over raters) and for the network; missing items listed.");
}

}  // namespace partnerkit::python
