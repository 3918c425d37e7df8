// partnerkit themes FILE... [--session M] [--themes K] [--texts FILE] [--lexicon FILE]
//                   [--format text|json|md|csv] [-o OUT]
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>

#include "commands.hpp"
#include "partnerkit/themes/lexicon.hpp"
#include "partnerkit/themes/summary.hpp"

namespace partnerkit::cli {
namespace {

// The problem with a line's bytes (not UTF-8, or a NUL), or "".
std::string line_problem(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return "a NUL character; expected text";
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size() && !(len == 2 && c < 0xC2) && !(c > 0xF4);
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len == 3) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (ok && len == 4) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (!ok) return "bytes that are not UTF-8 at byte " + std::to_string(i + 1) + "; expected UTF-8 text";
    i += len;
  }
  return {};
}

// One entry per line of a text file ("-": standard input); every line counts, so entry i is
// line i + 1 (a last line break ends the last line; CR before LF is dropped).
std::vector<themes::SummaryEntry> read_texts(const std::string& path) {
  std::string text;
  if (path == "-") text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  else text = [&] {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw IoError(path, std::string("cannot open: ") + std::strerror(errno), errno);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }();
  std::vector<themes::SummaryEntry> out;
  std::vector<Issue> issues;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (auto problem = line_problem(line); !problem.empty())
      issues.push_back({path, "line " + std::to_string(out.size() + 1), problem});
    out.push_back({std::move(line), std::nullopt, std::nullopt, std::nullopt, 0});
    start = end + 1;
  }
  if (!issues.empty()) throw ValidationError(std::move(issues));
  return out;
}

}  // namespace

void add_themes(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("themes", "The collective summary: worksheet entries grouped into themes, most shared first")
          ->footer("Example:\n  partnerkit themes examples/partnerships/state-cac-voca.json --session in-person-1\n"
                   "  partnerkit themes doc.json --format md -o summary.md\n"
                   "  partnerkit themes --texts answers.txt --themes 8 --format json\n"
                   "Per quadrant: the themes shared by two or more organizations (most organizations first),\n"
                   "what is unique to one organization; then the themes across quadrants and the unassigned\n"
                   "entries. The JSON has \"themes\" and \"assignments\" (the theme index of every entry in input\n"
                   "order, -1 when unassigned); docs/themes-summary.md lists every field.");
  struct Options {
    std::vector<std::string> files;
    std::string session, texts, lexicon, format = "text", output;
    int themes = 0;
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("files", opts->files, "Partnership documents; - reads standard input");
  cmd->add_option("--session", opts->session, "Only the worksheets of this meeting id");
  cmd->add_option("--themes", opts->themes, "Exactly K themes across quadrants (default: found from the data)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--texts", opts->texts, "Group the lines of this text file (one entry per line) instead of worksheets");
  cmd->add_option("--lexicon", opts->lexicon, "A lexicon file (partnerkit-lexicon/1) extending the built-in one");
  cmd->add_option("--format", opts->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "md", "csv"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", opts->output, "Write the output to this file (atomically) instead of standard output");
  cmd->callback([opts, &exit_code] {
    if (opts->files.empty() == opts->texts.empty()) {
      std::cerr << "partnerkit themes: expected partnership documents or --texts FILE (one of the two)\n";
      exit_code = bad_input;
      return;
    }
    if (!opts->texts.empty() && !opts->session.empty()) {
      std::cerr << "partnerkit themes: --session applies to documents, not to --texts\n";
      exit_code = bad_input;
      return;
    }
    try {
      themes::SummaryOptions options;
      if (!opts->session.empty()) options.session = opts->session;
      if (opts->themes > 0) options.grouping.themes = opts->themes;
      if (!opts->lexicon.empty()) options.grouping.lexicon.extend(themes::Lexicon::load(opts->lexicon));
      themes::Summary s;
      nlohmann::ordered_json sources = nlohmann::ordered_json::array();
      if (!opts->texts.empty()) {
        s = themes::summarize(read_texts(opts->texts), options);
        sources.push_back(opts->texts);
      } else {
        std::vector<Partnership> docs;
        std::vector<Issue> issues;
        for (const auto& f : opts->files) {
          try {
            docs.push_back(load_input(f));
          } catch (const ValidationError& e) {
            issues.insert(issues.end(), e.errors().begin(), e.errors().end());
          }
          sources.push_back(f);
        }
        if (!issues.empty()) throw ValidationError(std::move(issues));
        s = themes::summarize(std::span<const Partnership>(docs), options);
      }
      std::string out;
      if (opts->format == "json") {
        nlohmann::ordered_json j{{"files", sources}};
        j.update(themes::to_json(s));
        out = j.dump(2) + "\n";
      } else if (opts->format == "md") {
        out = themes::to_markdown(s);
      } else if (opts->format == "csv") {
        out = themes::to_csv(s);
      } else {
        out = themes::to_text(s);
      }
      write_output(opts->output, out);
    } catch (const ValidationError& e) {
      for (const auto& issue : e.errors()) std::cout << issue.str() << '\n';
      exit_code = bad_input;
    }
  });
}

}  // namespace partnerkit::cli
