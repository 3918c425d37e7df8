// partnerkit schedule FILE --meeting ID [--calendar PERSON=FILE.ics]... [--top N] [--format text|json]
#include <iomanip>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "partnerkit/meetings/schedule.hpp"

namespace partnerkit::cli {
namespace {

using meetings::Instant;

std::string clock(Instant t, const std::string& tz) { return meetings::format_in_zone(t, tz).substr(11); }

void print_text(std::ostream& out, const Partnership& p, const meetings::Schedule& s) {
  const auto& r = s.request;
  auto names = [&](const std::vector<std::string>& ids) {
    std::string text;
    for (const auto& id : ids) {
      const Person* person = p.find_person(id);
      text += (text.empty() ? "" : ", ") + (person ? person->name + " (" + id + ")" : id);
    }
    return text.empty() ? std::string("-") : text;
  };
  out << "meeting " << (s.meeting.empty() ? std::string("(ad hoc)") : s.meeting) << ", "
      << format_duration(r.query.duration) << ", between " << meetings::format_in_zone(r.query.window_start, s.timezone)
      << " and " << meetings::format_in_zone(r.query.window_end, s.timezone) << " " << s.timezone << "\n";
  out << "required: " << names(r.required) << "\noptional: " << names(r.optional) << "\n";
  if (s.slots.empty()) out << "\nno slot fits\n";
  for (std::size_t i = 0; i < s.slots.size(); ++i) {
    const auto& x = s.slots[i];
    out << "\n" << i + 1 << ". " << meetings::format_in_zone(x.start, s.timezone) << "-" << clock(x.end, s.timezone)
        << " " << s.timezone << " (" << meetings::format_utc(x.start) << "): " << x.attending.size() << " of "
        << x.attending.size() + x.missing.size() << " attending, " << x.required_attending << " of "
        << x.required_total << " required\n";
    std::string locals;
    for (const auto& id : x.attending) {
      const auto& tz = s.timezones.at(id);
      if (tz != s.timezone) locals += (locals.empty() ? "" : ", ") + id + " " + clock(x.start, tz) + " " + tz;
    }
    if (!locals.empty()) out << "   local times: " << locals << "\n";
    if (!x.missing.empty()) out << "   missing: " << names(x.missing) << "\n";
  }
  if (!s.reasons.empty()) {
    out << "\nwhy:\n";
    for (const auto& reason : s.reasons) out << "  - " << reason << "\n";
  }
  for (const auto& w : s.warnings) out << "note: " << w.str() << "\n";
}

// YYYY-MM-DD (midnight; `end`: the midnight after) or YYYY-MM-DDTHH:MM in zone `tz`.
std::optional<Instant> parse_bound(const std::string& text, const std::string& tz, bool end) {
  std::optional<LocalDateTime> local;
  if (auto d = parse_date(text)) local = std::chrono::local_days{*d} + std::chrono::days{end ? 1 : 0};
  else local = parse_local_datetime(text);
  if (!local) return std::nullopt;
  return meetings::utc_of(*local, tz);
}

}  // namespace

void add_schedule(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("schedule", "Best times for a meeting across participants' zones, hours and calendars")
                  ->footer("Example:\n  partnerkit schedule partnership.json --meeting m1 --calendar ed=ed.ics --top 3\n"
                           "Slots are ranked by required participants, then share of attendees, then the earliest;\n"
                           "each lists who is missing. When nothing fits the output says why.");
  struct Options {
    std::string file, meeting, format = "text", output, from, to, duration;
    std::vector<std::string> calendars, required, optional;
    std::size_t top = 5;
    double min_share = 0;
    bool allow_missing = false;
    int granularity = 15;
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("file", opts->file, "Partnership document; - reads standard input")->required();
  cmd->add_option("--meeting", opts->meeting, "Id of the meeting to schedule (its participants are required)")->required();
  cmd->add_option("--calendar", opts->calendars, "PERSON=FILE.ics: a calendar export for a person (repeatable)");
  cmd->add_option("--top", opts->top, "How many slots")->capture_default_str()->check(CLI::Range(1, 1000));
  cmd->add_option("--from", opts->from, "Window start, YYYY-MM-DD[THH:MM] in the meeting's zone (default: the meeting's day)");
  cmd->add_option("--to", opts->to, "Window end, YYYY-MM-DD (inclusive) or YYYY-MM-DDTHH:MM (default: 14 days after --from)");
  cmd->add_option("--duration", opts->duration, "Length, ISO 8601 such as PT1H30M (default: the meeting's, else PT1H)");
  cmd->add_option("--required", opts->required, "Person id that must attend, instead of the meeting's participants (repeatable)");
  cmd->add_option("--optional", opts->optional, "Person id who may attend (repeatable)");
  cmd->add_option("--min-share", opts->min_share, "Least share of invited people attending, 0-1")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--allow-missing-required", opts->allow_missing, "Also list slots a required participant cannot attend");
  cmd->add_option("--granularity", opts->granularity, "Slots start on multiples of this many minutes")
      ->capture_default_str()->check(CLI::Range(1, 1440));
  cmd->add_option("--format", opts->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->add_option("-o,--output", opts->output, "Write the output to this file (atomically) instead of standard output");
  cmd->callback([opts, &exit_code] {
    try {
      Partnership p = load_input(opts->file);
      meetings::MeetingRequest r = meetings::request_for(p, opts->meeting);
      const Meeting* m = p.find_meeting(opts->meeting);
      std::string tz = m->timezone.value_or(p.timezone.value_or("UTC"));
      auto bad = [&](const std::string& what) {
        std::cerr << "partnerkit schedule: " << what << "\n";
        exit_code = bad_input;
      };
      if (!opts->duration.empty()) {
        auto d = parse_duration(opts->duration);
        if (!d || d->count() == 0) return bad("--duration: expected an ISO 8601 duration such as PT1H30M, got \"" + opts->duration + "\"");
        r.query.duration = *d;
      }
      if (!opts->from.empty()) {
        auto t = parse_bound(opts->from, tz, false);
        if (!t) return bad("--from: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM, got \"" + opts->from + "\"");
        r.query.window_end = *t + (r.query.window_end - r.query.window_start);
        r.query.window_start = *t;
      }
      if (!opts->to.empty()) {
        auto t = parse_bound(opts->to, tz, true);
        if (!t) return bad("--to: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM, got \"" + opts->to + "\"");
        r.query.window_end = *t;
      }
      if (r.query.window_end < r.query.window_start) return bad("--to: the window ends before it starts");
      if (!opts->required.empty()) r.required = opts->required;
      r.optional = opts->optional;
      r.query.top = opts->top;
      r.query.min_share = opts->min_share;
      r.query.require_all = !opts->allow_missing;
      r.query.granularity = Minutes{opts->granularity};
      meetings::ScheduleOptions o;
      if (opts->file != "-") o.base_dir = std::filesystem::path(opts->file).parent_path();
      for (const auto& spec : opts->calendars) {
        auto eq = spec.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
          return bad("--calendar: expected PERSON=FILE.ics, got \"" + spec + "\"");
        o.calendars[spec.substr(0, eq)] = spec.substr(eq + 1);
      }
      meetings::Schedule s = meetings::schedule(p, r, o);
      std::ostringstream text;
      if (opts->format == "json") {
        auto out = meetings::to_json(s);
        out["file"] = opts->file;
        text << out.dump(2) << "\n";
      } else {
        print_text(text, p, s);
      }
      write_output(opts->output, text.str());
    } catch (const ValidationError& e) {
      for (const auto& issue : e.errors()) std::cout << issue.str() << '\n';
      exit_code = bad_input;
    }
  });
}

}  // namespace partnerkit::cli
