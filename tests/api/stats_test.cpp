// GET /orgs/{id}/stats: an org's year, alone or with its subtree; the numbers are worked out by hand
// in study_year.hpp.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api_fixture.hpp"
#include "study_year.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

TEST(Stats, AnOrgsYearAloneAndWithItsSubtree) {
  ServerProcess server;
  auto admin = server.admin();
  HttpClient p(server.port());
  const auto y = build_study_year(server, admin, p);
  const std::string url = "/api/v1/orgs/" + id_str(y.branch) + "/stats?year=2025";

  const auto alone = admin.get(url);
  ASSERT_EQ(alone.status, 200) << alone.body;
  EXPECT_EQ(alone.json(), json::parse(R"({"activities":5,"upcoming":0,"activities_by_kind":{"centralized_study":2,"seminar":2,"lecture":1},)"
                                      R"("study_days":6,"credit_hours":17.5,"expected":16,"attended":10,)"
                                      R"("participation_rate":0.625})"));
  EXPECT_EQ(admin.get(url + "&descendants=false").json(), alone.json());

  const auto subtree = admin.get(url + "&descendants=true");
  ASSERT_EQ(subtree.status, 200);
  EXPECT_EQ(subtree.json(), json::parse(R"({"activities":6,"upcoming":0,"activities_by_kind":{"centralized_study":2,"seminar":2,"lecture":1,"film":1},)"
                                        R"("study_days":8,"credit_hours":21.5,"expected":17,"attended":11,)"
                                        R"("participation_rate":0.6471})"));

  // The district holds nothing itself; its subtree is the branch's plus nothing else (the township is
  // another root).
  EXPECT_EQ(admin.get("/api/v1/orgs/" + id_str(y.district) + "/stats?year=2025").json(),
            json::parse(R"({"activities":0,"upcoming":0,"activities_by_kind":{},"study_days":0,"credit_hours":0,"expected":0,)"
                        R"("attended":0,"participation_rate":0})"));
  EXPECT_EQ(admin.get("/api/v1/orgs/" + id_str(y.district) + "/stats?year=2025&descendants=true").json(), subtree.json());
  // The township: T1 (3 days, 12 hours, P invited and present) and T2 (no audience).
  EXPECT_EQ(admin.get("/api/v1/orgs/" + id_str(y.township) + "/stats?year=2025").json(),
            json::parse(R"({"activities":2,"upcoming":0,"activities_by_kind":{"party_lecture":1,"training":1},"study_days":4,)"
                        R"("credit_hours":14,"expected":1,"attended":1,"participation_rate":1})"));
  // 2024 holds A0 only.
  const auto before = admin.get("/api/v1/orgs/" + id_str(y.branch) + "/stats?year=2024").json();
  EXPECT_EQ(before.at("activities"), 1);
  EXPECT_EQ(before.at("expected"), 2);
  EXPECT_EQ(before.at("attended"), 2);
}

TEST(Stats, ActivitiesStillToComeAreCountedApart) {
  ServerProcess server;
  auto admin = server.admin();
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  add_member(admin, branch, create_person(admin, "陆志刚"), "2020-01-01");
  const std::string tomorrow = local_date_offset(1);
  create_activity(admin, json::object{{"org_id", branch}, {"kind", "seminar"}, {"title", "明天的研讨"},
                                      {"starts_on", tomorrow}, {"credit_hours", 2}});
  const auto stats = admin.get("/api/v1/orgs/" + id_str(branch) + "/stats?year=" + tomorrow.substr(0, 4)).json();
  EXPECT_EQ(stats.at("activities"), 0);
  EXPECT_EQ(stats.at("upcoming"), 1);
  EXPECT_EQ(stats.at("expected"), 0);
  EXPECT_EQ(stats.at("credit_hours"), 0);
}

TEST(Stats, RefusalsForStats) {
  ServerProcess server;
  auto admin = server.admin();
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  const std::string url = "/api/v1/orgs/" + id_str(branch) + "/stats";
  const auto no_year = admin.get(url);
  EXPECT_EQ(no_year.status, 422);
  EXPECT_EQ(error_fields(no_year), std::vector<std::string>{"year"});
  EXPECT_EQ(error_message(no_year, "year"), "必须填写");
  EXPECT_EQ(error_message(admin.get(url + "?year=1999"), "year"), "年度应在 2000 到 2100 之间");
  EXPECT_EQ(error_message(admin.get(url + "?year=twenty"), "year"), "应为整数");
  EXPECT_EQ(error_message(admin.get(url + "?year=2025&descendants=all"), "descendants"), "应为 true 或 false");
  EXPECT_EQ(admin.get("/api/v1/orgs/99/stats?year=2025").status, 404);
  auto m = make_member(server, admin, "chenyuting", "陈雨婷");
  add_member(admin, branch, m.person, "2024-01-01");
  EXPECT_EQ(m.client.get(url + "?year=2025").status, 403);
}

}  // namespace
}  // namespace xuefeng::testing
