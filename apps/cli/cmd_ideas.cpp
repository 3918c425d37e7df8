// partnerkit ideas FILE [--method total|weighted|borda] [--weights LIST] [--session M]
//                       [--areas N] [--format text|json|md] [-o OUT]
#include <cmath>
#include <iostream>

#include "commands.hpp"
#include "partnerkit/themes/ideas.hpp"

namespace partnerkit::cli {
namespace {

// "doable=2,exciting=1.5" over the defaults; false (with a message) on anything else.
bool parse_weights(const std::string& text, themes::Weights& w, std::string& error) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(start, end - start);
    std::size_t eq = item.find('=');
    double* target = nullptr;
    std::string name = item.substr(0, eq);
    if (name == "exciting") target = &w.exciting;
    else if (name == "better") target = &w.better;
    else if (name == "doable") target = &w.doable;
    else if (name == "dots") target = &w.dots;
    std::size_t used = 0;
    double value = 0;
    bool number = false;
    if (eq != std::string::npos && eq + 1 < item.size()) {
      try {
        value = std::stod(item.substr(eq + 1), &used);
        number = used == item.size() - eq - 1;
      } catch (const std::exception&) {
        number = false;
      }
    }
    if (!target || !number) {
      error = "expected NAME=NUMBER items separated by commas, NAME one of exciting, better, doable, dots, got \"" +
              item + "\"";
      return false;
    }
    *target = value;
    start = end + 1;
  }
  return true;
}

}  // namespace

void add_ideas(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("ideas", "Rank the brainstormed ideas by the team's votes (exciting, better, doable, dots)")
          ->footer("Example:\n  partnerkit ideas examples/partnerships/state-cac-voca.json --method borda\n"
                   "  partnerkit ideas doc.json --method weighted --weights doable=2 --format md -o ideas.md\n"
                   "Methods (docs/ideas.md): total = exciting + better + doable + dots; weighted = sum of weight x\n"
                   "votes / the most votes on that criterion; borda = sum of weight x Borda points per criterion\n"
                   "(ties share). Ties: more votes in total, then more doable votes, then id. Then the ideas\n"
                   "are grouped into areas of focus (3 or 4 by default), each with one or two first steps: its\n"
                   "most doable ideas.");
  struct Options {
    std::string file, method = "total", weights, session, format = "text", output;
    int areas = -1;
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("file", opts->file, "Partnership document; - reads standard input")->required();
  cmd->add_option("--method", opts->method, "How ideas are ranked")
      ->check(CLI::IsMember({"total", "weighted", "borda"}))
      ->capture_default_str();
  cmd->add_option("--weights", opts->weights,
                  "Weights of the criteria for weighted and borda, e.g. doable=2,dots=0 (default 1 each)");
  cmd->add_option("--session", opts->session, "Only the ideas of this meeting id");
  cmd->add_option("--areas", opts->areas, "Group the ideas into exactly N areas of focus (0: none; default: 3 or 4, "
                                          "found from the data)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--format", opts->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "md"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", opts->output, "Write the output to this file (atomically) instead of standard output");
  cmd->callback([opts, &exit_code] {
    themes::IdeaOptions options;
    options.method = *themes::parse_rank_method(opts->method);
    if (!opts->weights.empty()) {
      std::string error;
      if (!parse_weights(opts->weights, options.weights, error)) {
        std::cerr << "partnerkit ideas: --weights: " << error << "\n";
        exit_code = bad_input;
        return;
      }
    }
    if (!opts->session.empty()) options.session = opts->session;
    if (opts->areas >= 0) options.areas = opts->areas;
    try {
      Partnership p = load_input(opts->file);
      themes::IdeaRanking r = themes::rank_ideas(p, options);
      std::string out;
      if (opts->format == "json") {
        nlohmann::ordered_json j{{"file", opts->file}, {"name", p.name}};
        j["ranking"] = themes::to_json(r);
        out = j.dump(2) + "\n";
      } else if (opts->format == "md") {
        out = themes::to_markdown(r);
      } else {
        out = themes::to_text(r);
      }
      write_output(opts->output, out);
    } catch (const ValidationError& e) {
      for (const auto& issue : e.errors()) std::cout << issue.str() << '\n';
      exit_code = bad_input;
    }
  });
}

}  // namespace partnerkit::cli
