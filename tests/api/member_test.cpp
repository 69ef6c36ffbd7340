// Dated memberships: add, list on a day or with history, end (keeping history), and what that means
// for who is expected at an activity.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api_fixture.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

std::vector<std::int64_t> person_ids(const json::value& page) {
  std::vector<std::int64_t> out;
  for (const auto& m : page.at("items").as_array()) out.push_back(m.at("person_id").as_int64());
  return out;
}

TEST(Members, AddListOnADayEndAndKeepHistory) {
  ServerProcess server;
  auto admin = server.admin();
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  const auto lu = create_person(admin, "陆志刚");
  const auto shen = create_person(admin, "沈美华");
  const auto gao = create_person(admin, "高建军");
  const std::string members = "/api/v1/orgs/" + id_str(branch) + "/members";

  const auto added = admin.post(members, json::object{{"person_id", lu}, {"role", "secretary"}, {"since", "2023-02-01"}});
  ASSERT_EQ(added.status, 201);
  EXPECT_EQ(added.json(), json::parse(R"({"id":1,"org_id":)" + id_str(branch) + R"(,"person_id":)" + id_str(lu) +
                                      R"(,"name":"陆志刚","role":"secretary","since":"2023-02-01","until":null,"version":1})"));
  // Role defaults to member, since to today.
  const auto plain = admin.post(members, json::object{{"person_id", shen}});
  ASSERT_EQ(plain.status, 201);
  EXPECT_EQ(plain.json().at("role"), "member");
  EXPECT_EQ(plain.json().at("since"), local_date_offset(0).c_str());
  add_member(admin, branch, gao, "2024-06-01");

  EXPECT_EQ(person_ids(admin.get(members + "?on=2023-06-30").json()), std::vector<std::int64_t>{lu});
  EXPECT_EQ(person_ids(admin.get(members + "?on=2024-06-01").json()), (std::vector<std::int64_t>{lu, gao}));
  EXPECT_EQ(person_ids(admin.get(members).json()), (std::vector<std::int64_t>{lu, shen, gao}));

  // The same person twice in an overlapping period: conflict.
  const auto twice = admin.post(members, json::object{{"person_id", lu}, {"since", "2025-01-01"}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.json().at("detail"), "陆志刚 在该期间已是本组织成员（自 2023-02-01 起）");

  // Ending keeps the record with its last day.
  const auto ended = admin.del(members + "/" + id_str(gao) + "?until=2025-06-30");
  ASSERT_EQ(ended.status, 200);
  EXPECT_EQ(ended.json().at("until"), "2025-06-30");
  EXPECT_EQ(ended.json().at("since"), "2024-06-01");
  EXPECT_EQ(ended.json().at("version"), 2);
  EXPECT_EQ(person_ids(admin.get(members).json()), (std::vector<std::int64_t>{lu, shen}));
  EXPECT_EQ(person_ids(admin.get(members + "?on=2025-06-30").json()), (std::vector<std::int64_t>{lu, gao}));
  EXPECT_EQ(person_ids(admin.get(members + "?on=2025-07-01").json()), std::vector<std::int64_t>{lu});
  const auto history = admin.get(members + "?history=true").json();
  EXPECT_EQ(person_ids(history), (std::vector<std::int64_t>{lu, shen, gao}));
  EXPECT_EQ(history.at("items").at(2).at("until"), "2025-06-30");

  // Rejoining after the end is a second membership; ending someone not a member is a 404.
  EXPECT_EQ(admin.post(members, json::object{{"person_id", gao}, {"since", "2026-01-01"}}).status, 201);
  EXPECT_EQ(person_ids(admin.get(members + "?history=true").json()), (std::vector<std::int64_t>{lu, shen, gao, gao}));
  const auto outsider = create_person(admin, "外单位人员");
  const auto not_member = admin.del(members + "/" + id_str(outsider));
  EXPECT_EQ(not_member.status, 404);
  EXPECT_EQ(not_member.json().at("detail"), "外单位人员 当前不是该组织成员");
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM memberships"), 4);
}

TEST(Members, EndingBeforeAStartedMembershipBeganIsRefusedNotDeleted) {
  ServerProcess server;
  auto admin = server.admin();
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  const auto person = create_person(admin, "杨帆");
  add_member(admin, branch, person, "2024-03-01");
  const std::string url = "/api/v1/orgs/" + id_str(branch) + "/members/" + id_str(person);

  const auto early = admin.del(url + "?until=2024-02-01");
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(error_fields(early), std::vector<std::string>{"until"});
  EXPECT_EQ(error_message(early, "until"), "结束日期不能早于开始日期（2024-03-01）");
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM memberships WHERE until IS NULL"), 1);

  // A membership that has not started yet is withdrawn altogether.
  const auto future = create_person(admin, "新调入人员");
  add_member(admin, branch, future, local_date_offset(30));
  const auto withdrawn = admin.del("/api/v1/orgs/" + id_str(branch) + "/members/" + id_str(future));
  EXPECT_EQ(withdrawn.status, 200);
  EXPECT_EQ(withdrawn.json().at("until"), local_date_offset(0).c_str());
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM memberships WHERE person_id = " + id_str(future)), 0);
}

TEST(Members, InvalidMembershipsAndMembersAreRefused) {
  ServerProcess server;
  auto admin = server.admin();
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  const auto person = create_person(admin, "杨帆");
  const std::string members = "/api/v1/orgs/" + id_str(branch) + "/members";

  const auto backwards = admin.post(members, json::object{{"person_id", person}, {"since", "2025-01-01"}, {"until", "2024-01-01"}});
  EXPECT_EQ(backwards.status, 422);
  EXPECT_EQ(error_message(backwards, "until"), "结束日期不能早于开始日期");
  const auto role = admin.post(members, json::object{{"person_id", person}, {"role", "chairman"}});
  EXPECT_EQ(error_message(role, "role"),
            "取值应为以下之一：secretary, deputy_secretary, committee_member, group_leader, study_secretary, member");
  const auto date = admin.post(members, json::object{{"person_id", person}, {"since", "2025-02-30"}});
  EXPECT_EQ(error_message(date, "since"), "应为有效日期，格式 YYYY-MM-DD");
  const auto ghost = admin.post(members, json::object{{"person_id", 99}});
  EXPECT_EQ(ghost.status, 422);
  EXPECT_EQ(error_message(ghost, "person_id"), "人员不存在");
  EXPECT_EQ(admin.post("/api/v1/orgs/99/members", json::object{{"person_id", person}}).status, 404);
  EXPECT_EQ(admin.get("/api/v1/orgs/99/members").status, 404);
  EXPECT_EQ(admin.get(members + "?on=yesterday").status, 422);
  EXPECT_EQ(admin.get(members + "?history=maybe").status, 422);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM memberships"), 0);

  auto m = make_member(server, admin, "yangfan", "杨帆2");
  add_member(admin, branch, m.person, "2024-01-01");
  EXPECT_EQ(m.client.get(members).status, 403);
  EXPECT_EQ(m.client.post(members, json::object{{"person_id", person}}).status, 403);
  EXPECT_EQ(m.client.del(members + "/" + id_str(m.person)).status, 403);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM memberships"), 1);
}

TEST(Members, WhoIsExpectedIsWhoBelongedOnTheActivitysFirstDay) {
  ServerProcess server;
  auto admin = server.admin();
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  const auto early = create_person(admin, "老成员");
  const auto late = create_person(admin, "新成员");
  const auto leaver = create_person(admin, "调离人员");
  const auto guest = create_person(admin, "特邀人员");
  add_member(admin, branch, early, "2024-01-01");
  add_member(admin, branch, late, "2025-04-01");
  add_member(admin, branch, leaver, "2024-01-01");
  ASSERT_EQ(admin.del("/api/v1/orgs/" + id_str(branch) + "/members/" + id_str(leaver) + "?until=2025-05-31").status, 200);

  auto expected_at = [&](const std::string& day, json::array invitees = {}) {
    const auto id = create_activity(admin, json::object{{"org_id", branch},
                                                        {"kind", "centralized_study"},
                                                        {"title", "支部集中学习 " + day},
                                                        {"starts_on", day},
                                                        {"invitees", invitees}});
    const auto sheet = admin.get("/api/v1/activities/" + id_str(id) + "/attendance").json();
    std::vector<std::int64_t> out;
    for (const auto& item : sheet.at("items").as_array()) out.push_back(item.at("person_id").as_int64());
    EXPECT_EQ(sheet.at("expected").as_int64(), static_cast<std::int64_t>(out.size()));
    return out;
  };
  EXPECT_EQ(expected_at("2025-03-15"), (std::vector<std::int64_t>{early, leaver}));
  EXPECT_EQ(expected_at("2025-04-01"), (std::vector<std::int64_t>{early, late, leaver}));
  EXPECT_EQ(expected_at("2025-05-31"), (std::vector<std::int64_t>{early, late, leaver}));
  EXPECT_EQ(expected_at("2025-06-01"), (std::vector<std::int64_t>{early, late}));
  EXPECT_EQ(expected_at("2025-06-02", json::array{guest}), (std::vector<std::int64_t>{early, late, guest}));
}

}  // namespace
}  // namespace xuefeng::testing
