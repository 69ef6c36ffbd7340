// Excel exports through the real server: ?format=xlsx on the attendance sheet (签到表) and on a person's
// year (个人学习档案), read back cell by cell; their headers, access rules and refusals.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>

#include "api_fixture.hpp"
#include "study_year.hpp"
#include "xlsx_reader.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;
using std::chrono::minutes;

constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// "2026-04-07T08:21:05+08:00" as Excel's serial number of that local time.
double serial_of(const std::string& rfc3339) {
  auto n = [&](std::size_t pos, std::size_t len) { return std::stoi(rfc3339.substr(pos, len)); };
  return excel_serial(n(0, 4), n(5, 2), n(8, 2), n(11, 2), n(14, 2), n(17, 2));
}

double serial_of_date(const std::string& date) { return serial_of(date + "T00:00:00+08:00"); }

struct SignIn {
  std::int64_t org = 0;
  std::int64_t activity = 0;
  std::string starts_on;
  Member member;    // in the audience, checks in
  Member outsider;  // nowhere near it
  std::int64_t late = 0, excused = 0, unmarked = 0;
  std::string checked_in_at;
};

// A branch of four, a session under way: one checks in with the code, the secretary marks one late with a
// note and one excused; one is still unmarked.
SignIn sign_in(const ServerProcess& server, HttpClient& admin) {
  SignIn s{create_org(admin, "区政府办公室党支部", "branch"), 0, "",
           make_member(server, admin, "chenyuting", "陈雨婷"), make_member(server, admin, "waiwei", "外单位人员")};
  if (admin.patch("/api/v1/people/" + id_str(s.member.person), json::object{{"post", "综合科科员"}}).status != 200) {
    throw std::runtime_error("setting the post failed");
  }
  add_member(admin, s.org, s.member.person, "2024-01-01");
  s.late = create_person(admin, "陆志刚", json::object{{"post", "办公室主任"}});
  s.excused = create_person(admin, "杨帆");
  s.unmarked = create_person(admin, "高建军");
  for (const auto p : {s.late, s.excused, s.unmarked}) add_member(admin, s.org, p, "2024-01-01");
  const auto now = std::chrono::system_clock::now();
  const auto start = local_time_at(now - minutes(5));
  const auto end = local_time_at(now + minutes(60));
  s.starts_on = start.date;
  s.activity = create_activity(admin, json::object{{"org_id", s.org},
                                                   {"kind", "centralized_study"},
                                                   {"title", "支部集中学习"},
                                                   {"starts_on", start.date},
                                                   {"ends_on", end.date},
                                                   {"starts_at", start.rfc3339},
                                                   {"ends_at", end.rfc3339},
                                                   {"location", "区政府三楼会议室"}});
  const std::string url = "/api/v1/activities/" + id_str(s.activity);
  const auto code = json_text(admin.get(url + "/check-in").json(), "code");
  const auto checked = s.member.client.post(url + "/check-in", json::object{{"code", code}});
  if (checked.status != 200) throw std::runtime_error("check-in failed: " + checked.body);
  s.checked_in_at = json_text(checked.json(), "checked_in_at");
  const auto marked = admin.put(url + "/attendance",
                                json::array{json::object{{"person_id", s.late}, {"status", "late"}, {"note", "迟到约10分钟"}},
                                            json::object{{"person_id", s.excused}, {"status", "excused"}}});
  if (marked.status != 200) throw std::runtime_error("marking failed: " + marked.body);
  return s;
}

TEST(Export, TheSignInSheetIsAnXlsxDownloadWithAChineseFileName) {
  ServerProcess server;
  auto admin = server.admin();
  const auto s = sign_in(server, admin);
  const auto res = admin.get("/api/v1/activities/" + id_str(s.activity) + "/attendance?format=xlsx");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.header("Content-Type"), kXlsx);
  EXPECT_EQ(res.header("Content-Disposition"),
            "attachment; filename=\"attendance-" + id_str(s.activity) + "-" + s.starts_on + ".xlsx\"; "
            "filename*=UTF-8''%E7%AD%BE%E5%88%B0%E8%A1%A8-%E6%94%AF%E9%83%A8%E9%9B%86%E4%B8%AD%E5%AD%A6%E4%B9%A0-" +
                s.starts_on + ".xlsx");
  EXPECT_EQ(res.header("Cache-Control"), "no-store");
  EXPECT_EQ(res.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res.header("ETag"), "");
  EXPECT_EQ(res.body.substr(0, 2), "PK");  // a zip
  EXPECT_EQ(read_xlsx(res.body).sheet_names(), std::vector<std::string>{"签到表"});
}

TEST(Export, TheSignInSheetHasTheActivityAndEveryoneExpectedCellByCell) {
  ServerProcess server;
  auto admin = server.admin();
  const auto s = sign_in(server, admin);
  const std::string url = "/api/v1/activities/" + id_str(s.activity) + "/attendance";
  const auto res = admin.get(url + "?format=xlsx");
  ASSERT_EQ(res.status, 200) << res.body;
  const auto book = read_xlsx(res.body);
  const auto& sheet = book.sheet("签到表");

  EXPECT_EQ(sheet.text("A1"), "支部集中学习");
  EXPECT_EQ(sheet.text("B2"), "区政府办公室党支部");
  EXPECT_EQ(sheet.text("B3"), "集中学习");
  EXPECT_EQ(sheet.cell("B4").number, serial_of_date(s.starts_on));
  EXPECT_TRUE(sheet.cell("B4").is_date);
  EXPECT_EQ(sheet.text("B5"), "区政府三楼会议室");
  // The figures are the JSON sheet's: 4 expected, present + late attended.
  const auto js = admin.get(url).json();
  EXPECT_EQ(sheet.cell("B6").number, js.at("expected").as_int64());
  EXPECT_EQ(sheet.cell("B6").number, 4);
  EXPECT_EQ(sheet.cell("D6").number, 2);
  EXPECT_EQ(sheet.text("E6"), "参学率");
  EXPECT_EQ(sheet.cell("F6").number, 0.5);
  EXPECT_EQ(sheet.cell("F6").number_format, "0.00%");

  EXPECT_EQ(sheet.text("A7"), "序号");
  EXPECT_EQ(sheet.text("B7"), "姓名");
  EXPECT_EQ(sheet.text("C7"), "职务");
  EXPECT_EQ(sheet.text("D7"), "考勤");
  EXPECT_EQ(sheet.text("E7"), "签到时间");
  EXPECT_EQ(sheet.text("F7"), "备注");
  EXPECT_EQ(sheet.text("G7"), "签名");
  EXPECT_TRUE(sheet.cell("B7").bold);
  EXPECT_EQ(sheet.frozen_rows, 7);
  EXPECT_EQ(sheet.print_titles, "$7:$7");

  // People in person-id order, as the JSON sheet lists them: the member who checked in comes first.
  EXPECT_EQ(sheet.text("B8"), "陈雨婷");
  EXPECT_EQ(sheet.text("C8"), "综合科科员");
  EXPECT_EQ(sheet.text("D8"), "出席");
  EXPECT_EQ(sheet.cell("E8").type, XlsxCell::Type::kNumber);
  EXPECT_TRUE(sheet.cell("E8").is_date);
  EXPECT_NEAR(sheet.cell("E8").number, serial_of(s.checked_in_at), 1e-9);
  EXPECT_TRUE(sheet.cell("G8").present);
  EXPECT_EQ(sheet.cell("G8").type, XlsxCell::Type::kEmpty);
  EXPECT_GE(sheet.column_widths.at("G"), 18);
  EXPECT_EQ(sheet.text("B9"), "陆志刚");
  EXPECT_EQ(sheet.text("C9"), "办公室主任");
  EXPECT_EQ(sheet.text("D9"), "迟到");
  EXPECT_EQ(sheet.cell("E9").type, XlsxCell::Type::kEmpty);
  EXPECT_EQ(sheet.text("F9"), "迟到约10分钟");
  EXPECT_EQ(sheet.text("B10"), "杨帆");
  EXPECT_EQ(sheet.text("D10"), "请假");
  EXPECT_EQ(sheet.text("B11"), "高建军");
  EXPECT_EQ(sheet.text("D11"), "");
  EXPECT_EQ(sheet.last_row(), 11);
}

TEST(Export, TheSignInSheetFollowsTheJsonSheetsAccessRules) {
  ServerProcess server;
  auto admin = server.admin();
  auto s = sign_in(server, admin);
  const std::string url = "/api/v1/activities/" + id_str(s.activity) + "/attendance?format=xlsx";
  // Someone with nothing to do with the activity does not learn it exists.
  const auto hidden = s.outsider.client.get(url);
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(hidden.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(problem_code(hidden), "not_found");
  // A member in the audience sees the activity but may not read everyone's attendance.
  const auto refused = s.member.client.get(url);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(s.member.client.get("/api/v1/activities/" + id_str(s.activity) + "/attendance").status, 403);
  EXPECT_EQ(server.client().get(url).status, 401);
  EXPECT_EQ(admin.get("/api/v1/activities/999999/attendance?format=xlsx").status, 404);
}

TEST(Export, AFormatOtherThanJsonOrXlsxIsRefused) {
  ServerProcess server;
  auto admin = server.admin();
  const auto org = create_org(admin, "党支部", "branch");
  const auto id = create_activity(admin, json::object{{"org_id", org}, {"kind", "seminar"}, {"title", "研讨"},
                                                      {"starts_on", "2025-03-10"}});
  const std::string url = "/api/v1/activities/" + id_str(id) + "/attendance";
  admin.language = "en";
  for (const char* format : {"pdf", "XLSX", "csv"}) {
    const auto res = admin.get(url + "?format=" + format);
    EXPECT_EQ(res.status, 422) << format;
    EXPECT_EQ(res.header("Content-Type"), "application/problem+json") << format;
    EXPECT_EQ(error_fields(res), std::vector<std::string>{"format"}) << format;
    EXPECT_EQ(error_message(res, "format"), "must be one of: json, xlsx") << format;
  }
  // json, or none, is the JSON sheet.
  const auto plain = admin.get(url);
  const auto as_json = admin.get(url + "?format=json");
  EXPECT_EQ(as_json.status, 200);
  EXPECT_EQ(as_json.header("Content-Type"), "application/json");
  EXPECT_EQ(as_json.json(), plain.json());
  EXPECT_EQ(as_json.header("ETag"), plain.header("ETag"));
}

TEST(Export, APersonsYearIsThreeSheetsCellByCell) {
  ServerProcess server;
  auto admin = server.admin();
  HttpClient p(server.port());
  const auto y = build_study_year(server, admin, p);
  const auto res = p.get("/api/v1/people/" + id_str(y.p) + "/archive?year=2025&format=xlsx");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.header("Content-Type"), kXlsx);
  EXPECT_EQ(res.header("Content-Disposition"),
            "attachment; filename=\"archive-" + id_str(y.p) +
                "-2025.xlsx\"; filename*=UTF-8''%E5%AD%A6%E4%B9%A0%E6%A1%A3%E6%A1%88-%E9%99%88%E9%9B%A8%E5%A9%B7-2025.xlsx");
  const auto book = read_xlsx(res.body);
  EXPECT_EQ(book.sheet_names(), (std::vector<std::string>{"考勤", "档案记录", "汇总"}));

  const auto& att = book.sheet("考勤");
  EXPECT_EQ(att.text("D1"), "活动名称");
  EXPECT_EQ(att.last_row(), 7);  // A1..A5 and T1
  EXPECT_EQ(att.cell("B2").number, serial_of_date("2025-03-10"));
  EXPECT_TRUE(att.cell("B2").is_date);
  EXPECT_EQ(att.text("D2"), "centralized_study 2025-03-10");
  EXPECT_EQ(att.text("E2"), "集中学习");
  EXPECT_EQ(att.text("F2"), "区政府办公室党支部");
  EXPECT_EQ(att.text("H2"), "出席");
  EXPECT_EQ(att.cell("I2").number, 3);
  EXPECT_EQ(att.cell("C3").number, serial_of_date("2025-04-16"));
  EXPECT_EQ(att.cell("G3").number, 2);
  EXPECT_EQ(att.text("H3"), "迟到");
  EXPECT_EQ(att.text("H4"), "请假");
  EXPECT_EQ(att.text("H5"), "缺席");
  EXPECT_EQ(att.text("H6"), "");
  EXPECT_EQ(att.text("F7"), "中共柳塘镇委员会");
  EXPECT_EQ(att.text("E7"), "集中培训");
  EXPECT_EQ(att.cell("I7").number, 12);

  const auto& entries = book.sheet("档案记录");
  EXPECT_EQ(entries.last_row(), 6);  // E1..E5
  EXPECT_EQ(entries.cell("B2").number, serial_of_date("2025-03-11"));
  EXPECT_EQ(entries.text("C2"), "学习笔记");
  EXPECT_EQ(entries.text("D2"), "note 2025-03-11");
  EXPECT_EQ(entries.text("E2"), "未批阅");
  EXPECT_EQ(entries.text("C3"), "心得体会");
  EXPECT_EQ(entries.text("C4"), "自学");
  EXPECT_EQ(entries.cell("G4").number, 4);

  // The JSON summary's figures: expected 6, attended 3, rate 0.5, 6 days, 28.5 hours.
  const auto& sum = book.sheet("汇总");
  EXPECT_EQ(sum.text("B2"), "陈雨婷");
  EXPECT_EQ(sum.cell("B6").number, 2025);
  EXPECT_EQ(sum.cell("B7").number, 6);
  EXPECT_EQ(sum.cell("B8").number, 3);
  EXPECT_EQ(sum.cell("B9").number, 0.5);
  EXPECT_EQ(sum.cell("B10").number, 6);
  EXPECT_EQ(sum.cell("B11").number, 28.5);
  EXPECT_EQ(sum.cell("B12").number, 1);  // the party lecture at T2
  EXPECT_EQ(sum.cell("B13").number, 5);
}

TEST(Export, APersonsYearFollowsTheSummarysAccessAndMasking) {
  ServerProcess server;
  auto admin = server.admin();
  HttpClient p(server.port());
  const auto y = build_study_year(server, admin, p);
  ASSERT_EQ(admin.patch("/api/v1/people/" + id_str(y.p), json::object{{"phone", "13812345678"}, {"birth_date", "1990-05-04"}})
                .status,
            200);
  created_id(admin.post("/api/v1/accounts",
                        json::object{{"login", "zhaomingyuan"},
                                     {"password", "password-zhaomingyuan"},
                                     {"grants", json::array{json::object{{"role", "supervisor"}, {"org_id", y.district}}}}}),
             "account");
  HttpClient supervisor = server.client();
  supervisor.login("zhaomingyuan", "password-zhaomingyuan");
  const std::string url = "/api/v1/people/" + id_str(y.p) + "/archive?year=2025";

  // The person sees their own phone and birth date.
  const auto own = p.get(url + "&format=xlsx");
  ASSERT_EQ(own.status, 200) << own.body;
  const auto own_sum_book = read_xlsx(own.body);
  const auto& own_sum = own_sum_book.sheet("汇总");
  EXPECT_EQ(own_sum.cell("B4").number, serial_of_date("1990-05-04"));
  EXPECT_TRUE(own_sum.cell("B4").is_date);
  EXPECT_EQ(own_sum.text("B5"), "13812345678");

  // A supervisor reads the archive with both masked, as in the JSON.
  const auto masked = supervisor.get(url + "&format=xlsx");
  ASSERT_EQ(masked.status, 200) << masked.body;
  const auto sum_book = read_xlsx(masked.body);
  const auto& sum = sum_book.sheet("汇总");
  EXPECT_EQ(sum.text("A4"), "出生日期");
  EXPECT_EQ(sum.cell("B4").type, XlsxCell::Type::kEmpty);
  const auto js = supervisor.get(url).json();
  EXPECT_EQ(sum.text("B5"), json_text(js.at("person"), "phone"));
  EXPECT_EQ(sum.text("B5"), "138****5678");

  // Another member does not see the person at all.
  auto other = make_member(server, admin, "waiwei", "外单位人员");
  const auto hidden = other.client.get(url + "&format=xlsx");
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(hidden.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(server.client().get(url + "&format=xlsx").status, 401);

  const auto no_year = p.get("/api/v1/people/" + id_str(y.p) + "/archive?format=xlsx");
  EXPECT_EQ(error_fields(no_year), std::vector<std::string>{"year"});
  const auto pdf = p.get(url + "&format=pdf");
  EXPECT_EQ(pdf.status, 422);
  EXPECT_EQ(error_fields(pdf), std::vector<std::string>{"format"});
}

}  // namespace
}  // namespace xuefeng::testing
