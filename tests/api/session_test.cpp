// Sessions (login, cookie, logout, CSRF) and accounts.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api_fixture.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

std::string cookie_token(const std::string& set_cookie) {
  const std::string prefix = "xuefeng_session=";
  if (set_cookie.rfind(prefix, 0) != 0) return {};
  return set_cookie.substr(prefix.size(), set_cookie.find(';') - prefix.size());
}

TEST(Session, LoginAnswersTokenAccountAndAStrictHttpOnlyCookie) {
  ServerProcess server;
  auto c = server.client();
  const auto res = c.post("/api/v1/session", json::object{{"login", "admin"}, {"password", "admin-password"}});
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.header("Content-Type"), "application/json");
  EXPECT_EQ(res.header("Cache-Control"), "no-store");
  const auto body = res.json();
  const std::string token = json_text(body, "token");
  EXPECT_EQ(token.size(), 43u);  // 32 random bytes, base64url without padding
  EXPECT_EQ(body.at("account"), json::parse(R"({"id":1,"login":"admin","person_id":null,"roles":["admin"],"grants":[{"role":"admin","org_id":null}]})"));
  EXPECT_EQ(json_text(body, "expires_at").size(), 25u);  // 2026-11-29T13:55:38+08:00
  EXPECT_EQ(json_text(body, "expires_at").substr(19), "+08:00");
  EXPECT_EQ(res.header("Set-Cookie"),
            "xuefeng_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=604800");

  c.token = token;
  const auto me = c.get("/api/v1/session");
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(me.json(), json::parse(R"({"account":{"id":1,"login":"admin","person_id":null,"roles":["admin"],"grants":[{"role":"admin","org_id":null}]}})"));
}

TEST(Session, WrongPasswordAndUnknownLoginGetTheSameAnswer) {
  ServerProcess server;
  auto c = server.client();
  c.language = "en";
  const auto wrong = c.post("/api/v1/session", json::object{{"login", "admin"}, {"password", "not-the-password"}});
  const auto unknown = c.post("/api/v1/session", json::object{{"login", "nobody"}, {"password", "admin-password"}});
  for (const auto& res : {wrong, unknown}) {
    EXPECT_EQ(res.status, 401);
    EXPECT_EQ(problem_code(res), "unauthenticated");
    EXPECT_EQ(res.json().at("detail"), "login or password is incorrect");
    EXPECT_EQ(res.header("Set-Cookie"), "");
  }
  const auto missing = c.post("/api/v1/session", json::object{{"login", "admin"}, {"remember", true}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(error_fields(missing), (std::vector<std::string>{"password", "remember"}));
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM sessions"), 0);
}

TEST(Session, TheCookieAuthenticatesAndLogoutEndsTheSession) {
  ServerProcess server;
  auto c = server.client();
  const auto login = c.post("/api/v1/session", json::object{{"login", "admin"}, {"password", "admin-password"}});
  const std::string token = cookie_token(login.header("Set-Cookie"));
  ASSERT_FALSE(token.empty());
  const std::vector<std::pair<std::string, std::string>> cookie{{"Cookie", "theme=dark; xuefeng_session=" + token}};
  const auto me = c.request("GET", "/api/v1/session", "", cookie);
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(me.json().at("account").at("login"), "admin");

  // A second session (bearer) is not touched by logging out the first.
  auto other = server.admin();
  const auto out = c.request("DELETE", "/api/v1/session", "", cookie);
  EXPECT_EQ(out.status, 204);
  EXPECT_EQ(out.body, "");
  EXPECT_EQ(out.header("Set-Cookie"), "xuefeng_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  const auto after = c.request("GET", "/api/v1/session", "", cookie);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.json().at("detail"), "登录已失效，请重新登录");
  EXPECT_EQ(other.get("/api/v1/session").status, 200);

  // Bearer logout too.
  const std::string other_token = other.token;
  EXPECT_EQ(other.del("/api/v1/session").status, 204);
  EXPECT_EQ(other.get("/api/v1/orgs").status, 401);
  other.token = other_token;
  EXPECT_EQ(other.del("/api/v1/session").status, 401);
}

TEST(Session, CookieWritesMustComeFromOurOrigin) {
  ServerProcess server;
  auto c = server.client();
  const auto login = c.post("/api/v1/session", json::object{{"login", "admin"}, {"password", "admin-password"}});
  const std::string cookie = "xuefeng_session=" + cookie_token(login.header("Set-Cookie"));
  const std::string own = "http://127.0.0.1:" + std::to_string(server.port());
  const std::string body = R"({"name": "县政府办公室党支部", "kind": "branch"})";
  auto post = [&](std::vector<std::pair<std::string, std::string>> headers) {
    headers.emplace_back("Content-Type", "application/json");
    return c.request("POST", "/api/v1/orgs", body, headers);
  };

  const auto forged = post({{"Cookie", cookie}, {"Origin", "https://evil.example"}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(problem_code(forged), "forbidden");
  EXPECT_EQ(forged.json().at("detail"), "请求来源与本站不符，已拒绝（CSRF 防护）");
  const auto forged_referer = post({{"Cookie", cookie}, {"Referer", "https://evil.example/page"}});
  EXPECT_EQ(forged_referer.status, 403);
  const auto lookalike = post({{"Cookie", cookie}, {"Origin", own + ".evil.example"}});
  EXPECT_EQ(lookalike.status, 403);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM orgs"), 0);

  EXPECT_EQ(post({{"Cookie", cookie}, {"Origin", own}}).status, 201);
  EXPECT_EQ(post({{"Cookie", cookie}, {"Referer", own + "/orgs/new"}}).status, 201);
  // Neither header (a non-browser client): allowed.
  EXPECT_EQ(post({{"Cookie", cookie}}).status, 201);
  // Reads are not checked, and a bearer token is not a cookie: no browser sends it on its own.
  EXPECT_EQ(c.request("GET", "/api/v1/orgs", "", {{"Cookie", cookie}, {"Origin", "https://evil.example"}}).status, 200);
  auto bearer = server.admin();
  EXPECT_EQ(bearer.request("POST", "/api/v1/orgs", body,
                           {{"Content-Type", "application/json"}, {"Origin", "https://evil.example"}})
                .status,
            201);
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM orgs"), 4);
}

TEST(Accounts, AdminCreatesAccountsThatCanLogIn) {
  ServerProcess server;
  auto admin = server.admin();
  const auto person = create_person(admin, "王振华");
  const auto res = admin.post("/api/v1/accounts", json::object{{"login", "wangzhenhua"},
                                                               {"password", "s3cret-pass"},
                                                               {"person_id", person},
                                                               {"roles", json::array{"member"}}});
  ASSERT_EQ(res.status, 201);
  EXPECT_EQ(res.json(), json::parse(R"({"id":2,"login":"wangzhenhua","person_id":)" + id_str(person) +
                                    R"(,"roles":["member"],"grants":[{"role":"member","org_id":null}]})"));
  auto member = server.client();
  member.login("wangzhenhua", "s3cret-pass");
  const auto me = member.get("/api/v1/session").json();
  EXPECT_EQ(me.at("account").at("person_id"), person);
  EXPECT_EQ(me.at("account").at("roles"), json::array{"member"});

  // A second admin without a person.
  const auto second = admin.post("/api/v1/accounts", json::object{{"login", "secretary.li"},
                                                                  {"password", "another-pass"},
                                                                  {"roles", json::array{"admin", "member"}},
                                                                  {"person_id", person}});
  EXPECT_EQ(second.status, 201);
  EXPECT_EQ(second.json().at("roles"), (json::array{"admin", "member"}));

  const auto list = admin.get("/api/v1/accounts?limit=2").json();
  ASSERT_EQ(list.at("items").as_array().size(), 2u);
  EXPECT_EQ(list.at("items").at(0).at("login"), "admin");
  EXPECT_EQ(list.at("items").at(1).at("login"), "wangzhenhua");
  const auto rest = admin.get("/api/v1/accounts?limit=2&cursor=" + json_text(list, "next_cursor")).json();
  ASSERT_EQ(rest.at("items").as_array().size(), 1u);
  EXPECT_EQ(rest.at("items").at(0).at("login"), "secretary.li");
  EXPECT_TRUE(rest.at("next_cursor").is_null());

  // Members may do neither.
  EXPECT_EQ(member.get("/api/v1/accounts").status, 403);
  const auto forbidden = member.post("/api/v1/accounts", json::object{{"login", "mallory"},
                                                                      {"password", "password123"},
                                                                      {"roles", json::array{"admin"}}});
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(forbidden.json().at("detail"), "您的角色无权执行此操作");
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM accounts"), 3);
}

TEST(Accounts, InvalidAccountsAreRefusedAndNothingIsWritten) {
  ServerProcess server;
  auto admin = server.admin();
  admin.language = "en";
  const auto person = create_person(admin, "陈雨婷");

  const auto taken = admin.post("/api/v1/accounts", json::object{{"login", "admin"},
                                                                 {"password", "long-enough"},
                                                                 {"roles", json::array{"admin"}}});
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(problem_code(taken), "conflict");
  EXPECT_EQ(taken.json().at("detail"), "login admin is taken");

  const auto bad = admin.post("/api/v1/accounts", json::object{{"login", "a b"},
                                                               {"password", "short"},
                                                               {"roles", json::array{"member", "owner", 3}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(error_fields(bad), (std::vector<std::string>{"roles[1]", "roles[2]"}));
  EXPECT_EQ(error_message(bad, "roles[1]"), "must be one of: admin, org_admin, secretary, study_secretary, supervisor, member");

  const auto rules = admin.post("/api/v1/accounts", json::object{{"login", "a b"},
                                                                 {"password", "short"},
                                                                 {"roles", json::array{"member"}}});
  EXPECT_EQ(rules.status, 422);
  EXPECT_EQ(error_fields(rules), (std::vector<std::string>{"login", "password", "person_id"}));
  EXPECT_EQ(error_message(rules, "password"), "password must have at least 8 characters");
  EXPECT_EQ(error_message(rules, "person_id"), "a member account must name its person");

  const auto no_roles = admin.post("/api/v1/accounts", json::object{{"login", "chenyuting"},
                                                                    {"password", "long-enough"},
                                                                    {"roles", json::array{}},
                                                                    {"person_id", person}});
  EXPECT_EQ(no_roles.status, 422);
  EXPECT_EQ(error_message(no_roles, "roles"), "at least one role is required");
  const auto missing_roles =
      admin.post("/api/v1/accounts", json::object{{"login", "chenyuting"}, {"password", "long-enough"}});
  EXPECT_EQ(error_message(missing_roles, "roles"), "at least one role is required");
  const auto ghost = admin.post("/api/v1/accounts", json::object{{"login", "chenyuting"},
                                                                 {"password", "long-enough"},
                                                                 {"roles", json::array{"member"}},
                                                                 {"person_id", 999}});
  EXPECT_EQ(ghost.status, 422);
  EXPECT_EQ(error_message(ghost, "person_id"), "no such person");
  EXPECT_EQ(db_count(server.db_path(), "SELECT count(*) FROM accounts"), 1);
}

}  // namespace
}  // namespace xuefeng::testing
