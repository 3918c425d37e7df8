// Loading a generated ~50 MB partnership document (parse, schema, semantic checks, model)
// against a bare nlohmann/json parse of the same bytes. Reported, never asserted.
//   build/release/benchmarks/bench_io [--benchmark_min_time=1]
#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "partnerkit/partnerkit.hpp"

namespace {

// A national-scale document of about `megabytes` MB; fixed seed.
std::string generate_document(std::size_t megabytes) {
  std::mt19937 rng(20270405);
  nlohmann::ordered_json doc{{"format", "partnerkit/1"},
                             {"name", "National CAC network"},
                             {"process", "building-partnership"},
                             {"start", "2027-04-05"},
                             {"timezone", "America/Denver"}};
  auto orgs = nlohmann::ordered_json::array(), people = orgs, ties = orgs, sheets = orgs;
  const char* categories[] = {"cac-chapter", "voca-administrator", "child-family-services", "regional-cac", "court"};
  const char* kinds[] = {"communication", "information-sharing", "joint-work", "funding", "referral"};
  const std::size_t target = megabytes * 1000 * 1000;
  std::size_t bytes = 0;
  for (std::size_t i = 0; bytes < target; ++i) {
    std::string id = "org-" + std::to_string(i);
    orgs.push_back({{"id", id}, {"name", "Organization number " + std::to_string(i)},
                    {"category", categories[i % 5]}, {"core", i % 50 == 0}});
    people.push_back({{"id", "person-" + std::to_string(i)}, {"name", "Person " + std::to_string(i)},
                      {"organization", id}, {"role", "Director"}, {"decision_maker", true},
                      {"timezone", "America/New_York"}, {"email", "p" + std::to_string(i) + "@example.org"}});
    for (int k = 0; k < 3 && i > 0; ++k) {
      std::uniform_int_distribution<std::size_t> pick(0, i - 1);
      std::uniform_int_distribution<int> score(1, 4);
      ties.push_back({{"source", id}, {"target", "org-" + std::to_string(pick(rng))}, {"kind", kinds[k]},
                      {"weight", 2}, {"level", score(rng)},
                      {"trust", {{"reliability", score(rng)}, {"mission", score(rng)}, {"openness", score(rng)}}},
                      {"value", {{"power", score(rng)}, {"resources", score(rng)}, {"involvement", score(rng)}}},
                      {"observed", "2027-03-01"}});
    }
    sheets.push_back({{"organization", id},
                      {"proud_of", {"Knowledge and skills", "Collaboration with partners"}},
                      {"help_with", {"Capacity - more staff"}},
                      {"frustrated_by", {"Limitations on funding"}},
                      {"love_to", {"Increase reach"}},
                      {"values", {"Child focused", "Compassion"}}});
    bytes += 1150;  // approximate size of one organization's records
  }
  doc["organizations"] = std::move(orgs);
  doc["people"] = std::move(people);
  doc["relationships"] = std::move(ties);
  doc["worksheets"] = std::move(sheets);
  return doc.dump();
}

const std::string& document() {
  static const std::string text = generate_document(50);
  return text;
}

void BM_BareParse(benchmark::State& state) {
  const auto& text = document();
  for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["MB"] = static_cast<double>(text.size()) / 1e6;
}
BENCHMARK(BM_BareParse)->Unit(benchmark::kMillisecond);

void BM_FullLoad(benchmark::State& state) {
  const auto& text = document();
  for (auto _ : state) benchmark::DoNotOptimize(partnerkit::loads(text, "generated.json"));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["MB"] = static_cast<double>(text.size()) / 1e6;
}
BENCHMARK(BM_FullLoad)->Unit(benchmark::kMillisecond)->UseRealTime();  // schema checks use both cores

void BM_Dumps(benchmark::State& state) {
  auto p = partnerkit::loads(document(), "generated.json");
  for (auto _ : state) benchmark::DoNotOptimize(partnerkit::dumps(p));
}
BENCHMARK(BM_Dumps)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
