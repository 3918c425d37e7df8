// Loads a partnership document and prints who is at the table.
//   build/dev/examples/cpp/summary examples/partnerships/state-cac-voca.json
#include <iostream>

#include <partnerkit/partnerkit.hpp>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: summary DOCUMENT.json\n";
    return 2;
  }
  try {
    partnerkit::Partnership p = partnerkit::load(argv[1]);
    std::cout << p.name << "\n";
    for (const auto& org : p.organizations) {
      int people = 0, deciders = 0;
      for (const auto& person : p.people)
        if (person.organization == org.id) {
          ++people;
          deciders += person.decision_maker;
        }
      std::cout << "  " << org.id << (org.core ? " (core)" : "") << ": " << people << " people, " << deciders
                << " decision-makers\n";
    }
  } catch (const partnerkit::ValidationError& e) {
    std::cerr << e.what() << "\n";  // every problem, one line each: FILE: /pointer: message
    return 2;
  }
}
