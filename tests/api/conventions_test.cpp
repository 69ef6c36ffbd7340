// What every route shares: health check, security headers, HEAD, 404 and 405, authentication, JSON
// decoding errors, languages and pagination (docs/api.md, "Conventions").

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "api_fixture.hpp"
#include "route_table.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

void expect_security_headers(const HttpResponse& res) {
  EXPECT_EQ(res.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res.header("Referrer-Policy"), "same-origin");
  EXPECT_EQ(res.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(res.header("Content-Security-Policy"), "default-src 'none'; frame-ancestors 'none'");
}

TEST(Conventions, HealthzAnswersWithoutSessionAndEveryResponseHasSecurityHeaders) {
  ServerProcess server;
  auto anonymous = server.client();
  const auto health = anonymous.get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.header("Content-Type"), "application/json");
  EXPECT_EQ(health.body, R"({"status":"ok"})");
  EXPECT_EQ(health.header("Cache-Control"), "no-store");
  expect_security_headers(health);

  // Errors carry them too.
  const auto missing = anonymous.get("/api/v1/orgs");
  EXPECT_EQ(missing.status, 401);
  expect_security_headers(missing);
  EXPECT_EQ(missing.header("Cache-Control"), "no-store");
}

TEST(Conventions, HeadAnswersLikeGetWithoutABody) {
  ServerProcess server;
  auto admin = server.admin();
  const auto org = create_org(admin, "中共云溪区委员会", "party_committee");
  const auto get = admin.get("/api/v1/orgs/" + id_str(org));
  const auto head = admin.request("HEAD", "/api/v1/orgs/" + id_str(org));
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.header("Content-Length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.header("ETag"), "\"1\"");
  EXPECT_EQ(head.header("Content-Type"), "application/json");

  auto anonymous = server.client();
  const auto health = anonymous.request("HEAD", "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.header("Content-Length"), "15");
  EXPECT_EQ(health.body, "");
}

TEST(Conventions, UnknownRouteIsA404Problem) {
  ServerProcess server;
  auto anonymous = server.client();
  const auto res = anonymous.get("/api/v1/nothing-here");
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.header("Content-Type"), "application/problem+json");
  const auto body = res.json();
  EXPECT_EQ(body.at("type"), "urn:xuefeng:problem:not_found");
  EXPECT_EQ(body.at("title"), "未找到");
  EXPECT_EQ(body.at("status"), 404);
  EXPECT_EQ(body.at("detail"), "没有这个接口：/api/v1/nothing-here");
  EXPECT_EQ(body.at("code"), "not_found");
  EXPECT_FALSE(body.as_object().contains("errors"));

  anonymous.language = "en";
  const auto en = anonymous.get("/api/v1/nothing-here");
  EXPECT_EQ(en.json().at("detail"), "no such resource: /api/v1/nothing-here");
  EXPECT_EQ(en.json().at("title"), "Not found");

  // A path parameter that cannot be an id names nothing.
  auto admin = server.admin();
  for (const char* target : {"/api/v1/orgs/abc", "/api/v1/orgs/0", "/api/v1/orgs/-1", "/api/v1/orgs/999"}) {
    const auto r = admin.get(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(problem_code(r), "not_found") << target;
  }
}

TEST(Conventions, WrongMethodIsA405NamingTheAllowedOnes) {
  ServerProcess server;
  auto anonymous = server.client();
  const auto res = anonymous.request("PUT", "/api/v1/orgs");
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(problem_code(res), "method_not_allowed");
  EXPECT_EQ(res.json().at("detail"), "该地址不支持 PUT 请求");
  EXPECT_EQ(res.header("Allow"), "POST, GET, HEAD");

  const auto item = anonymous.request("POST", "/api/v1/orgs/1");
  EXPECT_EQ(item.status, 405);
  EXPECT_EQ(item.header("Allow"), "GET, HEAD, PATCH, DELETE");
  const auto options = anonymous.request("OPTIONS", "/healthz");
  EXPECT_EQ(options.status, 405);
  EXPECT_EQ(options.header("Allow"), "GET, HEAD");
}

TEST(Conventions, EveryRouteButLoginAndHealthNeedsASession) {
  const auto routes = registered_routes(XUEFENG_SOURCE_DIR);
  ASSERT_GT(routes.size(), 40u);
  ServerProcess server;
  auto anonymous = server.client();
  auto stale = server.client();
  stale.token = "not-a-session-token";
  stale.language = "en";
  int required = 0;
  for (const auto& route : routes) {
    std::string target = route.path;
    for (const char* param : {"{id}", "{person_id}", "{entry_id}"}) {
      for (auto pos = target.find(param); pos != std::string::npos; pos = target.find(param)) {
        target.replace(pos, std::string(param).size(), "1");
      }
    }
    const bool has_body = route.method != "GET" && route.method != "DELETE";
    const std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", "application/json"}};
    const auto res = anonymous.request(route.method, target, has_body ? "{}" : "", has_body ? headers : decltype(headers){});
    if (!route.auth_required) {
      EXPECT_NE(res.status, 401) << route.key();
      continue;
    }
    ++required;
    EXPECT_EQ(res.status, 401) << route.key();
    EXPECT_EQ(problem_code(res), "unauthenticated") << route.key();
    EXPECT_EQ(res.header("WWW-Authenticate"), "Bearer") << route.key();
    EXPECT_EQ(res.json().at("detail"), "请先登录") << route.key();

    const auto with_stale = stale.request(route.method, target, has_body ? "{}" : "", has_body ? headers : decltype(headers){});
    EXPECT_EQ(with_stale.status, 401) << route.key();
    EXPECT_EQ(with_stale.json().at("detail"), "the session has ended; please log in again") << route.key();
  }
  EXPECT_EQ(required, static_cast<int>(routes.size()) - 2);  // all but GET /healthz and POST /api/v1/session
}

TEST(Conventions, BodiesMustBeWellFormedJsonObjects) {
  ServerProcess server;
  auto admin = server.admin();
  const std::vector<std::pair<std::string, std::string>> json_type{{"Content-Type", "application/json"}};

  const auto broken = admin.request("POST", "/api/v1/orgs", R"({"name": "党支部",)", json_type);
  EXPECT_EQ(broken.status, 400);
  EXPECT_EQ(problem_code(broken), "bad_request");
  EXPECT_EQ(broken.json().at("detail"), "请求内容不是有效的 JSON：incomplete JSON");

  const auto trailing = admin.request("POST", "/api/v1/orgs", R"({"name": "党支部", "kind": "branch"} x)", json_type);
  EXPECT_EQ(trailing.status, 400);
  EXPECT_EQ(problem_code(trailing), "bad_request");

  const auto not_utf8 = admin.request("POST", "/api/v1/orgs", "{\"name\": \"\xB5\xB3\", \"kind\": \"branch\"}", json_type);
  EXPECT_EQ(not_utf8.status, 400);
  EXPECT_EQ(not_utf8.json().at("detail"), "请求内容不是有效的 UTF-8 文本");

  const auto form = admin.request("POST", "/api/v1/orgs", R"({"name": "党支部", "kind": "branch"})",
                                  {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 415);
  EXPECT_EQ(problem_code(form), "unsupported_media_type");
  EXPECT_EQ(form.json().at("title"), "不支持的内容类型");

  const auto text_plain = admin.request("POST", "/api/v1/orgs", R"({"name": "党支部", "kind": "branch"})",
                                        {{"Content-Type", "text/plain"}});
  EXPECT_EQ(text_plain.status, 415);

  const auto array = admin.post("/api/v1/orgs", json::array{1, 2});
  EXPECT_EQ(array.status, 422);
  EXPECT_EQ(error_fields(array), std::vector<std::string>{"body"});
  EXPECT_EQ(error_message(array, "body"), "应为 JSON 对象");

  std::string deep(40, '[');
  deep += std::string(40, ']');
  const auto too_deep = admin.request("POST", "/api/v1/orgs", deep, json_type);
  EXPECT_EQ(too_deep.status, 422);
  EXPECT_EQ(error_fields(too_deep), std::vector<std::string>{"body"});

  // A JSON media type with parameters or a +json suffix is JSON; nothing was written by the refusals.
  const auto charset = admin.request("POST", "/api/v1/orgs", R"({"name": "党支部", "kind": "branch"})",
                                     {{"Content-Type", "application/json; charset=utf-8"}});
  EXPECT_EQ(charset.status, 201);
  const auto suffix = admin.request("POST", "/api/v1/orgs", R"({"name": "党小组", "kind": "group"})",
                                    {{"Content-Type", "application/merge-patch+json"}});
  EXPECT_EQ(suffix.status, 201);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM orgs"), 2);
}

TEST(Conventions, UnknownFieldsWrongTypesAndEnumsAreOne422ListingEveryProblem) {
  ServerProcess server;
  auto admin = server.admin();
  const auto res = admin.post("/api/v1/orgs", json::object{{"name", 5}, {"kind", "committee"}, {"colour", "red"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(res.header("Content-Type"), "application/problem+json");
  const auto body = res.json();
  EXPECT_EQ(body.at("type"), "urn:xuefeng:problem:validation_failed");
  EXPECT_EQ(body.at("title"), "输入不符合要求");
  EXPECT_EQ(body.at("status"), 422);
  EXPECT_EQ(body.at("code"), "validation_failed");
  EXPECT_EQ(body.at("detail"), "有 3 处输入不符合要求");
  EXPECT_EQ(error_fields(res), (std::vector<std::string>{"name", "kind", "colour"}));
  EXPECT_EQ(error_message(res, "name"), "应为字符串");
  EXPECT_EQ(error_message(res, "kind"),
            "取值应为以下之一：party_committee, working_committee, leading_group, general_branch, branch, group, "
            "study_group");
  EXPECT_EQ(error_message(res, "colour"), "未知字段");

  // One problem: the detail names the field.
  const auto missing = admin.post("/api/v1/orgs", json::object{{"name", "党支部"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.json().at("detail"), "kind：必须填写");
  const auto null_kind = admin.post("/api/v1/orgs", json::object{{"name", "党支部"}, {"kind", nullptr}});
  EXPECT_EQ(error_message(null_kind, "kind"), "必须填写");

  // Nested objects are as strict, and their fields are named by path.
  const auto org = create_org(admin, "党支部", "branch");
  const auto plan = admin.post("/api/v1/plans", json::object{{"org_id", org},
                                                             {"year", 2025},
                                                             {"title", "学习计划"},
                                                             {"topics", json::array{json::object{{"title", "专题"},
                                                                                                 {"owner", "x"}}}}});
  EXPECT_EQ(plan.status, 422);
  EXPECT_EQ(error_fields(plan), std::vector<std::string>{"topics[0].owner"});
  const auto activity = admin.post("/api/v1/activities",
                                   json::object{{"org_id", org},
                                                {"kind", "seminar"},
                                                {"title", "交流研讨"},
                                                {"starts_on", "2025-03-10"},
                                                {"speakers", json::array{json::object{{"person", 1}}}},
                                                {"repeat", json::object{{"every", "day"}, {"until", "2025-04-01"}}}});
  EXPECT_EQ(activity.status, 422);
  EXPECT_EQ(error_fields(activity),
            (std::vector<std::string>{"speakers[0].person_id", "speakers[0].person", "repeat.every"}));
  EXPECT_EQ(error_message(activity, "repeat.every"), "取值应为以下之一：week, fortnight, month");
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM plans"), 0);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM activities"), 0);
}

TEST(Conventions, MessagesAreChineseUnlessAcceptLanguagePrefersEnglish) {
  ServerProcess server;
  auto admin = server.admin();
  const json::object bad{{"name", ""}, {"kind", "branch"}};
  const std::vector<std::pair<std::string, std::string>> cases{
      {"", "zh"},           {"en", "en"},           {"en-US,en;q=0.9", "en"}, {"zh-CN,zh;q=0.9,en;q=0.8", "zh"},
      {"fr-FR", "zh"},      {"en;q=0.3, zh;q=0.8", "zh"}, {"de, en-GB;q=0.5", "en"}};
  for (const auto& [header, expected] : cases) {
    admin.language = header;
    const auto res = admin.post("/api/v1/orgs", bad);
    ASSERT_EQ(res.status, 422) << header;
    const bool en = expected == "en";
    EXPECT_EQ(res.json().at("title"), en ? "Validation failed" : "输入不符合要求") << header;
    EXPECT_EQ(res.json().at("detail"), en ? "name: must not be empty" : "name：不能为空") << header;
    EXPECT_EQ(error_message(res, "name"), en ? "must not be empty" : "不能为空") << header;
  }
}

TEST(Conventions, PagesWalkEveryItemOnceInIdOrder) {
  ServerProcess server;
  auto admin = server.admin();
  std::vector<std::int64_t> created;
  for (int i = 0; i < 52; ++i) created.push_back(create_person(admin, "学员" + std::to_string(i)));

  // Default limit: 50, then the rest.
  const auto first = admin.get("/api/v1/people").json();
  EXPECT_EQ(first.at("items").as_array().size(), 50u);
  ASSERT_TRUE(first.at("next_cursor").is_string());
  const auto rest = admin.get("/api/v1/people?cursor=" + json_text(first, "next_cursor")).json();
  EXPECT_EQ(rest.at("items").as_array().size(), 2u);
  EXPECT_TRUE(rest.at("next_cursor").is_null());

  // A walk with limit=7: 8 pages, every id once, ascending.
  std::vector<std::int64_t> seen;
  std::string cursor;
  int pages = 0;
  do {
    const auto page = admin.get("/api/v1/people?limit=7" + (cursor.empty() ? "" : "&cursor=" + cursor)).json();
    ++pages;
    for (const auto& p : page.at("items").as_array()) seen.push_back(p.at("id").as_int64());
    cursor = page.at("next_cursor").is_null() ? "" : json_text(page, "next_cursor");
  } while (!cursor.empty() && pages < 20);
  EXPECT_EQ(pages, 8);
  EXPECT_EQ(seen, created);

  // Exactly a page's worth: no empty page after it.
  const auto exact = admin.get("/api/v1/people?limit=52").json();
  EXPECT_EQ(exact.at("items").as_array().size(), 52u);
  EXPECT_TRUE(exact.at("next_cursor").is_null());
  EXPECT_EQ(admin.get("/api/v1/people?limit=500").status, 200);

  for (const char* limit : {"0", "501", "abc", "-1", "2.5"}) {
    const auto res = admin.get(std::string("/api/v1/people?limit=") + limit);
    EXPECT_EQ(res.status, 422) << limit;
    EXPECT_EQ(error_fields(res), std::vector<std::string>{"limit"}) << limit;
    EXPECT_EQ(error_message(res, "limit"), "limit 应为 1 到 500 之间的整数") << limit;
  }
  const auto bad_cursor = admin.get("/api/v1/people?cursor=%%%");
  EXPECT_EQ(bad_cursor.status, 400);
  const auto garbage = admin.get("/api/v1/people?cursor=bm90LWEtY3Vyc29y");
  EXPECT_EQ(garbage.status, 400);
  EXPECT_EQ(problem_code(garbage), "bad_request");
  EXPECT_EQ(garbage.json().at("detail"), "cursor 无效，请使用上一页返回的 next_cursor");
}

}  // namespace
}  // namespace xuefeng::testing
