// Personal study archives: entries (create, read, update, delete), reviews with history, who may do
// what, and the year summary with hand-computed totals (study_year.hpp).

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api_fixture.hpp"
#include "study_year.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

TEST(Archive, AMemberWritesTheirOwnEntriesAndAnAdminReviewsThem) {
  ServerProcess server;
  auto admin = server.admin();
  auto m = make_member(server, admin, "wangzhenhua", "王振华");
  const std::string base = "/api/v1/people/" + id_str(m.person) + "/archive";

  const auto created = m.client.post(base, json::object{{"kind", "reflection"},
                                                        {"date", "2025-11-20"},
                                                        {"title", "学习《习近平谈治国理政》第五卷的体会"},
                                                        {"content", "……"},
                                                        {"credit_hours", 1.666},
                                                        {"venue", "区委党校"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("ETag"), "\"1\"");
  const auto e = created.json();
  EXPECT_EQ(e.at("person_id"), m.person);
  EXPECT_EQ(e.at("kind"), "reflection");
  EXPECT_EQ(e.at("date"), "2025-11-20");
  EXPECT_EQ(e.at("credit_hours"), 1.67);  // two decimals
  EXPECT_EQ(e.at("venue"), "区委党校");
  EXPECT_TRUE(e.at("activity_id").is_null());
  EXPECT_TRUE(e.at("review_status").is_null());
  EXPECT_EQ(e.at("reviews"), json::array{});
  const std::string url = base + "/" + std::to_string(e.at("id").as_int64());
  EXPECT_EQ(m.client.get(url).json(), e);
  EXPECT_EQ(admin.get(url).json(), e);

  // Returned with a comment, edited (which awaits a new review), verified: the history keeps both.
  const auto returned = admin.post(url + "/review", json::object{{"verdict", "returned"}, {"comment", "请补充结合分管工作的具体举措。"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json().at("review_status"), "returned");
  EXPECT_EQ(returned.json().at("version"), 2);  // the review changed how the entry reads
  EXPECT_EQ(returned.header("ETag"), "\"2\"");
  const auto review = returned.json().at("reviews").at(0);
  EXPECT_EQ(review.at("reviewer_account_id"), 1);
  EXPECT_EQ(review.at("reviewer_login"), "admin");
  EXPECT_EQ(review.at("verdict"), "returned");
  EXPECT_EQ(review.at("comment"), "请补充结合分管工作的具体举措。");

  const auto edited = m.client.patch(url, json::object{{"content", "……结合分管的工业经济工作，提出三条措施。"}}, {{"If-Match", "\"2\""}});
  ASSERT_EQ(edited.status, 200);
  EXPECT_EQ(edited.header("ETag"), "\"3\"");
  EXPECT_TRUE(edited.json().at("review_status").is_null());
  EXPECT_EQ(edited.json().at("reviews").as_array().size(), 1u);
  EXPECT_EQ(edited.json().at("title"), "学习《习近平谈治国理政》第五卷的体会");

  const auto verified = admin.post(url + "/review", json::object{{"verdict", "verified"}});
  ASSERT_EQ(verified.status, 200);
  EXPECT_EQ(verified.json().at("review_status"), "verified");
  const auto history = admin.get(url).json().at("reviews").as_array();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history.at(0).at("verdict"), "returned");
  EXPECT_EQ(history.at(1).at("verdict"), "verified");
  EXPECT_EQ(history.at(1).at("comment"), "");
  // A PATCH that changes nothing writes nothing: same version, and the review stands.
  const auto same = m.client.patch(url, json::object{{"title", "学习《习近平谈治国理政》第五卷的体会"}});
  ASSERT_EQ(same.status, 200);
  EXPECT_EQ(same.header("ETag"), "\"4\"");
  EXPECT_EQ(same.json().at("review_status"), "verified");

  // A stale edit changes nothing.
  const auto stale = m.client.patch(url, json::object{{"title", "过期的修改"}}, {{"If-Match", "\"1\""}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(problem_code(stale), "version_mismatch");
  EXPECT_EQ(admin.get(url).json().at("review_status"), "verified");

  // A verified entry: only an admin deletes it.
  const auto refused = m.client.del(url);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json().at("detail"), "已审核的记录只能由管理员删除");
  EXPECT_EQ(admin.request("DELETE", url, "", {{"If-Match", "\"1\""}}).status, 412);
  EXPECT_EQ(admin.request("DELETE", url, "", {{"If-Match", "\"4\""}}).status, 204);
  EXPECT_EQ(m.client.get(url).status, 404);

  // An unreviewed entry: its author deletes it.
  const auto draft = created_id(m.client.post(base, json::object{{"kind", "note"}, {"date", "2025-11-21"}, {"title", "笔记"}}), "entry");
  EXPECT_EQ(m.client.del(base + "/" + id_str(draft)).status, 204);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM archive_entries"), 0);
}

TEST(Archive, OthersArchivesAreOutOfReachAndReviewingIsForAdmins) {
  ServerProcess server;
  auto admin = server.admin();
  auto m = make_member(server, admin, "wangzhenhua", "王振华");
  auto other = make_member(server, admin, "chenyuting", "陈雨婷");
  const std::string mine = "/api/v1/people/" + id_str(m.person) + "/archive";
  const std::string theirs = "/api/v1/people/" + id_str(other.person) + "/archive";
  const auto entry = created_id(other.client.post(theirs, json::object{{"kind", "note"}, {"date", "2025-03-01"}, {"title", "笔记"}}),
                                "entry");
  const std::string their_entry = theirs + "/" + id_str(entry);

  const auto write = m.client.post(theirs, json::object{{"kind", "note"}, {"date", "2025-03-01"}, {"title", "代写"}});
  EXPECT_EQ(write.status, 404);
  EXPECT_EQ(write.json().at("detail"), "人员不存在");
  EXPECT_EQ(m.client.get(their_entry).status, 404);
  EXPECT_EQ(m.client.get(their_entry).json().at("detail"), "学习档案记录不存在");
  EXPECT_EQ(m.client.patch(their_entry, json::object{{"title", "改"}}).status, 404);
  EXPECT_EQ(m.client.del(their_entry).status, 404);
  EXPECT_EQ(m.client.get(theirs + "?year=2025").status, 404);
  // Their entry through my path is not mine either.
  EXPECT_EQ(m.client.get(mine + "/" + id_str(entry)).status, 404);
  EXPECT_EQ(admin.get(mine + "/" + id_str(entry)).status, 404);

  // Reviewing, even one's own entry, is an admin's act.
  const auto own = created_id(m.client.post(mine, json::object{{"kind", "note"}, {"date", "2025-03-02"}, {"title", "笔记"}}), "entry");
  const auto self_review = m.client.post(mine + "/" + id_str(own) + "/review", json::object{{"verdict", "verified"}});
  EXPECT_EQ(self_review.status, 403);
  EXPECT_EQ(m.client.post(their_entry + "/review", json::object{{"verdict", "verified"}}).status, 404);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM archive_reviews"), 0);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM archive_entries"), 2);

  // An admin writes into anyone's archive.
  EXPECT_EQ(admin.post(theirs, json::object{{"kind", "contact_point"}, {"date", "2025-04-01"}, {"title", "学习联系点"}}).status, 201);
  EXPECT_EQ(admin.post("/api/v1/people/99/archive", json::object{{"kind", "note"}, {"date", "2025-04-01"}, {"title", "x"}}).status,
            404);
}

TEST(Archive, InvalidEntriesAndReviewsAreRefused) {
  ServerProcess server;
  auto admin = server.admin();
  auto m = make_member(server, admin, "wangzhenhua", "王振华");
  const auto branch = create_org(admin, "党支部", "branch");
  const auto not_mine = create_activity(admin, json::object{{"org_id", branch}, {"kind", "seminar"}, {"title", "研讨"},
                                                            {"starts_on", "2025-03-10"}});
  const std::string base = "/api/v1/people/" + id_str(m.person) + "/archive";

  const auto kind = m.client.post(base, json::object{{"kind", "diary"}, {"date", "2025-03-01"}, {"title", "日记"}});
  EXPECT_EQ(kind.status, 422);
  EXPECT_EQ(error_message(kind, "kind"),
            "取值应为以下之一：note, reflection, article, keynote, party_lecture_given, year_end_summary, self_study, "
            "research_report, contact_point");
  const auto rules = m.client.post(base, json::object{{"kind", "note"}, {"date", "2025-03-01"}, {"title", ""}, {"credit_hours", 2000}});
  EXPECT_EQ(error_fields(rules), (std::vector<std::string>{"title", "credit_hours"}));
  const auto missing = m.client.post(base, json::object{{"title", "笔记"}});
  EXPECT_EQ(error_fields(missing), (std::vector<std::string>{"kind", "date"}));
  const auto linked = m.client.post(base, json::object{{"kind", "reflection"}, {"date", "2025-03-11"}, {"title", "体会"},
                                                       {"activity_id", not_mine}});
  EXPECT_EQ(linked.status, 422);
  EXPECT_EQ(error_message(linked, "activity_id"), "此人未参加该活动（不在参学名单中）");
  const auto ghost = m.client.post(base, json::object{{"kind", "reflection"}, {"date", "2025-03-11"}, {"title", "体会"},
                                                      {"activity_id", 99}});
  EXPECT_EQ(error_message(ghost, "activity_id"), "学习活动不存在");
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM archive_entries"), 0);

  const auto entry = created_id(m.client.post(base, json::object{{"kind", "note"}, {"date", "2025-03-01"}, {"title", "笔记"}}), "entry");
  const std::string review = base + "/" + id_str(entry) + "/review";
  const auto no_reason = admin.post(review, json::object{{"verdict", "returned"}, {"comment", "  "}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(error_message(no_reason, "comment"), "退回时请写明原因");
  EXPECT_EQ(error_message(admin.post(review, json::object{{"verdict", "ok"}}), "verdict"), "取值应为以下之一：verified, returned");
  EXPECT_EQ(admin.post(base + "/99/review", json::object{{"verdict", "verified"}}).status, 404);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM archive_reviews"), 0);
  const auto patch = m.client.patch(base + "/" + id_str(entry), json::object{{"kind", nullptr}, {"review_status", "verified"}});
  EXPECT_EQ(error_fields(patch), (std::vector<std::string>{"kind", "review_status"}));
}

TEST(Archive, TheYearSummaryAddsUpAttendanceSpeechesAndEntries) {
  ServerProcess server;
  auto admin = server.admin();
  HttpClient p(server.port());
  const auto y = build_study_year(server, admin, p);
  const auto res = p.get("/api/v1/people/" + id_str(y.p) + "/archive?year=2025");
  ASSERT_EQ(res.status, 200) << res.body;
  const auto a = res.json();
  EXPECT_EQ(a.at("year"), 2025);
  EXPECT_EQ(a.at("person").at("id"), y.p);
  EXPECT_EQ(a.at("person").at("name"), "陈雨婷");
  EXPECT_EQ(a.at("totals"), json::parse(R"({"expected":6,"attended":3,"participation_rate":0.5,"study_days":6,)"
                                        R"("credit_hours":28.5,"entries_by_kind":{"note":2,"reflection":1,"article":1,"self_study":1}})"));

  std::vector<std::pair<std::int64_t, std::string>> attendance;
  for (const auto& item : a.at("attendance").as_array()) {
    attendance.emplace_back(item.at("id").as_int64(), item.at("status").is_null() ? "" : std::string(item.at("status").as_string()));
  }
  EXPECT_EQ(attendance, (std::vector<std::pair<std::int64_t, std::string>>{
                            {y.a1, "present"}, {y.a2, "late"}, {y.a3, "excused"}, {y.a4, "absent"}, {y.a5, ""}, {y.t1, "present"}}));
  const auto t1 = a.at("attendance").at(5);
  EXPECT_EQ(t1.at("org_id"), y.township);
  EXPECT_EQ(t1.at("org_name"), "中共柳塘镇委员会");
  EXPECT_EQ(t1.at("kind"), "training");
  EXPECT_EQ(t1.at("days"), 3);
  EXPECT_EQ(t1.at("credit_hours"), 12);
  EXPECT_FALSE(t1.as_object().contains("speech_title"));

  const auto speeches = a.at("speeches").as_array();
  ASSERT_EQ(speeches.size(), 1u);
  EXPECT_EQ(speeches.at(0).at("id"), y.t2);
  EXPECT_EQ(speeches.at(0).at("speech_title"), "以优良作风推动工作落实");
  EXPECT_TRUE(speeches.at(0).at("status").is_null());

  std::vector<std::int64_t> entries;
  for (const auto& e : a.at("entries").as_array()) entries.push_back(e.at("id").as_int64());
  EXPECT_EQ(entries, (std::vector<std::int64_t>{y.e1, y.e2, y.e3, y.e4, y.e5}));

  // The admin reads the same; the other year is its own.
  EXPECT_EQ(admin.get("/api/v1/people/" + id_str(y.p) + "/archive?year=2025").json(), a);
  const auto before = admin.get("/api/v1/people/" + id_str(y.p) + "/archive?year=2024").json();
  EXPECT_EQ(before.at("totals"), json::parse(R"({"expected":0,"attended":0,"participation_rate":0,"study_days":0,)"
                                             R"("credit_hours":1,"entries_by_kind":{"note":1}})"));
  const auto no_year = p.get("/api/v1/people/" + id_str(y.p) + "/archive");
  EXPECT_EQ(no_year.status, 422);
  EXPECT_EQ(error_fields(no_year), std::vector<std::string>{"year"});
  EXPECT_EQ(p.get("/api/v1/people/" + id_str(y.p) + "/archive?year=1999").status, 422);
}

TEST(Archive, UpcomingActivitiesAreListedButNotCounted) {
  ServerProcess server;
  auto admin = server.admin();
  auto m = make_member(server, admin, "chenyuting", "陈雨婷");
  const auto branch = create_org(admin, "党支部", "branch");
  add_member(admin, branch, m.person, "2020-01-01");
  const std::string tomorrow = local_date_offset(1);
  const auto id = create_activity(admin, json::object{{"org_id", branch}, {"kind", "seminar"}, {"title", "明天的研讨"},
                                                      {"starts_on", tomorrow}, {"credit_hours", 2}});
  const auto a = m.client.get("/api/v1/people/" + id_str(m.person) + "/archive?year=" + tomorrow.substr(0, 4)).json();
  ASSERT_EQ(a.at("attendance").as_array().size(), 1u);
  EXPECT_EQ(a.at("attendance").at(0).at("id"), id);
  EXPECT_EQ(a.at("totals").at("expected"), 0);
  EXPECT_EQ(a.at("totals").at("credit_hours"), 0);
}

}  // namespace
}  // namespace xuefeng::testing
