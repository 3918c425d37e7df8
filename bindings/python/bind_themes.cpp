// partnerkit._core, themes engine part: normalization, the lexicon, aggregate (texts or your
// own vectors) and mergeable partial aggregates. The GIL is released while grouping.
#include "bindings.hpp"

#include <pybind11/numpy.h>

#include "partnerkit/themes.hpp"

namespace partnerkit::python {
namespace {

using namespace partnerkit::themes;

ThemeOptions make_options(std::optional<int> themes, const std::optional<Lexicon>& lexicon, bool stem,
                          bool stop_words, int neighbors, double resolution, std::size_t min_size,
                          int label_words, unsigned seed, int threads) {
  ThemeOptions o;
  o.themes = themes;
  if (lexicon) o.lexicon = *lexicon;
  o.stem = stem;
  o.stop_words = stop_words;
  o.neighbors = neighbors;
  o.resolution = resolution;
  o.min_size = min_size;
  o.label_words = label_words;
  o.seed = seed;
  o.threads = threads;
  return o;
}

std::vector<std::string> texts_from(py::handle texts) {
  if (py::isinstance<py::str>(texts)) throw py::type_error("texts must be a sequence of str, not a single str");
  std::vector<std::string> out;
  for (py::handle t : texts) {
    if (!py::isinstance<py::str>(t))
      throw py::type_error("texts must be str, got " + py::str(py::type::of(t).attr("__name__")).cast<std::string>());
    out.push_back(t.cast<std::string>());
  }
  return out;
}

}  // namespace

void bind_themes(py::module_& m) {
  py::class_<Lexicon>(m, "Lexicon",
                      "Synonyms and abbreviations mapped to canonical terms (partnerkit-lexicon/1).")
      .def(py::init<>())
      .def_static("builtin", &Lexicon::builtin, "The lexicon shipped with partnerkit.")
      .def_static("parse", &Lexicon::parse, py::arg("text"), py::arg("file") = "<string>",
                  "Parses lexicon JSON text; ValidationError lists every problem.")
      .def_static("load", &Lexicon::load, py::arg("path"), "Reads a lexicon file.")
      .def("add", &Lexicon::add, py::arg("canonical"), py::arg("variants"))
      .def("extend", &Lexicon::extend, py::arg("other"), "Adds every entry of `other` (its mappings win).")
      .def("canonical", [](const Lexicon& l, const std::string& phrase) -> std::optional<std::string> {
             auto c = l.canonical(fold(phrase));
             return c.empty() ? std::nullopt : std::optional<std::string>(c);
           }, py::arg("phrase"), "The canonical term of a word or phrase, or None.")
      .def("entries", &Lexicon::entries, "Canonical term -> its variants.")
      .def("to_json_text", &Lexicon::to_json_text)
      .def("__len__", &Lexicon::size)
      .def("__eq__", [](const Lexicon& a, const Lexicon& b) { return a == b; }, py::arg("other"))
      .def("__repr__", [](const Lexicon& l) { return "Lexicon(" + std::to_string(l.entries().size()) + " terms)"; });

  py::class_<Theme>(m, "Theme", "One theme: a label, its entries (input indices) and a representative entry.")
      .def_readonly("label", &Theme::label)
      .def_readonly("keywords", &Theme::keywords)
      .def_readonly("terms", &Theme::terms)
      .def_readonly("entries", &Theme::entries)
      .def_readonly("representative", &Theme::representative)
      .def_readonly("cohesion", &Theme::cohesion)
      .def_property_readonly("count", [](const Theme& t) { return t.entries.size(); })
      .def("__repr__", [](const Theme& t) {
        return "Theme(label=" + py::repr(text(t.label)).cast<std::string>() + ", count=" + std::to_string(t.entries.size()) + ")";
      });

  py::class_<Themes>(m, "Themes", "The themes of a set of entries; every entry is in one theme or unassigned.")
      .def_readonly("themes", &Themes::themes)
      .def_readonly("assignments", &Themes::assignments)
      .def_readonly("unassigned", &Themes::unassigned)
      .def("to_dict", [](const Themes& t) { return json_to_python(to_json(t)); },
           "The same data as `partnerkit themes --format json`.")
      .def("__len__", [](const Themes& t) { return t.themes.size(); })
      .def("__repr__", [](const Themes& t) {
        return "Themes(" + std::to_string(t.themes.size()) + " themes, " + std::to_string(t.entries()) +
               " entries, " + std::to_string(t.unassigned.size()) + " unassigned)";
      });

  m.def("aggregate_themes",
        [](py::handle texts, std::optional<int> themes, std::optional<py::array_t<float, py::array::c_style | py::array::forcecast>> vectors,
           std::optional<Lexicon> lexicon, bool stem, bool stop_words, int neighbors, double resolution,
           std::size_t min_size, int label_words, unsigned seed, int threads) {
          std::vector<std::string> t = texts_from(texts);
          ThemeOptions o = make_options(themes, lexicon, stem, stop_words, neighbors, resolution, min_size,
                                        label_words, seed, threads);
          if (vectors) {
            const auto& v = *vectors;
            if (v.ndim() != 2) throw py::value_error("vectors must be a 2-D array (one row per text)");
            if (static_cast<std::size_t>(v.shape(0)) != t.size())
              throw py::value_error("vectors has " + std::to_string(v.shape(0)) + " rows for " + std::to_string(t.size()) + " texts");
            std::span<const float> values(v.data(), static_cast<std::size_t>(v.size()));
            auto dim = static_cast<std::size_t>(v.shape(1));
            py::gil_scoped_release release;
            return aggregate_vectors(t, values, dim, o);
          }
          py::gil_scoped_release release;
          return aggregate(t, o);
        },
        py::arg("texts"), py::kw_only(), py::arg("themes") = py::none(), py::arg("vectors") = py::none(),
        py::arg("lexicon") = py::none(), py::arg("stem") = true, py::arg("stop_words") = true,
        py::arg("neighbors") = 0, py::arg("resolution") = 1.0, py::arg("min_size") = 2, py::arg("label_words") = 3,
        py::arg("seed") = 42, py::arg("threads") = 0,
        "Groups texts into themes (exactly `themes` of them if given); `vectors`: your own embedding per text.");

  m.def("fold_text", &fold, py::arg("text"), "NFKC case folding.");
  m.def("tokenize_text", &tokenize, py::arg("folded"), "Words of folded text.");
  m.def("stem_word", &stem, py::arg("word"), "The Snowball English stem of a folded word.");
  m.def("english_stop_words", &stop_words, "The shipped stop word list.");
  m.def("normalize_terms",
        [](const std::string& text, std::optional<Lexicon> lexicon, bool stem, bool stop_words) {
          NormalizeOptions o;
          if (lexicon) o.lexicon = *lexicon;
          o.stem = stem;
          o.stop_words = stop_words;
          std::vector<std::pair<std::string, std::string>> out;
          for (auto& t : terms(text, o)) out.emplace_back(std::move(t.term), std::move(t.surface));
          return out;
        },
        py::arg("text"), py::kw_only(), py::arg("lexicon") = py::none(), py::arg("stem") = true, py::arg("stop_words") = true,
        "The (term, surface form) pairs of a text.");

  py::class_<PartialAggregate>(m, "PartialAggregate",
                               "The normalized entries of one partition; merge partials, then finish().")
      .def(py::init([](std::optional<Lexicon> lexicon, bool stem, bool stop_words) {
             return PartialAggregate(make_options(std::nullopt, lexicon, stem, stop_words, 0, 1.0, 2, 3, 42, 0));
           }),
           py::kw_only(), py::arg("lexicon") = py::none(), py::arg("stem") = true, py::arg("stop_words") = true)
      .def("add", [](PartialAggregate& p, py::handle texts) {
             if (py::isinstance<py::str>(texts)) {
               p.add(texts.cast<std::string>());
               return;
             }
             std::vector<std::string> t = texts_from(texts);
             py::gil_scoped_release release;
             p.add(t);
           }, py::arg("texts"), "Appends one text or a sequence of texts.")
      .def("merge", [](PartialAggregate& p, const PartialAggregate& other) -> PartialAggregate& { return p.merge(other); },
           py::arg("other"), py::return_value_policy::reference_internal,
           "Appends the entries of `other` after this partial's; returns self.")
      .def("finish",
           [](const PartialAggregate& p, std::optional<int> themes, int neighbors, double resolution, std::size_t min_size,
              int label_words, unsigned seed, int threads) {
             const NormalizeOptions& nz = p.normalization();
             ThemeOptions o = make_options(themes, nz.lexicon, nz.stem, nz.stop_words, neighbors, resolution, min_size,
                                           label_words, seed, threads);
             py::gil_scoped_release release;
             return p.finish(o);
           },
           py::kw_only(), py::arg("themes") = py::none(), py::arg("neighbors") = 0, py::arg("resolution") = 1.0,
           py::arg("min_size") = 2, py::arg("label_words") = 3, py::arg("seed") = 42, py::arg("threads") = 0,
           "The themes of all entries (the same as aggregate_themes on the concatenated texts).")
      .def("to_dict", [](const PartialAggregate& p) { return json_to_python(p.to_json()); })
      .def_static("from_dict", [](py::handle d, const std::string& file) {
                    return PartialAggregate::from_json(json_from_python(d, 64), file);
                  }, py::arg("data"), py::arg("file") = "<dict>")
      .def("to_bytes", [](const PartialAggregate& p) {
             auto b = p.to_binary();
             return py::bytes(reinterpret_cast<const char*>(b.data()), b.size());
           }, "MessagePack bytes.")
      .def_static("from_bytes", [](const py::bytes& b, const std::string& file) {
                    std::string_view s = b;
                    std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
                    return PartialAggregate::from_binary(bytes, file);
                  }, py::arg("data"), py::arg("file") = "<bytes>")
      .def("__len__", &PartialAggregate::size)
      .def("__repr__", [](const PartialAggregate& p) { return "PartialAggregate(" + std::to_string(p.size()) + " entries)"; })
      .def(py::pickle([](const PartialAggregate& p) {
                        auto b = p.to_binary();
                        return py::bytes(reinterpret_cast<const char*>(b.data()), b.size());
                      },
                      [](const py::bytes& b) {
                        std::string_view s = b;
                        return PartialAggregate::from_binary(
                            std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()), "<pickle>");
                      }));
}

}  // namespace partnerkit::python
