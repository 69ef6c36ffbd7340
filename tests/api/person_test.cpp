// People: create, read, update with If-Match, delete (409 once they have history), name search, and
// what a member may see.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api_fixture.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

std::vector<std::string> names(const json::value& page) {
  std::vector<std::string> out;
  for (const auto& p : page.at("items").as_array()) out.emplace_back(p.at("name").as_string());
  return out;
}

TEST(People, CreateReadPatchAndDelete) {
  ServerProcess server;
  auto admin = server.admin();
  const auto created = admin.post("/api/v1/people", json::object{{"name", " 王振华 "},
                                                                 {"gender", "male"},
                                                                 {"birth_date", "1974-11-21"},
                                                                 {"party_member", true},
                                                                 {"cadre_level", "county"},
                                                                 {"post", "区委副书记"},
                                                                 {"phone", "+86 138-0000-0000"}});
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(created.header("ETag"), "\"1\"");
  const auto p = created.json();
  const auto id = p.at("id").as_int64();
  EXPECT_EQ(p.at("name"), "王振华");  // trimmed
  EXPECT_EQ(p.at("gender"), "male");
  EXPECT_EQ(p.at("birth_date"), "1974-11-21");
  EXPECT_EQ(p.at("party_member"), true);
  EXPECT_EQ(p.at("cadre_level"), "county");
  EXPECT_EQ(p.at("post"), "区委副书记");
  EXPECT_EQ(p.at("phone"), "+86 138-0000-0000");
  EXPECT_EQ(p.at("version"), 1);

  // Only a name is required; the rest default to null, false and "".
  const auto minimal = admin.post("/api/v1/people", json::object{{"name", "李慧敏"}}).json();
  EXPECT_TRUE(minimal.at("gender").is_null());
  EXPECT_TRUE(minimal.at("birth_date").is_null());
  EXPECT_EQ(minimal.at("party_member"), false);
  EXPECT_TRUE(minimal.at("cadre_level").is_null());
  EXPECT_EQ(minimal.at("post"), "");
  EXPECT_EQ(minimal.at("phone"), "");

  const std::string url = "/api/v1/people/" + id_str(id);
  const auto got = admin.get(url);
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.json(), p);

  const auto patched = admin.patch(url, json::object{{"post", "区委副书记、政法委书记"}, {"cadre_level", nullptr}},
                                   {{"If-Match", "\"1\""}});
  ASSERT_EQ(patched.status, 200);
  EXPECT_EQ(patched.header("ETag"), "\"2\"");
  EXPECT_EQ(patched.json().at("post"), "区委副书记、政法委书记");
  EXPECT_TRUE(patched.json().at("cadre_level").is_null());
  EXPECT_EQ(patched.json().at("gender"), "male");

  const auto stale = admin.patch(url, json::object{{"post", "过期"}}, {{"If-Match", "\"1\""}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(problem_code(stale), "version_mismatch");
  EXPECT_EQ(admin.get(url).json().at("post"), "区委副书记、政法委书记");

  const auto gone = admin.request("DELETE", url, "", {{"If-Match", "2"}});
  EXPECT_EQ(gone.status, 204);
  EXPECT_EQ(admin.get(url).status, 404);
  EXPECT_EQ(admin.patch(url, json::object{{"post", "x"}}).status, 404);
}

TEST(People, InvalidPeopleAreRefused) {
  ServerProcess server;
  auto admin = server.admin();
  const auto res = admin.post("/api/v1/people", json::object{{"name", "张三"},
                                                             {"gender", "男"},
                                                             {"birth_date", "1974/11/21"},
                                                             {"party_member", "是"},
                                                             {"cadre_level", "ministry"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(error_fields(res), (std::vector<std::string>{"gender", "birth_date", "party_member", "cadre_level"}));
  EXPECT_EQ(error_message(res, "gender"), "取值应为以下之一：male, female");
  EXPECT_EQ(error_message(res, "party_member"), "应为 true 或 false");
  EXPECT_EQ(error_message(res, "cadre_level"), "取值应为以下之一：bureau, county, township");

  const auto rules = admin.post("/api/v1/people", json::object{{"name", std::string(51, 'x')},
                                                               {"birth_date", local_date_offset(1)},
                                                               {"phone", "138-0000-0000 ext. 5"}});
  EXPECT_EQ(rules.status, 422);
  EXPECT_EQ(error_fields(rules), (std::vector<std::string>{"name", "birth_date", "phone"}));
  EXPECT_EQ(error_message(rules, "birth_date"), "出生日期应在 1900-01-01 与今天之间");
  EXPECT_EQ(error_message(rules, "phone"), "电话号码只能包含数字、空格、+ 和 -");
  EXPECT_EQ(admin.post("/api/v1/people", json::object{{"gender", "female"}}).status, 422);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM people"), 0);
}

TEST(People, DeleteIsRefusedOnceThePersonHasHistory) {
  ServerProcess server;
  auto admin = server.admin();
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  const auto person = create_person(admin, "陈雨婷");
  add_member(admin, branch, person, "2024-01-01");
  const auto res = admin.del("/api/v1/people/" + id_str(person));
  EXPECT_EQ(res.status, 409);
  EXPECT_EQ(res.json().at("detail"), "陈雨婷 已有成员记录、考勤、学习档案或账号，不能删除；如已离开，请结束其成员身份");
  EXPECT_EQ(admin.get("/api/v1/people/" + id_str(person)).status, 200);
}

TEST(People, SearchFindsAnyPartOfANameAcrossPages) {
  ServerProcess server;
  auto admin = server.admin();
  for (const char* name : {"王振华", "沈美华", "夏志华", "华明", "周建国", "李慧敏", "John Smith"}) create_person(admin, name);
  auto search = [&](const std::string& encoded) { return names(admin.get("/api/v1/people?q=" + encoded).json()); };
  EXPECT_EQ(search("%E6%8C%AF%E5%8D%8E"), std::vector<std::string>{"王振华"});                  // 振华, the given name
  EXPECT_EQ(search("%E5%8D%8E"), (std::vector<std::string>{"王振华", "沈美华", "夏志华", "华明"}));  // 华, one character
  EXPECT_EQ(search("%E7%8E%8B"), std::vector<std::string>{"王振华"});                            // 王, the surname
  EXPECT_EQ(search("%E5%8D%8E%E6%8C%AF"), std::vector<std::string>{});                           // 华振: not in that order
  EXPECT_EQ(search("smith"), std::vector<std::string>{"John Smith"});                            // ASCII ignores case
  EXPECT_EQ(search("%20%E5%BB%BA%E5%9B%BD%20"), std::vector<std::string>{"周建国"});             // trimmed
  EXPECT_EQ(search("").size(), 7u);

  // Paging through the matches of 华.
  const auto first = admin.get("/api/v1/people?q=%E5%8D%8E&limit=3").json();
  EXPECT_EQ(names(first), (std::vector<std::string>{"王振华", "沈美华", "夏志华"}));
  const auto second = admin.get("/api/v1/people?q=%E5%8D%8E&limit=3&cursor=" + json_text(first, "next_cursor")).json();
  EXPECT_EQ(names(second), std::vector<std::string>{"华明"});
  EXPECT_TRUE(second.at("next_cursor").is_null());
}

TEST(People, MembersSeeOnlyThemselvesAndChangeNothing) {
  ServerProcess server;
  auto admin = server.admin();
  const auto other = create_person(admin, "周建国");
  auto m = make_member(server, admin, "chenyuting", "陈雨婷");
  EXPECT_EQ(names(m.client.get("/api/v1/people").json()), std::vector<std::string>{"陈雨婷"});
  EXPECT_EQ(names(m.client.get("/api/v1/people?q=%E9%9B%A8").json()), std::vector<std::string>{"陈雨婷"});
  EXPECT_EQ(names(m.client.get("/api/v1/people?q=%E5%BB%BA").json()), std::vector<std::string>{});
  EXPECT_EQ(m.client.get("/api/v1/people/" + id_str(m.person)).status, 200);
  const auto hidden = m.client.get("/api/v1/people/" + id_str(other));
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(hidden.json().at("detail"), "人员不存在");
  EXPECT_EQ(m.client.post("/api/v1/people", json::object{{"name", "新人"}}).status, 403);
  EXPECT_EQ(m.client.patch("/api/v1/people/" + id_str(m.person), json::object{{"post", "主任"}}).status, 403);
  EXPECT_EQ(m.client.del("/api/v1/people/" + id_str(other)).status, 404);  // someone they cannot see
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM people"), 2);
  EXPECT_EQ(admin.get("/api/v1/people/" + id_str(m.person)).json().at("version"), 1);
}

}  // namespace
}  // namespace xuefeng::testing
