// Grouping entries into themes: TF-IDF vectors, a k-nearest-neighbour cosine graph, seeded
// Louvain communities, exactly K groups on request (over-segmentation, small groups merged into
// their most similar neighbour, average linkage down to K, bisection if short), spherical k-means
// refinement, labels and representatives. See docs/themes.md.
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <unordered_map>

#include "partnerkit/core/error.hpp"
#include "partnerkit/themes/aggregate.hpp"
#include "partnerkit/themes/partial.hpp"
#include "themes/cluster.hpp"

namespace partnerkit::themes::detail {
namespace {

// ---------------------------------------------------------------- sparse rows and centroids

// A sparse vector, sorted by id.
using SparseVec = std::vector<Entry>;

// The first position at or after `from` in `v` whose id is not below `id` (galloping search).
std::size_t seek(const SparseVec& v, std::size_t from, Index id) {
  std::size_t step = 1, hi = from;
  while (hi < v.size() && v[hi].id < id) {
    from = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = std::min(hi, v.size());
  return static_cast<std::size_t>(
      std::lower_bound(v.begin() + static_cast<std::ptrdiff_t>(from), v.begin() + static_cast<std::ptrdiff_t>(hi), id,
                       [](const Entry& e, Index t) { return e.id < t; }) -
      v.begin());
}

double dot(const SparseVec& a, const SparseVec& b) {
  double s = 0;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].id < b[j].id) {
      ++i;
    } else if (b[j].id < a[i].id) {
      ++j;
    } else {
      s += static_cast<double>(a[i].w) * b[j].w;
      ++i;
      ++j;
    }
  }
  return s;
}

double norm(const SparseVec& a) {
  double s = 0;
  for (auto e : a) s += static_cast<double>(e.w) * e.w;
  return std::sqrt(s);
}

SparseVec add(const SparseVec& a, const SparseVec& b) {
  SparseVec out;
  out.reserve(a.size() + b.size());
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].id < b[j].id)) {
      out.push_back(a[i++]);
    } else if (i == a.size() || b[j].id < a[i].id) {
      out.push_back(b[j++]);
    } else {
      out.push_back({a[i].id, a[i].w + b[j].w});
      ++i;
      ++j;
    }
  }
  return out;
}

// a += b; in place when every term of b is already in a (a large centroid absorbing a small
// group), else by merging. The same float sums as add(a, b).
void add_into(SparseVec& a, const SparseVec& b) {
  if (b.size() * 16 < a.size()) {
    std::size_t j = 0;
    bool all = true;
    for (const auto& e : b) {
      j = seek(a, j, e.id);
      if (j == a.size() || a[j].id != e.id) {
        all = false;
        break;
      }
    }
    if (all) {
      j = 0;
      for (const auto& e : b) {
        j = seek(a, j, e.id);
        a[j].w = a[j].w + e.w;
      }
      return;
    }
  }
  a = add(a, b);
}

// Sum of the rows of `members` (each row is unit length), computed in member order.
SparseVec centroid(const Rows& x, const std::vector<Index>& members, std::size_t dims) {
  thread_local std::vector<double> acc;  // all zeros between calls
  thread_local std::vector<Index> touched;
  if (acc.size() < dims) acc.assign(dims, 0.0);
  touched.clear();
  for (Index i : members)
    for (auto e : x.row(i)) {
      if (acc[e.id] == 0.0) touched.push_back(e.id);
      acc[e.id] += e.w;
    }
  SparseVec out;
  out.reserve(touched.size());
  if (touched.size() * 16 > dims) {  // many terms (a large group): a scan in term order is cheaper than sorting
    for (std::size_t t = 0; t < dims; ++t)
      if (acc[t] != 0.0) {
        out.push_back({static_cast<Index>(t), static_cast<float>(acc[t])});
        acc[t] = 0.0;
      }
    return out;
  }
  std::sort(touched.begin(), touched.end());
  for (Index t : touched) {
    if (acc[t] != 0.0) out.push_back({t, static_cast<float>(acc[t])});
    acc[t] = 0.0;
  }
  return out;
}

// ---------------------------------------------------------------- the kNN graph
struct Graph {
  std::vector<std::size_t> offsets;  // CSR, size n + 1
  std::vector<Index> nbr;
  std::vector<double> w;
  std::vector<double> loop;  // self-loop weight (aggregated graphs)
  std::size_t size() const { return offsets.size() - 1; }
};

struct Neighbor {
  Index j;
  float s;
};

// Score descending, index ascending (a function object, so the heap operations inline it).
struct Better {
  bool operator()(const Neighbor& a, const Neighbor& b) const { return a.s > b.s || (a.s == b.s && a.j < b.j); }
};
constexpr Better better;

// Keeps the k best candidates offered (score desc, index asc) in a heap whose top is the worst
// kept, so most candidates cost one comparison; `sorted` gives them best first.
struct BestK {
  std::size_t k = 0;
  std::vector<Neighbor> heap;
  void reset(std::size_t keep) {
    k = keep;
    heap.clear();
  }
  void offer(Neighbor c) {
    if (heap.size() < k) {
      heap.push_back(c);
      std::push_heap(heap.begin(), heap.end(), better);
    } else if (k > 0 && better(c, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), better);
      heap.back() = c;
      std::push_heap(heap.begin(), heap.end(), better);
    }
  }
  void sorted() { std::sort_heap(heap.begin(), heap.end(), better); }
};

// Posting entries read per term of an entry: a term shared by more entries contributes only
// through its kKnnCap heaviest postings (very common terms weigh little in TF-IDF).
constexpr std::size_t kKnnCap = 100;

// Lexical kNN through an inverted index. Posting lists (one flat array) are sorted by weight
// (desc, ties by entry), each read up to `cap` entries, so a very common term costs O(cap) per
// entry. Scores accumulate in a dense per-thread array with a list of touched entries; each
// entry's list depends only on the rows, so the result is the same on any number of threads.
std::vector<std::vector<Neighbor>> knn_sparse(const Rows& x, std::size_t dims, std::size_t k) {
  const std::size_t n = x.size();
  std::vector<std::size_t> poff(dims + 1, 0);
  for (const auto& e : x.items) ++poff[e.id + 1];
  for (std::size_t t = 0; t < dims; ++t) poff[t + 1] += poff[t];
  std::vector<Entry> post(poff[dims]);
  {
    std::vector<std::size_t> pos(poff.begin(), poff.end() - 1);
    for (Index i = 0; i < n; ++i)
      for (auto e : x.row(i)) post[pos[e.id]++] = {i, e.w};
  }
  tbb::parallel_for(std::size_t{0}, dims, [&](std::size_t t) {
    std::sort(post.begin() + static_cast<std::ptrdiff_t>(poff[t]), post.begin() + static_cast<std::ptrdiff_t>(poff[t + 1]),
              [](const Entry& a, const Entry& b) { return a.w > b.w || (a.w == b.w && a.id < b.id); });
  });
  const std::size_t cap = kKnnCap;
  struct Scratch {
    std::vector<float> acc;
    std::vector<Index> touched;
    std::vector<Neighbor> buf;
  };
  tbb::enumerable_thread_specific<Scratch> scratch;
  std::vector<std::vector<Neighbor>> out(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 256), [&](const tbb::blocked_range<std::size_t>& r) {
    Scratch& s = scratch.local();
    if (s.acc.size() != n) s.acc.assign(n, 0.0f);
    float* const acc = s.acc.data();
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      // Room for every entry the row can reach plus the slot written ahead, so the loop needs no
      // bound check: each entry is listed once, since a score never returns to 0 (a TF-IDF weight
      // is at least 1 before scaling and a row's norm below 4e7, so every product exceeds 1e-16).
      std::size_t reads = 0;
      for (auto e : x.row(i)) reads += std::min(cap, poff[e.id + 1] - poff[e.id]);
      if (s.touched.size() < std::min(reads, n) + 1) s.touched.resize(std::min(reads, n) + 1);
      Index* const touched = s.touched.data();
      std::size_t nt = 0;
      for (auto e : x.row(i)) {
        const Entry* p = post.data() + poff[e.id];
        const std::size_t m = std::min(cap, poff[e.id + 1] - poff[e.id]);
        const float w = e.w;
        for (std::size_t q = 0; q < m; ++q) {
          const Index j = p[q].id;
          const float a = acc[j];
          touched[nt] = j;  // kept only if j is new (positive weights: a score is never 0 again)
          nt += std::bit_cast<std::uint32_t>(a) == 0;  // scores are +0 or positive: an integer test
          acc[j] = a + w * p[q].w;
        }
      }
      // Candidates collect in a buffer; when it holds 4k, the k best (score desc, index asc: a
      // strict order, so the k best are one set) are kept and the k-th score becomes the bar
      // below which nothing can enter (one comparison per candidate).
      auto& buf = s.buf;
      buf.clear();
      float worst = -std::numeric_limits<float>::infinity();
      auto keep_best = [&] {
        std::nth_element(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(k - 1), buf.end(), better);
        buf.resize(k);
        worst = buf[k - 1].s;
      };
      for (std::size_t q = 0; q < nt; ++q) {
        const Index j = touched[q];
        const float a = acc[j];
        acc[j] = 0.0f;
        if (a < worst || j == i || !(a > 0.0f)) continue;
        buf.push_back({j, a});
        if (buf.size() == 4 * k) keep_best();
      }
      if (buf.size() > k) keep_best();
      std::sort(buf.begin(), buf.end(), better);
      out[i].assign(buf.begin(), buf.end());
    }
  });
  return out;
}

// kNN of dense rows by brute force, O(n² · d).
std::vector<std::vector<Neighbor>> knn_dense(const std::vector<float>& v, std::size_t n, std::size_t d,
                                             const std::vector<bool>& usable, std::size_t k) {
  std::vector<std::vector<Neighbor>> out(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 64), [&](const tbb::blocked_range<std::size_t>& r) {
    BestK best;
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      if (!usable[i]) continue;
      best.reset(k);
      const float* a = &v[i * d];
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i || !usable[j]) continue;
        const float* b = &v[j * d];
        float s = 0;
        for (std::size_t q = 0; q < d; ++q) s += a[q] * b[q];
        if (s > 0) best.offer({static_cast<Index>(j), s});
      }
      best.sorted();
      out[i] = best.heap;
    }
  });
  return out;
}

// Union of the neighbour lists, weight max(s_ij, s_ji), as a symmetric CSR graph, each row in
// ascending neighbour order. Row i merges i's own list (sorted by neighbour here) with the
// entries that list i (gathered in ascending order); rows are built in parallel.
Graph symmetrize(std::vector<std::vector<Neighbor>>& knn) {
  const std::size_t n = knn.size();
  auto by_index = [](const Neighbor& x, const Neighbor& y) { return x.j < y.j; };
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) { std::sort(knn[i].begin(), knn[i].end(), by_index); });
  std::vector<std::size_t> roff(n + 1, 0);
  for (const auto& list : knn)
    for (auto nb : list) ++roff[nb.j + 1];
  for (std::size_t i = 0; i < n; ++i) roff[i + 1] += roff[i];
  std::vector<Neighbor> rev(roff[n]);
  {
    std::vector<std::size_t> pos(roff.begin(), roff.end() - 1);
    for (Index i = 0; i < n; ++i)
      for (auto nb : knn[i]) rev[pos[nb.j]++] = {i, nb.s};
  }
  // Merges row i's two sorted lists; `emit(j, w)` for each distinct neighbour.
  auto merge_row = [&](std::size_t i, auto&& emit) {
    const auto& own = knn[i];
    const Neighbor* r = rev.data() + roff[i];
    const Neighbor* const r_end = rev.data() + roff[i + 1];
    std::size_t q = 0;
    while (q < own.size() || r != r_end) {
      if (r == r_end || (q < own.size() && own[q].j < r->j)) {
        emit(own[q].j, own[q].s);
        ++q;
      } else if (q == own.size() || r->j < own[q].j) {
        emit(r->j, r->s);
        ++r;
      } else {
        emit(own[q].j, std::max(own[q].s, r->s));
        ++q;
        ++r;
      }
    }
  };
  Graph g;
  g.offsets.assign(n + 1, 0);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    std::size_t m = 0;
    merge_row(i, [&](Index, float) { ++m; });
    g.offsets[i + 1] = m;
  });
  for (std::size_t i = 0; i < n; ++i) g.offsets[i + 1] += g.offsets[i];
  g.nbr.resize(g.offsets[n]);
  g.w.resize(g.offsets[n]);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    std::size_t e = g.offsets[i];
    merge_row(i, [&](Index j, float w) {
      g.nbr[e] = j;
      g.w[e++] = w;
    });
  });
  g.loop.assign(n, 0.0);
  return g;
}

// ---------------------------------------------------------------- Louvain
// One level of local moves; returns the community of every node (renumbered 0..c-1 in order of
// first node) and whether any node moved.
bool local_moves(const Graph& g, double resolution, std::mt19937_64& rng, std::vector<Index>& comm) {
  const std::size_t n = g.size();
  std::vector<double> k(n, 0.0);
  double m2 = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t e = g.offsets[i]; e < g.offsets[i + 1]; ++e) k[i] += g.w[e];
    k[i] += g.loop[i];
    m2 += k[i];
  }
  comm.resize(n);
  std::iota(comm.begin(), comm.end(), Index{0});
  if (m2 <= 0) return false;
  std::vector<double> tot(k);
  std::vector<Index> order(n);
  std::iota(order.begin(), order.end(), Index{0});
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<double> link(n, -1.0);
  std::vector<Index> seen;
  // Queue of nodes to visit (Traag et al.'s fast local moves, as in Leiden): all nodes once in
  // the seeded order, then only the neighbours of a node that moved which are not in its new
  // community; a ring buffer, each node in it at most once.
  std::vector<Index> queue(order);
  std::vector<char> queued(n, 1);
  std::size_t head = 0, pending = n;
  bool moved_any = false;
  std::size_t visits = 0;
  while (pending > 0 && visits < 64 * n) {
    const Index i = queue[head];
    head = head + 1 == n ? 0 : head + 1;
    --pending;
    queued[i] = 0;
    ++visits;
    Index own = comm[i];
    seen.clear();
    link[own] = 0.0;
    seen.push_back(own);
    for (std::size_t e = g.offsets[i]; e < g.offsets[i + 1]; ++e) {
      Index c = comm[g.nbr[e]];
      if (link[c] < 0) {
        link[c] = 0.0;
        seen.push_back(c);
      }
      link[c] += g.w[e];
    }
    tot[own] -= k[i];
    double scale = resolution * k[i] / m2;
    Index best = own;
    double best_gain = link[own] - scale * tot[own];
    for (Index c : seen) {
      double gain = link[c] - scale * tot[c];
      if (gain > best_gain + 1e-12 || (std::abs(gain - best_gain) <= 1e-12 && c < best && best != own)) {
        best = c;
        best_gain = gain;
      }
    }
    for (Index c : seen) link[c] = -1.0;
    tot[best] += k[i];
    if (best != own) {
      comm[i] = best;
      moved_any = true;
      for (std::size_t e = g.offsets[i]; e < g.offsets[i + 1]; ++e) {
        Index j = g.nbr[e];
        if (!queued[j] && comm[j] != best) {
          queued[j] = 1;
          std::size_t tail = head + pending;
          queue[tail >= n ? tail - n : tail] = j;
          ++pending;
        }
      }
    }
  }
  // Renumber in order of first node.
  std::vector<Index> renum(n, std::numeric_limits<Index>::max());
  Index next = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (renum[comm[i]] == std::numeric_limits<Index>::max()) renum[comm[i]] = next++;
    comm[i] = renum[comm[i]];
  }
  return moved_any;
}

Graph aggregate_graph(const Graph& g, const std::vector<Index>& comm, std::size_t c) {
  // The edges between communities, grouped by source community in the order met (one flat
  // array, placed by counting), then each row sorted by target and equal targets summed.
  Graph out;
  out.loop.assign(c, 0.0);
  std::vector<std::size_t> start(c + 1, 0);
  for (std::size_t i = 0; i < g.size(); ++i)
    for (std::size_t e = g.offsets[i]; e < g.offsets[i + 1]; ++e)
      if (comm[i] != comm[g.nbr[e]]) ++start[comm[i] + 1];
  for (std::size_t a = 0; a < c; ++a) start[a + 1] += start[a];
  std::vector<std::pair<Index, double>> edges(start[c]);
  {
    std::vector<std::size_t> pos(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < g.size(); ++i) {
      out.loop[comm[i]] += g.loop[i];
      for (std::size_t e = g.offsets[i]; e < g.offsets[i + 1]; ++e) {
        Index a = comm[i], b = comm[g.nbr[e]];
        if (a == b) {
          out.loop[a] += g.w[e];
        } else {
          edges[pos[a]++] = {b, g.w[e]};
        }
      }
    }
  }
  out.offsets.assign(c + 1, 0);
  out.nbr.reserve(edges.size());
  out.w.reserve(edges.size());
  for (std::size_t a = 0; a < c; ++a) {
    auto first = edges.begin() + static_cast<std::ptrdiff_t>(start[a]);
    auto last = edges.begin() + static_cast<std::ptrdiff_t>(start[a + 1]);
    std::sort(first, last, [](auto& x, auto& y) { return x.first < y.first; });
    std::size_t row = out.nbr.size();
    for (auto it = first; it != last; ++it) {
      if (out.nbr.size() > row && out.nbr.back() == it->first) {
        out.w.back() += it->second;
      } else {
        out.nbr.push_back(it->first);
        out.w.push_back(it->second);
      }
    }
    out.offsets[a + 1] = out.nbr.size();
  }
  return out;
}

// Multi-level Louvain: the community of every node of `g`.
std::vector<Index> louvain(const Graph& g, double resolution, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::vector<Index> membership(g.size());
  std::iota(membership.begin(), membership.end(), Index{0});
  Graph cur = g;
  for (int level = 0; level < 32; ++level) {
    std::vector<Index> comm;
    bool moved = local_moves(cur, resolution, rng, comm);
    if (!moved) break;
    std::size_t c = comm.empty() ? 0 : *std::max_element(comm.begin(), comm.end()) + 1;
    for (auto& m : membership) m = comm[m];
    if (c == cur.size()) break;
    cur = aggregate_graph(cur, comm, c);
  }
  return membership;
}

// ---------------------------------------------------------------- groups
// Exactly K themes: Louvain's resolution is raised until there are at least kOversegment · K
// communities, groups under kSmallShare of the mean theme size are merged first, then average
// linkage merges down to K. The same constants for every data set.
constexpr std::size_t kOversegment = 3;
constexpr double kSmallShare = 0.2;

struct Groups {
  std::vector<std::vector<Index>> members;  // entries of each group, ascending
};

// The centroid of every group, truncated to its `truncate` largest weights (ties by term id) and
// scaled to unit length.
std::vector<SparseVec> unit_centroids(const Rows& x, std::size_t dims, const Groups& gs, std::size_t truncate) {
  const std::size_t G = gs.members.size();
  std::vector<SparseVec> cents(G);
  tbb::parallel_for(std::size_t{0}, G, [&](std::size_t c) {
    SparseVec v = centroid(x, gs.members[c], dims);
    if (v.size() > truncate) {
      std::vector<Entry> sorted = v;
      std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(truncate), sorted.end(),
                       [](const Entry& a, const Entry& b) {
                         return std::abs(a.w) > std::abs(b.w) || (std::abs(a.w) == std::abs(b.w) && a.id < b.id);
                       });
      sorted.resize(truncate);
      std::sort(sorted.begin(), sorted.end(), [](const Entry& a, const Entry& b) { return a.id < b.id; });
      v = std::move(sorted);
    }
    double nv = norm(v);
    if (nv > 0)
      for (auto& e : v) e.w = static_cast<float>(e.w / nv);
    cents[c] = std::move(v);
  });
  return cents;
}

// acc[c] += w · row[c]: the same double operations on every target (no fused multiply-add);
// GCC also builds an AVX2 copy chosen at load time where the processor has it.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("avx2", "default")))
#endif
void add_scaled(double* acc, const float* row, double w, std::size_t G) {
  for (std::size_t c = 0; c < G; ++c) acc[c] += w * static_cast<double>(row[c]);
}

// Assigns each usable entry to the group whose (unit, truncated) centroid is most similar.
// Returns the new membership (-1 kept for entries with no positive similarity when
// `positive_only`); entries of no group keep their current group.
std::vector<int> reassign(const Rows& x, std::size_t dims, const Groups& gs, const std::vector<int>& current,
                          const std::vector<bool>& usable, bool positive_only, std::size_t truncate) {
  const std::size_t G = gs.members.size();
  const std::vector<SparseVec> cents = unit_centroids(x, dims, gs, truncate);
  std::vector<int> out(current);
  // Terms of any centroid as dense rows of G weights (when that fits in 128 MB): an entry's
  // similarity to every group is then a sum of contiguous rows, in the same order and with the
  // same double products as the sparse index below (a missing term adds 0), so the same result.
  std::vector<std::uint32_t> row_of(dims, std::numeric_limits<std::uint32_t>::max());
  std::uint32_t rows = 0;
  for (const auto& c : cents)
    for (auto e : c)
      if (row_of[e.id] == std::numeric_limits<std::uint32_t>::max()) row_of[e.id] = rows++;
  if (positive_only && static_cast<std::size_t>(rows) * G <= (std::size_t{1} << 24)) {
    std::vector<float> m(static_cast<std::size_t>(rows) * G, 0.0f);
    for (Index c = 0; c < G; ++c)
      for (auto e : cents[c]) m[static_cast<std::size_t>(row_of[e.id]) * G + c] = e.w;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, x.size(), 1024), [&](const tbb::blocked_range<std::size_t>& r) {
      std::vector<double> acc(G);
      for (std::size_t i = r.begin(); i != r.end(); ++i) {
        if (!usable[i]) continue;
        std::fill(acc.begin(), acc.end(), 0.0);
        bool any = false;
        for (auto e : x.row(i)) {
          const std::uint32_t q = row_of[e.id];
          if (q == std::numeric_limits<std::uint32_t>::max()) continue;
          any = true;
          add_scaled(acc.data(), m.data() + static_cast<std::size_t>(q) * G, e.w, G);
        }
        if (!any) continue;
        int best = -1;
        double best_s = 0.0;
        for (std::size_t c = 0; c < G; ++c)
          if (acc[c] > best_s + 1e-12) {
            best = static_cast<int>(c);
            best_s = acc[c];
          }
        if (best >= 0) out[i] = best;
      }
    });
    return out;
  }
  std::vector<std::vector<Entry>> index(dims);
  for (Index c = 0; c < G; ++c)
    for (auto e : cents[c]) index[e.id].push_back({c, e.w});
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, x.size(), 1024), [&](const tbb::blocked_range<std::size_t>& r) {
    std::vector<double> acc(G, 0.0);
    std::vector<char> hit(G, 0);
    std::vector<Index> touched;
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      if (!usable[i]) continue;
      for (auto e : x.row(i))
        for (auto ce : index[e.id]) {
          if (!hit[ce.id]) {
            hit[ce.id] = 1;
            touched.push_back(ce.id);
          }
          acc[ce.id] += static_cast<double>(e.w) * ce.w;
        }
      int best = -1;
      double best_s = positive_only ? 0.0 : -std::numeric_limits<double>::infinity();
      // Groups in ascending order: a scan of the flags when cheaper than sorting the touched.
      if (touched.size() * 8 < G) std::sort(touched.begin(), touched.end());
      auto consider = [&](Index c) {
        if (acc[c] > best_s + 1e-12) {
          best = static_cast<int>(c);
          best_s = acc[c];
        }
        acc[c] = 0.0;
        hit[c] = 0;
      };
      if (touched.size() * 8 < G) {
        for (Index c : touched) consider(c);
      } else {
        for (Index c = 0; c < G; ++c)
          if (hit[c]) consider(c);
      }
      touched.clear();
      if (best >= 0) out[i] = best;
    }
  });
  return out;
}

// Like reassign, but each entry only considers its own group and the groups of its graph
// neighbours: O(n · k · terms · log 256), for the number of themes found from the data, where
// the groups can be many.
std::vector<int> reassign_local(const Rows& x, std::size_t dims, const Groups& gs, const std::vector<int>& current,
                                const Graph& g, std::size_t truncate) {
  const std::vector<SparseVec> cents = unit_centroids(x, dims, gs, truncate);
  auto score = [&](std::size_t i, std::size_t c) {
    const SparseVec& v = cents[c];
    double s = 0;
    for (auto e : x.row(i)) {
      auto it = std::lower_bound(v.begin(), v.end(), e.id, [](const Entry& a, Index id) { return a.id < id; });
      if (it != v.end() && it->id == e.id) s += static_cast<double>(e.w) * it->w;
    }
    return s;
  };
  std::vector<int> out(current);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, x.size(), 1024), [&](const tbb::blocked_range<std::size_t>& r) {
    std::vector<int> cands;
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      if (current[i] < 0) continue;
      cands.clear();
      cands.push_back(current[i]);
      for (std::size_t e = g.offsets[i]; e < g.offsets[i + 1]; ++e)
        if (current[g.nbr[e]] >= 0) cands.push_back(current[g.nbr[e]]);
      std::sort(cands.begin(), cands.end());
      cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
      int best = current[i];
      double best_s = score(i, static_cast<std::size_t>(best));
      for (int c : cands) {
        double s = score(i, static_cast<std::size_t>(c));
        if (s > best_s + 1e-12) {
          best = c;
          best_s = s;
        }
      }
      out[i] = best;
    }
  });
  return out;
}

Groups groups_of(const std::vector<int>& assignment, std::size_t G) {
  Groups gs;
  gs.members.resize(G);
  for (std::size_t i = 0; i < assignment.size(); ++i)
    if (assignment[i] >= 0) gs.members[static_cast<std::size_t>(assignment[i])].push_back(static_cast<Index>(i));
  std::erase_if(gs.members, [](const auto& m) { return m.empty(); });
  std::sort(gs.members.begin(), gs.members.end(), [](const auto& a, const auto& b) { return a.front() < b.front(); });
  return gs;
}

std::vector<int> assignment_of(const Groups& gs, std::size_t n) {
  std::vector<int> a(n, -1);
  for (std::size_t c = 0; c < gs.members.size(); ++c)
    for (Index i : gs.members[c]) a[i] = static_cast<int>(c);
  return a;
}

// Merges the smallest group into its most similar group (centroid cosine among the groups it
// has graph edges to; all groups if none) until `k` remain.
void merge_to(Groups& gs, std::size_t k, const Rows& x, std::size_t dims, const Graph& g,
              std::size_t below = std::numeric_limits<std::size_t>::max()) {
  std::size_t G = gs.members.size();
  if (G <= k) return;
  std::vector<SparseVec> cents(G);
  tbb::parallel_for(std::size_t{0}, G, [&](std::size_t c) { cents[c] = centroid(x, gs.members[c], dims); });
  std::vector<double> norms(G);
  for (std::size_t c = 0; c < G; ++c) norms[c] = norm(cents[c]);
  std::vector<int> of = assignment_of(gs, x.size());
  std::vector<std::vector<Index>> adj(G);
  for (std::size_t i = 0; i < g.size(); ++i) {
    if (of[i] < 0) continue;
    for (std::size_t e = g.offsets[i]; e < g.offsets[i + 1]; ++e) {
      int b = of[g.nbr[e]];
      if (b >= 0 && b != of[i]) adj[static_cast<std::size_t>(of[i])].push_back(static_cast<Index>(b));
    }
  }
  for (auto& a : adj) {
    std::sort(a.begin(), a.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
  }
  std::vector<Index> parent(G);
  std::iota(parent.begin(), parent.end(), Index{0});
  auto find = [&](Index a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
  };
  std::vector<bool> alive(G, true);
  std::vector<char> unsorted(G, 0);
  std::vector<std::size_t> size(G);
  for (std::size_t c = 0; c < G; ++c) size[c] = gs.members[c].size();
  // Ordered set of (size, id) for the smallest alive group.
  std::vector<std::pair<std::size_t, Index>> heap;
  for (Index c = 0; c < G; ++c) heap.push_back({size[c], c});
  auto cmp = [](const auto& a, const auto& b) { return a > b; };
  std::make_heap(heap.begin(), heap.end(), cmp);
  std::size_t alive_count = G;
  std::vector<double> dense(dims, 0.0), scores;
  while (alive_count > k && !heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), cmp);
    // Plain variables, not a structured binding: the lambda below captures `a` (clang 14 cannot).
    const std::size_t sz = heap.back().first;
    const Index a = heap.back().second;
    heap.pop_back();
    if (!alive[a] || size[a] != sz) continue;
    if (sz >= below) break;
    std::vector<Index> cands;
    for (Index b : adj[a]) {
      Index rb = find(b);
      if (rb != a && alive[rb]) cands.push_back(rb);
    }
    std::sort(cands.begin(), cands.end());
    cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
    // a's centroid spread over a dense array: its dot product with a candidate is one pass over
    // the candidate's terms, the same products in the same order as dot() (a missing term adds
    // +0); candidates are scored in parallel, the best picked in order.
    for (auto e : cents[a]) dense[e.id] = e.w;
    auto best_of = [&](const std::vector<Index>& cs) {
      scores.resize(cs.size());
      auto score = [&](std::size_t q) {
        const Index b = cs[q];
        double s = 0;
        for (auto e : cents[b]) s += dense[e.id] * e.w;
        scores[q] = norms[a] > 0 && norms[b] > 0 ? s / (norms[a] * norms[b]) : 0.0;
      };
      if (cs.size() >= 32) {
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, cs.size(), 16), [&](const tbb::blocked_range<std::size_t>& r) {
          for (std::size_t q = r.begin(); q != r.end(); ++q) score(q);
        });
      } else {
        for (std::size_t q = 0; q < cs.size(); ++q) score(q);
      }
      Index best = a;
      double best_s = -1;
      for (std::size_t q = 0; q < cs.size(); ++q) {
        const Index b = cs[q];
        const double d = scores[q];
        if (d > best_s + 1e-12) {
          best_s = d;
          best = b;
        }
      }
      return best;
    };
    Index best = best_of(cands);
    if (best == a) {
      std::vector<Index> all;
      for (Index b = 0; b < G; ++b)
        if (alive[b] && b != a) all.push_back(b);
      best = best_of(all);
    }
    for (auto e : cents[a]) dense[e.id] = 0.0;
    if (best == a) break;
    // Merge a into best.
    alive[a] = false;
    parent[a] = best;
    --alive_count;
    add_into(cents[best], cents[a]);
    norms[best] = norm(cents[best]);
    cents[a] = {};
    size[best] += size[a];
    adj[best].insert(adj[best].end(), adj[a].begin(), adj[a].end());
    adj[a] = {};
    // Members are appended here and sorted once at the end (a big group absorbs many).
    auto& mb = gs.members[best];
    auto& ma = gs.members[a];
    mb.insert(mb.end(), ma.begin(), ma.end());
    ma = {};
    unsorted[best] = 1;
    heap.push_back({size[best], best});
    std::push_heap(heap.begin(), heap.end(), cmp);
  }
  tbb::parallel_for(std::size_t{0}, G, [&](std::size_t c) {
    if (unsorted[c]) std::sort(gs.members[c].begin(), gs.members[c].end());
  });
  std::erase_if(gs.members, [](const auto& m) { return m.empty(); });
  std::sort(gs.members.begin(), gs.members.end(), [](const auto& a, const auto& b) { return a.front() < b.front(); });
}

// Average-linkage merging of groups down to `k`: the average cosine similarity of the entries of
// groups a and b is S_a·S_b / (|a|·|b|), S the sum of their unit rows, so the dot products of
// merged groups are sums (D(a∪b, c) = D(a, c) + D(b, c)) and need no recomputation. The pair with
// the largest average similarity merges first (ties: lowest ids); each group caches its best
// partner. O(G² · (terms of a centroid)) to start, then O(G) per merge in the common case.
void merge_average(Groups& gs, std::size_t k, const Rows& x, std::size_t dims) {
  const std::size_t G = gs.members.size();
  if (G <= k) return;
  std::vector<SparseVec> cents(G);
  tbb::parallel_for(std::size_t{0}, G, [&](std::size_t c) { cents[c] = centroid(x, gs.members[c], dims); });
  std::vector<double> D(G * G, 0.0);
  // D[a][b] = S_a·S_b through the groups of each term: for a fixed pair the products of their
  // common terms are summed in ascending term order, O(Σ_t groups(t)²) instead of O(G · nonzeros).
  std::vector<std::size_t> toff(dims + 1, 0);
  for (const auto& c : cents)
    for (auto e : c) ++toff[e.id + 1];
  for (std::size_t t = 0; t < dims; ++t) toff[t + 1] += toff[t];
  std::vector<Entry> by_term(toff[dims]);
  {
    std::vector<std::size_t> pos(toff.begin(), toff.end() - 1);
    for (Index c = 0; c < G; ++c)
      for (auto e : cents[c]) by_term[pos[e.id]++] = {c, e.w};
  }
  tbb::parallel_for(std::size_t{0}, G, [&](std::size_t a) {
    double* row = D.data() + a * G;
    for (auto e : cents[a]) {
      const double wa = e.w;
      for (std::size_t q = toff[e.id]; q < toff[e.id + 1]; ++q) row[by_term[q].id] += wa * static_cast<double>(by_term[q].w);
    }
    row[a] = 0.0;
  });
  // Symmetric up to rounding: use the value computed from the lower id's side.
  for (std::size_t a = 0; a < G; ++a)
    for (std::size_t b = a + 1; b < G; ++b) D[b * G + a] = D[a * G + b];
  std::vector<double> size(G);
  for (std::size_t c = 0; c < G; ++c) size[c] = static_cast<double>(gs.members[c].size());
  std::vector<char> alive(G, 1);
  std::vector<std::size_t> best(G, G);
  std::vector<double> best_s(G, -std::numeric_limits<double>::infinity());
  auto avg = [&](std::size_t a, std::size_t b) { return D[a * G + b] / (size[a] * size[b]); };
  auto refresh = [&](std::size_t a) {
    best[a] = G;
    best_s[a] = -std::numeric_limits<double>::infinity();
    for (std::size_t b = 0; b < G; ++b)
      if (b != a && alive[b]) {
        double s = avg(a, b);
        if (s > best_s[a]) best_s[a] = s, best[a] = b;
      }
  };
  for (std::size_t a = 0; a < G; ++a) refresh(a);
  std::size_t alive_count = G;
  while (alive_count > k) {
    std::size_t a = G;
    for (std::size_t c = 0; c < G; ++c)
      if (alive[c] && best[c] < G && (a == G || best_s[c] > best_s[a])) a = c;
    if (a == G) break;
    std::size_t b = best[a];
    if (b < a) std::swap(a, b);  // keep the lower id
    alive[b] = 0;
    --alive_count;
    for (std::size_t c = 0; c < G; ++c) {
      D[a * G + c] += D[b * G + c];
      D[c * G + a] = D[a * G + c];
    }
    size[a] += size[b];
    auto& ma = gs.members[a];
    auto& mb = gs.members[b];
    std::vector<Index> merged;
    merged.reserve(ma.size() + mb.size());
    std::merge(ma.begin(), ma.end(), mb.begin(), mb.end(), std::back_inserter(merged));
    ma = std::move(merged);
    mb = {};
    refresh(a);
    for (std::size_t c = 0; c < G; ++c) {
      if (!alive[c] || c == a) continue;
      if (best[c] == a || best[c] == b) {
        refresh(c);
      } else {
        double s = avg(c, a);
        if (s > best_s[c] || (s == best_s[c] && a < best[c])) best_s[c] = s, best[c] = a;
      }
    }
  }
  std::erase_if(gs.members, [](const auto& m) { return m.empty(); });
  std::sort(gs.members.begin(), gs.members.end(), [](const auto& p, const auto& q) { return p.front() < q.front(); });
}

// Splits the group with the largest size × (1 − cohesion) in two (spherical 2-means seeded with
// the member least similar to the centroid and the member least similar to that one) until
// there are `k` groups or no group can be split.
void split_to(Groups& gs, std::size_t k, const Rows& x, std::size_t dims) {
  while (gs.members.size() < k) {
    std::size_t pick = gs.members.size();
    double pick_score = -1;
    for (std::size_t c = 0; c < gs.members.size(); ++c) {
      const auto& m = gs.members[c];
      if (m.size() < 2) continue;
      double coh = norm(centroid(x, m, dims)) / static_cast<double>(m.size());
      double score = static_cast<double>(m.size()) * (1.0 - coh);
      if (score > pick_score + 1e-12) {
        pick_score = score;
        pick = c;
      }
    }
    if (pick == gs.members.size()) return;
    const auto m = gs.members[pick];
    SparseVec cen = centroid(x, m, dims);
    auto row_vec = [&](Index i) {
      auto r = x.row(i);
      return SparseVec(r.begin(), r.end());
    };
    auto least_similar = [&](const SparseVec& to) {
      Index best = m.front();
      double best_s = std::numeric_limits<double>::infinity();
      for (Index i : m) {
        double s = dot(row_vec(i), to);
        if (s < best_s - 1e-12) {
          best_s = s;
          best = i;
        }
      }
      return best;
    };
    Index a = least_similar(cen);
    Index b = least_similar(row_vec(a));
    if (a == b) b = m.front() == a ? m[1] : m.front();
    SparseVec ca = row_vec(a), cb = row_vec(b);
    std::vector<char> side(m.size(), 0);
    for (int it = 0; it < 10; ++it) {
      double na = norm(ca), nb = norm(cb);
      bool changed = false;
      for (std::size_t q = 0; q < m.size(); ++q) {
        SparseVec r = row_vec(m[q]);
        double sa = na > 0 ? dot(r, ca) / na : 0, sb = nb > 0 ? dot(r, cb) / nb : 0;
        char s = sb > sa + 1e-12 ? 1 : 0;
        if (m[q] == a) s = 0;
        if (m[q] == b) s = 1;
        changed |= s != side[q];
        side[q] = s;
      }
      std::vector<Index> A, B;
      for (std::size_t q = 0; q < m.size(); ++q) (side[q] ? B : A).push_back(m[q]);
      ca = centroid(x, A, dims);
      cb = centroid(x, B, dims);
      if (!changed && it > 0) break;
    }
    std::vector<Index> A, B;
    for (std::size_t q = 0; q < m.size(); ++q) (side[q] ? B : A).push_back(m[q]);
    if (A.empty() || B.empty()) return;
    gs.members[pick] = std::move(A);
    gs.members.push_back(std::move(B));
    std::sort(gs.members.begin(), gs.members.end(), [](const auto& p, const auto& q) { return p.front() < q.front(); });
  }
}

}  // namespace

Themes group(const Rows& x, std::size_t dims, const Dense* dense, const LabelSource& labels,
             const ThemeOptions& options) {
  if (options.themes && *options.themes < 1)
    throw Error("themes must be at least 1, got " + std::to_string(*options.themes));
  if (options.neighbors < 0) throw Error("neighbors must be 0 or more, got " + std::to_string(options.neighbors));
  if (!(options.resolution > 0) || !std::isfinite(options.resolution))
    throw Error("resolution must be a positive number, got " + std::to_string(options.resolution));
  if (options.label_words < 1) throw Error("label_words must be at least 1, got " + std::to_string(options.label_words));
  if (options.threads < 0) throw Error("threads must be 0 or more, got " + std::to_string(options.threads));

  const std::size_t n = x.size();
  Themes result;
  result.assignments.assign(n, -1);
  tbb::task_arena arena(options.threads > 0 ? options.threads : tbb::task_arena::automatic);
  arena.execute([&] {
    std::vector<bool> usable(n);
    std::size_t n_usable = 0;
    for (std::size_t i = 0; i < n; ++i) {
      usable[i] = dense ? dense->usable[i] : !x.row(i).empty();
      n_usable += usable[i];
    }
    if (n_usable == 0) return;
    const std::size_t k = std::min<std::size_t>(options.neighbors > 0 ? static_cast<std::size_t>(options.neighbors) : 10,
                                                n_usable - 1);
    auto knn = k == 0 ? std::vector<std::vector<Neighbor>>(n)
               : dense ? knn_dense(dense->values, n, dense->dimension, usable, k)
                       : knn_sparse(x, dims, k);
    Graph g = symmetrize(knn);
    knn = {};
    std::vector<Index> comm, comm8;
    // With K, the run at 8 γ is often needed (below): with a second thread it runs alongside
    // the first (Louvain is sequential); the result is the same.
    if (options.themes && tbb::this_task_arena::max_concurrency() > 1) {
      tbb::parallel_invoke([&] { comm = louvain(g, options.resolution, options.seed); },
                           [&] { comm8 = louvain(g, options.resolution * 8, options.seed); });
    } else {
      comm = louvain(g, options.resolution, options.seed);
    }
    if (options.themes) {
      // Too few communities for K: raise the resolution (×8, at most twice) so that the
      // groups are then merged down to K rather than split.
      auto count = [&](const std::vector<Index>& c) {
        std::vector<char> seen(n, 0);
        std::size_t m = 0;
        for (std::size_t i = 0; i < n; ++i)
          if (usable[i] && g.offsets[i + 1] > g.offsets[i] && !seen[c[i]]) seen[c[i]] = 1, ++m;
        return m;
      };
      double res = options.resolution;
      for (int step = 0; step < 2 && count(comm) < kOversegment * static_cast<std::size_t>(*options.themes); ++step) {
        res *= 8;
        comm = step == 0 && !comm8.empty() ? std::move(comm8) : louvain(g, res, options.seed);
      }
    }
    std::vector<int> a(n, -1);
    std::vector<std::size_t> csize(n, 0);
    for (std::size_t i = 0; i < n; ++i)
      if (usable[i] && g.offsets[i + 1] > g.offsets[i]) ++csize[comm[i]];
    const bool exact = options.themes.has_value();
    const std::size_t min_size = exact ? 1 : std::max<std::size_t>(options.min_size, 1);
    for (std::size_t i = 0; i < n; ++i)
      if (usable[i] && g.offsets[i + 1] > g.offsets[i] && csize[comm[i]] >= min_size) a[i] = static_cast<int>(comm[i]);
    Groups gs = groups_of(a, n);
    const std::size_t truncate = dense ? std::numeric_limits<std::size_t>::max() : 256;
    if (exact) {
      std::size_t K = std::min<std::size_t>(static_cast<std::size_t>(*options.themes), n_usable);
      // Groups smaller than a fifth of the mean theme size first join their most similar
      // neighbouring group (smallest first), then average linkage merges down to K.
      merge_to(gs, K, x, dims, g, static_cast<std::size_t>(kSmallShare * static_cast<double>(n_usable) / static_cast<double>(K)));
      // Average linkage keeps a G × G matrix: at most 4096 groups (or K) enter it.
      merge_to(gs, std::max<std::size_t>(K, 4096), x, dims, g);
      merge_average(gs, K, x, dims);
      split_to(gs, K, x, dims);
      for (int it = 0; it < 3; ++it) {
        std::vector<int> next = reassign(x, dims, gs, assignment_of(gs, n), usable, !dense, truncate);
        Groups ng = groups_of(next, n);
        split_to(ng, K, x, dims);
        bool same = ng.members == gs.members;
        gs = std::move(ng);
        if (same) break;
      }
    } else {
      for (int it = 0; it < 3 && !gs.members.empty(); ++it) {
        std::vector<int> next = reassign_local(x, dims, gs, assignment_of(gs, n), g, truncate);
        Groups ng = groups_of(next, n);
        bool same = ng.members == gs.members;
        gs = std::move(ng);
        if (same) break;
      }
      // Refinement can shrink a group below min_size: leave those entries unassigned.
      std::erase_if(gs.members, [&](const auto& m) { return m.size() < min_size; });
    }
    // Largest first, ties by first entry.
    std::stable_sort(gs.members.begin(), gs.members.end(), [](const auto& p, const auto& q) { return p.size() > q.size(); });
    result.assignments = assignment_of(gs, n);
    result.themes.resize(gs.members.size());
    // Cosine of each member to its theme's centroid, through a dense per-thread copy of the
    // centroid (O(terms of the members) per theme).
    tbb::enumerable_thread_specific<std::vector<double>> dense_cen;
    tbb::parallel_for(std::size_t{0}, gs.members.size(), [&](std::size_t c) {
      Theme& t = result.themes[c];
      const auto& m = gs.members[c];
      t.entries.assign(m.begin(), m.end());
      SparseVec cen = centroid(x, m, dims);
      double nc = norm(cen);
      auto& dc = dense_cen.local();
      if (dc.size() != dims) dc.assign(dims, 0.0);
      for (auto e : cen) dc[e.id] = e.w;
      double best = -std::numeric_limits<double>::infinity(), total = 0;
      for (Index i : m) {
        double d = 0;
        for (auto e : x.row(i)) d += static_cast<double>(e.w) * dc[e.id];
        double s = nc > 0 ? d / nc : 0;
        total += s;
        if (s > best + 1e-12) {
          best = s;
          t.representative = i;
        }
      }
      t.cohesion = m.empty() ? 0 : total / static_cast<double>(m.size());
      for (auto e : cen) dc[e.id] = 0.0;
    });
    label_themes(result, labels, options.label_words);
  });
  for (std::size_t i = 0; i < n; ++i)
    if (result.assignments[i] < 0) result.unassigned.push_back(i);
  return result;
}

void label_themes(Themes& result, const LabelSource& src, int label_words) {
  const std::size_t G = result.themes.size();
  if (G == 0 || src.rows == nullptr) return;
  const Rows& x = *src.rows;
  std::vector<SparseVec> cents(G);
  tbb::parallel_for(std::size_t{0}, G, [&](std::size_t c) {
    std::vector<Index> m(result.themes[c].entries.begin(), result.themes[c].entries.end());
    cents[c] = centroid(x, m, src.terms->size());
  });
  std::vector<std::uint32_t> spread(src.terms->size(), 0);
  for (const auto& c : cents)
    for (auto e : c) ++spread[e.id];
  tbb::parallel_for(std::size_t{0}, G, [&](std::size_t c) {
    Theme& t = result.themes[c];
    std::vector<std::pair<double, Index>> scored;
    double size = static_cast<double>(t.entries.size());
    for (auto e : cents[c]) {
      double idf = std::log(1.0 + static_cast<double>(G) / spread[e.id]);
      scored.push_back({e.w / size * idf, e.id});
    }
    std::sort(scored.begin(), scored.end(), [&](const auto& p, const auto& q) {
      return p.first > q.first || (p.first == q.first && (*src.terms)[p.second] < (*src.terms)[q.second]);
    });
    for (std::size_t q = 0; q < scored.size() && q < 10; ++q) {
      Index id = scored[q].second;
      t.terms.push_back((*src.terms)[id]);
      t.keywords.push_back((*src.surfaces)[id]);
    }
    for (std::size_t q = 0; q < t.keywords.size() && q < static_cast<std::size_t>(label_words); ++q) {
      if (!t.label.empty()) t.label += ", ";
      t.label += t.keywords[q];
    }
  });
}

}  // namespace partnerkit::themes::detail
