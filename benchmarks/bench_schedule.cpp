// Scheduling a 5-hour meeting of 300 people over 6 months, each with a calendar export holding a
// year of weekly recurring busy blocks and 200 one-off events (generated .ics files, fixed seed).
// Reported, never asserted ("Time" is wall clock; "CPU" is every thread's CPU time for the two
// parallel benchmarks, the main thread's for BM_FindSlots):
//   BM_ScheduleWithCalendars  the whole call: read and expand the 300 .ics files, working hours,
//                             sweep, top 10 (what a user waits for)
//   BM_ReadCalendars          only reading the 300 calendars (libical parse + expansion)
//   BM_FindSlots              only the sweep and ranking, busy times already in memory
//   build/release/benchmarks/bench_schedule [--benchmark_min_time=1]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <unistd.h>

#include "partnerkit/io/document.hpp"
#include "partnerkit/meetings/schedule.hpp"

namespace {

namespace fs = std::filesystem;
using namespace partnerkit;
using namespace partnerkit::meetings;

constexpr int people = 300;
const char* zones[] = {"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles"};

std::string stamp(int y, int mo, int d, int h, int mi) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d00", y, mo, d, h, mi);
  return buf;
}

// One person's calendar: 3 weekly blocks (COUNT=52, in their zone) and 200 one-off events in 2027.
std::string calendar(std::mt19937& rng, const std::string& zone) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//partnerkit bench//EN\r\n";
  int uid = 0;
  auto event = [&](const std::string& start, int minutes, const std::string& extra) {
    int h = minutes / 60, m = minutes % 60;
    out += "BEGIN:VEVENT\r\nUID:e" + std::to_string(uid++) + "@bench\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;TZID=" + zone +
           ":" + start + "\r\nDURATION:PT" + std::to_string(h) + "H" + std::to_string(m) + "M\r\n" + extra +
           "SUMMARY:busy\r\nEND:VEVENT\r\n";
  };
  for (int k = 0; k < 3; ++k)  // the first week of January 2027 starts on Monday the 4th
    event(stamp(2027, 1, 4 + pick(0, 4), pick(8, 16), pick(0, 3) * 15), pick(2, 6) * 15, "RRULE:FREQ=WEEKLY;COUNT=52\r\n");
  for (int k = 0; k < 200; ++k) event(stamp(2027, pick(1, 12), pick(1, 28), pick(7, 18), pick(0, 3) * 15), pick(2, 12) * 15, "");
  return out + "END:VCALENDAR\r\n";
}

struct Setup {
  fs::path dir;
  Partnership p;
  MeetingRequest request;
  ScheduleOptions options;

  Setup() {
    dir = fs::temp_directory_path() / ("partnerkit-bench-schedule-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::mt19937 rng(20270405);
    p.name = "Benchmark";
    p.timezone = "America/Denver";
    p.organizations.push_back({"o", "Org", std::nullopt, true, Json::object()});
    for (int i = 0; i < people; ++i) {
      std::string id = "p" + std::to_string(i), zone = zones[i % 5];
      Person person{id, "Person " + std::to_string(i), "o", std::nullopt, false, false, zone, std::nullopt,
                    Json::object(), WorkingHours{Minutes{8 * 60}, Minutes{18 * 60}, WorkingHours{}.days, Json::object()}};
      p.people.push_back(person);
      std::ofstream(dir / (id + ".ics"), std::ios::binary) << calendar(rng, zone);
      p.availability.push_back({id, {}, id + ".ics", Json::object()});
      (i < 2 ? request.required : request.optional).push_back(id);
    }
    options.base_dir = dir;
    request.query.duration = Minutes{5 * 60};
    request.query.window_start = utc_of(std::chrono::local_days{std::chrono::year{2027} / 3 / 1}, "America/Denver");
    request.query.window_end = utc_of(std::chrono::local_days{std::chrono::year{2027} / 9 / 1}, "America/Denver");
    request.query.top = 10;
  }
  ~Setup() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

Setup& setup() {
  static Setup s;
  return s;
}

void BM_ScheduleWithCalendars(benchmark::State& state) {
  auto& s = setup();
  for (auto _ : state) {
    Schedule result = schedule(s.p, s.request, s.options);
    benchmark::DoNotOptimize(result.slots.data());
    state.counters["slots"] = static_cast<double>(result.slots.size());
    state.counters["best_attending"] = result.slots.empty() ? 0.0 : static_cast<double>(result.slots[0].attending.size());
  }
}
BENCHMARK(BM_ScheduleWithCalendars)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

void BM_ReadCalendars(benchmark::State& state) {
  auto& s = setup();
  const auto& q = s.request.query;
  for (auto _ : state) {
    auto attendees = attendees_for(s.p, s.request, s.options, q.window_start, q.window_end);
    benchmark::DoNotOptimize(attendees.data());
  }
}
BENCHMARK(BM_ReadCalendars)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

void BM_FindSlots(benchmark::State& state) {
  auto& s = setup();
  const auto& q = s.request.query;
  auto attendees = attendees_for(s.p, s.request, s.options, q.window_start, q.window_end);
  std::size_t busy = 0;
  for (const auto& a : attendees) busy += a.busy.size();
  for (auto _ : state) {
    auto slots = find_slots(attendees, q);
    benchmark::DoNotOptimize(slots.data());
  }
  state.counters["busy_intervals"] = static_cast<double>(busy);
}
BENCHMARK(BM_FindSlots)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
