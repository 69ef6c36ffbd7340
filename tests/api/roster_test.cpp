// Roster import: POST /orgs/{id}/members/import with a CSV body (Chinese or English header, UTF-8 or
// GBK), all or nothing, ?dry_run= and ?since=; and the same through `xuefeng import-roster`.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "../unit/reencode.hpp"
#include "api_fixture.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

constexpr const char* kRosterZh =
    "姓名,性别,出生日期,职务,职级,党员,角色\n"
    "陆志刚,男,1975-02-14,区政府办公室主任,县处级,是,书记\n"
    "沈美华,女,1981/12/1,区政府办公室副主任,乡科级,是,副书记\n"
    "杨帆,男,1990年7月8日,科员,,否,\n";

HttpResponse import(HttpClient& c, std::int64_t org, const std::string& csv, const std::string& query = "") {
  return c.request("POST", "/api/v1/orgs/" + id_str(org) + "/members/import" + query, csv,
                   {{"Content-Type", "text/csv"}});
}

std::int64_t people(const ServerProcess& s) { return db_count(s.db_path(), "SELECT count(*) FROM people"); }
std::int64_t memberships(const ServerProcess& s) { return db_count(s.db_path(), "SELECT count(*) FROM memberships"); }

TEST(Roster, ImportsAChineseRosterAsPeopleAndMemberships) {
  ServerProcess server;
  auto admin = server.admin();
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  const auto res = import(admin, branch, kRosterZh, "?since=2024-01-01");
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.json(), json::parse(R"({"rows":3,"people_created":3,"people_matched":0,"memberships_created":3,)"
                                    R"("memberships_unchanged":0,"dry_run":false})"));

  const auto list = admin.get("/api/v1/orgs/" + id_str(branch) + "/members?on=2024-01-01").json();
  ASSERT_EQ(list.at("items").as_array().size(), 3u);
  EXPECT_EQ(list.at("items").at(0).at("name"), "陆志刚");
  EXPECT_EQ(list.at("items").at(0).at("role"), "secretary");
  EXPECT_EQ(list.at("items").at(0).at("since"), "2024-01-01");
  EXPECT_EQ(list.at("items").at(1).at("role"), "deputy_secretary");
  EXPECT_EQ(list.at("items").at(2).at("role"), "member");

  const auto shen = admin.get("/api/v1/people/" + std::to_string(list.at("items").at(1).at("person_id").as_int64())).json();
  EXPECT_EQ(shen.at("gender"), "female");
  EXPECT_EQ(shen.at("birth_date"), "1981-12-01");
  EXPECT_EQ(shen.at("post"), "区政府办公室副主任");
  EXPECT_EQ(shen.at("cadre_level"), "township");
  EXPECT_EQ(shen.at("party_member"), true);
  const auto yang = admin.get("/api/v1/people/" + std::to_string(list.at("items").at(2).at("person_id").as_int64())).json();
  EXPECT_EQ(yang.at("birth_date"), "1990-07-08");
  EXPECT_TRUE(yang.at("cadre_level").is_null());
  EXPECT_EQ(yang.at("party_member"), false);

  // The same file again: everyone is matched by name and birth date, and already a member.
  const auto again = import(admin, branch, kRosterZh, "?since=2024-01-01");
  ASSERT_EQ(again.status, 201);
  EXPECT_EQ(again.json(), json::parse(R"({"rows":3,"people_created":0,"people_matched":3,"memberships_created":0,)"
                                      R"("memberships_unchanged":3,"dry_run":false})"));
  EXPECT_EQ(people(server), 3);
  EXPECT_EQ(memberships(server), 3);
}

TEST(Roster, EnglishHeadersAndTheDefaultStartDate) {
  ServerProcess server;
  auto admin = server.admin();
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  const std::string csv =
      "name,gender,birth_date,post,cadre_level,party_member,role,since\r\n"
      "高建军,male,1979-05-20,副主任科员,township,yes,committee_member,2022-09-01\r\n"
      "杨帆,female,1992-10-10,科员,,no,member,\r\n";
  const auto res = import(admin, branch, csv);
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.json().at("memberships_created"), 2);
  const auto list = admin.get("/api/v1/orgs/" + id_str(branch) + "/members").json();
  ASSERT_EQ(list.at("items").as_array().size(), 2u);
  // A row's own since wins; otherwise ?since=, otherwise today.
  EXPECT_EQ(list.at("items").at(0).at("since"), "2022-09-01");
  EXPECT_EQ(list.at("items").at(0).at("role"), "committee_member");
  EXPECT_EQ(list.at("items").at(1).at("since"), local_date_offset(0).c_str());
}

TEST(Roster, GbkFromChineseExcelIsReadLikeUtf8) {
  ServerProcess server;
  auto admin = server.admin();
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  const std::string gbk = reencode(kRosterZh, "GBK");
  ASSERT_NE(gbk, kRosterZh);
  const auto res = import(admin, branch, gbk, "?since=2024-01-01");
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.json().at("people_created"), 3);
  const auto found = admin.get("/api/v1/people?q=%E6%B2%88%E7%BE%8E%E5%8D%8E").json();  // 沈美华
  ASSERT_EQ(found.at("items").as_array().size(), 1u);
  EXPECT_EQ(found.at("items").at(0).at("post"), "区政府办公室副主任");
}

TEST(Roster, DryRunChecksEverythingAndWritesNothing) {
  ServerProcess server;
  auto admin = server.admin();
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  const auto res = import(admin, branch, kRosterZh, "?dry_run=true");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.json(), json::parse(R"({"rows":3,"people_created":3,"people_matched":0,"memberships_created":3,)"
                                    R"("memberships_unchanged":0,"dry_run":true})"));
  EXPECT_EQ(people(server), 0);
  EXPECT_EQ(memberships(server), 0);
  const auto bad = import(admin, branch, "姓名,性别\n张三,未知\n", "?dry_run=true");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(people(server), 0);
}

TEST(Roster, BadRowsAreAllReportedWithTheirRowNumbersAndNothingIsWritten) {
  ServerProcess server;
  auto admin = server.admin();
  admin.language = "en";
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  ASSERT_EQ(import(admin, branch, "姓名,出生日期\n老成员,1970-01-01\n", "?since=2020-01-01").status, 201);
  const std::string csv =
      "姓名,性别,出生日期,职务,职级,党员,角色\n"
      "陆志刚,男,1975-02-14,主任,县处级,是,书记\n"
      "沈美华,不详,1981-02-30,副主任,,是,\n"
      ",男,1990-01-01,科员,,,\n"
      "杨帆,男,1990-07-08,科员,副部级,,组长\n"
      "陆志刚,男,1975-02-14,主任,县处级,是,\n";
  const auto res = import(admin, branch, csv);
  ASSERT_EQ(res.status, 422);
  EXPECT_EQ(problem_code(res), "validation_failed");
  EXPECT_EQ(res.json().at("detail"), "5 inputs are not valid");
  const auto errors = res.json().at("errors").as_array();
  std::vector<std::pair<std::int64_t, std::string>> got;
  for (const auto& e : errors) got.emplace_back(e.at("row").as_int64(), std::string(e.at("field").as_string()));
  EXPECT_EQ(got, (std::vector<std::pair<std::int64_t, std::string>>{
                     {3, "gender"}, {3, "birth_date"}, {4, "name"}, {5, "cadre_level"}, {6, "name"}}));
  EXPECT_EQ(errors.at(1).at("message"),
            "row 3: birth_date \"1981-02-30\" is not a real date; check the year, month and day");
  EXPECT_EQ(errors.at(2).at("message"), "row 4: name is required");
  EXPECT_EQ(errors.at(4).at("message"), "row 6: duplicates row 2: same name \"陆志刚\" and birth date 1975-02-14");
  // Nothing of the good rows was written either.
  EXPECT_EQ(people(server), 1);
  EXPECT_EQ(memberships(server), 1);

  // A rule the parser cannot know (a birth date after today) is a row error too.
  const auto future = import(admin, branch, "姓名,出生日期\n未来人,2999-01-01\n");
  ASSERT_EQ(future.status, 422);
  EXPECT_EQ(future.json().at("errors").at(0).at("row"), 2);
  EXPECT_EQ(future.json().at("errors").at(0).at("field"), "birth_date");
  EXPECT_EQ(people(server), 1);

  const auto no_name = import(admin, branch, "性别,职务\n男,科员\n");
  ASSERT_EQ(no_name.status, 422);
  EXPECT_EQ(no_name.json().at("errors").at(0).at("field"), "name");
  EXPECT_EQ(no_name.json().at("errors").at(0).at("row"), 1);
  const auto empty = import(admin, branch, "");
  ASSERT_EQ(empty.status, 422);
  EXPECT_EQ(error_message(empty, "body"), "the file is empty");
  EXPECT_EQ(import(admin, 99, kRosterZh).status, 404);
  EXPECT_EQ(import(admin, branch, kRosterZh, "?since=2024-13-01").status, 422);
  EXPECT_EQ(memberships(server), 1);

  // Not a member of the branch: to them it does not exist.
  auto m = make_member(server, admin, "lu", "陆某");
  EXPECT_EQ(import(m.client, branch, kRosterZh).status, 404);
  EXPECT_EQ(memberships(server), 1);
}

TEST(Roster, APersonItCannotTellApartFailsTheWholeImportAfterEarlierRowsWereWritten) {
  ServerProcess server;
  auto admin = server.admin();
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  create_person(admin, "张伟", json::object{{"birth_date", "1980-01-02"}});
  create_person(admin, "张伟", json::object{{"birth_date", "1980-01-02"}, {"post", "另一位张伟"}});
  const auto res = import(admin, branch, "姓名,出生日期\n李娜,1985-03-04\n张伟,1980-01-02\n");
  ASSERT_EQ(res.status, 422);
  EXPECT_EQ(res.json().at("errors"), json::parse(R"([{"field":"name","message":"系统中有多位同名同生日的人员，无法确定是哪一位","row":3}])"));
  // 李娜 of row 2 had been inserted inside the transaction; it was rolled back with the rest.
  EXPECT_EQ(people(server), 2);
  EXPECT_EQ(memberships(server), 0);
}

TEST(Roster, TheCommandLineImportsTheSameWay) {
  ServerProcess server;
  auto admin = server.admin();
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  server.stop();
  const std::string file = server.dir() + "/roster.csv";
  std::ofstream(file, std::ios::binary) << reencode(kRosterZh, "GBK");

  std::string out;
  EXPECT_EQ(ServerProcess::run_cli({"import-roster", file, "--db", server.db_path(), "--org", id_str(branch), "--dry-run"},
                                   &out),
            0)
      << out;
  EXPECT_NE(out.find("检查通过（未写入）/ checked, nothing written: 3 行 rows, 3 新增人员 people created"),
            std::string::npos)
      << out;
  EXPECT_EQ(people(server), 0);

  EXPECT_EQ(ServerProcess::run_cli(
                {"import-roster", file, "--db", server.db_path(), "--org", id_str(branch), "--since", "2024-01-01"}, &out),
            0)
      << out;
  EXPECT_NE(out.find("已导入 / imported: 3 行 rows, 3 新增人员 people created, 0 已有人员 people matched, "
                     "3 新增成员 memberships created, 0 已是成员 already members"),
            std::string::npos)
      << out;
  EXPECT_EQ(people(server), 3);

  const std::string bad = server.dir() + "/bad.csv";
  std::ofstream(bad, std::ios::binary) << "姓名,性别\n张三,男\n李四,未知\n";
  EXPECT_EQ(ServerProcess::run_cli({"import-roster", bad, "--db", server.db_path(), "--org", id_str(branch)}, &out), 1);
  EXPECT_NE(out.find("\n  第 3 行：性别“未知”无法识别，请填写“男”或“女” / row 3: gender \"未知\" is not recognised"),
            std::string::npos)
      << out;
  EXPECT_EQ(people(server), 3);
  EXPECT_EQ(ServerProcess::run_cli({"import-roster", file, "--db", server.db_path(), "--org", "99"}, &out), 1);
  EXPECT_NE(out.find("组织不存在 / no such organization"), std::string::npos) << out;
  EXPECT_EQ(ServerProcess::run_cli({"import-roster", bad, "--db", server.db_path(), "--org", id_str(branch), "--since",
                                    "yesterday"},
                                   &out),
            2);

  server.start();
  auto again = server.admin();
  EXPECT_EQ(again.get("/api/v1/orgs/" + id_str(branch) + "/members?on=2024-01-01").json().at("items").as_array().size(),
            3u);
}

}  // namespace
}  // namespace xuefeng::testing
