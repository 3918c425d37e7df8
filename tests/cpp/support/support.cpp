#include "support/support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace partnerkit::test {

namespace fs = std::filesystem;

fs::path source_dir() { return fs::path(PARTNERKIT_SOURCE_DIR); }
fs::path example(std::string_view name) { return source_dir() / "examples" / "partnerships" / name; }
fs::path data(std::string_view name) { return source_dir() / "tests" / "data" / name; }

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("test: cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

void write_text(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw std::runtime_error("test: cannot write " + path.string());
}

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "partnerkit-test-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error(std::string("test: mkdtemp: ") + std::strerror(errno));
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  // Folders a test made read-only must be writable again before their content can go.
  for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_directory(ec)) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(path_, ec);
}

std::vector<std::string> TempDir::entries(std::string_view sub) const {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(sub.empty() ? path_ : path_ / sub))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

Date day(std::string_view text) {
  auto d = parse_date(text);
  REQUIRE(d);
  return *d;
}

ValidationError validation_error(std::string_view text, std::string_view source) {
  try {
    loads(text, source);
  } catch (const ValidationError& e) {
    return e;
  }
  FAIL("expected loads() to throw partnerkit::ValidationError");
  throw std::logic_error("unreachable");
}

std::vector<std::string> lines(const ValidationError& e) {
  std::vector<std::string> out;
  for (const auto& issue : e.errors()) out.push_back(issue.str());
  return out;
}

std::string document(std::string_view members) {
  std::string text = R"({"format": "partnerkit/1", "name": "Test")";
  if (!members.empty()) text.append(", ").append(members);
  return text + "}";
}

std::string big_document(std::size_t bytes, std::size_t& orgs, std::size_t& people, std::size_t& ties) {
  std::string o, p, t;
  o.reserve(bytes / 4);
  p.reserve(bytes / 3);
  t.reserve(bytes / 2);
  orgs = people = ties = 0;
  for (std::size_t i = 0; o.size() + p.size() + t.size() < bytes; ++i) {
    std::string n = std::to_string(i), org = "org" + std::to_string(i / 2);
    if (i % 2 == 0) {
      o += (i ? ",\n    " : "") + std::string(R"({"id": ")") + org + R"(", "name": "Organization )" + n +
           R"( of the generated partnership", "category": "court"})";
      ++orgs;
    }
    p += (i ? ",\n    " : "") + std::string(R"({"id": "p)") + n + R"(", "name": "Person )" + n +
         R"(", "organization": ")" + org + R"(", "role": "Program director", "decision_maker": true})";
    t += (i ? ",\n    " : "") + std::string(R"({"source": ")") + org + R"(", "target": "p)" + n +
         R"(", "kind": "communication", "level": 3, "trust": {"reliability": 2, "mission": 4}, "observed": "2027-04-12"})";
    ++people;
    ++ties;
  }
  return R"({"format": "partnerkit/1", "name": "Generated", "timezone": "America/Denver",)"
         "\n  \"organizations\": [\n    " + o + "],\n  \"people\": [\n    " + p +
         "],\n  \"relationships\": [\n    " + t + "]\n}\n";
}

ChildResult run_in_child(const std::function<std::string()>& f) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    std::string out;
    try {
      out = f();
    } catch (const std::exception& e) {
      out = std::string("child threw: ") + e.what();
    }
    for (std::size_t done = 0; done < out.size();) {
      ssize_t n = ::write(fds[1], out.data() + done, out.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::_exit(0);  // no atexit handlers, no Catch2 reporting from the child
  }
  ::close(fds[1]);
  ChildResult result;
  char buf[4096];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    result.output.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  while (::waitpid(pid, &result.status, 0) < 0 && errno == EINTR) {
  }
  return result;
}

std::string describe_save(const Partnership& p, const fs::path& path) {
  try {
    save(p, path);
    return "ok";
  } catch (const IoError& e) {
    return "IoError|" + e.path() + "|" + std::to_string(e.error_number()) + "|" + e.what();
  } catch (const Error& e) {
    return std::string("Error|") + e.what();
  } catch (const std::exception& e) {
    return std::string("other|") + e.what();
  }
}

}  // namespace partnerkit::test
