// Activities: create (one, or a series with `repeat`), read, list with filters, update, delete, and
// what a member may see.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api_fixture.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

std::vector<std::string> starts(const json::value& list) {
  std::vector<std::string> out;
  for (const auto& a : list.at("items").as_array()) out.emplace_back(a.at("starts_on").as_string());
  return out;
}

TEST(Activities, CreateOneWithSpeakersInviteesAndHost) {
  ServerProcess server;
  auto admin = server.admin();
  const auto group = create_org(admin, "区委理论学习中心组", "study_group");
  const auto plan = admin.post("/api/v1/plans", json::object{{"org_id", group},
                                                             {"year", 2025},
                                                             {"title", "2025年学习计划"},
                                                             {"topics", json::array{json::object{{"title", "推进新型工业化"}}}}})
                        .json();
  const auto host = create_person(admin, "周建国");
  const auto expert = create_person(admin, "黄启明");
  const auto guest = create_person(admin, "特邀代表");
  const auto res = admin.post("/api/v1/activities",
                              json::object{{"org_id", group},
                                           {"plan_id", plan.at("id")},
                                           {"topic_id", plan.at("topics").at(0).at("id")},
                                           {"kind", "centralized_study"},
                                           {"title", "2025年第二次集中学习"},
                                           {"starts_on", "2025-04-09"},
                                           {"ends_on", "2025-04-11"},
                                           {"starts_at", "2025-04-09T08:30:00+08:00"},
                                           {"ends_at", "2025-04-11T09:30:00Z"},
                                           {"location", "区委常委会议室"},
                                           {"host_id", host},
                                           {"credit_hours", 18},
                                           {"speakers", json::array{json::object{{"person_id", expert},
                                                                                 {"title", "因地制宜发展新质生产力"}}}},
                                           {"invitees", json::array{guest}}});
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.header("ETag"), "\"1\"");
  const auto a = res.json();
  EXPECT_EQ(a.at("days"), 3);
  EXPECT_EQ(a.at("starts_at"), "2025-04-09T08:30:00+08:00");
  EXPECT_EQ(a.at("ends_at"), "2025-04-11T17:30:00+08:00");  // written back at +08:00
  EXPECT_EQ(a.at("host_id"), host);
  EXPECT_EQ(a.at("host_name"), "周建国");
  EXPECT_EQ(a.at("credit_hours"), 18);
  EXPECT_EQ(a.at("speakers"), json::parse(R"([{"person_id":)" + id_str(expert) +
                                          R"(,"name":"黄启明","title":"因地制宜发展新质生产力"}])"));
  EXPECT_EQ(a.at("invitees"), json::array{guest});
  EXPECT_TRUE(a.at("series_id").is_null());
  EXPECT_EQ(a.at("version"), 1);
  EXPECT_EQ(admin.get("/api/v1/activities/" + std::to_string(a.at("id").as_int64())).json(), a);

  // Defaults: ends_on = starts_on, no times, no host, 0 credit hours, no speakers or invitees.
  const auto plain = admin.post("/api/v1/activities", json::object{{"org_id", group},
                                                                   {"kind", "film"},
                                                                   {"title", "观看教育片"},
                                                                   {"starts_on", "2025-06-03"}})
                         .json();
  EXPECT_EQ(plain.at("ends_on"), "2025-06-03");
  EXPECT_EQ(plain.at("days"), 1);
  EXPECT_TRUE(plain.at("starts_at").is_null());
  EXPECT_TRUE(plain.at("ends_at").is_null());
  EXPECT_TRUE(plain.at("plan_id").is_null());
  EXPECT_TRUE(plain.at("host_name").is_null());
  EXPECT_EQ(plain.at("credit_hours"), 0);
  EXPECT_EQ(plain.at("location"), "");
  EXPECT_EQ(plain.at("speakers"), json::array{});
}

TEST(Activities, InvalidActivitiesAreRefusedAndNothingIsWritten) {
  ServerProcess server;
  auto admin = server.admin();
  admin.language = "en";
  const auto group = create_org(admin, "区委理论学习中心组", "study_group");
  const auto other = create_org(admin, "区政府办公室党支部", "branch");
  const auto plan = admin.post("/api/v1/plans", json::object{{"org_id", other}, {"year", 2025}, {"title", "计划"}}).json();

  const auto kind = admin.post("/api/v1/activities", json::object{{"org_id", group},
                                                                  {"kind", "meeting"},
                                                                  {"title", "会议"},
                                                                  {"starts_on", "2025-04-09"}});
  EXPECT_EQ(kind.status, 422);
  EXPECT_EQ(error_message(kind, "kind"),
            "must be one of: centralized_study, lecture, keynote, seminar, reading_club, quiz_contest, film, site_visit, "
            "field_research, policy_briefing, party_lecture, training, grassroots_visit");

  const auto times = admin.post("/api/v1/activities", json::object{{"org_id", group},
                                                                   {"kind", "lecture"},
                                                                   {"title", ""},
                                                                   {"starts_on", "2025-04-09"},
                                                                   {"ends_on", "2025-04-08"},
                                                                   {"starts_at", "2025-04-10T08:30:00+08:00"},
                                                                   {"credit_hours", -1}});
  EXPECT_EQ(times.status, 422);
  EXPECT_EQ(error_fields(times), (std::vector<std::string>{"title", "credit_hours", "ends_on", "starts_at"}));
  EXPECT_EQ(error_message(times, "starts_at"), "starts_at must fall on starts_on");
  EXPECT_EQ(error_message(times, "ends_on"), "ends_on must not be before starts_on");

  const auto order = admin.post("/api/v1/activities", json::object{{"org_id", group},
                                                                   {"kind", "lecture"},
                                                                   {"title", "讲座"},
                                                                   {"starts_on", "2025-04-09"},
                                                                   {"starts_at", "2025-04-09T10:00:00+08:00"},
                                                                   {"ends_at", "2025-04-09T09:00:00+08:00"}});
  EXPECT_EQ(error_message(order, "ends_at"), "ends_at must be after starts_at");
  const auto zone = admin.post("/api/v1/activities", json::object{{"org_id", group},
                                                                  {"kind", "lecture"},
                                                                  {"title", "讲座"},
                                                                  {"starts_on", "2025-04-09"},
                                                                  {"starts_at", "2025-04-09T10:00:00"}});
  EXPECT_EQ(error_message(zone, "starts_at"), "must be an RFC 3339 time with offset, e.g. 2007-04-09T08:30:00+08:00");

  const auto refs = admin.post("/api/v1/activities", json::object{{"org_id", group},
                                                                  {"plan_id", plan.at("id")},
                                                                  {"kind", "lecture"},
                                                                  {"title", "讲座"},
                                                                  {"starts_on", "2026-04-09"},
                                                                  {"host_id", 98},
                                                                  {"speakers", json::array{json::object{{"person_id", 99}}}},
                                                                  {"invitees", json::array{97, "x"}}});
  EXPECT_EQ(refs.status, 422);
  EXPECT_EQ(error_fields(refs), std::vector<std::string>{"invitees[1]"});
  const auto refs2 = admin.post("/api/v1/activities", json::object{{"org_id", group},
                                                                   {"plan_id", plan.at("id")},
                                                                   {"kind", "lecture"},
                                                                   {"title", "讲座"},
                                                                   {"starts_on", "2026-04-09"},
                                                                   {"host_id", 98},
                                                                   {"speakers", json::array{json::object{{"person_id", 99}}}},
                                                                   {"invitees", json::array{97}}});
  EXPECT_EQ(error_fields(refs2),
            (std::vector<std::string>{"host_id", "speakers[0].person_id", "invitees[0]", "plan_id", "plan_id"}));
  EXPECT_EQ(error_message(refs2, "plan_id"), "the plan belongs to another organization");

  const auto org = admin.post("/api/v1/activities", json::object{{"org_id", 99},
                                                                 {"kind", "lecture"},
                                                                 {"title", "讲座"},
                                                                 {"starts_on", "2025-04-09"}});
  EXPECT_EQ(org.status, 422);
  EXPECT_EQ(error_message(org, "org_id"), "no such organization");
  const auto missing = admin.post("/api/v1/activities", json::object{{"org_id", group}, {"kind", "lecture"}});
  EXPECT_EQ(error_fields(missing), (std::vector<std::string>{"title", "starts_on"}));
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM activities"), 0);
}

TEST(Activities, RepeatCreatesASeriesInOneCall) {
  ServerProcess server;
  auto admin = server.admin();
  const auto township = create_org(admin, "中共柳塘镇委员会", "party_committee");
  const auto weekly = admin.post("/api/v1/activities",
                                 json::object{{"org_id", township},
                                              {"kind", "reading_club"},
                                              {"title", "“周三夜读”读书交流会"},
                                              {"starts_on", "2025-03-05"},
                                              {"starts_at", "2025-03-05T19:30:00+08:00"},
                                              {"ends_at", "2025-03-05T21:00:00+08:00"},
                                              {"credit_hours", 1.5},
                                              {"repeat", json::object{{"every", "week"}, {"until", "2025-03-26"}}}});
  ASSERT_EQ(weekly.status, 201) << weekly.body;
  EXPECT_EQ(weekly.header("ETag"), "");
  const auto series = weekly.json();
  EXPECT_EQ(series.as_object().size(), 2u);
  EXPECT_EQ(series.at("series_id"), 1);
  EXPECT_EQ(starts(series), (std::vector<std::string>{"2025-03-05", "2025-03-12", "2025-03-19", "2025-03-26"}));
  const auto last = series.at("items").at(3);
  EXPECT_EQ(last.at("starts_at"), "2025-03-26T19:30:00+08:00");
  EXPECT_EQ(last.at("ends_at"), "2025-03-26T21:00:00+08:00");
  EXPECT_EQ(last.at("series_id"), 1);
  EXPECT_EQ(last.at("credit_hours"), 1.5);

  // Monthly keeps the day of month, clamped to the month's end; fortnightly steps 14 days.
  const auto monthly = admin.post("/api/v1/activities",
                                  json::object{{"org_id", township},
                                               {"kind", "lecture"},
                                               {"title", "月度专家讲座"},
                                               {"starts_on", "2025-01-31"},
                                               {"repeat", json::object{{"every", "month"}, {"until", "2025-04-30"}}}})
                           .json();
  EXPECT_EQ(monthly.at("series_id"), 2);
  EXPECT_EQ(starts(monthly), (std::vector<std::string>{"2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30"}));
  const auto fortnight = admin.post("/api/v1/activities",
                                    json::object{{"org_id", township},
                                                 {"kind", "policy_briefing"},
                                                 {"title", "政策解读"},
                                                 {"starts_on", "2025-03-06"},
                                                 {"repeat", json::object{{"every", "fortnight"}, {"until", "2025-04-02"}}}})
                             .json();
  EXPECT_EQ(starts(fortnight), (std::vector<std::string>{"2025-03-06", "2025-03-20"}));

  // A repeat that yields one date is no series.
  const auto single = admin.post("/api/v1/activities",
                                 json::object{{"org_id", township},
                                              {"kind", "seminar"},
                                              {"title", "研讨"},
                                              {"starts_on", "2025-05-06"},
                                              {"repeat", json::object{{"every", "week"}, {"until", "2025-05-12"}}}})
                          .json();
  EXPECT_TRUE(single.at("series_id").is_null());
  EXPECT_EQ(single.at("items").as_array().size(), 1u);

  const auto backwards = admin.post("/api/v1/activities",
                                    json::object{{"org_id", township},
                                                 {"kind", "seminar"},
                                                 {"title", "研讨"},
                                                 {"starts_on", "2025-05-06"},
                                                 {"repeat", json::object{{"every", "week"}, {"until", "2025-05-01"}}}});
  EXPECT_EQ(backwards.status, 422);
  EXPECT_EQ(error_message(backwards, "repeat.until"), "重复截止日期不能早于开始日期");
  const auto too_many = admin.post("/api/v1/activities",
                                   json::object{{"org_id", township},
                                                {"kind", "seminar"},
                                                {"title", "研讨"},
                                                {"starts_on", "2025-01-01"},
                                                {"repeat", json::object{{"every", "week"}, {"until", "2028-01-01"}}}});
  EXPECT_EQ(too_many.status, 422);
  EXPECT_EQ(error_message(too_many, "repeat.until"), "一次最多创建 120 次活动");
  const auto incomplete = admin.post("/api/v1/activities",
                                     json::object{{"org_id", township},
                                                  {"kind", "seminar"},
                                                  {"title", "研讨"},
                                                  {"starts_on", "2025-01-01"},
                                                  {"repeat", json::object{{"every", "week"}}}});
  EXPECT_EQ(error_fields(incomplete), std::vector<std::string>{"repeat.until"});
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM activities"), 11);
}

TEST(Activities, ListFiltersByOrgSubtreeDatesAndKind) {
  ServerProcess server;
  auto admin = server.admin();
  const auto district = create_org(admin, "中共云溪区委员会", "party_committee");
  const auto branch = create_org(admin, "区政府办公室党支部", "branch", district);
  auto add = [&](std::int64_t org, const char* kind, const char* from, const char* to) {
    return create_activity(admin, json::object{{"org_id", org}, {"kind", kind}, {"title", std::string(kind) + from},
                                               {"starts_on", from}, {"ends_on", to}});
  };
  add(district, "training", "2025-03-24", "2025-03-27");
  add(branch, "seminar", "2025-03-10", "2025-03-10");
  add(branch, "centralized_study", "2025-04-15", "2025-04-15");
  add(district, "lecture", "2025-05-20", "2025-05-20");
  add(branch, "seminar", "2025-06-10", "2025-06-10");

  auto list = [&](const std::string& q) { return starts(admin.get("/api/v1/activities" + q).json()); };
  using S = std::vector<std::string>;
  EXPECT_EQ(list(""), (S{"2025-03-10", "2025-03-24", "2025-04-15", "2025-05-20", "2025-06-10"}));
  EXPECT_EQ(list("?org_id=" + id_str(district)), (S{"2025-03-24", "2025-05-20"}));
  EXPECT_EQ(list("?org_id=" + id_str(district) + "&descendants=true"),
            (S{"2025-03-10", "2025-03-24", "2025-04-15", "2025-05-20", "2025-06-10"}));
  // from/to select activities overlapping the period: the 4-day training overlaps 2025-03-25.
  EXPECT_EQ(list("?from=2025-03-25&to=2025-04-15"), (S{"2025-03-24", "2025-04-15"}));
  EXPECT_EQ(list("?kind=seminar"), (S{"2025-03-10", "2025-06-10"}));
  EXPECT_EQ(list("?org_id=" + id_str(branch) + "&kind=seminar&from=2025-04-01"), S{"2025-06-10"});

  const auto bad_kind = admin.get("/api/v1/activities?kind=meeting");
  EXPECT_EQ(bad_kind.status, 422);
  EXPECT_EQ(error_fields(bad_kind), std::vector<std::string>{"kind"});
  EXPECT_NE(error_message(bad_kind, "kind").find("centralized_study, lecture"), std::string::npos);
  EXPECT_EQ(admin.get("/api/v1/activities?from=2025-3-1").status, 422);
  EXPECT_EQ(admin.get("/api/v1/activities?descendants=yes").status, 422);

  // Paging walks them in date order with no gaps or repeats.
  S walked;
  std::string cursor;
  for (int i = 0; i < 10; ++i) {
    const auto page = admin.get("/api/v1/activities?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor)).json();
    for (const auto& s : starts(page)) walked.push_back(s);
    if (page.at("next_cursor").is_null()) break;
    cursor = json_text(page, "next_cursor");
  }
  EXPECT_EQ(walked, list(""));
}

TEST(Activities, PatchAndDelete) {
  ServerProcess server;
  auto admin = server.admin();
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  const auto speaker = create_person(admin, "王振华");
  const auto member = create_person(admin, "陈雨婷");
  add_member(admin, branch, member, "2024-01-01");
  const auto id = create_activity(admin, json::object{{"org_id", branch},
                                                      {"kind", "party_lecture"},
                                                      {"title", "专题党课"},
                                                      {"starts_on", "2025-06-26"},
                                                      {"location", "二楼会议室"}});
  const std::string url = "/api/v1/activities/" + id_str(id);

  const auto patched = admin.patch(url, json::object{{"title", "专题党课：以优良作风推动工作落实"},
                                                     {"starts_at", "2025-06-26T15:00:00+08:00"},
                                                     {"speakers", json::array{json::object{{"person_id", speaker}}}}},
                                   {{"If-Match", "\"1\""}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.header("ETag"), "\"2\"");
  EXPECT_EQ(patched.json().at("title"), "专题党课：以优良作风推动工作落实");
  EXPECT_EQ(patched.json().at("location"), "二楼会议室");
  EXPECT_EQ(patched.json().at("speakers").at(0).at("name"), "王振华");
  EXPECT_EQ(patched.json().at("speakers").at(0).at("title"), "");

  const auto stale = admin.patch(url, json::object{{"title", "过期"}}, {{"If-Match", "\"1\""}});
  EXPECT_EQ(stale.status, 412);
  const auto moved = admin.patch(url, json::object{{"org_id", 1}});
  EXPECT_EQ(moved.status, 422);
  EXPECT_EQ(error_message(moved, "org_id"), "活动所属组织不能修改；请删除后重建");
  const auto cleared = admin.patch(url, json::object{{"starts_at", nullptr}, {"speakers", nullptr}});
  ASSERT_EQ(cleared.status, 200);
  EXPECT_TRUE(cleared.json().at("starts_at").is_null());
  EXPECT_EQ(cleared.json().at("speakers"), json::array{});
  EXPECT_EQ(admin.get(url).json().at("version"), 3);

  // Moving the start moves the whole activity, times included, unless the end is given too.
  const auto study = create_activity(admin, json::object{{"org_id", branch},
                                                         {"kind", "centralized_study"},
                                                         {"title", "集中学习"},
                                                         {"starts_on", "2025-04-09"},
                                                         {"ends_on", "2025-04-11"},
                                                         {"starts_at", "2025-04-09T08:30:00+08:00"},
                                                         {"ends_at", "2025-04-11T17:30:00+08:00"}});
  const std::string study_url = "/api/v1/activities/" + id_str(study);
  const auto shifted = admin.patch(study_url, json::object{{"starts_on", "2025-04-16"}});
  ASSERT_EQ(shifted.status, 200) << shifted.body;
  EXPECT_EQ(shifted.json().at("ends_on"), "2025-04-18");
  EXPECT_EQ(shifted.json().at("starts_at"), "2025-04-16T08:30:00+08:00");
  EXPECT_EQ(shifted.json().at("ends_at"), "2025-04-18T17:30:00+08:00");
  EXPECT_EQ(shifted.json().at("days"), 3);
  const auto shortened = admin.patch(study_url, json::object{{"starts_on", "2025-04-23"},
                                                             {"ends_on", "2025-04-23"},
                                                             {"ends_at", "2025-04-23T11:30:00+08:00"}});
  ASSERT_EQ(shortened.status, 200) << shortened.body;
  EXPECT_EQ(shortened.json().at("starts_at"), "2025-04-23T08:30:00+08:00");
  EXPECT_EQ(shortened.json().at("days"), 1);
  const auto split = admin.patch(study_url, json::object{{"starts_on", "2025-04-30"}, {"ends_on", "2025-04-29"}});
  EXPECT_EQ(split.status, 422);
  EXPECT_EQ(error_fields(split), (std::vector<std::string>{"ends_on", "ends_at"}));
  EXPECT_EQ(admin.get(study_url).json().at("starts_on"), "2025-04-23");

  // Once attendance is taken it cannot be deleted; before, it can.
  ASSERT_EQ(admin.put(url + "/attendance", json::array{json::object{{"person_id", member}, {"status", "present"}}}).status,
            200);
  const auto refused = admin.del(url);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.json().at("detail"), "该活动已有考勤记录或学习档案引用，不能删除");
  const auto other = create_activity(admin, json::object{{"org_id", branch},
                                                         {"kind", "seminar"},
                                                         {"title", "研讨"},
                                                         {"starts_on", "2025-07-01"}});
  EXPECT_EQ(admin.request("DELETE", "/api/v1/activities/" + id_str(other), "", {{"If-Match", "\"2\""}}).status, 412);
  EXPECT_EQ(admin.del("/api/v1/activities/" + id_str(other)).status, 204);
  EXPECT_EQ(admin.get("/api/v1/activities/" + id_str(other)).status, 404);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM activities"), 2);
}

TEST(Activities, MembersReadOnlyTheActivitiesTheyAreInvolvedIn) {
  ServerProcess server;
  auto admin = server.admin();
  const auto branch = create_org(admin, "区政府办公室党支部", "branch");
  const auto township = create_org(admin, "中共柳塘镇委员会", "party_committee");
  auto m = make_member(server, admin, "wangzhenhua", "王振华");
  add_member(admin, branch, m.person, "2025-01-01");
  auto add = [&](std::int64_t org, const char* day, json::object more = {}) {
    more["org_id"] = org;
    more["kind"] = "seminar";
    more["title"] = std::string("研讨 ") + day;
    more["starts_on"] = day;
    return create_activity(admin, more);
  };
  const auto before_joining = add(branch, "2024-12-20");
  const auto own = add(branch, "2025-02-10");
  const auto invited = add(township, "2025-03-10", {{"invitees", json::array{m.person}}});
  const auto speaking = add(township, "2025-04-10", {{"speakers", json::array{json::object{{"person_id", m.person}}}}});
  const auto hosting = add(township, "2025-05-10", {{"host_id", m.person}});
  const auto elsewhere = add(township, "2025-06-10");

  std::vector<std::int64_t> seen;
  const auto visible = m.client.get("/api/v1/activities").json();
  for (const auto& a : visible.at("items").as_array()) seen.push_back(a.at("id").as_int64());
  EXPECT_EQ(seen, (std::vector<std::int64_t>{own, invited, speaking, hosting}));
  EXPECT_EQ(m.client.get("/api/v1/activities/" + id_str(own)).status, 200);
  EXPECT_EQ(m.client.get("/api/v1/activities/" + id_str(speaking)).status, 200);
  for (const auto hidden : {before_joining, elsewhere}) {
    const auto res = m.client.get("/api/v1/activities/" + id_str(hidden));
    EXPECT_EQ(res.status, 404);
    EXPECT_EQ(res.json().at("detail"), "学习活动不存在");
  }
  EXPECT_EQ(m.client.post("/api/v1/activities", json::object{{"org_id", branch}, {"kind", "seminar"},
                                                            {"title", "自建"}, {"starts_on", "2025-07-01"}})
                .status,
            403);
  EXPECT_EQ(m.client.patch("/api/v1/activities/" + id_str(own), json::object{{"title", "改"}}).status, 403);
  EXPECT_EQ(m.client.del("/api/v1/activities/" + id_str(own)).status, 403);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM activities"), 6);
}

}  // namespace
}  // namespace xuefeng::testing
