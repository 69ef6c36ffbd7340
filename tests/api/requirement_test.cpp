// Requirement sets, compliance and make-up obligations through the real server: the JSON each route
// answers, worked out by hand for a small study group in 2025 (a past year, so "today" does not matter).

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api_fixture.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

struct Group {
  std::int64_t district = 0, group = 0, zhou = 0, wu = 0, q1 = 0, q2 = 0, set = 0;
};

void mark(HttpClient& admin, std::int64_t activity, std::int64_t person, const char* status) {
  const auto res = admin.put("/api/v1/activities/" + id_str(activity) + "/attendance",
                             json::array{json::object{{"person_id", person}, {"status", status}}});
  ASSERT_EQ(res.status, 200) << res.body;
}

// 区委 with its study group: 周 and 吴 members since 2024. Centralized studies on 2025-02-10 (both present)
// and 2025-05-12 (周 present, 吴 excused). A set: the eight ones with make-up study of centralized studies
// within 30 days, counting as attended.
Group build(HttpClient& admin) {
  Group g;
  g.district = create_org(admin, "云溪区委", "party_committee");
  g.group = create_org(admin, "区委理论学习中心组", "study_group", g.district);
  g.zhou = create_person(admin, "周建国");
  g.wu = create_person(admin, "吴德明");
  add_member(admin, g.group, g.zhou, "2024-01-01");
  add_member(admin, g.group, g.wu, "2024-01-01");
  g.q1 = create_activity(admin, json::object{{"org_id", g.group}, {"kind", "centralized_study"}, {"title", "一季度集中学习"},
                                             {"starts_on", "2025-02-10"}});
  g.q2 = create_activity(admin, json::object{{"org_id", g.group}, {"kind", "centralized_study"}, {"title", "二季度集中学习"},
                                             {"starts_on", "2025-05-12"}});
  mark(admin, g.q1, g.zhou, "present");
  mark(admin, g.q1, g.wu, "present");
  mark(admin, g.q2, g.zhou, "present");
  mark(admin, g.q2, g.wu, "excused");
  const auto templates = admin.get("/api/v1/requirements/templates").json();
  auto document = templates.at("items").as_array().at(0).at("document").as_object();
  document["name"] = "八个一（含补学）";
  document["make_up"] = json::object{{"activity_kinds", json::array{"centralized_study"}}, {"within_days", 30},
                                     {"counts_as_attended", true}};
  g.set = created_id(admin.post("/api/v1/requirements", json::object{{"org_id", g.district}, {"document", document}}),
                     "requirement set");
  return g;
}

TEST(Requirements, TemplatesAreTheFourShippedOnes) {
  ServerProcess server;
  auto admin = server.admin();
  const auto res = admin.get("/api/v1/requirements/templates");
  ASSERT_EQ(res.status, 200) << res.body;
  const auto body = res.json();
  std::vector<std::string> codes;
  for (const auto& t : body.at("items").as_array()) codes.push_back(json_text(t, "code"));
  EXPECT_EQ(codes, (std::vector<std::string>{"eight_ones", "central_group_year", "township_cadence", "egov_training"}));
}

TEST(Requirements, APersonsComplianceShowsDoneOverRequiredAndTheRecords) {
  ServerProcess server;
  auto admin = server.admin();
  const auto g = build(admin);
  const auto res = admin.get("/api/v1/people/" + id_str(g.wu) + "/compliance?year=2025&as_of=2025-06-30");
  ASSERT_EQ(res.status, 200) << res.body;
  const auto body = res.json();
  EXPECT_EQ(body.at("as_of"), "2025-06-30");
  const auto& subjects = body.at("subjects").as_array();
  ASSERT_EQ(subjects.size(), 1u);
  const auto& s = subjects[0];
  EXPECT_EQ(s.at("person_id"), g.wu);
  EXPECT_EQ(s.at("requirement_id"), g.set);
  const auto& quarterly = s.at("items").as_array().at(0);
  EXPECT_EQ(json_text(quarterly, "code"), "quarterly_centralized_study");
  // Q1 met; Q2 excused and not made up: missed once June is over. 1 / 4 quarters met.
  EXPECT_EQ(quarterly.at("required"), 4);
  EXPECT_EQ(quarterly.at("actual"), 1);
  EXPECT_EQ(quarterly.at("status"), "behind");  // a missed quarter: behind until the year is over
  EXPECT_EQ(quarterly.at("periods").as_array().at(1), json::parse(R"({"from":"2025-04-01","to":"2025-06-30",)"
                                                                   R"("required":1,"actual":0,"status":"missed"})"));
  EXPECT_EQ(quarterly.at("record_ids").at("activities"), json::array{g.q1});
  EXPECT_EQ(s.at("status"), "behind");
  EXPECT_EQ(s.at("make_up"), json::parse(R"([{"activity_id":)" + id_str(g.q2) +
                                         R"(,"kind":"centralized_study","starts_on":"2025-05-12","missed":"excused",)"
                                         R"("due_on":"2025-06-11","entry_id":null,"state":"overdue"}])"));
}

TEST(Requirements, MakeUpObligationsAreListedPerPersonAndPerOrg) {
  ServerProcess server;
  auto admin = server.admin();
  const auto g = build(admin);
  const std::string person_url = "/api/v1/people/" + id_str(g.wu) + "/make-up?year=2025&as_of=2025-06-05";
  const auto open = admin.get(person_url);
  ASSERT_EQ(open.status, 200) << open.body;
  EXPECT_EQ(open.json(), json::parse(R"({"year":2025,"as_of":"2025-06-05","state":"open","items":[{"activity_id":)" +
                                     id_str(g.q2) + R"(,"kind":"centralized_study","starts_on":"2025-05-12",)"
                                     R"("missed":"excused","due_on":"2025-06-11","entry_id":null,"state":"open",)"
                                     R"("person_id":)" + id_str(g.wu) + R"(,"name":"吴德明","requirement_id":)" +
                                     id_str(g.set) + R"(,"requirement_name":"八个一（含补学）",)"
                                     R"("activity_title":"二季度集中学习"}]})"));
  // 周 owes nothing.
  EXPECT_EQ(admin.get("/api/v1/people/" + id_str(g.zhou) + "/make-up?year=2025&as_of=2025-06-05").json().at("items"),
            json::array{});

  // 吴 writes it up on June 3: no longer open, listed as done with the entry, and Q2 now counts.
  const auto entry = created_id(
      admin.post("/api/v1/people/" + id_str(g.wu) + "/archive",
                 json::object{{"kind", "note"}, {"date", "2025-06-03"}, {"title", "补学笔记"}, {"activity_id", g.q2}}),
      "archive entry");
  EXPECT_EQ(admin.get(person_url).json().at("items"), json::array{});
  const auto all = admin.get(person_url + "&state=all").json().at("items").as_array();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].at("state"), "done");
  EXPECT_EQ(all[0].at("entry_id"), entry);
  const auto c = admin.get("/api/v1/people/" + id_str(g.wu) + "/compliance?year=2025&as_of=2025-06-30").json();
  EXPECT_EQ(c.at("subjects").at(0).at("items").at(0).at("actual"), 2);

  // The org's list holds everyone in the subtree, whoever owes.
  mark(admin, g.q1, g.zhou, "absent");
  const auto org = admin.get("/api/v1/orgs/" + id_str(g.district) + "/make-up?year=2025&as_of=2025-06-05&state=all");
  ASSERT_EQ(org.status, 200) << org.body;
  const auto rows = org.json().at("items").as_array();
  ASSERT_EQ(rows.size(), 2u);
  // By due date: 周's Q1 absence (due 2025-03-12, overdue) before 吴's Q2 (done).
  EXPECT_EQ(rows[0].at("person_id"), g.zhou);
  EXPECT_EQ(rows[0].at("due_on"), "2025-03-12");
  EXPECT_EQ(rows[0].at("state"), "overdue");
  EXPECT_EQ(rows[1].at("person_id"), g.wu);
  EXPECT_EQ(rows[1].at("state"), "done");

  EXPECT_EQ(admin.get(person_url + "&state=").json().at("state"), "open");  // empty: the default
  const auto bad = admin.get(person_url + "&state=closed");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(error_fields(bad), std::vector<std::string>{"state"});
  EXPECT_EQ(admin.get("/api/v1/people/" + id_str(g.wu) + "/make-up").status, 422);  // year is required
}

}  // namespace
}  // namespace xuefeng::testing
