// Loads the partnership document given as argv[1] and prints its name and counts.
#include <cstring>
#include <iostream>

#include <partnerkit/partnerkit.hpp>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer DOCUMENT.json\n";
    return 2;
  }
  try {
    partnerkit::Partnership p = partnerkit::load(argv[1]);
    std::cout << "partnerkit " << partnerkit::version << "\n"
              << "name: " << p.name << "\n"
              << "organizations: " << p.organizations.size() << "\n"
              << "people: " << p.people.size() << "\n"
              << "relationships: " << p.relationships.size() << "\n"
              << "meetings: " << p.meetings.size() << "\n"
              << "events: " << p.events.size() << "\n"
              << "availability: " << p.availability.size() << "\n"
              << "worksheets: " << p.worksheets.size() << "\n"
              << "ideas: " << p.ideas.size() << "\n";
    // The version macros and the constant agree.
    return std::strcmp(partnerkit::version, PARTNERKIT_VERSION_STRING) == 0 ? 0 : 1;
  } catch (const partnerkit::Error& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
}
