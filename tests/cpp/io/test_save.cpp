// save(): atomic replacement, permissions kept, and on failure an IoError with the previous
// file unchanged and no temporary file left behind.
#include <catch2/catch.hpp>

#include <grp.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

#include "partnerkit/io/document.hpp"
#include "support/support.hpp"

using namespace partnerkit;
namespace pt = partnerkit::test;
namespace fs = std::filesystem;

namespace {

const std::string old_text = "previous content, not even JSON\n";

mode_t mode_of(const fs::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

Partnership example() { return load(pt::example("state-cac-voca.json")); }

// A valid partnership made without loading: the tests that fork use it, because validation runs
// on oneTBB threads and a child forked after they started must not depend on them.
Partnership built(int organizations) {
  Partnership p;
  p.name = "Built for saving";
  for (int i = 0; i < organizations; ++i) {
    Organization o;
    o.id = "org" + std::to_string(i);
    o.name = "Organization number " + std::to_string(i) + " of a partnership built in memory";
    p.organizations.push_back(o);
  }
  return p;
}

}  // namespace

TEST_CASE("save writes a new file with rw-r--r-- and leaves nothing else", "[io][save]") {
  pt::TempDir dir;
  Partnership p = example();
  save(p, dir / "new.json");
  CHECK(dir.entries() == std::vector<std::string>{"new.json"});
  CHECK(pt::read_text(dir / "new.json") == dumps(p));
  CHECK(mode_of(dir / "new.json") == 0644);
}

TEST_CASE("save replaces a file atomically and keeps its permissions", "[io][save]") {
  pt::TempDir dir;
  Partnership p = example();
  for (mode_t mode : {0600, 0640, 0664, 0400}) {
    INFO("mode " << std::oct << mode);
    auto path = dir / "doc.json";
    pt::write_text(path, old_text);
    REQUIRE(::chmod(path.c_str(), mode) == 0);
    struct stat before {};
    REQUIRE(::stat(path.c_str(), &before) == 0);
    save(p, path);
    CHECK(pt::read_text(path) == dumps(p));
    CHECK(mode_of(path) == mode);
    // A rename, not a rewrite in place: the file is a new inode.
    struct stat after {};
    REQUIRE(::stat(path.c_str(), &after) == 0);
    CHECK(after.st_ino != before.st_ino);
    CHECK(dir.entries() == std::vector<std::string>{"doc.json"});
    fs::remove(path);
  }
}

TEST_CASE("save to a relative path in the current folder", "[io][save]") {
  pt::TempDir dir;
  auto cwd = fs::current_path();
  fs::current_path(dir.path());
  save(example(), "here.json");
  fs::current_path(cwd);
  CHECK(dir.entries() == std::vector<std::string>{"here.json"});
  CHECK(load(dir / "here.json") == example());
}

TEST_CASE("save into a folder that does not exist throws IoError", "[io][save][errors]") {
  pt::TempDir dir;
  auto path = dir / "missing" / "doc.json";
  try {
    save(example(), path);
    FAIL("no error");
  } catch (const IoError& e) {
    CHECK(e.path() == path.string());
    CHECK(std::string(e.what()) == path.string() + ": cannot save: No such file or directory");
    CHECK(e.message() == "cannot save: No such file or directory");
    CHECK(e.error_number() == ENOENT);
  }
  CHECK(dir.entries().empty());
}

TEST_CASE("save over a folder throws IoError and leaves the folder alone", "[io][save][errors]") {
  pt::TempDir dir;
  fs::create_directory(dir / "taken");
  pt::write_text(dir / "taken" / "inside.txt", old_text);
  try {
    save(example(), dir / "taken");
    FAIL("no error");
  } catch (const IoError& e) {
    CHECK(e.path() == (dir / "taken").string());
    CHECK(std::string(e.what()) == (dir / "taken").string() + ": cannot save: Is a directory; the previous file is unchanged");
    CHECK(e.error_number() == EISDIR);
  }
  CHECK(dir.entries() == std::vector<std::string>{"taken"});
  CHECK(dir.entries("taken") == std::vector<std::string>{"inside.txt"});
}

TEST_CASE("save on a full disk throws IoError and keeps the previous file", "[io][save][errors]") {
  // "Full disk" is a file size limit of 1 KB (RLIMIT_FSIZE) with SIGXFSZ ignored, so write()
  // fails with EFBIG; it runs in a forked child so the limit does not leak into other tests.
  pt::TempDir dir;
  auto path = dir / "doc.json";
  pt::write_text(path, old_text);
  REQUIRE(::chmod(path.c_str(), 0640) == 0);
  Partnership p = built(100);
  REQUIRE(to_json(p).dump(2).size() > 4096);  // not dumps(): no validation (oneTBB) before fork
  pt::ChildResult child = pt::run_in_child([&] {
    std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit {1024, 1024};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return std::string("setrlimit failed");
    return pt::describe_save(p, path);
  });
  REQUIRE(WIFEXITED(child.status));
  CHECK(child.output == "IoError|" + path.string() + "|" + std::to_string(EFBIG) + "|" + path.string() +
                            ": cannot save: File too large; the previous file is unchanged");
  CHECK(pt::read_text(path) == old_text);
  CHECK(mode_of(path) == 0640);
  CHECK(dir.entries() == std::vector<std::string>{"doc.json"});
  // Without the limit the same save succeeds and keeps the mode.
  save(p, path);
  CHECK(load(path) == p);
  CHECK(mode_of(path) == 0640);
}

TEST_CASE("save into a read-only folder throws IoError and keeps the previous file", "[io][save][errors]") {
  // root ignores permissions, so the child drops to nobody (uid/gid 65534) before saving.
  pt::TempDir dir;
  fs::permissions(dir.path(), fs::perms(0755));  // nobody may enter the test folder...
  auto folder = dir / "read-only";
  fs::create_directory(folder);
  auto path = folder / "doc.json";
  pt::write_text(path, old_text);
  REQUIRE(::chmod(path.c_str(), 0666) == 0);
  fs::permissions(folder, fs::perms(0555));  // ...but not write into this one
  Partnership p = built(3);
  pt::ChildResult child = pt::run_in_child([&] {
    if (::geteuid() == 0) {
      if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)
        return std::string("cannot drop to uid 65534");
    }
    return pt::describe_save(p, path);
  });
  REQUIRE(WIFEXITED(child.status));
  CHECK(child.output == "IoError|" + path.string() + "|" + std::to_string(EACCES) + "|" + path.string() +
                            ": cannot save: Permission denied");
  CHECK(pt::read_text(path) == old_text);
  CHECK(mode_of(path) == 0666);
  CHECK(dir.entries("read-only") == std::vector<std::string>{"doc.json"});
  // The same save succeeds once the folder is writable: it was the permissions, nothing else.
  fs::permissions(folder, fs::perms(0755));
  save(p, path);
  CHECK(load(path) == p);
  CHECK(mode_of(path) == 0666);
}

TEST_CASE("a failed save of a new file leaves no file at all", "[io][save][errors]") {
  pt::TempDir dir;
  auto path = dir / "new.json";
  Partnership p = built(100);
  pt::ChildResult child = pt::run_in_child([&] {
    std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit {100, 100};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return std::string("setrlimit failed");
    return pt::describe_save(p, path);
  });
  REQUIRE(WIFEXITED(child.status));
  CHECK(child.output == "IoError|" + path.string() + "|" + std::to_string(EFBIG) + "|" + path.string() +
                            ": cannot save: File too large; the previous file is unchanged");
  CHECK(dir.entries().empty());
}
