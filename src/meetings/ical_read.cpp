// Reading busy times from iCalendar text with libical: a bounded structural pre-scan that keeps
// line numbers, libical's parser on the unfolded text, recurrence expansion, time zones.
#include <date/tz.h>
#include <libical/ical.h>
#include <unicode/ucal.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <cwctype>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "core/zone.hpp"
#include "io/detail.hpp"
#include "meetings/zone_offsets.hpp"
#include "partnerkit/meetings/availability.hpp"

namespace partnerkit::meetings {

std::vector<BusyInterval> merge_intervals(std::vector<BusyInterval> v) {
  if (!std::is_sorted(v.begin(), v.end())) std::sort(v.begin(), v.end());
  std::size_t n = 0;  // merged in place: v[0, n) is the result so far, n <= i
  for (std::size_t i = 0; i < v.size(); ++i) {
    const BusyInterval b = v[i];
    if (b.end <= b.start) continue;
    if (n > 0 && b.start <= v[n - 1].end) v[n - 1].end = std::max(v[n - 1].end, b.end);
    else v[n++] = b;
  }
  v.resize(n);
  return v;
}

std::string iana_from_windows_zone(std::string_view name) {
  if (name.empty() || name.size() > 128) return {};
  std::u16string win;
  for (char c : name) {
    if (static_cast<unsigned char>(c) >= 0x80) return {};
    win.push_back(static_cast<char16_t>(c));
  }
  UChar out[128];
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = ucal_getTimeZoneIDForWindowsID(reinterpret_cast<const UChar*>(win.data()),
                                             static_cast<int32_t>(win.size()), nullptr, out, 128, &status);
  if (U_FAILURE(status) || n <= 0 || n >= 128) return {};
  std::string id;
  for (int32_t i = 0; i < n; ++i) id.push_back(static_cast<char>(out[i]));
  return id;
}

namespace {

using std::chrono::seconds;

// ---- pre-scan: logical lines, BEGIN/END structure, limits ----

struct Line {
  std::size_t number;      // physical line where the logical line starts (1-based)
  std::string_view text;   // unfolded, without line end: into the file, or into Reader::folded
};

// The property names the reader and the pre-scan look at.
enum class Name : std::uint8_t { other, begin, end, dtstart, dtend, duration, rrule, rdate, exdate, recurrence_id, status, transp, uid, freebusy };

template <std::size_t N>
bool is(std::string_view n, const char (&name)[N]) {  // n.size() == N - 1 already checked
  return std::memcmp(n.data(), name, N - 1) == 0;          // a fixed length: compiled to compares
}

Name classify(std::string_view n) {  // n upper case
  switch (n.size()) {
    case 3: return is(n, "END") ? Name::end : is(n, "UID") ? Name::uid : Name::other;
    case 5:
      return is(n, "BEGIN")   ? Name::begin
             : is(n, "DTEND") ? Name::dtend
             : is(n, "RRULE") ? Name::rrule
             : is(n, "RDATE") ? Name::rdate
                              : Name::other;
    case 6: return is(n, "EXDATE") ? Name::exdate : is(n, "STATUS") ? Name::status : is(n, "TRANSP") ? Name::transp : Name::other;
    case 7: return is(n, "DTSTART") ? Name::dtstart : Name::other;
    case 8: return is(n, "DURATION") ? Name::duration : is(n, "FREEBUSY") ? Name::freebusy : Name::other;
    case 13: return is(n, "RECURRENCE-ID") ? Name::recurrence_id : Name::other;
    default: return Name::other;
  }
}

// The components whose name matters to the pre-scan and the reader.
enum class Kind : std::uint8_t { other, vcalendar, vevent, vtimezone, vfreebusy };

Kind component_kind(std::string_view n) {  // n upper case
  return n == "VEVENT" ? Kind::vevent : n == "VCALENDAR" ? Kind::vcalendar : n == "VTIMEZONE" ? Kind::vtimezone
         : n == "VFREEBUSY" ? Kind::vfreebusy : Kind::other;
}

struct Comp {
  std::string_view name;  // upper case: into the file or Reader::names
  std::size_t begin_line = 0, end_line = 0;
  std::size_t first_property = 0, last_property = 0;  // its properties (and its children's) in Top::properties
  Kind kind = Kind::other;
};

struct Property {
  std::string_view name;  // upper case: into the file, Reader::folded or Reader::names
  std::size_t line;
  std::size_t comp;       // index into Top::comps
};

struct Top {
  std::string text;                  // unfolded text of the top-level component, fed to libical
  std::vector<Comp> comps;           // preorder, comps[0] is the top-level component
  std::vector<Property> properties;  // direct properties of each component, in file order
  std::size_t prescanned = 0;        // plain events read by the pre-scan (not in text)
};

// The indexes of the pre-scan's components in the preorder of libical's tree of the same text:
// libical puts the VTIMEZONE children of a component before its other children, the last one
// first (icalcomponent_add_component unshifts them).
std::vector<std::size_t> libical_order(const Top& top) {
  const auto& comps = top.comps;
  std::vector<std::size_t> out;
  out.reserve(comps.size());
  auto inside = [&](std::size_t j, std::size_t i) { return j < comps.size() && comps[j].begin_line < comps[i].end_line; };
  auto visit = [&](auto&& self, std::size_t i) -> void {
    out.push_back(i);
    std::vector<std::size_t> zones, others;
    for (std::size_t j = i + 1; inside(j, i);) {
      (comps[j].kind == Kind::vtimezone ? zones : others).push_back(j);
      const std::size_t child = j;
      for (++j; inside(j, child);) ++j;
    }
    for (auto z = zones.rbegin(); z != zones.rend(); ++z) self(self, *z);
    for (std::size_t o : others) self(self, o);
  };
  if (!comps.empty()) visit(visit, 0);
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');  // ASCII only: names are ASCII
  return out;
}

// Without spaces and tabs at both ends (and a CR at the end).
std::string_view trim_view(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string trim(std::string_view s) { return std::string(trim_view(s)); }

// Text for messages: control characters and non-UTF-8 bytes as \xNN, shortened.
std::string shown(std::string_view s, std::size_t max = 60) {
  std::string out;
  for (unsigned char c : s.substr(0, max)) {
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (s.size() > max) out += "...";
  return out;
}

// What the pre-scan looks for in the bytes of a line.
enum ByteKind : std::uint8_t { semicolon = 1, colon = 2, quote = 4, lower = 8, blank = 16 };
constexpr std::array<std::uint8_t, 256> byte_kinds = [] {
  std::array<std::uint8_t, 256> k{};
  k[';'] = semicolon;
  k[':'] = colon;
  k['"'] = quote;
  for (int c = 'a'; c <= 'z'; ++c) k[c] = lower;
  k[' '] = k['\t'] = k['\r'] = blank;
  return k;
}();

struct PropertyName {
  std::string_view name;   // up to the first ';' or ':', trimmed (not yet upper-cased)
  std::size_t parameters;  // ';' before the value, outside quotes
  bool lower;              // the name has lower-case letters
};

// The property name of a logical line, in one look at each of its bytes.
PropertyName property_name(std::string_view line) {
  const auto* p = reinterpret_cast<const unsigned char*>(line.data());
  const std::size_t size = line.size();
  std::size_t i = 0;
  std::uint8_t seen = 0;
  for (; i < size; ++i) {
    const std::uint8_t k = byte_kinds[p[i]];
    if (k & (semicolon | colon)) break;
    seen |= k;
  }
  std::size_t n = 0;
  if (i < size && p[i] == ';') {
    bool quoted = false;
    for (std::size_t j = i; j < size; ++j) {
      const std::uint8_t k = byte_kinds[p[j]];
      if (!(k & (semicolon | colon | quote))) continue;
      if (k & quote) quoted = !quoted;
      else if (quoted) continue;
      else if (k & colon) break;
      else ++n;
    }
  }
  std::string_view name(line.data(), i);
  if (seen & blank) name = trim_view(name);
  return {name, n, (seen & lower) != 0};
}

// True if the logical line is a property named `name` (ASCII letters compared without case).
bool has_name(std::string_view line, std::string_view name) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  if (line.size() <= name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if ((line[i] >= 'a' && line[i] <= 'z' ? static_cast<char>(line[i] - 'a' + 'A') : line[i]) != name[i]) return false;
  char next = line[name.size()];
  return next == ';' || next == ':' || next == ' ' || next == '\t';
}

// The properties the reader looks at, per component (everything inside a VTIMEZONE is kept).
// The rest is never given to libical, which would parse every value (SUMMARY, DESCRIPTION,
// ATTENDEE, DTSTAMP...) only for it to be ignored. UIDs matter only for overrides.
bool is_read(const Comp& component, Name property, bool uids) {
  if (component.kind == Kind::vevent) return (property >= Name::dtstart && property <= Name::transp) || (uids && property == Name::uid);
  return property == Name::freebusy && component.kind == Kind::vfreebusy;
}

const date::time_zone* find_iana(std::string_view name) { return partnerkit::detail::find_zone(name); }

// ---- wall clock and UTC ----

// A resolved time zone: the OS tz database, or a VTIMEZONE of the file (through libical), or UTC.
struct Zone {
  const date::time_zone* iana = nullptr;
  icaltimezone* ical = nullptr;
};

bool valid_fields(const icaltimetype& t) {
  return t.year >= 1 && t.year <= 9999 && t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= 31 &&
         t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 && t.second >= 0 && t.second <= 60;
}

std::chrono::local_seconds local_of(const icaltimetype& t) {
  std::chrono::year_month_day ymd{std::chrono::year{t.year}, std::chrono::month{static_cast<unsigned>(t.month)},
                                  std::chrono::day{static_cast<unsigned>(t.day)}};
  std::chrono::local_days day{ymd};  // an invalid day (Feb 30) normalizes like libical does
  if (t.is_date) return std::chrono::local_seconds{day.time_since_epoch()};
  return std::chrono::local_seconds{day.time_since_epoch()} + std::chrono::hours{t.hour} +
         std::chrono::minutes{t.minute} + std::chrono::seconds{std::min(t.second, 59)};
}

// A wall-clock time as a floating libical time (a date at midnight when `date`).
icaltimetype ical_time(std::chrono::local_seconds local, bool date) {
  auto days = std::chrono::floor<std::chrono::days>(local);
  std::chrono::year_month_day ymd{std::chrono::sys_days{days.time_since_epoch()}};
  std::chrono::hh_mm_ss hms{local - days};
  icaltimetype t = icaltime_null_time();
  t.year = static_cast<int>(ymd.year());
  t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  t.is_date = date ? 1 : 0;
  if (!date) {
    t.hour = static_cast<int>(hms.hours().count());
    t.minute = static_cast<int>(hms.minutes().count());
    t.second = static_cast<int>(hms.seconds().count());
  }
  return t;
}

// Local wall-clock time -> UTC. A time in a skipped hour maps to the transition; a repeated
// one to its first occurrence.
Instant to_utc(std::chrono::local_seconds local, const Zone& z) {
  if (z.iana) return Instant{detail::ZoneOffsets::to_sys(z.iana, local).time_since_epoch()};
  if (z.ical) return Instant{seconds{icaltime_as_timet_with_zone(ical_time(local, false), z.ical)}};
  return Instant{local.time_since_epoch()};
}

// UTC -> local wall-clock time in a zone.
std::chrono::local_seconds to_local(Instant t, const Zone& z) {
  if (z.iana) return detail::ZoneOffsets::to_local(z.iana, std::chrono::sys_seconds{t.time_since_epoch()});
  if (z.ical) {
    int is_daylight = 0;
    icaltimetype u = icaltime_from_timet_with_zone(static_cast<time_t>(t.time_since_epoch().count()), 0,
                                                   icaltimezone_get_utc_timezone());
    int offset = icaltimezone_get_utc_offset(z.ical, &u, &is_daylight);
    return std::chrono::local_seconds{t.time_since_epoch() + seconds{offset}};
  }
  return std::chrono::local_seconds{t.time_since_epoch()};
}

// ---- plain events: read by the pre-scan, never given to libical ----
//
// A VEVENT directly inside a VCALENDAR is plain when reading it with libical could report
// nothing and its busy time follows from its lines alone: BEGIN:VEVENT and END:VEVENT written
// so; no RRULE, RDATE, EXDATE, RECURRENCE-ID, nested component or repeated property; DTSTART
// (and DTEND) written exactly as
// NAME[;TZID=iana|;VALUE=DATE|;VALUE=DATE-TIME]:YYYYMMDD[THHMMSS[Z]] with a valid date, DTEND in
// the same zone and form and not before DTSTART, or a DURATION written exactly as
// P[nW|nD][T[nH][nM][nS]] of at most ten years; STATUS and TRANSP (if any) with one of their
// standard values; a TZID the tz database knows (its offset from UTC is under a day; the owner's
// zone is one too); when the file has overrides, a plain non-empty UID no override shares.
// The pre-scan drops it, and gives the busy time CalendarReader::read_event would give (none
// when its span on the wall clock, widened by two days for any zone, ends before the window or
// starts after it). Anything else (including every form this scan does not know) goes to
// libical.

// The value of a logical line: after the first ':' outside double quotes.
std::optional<std::string_view> raw_value(std::string_view line) {
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    else if (!quoted && line[i] == ':') return line.substr(i + 1);
  }
  return std::nullopt;
}

// Busy time [start, end), cut to the window, if any of it lies inside; counted as an event.
void add_busy(const CalendarOptions& o, Instant start, Instant end, std::vector<BusyInterval>& out, std::size_t& events) {
  if (end <= start || end <= o.window_start || start >= o.window_end) return;
  out.push_back({std::max(start, o.window_start), std::min(end, o.window_end)});
  ++events;
}

constexpr std::string_view empty_uid = "\x01";  // the key of an empty UID (never a real one)

// A UID as a key: trimmed (empty_uid if nothing is left); empty when it has a backslash or a control character (whose
// decoding by libical could make two different texts the same UID).
std::string uid_key(std::string_view line) {
  auto v = raw_value(line);
  if (!v) return {};
  std::string key = trim(*v);
  for (unsigned char c : key)
    if (c == '\\' || c < 0x20 || c == 0x7f) return {};
  return key.empty() ? std::string(empty_uid) : key;
}

int number_of(std::string_view digits) {
  int n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return digits.empty() ? -1 : n;
}

// The n digits at v[at] as a number, or -1 (v holds them: checked by the caller).
int digits_at(std::string_view v, std::size_t at, std::size_t n) { return number_of(std::string_view(v.data() + at, n)); }

struct PlainTime {
  std::chrono::local_seconds local;  // wall clock (a date at 00:00)
  bool date = false, utc = false;
  std::string_view tzid;  // empty: floating, UTC or a date
};

// DTSTART or DTEND in the plainest form (see above); empty for anything else.
std::optional<PlainTime> plain_time(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || !line.starts_with(name)) return std::nullopt;
  line.remove_prefix(name.size());
  PlainTime t;
  int kind = 0;  // VALUE: 0 absent, 1 DATE, 2 DATE-TIME
  if (line.front() == ';') {
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string_view param(line.data() + 1, colon - 1);
    line.remove_prefix(colon);
    auto plain = [](std::string_view v) {
      return !v.empty() && std::none_of(v.begin(), v.end(), [](char c) { return c == '"' || c == ';' || c == ',' || c == ' ' || c == '\t'; });
    };
    if (param.starts_with("TZID=") && plain(std::string_view(param.data() + 5, param.size() - 5)))
      t.tzid = std::string_view(param.data() + 5, param.size() - 5);
    else if (param == "VALUE=DATE")
      kind = 1;
    else if (param == "VALUE=DATE-TIME")
      kind = 2;
    else
      return std::nullopt;
  }
  if (line.front() != ':') return std::nullopt;
  const std::string_view v(line.data() + 1, line.size() - 1);
  if (v.size() == 8) {
    if (kind != 1) return std::nullopt;
    t.date = true;
  } else if ((v.size() == 15 || (v.size() == 16 && v[15] == 'Z')) && v[8] == 'T' && kind != 1) {
    t.utc = v.size() == 16;
    if (t.utc && !t.tzid.empty()) return std::nullopt;
  } else {
    return std::nullopt;
  }
  int y = digits_at(v, 0, 4), mo = digits_at(v, 4, 2), d = digits_at(v, 6, 2);
  if (y < 1 || mo < 1 || d < 1) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  t.local = std::chrono::local_seconds{std::chrono::local_days{ymd}.time_since_epoch()};
  if (!t.date) {
    int h = digits_at(v, 9, 2), mi = digits_at(v, 11, 2), s = digits_at(v, 13, 2);
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return std::nullopt;
    t.local += std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
  }
  return t;
}

// DURATION:P[nW|nD][T[nH][nM][nS]] (numbers of up to 6 digits), at most ten years; else empty.
std::optional<std::chrono::seconds> plain_duration(std::string_view line) {
  constexpr std::string_view head = "DURATION:P";
  if (line.substr(0, head.size()) != head) return std::nullopt;
  auto v = line.substr(head.size());
  long long total = 0;
  int rank = -1;  // W 0, D 1, H 2, M 3, S 4: strictly increasing
  bool time = false, after_t = false;
  while (!v.empty()) {
    if (v.front() == 'T') {
      if (time) return std::nullopt;
      time = true;
      after_t = false;
      v.remove_prefix(1);
      continue;
    }
    std::size_t n = 0;
    while (n < v.size() && v[n] >= '0' && v[n] <= '9') ++n;
    if (n == 0 || n > 6 || n == v.size()) return std::nullopt;
    long long x = number_of(v.substr(0, n));
    const char unit = v[n];
    v.remove_prefix(n + 1);
    int r;
    long long scale;
    switch (unit) {
      case 'W': r = 0, scale = 7 * 86400LL; break;
      case 'D': r = 1, scale = 86400; break;
      case 'H': r = 2, scale = 3600; break;
      case 'M': r = 3, scale = 60; break;
      case 'S': r = 4, scale = 1; break;
      default: return std::nullopt;
    }
    if (r <= rank || rank == 0 || (r <= 1) == time) return std::nullopt;
    rank = r;
    after_t = time;
    total += x * scale;
  }
  if (rank < 0 || (time && !after_t) || total > 366LL * 86400 * 10) return std::nullopt;
  return std::chrono::seconds{total};
}

// What the pre-scan saw of a VEVENT that is a direct child of a VCALENDAR.
struct EventScan {
  std::size_t text_mark = 0, comps_mark = 0, properties_mark = 0;  // where it starts in Top::text, comps, properties
  bool keep = false;                          // something the filter does not know: libical reads it
  std::string_view dtstart, dtend, duration, status, transp, uid;
  void set(std::string_view& slot, std::string_view line) {
    if (!slot.empty()) keep = true;  // repeated
    slot = line;
  }
};

// Buffers kept by each thread from one calendar to the next (reading 300 calendars allocated
// and freed them 300 times, and freeing a large block makes glibc's malloc consolidate).
struct Scratch {
  std::vector<Line> lines;
  std::vector<std::size_t> stack;
  std::vector<Top> tops;  // a file's top-level components are tops[0, n): the rest are spare
  bool in_use = false;    // by a read on this thread

  // Drops what one huge file left behind (the limit is 16 MiB a file).
  void trim() {
    constexpr std::size_t keep = std::size_t{4} << 20;
    if (lines.capacity() * sizeof(Line) > keep) std::vector<Line>().swap(lines);
    for (auto& t : tops)
      if (t.text.capacity() > keep || t.properties.capacity() * sizeof(Property) > keep || t.comps.capacity() * sizeof(Comp) > keep)
        t = Top{};
    if (tops.size() > 64) tops.resize(64);
  }
};

struct Reader {
  Reader(std::string source_, const CalendarOptions& options_, Scratch& scratch_)
      : source(std::move(source_)), options(options_), scratch(scratch_) {}

  std::string source;
  const CalendarOptions& options;
  Scratch& scratch;
  std::vector<Issue> errors;
  std::vector<Issue> warnings;
  std::deque<std::string> folded;  // unfolded text of folded lines (stable addresses)
  std::deque<std::string> names;   // upper-cased names written in lower case (stable addresses)
  bool overrides = false;          // the file has a RECURRENCE-ID: events may be overrides

  // The value of a BEGIN or END line (after its first ':', without spaces and tabs at both
  // ends), upper case: a view of the line, or of `names` when written in lower case.
  std::string_view upper_value(std::string_view line) {
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return {};
    std::string_view v = trim_view(line.substr(colon + 1));
    if (std::any_of(v.begin(), v.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return names.emplace_back(upper(v));
    return v;
  }

  void error(std::size_t line, std::string message) {
    errors.push_back({source, line ? "line " + std::to_string(line) : "", std::move(message)});
  }
  void warn(std::size_t line, std::string message) {
    warnings.push_back({source, line ? "line " + std::to_string(line) : "", std::move(message)});
  }

  // Plain events (see above): read by the pre-scan when on; the UIDs of overrides
  // (RECURRENCE-ID); what the plain events gave.
  bool filter = false;
  const date::time_zone* owner = nullptr;  // floating times and dates; nullptr: UTC
  std::unordered_set<std::string> override_uids;
  std::unordered_map<std::string_view, const date::time_zone*> known_zones;
  std::pair<std::string_view, const date::time_zone*> last_zone;
  std::size_t prescanned = 0, events = 0;
  std::vector<BusyInterval> busy;

  const date::time_zone* known_zone(std::string_view tzid) {
    if (tzid == last_zone.first) return last_zone.second;
    auto it = known_zones.find(tzid);
    if (it == known_zones.end()) it = known_zones.emplace(tzid, find_iana(tzid)).first;
    last_zone = *it;
    return it->second;
  }

  // Reads a plain event: true if it is one (its busy time, if any, is in `busy`); false if
  // libical must read it.
  bool read_plain(const EventScan& e) {
    if (e.keep || e.dtstart.empty()) return false;
    auto start = plain_time(e.dtstart, "DTSTART");
    if (!start) return false;
    const date::time_zone* tz = nullptr;
    if (!start->tzid.empty() && !(tz = known_zone(start->tzid))) return false;
    auto end = start->local;
    if (!e.dtend.empty()) {
      auto t = plain_time(e.dtend, "DTEND");
      if (!e.duration.empty() || !t || t->date != start->date || t->utc != start->utc || t->tzid != start->tzid ||
          t->local < start->local)
        return false;
      end = t->local;
    } else if (!e.duration.empty()) {
      auto d = plain_duration(e.duration);
      if (!d) return false;
      end += *d;
    } else if (start->date) {
      end += std::chrono::days{1};
    }
    if (!e.status.empty() && e.status != "STATUS:CONFIRMED" && e.status != "STATUS:TENTATIVE" &&
        e.status != "STATUS:CANCELLED")
      return false;
    if (!e.transp.empty() && e.transp != "TRANSP:OPAQUE" && e.transp != "TRANSP:TRANSPARENT") return false;
    // With overrides in the file, libical reads UIDs too: only a plain "UID:value" (no
    // parameters, not empty: libical warns of an empty one) that no override shares.
    if (overrides && !e.uid.empty()) {
      if (!e.uid.starts_with("UID:")) return false;
      std::string key = uid_key(e.uid);
      if (key.empty() || key == empty_uid || override_uids.count(key)) return false;
    }
    ++prescanned;
    constexpr std::chrono::days slack{2};  // any UTC offset of the tz database is under a day
    if (end.time_since_epoch() + slack <= options.window_start.time_since_epoch() ||
        start->local.time_since_epoch() - slack >= options.window_end.time_since_epoch())
      return true;
    if (e.status == "STATUS:CANCELLED" || e.transp == "TRANSP:TRANSPARENT") return true;
    // As CalendarReader::read_event: a date in the owner's zone, local days long; a date-time
    // in its zone, to its DTEND in the same zone or for DURATION's elapsed seconds.
    Instant from, to;
    if (start->date) {
      const Zone zone{owner, nullptr};
      from = to_utc(start->local, zone);
      to = to_utc(end, zone);
    } else {
      const Zone zone{start->utc ? nullptr : tz ? tz : owner, nullptr};
      from = to_utc(start->local, zone);
      to = e.dtend.empty() ? from + (end - start->local) : to_utc(end, zone);
    }
    add_busy(options, from, to, busy, events);
    return true;
  }

  // With overrides in the file: their UIDs, or the filter off when one is not a plain text.
  // An override with several UID lines gives them all (libical keys it by the first one; which
  // one a broken file means is not for the filter to guess).
  // A VEVENT's UID and RECURRENCE-ID are its own lines, not those of a component nested in it
  // (which may come before them); nested VEVENTs count too.
  void find_override_uids(const std::vector<Line>& lines) {
    struct Open {
      bool vevent = false, recurrence = false;
      std::vector<std::string_view> uids;
    };
    std::vector<Open> open;
    for (const auto& l : lines) {
      if (has_name(l.text, "BEGIN")) {
        open.push_back({upper_value(l.text) == "VEVENT", false, {}});
      } else if (has_name(l.text, "END")) {
        if (open.empty()) continue;  // (a structural error: the scan reports it)
        const Open o = std::move(open.back());
        open.pop_back();
        if (!o.vevent || !o.recurrence) continue;
        for (std::string_view uid : o.uids) {
          std::string key = uid_key(uid);
          if (key.empty()) filter = false;
          else override_uids.insert(std::move(key));
        }
      } else if (!open.empty() && open.back().vevent) {
        if (has_name(l.text, "RECURRENCE-ID")) open.back().recurrence = true;
        else if (has_name(l.text, "UID")) open.back().uids.push_back(l.text);
      }
    }
  }

  // Splits into logical lines, checks structure and limits. Fills scratch.tops[0, n) with the
  // top-level components and returns n; on a structural error records it and returns 0
  // (libical never sees broken structure).
  std::size_t prescan(std::string_view text) {
    const auto& lim = options.limits;
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<Line>& lines = scratch.lines;
    lines.clear();
    std::size_t number = 0, pos = 0;
    bool uids = false;  // a RECURRENCE-ID anywhere: UIDs matter (overrides)
    // A logical line is complete when the next one starts (or at the end).
    auto completed = [&uids](const Line& l) {
      if (!uids && (l.text[0] == 'R' || l.text[0] == 'r') && has_name(l.text, "RECURRENCE-ID")) uids = true;
    };
    const std::size_t nul = text.find('\0');  // the first NUL byte: an error on its line
    const char* const base = text.data();
    while (pos < text.size()) {
      const void* at = std::memchr(base + pos, '\n', text.size() - pos);
      const std::size_t end = at ? static_cast<std::size_t>(static_cast<const char*>(at) - base) : text.size();
      std::string_view raw(base + pos, end - pos);
      const bool has_nul = nul >= pos && nul < end;
      pos = end + 1;
      ++number;
      if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
      if (has_nul) {
        error(number, "a NUL byte is not allowed in iCalendar text");
        return 0;
      }
      if (raw.empty() ||
          ((raw[0] == ' ' || raw[0] == '\t' || raw[0] == '\r') && raw.find_first_not_of(" \t\r") == std::string_view::npos))
        continue;
      if ((raw[0] == ' ' || raw[0] == '\t') && !lines.empty()) {
        auto& last = lines.back();
        if (last.text.size() + raw.size() > lim.max_line_bytes) {
          error(last.number, "a content line longer than " + std::to_string(lim.max_line_bytes) + " bytes");
          return 0;
        }
        // A folded line gets its own storage (most lines are not folded and stay views of the file).
        if (folded.empty() || last.text.data() != folded.back().data()) folded.emplace_back(last.text);
        folded.back().append(raw.substr(1));
        last.text = folded.back();
        continue;
      }
      if (raw.size() > lim.max_line_bytes) {
        error(number, "a content line longer than " + std::to_string(lim.max_line_bytes) + " bytes");
        return 0;
      }
      if (!lines.empty()) completed(lines.back());
      lines.push_back({number, raw});
    }
    if (lines.empty()) {
      error(0, "expected an iCalendar file (BEGIN:VCALENDAR), got an empty file");
      return 0;
    }
    completed(lines.back());

    std::size_t ntops = 0;
    auto new_top = [&]() -> Top& {
      if (ntops == scratch.tops.size()) scratch.tops.emplace_back();
      Top& t = scratch.tops[ntops++];
      t.text.clear();
      t.comps.clear();
      t.properties.clear();
      t.prescanned = 0;
      return t;
    };
    Top* top = nullptr;                // the one being scanned
    std::vector<std::size_t>& stack = scratch.stack;  // indexes into top->comps
    stack.clear();
    std::size_t components = 0, in_vtimezone = 0;
    bool broken = false;
    filter = options.prescan_plain_events;
    overrides = uids;
    if (uids && filter) find_override_uids(lines);
    EventScan scan;                  // (a plain struct: GCC took an optional's payload for uninitialized)
    EventScan* event = nullptr;      // the VEVENT (child of a VCALENDAR) being scanned: &scan
    for (const auto& line : lines) {
      const PropertyName property = property_name(line.text);
      std::string_view name = property.name;
      if (property.parameters > lim.max_parameters) {
        error(line.number, "property " + shown(upper(name)) + " has more than " + std::to_string(lim.max_parameters) +
                               " parameters");
        return 0;
      }
      if (property.lower) name = names.emplace_back(upper(name));
      const Name kind = classify(name);
      if (kind == Name::begin) {
        std::string_view comp = upper_value(line.text);
        if (comp.empty()) {
          error(line.number, "BEGIN without a component name");
          return 0;
        }
        if (++components > lim.max_components) {
          error(line.number, "more than " + std::to_string(lim.max_components) + " components");
          return 0;
        }
        if (stack.size() >= lim.max_depth) {
          error(line.number, "components nested deeper than " + std::to_string(lim.max_depth) + " levels");
          return 0;
        }
        if (stack.empty()) {
          top = &new_top();
          if (ntops == 1) {  // its text is at most the rest of the file
            const char* at = line.text.data();
            std::less<const char*> before;
            bool inside = !before(at, text.data()) && before(at, text.data() + text.size());
            top->text.reserve(inside ? text.size() - static_cast<std::size_t>(at - text.data()) : text.size());
          }
        }
        const Kind ckind = component_kind(comp);
        auto& comps = top->comps;
        if (event) event->keep = true;  // a nested component
        else if (filter && stack.size() == 1 && ckind == Kind::vevent && comps[stack[0]].kind == Kind::vcalendar) {
          scan = EventScan{};
          event = &scan;
          // libical reads other forms of BEGIN and END lines (parameters, ...) in its own ways.
          event->keep = line.text != "BEGIN:VEVENT";
          event->text_mark = top->text.size();
          event->comps_mark = comps.size();
          event->properties_mark = top->properties.size();
        }
        auto& properties = top->properties;
        if (!stack.empty()) properties.push_back({"BEGIN", line.number, stack.back()});
        comps.push_back({comp, line.number, 0, properties.size(), 0, ckind});
        stack.push_back(comps.size() - 1);
        if (ckind == Kind::vtimezone) ++in_vtimezone;
      } else if (kind == Name::end) {
        std::string_view comp = upper_value(line.text);
        if (stack.empty()) {
          error(line.number, "END:" + shown(comp) + " without a matching BEGIN");
          return 0;
        }
        auto& open = top->comps[stack.back()];
        if (comp != open.name) {
          error(line.number, "END:" + shown(comp) + " does not close BEGIN:" + shown(open.name) + " at line " +
                                 std::to_string(open.begin_line));
          return 0;
        }
        open.end_line = line.number;
        open.last_property = top->properties.size();
        if (open.kind == Kind::vtimezone) --in_vtimezone;
        stack.pop_back();
        if (event && stack.size() == 1) {  // the end of a VEVENT inside a VCALENDAR
          if (line.text != "END:VEVENT") event->keep = true;
          if (read_plain(*event)) {
            ++top->prescanned;
            top->text.resize(event->text_mark);
            top->comps.resize(event->comps_mark);
            top->properties.resize(event->properties_mark);
            event = nullptr;
            continue;
          }
          event = nullptr;
        }
      } else if (stack.empty()) {
        if (!broken) warn(line.number, "text outside any component ignored: " + shown(line.text));
        broken = true;
      } else {
        auto& comp = top->comps[stack.back()];
        top->properties.push_back({name, line.number, stack.back()});
        if (event && stack.back() == event->comps_mark) {
          switch (kind) {
            case Name::dtstart: event->set(event->dtstart, line.text); break;
            case Name::dtend: event->set(event->dtend, line.text); break;
            case Name::duration: event->set(event->duration, line.text); break;
            case Name::status: event->set(event->status, line.text); break;
            case Name::transp: event->set(event->transp, line.text); break;
            case Name::uid: event->set(event->uid, line.text); break;
            case Name::rrule:
            case Name::rdate:
            case Name::exdate:
            case Name::recurrence_id: event->keep = true; break;
            default: break;
          }
        }
        if (!in_vtimezone && !is_read(comp, kind, uids)) continue;  // line numbers kept, libical skips it
      }
      if (top && (!stack.empty() || kind == Name::end)) {
        top->text += line.text;
        top->text += '\n';
      }
    }
    if (!stack.empty()) {
      const auto& open = top->comps[stack.front()];
      error(open.begin_line, "BEGIN:" + shown(open.name) + " is never closed (END:" + shown(open.name) + " missing)");
      return 0;
    }
    if (ntops == 0) {
      error(lines.front().number, "expected an iCalendar file (BEGIN:VCALENDAR), got " + shown(lines.front().text));
      return 0;
    }
    return ntops;
  }
};

// ---- libical helpers ----

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;
struct ZoneDeleter {
  void operator()(icaltimezone* z) const { icaltimezone_free(z, 1); }
};
using IcalZonePtr = std::unique_ptr<icaltimezone, ZoneDeleter>;

// libical's parser on the pre-scan's text, one line at a time (icalparser_add_line), as
// icalparser_parse_string does after its line reader (icalparser_get_line) has copied each line
// through an 80-byte buffer and cut its line end and trailing white space (but not its first
// character). The text holds whole logical lines ending in '\n', none starting with white space
// and none with a NUL byte, so the lines libical sees are the same. The text becomes the lines.
icalcomponent* parse(std::string& text) {
  icalparser* parser = icalparser_new();
  if (!parser) return nullptr;
  const icalerrorstate state = icalerror_get_error_state(ICAL_MALFORMEDDATA_ERROR);
  icalerror_set_error_state(ICAL_MALFORMEDDATA_ERROR, ICAL_ERROR_NONFATAL);
  icalcomponent* root = nullptr;
  char* line = text.data();
  char* const end = line + text.size();
  while (line < end) {
    char* next = static_cast<char*>(std::memchr(line, '\n', static_cast<std::size_t>(end - line)));
    if (!next) next = end;  // not reached: every line ends in '\n'
    char* last = next;
    *last = '\0';
    while ((*last == '\0' || std::iswspace(static_cast<wint_t>(*last))) && last > line) *last-- = '\0';
    if (icalcomponent* c = icalparser_add_line(parser, line)) {
      if (!root) {
        root = c;
      } else if (icalcomponent_isa(root) != ICAL_XROOT_COMPONENT) {  // as icalparser_parse: a container
        icalcomponent* both = icalcomponent_new(ICAL_XROOT_COMPONENT);
        icalcomponent_add_component(both, root);
        icalcomponent_add_component(both, c);
        root = both;
      } else {
        icalcomponent_add_component(root, c);
      }
    }
    line = next + 1;
  }
  icalerror_set_error_state(ICAL_MALFORMEDDATA_ERROR, state);
  icalparser_free(parser);
  return root;
}

template <class F>
void for_children(icalcomponent* c, F&& f) {
  for (icalcomponent* s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); s;
       s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
    f(s);
}

void preorder(icalcomponent* c, std::vector<icalcomponent*>& out) {
  out.push_back(c);
  for_children(c, [&](icalcomponent* s) { preorder(s, out); });
}

// True if libical's tree has the pre-scan's components (in libical's order, of the same kinds).
bool same_tree(const Top& top, icalcomponent* root) {
  if (!root) return false;
  std::vector<icalcomponent*> tree;
  preorder(root, tree);
  const auto order = libical_order(top);
  if (tree.size() != order.size()) return false;
  for (std::size_t i = 0; i < tree.size(); ++i) {
    const icalcomponent_kind k = icalcomponent_isa(tree[i]);
    const Kind expected = k == ICAL_VCALENDAR_COMPONENT ? Kind::vcalendar
                          : k == ICAL_VEVENT_COMPONENT  ? Kind::vevent
                          : k == ICAL_VTIMEZONE_COMPONENT ? Kind::vtimezone
                          : k == ICAL_VFREEBUSY_COMPONENT ? Kind::vfreebusy
                                                          : Kind::other;
    if (top.comps[order[i]].kind != expected) return false;
  }
  return true;
}

// One VCALENDAR's time zones: TZID -> Zone, resolved once.
class Zones {
 public:
  Zones(const Zone& fallback) : fallback_(fallback) {}

  void add_vtimezone(icalcomponent* c, bool broken) {
    icalproperty* p = icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY);
    const char* id = p ? icalproperty_get_tzid(p) : nullptr;
    if (id && *id) vtimezones_.emplace(id, Entry{c, broken});
  }

  // Empty and `why` set when the TZID cannot be resolved.
  // The zone a TZID names, or empty with why not (both remembered: a file names few zones, and
  // a failed lookup is the slowest).
  std::optional<Zone> resolve(std::string_view tzid, std::string& why) {
    auto it = last_ != cache_.end() && last_->first == tzid ? last_ : cache_.find(tzid);  // mostly the same as before
    if (it == cache_.end()) {
      std::string reason;
      std::optional<Zone> z = lookup(std::string(tzid), reason);
      it = cache_.emplace(std::string(tzid), std::pair{z, std::move(reason)}).first;
    }
    last_ = it;
    if (!it->second.first) why = it->second.second;
    return it->second.first;
  }

 private:
  struct Entry {
    icalcomponent* component;
    bool broken;
  };

  std::optional<Zone> lookup(const std::string& tzid, std::string& why) {
    std::string id = trim(tzid);
    if (id.size() >= 2 && id.front() == '"' && id.back() == '"') id = id.substr(1, id.size() - 2);
    if (upper(id) == "UTC" || upper(id) == "Z" || upper(id) == "GMT") return Zone{nullptr, nullptr};
    if (const auto* z = find_iana(id)) return Zone{z, nullptr};
    // libical-style prefixes: /freeassociation.sourceforge.net/Tzfile/Europe/London
    for (std::size_t slash = id.find('/'); slash != std::string::npos; slash = id.find('/', slash + 1))
      if (const auto* z = find_iana(std::string_view(id).substr(slash + 1))) return Zone{z, nullptr};
    // A name that identifies a zone uses the tz database (its full history) rather than the
    // file's VTIMEZONE, which exporters often cut down to the current rules.
    if (std::string iana = iana_from_windows_zone(id); !iana.empty())
      if (const auto* z = find_iana(iana)) return Zone{z, nullptr};
    if (auto it = vtimezones_.find(tzid); it != vtimezones_.end()) {
      if (it->second.broken) {
        why = "its VTIMEZONE could not be read";
        return std::nullopt;
      }
      IcalZonePtr zone{icaltimezone_new()};
      if (zone && icaltimezone_set_component(zone.get(), icalcomponent_new_clone(it->second.component))) {
        Zone z{nullptr, zone.get()};
        owned_.push_back(std::move(zone));
        return z;
      }
      why = "its VTIMEZONE could not be read";
      return std::nullopt;
    }
    why = "it is not an IANA or Windows time zone name and the file has no VTIMEZONE for it";
    return std::nullopt;
  }

  Zone fallback_;
  std::map<std::string, Entry> vtimezones_;
  std::map<std::string, std::pair<std::optional<Zone>, std::string>, std::less<>> cache_;
  decltype(cache_)::iterator last_ = cache_.end();
  std::vector<IcalZonePtr> owned_;
};

// Properties whose loss would hide busy time: a libical error on one of them is an error.
bool essential(std::string_view message) {
  static const char* names[] = {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "RECURRENCE-ID", "STATUS", "TRANSP", "FREEBUSY"};
  for (const char* n : names) {
    std::string with_space = std::string(" ") + n + " ";
    std::string at_end = std::string(" ") + n + ":";
    if (message.find(with_space) != std::string_view::npos || message.find(at_end) != std::string_view::npos ||
        (message.size() >= std::strlen(n) && message.substr(message.size() - std::strlen(n)) == n))
      return true;
  }
  return false;
}


bool no_values(const short* list) { return list[0] == ICAL_RECURRENCE_ARRAY_MAX; }

// True if the rule has a BY part that can pass over whole days without an occurrence.
bool skips_days(const icalrecurrencetype& r) {
  return !no_values(r.by_day) || !no_values(r.by_month_day) || !no_values(r.by_year_day) || !no_values(r.by_week_no) ||
         !no_values(r.by_month) || !no_values(r.by_set_pos);
}

// The length of one step of a frequency, in seconds (a month and a year at their shortest).
std::int64_t frequency_seconds(icalrecurrencetype_frequency freq) {
  switch (freq) {
    case ICAL_SECONDLY_RECURRENCE: return 1;
    case ICAL_MINUTELY_RECURRENCE: return 60;
    case ICAL_HOURLY_RECURRENCE: return 3600;
    case ICAL_DAILY_RECURRENCE: return 86400;
    case ICAL_WEEKLY_RECURRENCE: return 7 * 86400;
    case ICAL_MONTHLY_RECURRENCE: return 28 * 86400;
    default: return 365 * 86400;
  }
}

// The step of the simplest rules, which are DTSTART + k × step on the wall clock: FREQ=DAILY or
// WEEKLY, any INTERVAL, COUNT or UNTIL (of the same kind as DTSTART) or neither, no BY* part
// except, when weekly, a BYDAY naming just DTSTART's weekday; Gregorian. Empty for other rules.
std::optional<std::chrono::days> simple_step(const icalrecurrencetype& r, const icaltimetype& dtstart) {
  if (r.freq != ICAL_DAILY_RECURRENCE && r.freq != ICAL_WEEKLY_RECURRENCE) return std::nullopt;
  if (r.interval < 1 || (r.rscale && *r.rscale && std::string_view(r.rscale) != "GREGORIAN")) return std::nullopt;
  if (!icaltime_is_null_time(r.until) && (r.until.is_date != dtstart.is_date || !valid_fields(r.until))) return std::nullopt;
  if (!no_values(r.by_second) || !no_values(r.by_minute) || !no_values(r.by_hour) || !no_values(r.by_month_day) ||
      !no_values(r.by_year_day) || !no_values(r.by_week_no) || !no_values(r.by_month) || !no_values(r.by_set_pos))
    return std::nullopt;
  if (!no_values(r.by_day)) {
    if (r.freq != ICAL_WEEKLY_RECURRENCE || r.by_day[1] != ICAL_RECURRENCE_ARRAY_MAX ||
        icalrecurrencetype_day_position(r.by_day[0]) != 0)
      return std::nullopt;
    // libical numbers weekdays 1 (Sunday) to 7 (Saturday); C++ 0 (Sunday) to 6.
    std::chrono::weekday wd{std::chrono::sys_days{std::chrono::floor<std::chrono::days>(local_of(dtstart)).time_since_epoch()}};
    if (static_cast<unsigned>(icalrecurrencetype_day_day_of_week(r.by_day[0])) != wd.c_encoding() + 1) return std::nullopt;
  }
  return std::chrono::days{(r.freq == ICAL_WEEKLY_RECURRENCE ? 7 : 1) * r.interval};
}

struct Occurrence {
  std::chrono::local_seconds local;  // start, wall clock in the event's zone (or a date at 00:00)
  Instant utc;
};

class CalendarReader {
 public:
  CalendarReader(Reader& r, const Top& top, icalcomponent* root, const Zone& owner_zone, std::size_t& instances,
                 std::chrono::steady_clock::time_point deadline)
      : r_(r), top_(top), root_(root), owner_(owner_zone), zones_(owner_zone), instances_(instances), deadline_(deadline) {
    if (!top.comps.empty()) fallback_line_ = top.comps[0].begin_line;
  }

  // Reads the components of one VCALENDAR (or a lone top-level VEVENT, VFREEBUSY, VTIMEZONE).
  void read(const std::vector<icalcomponent*>& components, std::vector<BusyInterval>& out, std::size_t& events) {
    out_ = &out;
    events_ = &events;
    auto for_each = [&](auto&& f) {
      for (icalcomponent* c : components) f(c);
    };
    // Time zones first: a TZID may be used before its VTIMEZONE appears.
    for_each([&](icalcomponent* c) {
      if (icalcomponent_isa(c) == ICAL_VTIMEZONE_COMPONENT) zones_.add_vtimezone(c, has_errors(c));
    });
    // Group events by UID: overrides (RECURRENCE-ID) replace occurrences of their master.
    std::vector<icalcomponent*> masters;
    std::unordered_map<std::string, std::vector<icalcomponent*>> overrides;
    for_each([&](icalcomponent* c) {
      switch (icalcomponent_isa(c)) {
        case ICAL_VEVENT_COMPONENT: {
          // (No event has a RECURRENCE-ID when the pre-scan saw none.)
          const char* uid = r_.overrides ? icalcomponent_get_uid(c) : nullptr;
          if (uid && icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY))
            overrides[uid].push_back(c);
          else
            masters.push_back(c);
          break;
        }
        case ICAL_VFREEBUSY_COMPONENT:
          read_freebusy(c);
          break;
        case ICAL_VAVAILABILITY_COMPONENT:
          r_.warn(line_of(c), "VAVAILABILITY is not read (only VEVENT and VFREEBUSY give busy times)");
          break;
        default:
          break;
      }
    });
    for (icalcomponent* m : masters) {
      const char* uid = overrides.empty() ? nullptr : icalcomponent_get_uid(m);
      std::vector<icalcomponent*>* ov = nullptr;
      if (uid)
        if (auto it = overrides.find(uid); it != overrides.end()) ov = &it->second;
      read_event(m, ov);
      if (ov) overrides.erase(uid);
    }
    // Overrides whose master is not in the file: each is an event of its own, read in file order
    // (not the map's order, which depends on what else the map held) so messages keep their order.
    if (overrides.empty()) return;
    for_each([&](icalcomponent* c) {
      if (icalcomponent_isa(c) != ICAL_VEVENT_COMPONENT || !icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY))
        return;
      const char* uid = icalcomponent_get_uid(c);
      if (uid && overrides.count(uid)) read_event(c, nullptr);
    });
  }

 private:
  // The pre-scan's component of a libical one (both in preorder), mapped when first needed
  // (only for messages); nullptr when the trees differ.
  const Comp* comp_of(icalcomponent* c, std::size_t* index = nullptr) const {
    if (!mapped_) {
      mapped_ = true;
      std::vector<icalcomponent*> tree;
      preorder(root_, tree);
      const auto order = libical_order(top_);
      if (tree.size() == order.size())
        for (std::size_t i = 0; i < tree.size(); ++i) lines_.emplace(tree[i], order[i]);
    }
    auto it = lines_.find(c);
    if (it == lines_.end()) return nullptr;
    if (index) *index = it->second;
    return &top_.comps[it->second];
  }
  template <class F>
  void for_properties(const Comp& comp, std::size_t index, F&& f) const {
    for (std::size_t j = comp.first_property; j < comp.last_property && j < top_.properties.size(); ++j)
      if (top_.properties[j].comp == index) f(top_.properties[j]);
  }

  std::size_t line_of(icalcomponent* c) const {
    const Comp* comp = comp_of(c);
    return comp ? comp->begin_line : fallback_line_;
  }
  std::size_t line_of(icalcomponent* c, std::string_view property) const {
    std::size_t index = 0;
    const Comp* comp = comp_of(c, &index);
    if (!comp) return fallback_line_;
    std::size_t found = 0;
    for_properties(*comp, index, [&](const Property& p) {
      if (!found && p.name == property) found = p.line;
    });
    return found ? found : comp->begin_line;
  }

  // The line of the property of `c` whose name the message mentions (the longest such name).
  std::size_t line_named_in(icalcomponent* c, std::string_view message) const {
    std::size_t index = 0;
    const Comp* comp = comp_of(c, &index);
    if (!comp) return fallback_line_;
    std::size_t best = comp->begin_line, best_length = 0;
    for_properties(*comp, index, [&](const Property& p) {
      if (p.name.size() > best_length && message.find(p.name) != std::string_view::npos) {
        best = p.line;
        best_length = p.name.size();
      }
    });
    return best;
  }

  bool has_errors(icalcomponent* c) {
    if (icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY)) return true;
    bool any = false;
    for_children(c, [&](icalcomponent* s) { any = any || has_errors(s); });
    return any;
  }

  // libical's X-LIC-ERROR notes of an event: errors if they hide busy time, else warnings.
  bool check_libical_errors(icalcomponent* c) {
    bool fatal = false;
    for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
      std::string message = shown(icalproperty_get_xlicerror(p) ? icalproperty_get_xlicerror(p) : "", 200);
      // An empty property ("RRULE:") says nothing: libical drops it, and so do we.
      bool empty = message.rfind("No value for ", 0) == 0;
      std::size_t line = line_named_in(c, message);
      if (essential(message) && !empty) {
        r_.error(line, std::string(icalcomponent_kind_to_string(icalcomponent_isa(c))) + ": " + message);
        fatal = true;
      } else {
        r_.warn(line, message + (empty ? " (ignored)" : ""));
      }
    }
    return fatal;
  }

  // The zone of a date-time property: UTC, its TZID, or the owner's zone for floating times.
  std::optional<Zone> zone_of(icalcomponent* c, icalproperty* p, const icaltimetype& t, const char* name) {
    if (icaltime_is_utc(t)) return Zone{nullptr, nullptr};
    icalparameter* tz = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    if (!tz || !icalparameter_get_tzid(tz)) return owner_;
    std::string_view tzid = icalparameter_get_tzid(tz);
    std::string why;
    auto z = zones_.resolve(tzid, why);
    if (!z) r_.error(line_of(c, name), std::string(name) + ": unknown time zone \"" + shown(tzid) + "\": " + why);
    return z;
  }

  static bool floating(icalproperty* p, const icaltimetype& t) {
    return !t.is_date && !icaltime_is_utc(t) && !icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
  }

  bool check_time(icalcomponent* c, const icaltimetype& t, const char* name) {
    if (icaltime_is_null_time(t) || !valid_fields(t)) {
      r_.error(line_of(c, name), std::string(name) + ": expected a date or date-time in years 0001-9999");
      return false;
    }
    return true;
  }

  void emit(Instant start, Instant end) { add_busy(r_.options, start, end, *out_, *events_); }

  // Charges `steps` recurrence steps to the file's budget; false (and an error) when it is spent
  // or the time limit has passed.
  bool over_budget(icalcomponent* c, std::size_t steps = 1) {
    const std::size_t before = instances_;
    instances_ += steps;
    if (instances_ > r_.options.limits.max_instances) {
      r_.error(line_of(c, "RRULE"), "recurrence expansion exceeds " + std::to_string(r_.options.limits.max_instances) +
                                        " steps in total (limit)");
      return true;
    }
    if ((steps > 1 || (before >> 10) != (instances_ >> 10)) && std::chrono::steady_clock::now() > deadline_) {
      r_.error(line_of(c, "RRULE"), "recurrence expansion takes longer than " +
                                        std::to_string(r_.options.limits.max_time.count()) + " ms (limit)");
      return true;
    }
    return false;
  }

  // The first property of each kind read_event looks at, found in one walk.
  struct EventProperties {
    icalproperty *xlicerror = nullptr, *status = nullptr, *transp = nullptr, *dtstart = nullptr, *dtend = nullptr,
                 *duration = nullptr, *rrule = nullptr, *rdate = nullptr, *exdate = nullptr;
  };
  static EventProperties properties_of(icalcomponent* ev) {
    EventProperties e;
    for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_ANY_PROPERTY)) {
      icalproperty** slot = nullptr;
      switch (icalproperty_isa(p)) {
        case ICAL_XLICERROR_PROPERTY: slot = &e.xlicerror; break;
        case ICAL_STATUS_PROPERTY: slot = &e.status; break;
        case ICAL_TRANSP_PROPERTY: slot = &e.transp; break;
        case ICAL_DTSTART_PROPERTY: slot = &e.dtstart; break;
        case ICAL_DTEND_PROPERTY: slot = &e.dtend; break;
        case ICAL_DURATION_PROPERTY: slot = &e.duration; break;
        case ICAL_RRULE_PROPERTY: slot = &e.rrule; break;
        case ICAL_RDATE_PROPERTY: slot = &e.rdate; break;
        case ICAL_EXDATE_PROPERTY: slot = &e.exdate; break;
        default: break;
      }
      if (slot && !*slot) *slot = p;
    }
    return e;
  }

  void read_event(icalcomponent* ev, std::vector<icalcomponent*>* overrides) {
    const EventProperties props = properties_of(ev);
    if (props.xlicerror && check_libical_errors(ev)) return;
    if (auto* s = props.status)
      if (icalproperty_get_status(s) == ICAL_STATUS_CANCELLED) {
        // A cancelled master cancels the series; its overrides go with it.
        return;
      }
    bool transparent = false;
    if (auto* t = props.transp)
      transparent = icalproperty_get_transp(t) == ICAL_TRANSP_TRANSPARENT ||
                    icalproperty_get_transp(t) == ICAL_TRANSP_TRANSPARENTNOCONFLICT;

    icalproperty* dtstart_p = props.dtstart;
    if (!dtstart_p) {
      r_.warn(line_of(ev), "VEVENT without DTSTART ignored (it has no time)");
      return;
    }
    icaltimetype dtstart = icalproperty_get_dtstart(dtstart_p);
    if (!check_time(ev, dtstart, "DTSTART")) return;
    auto zone = dtstart.is_date ? std::optional<Zone>(owner_) : zone_of(ev, dtstart_p, dtstart, "DTSTART");
    if (!zone) return;
    const bool all_day = dtstart.is_date;
    auto start_local = local_of(dtstart);
    icalproperty* dtend_p = props.dtend;
    icaltimetype dtend = dtend_p ? icalproperty_get_dtend(dtend_p) : icaltime_null_time();
    if (dtend_p && !check_time(ev, dtend, "DTEND")) return;
    std::optional<Zone> end_zone = zone;
    if (dtend_p && !dtend.is_date) {
      end_zone = zone_of(ev, dtend_p, dtend, "DTEND");
      if (!end_zone) return;
      // One floating end of a zoned event (exports that mix them): the other end's zone.
      if (!all_day && floating(dtstart_p, dtstart) && !floating(dtend_p, dtend)) zone = end_zone;
      if (!all_day && floating(dtend_p, dtend) && !floating(dtstart_p, dtstart)) end_zone = zone;
    }
    Instant start_utc = to_utc(start_local, *zone);

    // Length: DTEND - DTSTART, else DURATION, else one day (date) or nothing (date-time). An
    // all-day event's length is in local days (a day is 23 or 25 hours on DST days).
    seconds length{0};
    if (dtend_p) {
      if (all_day && dtend.is_date) length = local_of(dtend) - start_local;
      else if (all_day) length = to_local(to_utc(local_of(dtend), *end_zone), owner_) - start_local;
      else if (dtend.is_date) length = to_utc(local_of(dtend), owner_) - start_utc;
      else length = to_utc(local_of(dtend), *end_zone) - start_utc;
      if (length.count() < 0) {
        r_.error(line_of(ev, "DTEND"), "DTEND is before DTSTART");
        return;
      }
    } else if (icalproperty* dur_p = props.duration) {
      icaldurationtype d = icalproperty_get_duration(dur_p);
      long long secs = (static_cast<long long>(d.weeks) * 7 + d.days) * 86400LL + d.hours * 3600LL +
                       d.minutes * 60LL + d.seconds;
      if (d.is_neg || icaldurationtype_is_bad_duration(d) || secs > 366LL * 86400 * 10) {
        r_.error(line_of(ev, "DURATION"), "DURATION: expected a positive length of at most ten years");
        return;
      }
      length = seconds{secs};
    } else if (all_day) {
      length = std::chrono::hours{24};
    }
    if (transparent || length.count() == 0) {
      // Free time or an instant: blocks nothing. Overrides of it may still be busy.
      if (overrides)
        for (icalcomponent* o : *overrides) read_event(o, nullptr);
      return;
    }

    // The occurrences: DTSTART, RRULE, RDATE, minus EXDATE and overridden ones.
    std::vector<Occurrence> starts;
    bool recurring = false;
    for (icalproperty* p = props.rrule ? icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY) : nullptr; p;
         p = icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY)) {
      recurring = true;
      if (!expand_rrule(ev, p, dtstart, *zone, length, starts)) return;
    }
    // The RDATEs are listed first: exclusions_of() walks the EXDATEs with the component's one
    // property iterator, which would end this walk after the first RDATE.
    std::vector<icalproperty*> rdates;
    for (icalproperty* p = props.rdate ? icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY) : nullptr; p;
         p = icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY))
      rdates.push_back(p);
    const Exclusions excluded = exclusions_of(ev, props.exdate != nullptr, overrides);
    for (icalproperty* p : rdates) {
      recurring = true;
      icaldatetimeperiodtype v = icalproperty_get_rdate(p);
      icaltimetype t = icaltime_is_null_time(v.time) ? v.period.start : v.time;
      if (!check_time(ev, t, "RDATE")) return;
      auto rz = t.is_date ? std::optional<Zone>(owner_) : zone_of(ev, p, t, "RDATE");
      if (!rz) return;
      auto local = local_of(t);
      Instant utc = to_utc(local, *rz);
      if (!icaltime_is_null_time(v.period.end) && valid_fields(v.period.end)) {
        // RDATE;VALUE=PERIOD: its own end.
        if (!excluded(local, utc, all_day)) emit(utc, to_utc(local_of(v.period.end), *rz));
        continue;
      }
      if (!icaltime_is_null_time(v.time) || icaldurationtype_as_int(v.period.duration) <= 0) {
        starts.push_back({local, utc});
      } else {
        if (!excluded(local, utc, all_day))
          emit(utc, utc + seconds{icaldurationtype_as_int(v.period.duration)});
      }
    }
    if (!recurring) starts.push_back({start_local, start_utc});
    // Sorted (the rule's occurrences mostly are already); RFC 5545: DTSTART is the first
    // occurrence even when the RRULE does not match it.
    auto by_utc = [](const Occurrence& a, const Occurrence& b) { return a.utc < b.utc; };
    if (!std::is_sorted(starts.begin(), starts.end(), by_utc)) std::sort(starts.begin(), starts.end(), by_utc);
    if (recurring) {
      const Occurrence first{start_local, start_utc};
      auto at = std::lower_bound(starts.begin(), starts.end(), first, by_utc);
      if (at == starts.end() || at->utc != start_utc) starts.insert(at, first);
    }
    starts.erase(std::unique(starts.begin(), starts.end(), [](const Occurrence& a, const Occurrence& b) { return a.utc == b.utc; }),
                 starts.end());

    for (const auto& o : starts) {
      if (excluded(o.local, o.utc, all_day)) continue;
      if (all_day) emit(to_utc(o.local, owner_), to_utc(o.local + length, owner_));
      else emit(o.utc, o.utc + length);
    }
    if (overrides)
      for (icalcomponent* o : *overrides) read_event(o, nullptr);
  }

  bool expand_rrule(icalcomponent* ev, icalproperty* p, icaltimetype dtstart, const Zone& zone, seconds length,
                    std::vector<Occurrence>& starts) {
    icalrecurrencetype rule = icalproperty_get_rrule(p);
    if (rule.freq == ICAL_NO_RECURRENCE) {
      r_.error(line_of(ev, "RRULE"), "RRULE: no FREQ");
      return false;
    }
    if (rule.interval < 1) {
      r_.error(line_of(ev, "RRULE"), "RRULE: INTERVAL must be 1 or more");
      return false;
    }
    // An UNTIL in UTC against a local DTSTART: compare in the event's wall clock.
    if (!icaltime_is_null_time(rule.until) && icaltime_is_utc(rule.until) && !dtstart.is_date && !icaltime_is_utc(dtstart) &&
        valid_fields(rule.until)) {
      rule.until = ical_time(to_local(Instant{local_of(rule.until).time_since_epoch()}, zone), false);
    }
    const Zone& occurrence_zone = dtstart.is_date ? owner_ : zone;
    // The earliest start that can still reach into the window (a day of margin for zone offsets).
    const Instant reach = r_.options.window_start - length - std::chrono::days{1};
    if (auto step = simple_step(rule, dtstart)) return expand_simple(ev, rule, dtstart, *step, occurrence_zone, length, reach, starts);
    // One call of libical's iterator searches step by step (a second, minute, hour or day at a
    // time) for the next occurrence, and only UNTIL stops a search whose BY parts rarely or never
    // match (FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30 searches for centuries). So every search ends at
    // the window: UNTIL no later than its end (a day of margin), COUNT counted here (libical
    // refuses COUNT with UNTIL; the first COUNT occurrences are the same either way), and, for a
    // rule whose BY parts can skip whole days, the steps up to UNTIL charged to the budget before
    // the search starts.
    const int count = rule.count;
    const auto last_local = to_local(r_.options.window_end + std::chrono::days{1}, occurrence_zone);
    if (icaltime_is_null_time(rule.until) || (valid_fields(rule.until) && local_of(rule.until) > last_local)) {
      rule.count = 0;
      rule.until = ical_time(last_local, dtstart.is_date);
    }
    icaltimetype floating = dtstart;
    floating.zone = nullptr;
    std::unique_ptr<icalrecur_iterator, void (*)(icalrecur_iterator*)> it{icalrecur_iterator_new(rule, floating),
                                                                          icalrecur_iterator_free};
    if (!it) {
      r_.error(line_of(ev, "RRULE"), "RRULE: libical cannot expand this rule");
      return false;
    }
    // Without COUNT the iterator can start at the window rather than step (each step through
    // ICU's calendar) from DTSTART, perhaps years before it. COUNT needs every step. The start is
    // a step of DTSTART's own grid: libical's iterator steps INTERVAL units from wherever it
    // starts. With an INTERVAL, months and years (of varying length) and days or hours that BY
    // parts skip (libical moves on from the next matching day) step from DTSTART.
    auto search_from = local_of(dtstart);
    const bool fixed_steps = rule.freq != ICAL_MONTHLY_RECURRENCE && rule.freq != ICAL_YEARLY_RECURRENCE;
    const bool may_jump = rule.interval == 1 || rule.freq == ICAL_WEEKLY_RECURRENCE || (fixed_steps && !skips_days(rule));
    if (count == 0 && may_jump && to_utc(local_of(dtstart), occurrence_zone) < reach) {
      auto start = to_local(reach, occurrence_zone);
      if (fixed_steps) {
        const std::chrono::seconds grid{frequency_seconds(rule.freq) * rule.interval};
        start = search_from + (start - search_from) / grid * grid;
      }
      icaltimetype from = ical_time(start, dtstart.is_date);
      if (icalrecur_iterator_set_start(it.get(), from)) {
        search_from = local_of(from);
      } else {
        icalerror_clear_errno();
        it.reset(icalrecur_iterator_new(rule, floating));
      }
    }
    if (skips_days(rule) && valid_fields(rule.until) && local_of(rule.until) > search_from) {
      const std::int64_t step = frequency_seconds(rule.freq) * rule.interval;
      if (over_budget(ev, static_cast<std::size_t>((local_of(rule.until) - search_from).count() / step))) return false;
    }
    int returned = 0;
    for (icaltimetype t = icalrecur_iterator_next(it.get()); !icaltime_is_null_time(t);
         t = icalrecur_iterator_next(it.get())) {
      if (count > 0 && returned++ == count) break;
      if (over_budget(ev)) return false;
      if (!valid_fields(t)) break;
      auto local = local_of(t);
      Instant utc = dtstart.is_date ? to_utc(local, owner_) : to_utc(local, zone);
      if (utc >= r_.options.window_end) break;
      if (utc + length <= r_.options.window_start) continue;
      starts.push_back({local, utc});
    }
    return true;
  }

  // The occurrences of a rule simple_step() accepts, from the first that can reach the window
  // (the index is known, so COUNT needs no stepping from DTSTART) to the window's end: the same
  // as libical's iterator gives (tested against it), without its per-step calendar arithmetic.
  bool expand_simple(icalcomponent* ev, const icalrecurrencetype& rule, const icaltimetype& dtstart,
                     std::chrono::days step, const Zone& zone, seconds length, Instant reach,
                     std::vector<Occurrence>& starts) {
    const auto first = local_of(dtstart);
    std::optional<std::chrono::local_seconds> until;
    if (!icaltime_is_null_time(rule.until)) until = local_of(rule.until);
    std::int64_t k = 0;
    if (Instant at = to_utc(first, zone); at < reach)
      k = std::chrono::floor<std::chrono::days>(reach - at).count() / step.count();
    const auto last_day = std::chrono::local_days{std::chrono::year{9999} / 12 / 31};
    for (;; ++k) {
      if (rule.count > 0 && k >= rule.count) break;
      if (k > (last_day - std::chrono::floor<std::chrono::days>(first)).count() / step.count()) break;
      auto local = first + step * k;
      if (until && local > *until) break;
      if (over_budget(ev)) return false;
      Instant utc = to_utc(local, zone);
      if (utc >= r_.options.window_end) break;
      if (utc + length <= r_.options.window_start) continue;
      starts.push_back({local, utc});
    }
    return true;
  }

  // True if an EXDATE or an override (RECURRENCE-ID) removes this occurrence.
  // What removes occurrences of an event: its EXDATEs and the RECURRENCE-IDs of its overrides,
  // read once per event (each zone resolved and each warning given once, not per occurrence).
  struct Exclusions {
    std::vector<std::chrono::local_days> days;  // DATE values: every occurrence on that (local) day
    std::vector<Instant> instants;              // DATE-TIME values: the occurrence at that instant
    bool operator()(std::chrono::local_seconds local, Instant utc, bool all_day) const {
      const auto day = std::chrono::floor<std::chrono::days>(local);
      if (std::find(days.begin(), days.end(), day) != days.end()) return true;
      return !all_day && std::binary_search(instants.begin(), instants.end(), utc);
    }
  };
  Exclusions exclusions_of(icalcomponent* ev, bool exdates, std::vector<icalcomponent*>* overrides) {
    Exclusions out;
    auto add = [&](icalcomponent* c, icalproperty* p, icaltimetype t, const char* name) {
      if (!valid_fields(t)) return;
      if (t.is_date) {
        out.days.push_back(std::chrono::floor<std::chrono::days>(local_of(t)));
        return;
      }
      std::string why;
      icalparameter* tz = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
      std::optional<Zone> z;
      if (icaltime_is_utc(t)) z = Zone{nullptr, nullptr};
      else if (tz && icalparameter_get_tzid(tz)) z = zones_.resolve(icalparameter_get_tzid(tz), why);
      else z = owner_;
      if (!z) {
        r_.warn(line_of(c, name), std::string(name) + ": unknown time zone, ignored");
        return;
      }
      out.instants.push_back(to_utc(local_of(t), *z));
    };
    for (icalproperty* p = exdates ? icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY) : nullptr; p;
         p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY))
      add(ev, p, icalproperty_get_exdate(p), "EXDATE");
    if (overrides)
      for (icalcomponent* o : *overrides) {
        icalproperty* p = icalcomponent_get_first_property(o, ICAL_RECURRENCEID_PROPERTY);
        if (!p) continue;
        if (icalproperty_get_first_parameter(p, ICAL_RANGE_PARAMETER))
          r_.warn(line_of(o, "RECURRENCE-ID"), "RECURRENCE-ID;RANGE=THISANDFUTURE is read as this occurrence only");
        add(o, p, icalproperty_get_recurrenceid(p), "RECURRENCE-ID");
      }
    std::sort(out.instants.begin(), out.instants.end());
    return out;
  }

  void read_freebusy(icalcomponent* c) {
    if (check_libical_errors(c)) return;
    for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_FREEBUSY_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_FREEBUSY_PROPERTY)) {
      if (icalparameter* t = icalproperty_get_first_parameter(p, ICAL_FBTYPE_PARAMETER))
        if (icalparameter_get_fbtype(t) == ICAL_FBTYPE_FREE) continue;
      icalperiodtype period = icalproperty_get_freebusy(p);
      if (!check_time(c, period.start, "FREEBUSY")) return;
      Zone utc{nullptr, nullptr};
      const Zone& z = icaltime_is_utc(period.start) ? utc : owner_;
      Instant start = to_utc(local_of(period.start), z);
      Instant end = start;
      if (!icaltime_is_null_time(period.end) && valid_fields(period.end))
        end = to_utc(local_of(period.end), icaltime_is_utc(period.end) ? utc : owner_);
      else
        end = start + seconds{icaldurationtype_as_int(period.duration)};
      if (end < start) {
        r_.error(line_of(c, "FREEBUSY"), "FREEBUSY: a period that ends before it starts");
        return;
      }
      emit(start, end);
    }
  }

  Reader& r_;
  const Top& top_;
  icalcomponent* root_;
  mutable bool mapped_ = false;
  mutable std::unordered_map<icalcomponent*, std::size_t> lines_;
  Zone owner_;
  Zones zones_;
  std::size_t& instances_;
  std::chrono::steady_clock::time_point deadline_;
  std::size_t fallback_line_ = 0;
  std::vector<BusyInterval>* out_ = nullptr;
  std::size_t* events_ = nullptr;
};

}  // namespace

CalendarBusy read_calendar_text(std::string_view text, std::string_view source, const CalendarOptions& options) {
  if (text.size() > options.limits.max_bytes)
    throw ValidationError(std::string(source), "", "larger than " + std::to_string(options.limits.max_bytes) + " bytes (limit)");
  Zone owner{nullptr, nullptr};
  if (!options.timezone.empty()) {
    owner.iana = find_iana(options.timezone);
    if (!owner.iana) throw Error("unknown time zone \"" + options.timezone + "\"");
  }
  // This thread's buffers (a fresh set if they are in use: never, unless libical calls back).
  thread_local Scratch kept;
  std::optional<Scratch> own;
  Scratch& scratch = kept.in_use ? own.emplace() : kept;
  scratch.in_use = true;
  struct Release {
    Scratch& s;
    ~Release() {
      s.in_use = false;
      s.trim();
    }
  } release{scratch};
  Reader r{std::string(source), options, scratch};
  r.owner = owner.iana;
  const std::size_t ntops = r.prescan(text);
  CalendarBusy result;
  result.busy = std::move(r.busy);
  result.events = r.events;
  std::size_t instances = 0;
  auto deadline = std::chrono::steady_clock::now() + options.limits.max_time;
  for (std::size_t t = 0; t < ntops; ++t) {
    Top& top = scratch.tops[t];
    std::size_t line = top.comps.front().begin_line;
    ComponentPtr root{parse(top.text)};
    icalerror_clear_errno();
    if (top.prescanned && !same_tree(top, root.get())) {
      // libical splits this text into other components than the pre-scan did (a broken BEGIN
      // or END line), so plain events may not be what they seemed: libical reads them all.
      CalendarOptions all = options;
      all.prescan_plain_events = false;
      return read_calendar_text(text, source, all);
    }
    if (!root) {
      r.error(line, "libical could not parse BEGIN:" + shown(top.comps.front().name));
      continue;
    }
    std::vector<icalcomponent*> components;
    switch (icalcomponent_isa(root.get())) {
      case ICAL_VCALENDAR_COMPONENT:
        for_children(root.get(), [&](icalcomponent* c) { components.push_back(c); });
        break;
      case ICAL_VEVENT_COMPONENT:  // a lone event (some programs export one event this way)
      case ICAL_VFREEBUSY_COMPONENT:
      case ICAL_VTIMEZONE_COMPONENT:
        components.push_back(root.get());
        break;
      default:
        r.warn(line, "top-level BEGIN:" + shown(top.comps.front().name) +
                         " ignored (expected VCALENDAR, VEVENT or VFREEBUSY)");
        continue;
    }
    CalendarReader reader(r, top, root.get(), owner, instances, deadline);
    reader.read(components, result.busy, result.events);
  }
  if (!r.errors.empty()) throw ValidationError(std::move(r.errors));
  result.busy = merge_intervals(std::move(result.busy));
  result.warnings = std::move(r.warnings);
  result.prescanned = r.prescanned;
  return result;
}

CalendarBusy read_calendar(const std::filesystem::path& path, const CalendarOptions& options) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > options.limits.max_bytes)
    throw ValidationError(path.string(), "", "larger than " + std::to_string(options.limits.max_bytes) + " bytes (limit)");
  // Each thread reads its files into one buffer (kept unless a file made it large).
  thread_local std::string text;
  struct Trim {
    ~Trim() {
      if (text.capacity() > (std::size_t{4} << 20)) std::string().swap(text);
    }
  } trim;
  partnerkit::detail::read_file(path, text);
  return read_calendar_text(text, path.string(), options);
}

}  // namespace partnerkit::meetings
