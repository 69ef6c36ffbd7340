// The command line: init (password from XUEFENG_ADMIN_PASSWORD), demo (once per database), --help.
// import-roster is tested with the roster import (roster_test.cpp).

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "api_fixture.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

/// A fresh directory for a database the test creates itself, removed afterwards.
struct TempDir {
  TempDir() {
    char tmpl[] = "/tmp/xuefeng-cli-test-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string path;
};

TEST(Cli, InitCreatesTheFirstAdministratorFromTheEnvironment) {
  TempDir dir;
  const std::string db = dir.path + "/new.db";
  std::string out;
  EXPECT_EQ(ServerProcess::run_cli({"init", "--db", db, "--admin", "zhouwei"}, &out, {"XUEFENG_ADMIN_PASSWORD=first-password"}), 0)
      << out;
  EXPECT_NE(out.find("已创建管理员 / created administrator: zhouwei (id 1)"), std::string::npos) << out;
  EXPECT_EQ(db_count(db, "SELECT count(*) FROM accounts"), 1);
  EXPECT_EQ(db_count(db, "SELECT count(*) FROM account_grants WHERE role = 'admin'"), 1);
  // The password is stored as an argon2id hash, never as given.
  EXPECT_EQ(db_count(db, "SELECT count(*) FROM accounts WHERE password_hash LIKE '$argon2id$%'"), 1);

  // The same login again: refused, exit status 1.
  EXPECT_EQ(ServerProcess::run_cli({"init", "--db", db, "--admin", "zhouwei"}, &out, {"XUEFENG_ADMIN_PASSWORD=other-password"}), 1);
  EXPECT_NE(out.find("登录名 zhouwei 已被使用 / login zhouwei is taken"), std::string::npos) << out;
  // A password that breaks the rules.
  EXPECT_EQ(ServerProcess::run_cli({"init", "--db", db, "--admin", "li"}, &out, {"XUEFENG_ADMIN_PASSWORD=short"}), 1);
  EXPECT_NE(out.find("password: 密码至少 8 位 / password must have at least 8 characters"), std::string::npos) << out;
  // Without the variable and without a terminal, the password is read from standard input (empty here).
  EXPECT_EQ(ServerProcess::run_cli({"init", "--db", db, "--admin", "wang"}, &out), 1);
  EXPECT_EQ(db_count(db, "SELECT count(*) FROM accounts"), 1);
  // Missing --admin: a usage error.
  EXPECT_NE(ServerProcess::run_cli({"init", "--db", db}, &out), 0);
}

TEST(Cli, DemoLoadsOnceIntoAnEmptyDatabaseAndItsAdminCanLogIn) {
  ServerProcess server;
  server.stop();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(server.db_path() + suffix);

  std::string out;
  ASSERT_EQ(ServerProcess::run_cli({"demo", "--db", server.db_path()}, &out), 0) << out;
  EXPECT_NE(out.find("演示数据已载入："), std::string::npos) << out;
  EXPECT_NE(out.find("Demo dataset loaded for "), std::string::npos) << out;
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM orgs"), 4);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM accounts"), 5);

  const auto people = db_count(server.db_path(), "SELECT count(*) FROM people");
  EXPECT_EQ(ServerProcess::run_cli({"demo", "--db", server.db_path()}, &out), 1);
  EXPECT_NE(out.find("数据库不是空的（已有账号），演示数据只能载入新建的空数据库"), std::string::npos) << out;
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM people"), people);

  server.start();
  auto admin = server.client();
  admin.login("admin", "xuefeng-demo");
  const auto tree = admin.get("/api/v1/orgs/1/tree").json();
  EXPECT_EQ(tree.at("name"), "中共云溪区委员会");
  EXPECT_EQ(tree.at("children").as_array().size(), 3u);
  auto leader = server.client();
  leader.login("wangzhenhua", "xuefeng-demo");
  EXPECT_EQ(leader.get("/api/v1/session").json().at("account").at("roles"), json::array{"member"});
}

TEST(Cli, HelpListsTheCommands) {
  std::string out;
  EXPECT_EQ(ServerProcess::run_cli({"--help"}, &out), 0);
  for (const char* command : {"serve", "init", "demo", "import-roster", "backup"}) {
    EXPECT_NE(out.find(std::string("  ") + command + " "), std::string::npos) << command << "\n" << out;
  }
  EXPECT_NE(ServerProcess::run_cli({}, &out), 0);
  EXPECT_EQ(ServerProcess::run_cli({"serve", "--db", "/tmp/unused.db", "--listen", "nowhere"}, &out), 2);
}

TEST(Cli, CheckPrintsTheComplianceTableOfTheDemoDistrict) {
  TempDir dir;
  const std::string db = dir.path + "/demo.db";
  std::string out;
  ASSERT_EQ(ServerProcess::run_cli({"demo", "--db", db}, &out), 0) << out;
  const std::string year = local_date_offset(0).substr(0, 4);
  ASSERT_EQ(ServerProcess::run_cli({"check", "--db", db, "--org", "1", "--year", year}, &out), 0) << out;
  // The central group under its year's rule, and a leader under the eight ones, with progress as done / required.
  EXPECT_NE(out.find("云溪区委理论学习中心组 — 理论学习中心组年度学习要求"), std::string::npos) << out;
  EXPECT_NE(out.find("王振华 — 八个一："), std::string::npos) << out;
  EXPECT_NE(out.find("集中学习不少于 6 次"), std::string::npos) << out;
  EXPECT_NE(out.find(" / 4 "), std::string::npos) << out;  // each quarter: met quarters of four
  EXPECT_NE(out.find("每季度参加一次集中学习"), std::string::npos) << out;

  EXPECT_EQ(ServerProcess::run_cli({"check", "--db", db, "--org", "999", "--year", year}, &out), 1);
  EXPECT_NE(out.find("组织不存在 / no such organization"), std::string::npos) << out;
  EXPECT_EQ(ServerProcess::run_cli({"check", "--db", db, "--org", "1", "--year", "1999"}, &out), 1);
  EXPECT_NE(out.find("year must be 2000–2100"), std::string::npos) << out;
  EXPECT_EQ(ServerProcess::run_cli({"check", "--db", db, "--org", "1", "--year", year, "--as-of", "5 May"}, &out), 2);
}

}  // namespace
}  // namespace xuefeng::testing
