// The command line: init (password from XUEFENG_ADMIN_PASSWORD), demo (once per database), --help, check
// and review. import-roster is tested with the roster import (roster_test.cpp).

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api_fixture.hpp"
#include "html_reader.hpp"
#include "xlsx_reader.hpp"

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
  for (const char* command : {"serve", "init", "demo", "import-roster", "check", "review", "backup"}) {
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

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(Cli, ReviewWritesTheWorkbookOrThePageByTheFilesExtension) {
  TempDir dir;
  const std::string db = dir.path + "/demo.db";
  std::string out;
  ASSERT_EQ(ServerProcess::run_cli({"demo", "--db", db}, &out), 0) << out;
  const std::string year = local_date_offset(0).substr(0, 4);
  const std::string as_of = year + "-06-30";
  const std::string xlsx = dir.path + "/讲评.xlsx";
  ASSERT_EQ(ServerProcess::run_cli({"review", "--db", db, "--org", "1", "--year", year, "--as-of", as_of, "--out", xlsx}, &out),
            0)
      << out;
  EXPECT_NE(out.find("已写入 / written: " + xlsx), std::string::npos) << out;
  const auto book = read_xlsx(read_file(xlsx));
  EXPECT_EQ(book.sheet_names(), (std::vector<std::string>{"汇总", "个人明细", "活动明细", "未达标事项"}));
  const auto& summary = book.sheet("汇总");
  EXPECT_EQ(summary.text("A1"), "中共云溪区委员会 " + year + " 年学习讲评");
  EXPECT_EQ(summary.cell("B3").number, excel_serial(std::stoi(year), 6, 30));  // --as-of
  EXPECT_GT(summary.cell("B4").number, 0);  // the demo's activities held by June
  // The leaders under the eight ones are in the people's sheet.
  const auto& people = book.sheet("个人明细");
  bool leader = false;
  for (int row = 2; row <= people.last_row(); ++row) leader = leader || people.text("B" + std::to_string(row)) == "王振华";
  EXPECT_TRUE(leader);

  // The same review as a page to print, with the same figures.
  const std::string html = dir.path + "/review.HTML";
  ASSERT_EQ(ServerProcess::run_cli({"review", "--db", db, "--org", "1", "--year", year, "--as-of", as_of, "--out", html}, &out),
            0)
      << out;
  const HtmlPage page(read_file(html));
  EXPECT_EQ(page.text("//header/h1"), "中共云溪区委员会 " + year + " 年学习讲评");
  EXPECT_EQ(page.text("//header/p"), "截至 " + as_of);
  EXPECT_EQ(page.rows("//section[@id='totals']/table")[0][1], std::to_string(static_cast<int>(summary.cell("B4").number)));
  EXPECT_GT(page.count("//section[@id='people']/div[@class='review-person']"), 0u);

  // Another extension: refused before anything is opened or written.
  const std::string pdf = dir.path + "/review.pdf";
  EXPECT_EQ(ServerProcess::run_cli({"review", "--db", dir.path + "/none.db", "--org", "1", "--year", year, "--out", pdf}, &out),
            2);
  EXPECT_NE(out.find("--out 应以 .xlsx（工作簿）或 .html（打印页）结尾 / must end in .xlsx (workbook) or .html"),
            std::string::npos)
      << out;
  EXPECT_FALSE(fs::exists(pdf));
  EXPECT_FALSE(fs::exists(dir.path + "/none.db"));
  // The review's own refusals, as for check.
  EXPECT_EQ(ServerProcess::run_cli({"review", "--db", db, "--org", "999", "--year", year, "--out", xlsx}, &out), 1);
  EXPECT_NE(out.find("组织不存在 / no such organization"), std::string::npos) << out;
  EXPECT_EQ(ServerProcess::run_cli({"review", "--db", db, "--org", "1", "--year", "1999", "--out", xlsx}, &out), 1);
  EXPECT_NE(out.find("year must be 2000–2100"), std::string::npos) << out;
  EXPECT_EQ(ServerProcess::run_cli({"review", "--db", db, "--org", "1", "--year", year, "--as-of", "June", "--out", xlsx}, &out),
            2);
  // A file that cannot be written.
  EXPECT_EQ(ServerProcess::run_cli({"review", "--db", db, "--org", "1", "--year", year, "--out", dir.path + "/no/such/dir.xlsx"},
                                   &out),
            1);
  EXPECT_NE(out.find("cannot write the file"), std::string::npos) << out;
}

}  // namespace
}  // namespace xuefeng::testing
