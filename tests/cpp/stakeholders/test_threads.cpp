// The parallel measures give bit-identical results on one thread and on all of them
// (docs/scale.md): oneTBB's global_control limits the threads for the scope of one run.
#include <catch2/catch.hpp>

#include <tbb/global_control.h>

#include "stakeholders/reference.hpp"

using namespace partnerkit::stakeholders;
namespace ref = partnerkit::test::graphs;

namespace {

struct Results {
  std::vector<double> betweenness, closeness, harmonic, pagerank;
  bool operator==(const Results&) const = default;
};

Results run(const Graph& g, std::size_t threads) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  return {betweenness(g, Weighting::distance), closeness(g, Weighting::distance), harmonic(g), pagerank(g)};
}

}  // namespace

TEST_CASE("parallel measures are the same on 1, 2 and 4 threads", "[stakeholders][measures][threads]") {
  for (bool directed : {false, true}) {
    // Rebuilt for every run: the graph's cached compact form must not carry results across.
    const auto fresh = [&] { return ref::random_graph(400, 0.015, 23, directed, true); };
    const Results one = run(fresh(), 1);
    CHECK(run(fresh(), 2) == one);
    CHECK(run(fresh(), 4) == one);
  }
}
