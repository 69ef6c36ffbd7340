// Attendance sheets (GET with ETag and 304, PUT, mark-absent) and leave requests (request, list,
// approve, reject).

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "api_fixture.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

/// person_id -> status ("" when unmarked).
std::map<std::int64_t, std::string> statuses(const json::value& sheet) {
  std::map<std::int64_t, std::string> out;
  for (const auto& item : sheet.at("items").as_array()) {
    out[item.at("person_id").as_int64()] = item.at("status").is_null() ? "" : std::string(item.at("status").as_string());
  }
  return out;
}

struct Branch {
  std::int64_t org = 0;
  std::vector<std::int64_t> people;
};

Branch branch_of(HttpClient& admin, int size) {
  Branch b;
  b.org = create_org(admin, "区政府办公室党支部", "branch");
  for (int i = 0; i < size; ++i) {
    b.people.push_back(create_person(admin, "支部成员" + std::to_string(i + 1)));
    add_member(admin, b.org, b.people.back(), "2024-01-01");
  }
  return b;
}

std::int64_t activity_on(HttpClient& admin, std::int64_t org, const std::string& starts_on, const std::string& ends_on) {
  return create_activity(admin, json::object{{"org_id", org},
                                             {"kind", "centralized_study"},
                                             {"title", "支部集中学习"},
                                             {"starts_on", starts_on},
                                             {"ends_on", ends_on}});
}

TEST(Attendance, TheSheetListsTheAudienceWithMarksAndTotals) {
  ServerProcess server;
  auto admin = server.admin();
  const auto b = branch_of(admin, 4);
  const auto outsider = create_person(admin, "外单位人员");
  const auto id = activity_on(admin, b.org, "2025-03-10", "2025-03-10");
  const std::string url = "/api/v1/activities/" + id_str(id) + "/attendance";

  const auto empty = admin.get(url);
  ASSERT_EQ(empty.status, 200);
  const std::string empty_etag = empty.header("ETag");
  EXPECT_EQ(empty_etag.size(), 18u);  // a quoted 64-bit digest
  EXPECT_EQ(empty.header("Cache-Control"), "no-cache");
  const auto e = empty.json();
  EXPECT_EQ(e.at("activity_id"), id);
  EXPECT_EQ(e.at("expected"), 4);
  EXPECT_EQ(e.at("attended"), 0);
  EXPECT_EQ(e.at("participation_rate"), 0);
  EXPECT_EQ(e.at("items").at(0), json::parse(R"({"person_id":)" + id_str(b.people[0]) +
                                              R"(,"name":"支部成员1","status":null,"checked_in_at":null,"note":"",)"
                                              R"("expected":true,"leave":null})"));

  const auto put = admin.put(url, json::array{json::object{{"person_id", b.people[0]}, {"status", "present"}},
                                              json::object{{"person_id", b.people[1]}, {"status", "late"}, {"note", "迟到约10分钟"}},
                                              json::object{{"person_id", b.people[2]}, {"status", "excused"}, {"note", "病假"}}});
  ASSERT_EQ(put.status, 200) << put.body;
  const std::string marked_etag = put.header("ETag");
  EXPECT_NE(marked_etag, empty_etag);
  const auto s = put.json();
  EXPECT_EQ(s.at("expected"), 4);
  EXPECT_EQ(s.at("attended"), 2);  // present + late
  EXPECT_EQ(s.at("participation_rate"), 0.5);
  EXPECT_EQ(statuses(s), (std::map<std::int64_t, std::string>{
                             {b.people[0], "present"}, {b.people[1], "late"}, {b.people[2], "excused"}, {b.people[3], ""}}));
  EXPECT_EQ(s.at("items").at(1).at("note"), "迟到约10分钟");
  EXPECT_EQ(admin.get(url).json(), s);

  // All or nothing: one person outside the audience refuses the whole request.
  const auto outside = admin.put(url, json::array{json::object{{"person_id", b.people[3]}, {"status", "present"}},
                                                  json::object{{"person_id", outsider}, {"status", "present"}}});
  EXPECT_EQ(outside.status, 422);
  EXPECT_EQ(error_fields(outside), std::vector<std::string>{"[1].person_id"});
  EXPECT_EQ(error_message(outside, "[1].person_id"), "此人不在本次活动的参学人员名单中");
  EXPECT_EQ(admin.get(url).header("ETag"), marked_etag);
  EXPECT_EQ(statuses(admin.get(url).json()).at(b.people[3]), "");
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM attendance"), 3);

  const auto shapes = admin.put(url, json::array{json::object{{"person_id", b.people[3]}, {"status", "gone"}},
                                                 json::object{{"person_id", b.people[0]}},
                                                 json::object{{"person_id", b.people[1]}, {"status", "absent"}, {"why", "x"}}});
  EXPECT_EQ(shapes.status, 422);
  EXPECT_EQ(error_fields(shapes), (std::vector<std::string>{"[0].status", "[1].status", "[2].why"}));
  EXPECT_EQ(error_message(shapes, "[0].status"), "取值应为以下之一：present, late, excused, absent");
  const auto twice = admin.put(url, json::array{json::object{{"person_id", b.people[3]}, {"status", "present"}},
                                                json::object{{"person_id", b.people[3]}, {"status", "absent"}}});
  EXPECT_EQ(error_fields(twice), std::vector<std::string>{"[1].person_id"});
  const auto object = admin.put(url, json::object{{"person_id", b.people[3]}, {"status", "present"}});
  EXPECT_EQ(error_fields(object), std::vector<std::string>{"body"});
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM attendance"), 3);

  // null clears a mark.
  const auto cleared = admin.put(url, json::array{json::object{{"person_id", b.people[2]}, {"status", nullptr}}});
  ASSERT_EQ(cleared.status, 200);
  EXPECT_EQ(statuses(cleared.json()).at(b.people[2]), "");
  EXPECT_NE(cleared.header("ETag"), marked_etag);
  EXPECT_EQ(admin.get("/api/v1/activities/99/attendance").status, 404);
}

TEST(Attendance, PollingWithIfNoneMatchAnswers304UntilSomethingChanges) {
  ServerProcess server;
  auto admin = server.admin();
  const auto b = branch_of(admin, 2);
  const auto id = activity_on(admin, b.org, "2025-03-10", "2025-03-10");
  const std::string url = "/api/v1/activities/" + id_str(id) + "/attendance";
  const auto first = admin.get(url);
  const std::string etag = first.header("ETag");
  const auto same = admin.request("GET", url, "", {{"If-None-Match", etag}});
  EXPECT_EQ(same.status, 304);
  EXPECT_EQ(same.body, "");
  EXPECT_EQ(same.header("ETag"), etag);
  EXPECT_EQ(same.header("Cache-Control"), "no-cache");
  ASSERT_EQ(admin.put(url, json::array{json::object{{"person_id", b.people[0]}, {"status", "present"}}}).status, 200);
  const auto changed = admin.request("GET", url, "", {{"If-None-Match", etag}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(changed.header("ETag"), etag);
  EXPECT_EQ(changed.json().at("attended"), 1);
  EXPECT_EQ(admin.request("GET", url, "", {{"If-None-Match", changed.header("ETag")}}).status, 304);
  // A change of the audience without any mark changes the sheet, and so its ETag.
  const auto newcomer = create_person(admin, "新成员");
  add_member(admin, b.org, newcomer, "2025-01-01");
  const auto grown = admin.request("GET", url, "", {{"If-None-Match", changed.header("ETag")}});
  EXPECT_EQ(grown.status, 200);
  EXPECT_EQ(grown.json().at("expected"), 3);
}

TEST(Attendance, BeforeAnActivityStartsOnlyExcusedCanBeMarked) {
  ServerProcess server;
  auto admin = server.admin();
  const auto b = branch_of(admin, 2);
  const auto id = activity_on(admin, b.org, local_date_offset(3), local_date_offset(3));
  const std::string url = "/api/v1/activities/" + id_str(id) + "/attendance";
  const auto early = admin.put(url, json::array{json::object{{"person_id", b.people[0]}, {"status", "present"}}});
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(error_fields(early), std::vector<std::string>{"[0].status"});
  EXPECT_EQ(error_message(early, "[0].status"), "活动尚未开始，只能登记请假");
  const auto excused = admin.put(url, json::array{json::object{{"person_id", b.people[0]}, {"status", "excused"}}});
  EXPECT_EQ(excused.status, 200);
  EXPECT_EQ(statuses(excused.json()).at(b.people[0]), "excused");
}

TEST(Attendance, MarkAbsentOnlyAfterTheEndAndOnlyTheUnmarked) {
  ServerProcess server;
  auto admin = server.admin();
  const auto b = branch_of(admin, 3);
  // Runs from yesterday to tomorrow: started, not over.
  const auto running = activity_on(admin, b.org, local_date_offset(-1), local_date_offset(1));
  const auto early = admin.post("/api/v1/activities/" + id_str(running) + "/attendance/mark-absent", json::object{});
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(error_fields(early), std::vector<std::string>{"activity"});
  EXPECT_EQ(error_message(early, "activity"), "活动结束后才能把未签到人员记为缺席");
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM attendance"), 0);

  const auto over = activity_on(admin, b.org, local_date_offset(-3), local_date_offset(-2));
  const std::string url = "/api/v1/activities/" + id_str(over) + "/attendance";
  ASSERT_EQ(admin.put(url, json::array{json::object{{"person_id", b.people[1]}, {"status", "late"}}}).status, 200);
  const auto res = admin.request("POST", url + "/mark-absent");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(statuses(res.json()), (std::map<std::int64_t, std::string>{
                                      {b.people[0], "absent"}, {b.people[1], "late"}, {b.people[2], "absent"}}));
  EXPECT_EQ(res.json().at("attended"), 1);
  EXPECT_EQ(res.json().at("participation_rate"), 0.3333);
  // Again: nothing left to mark.
  EXPECT_EQ(statuses(admin.request("POST", url + "/mark-absent").json()), statuses(res.json()));
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM attendance"), 3);
}

// ids of a list answer, in order.
std::vector<std::int64_t> ids_of(const HttpResponse& res) {
  std::vector<std::int64_t> out;
  const auto body = res.json();
  for (const auto& item : body.at("items").as_array()) out.push_back(item.at("id").as_int64());
  return out;
}

TEST(Attendance, TheUnmarkedFilterListsBegunActivitiesWithSomeoneStillToMark) {
  ServerProcess server;
  auto admin = server.admin();
  const auto b = branch_of(admin, 2);
  const auto guest = create_person(admin, "特邀人员");
  const auto held = activity_on(admin, b.org, local_date_offset(-5), local_date_offset(-5));
  const auto running = activity_on(admin, b.org, local_date_offset(-1), local_date_offset(1));
  activity_on(admin, b.org, local_date_offset(3), local_date_offset(3));  // not begun: never listed
  const auto with_guest = create_activity(admin, json::object{{"org_id", b.org},
                                                              {"kind", "lecture"},
                                                              {"title", "专题讲座"},
                                                              {"starts_on", local_date_offset(-2)},
                                                              {"invitees", json::array{guest}}});
  const std::string list = "/api/v1/activities?org_id=" + id_str(b.org) + "&unmarked=true";
  EXPECT_EQ(ids_of(admin.get(list)), (std::vector<std::int64_t>{held, with_guest, running}));

  const auto mark = [&](std::int64_t id, std::int64_t person, const char* status) {
    const auto res = admin.put("/api/v1/activities/" + id_str(id) + "/attendance",
                               json::array{json::object{{"person_id", person}, {"status", status}}});
    ASSERT_EQ(res.status, 200) << res.body;
  };
  // One of two members marked: still listed; both: gone.
  mark(held, b.people[0], "present");
  EXPECT_EQ(ids_of(admin.get(list)), (std::vector<std::int64_t>{held, with_guest, running}));
  mark(held, b.people[1], "absent");
  EXPECT_EQ(ids_of(admin.get(list)), (std::vector<std::int64_t>{with_guest, running}));
  // Members marked, the invitee not: still listed until the invitee is marked too.
  mark(with_guest, b.people[0], "present");
  mark(with_guest, b.people[1], "late");
  EXPECT_EQ(ids_of(admin.get(list)), (std::vector<std::int64_t>{with_guest, running}));
  mark(with_guest, guest, "excused");
  EXPECT_EQ(ids_of(admin.get(list)), (std::vector<std::int64_t>{running}));
  // Without the filter, every activity; a bad value is a 422 on the parameter.
  EXPECT_EQ(ids_of(admin.get("/api/v1/activities?org_id=" + id_str(b.org))).size(), 4u);
  const auto bad = admin.get(list.substr(0, list.size() - 4) + "maybe");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(error_fields(bad), std::vector<std::string>{"unmarked"});
}

TEST(Attendance, MarkAbsentLeavesPendingLeaveToTheSecretary) {
  ServerProcess server;
  auto admin = server.admin();
  const auto b = branch_of(admin, 1);
  auto m = make_member(server, admin, "chenyuting", "陈雨婷");
  add_member(admin, b.org, m.person, "2024-01-01");
  // Leave is asked before the activity; then the activity is moved into the past (it ended).
  const auto id = activity_on(admin, b.org, local_date_offset(2), local_date_offset(3));
  const std::string url = "/api/v1/activities/" + id_str(id);
  ASSERT_EQ(m.client.post(url + "/leave", json::object{{"reason", "病假"}}).status, 201);
  const auto moved = admin.patch(url, json::object{{"starts_on", local_date_offset(-5)}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json().at("ends_on"), local_date_offset(-4).c_str());

  const auto res = admin.request("POST", url + "/attendance/mark-absent");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(statuses(res.json()), (std::map<std::int64_t, std::string>{{b.people[0], "absent"}, {m.person, ""}}));
  EXPECT_EQ(admin.get(url + "/leave").json().at("items").at(0).at("state"), "pending");
  // Once decided, the leave marks the person: approval excuses them.
  ASSERT_EQ(admin.request("POST", url + "/leave/" + id_str(m.person) + "/approve").status, 200);
  EXPECT_EQ(statuses(admin.get(url + "/attendance").json()).at(m.person), "excused");
}

TEST(Attendance, MembersMayNotTakeOrReadAttendance) {
  ServerProcess server;
  auto admin = server.admin();
  const auto b = branch_of(admin, 1);
  auto m = make_member(server, admin, "chenyuting", "陈雨婷");
  add_member(admin, b.org, m.person, "2024-01-01");
  const auto id = activity_on(admin, b.org, "2025-03-10", "2025-03-10");
  const std::string url = "/api/v1/activities/" + id_str(id) + "/attendance";
  EXPECT_EQ(m.client.get(url).status, 403);
  const auto put = m.client.put(url, json::array{json::object{{"person_id", m.person}, {"status", "present"}}});
  EXPECT_EQ(put.status, 403);
  EXPECT_EQ(put.json().at("detail"), "您的角色无权执行此操作");
  EXPECT_EQ(m.client.request("POST", url + "/mark-absent").status, 403);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM attendance"), 0);
}

TEST(Leave, RequestApproveAndTheSheetShowsExcused) {
  ServerProcess server;
  auto admin = server.admin();
  const auto b = branch_of(admin, 1);
  auto m = make_member(server, admin, "chenyuting", "陈雨婷");
  auto colleague = make_member(server, admin, "yangfan", "杨帆");
  add_member(admin, b.org, m.person, "2024-01-01");
  add_member(admin, b.org, colleague.person, "2024-01-01");
  const auto id = activity_on(admin, b.org, local_date_offset(2), local_date_offset(2));
  const std::string url = "/api/v1/activities/" + id_str(id);

  const auto asked = m.client.post(url + "/leave", json::object{{"reason", "  当天需赴市里参加业务培训。 "}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  const auto l = asked.json();
  EXPECT_EQ(l.at("activity_id"), id);
  EXPECT_EQ(l.at("person_id"), m.person);
  EXPECT_EQ(l.at("reason"), "当天需赴市里参加业务培训。");
  EXPECT_EQ(l.at("state"), "pending");
  EXPECT_TRUE(l.at("decided_at").is_null());
  EXPECT_TRUE(l.at("decided_by").is_null());
  ASSERT_EQ(colleague.client.post(url + "/leave", json::object{{"reason", "事假"}}).status, 201);

  // The admin sees both; each member sees only their own.
  EXPECT_EQ(admin.get(url + "/leave").json().at("items").as_array().size(), 2u);
  const auto own = m.client.get(url + "/leave").json().at("items").as_array();
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own.at(0).at("person_id"), m.person);
  const auto pending_sheet = admin.get(url + "/attendance").json();
  EXPECT_EQ(statuses(pending_sheet).at(m.person), "");

  const auto approved = admin.request("POST", url + "/leave/" + id_str(m.person) + "/approve");
  ASSERT_EQ(approved.status, 200);
  EXPECT_EQ(approved.json().at("state"), "approved");
  EXPECT_EQ(approved.json().at("decided_by"), 1);
  EXPECT_EQ(json_text(approved.json(), "decided_at").substr(19), "+08:00");
  const auto sheet = admin.get(url + "/attendance").json();
  EXPECT_EQ(statuses(sheet).at(m.person), "excused");
  for (const auto& item : sheet.at("items").as_array()) {
    if (item.at("person_id") == m.person) {
      EXPECT_EQ(item.at("leave").at("state"), "approved");
    }
  }
  EXPECT_EQ(m.client.get(url + "/leave").json().at("items").at(0).at("state"), "approved");

  // Asking again after approval is a conflict; rejecting later takes the excuse back.
  const auto again = m.client.post(url + "/leave", json::object{{"reason", "再次请假"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json().at("detail"), "请假已获批准");
  const auto rejected = admin.request("POST", url + "/leave/" + id_str(m.person) + "/reject");
  ASSERT_EQ(rejected.status, 200);
  EXPECT_EQ(rejected.json().at("state"), "rejected");
  EXPECT_EQ(statuses(admin.get(url + "/attendance").json()).at(m.person), "");
  const auto colleague_rejected = admin.request("POST", url + "/leave/" + id_str(colleague.person) + "/reject");
  EXPECT_EQ(colleague_rejected.json().at("state"), "rejected");
  EXPECT_EQ(statuses(admin.get(url + "/attendance").json()).at(colleague.person), "");
}

TEST(Leave, RefusalsForLeave) {
  ServerProcess server;
  auto admin = server.admin();
  const auto b = branch_of(admin, 1);
  auto m = make_member(server, admin, "chenyuting", "陈雨婷");
  auto outsider = make_member(server, admin, "waiwei", "外单位人员");
  add_member(admin, b.org, m.person, "2024-01-01");
  const auto future = activity_on(admin, b.org, local_date_offset(2), local_date_offset(2));
  const auto over = activity_on(admin, b.org, local_date_offset(-3), local_date_offset(-3));
  const std::string url = "/api/v1/activities/" + id_str(future);

  const auto blank = m.client.post(url + "/leave", json::object{{"reason", " "}});
  EXPECT_EQ(blank.status, 422);
  EXPECT_EQ(error_message(blank, "reason"), "不能为空");
  EXPECT_EQ(error_fields(m.client.post(url + "/leave", json::object{})), std::vector<std::string>{"reason"});
  const auto late = m.client.post("/api/v1/activities/" + id_str(over) + "/leave", json::object{{"reason", "病假"}});
  EXPECT_EQ(late.status, 422);
  EXPECT_EQ(error_message(late, "activity"), "活动已结束，不能再请假");
  const auto stranger = outsider.client.post(url + "/leave", json::object{{"reason", "病假"}});
  EXPECT_EQ(stranger.status, 403);
  EXPECT_EQ(stranger.json().at("detail"), "您不在本次活动的参学人员名单中");
  EXPECT_EQ(outsider.client.get(url + "/leave").status, 404);
  const auto no_person = admin.post(url + "/leave", json::object{{"reason", "病假"}});
  EXPECT_EQ(no_person.status, 403);
  EXPECT_EQ(no_person.json().at("detail"), "此账号未关联人员，无法签到或请假");
  EXPECT_EQ(m.client.post("/api/v1/activities/99/leave", json::object{{"reason", "病假"}}).status, 404);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM leave_requests"), 0);

  ASSERT_EQ(m.client.post(url + "/leave", json::object{{"reason", "病假"}}).status, 201);
  EXPECT_EQ(m.client.request("POST", url + "/leave/" + id_str(m.person) + "/approve").status, 403);
  const auto nobody = admin.request("POST", url + "/leave/" + id_str(outsider.person) + "/approve");
  EXPECT_EQ(nobody.status, 404);
  EXPECT_EQ(nobody.json().at("detail"), "没有此人的请假申请");
  EXPECT_EQ(admin.request("POST", "/api/v1/activities/99/leave/1/reject").status, 404);
  EXPECT_EQ(admin.get(url + "/leave").json().at("items").at(0).at("state"), "pending");
}

}  // namespace
}  // namespace xuefeng::testing
