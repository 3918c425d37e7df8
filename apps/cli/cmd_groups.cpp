// partnerkit groups FILE --meeting ID --groups K [--seed N] [--apart A,B]... [--together A,B,...]...
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "partnerkit/stakeholders/groups.hpp"

namespace partnerkit::cli {
namespace {

std::vector<std::string> split_ids(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string id;
  while (std::getline(in, id, ','))
    if (!id.empty()) out.push_back(id);
  return out;
}

}  // namespace

void add_groups(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("groups", "Split a meeting's participants into breakout groups that mix agencies")
                  ->footer("Example:\n  partnerkit groups examples/partnerships/state-cac-voca.json --meeting m2 --groups 2 --seed 7\n"
                           "Groups differ in size by at most one; the score counts pairs from different organizations\n"
                           "plus pairs with no existing tie. The same seed gives the same groups.");
  struct Options {
    std::string file, meeting, format = "text", out;
    std::size_t groups = 2, iterations = stakeholders::GroupOptions{}.iterations;
    std::uint64_t seed = 1;
    std::vector<std::string> apart, together;
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("file", opts->file, "Partnership document; - reads standard input")->required();
  cmd->add_option("--meeting", opts->meeting, "Meeting id whose participants are split")->required();
  cmd->add_option("--groups,-k", opts->groups, "Number of groups")->required();
  cmd->add_option("--seed", opts->seed, "Random seed")->capture_default_str();
  cmd->add_option("--iterations", opts->iterations, "Annealing steps")->capture_default_str();
  cmd->add_option("--apart", opts->apart, "Two person ids that must be in different groups, A,B (repeatable)");
  cmd->add_option("--together", opts->together, "Person ids that must share a group, A,B,... (repeatable)");
  cmd->add_option("--format", opts->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->add_option("-o,--output", opts->out, "Write the output to this file (atomically) instead of standard output");
  cmd->callback([opts, &exit_code] {
    try {
      Partnership p = load_input(opts->file);
      stakeholders::GroupOptions o;
      o.groups = opts->groups;
      o.seed = opts->seed;
      o.iterations = opts->iterations;
      for (const auto& a : opts->apart) {
        auto ids = split_ids(a);
        if (ids.size() != 2) {
          std::cerr << "partnerkit groups: --apart: expected two person ids A,B, got \"" << a << "\"\n";
          exit_code = bad_input;
          return;
        }
        o.apart.emplace_back(ids[0], ids[1]);
      }
      for (const auto& t : opts->together) o.together.push_back(split_ids(t));
      auto b = stakeholders::breakout_groups(p, opts->meeting, o);
      std::ostringstream text;
      if (opts->format == "json") {
        nlohmann::ordered_json out{{"file", opts->file}, {"meeting", opts->meeting}};
        out["breakouts"] = stakeholders::to_json(b);
        text << out.dump(2) << "\n";
      } else {
        for (std::size_t g = 0; g < b.groups.size(); ++g) {
          text << "group " << g + 1 << " (" << b.groups[g].size() << "):\n";
          for (const auto& id : b.groups[g]) {
            const Person* person = p.find_person(id);
            const Organization* org = person ? p.find_organization(person->organization) : nullptr;
            text << "  " << id << "  " << (person ? person->name : "") << " (" << (org ? org->name : "") << ")\n";
          }
        }
        text << "score " << b.score.score << " (starting point " << b.initial_score << "): " << b.score.mixed_pairs << " of "
             << b.score.pairs << " pairs from different organizations, " << b.score.new_pairs << " with no tie yet; seed "
             << b.seed << "\n";
      }
      write_output(opts->out, text.str());
    } catch (const ValidationError& e) {
      for (const auto& issue : e.errors()) std::cout << issue.str() << '\n';
      exit_code = bad_input;
    }
  });
}

}  // namespace partnerkit::cli
