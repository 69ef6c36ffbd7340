// Printable pages through the real server: ?format=html on the year-end review (学习讲评) and on a
// person's archive (学习档案专卷), and the org's whole binder (GET /orgs/{id}/archive); read back as XML
// and compared with the JSON the same data gives; their headers, access rules and refusals.

#include <gtest/gtest.h>

#include <algorithm>

#include <boost/json.hpp>
#include <set>

#include "api_fixture.hpp"
#include "html_reader.hpp"
#include "study_year.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kPagePolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

/// The headers of a page to print: shown inline, saved under `ascii` or (preferred) the percent-encoded
/// UTF-8 name, with the policy that lets its own style sheet apply and nothing else.
void expect_page_headers(const HttpResponse& res, const std::string& ascii, const std::string& encoded) {
  EXPECT_EQ(res.header("Content-Type"), kHtml);
  EXPECT_EQ(res.header("Content-Disposition"), "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
  EXPECT_EQ(res.header("Content-Security-Policy"), kPagePolicy);
  EXPECT_EQ(res.header("Cache-Control"), "no-store");
}

/// The page of a 200 answer, failing the test with the answer otherwise.
HtmlPage html_of(const HttpResponse& res) {
  if (res.status != 200) throw std::runtime_error("answered " + std::to_string(res.status) + ": " + res.body);
  return HtmlPage(res.body);
}

TEST(Print, APersonsBinderIsAnInlinePageWithTheYearOfTheirArchive) {
  ServerProcess server;
  auto admin = server.admin();
  HttpClient p(server.port());
  const auto y = build_study_year(server, admin, p);
  const std::string url = "/api/v1/people/" + id_str(y.p) + "/archive?year=2025";
  const auto res = p.get(url + "&format=html");
  ASSERT_EQ(res.status, 200) << res.body;
  // Shown by the browser, to print; saved as 学习档案专卷-陈雨婷-2025.html.
  expect_page_headers(res, "archive-" + id_str(y.p) + "-2025.html",
                      "%E5%AD%A6%E4%B9%A0%E6%A1%A3%E6%A1%88%E4%B8%93%E5%8D%B7-%E9%99%88%E9%9B%A8%E5%A9%B7-2025.html");
  EXPECT_EQ(res.header("X-Content-Type-Options"), "nosniff");

  const HtmlPage page(res.body);
  const auto js = p.get(url).json();
  ASSERT_EQ(page.count("//section[@class='person']"), 1u);
  EXPECT_EQ(page.rows("//div[@class='cover']/table")[0], (std::vector<std::string>{"姓名", "陈雨婷"}));
  EXPECT_EQ(page.rows("//div[@class='cover']/table")[2][1], "区政府办公室党支部（成员）");
  // Attendance: every activity the JSON year lists, in its order, with the mark.
  const auto attendance = page.rows("//section[@class='attendance']/table");
  const auto& expected = js.at("attendance").as_array();
  ASSERT_EQ(attendance.size(), expected.size());
  for (std::size_t i = 0; i < attendance.size(); ++i)
    EXPECT_EQ(attendance[i][2], json_text(expected[i], "title")) << i;
  EXPECT_EQ(attendance[0][7], "出席");
  EXPECT_EQ(attendance[1][7], "迟到");
  EXPECT_EQ(attendance[2][7], "请假");
  EXPECT_EQ(attendance[3][7], "缺席");
  EXPECT_EQ(attendance[4][7], "未记录");
  EXPECT_EQ(attendance[5][4], "中共柳塘镇委员会");  // T1, invited
  // The party lecture P gave at the township.
  const auto speeches = page.rows("//section[@class='speeches']/table[1]");
  ASSERT_EQ(speeches.size(), 1u);
  EXPECT_EQ(speeches[0][5], "以优良作风推动工作落实");
  // Every entry of the year, none of the year before.
  EXPECT_EQ(page.count("//section[@class='entries']/article"), js.at("entries").as_array().size());
  EXPECT_EQ(page.count("//section[@class='entries']/article"), 5u);
  EXPECT_EQ(page.text("//article[@id='entry-" + id_str(y.e3) + "']/h3"), "3. self_study 2025-10-01");
  // The summary's figures are the JSON totals: 6 expected, 3 attended, 28.5 hours.
  const auto summary = page.rows("//section[@class='summary']/table");
  EXPECT_EQ(summary[0][1], std::to_string(js.at("totals").at("expected").as_int64()));
  EXPECT_EQ(summary[1][1], "3");
  EXPECT_EQ(summary[2][1], "50.00%");
  EXPECT_EQ(summary[4][1], "28.5");
}

TEST(Print, ABinderShowsReviewsAndComplianceAndEscapesWhatPeopleWrote) {
  ServerProcess server;
  auto admin = server.admin();
  HttpClient p(server.port());
  const auto y = build_study_year(server, admin, p);
  const std::string hostile = "<script>alert('x')</script> & \"引号\"";
  const auto entry = created_id(p.post("/api/v1/people/" + id_str(y.p) + "/archive",
                                       json::object{{"kind", "year_end_summary"},
                                                    {"date", "2025-12-20"},
                                                    {"title", hostile},
                                                    {"content", "一、学习情况\n" + hostile}}),
                                "summary");
  ASSERT_EQ(admin
                .post("/api/v1/people/" + id_str(y.p) + "/archive/" + id_str(entry) + "/review",
                      json::object{{"verdict", "returned"}, {"comment", "请补充 <具体> 举措"}})
                .status,
            200);
  ASSERT_EQ(
      admin.post("/api/v1/requirements", json::object{{"org_id", y.district}, {"template", "egov_training"}})
          .status,
      201);
  ASSERT_EQ(admin.patch("/api/v1/people/" + id_str(y.p), json::object{{"birth_date", "1990-05-04"}}).status,
            200);
  const auto page = html_of(p.get("/api/v1/people/" + id_str(y.p) + "/archive?year=2025&format=html"));
  EXPECT_EQ(page.count("//script"), 0u);
  const std::string article = "//section[@class='summary']/article[@id='entry-" + id_str(entry) + "']";
  EXPECT_EQ(page.text(article + "/h3"), hostile);
  EXPECT_EQ(page.text(article + "/div[@class='content']"), "一、学习情况\n" + hostile);
  const auto reviews = page.rows(article + "/table[@class='reviews']");
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_EQ(reviews[0][1], "admin");
  EXPECT_EQ(reviews[0][2], "退回");
  EXPECT_EQ(reviews[0][3], "请补充 <具体> 举措");
  // The compliance of the person's sets as the compliance route gives it: born after 1956, bound by the
  // e-government training, which T1 (a training P attended) meets.
  const auto compliance = p.get("/api/v1/people/" + id_str(y.p) + "/compliance?year=2025").json();
  ASSERT_EQ(compliance.at("subjects").as_array().size(), 1u);
  EXPECT_EQ(page.count("//section[@class='compliance']/h3"), 1u);
  EXPECT_EQ(page.text("//section[@class='compliance']/h3")
                .rfind(json_text(compliance.at("subjects").at(0), "requirement_name") + "：已达标", 0),
            0u);
  EXPECT_EQ(page.rows("//section[@class='compliance']/table")[0][4], "已完成");
}

TEST(Print, AnOrgsBinderHoldsEveryPersonOfTheYearByOrgThenName) {
  ServerProcess server;
  auto admin = server.admin();
  HttpClient p(server.port());
  const auto y = build_study_year(server, admin, p);
  // A member of the district itself comes before the branch's people, whatever the names.
  const auto leader = create_person(admin, "王振华");
  add_member(admin, y.district, leader, "2025-02-01");
  const auto res = admin.get("/api/v1/orgs/" + id_str(y.district) + "/archive?year=2025&format=html");
  ASSERT_EQ(res.status, 200) << res.body;
  // 学习档案专卷-中共云溪区委员会-2025.html
  expect_page_headers(res, "archive-org-" + id_str(y.district) + "-2025.html",
                      "%E5%AD%A6%E4%B9%A0%E6%A1%A3%E6%A1%88%E4%B8%93%E5%8D%B7-"
                      "%E4%B8%AD%E5%85%B1%E4%BA%91%E6%BA%AA%E5%8C%BA%E5%A7%94%E5%91%98%E4%BC%9A-2025.html");
  const HtmlPage page(res.body);
  // The branch's four (S left in June, still in the year; Q also in the cell, once) and the leader; one
  // page-breaking section each; the township's invitee is not a member.
  const auto persons = page.all("/html/body/section[@class='person']");
  ASSERT_EQ(persons.size(), 5u);
  std::vector<std::string> order;
  for (const auto& s : persons) order.emplace_back(s.attribute("id").value());
  // Within the branch by name in pinyin order: 陈雨婷 chen, 高建军 gao, 陆志刚 lu, 杨帆 yang (by code point
  // 杨 would come first and 高 last).
  EXPECT_EQ(order, (std::vector<std::string>{"person-" + id_str(leader), "person-" + id_str(y.p),
                                             "person-" + id_str(y.s), "person-" + id_str(y.q),
                                             "person-" + id_str(y.r)}));
  const auto contents = page.rows("//section[@class='volume-cover']/table");
  ASSERT_EQ(contents.size(), 5u);
  EXPECT_EQ(contents[0][1], "王振华");
  EXPECT_EQ(contents[1][1], "陈雨婷");
  EXPECT_EQ(contents[2][3], "区政府办公室党支部（成员，至 2025-06-01）");
  EXPECT_EQ(contents[3][3], "区政府办公室党支部（书记）；综合科党小组（成员）");
  // Each person's section is their own binder: P's attendance is the one of P's binder.
  const HtmlPage own = html_of(admin.get("/api/v1/people/" + id_str(y.p) + "/archive?year=2025&format=html"));
  EXPECT_EQ(page.rows("//section[@id='person-" + id_str(y.p) + "']/section[@class='attendance']/table"),
            own.rows("//section[@class='attendance']/table"));

  // A branch alone: its four.
  const auto branch =
      html_of(admin.get("/api/v1/orgs/" + id_str(y.branch) + "/archive?year=2025&format=html"));
  EXPECT_EQ(branch.count("/html/body/section[@class='person']"), 4u);
  // A year before anyone joined: an empty volume, still a page.
  const auto empty =
      html_of(admin.get("/api/v1/orgs/" + id_str(y.branch) + "/archive?year=2020&format=html"));
  EXPECT_EQ(empty.count("//section[@class='person']"), 0u);
  EXPECT_EQ(empty.text("//section[@class='volume-cover']/p[@class='empty']"),
            "本年度本组织及下级组织没有成员");
}

TEST(Print, TheOrgsBinderHasNoJsonFormAndChecksItsYear) {
  ServerProcess server;
  auto admin = server.admin();
  admin.language = "en";
  const auto org = create_org(admin, "区政府办公室党支部", "branch");
  const std::string url = "/api/v1/orgs/" + id_str(org) + "/archive";
  for (const char* query :
       {"?year=2025", "?year=2025&format=json", "?year=2025&format=xlsx", "?year=2025&format=pdf"}) {
    const auto res = admin.get(url + query);
    EXPECT_EQ(res.status, 422) << query;
    EXPECT_EQ(error_fields(res), std::vector<std::string>{"format"}) << query;
    EXPECT_EQ(error_message(res, "format"), "must be one of: html") << query;
  }
  const auto no_year = admin.get(url + "?format=html");
  EXPECT_EQ(no_year.status, 422);
  EXPECT_EQ(error_message(no_year, "year"), "is required");
  for (const char* year : {"1999", "2101", "4294969321"}) {
    const auto bad = admin.get(url + "?format=html&year=" + year);
    EXPECT_EQ(bad.status, 422) << year;
    EXPECT_EQ(error_message(bad, "year"), "year must be 2000–2100") << year;
  }
  const auto bad_person = admin.get("/api/v1/people/1/archive?year=1999&format=html");
  EXPECT_EQ(bad_person.status, 422);
  EXPECT_EQ(error_fields(bad_person), std::vector<std::string>{"year"});
  const auto bad_review = admin.get(url.substr(0, url.size() - 8) + "/review?year=1999&format=html");
  EXPECT_EQ(bad_review.status, 422);
  EXPECT_EQ(error_fields(bad_review), std::vector<std::string>{"year"});
  // The routes with a JSON form name html among their formats.
  const auto pdf = admin.get("/api/v1/orgs/" + id_str(org) + "/review?year=2025&format=pdf");
  EXPECT_EQ(error_message(pdf, "format"), "must be one of: json, xlsx, html");
}

TEST(Print, PrintedPagesFollowTheAccessOfTheirData) {
  ServerProcess server;
  auto admin = server.admin();
  HttpClient p(server.port());
  const auto y = build_study_year(server, admin, p);
  auto outsider = make_member(server, admin, "waiwei", "外单位人员");
  const std::string org_binder = "/api/v1/orgs/" + id_str(y.branch) + "/archive?year=2025&format=html";
  const std::string review = "/api/v1/orgs/" + id_str(y.branch) + "/review?year=2025&format=html";
  const std::string binder = "/api/v1/people/" + id_str(y.q) + "/archive?year=2025&format=html";
  // A member sees their branch but not everyone's archive or figures in it: 403; another person's archive
  // they do not see at all: 404.
  for (const auto& url : {org_binder, review}) {
    const auto refused = p.get(url);
    EXPECT_EQ(refused.status, 403) << url;
    EXPECT_EQ(refused.header("Content-Type"), "application/problem+json") << url;
  }
  EXPECT_EQ(p.get(binder).status, 404);
  // Someone outside the branch does not learn it exists.
  for (const auto& url : {org_binder, review, binder}) EXPECT_EQ(outsider.client.get(url).status, 404) << url;
  EXPECT_EQ(server.client().get(org_binder).status, 401);
  EXPECT_EQ(admin.get("/api/v1/orgs/999999/archive?year=2025&format=html").status, 404);
  EXPECT_EQ(admin.get("/api/v1/people/999999/archive?year=2025&format=html").status, 404);
  // A secretary of the branch reads all three.
  created_id(
      admin.post(
          "/api/v1/accounts",
          json::object{{"login", "shuji"},
                       {"password", "password-shuji"},
                       {"grants", json::array{json::object{{"role", "secretary"}, {"org_id", y.branch}}}}}),
      "account");
  HttpClient secretary = server.client();
  secretary.login("shuji", "password-shuji");
  for (const auto& url : {org_binder, review, binder}) EXPECT_EQ(secretary.get(url).status, 200) << url;

  // Q also belonged to the township that year, whose plan the branch's secretary may not open (404): the
  // binder leaves that plan out for them, and shows it to the administrator.
  add_member(admin, y.township, y.q, "2025-03-01");
  ASSERT_EQ(admin.post("/api/v1/plans",
                       json::object{{"org_id", y.township}, {"year", 2025}, {"title", "柳塘镇2025年学习计划"},
                                    {"topics", json::array{json::object{{"title", "推进乡村全面振兴"}}}}})
                .status,
            201);
  const auto plan_titles = [&](HttpClient& c) {
    const auto page = html_of(c.get(binder));  // the nodes live as long as the page
    std::vector<std::string> out;
    for (const auto& h : page.all("//section[@class='plans']/h3")) out.emplace_back(h.text().get());
    return out;
  };
  const auto for_admin = plan_titles(admin);
  EXPECT_NE(std::find(for_admin.begin(), for_admin.end(), "中共柳塘镇委员会：柳塘镇2025年学习计划"), for_admin.end());
  for (const auto& title : plan_titles(secretary)) EXPECT_EQ(title.find("柳塘镇"), std::string::npos) << title;
}

TEST(Print, TheReviewAsAPageHasTheFiguresOfItsJson) {
  ServerProcess server;
  auto admin = server.admin();
  HttpClient p(server.port());
  const auto y = build_study_year(server, admin, p);
  ASSERT_EQ(
      admin.post("/api/v1/requirements", json::object{{"org_id", y.district}, {"template", "eight_ones"}})
          .status,
      201);
  ASSERT_EQ(
      admin.post("/api/v1/requirements", json::object{{"org_id", y.district}, {"template", "egov_training"}})
          .status,
      201);
  // Born after 1956, so bound by the training: P took it (T1), Q and R did not.
  for (const auto person : {y.p, y.q, y.r}) {
    ASSERT_EQ(
        admin.patch("/api/v1/people/" + id_str(person), json::object{{"birth_date", "1980-01-01"}}).status,
        200);
  }
  const std::string url = "/api/v1/orgs/" + id_str(y.district) + "/review?year=2025";
  const auto res = admin.get(url + "&format=html");
  ASSERT_EQ(res.status, 200) << res.body;
  // 学习讲评-中共云溪区委员会-2025.html
  expect_page_headers(res, "review-" + id_str(y.district) + "-2025.html",
                      "%E5%AD%A6%E4%B9%A0%E8%AE%B2%E8%AF%84-"
                      "%E4%B8%AD%E5%85%B1%E4%BA%91%E6%BA%AA%E5%8C%BA%E5%A7%94%E5%91%98%E4%BC%9A-2025.html");
  const HtmlPage page(res.body);
  const auto js = admin.get(url).json();
  EXPECT_EQ(page.text("//header/h1"), "中共云溪区委员会 2025 年学习讲评");
  EXPECT_EQ(page.text("//header/p"), "截至 2025-12-31");
  const auto totals = page.rows("//section[@id='totals']/table");
  EXPECT_EQ(totals[0][1], std::to_string(js.at("totals").at("activities").as_int64()));
  EXPECT_EQ(totals[4][1], std::to_string(js.at("totals").at("expected").as_int64()));
  EXPECT_EQ(page.rows("//section[@id='months']/table").size(),
            js.at("participation_by_month").as_array().size());
  EXPECT_EQ(page.rows("//section[@id='requirements']/table").size(), js.at("requirements").as_array().size());
  // Every shortfall of the JSON, by name, in its order.
  const auto shortfalls = page.rows("//section[@id='shortfalls']/table");
  const auto& expected = js.at("shortfalls").as_array();
  ASSERT_EQ(shortfalls.size(), expected.size());
  ASSERT_EQ(expected.size(), 2u);  // Q's and R's training
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(shortfalls[i][1], json_text(expected[i], "name")) << i;
    EXPECT_EQ(shortfalls[i][3], json_text(expected[i], "label")) << i;
  }
  // One 个人讲评 per person among the subjects.
  std::set<std::int64_t> people;
  for (const auto& s : js.at("subjects").as_array()) {
    if (const auto* id = s.as_object().if_contains("person_id")) people.insert(id->as_int64());
  }
  EXPECT_EQ(page.count("//section[@id='people']/div[@class='review-person']"), people.size());
  EXPECT_EQ(page.rows("//section[@id='units']/table").size(), js.at("units").as_array().size());
}

TEST(Print, AnOrgOfMoreThanTwoThousandPeopleIsRefusedWithItsOwnCode) {
  ServerProcess server;
  auto admin = server.admin();
  const auto district = create_org(admin, "中共云溪区委员会", "party_committee");
  const auto branch = create_org(admin, "区直机关党支部", "branch", district);
  std::string csv = "姓名\n";
  for (int i = 0; i <= 2000; ++i) csv += "干部" + std::to_string(i) + "\n";
  const auto imported =
      admin.request("POST", "/api/v1/orgs/" + id_str(branch) + "/members/import?since=2025-01-01", csv,
                    {{"Content-Type", "text/csv"}});
  ASSERT_EQ(imported.status, 201) << imported.body;
  admin.language = "en";
  const auto res = admin.get("/api/v1/orgs/" + id_str(district) + "/archive?year=2025&format=html");
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(res.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(problem_code(res), "export_too_large");
  EXPECT_EQ(json_text(res.json(), "detail"),
            "中共云溪区委员会 had 2001 people in 2025; a binder holds at most 2000: choose a smaller org");
  // A year before they joined is empty, and fine.
  EXPECT_EQ(admin.get("/api/v1/orgs/" + id_str(district) + "/archive?year=2024&format=html").status, 200);
}

}  // namespace
}  // namespace xuefeng::testing
