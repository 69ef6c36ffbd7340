// Self check-in: the rotating code (JSON for the projector page, SVG QR code) and POST check-in with
// its window, lateness, audience and idempotence.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <regex>

#include "api_fixture.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

struct Room {
  std::int64_t org = 0;
  Member member;
  Member outsider;
};

Room room(const ServerProcess& server, HttpClient& admin) {
  const auto org = create_org(admin, "区政府办公室党支部", "branch");
  auto member = make_member(server, admin, "chenyuting", "陈雨婷");
  auto outsider = make_member(server, admin, "waiwei", "外单位人员");
  add_member(admin, org, member.person, "2024-01-01");
  return {org, std::move(member), std::move(outsider)};
}

using Clock = std::chrono::system_clock;
using std::chrono::minutes;

/// An activity from `start` to `end` (from now), with times; its dates are the local dates of those
/// instants, so the test holds at any hour, near midnight too. `base` fixes "now" for the caller's own
/// expectations.
std::int64_t timed_activity(HttpClient& admin, std::int64_t org, Clock::duration start, Clock::duration end,
                            Clock::time_point base = Clock::now()) {
  const auto s = local_time_at(base + start);
  const auto e = local_time_at(base + end);
  return create_activity(admin, json::object{{"org_id", org},
                                             {"kind", "seminar"},
                                             {"title", "交流研讨"},
                                             {"starts_on", s.date},
                                             {"ends_on", e.date},
                                             {"starts_at", s.rfc3339},
                                             {"ends_at", e.rfc3339}});
}

std::string code_of(HttpClient& admin, std::int64_t activity) {
  return json_text(admin.get("/api/v1/activities/" + id_str(activity) + "/check-in").json(), "code");
}

HttpResponse check_in(HttpClient& c, std::int64_t activity, const std::string& code) {
  return c.post("/api/v1/activities/" + id_str(activity) + "/check-in", json::object{{"code", code}});
}

TEST(CheckIn, TheProjectorGetsARotatingCodeAndAQrCode) {
  ServerProcess server;
  auto admin = server.admin();
  auto r = room(server, admin);
  const auto base = Clock::now();
  const auto id = timed_activity(admin, r.org, minutes(-5), minutes(60), base);
  const auto res = admin.get("/api/v1/activities/" + id_str(id) + "/check-in");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.header("Cache-Control"), "no-store");
  const auto c = res.json();
  const std::string code = json_text(c, "code");
  EXPECT_TRUE(std::regex_match(code, std::regex("[0-9A-HJKMNP-TV-Z]{8}"))) << code;
  EXPECT_EQ(c.at("url"), ("http://127.0.0.1:" + std::to_string(server.port()) + "/check-in/" + id_str(id) + "?code=" + code).c_str());
  EXPECT_EQ(c.at("window_opens"), local_time_at(base - minutes(35)).rfc3339.c_str());
  EXPECT_EQ(c.at("window_closes"), local_time_at(base + minutes(60)).rfc3339.c_str());
  // valid_until is the end of the current 30-second step.
  const std::string until = json_text(c, "valid_until");
  EXPECT_TRUE(until.substr(17, 2) == "00" || until.substr(17, 2) == "30") << until;

  const auto svg = admin.get("/api/v1/activities/" + id_str(id) + "/check-in.svg");
  ASSERT_EQ(svg.status, 200);
  EXPECT_EQ(svg.header("Content-Type"), "image/svg+xml");
  EXPECT_EQ(svg.header("Cache-Control"), "no-store");
  EXPECT_TRUE(std::regex_search(svg.body, std::regex(R"(^<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 (\d+) \1")")))
      << svg.body.substr(0, 120);
  EXPECT_TRUE(svg.body.ends_with("\"/></svg>"));

  EXPECT_EQ(admin.get("/api/v1/activities/99/check-in").status, 404);
  EXPECT_EQ(admin.get("/api/v1/activities/99/check-in.svg").status, 404);
  EXPECT_EQ(r.member.client.get("/api/v1/activities/" + id_str(id) + "/check-in").status, 403);
  EXPECT_EQ(r.member.client.get("/api/v1/activities/" + id_str(id) + "/check-in.svg").status, 403);
}

TEST(CheckIn, ThePublicUrlNamesTheCheckInLink) {
  ServerOptions options;
  options.serve_args = {"--public-url", "https://study.example.cn/"};
  ServerProcess server(options);
  auto admin = server.admin();
  const auto org = create_org(admin, "党支部", "branch");
  const auto id = create_activity(admin, json::object{{"org_id", org}, {"kind", "seminar"}, {"title", "研讨"},
                                                      {"starts_on", local_date_offset(0)}});
  const auto c = admin.get("/api/v1/activities/" + id_str(id) + "/check-in").json();
  EXPECT_EQ(c.at("url"), ("https://study.example.cn/check-in/" + id_str(id) + "?code=" + json_text(c, "code")).c_str());
}

TEST(CheckIn, AValidCodeMarksPresentOnceAndTheSheetShowsIt) {
  ServerProcess server;
  auto admin = server.admin();
  auto r = room(server, admin);
  const auto id = timed_activity(admin, r.org, minutes(-5), minutes(60));
  const std::string sheet_url = "/api/v1/activities/" + id_str(id) + "/attendance";
  const std::string before = admin.get(sheet_url).header("ETag");

  const auto first = check_in(r.member.client, id, code_of(admin, id));
  ASSERT_EQ(first.status, 200) << first.body;
  const auto f = first.json();
  EXPECT_EQ(f.at("activity_id"), id);
  EXPECT_EQ(f.at("person_id"), r.member.person);
  EXPECT_EQ(f.at("status"), "present");
  EXPECT_EQ(f.at("already_checked_in"), false);
  EXPECT_EQ(json_text(f, "checked_in_at").substr(19), "+08:00");

  // Idempotent: the second answers the first's mark and changes nothing.
  const auto second = check_in(r.member.client, id, code_of(admin, id));
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.json().at("already_checked_in"), true);
  EXPECT_EQ(second.json().at("status"), "present");
  EXPECT_EQ(second.json().at("checked_in_at"), f.at("checked_in_at"));

  const auto sheet = admin.get(sheet_url);
  EXPECT_NE(sheet.header("ETag"), before);
  EXPECT_EQ(sheet.json().at("attended"), 1);
  EXPECT_EQ(sheet.json().at("items").at(0).at("status"), "present");
  EXPECT_EQ(sheet.json().at("items").at(0).at("checked_in_at"), f.at("checked_in_at"));
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM attendance"), 1);
}

TEST(CheckIn, AfterTheGracePeriodItIsLate) {
  ServerProcess server;
  auto admin = server.admin();
  auto r = room(server, admin);
  const auto id = timed_activity(admin, r.org, minutes(-20), minutes(60));
  const auto res = check_in(r.member.client, id, code_of(admin, id));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("status"), "late");
  const auto sheet = admin.get("/api/v1/activities/" + id_str(id) + "/attendance").json();
  EXPECT_EQ(sheet.at("items").at(0).at("status"), "late");
  EXPECT_EQ(sheet.at("attended"), 1);  // late still attended
}

TEST(CheckIn, WrongCodesClosedWindowsAndOutsidersAreRefused) {
  ServerProcess server;
  auto admin = server.admin();
  auto r = room(server, admin);
  r.member.client.language = "en";
  const auto open = timed_activity(admin, r.org, minutes(-5), minutes(60));
  const auto other = timed_activity(admin, r.org, minutes(-5), minutes(60));

  for (const std::string& code : {std::string("00000000"), code_of(admin, other), std::string("")}) {
    const auto res = check_in(r.member.client, open, code);
    EXPECT_EQ(res.status, 422) << code;
    EXPECT_EQ(error_fields(res), std::vector<std::string>{"code"}) << code;
    EXPECT_EQ(error_message(res, "code"), "the code has expired; scan the QR code in the room again") << code;
  }
  const auto missing = r.member.client.post("/api/v1/activities/" + id_str(open) + "/check-in", json::object{});
  EXPECT_EQ(error_message(missing, "code"), "is required");

  // A future session: the window has not opened (whatever the code).
  const auto base = Clock::now();
  const auto future = timed_activity(admin, r.org, minutes(120), minutes(180), base);
  const auto early = check_in(r.member.client, future, code_of(admin, future));
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(error_message(early, "code"),
            "check-in has not opened yet (opens " + local_time_at(base + minutes(90)).rfc3339 + ")");
  const auto tomorrow = create_activity(admin, json::object{{"org_id", r.org}, {"kind", "seminar"}, {"title", "明天的研讨"},
                                                            {"starts_on", local_date_offset(1)}});
  EXPECT_EQ(check_in(r.member.client, tomorrow, code_of(admin, tomorrow)).status, 422);

  const auto over = timed_activity(admin, r.org, minutes(-180), minutes(-1));
  const auto closed = check_in(r.member.client, over, code_of(admin, over));
  EXPECT_EQ(closed.status, 422);
  EXPECT_EQ(error_message(closed, "code"), "the activity is over; check-in is closed");

  const auto outside = check_in(r.outsider.client, open, code_of(admin, open));
  EXPECT_EQ(outside.status, 403);
  EXPECT_EQ(outside.json().at("detail"), "您不在本次活动的参学人员名单中");
  const auto admin_self = check_in(admin, open, code_of(admin, open));
  EXPECT_EQ(admin_self.status, 403);
  EXPECT_EQ(admin_self.json().at("detail"), "此账号未关联人员，无法签到或请假");
  EXPECT_EQ(check_in(r.member.client, 99, "00000000").status, 404);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM attendance"), 0);
}

TEST(CheckIn, SomeoneExcusedWhoComesAfterAllIsPresent) {
  ServerProcess server;
  auto admin = server.admin();
  auto r = room(server, admin);
  // An all-day session today: no start time, so no lateness, and the window is the whole day.
  const auto id = create_activity(admin, json::object{{"org_id", r.org}, {"kind", "centralized_study"},
                                                      {"title", "集中学习"}, {"starts_on", local_date_offset(-1)},
                                                      {"ends_on", local_date_offset(1)}});
  const std::string url = "/api/v1/activities/" + id_str(id);
  ASSERT_EQ(r.member.client.post(url + "/leave", json::object{{"reason", "原定出差"}}).status, 201);
  ASSERT_EQ(admin.request("POST", url + "/leave/" + id_str(r.member.person) + "/approve").status, 200);
  const auto res = check_in(r.member.client, id, code_of(admin, id));
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.json().at("status"), "present");
  EXPECT_EQ(res.json().at("already_checked_in"), false);
  // Checked in, leave can no longer be asked.
  const auto leave = r.member.client.post(url + "/leave", json::object{{"reason", "又要出差"}});
  EXPECT_EQ(leave.status, 409);
  EXPECT_EQ(leave.json().at("detail"), "您已签到，无需请假");
}

}  // namespace
}  // namespace xuefeng::testing
