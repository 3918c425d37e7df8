// Meeting plans: generation, from a document, checks.
#include "partnerkit/meetings/plan.hpp"

#include <algorithm>

namespace partnerkit::meetings {

const char* to_string(Cadence c) { return c == Cadence::quarterly ? "quarterly" : "monthly"; }
const char* to_string(Phase p) { return p == Phase::sustaining ? "sustaining" : "formation"; }

namespace {
template <class T>
const T* by_id(const std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

const PlannedMeeting* Plan::find_meeting(std::string_view id) const { return by_id(meetings, id); }
const Agenda* Plan::find_agenda(std::string_view id) const { return by_id(agendas, id); }
const Person* Plan::find_person(std::string_view id) const { return by_id(people, id); }

}  // namespace partnerkit::meetings
