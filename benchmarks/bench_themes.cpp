// Themes engine benchmarks on generated short texts (fixed seed): normalization, aggregate with
// the number of themes found from the data and with K, and partial aggregates. Reported, never
// asserted; benchmarks/themes_peers.py compares with scikit-learn on the labelled sets.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "partnerkit/themes.hpp"

namespace {

// Texts of 6-10 words drawn from 50 topics of 40 words each, plus common filler words.
std::vector<std::string> generate(std::size_t n, unsigned seed = 7) {
  std::mt19937 rng(seed);
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    int topic = static_cast<int>(rng() % 50);
    int words = 6 + static_cast<int>(rng() % 5);
    std::string t;
    for (int w = 0; w < words; ++w) {
      if (!t.empty()) t += ' ';
      if (rng() % 4 == 0) {
        t += "common" + std::to_string(rng() % 200);
      } else {
        t += "topic" + std::to_string(topic) + "word" + std::to_string(rng() % 40) + "ing";
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

void BM_Terms(benchmark::State& state) {
  auto texts = generate(1000);
  texts[0] = "Capacity – more resources/staff and Victims of Crime Act dollars";
  for (auto _ : state)
    for (const auto& t : texts) benchmark::DoNotOptimize(partnerkit::themes::terms(t));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(texts.size()));
}
BENCHMARK(BM_Terms);

void BM_Aggregate(benchmark::State& state) {
  auto texts = generate(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(partnerkit::themes::aggregate(texts));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Aggregate)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_AggregateK(benchmark::State& state) {
  auto texts = generate(static_cast<std::size_t>(state.range(0)));
  partnerkit::themes::ThemeOptions o;
  o.themes = 50;
  for (auto _ : state) benchmark::DoNotOptimize(partnerkit::themes::aggregate(texts, o));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AggregateK)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_PartialMerge(benchmark::State& state) {
  auto texts = generate(20000);
  for (auto _ : state) {
    partnerkit::themes::PartialAggregate a, b;
    a.add(std::span<const std::string>(texts).first(10000));
    b.add(std::span<const std::string>(texts).subspan(10000));
    auto bytes = b.to_binary();
    a.merge(partnerkit::themes::PartialAggregate::from_binary(bytes));
    benchmark::DoNotOptimize(a.size());
  }
}
BENCHMARK(BM_PartialMerge)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
