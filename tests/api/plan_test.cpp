// Yearly study plans and their topics.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api_fixture.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

json::object plan_body(std::int64_t org, int year) {
  return {{"org_id", org},
          {"year", year},
          {"title", "区委理论学习中心组" + std::to_string(year) + "年学习计划"},
          {"topics", json::array{json::object{{"title", "推进新型工业化"}, {"description", "梳理全区工业发展的短板。"}},
                                 json::object{{"title", "提升基层社会治理效能"}}}}};
}

TEST(Plans, CreateWithTopicsReadAndList) {
  ServerProcess server;
  auto admin = server.admin();
  const auto group = create_org(admin, "区委理论学习中心组", "study_group");
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  const auto created = admin.post("/api/v1/plans", plan_body(group, 2025));
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(created.header("ETag"), "\"1\"");
  const auto plan = created.json();
  EXPECT_EQ(plan.at("org_id"), group);
  EXPECT_EQ(plan.at("year"), 2025);
  EXPECT_EQ(plan.at("title"), "区委理论学习中心组2025年学习计划");
  EXPECT_EQ(plan.at("version"), 1);
  EXPECT_EQ(plan.at("topics"), json::parse(R"([{"id":1,"title":"推进新型工业化","description":"梳理全区工业发展的短板。"},)"
                                           R"({"id":2,"title":"提升基层社会治理效能","description":""}])"));
  const auto id = plan.at("id").as_int64();
  EXPECT_EQ(admin.get("/api/v1/plans/" + id_str(id)).json(), plan);

  // One plan per org and year.
  const auto twice = admin.post("/api/v1/plans", plan_body(group, 2025));
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.json().at("detail"), std::string("该组织 2025 年度的学习计划已存在（编号 " + id_str(id) + "）").c_str());

  ASSERT_EQ(admin.post("/api/v1/plans", plan_body(group, 2026)).status, 201);
  ASSERT_EQ(admin.post("/api/v1/plans", plan_body(branch, 2025)).status, 201);
  auto years = [&](const std::string& query) {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    const auto page = admin.get("/api/v1/plans" + query).json();
    for (const auto& p : page.at("items").as_array()) {
      out.emplace_back(p.at("org_id").as_int64(), p.at("year").as_int64());
    }
    return out;
  };
  using Pairs = std::vector<std::pair<std::int64_t, std::int64_t>>;
  EXPECT_EQ(years(""), (Pairs{{group, 2025}, {group, 2026}, {branch, 2025}}));
  EXPECT_EQ(years("?org_id=" + id_str(group)), (Pairs{{group, 2025}, {group, 2026}}));
  EXPECT_EQ(years("?year=2025"), (Pairs{{group, 2025}, {branch, 2025}}));
  EXPECT_EQ(years("?org_id=" + id_str(branch) + "&year=2026"), Pairs{});
  EXPECT_EQ(admin.get("/api/v1/plans?year=next").status, 422);
  EXPECT_EQ(admin.get("/api/v1/plans/99").status, 404);
}

TEST(Plans, InvalidPlansAreRefused) {
  ServerProcess server;
  auto admin = server.admin();
  const auto group = create_org(admin, "区委理论学习中心组", "study_group");
  const auto res = admin.post("/api/v1/plans", json::object{{"org_id", group},
                                                            {"year", 1999},
                                                            {"title", ""},
                                                            {"topics", json::array{json::object{{"title", " "}}}}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(error_fields(res), (std::vector<std::string>{"year", "title", "topics[0].title"}));
  EXPECT_EQ(error_message(res, "year"), "年度应在 2000 到 2100 之间");
  const auto ids = admin.post("/api/v1/plans", json::object{{"org_id", group},
                                                            {"year", 2025},
                                                            {"title", "计划"},
                                                            {"topics", json::array{json::object{{"id", 3}, {"title", "专题"}}}}});
  EXPECT_EQ(ids.status, 422);
  EXPECT_EQ(error_fields(ids), std::vector<std::string>{"topics[0].id"});
  const auto ghost = admin.post("/api/v1/plans", plan_body(99, 2025));
  EXPECT_EQ(ghost.status, 422);
  EXPECT_EQ(error_message(ghost, "org_id"), "组织不存在");
  const auto types = admin.post("/api/v1/plans", json::object{{"org_id", "1"}, {"year", 2025.5}, {"title", "计划"}, {"topics", "专题"}});
  EXPECT_EQ(error_fields(types), (std::vector<std::string>{"org_id", "year", "topics"}));
  EXPECT_EQ(error_message(types, "org_id"), "应为整数");
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM plans"), 0);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM topics"), 0);
}

TEST(Plans, PatchReplacesTheTopicListKeepingThoseNamedById) {
  ServerProcess server;
  auto admin = server.admin();
  const auto group = create_org(admin, "区委理论学习中心组", "study_group");
  const auto plan = admin.post("/api/v1/plans", plan_body(group, 2025)).json();
  const std::string url = "/api/v1/plans/" + id_str(plan.at("id").as_int64());

  const auto title = admin.patch(url, json::object{{"title", "2025年中心组学习计划（修订）"}}, {{"If-Match", "1"}});
  ASSERT_EQ(title.status, 200);
  EXPECT_EQ(title.header("ETag"), "\"2\"");
  EXPECT_EQ(title.json().at("topics"), plan.at("topics"));

  // Keep topic 2 (now first, renamed), drop topic 1, add a new one.
  const auto topics = admin.patch(
      url, json::object{{"topics", json::array{json::object{{"id", 2}, {"title", "健全制度机制，提升基层治理效能"}},
                                               json::object{{"title", "加强干部队伍建设"}, {"description", "激励干部担当作为。"}}}}});
  ASSERT_EQ(topics.status, 200);
  const auto t = topics.json().at("topics").as_array();
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t.at(0), json::parse(R"({"id":2,"title":"健全制度机制，提升基层治理效能","description":""})"));
  EXPECT_EQ(t.at(1).at("title"), "加强干部队伍建设");
  EXPECT_EQ(t.at(1).at("description"), "激励干部担当作为。");
  EXPECT_EQ(topics.json().at("version"), 3);
  EXPECT_EQ(admin.get(url).json().at("topics"), topics.json().at("topics"));

  // A topic with activities cannot be dropped; nothing changes.
  create_activity(admin, json::object{{"org_id", group},
                                      {"plan_id", plan.at("id")},
                                      {"topic_id", 2},
                                      {"kind", "lecture"},
                                      {"title", "专题讲座"},
                                      {"starts_on", "2025-05-12"}});
  const auto in_use = admin.patch(url, json::object{{"topics", json::array{json::object{{"title", "只剩一个专题"}}}}});
  EXPECT_EQ(in_use.status, 409);
  EXPECT_EQ(in_use.json().at("detail"), "专题“健全制度机制，提升基层治理效能”已有学习活动，不能删除");
  EXPECT_EQ(admin.get(url).json().at("topics").as_array().size(), 2u);

  const auto foreign = admin.patch(url, json::object{{"topics", json::array{json::object{{"id", 2}, {"title", "a"}},
                                                                            json::object{{"id", 2}, {"title", "b"}}}}});
  EXPECT_EQ(foreign.status, 422);
  EXPECT_EQ(error_fields(foreign), std::vector<std::string>{"topics[1].id"});
  const auto stale = admin.patch(url, json::object{{"title", "过期"}}, {{"If-Match", "1"}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(admin.patch(url, json::object{{"year", 2026}}).status, 422);
  EXPECT_EQ(admin.get(url).json().at("version"), 3);
}

TEST(Plans, MembersReadThePlansOfTheirOwnOrgsOnly) {
  ServerProcess server;
  auto admin = server.admin();
  const auto group = create_org(admin, "区委理论学习中心组", "study_group");
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  const auto mine = admin.post("/api/v1/plans", plan_body(branch, 2025)).json().at("id").as_int64();
  const auto theirs = admin.post("/api/v1/plans", plan_body(group, 2025)).json().at("id").as_int64();
  auto m = make_member(server, admin, "chenyuting", "陈雨婷");
  add_member(admin, branch, m.person, "2024-01-01");

  const auto list = m.client.get("/api/v1/plans").json().at("items").as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list.at(0).at("id"), mine);
  EXPECT_EQ(m.client.get("/api/v1/plans?org_id=" + id_str(group)).json().at("items"), json::array{});
  EXPECT_EQ(m.client.get("/api/v1/plans/" + id_str(mine)).status, 200);
  EXPECT_EQ(m.client.get("/api/v1/plans/" + id_str(theirs)).status, 404);
  EXPECT_EQ(m.client.post("/api/v1/plans", plan_body(branch, 2026)).status, 403);
  EXPECT_EQ(m.client.patch("/api/v1/plans/" + id_str(mine), json::object{{"title", "改"}}).status, 403);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM plans"), 2);
}

}  // namespace
}  // namespace xuefeng::testing

namespace xuefeng::testing {
namespace {

// A deleted topic's id is not given to the next new topic: ids a client holds keep their meaning.
TEST(PlanIds, ADeletedTopicsIdIsNeverReused) {
  ServerProcess server;
  auto admin = server.admin();
  const auto org = create_org(admin, "区委中心组", "study_group");
  const auto plan = admin.post("/api/v1/plans", boost::json::object{{"org_id", org}, {"year", 2026}, {"title", "计划"},
      {"topics", boost::json::array{boost::json::object{{"title", "专题一"}}, boost::json::object{{"title", "专题二"}}}}});
  ASSERT_EQ(plan.status, 201);
  const auto body = plan.json();
  const auto first = body.at("topics").at(0).at("id").as_int64();
  const auto last = body.at("topics").at(1).at("id").as_int64();
  const auto patched = admin.patch("/api/v1/plans/" + std::to_string(body.at("id").as_int64()),
                                   boost::json::object{{"topics", boost::json::array{
                                       boost::json::object{{"id", first}, {"title", "专题一"}},
                                       boost::json::object{{"title", "新专题"}}}}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_GT(patched.json().at("topics").at(1).at("id").as_int64(), last);
}

}  // namespace
}  // namespace xuefeng::testing
