// Organizations: create, read, update with If-Match, delete (409 while in use), list by parent, tree,
// and what a member may see.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api_fixture.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

TEST(Orgs, CreateReadAndListByParent) {
  ServerProcess server;
  auto admin = server.admin();
  const auto created = admin.post("/api/v1/orgs", json::object{{"name", "中共云溪区委员会"}, {"kind", "party_committee"}});
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(created.header("ETag"), "\"1\"");
  const auto district = created.json();
  EXPECT_EQ(district.at("id"), 1);
  EXPECT_EQ(district.at("name"), "中共云溪区委员会");
  EXPECT_EQ(district.at("kind"), "party_committee");
  EXPECT_TRUE(district.at("parent_id").is_null());
  EXPECT_EQ(district.at("version"), 1);
  EXPECT_EQ(json_text(district, "created_at").substr(19), "+08:00");
  EXPECT_EQ(district.at("created_at"), district.at("updated_at"));

  const auto group = create_org(admin, "云溪区委理论学习中心组", "study_group", 1);
  const auto branch = create_org(admin, "云溪区政府办公室党支部", "branch", 1);
  const auto cell = create_org(admin, "综合科党小组", "group", branch);

  const auto got = admin.get("/api/v1/orgs/" + id_str(group));
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.header("ETag"), "\"1\"");
  EXPECT_EQ(got.json().at("parent_id"), 1);

  auto ids = [](const json::value& page) {
    std::vector<std::int64_t> out;
    for (const auto& o : page.at("items").as_array()) out.push_back(o.at("id").as_int64());
    return out;
  };
  EXPECT_EQ(ids(admin.get("/api/v1/orgs").json()), (std::vector<std::int64_t>{1, group, branch, cell}));
  EXPECT_EQ(ids(admin.get("/api/v1/orgs?parent_id=1").json()), (std::vector<std::int64_t>{group, branch}));
  EXPECT_EQ(ids(admin.get("/api/v1/orgs?parent_id=" + id_str(branch)).json()), std::vector<std::int64_t>{cell});
  const auto bad = admin.get("/api/v1/orgs?parent_id=x");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(error_fields(bad), std::vector<std::string>{"parent_id"});

  const auto orphan = admin.post("/api/v1/orgs", json::object{{"name", "党支部"}, {"kind", "branch"}, {"parent_id", 99}});
  EXPECT_EQ(orphan.status, 422);
  EXPECT_EQ(error_message(orphan, "parent_id"), "上级组织不存在");
  const auto blank = admin.post("/api/v1/orgs", json::object{{"name", "  "}, {"kind", "branch"}});
  EXPECT_EQ(error_message(blank, "name"), "不能为空");
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM orgs"), 4);
}

TEST(Orgs, PatchHonoursIfMatchAndAStaleVersionChangesNothing) {
  ServerProcess server;
  auto admin = server.admin();
  const auto district = create_org(admin, "中共云溪区委员会", "party_committee");
  const auto township = create_org(admin, "中共柳塘镇委员会", "party_committee", district);
  const std::string url = "/api/v1/orgs/" + id_str(township);

  const auto renamed = admin.patch(url, json::object{{"name", "中共柳塘镇委员会（新）"}}, {{"If-Match", "\"1\""}});
  ASSERT_EQ(renamed.status, 200);
  EXPECT_EQ(renamed.header("ETag"), "\"2\"");
  EXPECT_EQ(renamed.json().at("version"), 2);
  EXPECT_EQ(renamed.json().at("name"), "中共柳塘镇委员会（新）");
  EXPECT_EQ(renamed.json().at("kind"), "party_committee");

  const auto stale = admin.patch(url, json::object{{"name", "过期的修改"}}, {{"If-Match", "1"}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(problem_code(stale), "version_mismatch");
  EXPECT_EQ(stale.json().at("detail"), "该记录已被他人修改（当前版本 2），请刷新后重试");
  EXPECT_EQ(admin.get(url).json().at("name"), "中共柳塘镇委员会（新）");
  EXPECT_EQ(admin.get(url).json().at("version"), 2);

  const auto garbage = admin.patch(url, json::object{{"name", "x"}}, {{"If-Match", "abc"}});
  EXPECT_EQ(garbage.status, 400);
  EXPECT_EQ(problem_code(garbage), "bad_request");

  // Weak and bare forms of the current version are accepted; no If-Match means no precondition.
  EXPECT_EQ(admin.patch(url, json::object{{"kind", "working_committee"}}, {{"If-Match", "W/\"2\""}}).status, 200);
  const auto moved = admin.patch(url, json::object{{"parent_id", nullptr}});
  ASSERT_EQ(moved.status, 200);
  EXPECT_TRUE(moved.json().at("parent_id").is_null());
  EXPECT_EQ(moved.json().at("version"), 4);
  EXPECT_EQ(moved.json().at("kind"), "working_committee");

  const auto null_name = admin.patch(url, json::object{{"name", nullptr}, {"org_type", "x"}});
  EXPECT_EQ(null_name.status, 422);
  EXPECT_EQ(error_fields(null_name), (std::vector<std::string>{"name", "org_type"}));
  EXPECT_EQ(error_message(null_name, "name"), "不能为 null");
}

TEST(Orgs, AnOrgCannotMoveUnderItselfOrItsDescendants) {
  ServerProcess server;
  auto admin = server.admin();
  const auto a = create_org(admin, "区委", "party_committee");
  const auto b = create_org(admin, "党总支", "general_branch", a);
  const auto c = create_org(admin, "党支部", "branch", b);
  for (const auto target : {a, c}) {
    const auto res = admin.patch("/api/v1/orgs/" + id_str(a), json::object{{"parent_id", target}});
    EXPECT_EQ(res.status, 422);
    EXPECT_EQ(error_message(res, "parent_id"), "不能把组织移到它自己或其下级之下");
  }
  EXPECT_EQ(admin.patch("/api/v1/orgs/" + id_str(a), json::object{{"parent_id", 77}}).status, 422);
  // Moving c from b to a takes its place in the tree.
  EXPECT_EQ(admin.patch("/api/v1/orgs/" + id_str(c), json::object{{"parent_id", a}}).status, 200);
  const auto tree = admin.get("/api/v1/orgs/" + id_str(a) + "/tree").json();
  EXPECT_EQ(tree.at("children").as_array().size(), 2u);
}

TEST(Orgs, TreeNestsTheWholeSubtree) {
  ServerProcess server;
  auto admin = server.admin();
  const auto district = create_org(admin, "中共云溪区委员会", "party_committee");
  const auto group = create_org(admin, "云溪区委理论学习中心组", "study_group", district);
  const auto general = create_org(admin, "区政府机关党总支", "general_branch", district);
  const auto branch = create_org(admin, "区政府办公室党支部", "branch", general);
  const auto cell = create_org(admin, "综合科党小组", "group", branch);
  create_org(admin, "另一个区委", "party_committee");

  const auto res = admin.get("/api/v1/orgs/" + id_str(district) + "/tree");
  ASSERT_EQ(res.status, 200);
  const auto expected = json::parse(
      R"({"id":1,"name":"中共云溪区委员会","kind":"party_committee","parent_id":null,"children":[)"
      R"({"id":2,"name":"云溪区委理论学习中心组","kind":"study_group","parent_id":1,"children":[]},)"
      R"({"id":3,"name":"区政府机关党总支","kind":"general_branch","parent_id":1,"children":[)"
      R"({"id":4,"name":"区政府办公室党支部","kind":"branch","parent_id":3,"children":[)"
      R"({"id":5,"name":"综合科党小组","kind":"group","parent_id":4,"children":[]}]}]}]})");
  EXPECT_EQ(res.json(), expected);
  EXPECT_EQ(group, 2);
  EXPECT_EQ(cell, 5);

  const auto leaf = admin.get("/api/v1/orgs/" + id_str(cell) + "/tree").json();
  EXPECT_EQ(leaf.at("children"), json::array{});
  EXPECT_EQ(admin.get("/api/v1/orgs/99/tree").status, 404);
}

TEST(Orgs, DeleteIsRefusedWhileAnythingRefersToTheOrg) {
  ServerProcess server;
  auto admin = server.admin();
  admin.language = "en";
  const auto district = create_org(admin, "中共云溪区委员会", "party_committee");
  const auto branch = create_org(admin, "区政府办公室党支部", "branch", district);
  const auto person = create_person(admin, "陆志刚");
  add_member(admin, branch, person, "2024-01-01", "secretary");

  const auto with_child = admin.del("/api/v1/orgs/" + id_str(district));
  EXPECT_EQ(with_child.status, 409);
  EXPECT_EQ(problem_code(with_child), "conflict");
  EXPECT_EQ(with_child.json().at("detail"), "the organization still has 1 child organization and cannot be deleted");
  const auto with_member = admin.del("/api/v1/orgs/" + id_str(branch));
  EXPECT_EQ(with_member.status, 409);
  EXPECT_EQ(with_member.json().at("detail"), "the organization still has 1 membership and cannot be deleted");
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM orgs"), 2);

  // An empty org goes; a stale If-Match does not delete it.
  const auto empty = create_org(admin, "临时党小组", "group", district);
  const auto stale = admin.request("DELETE", "/api/v1/orgs/" + id_str(empty), "", {{"If-Match", "\"5\""}});
  EXPECT_EQ(stale.status, 412);
  const auto gone = admin.request("DELETE", "/api/v1/orgs/" + id_str(empty), "", {{"If-Match", "\"1\""}});
  EXPECT_EQ(gone.status, 204);
  EXPECT_EQ(gone.body, "");
  EXPECT_EQ(admin.get("/api/v1/orgs/" + id_str(empty)).status, 404);
  EXPECT_EQ(admin.del("/api/v1/orgs/" + id_str(empty)).status, 404);
}

TEST(Orgs, MembersSeeOnlyTheOrgsTheyBelongToAndMayNotChangeAny) {
  ServerProcess server;
  auto admin = server.admin();
  const auto district = create_org(admin, "中共云溪区委员会", "party_committee");
  const auto branch = create_org(admin, "区政府办公室党支部", "branch", district);
  const auto township = create_org(admin, "中共柳塘镇委员会", "party_committee", district);
  auto m = make_member(server, admin, "chenyuting", "陈雨婷");
  add_member(admin, branch, m.person, "2024-01-01");

  const auto list = m.client.get("/api/v1/orgs").json();
  ASSERT_EQ(list.at("items").as_array().size(), 1u);
  EXPECT_EQ(list.at("items").at(0).at("id"), branch);
  EXPECT_EQ(m.client.get("/api/v1/orgs?parent_id=" + id_str(township)).json().at("items"), json::array{});
  EXPECT_EQ(m.client.get("/api/v1/orgs/" + id_str(branch)).status, 200);
  // They see their org, not its subtree: the tree is for roles granted there.
  EXPECT_EQ(m.client.get("/api/v1/orgs/" + id_str(branch) + "/tree").status, 403);
  for (const auto other : {district, township, std::int64_t{99}}) {
    const auto res = m.client.get("/api/v1/orgs/" + id_str(other));
    EXPECT_EQ(res.status, 404) << other;
    EXPECT_EQ(res.json().at("detail"), "组织不存在");
    EXPECT_EQ(m.client.get("/api/v1/orgs/" + id_str(other) + "/tree").status, 404);
  }

  const auto create = m.client.post("/api/v1/orgs", json::object{{"name", "自建组织"}, {"kind", "group"}});
  EXPECT_EQ(create.status, 403);
  EXPECT_EQ(problem_code(create), "forbidden");
  EXPECT_EQ(m.client.patch("/api/v1/orgs/" + id_str(branch), json::object{{"name", "改名"}}).status, 403);
  EXPECT_EQ(m.client.del("/api/v1/orgs/" + id_str(branch)).status, 403);
  EXPECT_EQ(admin.get("/api/v1/orgs/" + id_str(branch)).json().at("version"), 1);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM orgs"), 3);
}

}  // namespace
}  // namespace xuefeng::testing
