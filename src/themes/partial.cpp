// Partial aggregates (normalized entries of a partition): add, merge, serialize, finish; and
// the aggregate entry points built on them.
#include "partnerkit/themes/partial.hpp"

#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/parallel_sort.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numeric>

#include "io/detail.hpp"
#include "partnerkit/core/error.hpp"
#include "themes/cluster.hpp"

namespace partnerkit::themes {
namespace {

// A JSON integer >= 0 (Python ints arrive as signed integers).
bool non_negative(const nlohmann::json& v, std::uint64_t& out) {
  if (v.is_number_unsigned()) {
    out = v.get<std::uint64_t>();
    return true;
  }
  if (v.is_number_integer() && v.get<std::int64_t>() >= 0) {
    out = static_cast<std::uint64_t>(v.get<std::int64_t>());
    return true;
  }
  return false;
}

constexpr const char* partial_format = "partnerkit-partial/1";

void check_same(const PartialAggregate& a, std::uint64_t fingerprint, bool stem, bool stop_words, const char* what) {
  if (a.lexicon_fingerprint() != fingerprint || a.stemmed() != stem || a.stop_words_removed() != stop_words)
    throw Error(std::string(what) +
                ": the normalization settings differ (lexicon, stemming or stop words); "
                "expected the settings the partial aggregate was built with");
}

}  // namespace

PartialAggregate::PartialAggregate(const ThemeOptions& options)
    : normalize_(options.normalize()),
      lexicon_fingerprint_(options.lexicon.fingerprint()),
      stem_(options.stem),
      stop_words_(options.stop_words) {}

namespace {
struct Counted {
  std::string term, surface;
};
}  // namespace

void PartialAggregate::add(std::string_view text) {
  std::string t(text);
  add(std::span<const std::string>(&t, 1));
}

void PartialAggregate::add(std::span<const std::string> texts) {
  // Chunks of texts are normalized and interned into partials of their own in parallel and
  // merged in order as they finish (a pipeline: merging overlaps the normalization of later
  // chunks): terms keep their order of first occurrence and surfaces their order and counts, so
  // the state is the one a single pass would build.
  constexpr std::size_t chunk = 4096;
  if (texts.size() <= chunk) {
    append(texts, normalize_);
    return;
  }
  ThemeOptions blank;  // the parts only hold entries; normalization uses this partial's settings
  blank.lexicon = Lexicon{};
  const std::size_t count = (texts.size() + chunk - 1) / chunk;
  std::size_t next = 0;
  using Part = std::shared_ptr<PartialAggregate>;
  const auto tokens = static_cast<std::size_t>(2 * std::max(1, tbb::this_task_arena::max_concurrency()));
  tbb::parallel_pipeline(
      tokens,
      tbb::make_filter<void, std::size_t>(tbb::filter_mode::serial_in_order,
                                          [&](tbb::flow_control& fc) -> std::size_t {
                                            if (next == count) fc.stop();
                                            return next++;
                                          }) &
          tbb::make_filter<std::size_t, Part>(tbb::filter_mode::parallel,
                                              [&](std::size_t c) {
                                                auto part = std::make_shared<PartialAggregate>(blank);
                                                part->lexicon_fingerprint_ = lexicon_fingerprint_;
                                                part->stem_ = stem_;
                                                part->stop_words_ = stop_words_;
                                                part->append(texts.subspan(c * chunk, std::min(chunk, texts.size() - c * chunk)),
                                                             normalize_);
                                                return part;
                                              }) &
          tbb::make_filter<Part, void>(tbb::filter_mode::serial_in_order, [&](const Part& part) { merge(*part); }));
}

void PartialAggregate::append(std::span<const std::string> texts, const NormalizeOptions& norm) {
  std::vector<std::vector<Term>> normalized(texts.size());
  tbb::parallel_for(std::size_t{0}, texts.size(),
                    [&](std::size_t i) { normalized[i] = terms(texts[i], norm); });
  std::vector<std::uint32_t> ids;
  for (auto& entry : normalized) {
    // Count each term of the entry; items sorted by term index for a canonical layout.
    ids.clear();
    for (auto& t : entry) {
      auto [it, fresh] = index_.try_emplace(t.term, static_cast<std::uint32_t>(terms_.size()));
      if (fresh) {
        terms_.push_back(t.term);
        surfaces_.emplace_back();
      }
      ids.push_back(it->second);
      auto& s = surfaces_[it->second];
      auto f = std::find_if(s.begin(), s.end(), [&](const auto& p) { return p.first == t.surface; });
      if (f == s.end()) {
        s.emplace_back(std::move(t.surface), 1);
      } else {
        ++f->second;
      }
    }
    std::sort(ids.begin(), ids.end());
    for (std::size_t q = 0; q < ids.size();) {
      std::size_t r = q;
      while (r < ids.size() && ids[r] == ids[q]) ++r;
      items_.push_back({ids[q], static_cast<std::uint32_t>(r - q)});
      q = r;
    }
    offsets_.push_back(items_.size());
  }
}

PartialAggregate& PartialAggregate::merge(const PartialAggregate& other) {
  check_same(*this, other.lexicon_fingerprint_, other.stem_, other.stop_words_, "cannot merge partial aggregates");
  std::vector<std::uint32_t> remap(other.terms_.size());
  for (std::size_t t = 0; t < other.terms_.size(); ++t) {
    auto [it, fresh] = index_.try_emplace(other.terms_[t], static_cast<std::uint32_t>(terms_.size()));
    if (fresh) {
      terms_.push_back(other.terms_[t]);
      surfaces_.emplace_back();
    }
    remap[t] = it->second;
    auto& s = surfaces_[it->second];
    for (const auto& entry : other.surfaces_[t]) {
      const auto& surface = entry.first;  // not a structured binding: captured below (clang 14)
      const auto count = entry.second;
      auto f = std::find_if(s.begin(), s.end(), [&](const auto& p) { return p.first == surface; });
      if (f == s.end()) {
        s.emplace_back(surface, count);
      } else {
        f->second += count;
      }
    }
  }
  std::vector<Item> row;
  for (std::size_t i = 0; i < other.size(); ++i) {
    row.clear();
    for (auto item : other.entry(i)) row.push_back({remap[item.term], item.count});
    std::sort(row.begin(), row.end(), [](const Item& a, const Item& b) { return a.term < b.term; });
    items_.insert(items_.end(), row.begin(), row.end());
    offsets_.push_back(items_.size());
  }
  return *this;
}

Themes PartialAggregate::finish(const ThemeOptions& options) const {
  check_same(*this, options.lexicon.fingerprint(), options.stem, options.stop_words,
             "cannot finish the partial aggregate");
  std::vector<std::string> terms, surfaces;
  detail::Rows x = detail::tfidf(*this, terms, surfaces);
  detail::LabelSource labels{&x, &terms, &surfaces};
  return detail::group(x, terms.size(), nullptr, labels, options);
}

nlohmann::ordered_json PartialAggregate::to_json() const {
  nlohmann::ordered_json j;
  j["format"] = partial_format;
  j["normalize"] = {{"lexicon", nlohmann::ordered_json::parse(normalize_.lexicon.to_json_text())},
                    {"stem", stem_},
                    {"stop_words", stop_words_}};
  auto& terms = j["terms"] = nlohmann::ordered_json::array();
  for (std::size_t t = 0; t < terms_.size(); ++t) {
    nlohmann::ordered_json surf = nlohmann::ordered_json::array();
    for (const auto& [s, c] : surfaces_[t]) surf.push_back({s, c});
    terms.push_back({{"term", terms_[t]}, {"surfaces", std::move(surf)}});
  }
  auto& entries = j["entries"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < size(); ++i) {
    nlohmann::ordered_json row = nlohmann::ordered_json::array();
    for (auto item : entry(i)) row.push_back({item.term, item.count});
    entries.push_back(std::move(row));
  }
  return j;
}

PartialAggregate PartialAggregate::from_json(const nlohmann::json& j, const std::string& file) {
  std::vector<Issue> issues;
  auto issue = [&](std::string pointer, std::string message) {
    if (issues.size() < 100) issues.push_back({file, std::move(pointer), std::move(message)});
  };
  PartialAggregate p;
  if (!j.is_object()) {
    issue("", std::string("expected a JSON object with \"format\": \"") + partial_format + "\"");
    partnerkit::detail::throw_issues(std::move(issues));
  }
  if (!j.contains("format") || !j["format"].is_string() || j["format"].get<std::string>() != partial_format)
    issue("/format", std::string("expected \"") + partial_format + "\"");
  if (!j.contains("normalize") || !j["normalize"].is_object()) {
    issue("/normalize", "expected an object with lexicon, stem and stop_words");
  } else {
    const auto& nz = j["normalize"];
    if (!nz.contains("lexicon") || !nz["lexicon"].is_object()) {
      issue("/normalize/lexicon", "expected a partnerkit-lexicon/1 object");
    } else {
      try {
        p.normalize_.lexicon = Lexicon::parse(nz["lexicon"].dump(), file);
      } catch (const ValidationError& e) {
        for (const auto& i : e.errors()) issue("/normalize/lexicon" + i.pointer, i.message);
      }
    }
    for (const char* key : {"stem", "stop_words"}) {
      if (!nz.contains(key) || !nz[key].is_boolean())
        issue(std::string("/normalize/") + key, "expected true or false");
    }
    if (nz.contains("stem") && nz["stem"].is_boolean()) p.stem_ = nz["stem"].get<bool>();
    if (nz.contains("stop_words") && nz["stop_words"].is_boolean()) p.stop_words_ = nz["stop_words"].get<bool>();
  }
  if (!j.contains("terms") || !j["terms"].is_array()) {
    issue("/terms", "expected an array of {\"term\", \"surfaces\"} objects");
  } else {
    const auto& ts = j["terms"];
    for (std::size_t t = 0; t < ts.size(); ++t) {
      std::string at = pointer_append("/terms", t);
      const auto& o = ts[t];
      if (!o.is_object() || !o.contains("term") || !o["term"].is_string() || o["term"].get<std::string>().empty()) {
        issue(at, "expected an object with a non-empty string \"term\" and \"surfaces\"");
        continue;
      }
      std::string term = o["term"].get<std::string>();
      if (!p.index_.try_emplace(term, static_cast<std::uint32_t>(p.terms_.size())).second) {
        issue(at + "/term", "duplicate term \"" + term + "\"; expected each term once");
        continue;
      }
      p.terms_.push_back(term);
      p.surfaces_.emplace_back();
      if (!o.contains("surfaces") || !o["surfaces"].is_array()) {
        issue(at + "/surfaces", "expected an array of [surface, count] pairs");
        continue;
      }
      const auto& ss = o["surfaces"];
      for (std::size_t q = 0; q < ss.size(); ++q) {
        const auto& pair = ss[q];
        std::uint64_t count = 0;
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !non_negative(pair[1], count) ||
            count == 0 || count > 0xFFFFFFFFull) {
          issue(pointer_append(at + "/surfaces", q), "expected [surface, count] with a count from 1 to 4294967295");
          continue;
        }
        p.surfaces_.back().emplace_back(pair[0].get<std::string>(), static_cast<std::uint32_t>(count));
      }
    }
  }
  if (!j.contains("entries") || !j["entries"].is_array()) {
    issue("/entries", "expected an array of entries, each an array of [term index, count] pairs");
  } else {
    const auto& es = j["entries"];
    for (std::size_t i = 0; i < es.size(); ++i) {
      std::string at = pointer_append("/entries", i);
      if (!es[i].is_array()) {
        issue(at, "expected an array of [term index, count] pairs");
        p.offsets_.push_back(p.items_.size());
        continue;
      }
      std::int64_t last = -1;
      for (std::size_t q = 0; q < es[i].size(); ++q) {
        const auto& pair = es[i][q];
        std::string ap = pointer_append(at, q);
        std::uint64_t term = 0, count = 0;
        if (!pair.is_array() || pair.size() != 2 || !non_negative(pair[0], term) || !non_negative(pair[1], count)) {
          issue(ap, "expected [term index, count] with integers of 0 or more");
          continue;
        }
        if (term >= p.terms_.size() || static_cast<std::int64_t>(term) <= last) {
          issue(ap, "expected a term index below " + std::to_string(p.terms_.size()) + " and above the previous one");
          continue;
        }
        if (count == 0 || count > 0xFFFFFFFFull) {
          issue(ap, "expected a count from 1 to 4294967295");
          continue;
        }
        last = static_cast<std::int64_t>(term);
        p.items_.push_back({static_cast<std::uint32_t>(term), static_cast<std::uint32_t>(count)});
      }
      p.offsets_.push_back(p.items_.size());
    }
  }
  for (const auto& [key, value] : j.items()) {
    (void)value;
    if (key != "format" && key != "normalize" && key != "terms" && key != "entries")
      issue(pointer_append("", key), "unexpected key; expected format, normalize, terms and entries");
  }
  if (!issues.empty()) partnerkit::detail::throw_issues(std::move(issues));
  p.normalize_.stem = p.stem_;
  p.normalize_.stop_words = p.stop_words_;
  p.lexicon_fingerprint_ = p.normalize_.lexicon.fingerprint();
  return p;
}

std::vector<std::uint8_t> PartialAggregate::to_binary() const {
  return nlohmann::json::to_msgpack(nlohmann::json(to_json()));
}

PartialAggregate PartialAggregate::from_binary(std::span<const std::uint8_t> bytes, const std::string& file) {
  nlohmann::json j;
  try {
    j = nlohmann::json::from_msgpack(bytes.begin(), bytes.end());
  } catch (const nlohmann::json::exception& e) {
    throw ValidationError(file, "", std::string("not a MessagePack partial aggregate: ") + e.what());
  }
  // MessagePack strings may hold any bytes; a partial aggregate's text is UTF-8 like its JSON form.
  try {
    (void)j.dump();
  } catch (const nlohmann::json::type_error& e) {
    throw ValidationError(file, "", std::string("expected UTF-8 text in every string of the partial aggregate: ") +
                                        e.what());
  }
  return from_json(j, file);
}

namespace detail {

Rows tfidf(const PartialAggregate& p, std::vector<std::string>& terms, std::vector<std::string>& surfaces) {
  const auto& raw = p.term_strings();
  const std::size_t T = raw.size(), n = p.size();
  // Canonical vocabulary order (sorted term strings), so merge order does not matter.
  std::vector<Index> order(T);
  std::iota(order.begin(), order.end(), Index{0});
  // (Terms are distinct: a strict order, so the parallel sort gives the one result.)
  tbb::parallel_sort(order.begin(), order.end(), [&](Index a, Index b) { return raw[a] < raw[b]; });
  std::vector<Index> rank(T);
  terms.resize(T);
  surfaces.resize(T);
  tbb::parallel_for(Index{0}, static_cast<Index>(T), [&](Index r) {
    rank[order[r]] = r;
    terms[r] = raw[order[r]];
    const auto& s = p.surfaces()[order[r]];
    std::string best;
    std::uint64_t best_count = 0;
    for (const auto& [surface, count] : s)
      if (count > best_count || (count == best_count && surface < best)) {
        best = surface;
        best_count = count;
      }
    surfaces[r] = best.empty() ? terms[r] : best;
  });
  std::vector<std::uint32_t> df(T, 0);
  for (std::size_t i = 0; i < n; ++i)
    for (auto item : p.entry(i)) ++df[rank[item.term]];
  std::vector<double> idf(T);
  for (std::size_t t = 0; t < T; ++t)
    idf[t] = std::log((1.0 + static_cast<double>(n)) / (1.0 + df[t])) + 1.0;
  Rows x;
  x.offsets.resize(n + 1);
  x.offsets[0] = 0;
  for (std::size_t i = 0; i < n; ++i) x.offsets[i + 1] = x.offsets[i] + p.entry(i).size();
  x.items.resize(x.offsets[n]);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    auto e = p.entry(i);
    Entry* out = x.items.data() + x.offsets[i];
    double ss = 0;
    for (std::size_t q = 0; q < e.size(); ++q) {
      Index t = rank[e[q].term];
      double w = (1.0 + std::log(static_cast<double>(e[q].count))) * idf[t];
      out[q] = {t, static_cast<float>(w)};
      ss += w * w;
    }
    std::sort(out, out + e.size(), [](const Entry& a, const Entry& b) { return a.id < b.id; });
    double nrm = std::sqrt(ss);
    for (std::size_t q = 0; q < e.size(); ++q) out[q].w = static_cast<float>(out[q].w / nrm);
  });
  return x;
}

}  // namespace detail

Themes aggregate(std::span<const std::string> texts, const ThemeOptions& options) {
  PartialAggregate p(options);
  tbb::task_arena arena(options.threads > 0 ? options.threads : tbb::task_arena::automatic);
  arena.execute([&] { p.add(texts); });
  return p.finish(options);
}

Themes aggregate_vectors(std::span<const std::string> texts, std::span<const float> vectors, std::size_t dimension,
                         const ThemeOptions& options) {
  if (dimension == 0) throw Error("the vectors' dimension must be at least 1");
  if (vectors.size() != texts.size() * dimension)
    throw Error("expected " + std::to_string(texts.size()) + " × " + std::to_string(dimension) + " = " +
                std::to_string(texts.size() * dimension) + " values (one row per text), got " +
                std::to_string(vectors.size()));
  const std::size_t n = texts.size();
  detail::Dense dense;
  dense.dimension = dimension;
  dense.values.assign(vectors.begin(), vectors.end());
  dense.usable.assign(n, false);
  detail::Rows x;
  x.offsets.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    float* row = dense.values.data() + i * dimension;
    double ss = 0;
    bool finite = true;
    for (std::size_t q = 0; q < dimension; ++q) {
      finite &= std::isfinite(row[q]);
      ss += static_cast<double>(row[q]) * row[q];
    }
    dense.usable[i] = finite && ss > 0 && std::isfinite(ss);
    if (dense.usable[i]) {
      double nrm = std::sqrt(ss);
      for (std::size_t q = 0; q < dimension; ++q) {
        row[q] = static_cast<float>(row[q] / nrm);
        if (row[q] != 0.0f) x.items.push_back({static_cast<detail::Index>(q), row[q]});
      }
    } else {
      std::fill(row, row + dimension, 0.0f);
    }
    x.offsets[i + 1] = x.items.size();
  }
  PartialAggregate p(options);
  tbb::task_arena arena(options.threads > 0 ? options.threads : tbb::task_arena::automatic);
  arena.execute([&] { p.add(texts); });
  std::vector<std::string> terms, surfaces;
  detail::Rows lexical = detail::tfidf(p, terms, surfaces);
  detail::LabelSource labels{&lexical, &terms, &surfaces};
  return detail::group(x, dimension, &dense, labels, options);
}

nlohmann::ordered_json to_json(const Themes& themes) {
  nlohmann::ordered_json j;
  auto& list = j["themes"] = nlohmann::ordered_json::array();
  for (const auto& t : themes.themes) {
    list.push_back({{"label", t.label},
                    {"keywords", t.keywords},
                    {"terms", t.terms},
                    {"entries", t.entries},
                    {"count", t.entries.size()},
                    {"representative", t.representative},
                    {"cohesion", t.cohesion}});
  }
  j["assignments"] = themes.assignments;
  j["unassigned"] = themes.unassigned;
  j["counts"] = {{"entries", themes.entries()},
                 {"assigned", themes.assigned()},
                 {"unassigned", themes.unassigned.size()},
                 {"themes", themes.themes.size()}};
  return j;
}

}  // namespace partnerkit::themes
