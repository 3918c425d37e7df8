// The predicates of readiness criteria. Each explains itself when false, naming who or what is missing.
#include "partnerkit/process/criteria.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "partnerkit/core/error.hpp"
#include "process/detail.hpp"

namespace partnerkit::process {
namespace detail {

Date day_of(LocalDateTime t) { return Date{std::chrono::floor<std::chrono::days>(t)}; }

std::vector<const Meeting*> meetings_of_kind(const Partnership& p, std::string_view kind) {
  std::vector<const Meeting*> out;
  for (const auto& m : p.meetings)
    if (m.kind == kind && m.status != MeetingStatus::cancelled && m.start) out.push_back(&m);
  std::stable_sort(out.begin(), out.end(), [](const Meeting* a, const Meeting* b) { return *a->start < *b->start; });
  return out;
}

bool held_by(const Meeting& m, Date on) {
  return m.status == MeetingStatus::held && (!m.start || day_of(*m.start) <= on);
}

std::vector<const char*> required_parameters(std::string_view predicate) {
  if (predicate == "meeting_planned" || predicate == "meeting_held" || predicate == "ties_of_kind") return {"kind"};
  if (predicate == "roster_covers") return {"categories"};
  return {};
}

}  // namespace detail

namespace {

using detail::day_of;
using detail::held_by;

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

int int_param(const Criterion& c, const char* key, int fallback) {
  auto it = c.params.find(key);
  return it != c.params.end() && it->is_number_integer() ? it->get<int>() : fallback;
}

std::string text_param(const Criterion& c, const char* key, const std::string& fallback) {
  auto it = c.params.find(key);
  return it != c.params.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::string count_of(std::size_t n, const std::string& what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

}  // namespace

const std::vector<std::string>& predicate_names() {
  static const std::vector<std::string> names{"event_recorded",      "core_decision_makers", "facilitator_named",
                                              "meeting_planned",     "meeting_held",         "worksheets_complete",
                                              "connecting_call_after", "roster_covers",      "ideas_voted",
                                              "ties_of_kind"};
  return names;
}

CriterionResult evaluate(const Criterion& c, const Partnership& p, const Activity& activity, Date on) {
  CriterionResult r{c.predicate, true, "", {}};
  auto fail = [&](std::string reason) {
    r.holds = false;
    r.reasons.push_back(std::move(reason));
  };
  for (const char* key : detail::required_parameters(c.predicate))
    if (!c.params.contains(key)) throw ValidationError("<template>", "", c.predicate + " needs the parameter \"" + key + "\"");

  if (c.predicate == "event_recorded") {
    std::string id = text_param(c, "activity", activity.id);
    r.description = "an event records " + id;
    bool found = std::any_of(p.events.begin(), p.events.end(), [&](const Event& e) { return e.activity == id && e.date <= on; });
    if (!found) fail("no event records " + id + " on or before " + format_date(on));
  } else if (c.predicate == "core_decision_makers") {
    r.description = "each core organization has a decision-maker on the roster";
    bool any_core = false;
    for (const auto& org : p.organizations) {
      if (!org.core) continue;
      any_core = true;
      bool has = std::any_of(p.people.begin(), p.people.end(),
                             [&](const Person& x) { return x.organization == org.id && x.decision_maker; });
      if (!has) fail(org.id + " has no decision-maker on the roster");
    }
    if (!any_core) fail("no organization is marked core");
  } else if (c.predicate == "facilitator_named") {
    r.description = "a facilitator is named";
    bool named = std::any_of(p.people.begin(), p.people.end(), [&](const Person& x) {
      const Organization* org = p.find_organization(x.organization);
      return x.facilitator || (org && org->category == "facilitator");
    });
    if (!named) fail("no facilitator is named (a person marked facilitator, or of an organization of category facilitator)");
  } else if (c.predicate == "meeting_planned" || c.predicate == "meeting_held") {
    bool held = c.predicate == "meeting_held";
    std::string kind = text_param(c, "kind", "");
    int want = int_param(c, "count", 1);
    std::size_t n = 0;
    if (held) {
      for (const auto& m : p.meetings) n += m.kind == kind && held_by(m, on);  // held without a start counts
    } else {
      n = detail::meetings_of_kind(p, kind).size();
    }
    std::string verb = held ? "held" : "planned";
    r.description = count_of(static_cast<std::size_t>(want), kind + " meeting") + " " + verb;
    if (n < static_cast<std::size_t>(want))
      fail(count_of(n, kind + " meeting") + " " + verb + (held ? " by " + format_date(on) : "") + ", " + std::to_string(want) + " needed");
  } else if (c.predicate == "worksheets_complete") {
    std::string kind = text_param(c, "kind", "in-person");
    int nth = int_param(c, "nth", 1);
    r.description = "every organization at " + kind + " meeting #" + std::to_string(nth) +
                    " (but the facilitator's) has a worksheet for it";
    auto meetings = detail::meetings_of_kind(p, kind);
    if (meetings.size() < static_cast<std::size_t>(nth)) {
      fail("there is no " + kind + " meeting #" + std::to_string(nth) + " with a start time");
    } else {
      const Meeting& m = *meetings[static_cast<std::size_t>(nth - 1)];
      if (!held_by(m, on)) {
        fail(m.id + " has not been held by " + format_date(on));
        return r;
      }
      std::vector<std::string> orgs;
      // Facilitators (people marked so, or of a facilitator organization) fill no worksheet.
      for (const auto& id : m.participants) {
        const Person* person = p.find_person(id);
        if (!person || person->facilitator) continue;
        const Organization* org = p.find_organization(person->organization);
        if (org && org->category == "facilitator") continue;
        if (std::find(orgs.begin(), orgs.end(), person->organization) == orgs.end()) orgs.push_back(person->organization);
      }
      if (orgs.empty()) fail(m.id + " lists no participants");
      for (const auto& org : orgs) {
        bool has = std::any_of(p.worksheets.begin(), p.worksheets.end(),
                               [&](const Worksheet& w) { return w.organization == org && w.session == m.id; });
        if (!has) fail(org + " has no worksheet for " + m.id);
      }
    }
  } else if (c.predicate == "connecting_call_after") {
    int days = int_param(c, "days", 28);
    r.description = "a connecting call is held within " + std::to_string(days) + " days after each in-person meeting";
    auto in_person = detail::meetings_of_kind(p, "in-person");
    auto calls = detail::meetings_of_kind(p, "connecting-call");
    bool any = false;
    for (const Meeting* m : in_person) {
      if (!held_by(*m, on)) continue;
      any = true;
      auto from = std::chrono::sys_days{day_of(*m->start)};
      auto until = from + std::chrono::days{days};
      bool called = std::any_of(calls.begin(), calls.end(), [&](const Meeting* call) {
        auto d = std::chrono::sys_days{day_of(*call->start)};
        return held_by(*call, on) && d > from && d <= until;
      });
      if (!called && until <= std::chrono::sys_days{on})
        fail("no connecting call was held within " + std::to_string(days) + " days after " + m->id + " (" +
             format_date(day_of(*m->start)) + ")");
    }
    if (!any) fail("no in-person meeting has been held by " + format_date(on));
  } else if (c.predicate == "roster_covers") {
    std::vector<std::string> categories = c.params.value("categories", std::vector<std::string>{});
    std::string list;
    for (const auto& cat : categories) list += (list.empty() ? "" : ", ") + cat;
    r.description = "the roster covers " + list;
    for (const auto& cat : categories) {
      bool covered = std::any_of(p.organizations.begin(), p.organizations.end(), [&](const Organization& org) {
        return org.category == cat && std::any_of(p.people.begin(), p.people.end(),
                                                  [&](const Person& x) { return x.organization == org.id; });
      });
      if (!covered) fail("no organization of category " + cat + " has anyone on the roster");
    }
  } else if (c.predicate == "ideas_voted") {
    int want = int_param(c, "count", 1);
    r.description = count_of(static_cast<std::size_t>(want), "idea") + " with votes";
    // An idea from a session counts once that meeting is held.
    auto n = static_cast<std::size_t>(std::count_if(p.ideas.begin(), p.ideas.end(), [&](const Idea& i) {
      const Meeting* session = i.session ? p.find_meeting(*i.session) : nullptr;
      bool voted = i.votes.exciting > 0 || i.votes.better > 0 || i.votes.doable > 0 || i.votes.dots > 0;
      return voted && (!session || held_by(*session, on));
    }));
    if (n < static_cast<std::size_t>(want)) fail(count_of(n, "idea") + (n == 1 ? " carries" : " carry") + " votes, " + std::to_string(want) + " needed");
  } else if (c.predicate == "ties_of_kind") {
    std::string kind = text_param(c, "kind", "");
    int want = int_param(c, "count", 1);
    r.description = count_of(static_cast<std::size_t>(want), kind + " tie");
    auto n = static_cast<std::size_t>(std::count_if(p.relationships.begin(), p.relationships.end(), [&](const Relationship& t) {
      return t.kind == kind && (!t.observed || *t.observed <= on);
    }));
    if (n < static_cast<std::size_t>(want)) fail(count_of(n, kind + " tie") + " recorded, " + std::to_string(want) + " needed");
  } else {
    throw ValidationError("<template>", "", "expected a known predicate, got " + quoted(c.predicate));
  }
  return r;
}

}  // namespace partnerkit::process
