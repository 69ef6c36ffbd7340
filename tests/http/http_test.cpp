#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/text.hpp"
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "http/json_reader.hpp"
#include "http/json_text.hpp"
#include "http/problem.hpp"
#include "http/qr_svg.hpp"
#include "http/requirement_codec.hpp"
#include "http/router.hpp"

namespace xuefeng::http {
namespace {

Request json_request(std::string body, std::string content_type = "application/json") {
  Request r;
  r.method = Method::kPost;
  r.target = "/x";
  r.headers.push_back({"Content-Type", std::move(content_type)});
  r.body = std::move(body);
  return r;
}

TEST(Language, ChineseUnlessEnglishIsPreferred) {
  EXPECT_EQ(preferred_language(""), Language::kZh);
  EXPECT_EQ(preferred_language("en"), Language::kEn);
  EXPECT_EQ(preferred_language("en-US,en;q=0.9"), Language::kEn);
  EXPECT_EQ(preferred_language("zh-CN,zh;q=0.9,en;q=0.8"), Language::kZh);
  EXPECT_EQ(preferred_language("fr, en;q=0.5, zh;q=0.4"), Language::kEn);
  EXPECT_EQ(preferred_language("fr"), Language::kZh);
}

TEST(Problem, CarriesCodeStatusAndFieldErrors) {
  const auto r = problem_response(core::Error::validation("kind", {"取值无效", "invalid"}), Language::kEn);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.content_type, "application/problem+json");
  const auto body = boost::json::parse(r.body);
  EXPECT_EQ(body.at("code"), "validation_failed");
  EXPECT_EQ(body.at("status"), 422);
  EXPECT_EQ(body.at("title"), "Validation failed");
  EXPECT_EQ(body.at("errors").at(0).at("field"), "kind");
  EXPECT_EQ(body.at("errors").at(0).at("message"), "invalid");
  EXPECT_EQ(http_status(core::ErrorCode::kVersionMismatch), 412);
  EXPECT_EQ(http_status(core::ErrorCode::kHeadersTooLarge), 431);
}

TEST(JsonText, PrintsNumbersAsPeopleWriteThem) {
  boost::json::object o{{"hours", 266.5}, {"rate", 0.9833}, {"days", 32}, {"whole", 32.0},
                        {"name", "学习\n\"型\""}, {"none", nullptr}, {"list", boost::json::array{1, true}}};
  EXPECT_EQ(to_json_text(o),
            R"({"hours":266.5,"rate":0.9833,"days":32,"whole":32,"name":"学习\n\"型\"","none":null,"list":[1,true]})");
  EXPECT_EQ(to_json_text(boost::json::value(std::string("\x01"))), R"("\u0001")");
  // What we print, Boost.JSON reads back to the same value (integral doubles come back as integers).
  boost::json::object fractional{{"hours", 266.5}, {"rate", 0.9833}, {"tiny", 1e-7}, {"big", 1.5e300}};
  EXPECT_EQ(boost::json::parse(to_json_text(fractional)), boost::json::value(fractional));
}

TEST(JsonBody, RejectsWrongMediaTypeMalformedJsonAndDeepNesting) {
  EXPECT_EQ(parse_json_body(json_request("{}", "text/plain")).error().code, core::ErrorCode::kUnsupportedMediaType);
  EXPECT_EQ(parse_json_body(json_request("{\"a\":")).error().code, core::ErrorCode::kBadRequest);
  EXPECT_EQ(parse_json_body(json_request("\xff")).error().code, core::ErrorCode::kBadRequest);
  EXPECT_EQ(parse_json_body(json_request(std::string(100, '[') + std::string(100, ']'))).error().code,
            core::ErrorCode::kValidationFailed);
  EXPECT_TRUE(parse_json_body(json_request("{\"a\":1}", "application/json; charset=utf-8")));
  EXPECT_TRUE(parse_json_body(json_request("{}", "application/merge-patch+json")));
}

TEST(ObjectReader, CollectsEveryProblemAndRejectsUnknownKeys) {
  const auto v = boost::json::parse(
      R"({"name": 5, "kind": "nope", "day": "2007-02-30", "extra": 1, "parent_id": null, "n": 1.5})");
  core::FieldErrors errors;
  ObjectReader r(v, errors);
  EXPECT_FALSE(r.required<std::string>("name"));
  EXPECT_FALSE(r.required<core::OrgKind>("kind"));
  EXPECT_FALSE(r.optional<core::Date>("day"));
  EXPECT_FALSE(r.optional<std::int64_t>("parent_id"));
  EXPECT_FALSE(r.required<std::int64_t>("missing"));
  EXPECT_FALSE(r.optional<std::int64_t>("n"));
  EXPECT_EQ(r.nullable_patch<std::int64_t>("parent_id"), std::make_optional(std::optional<std::int64_t>()));
  r.reject_unknown();
  std::vector<std::string> fields;
  for (const auto& e : errors.items()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "kind", "day", "missing", "n", "extra"}));
  EXPECT_NE(errors.items()[1].message.en.find("party_committee"), std::string::npos);
}

TEST(ObjectReader, PatchDistinguishesAbsentNullAndValue) {
  const auto v = boost::json::parse(R"({"title": "新标题", "host_id": null})");
  core::FieldErrors errors;
  ObjectReader r(v, errors);
  EXPECT_EQ(r.patch<std::string>("title"), std::optional<std::string>("新标题"));
  EXPECT_FALSE(r.patch<std::string>("location"));                       // absent: unchanged
  const auto host = r.nullable_patch<std::int64_t>("host_id");          // null: clear
  ASSERT_TRUE(host);
  EXPECT_FALSE(*host);
  r.reject_unknown();
  EXPECT_TRUE(errors.empty());
}

TEST(Router, MatchesParametersMethodsAndLiterals) {
  Router router;
  int hit = 0;
  router.add(Method::kDelete, "/api/v1/orgs/{id}/members/{person_id}", Auth::kRequired, [&](RequestContext&) {
    hit = 1;
    return Response{};
  });
  router.add(Method::kPost, "/api/v1/orgs/{id}/members/import", Auth::kRequired, [&](RequestContext&) {
    hit = 2;
    return Response{};
  });
  auto m = router.match(Method::kPost, {"api", "v1", "orgs", "7", "members", "import"});
  ASSERT_TRUE(m.handler);
  EXPECT_EQ(m.params.at("id"), "7");
  m = router.match(Method::kDelete, {"api", "v1", "orgs", "7", "members", "12"});
  ASSERT_TRUE(m.handler);
  EXPECT_EQ(m.params.at("person_id"), "12");
  m = router.match(Method::kGet, {"api", "v1", "orgs", "7", "members", "12"});
  EXPECT_FALSE(m.handler);
  EXPECT_TRUE(m.path_known);  // 405, not 404
  m = router.match(Method::kGet, {"api", "v1", "nothing"});
  EXPECT_FALSE(m.handler);
  EXPECT_FALSE(m.path_known);
}

TEST(Target, DecodesSegmentsAndQueryAndRejectsOtherForms) {
  auto t = parse_target("/api/v1/people?q=%E5%BC%A0&org_id=3&flag&q=x+y");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/api/v1/people");
  EXPECT_EQ(t->segments, (std::vector<std::string>{"api", "v1", "people"}));
  ASSERT_EQ(t->query.size(), 4u);
  EXPECT_EQ(t->query[0], (std::pair<std::string, std::string>{"q", "张"}));
  EXPECT_EQ(t->query[2], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ(t->query[3].second, "x y");

  t = parse_target("/api/v1/orgs/a%2Fb");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/api/v1/orgs/a/b");
  EXPECT_EQ(t->segments.back(), "a/b");  // an encoded slash stays inside its segment

  t = parse_target("/api/v1/%BC%A0");  // percent-escapes of half a character (fuzz_http_request)
  ASSERT_TRUE(t);
  EXPECT_EQ(t->segments.back(), "\xBC\xA0");
  EXPECT_EQ(t->path, "/api/v1/%BC%A0");  // shown as sent: messages are UTF-8

  t = parse_target("/");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->segments, std::vector<std::string>{""});

  for (const std::string_view bad : {"", "*", "http://example.cn/api", "api/v1", "/a b", "/%zz"}) {
    const auto r = parse_target(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, core::ErrorCode::kBadRequest) << bad;
  }
}

// A database that refuses every transaction: enough for requests that are answered before any use case runs.
class NoDatabase final : public service::Database {
 public:
  core::Status read(const service::TransactionWork&) override { return refuse(); }
  core::Status write(const service::WriteContext&, const service::TransactionWork&) override { return refuse(); }

 private:
  static core::Status refuse() { return core::fail(core::Error::internal("no database")); }
};

TEST(Api, NotFoundForAPathThatIsNotUtf8IsStillUtf8Json) {
  NoDatabase database;
  const core::SystemClock clock;
  const service::ServiceContext context(database, clock, service::ServiceConfig{});
  JsonRequirementCodec codec;
  service::Services services(context, codec);
  const Api api(services, ApiConfig{});
  Request request;
  request.target = "/api/v1/%BC%A0?q=1";
  request.headers.push_back({"Accept-Language", "en"});
  const Response response = api.handle(request);
  EXPECT_EQ(response.status, 404);
  ASSERT_TRUE(core::is_valid_utf8(response.body)) << response.body;
  const auto body = json::parse(response.body);
  EXPECT_EQ(body.at("detail"), "no such resource: /api/v1/%BC%A0");
}

TEST(Paging, CursorsRoundTripAndLimitsAreChecked) {
  Request req;
  RequestContext ctx{req, {}, {}, Language::kZh, {}, {}, false};
  const auto cursor = encode_cursor(service::Cursor{20598, 4711});
  ASSERT_TRUE(cursor);
  ctx.query = {{"limit", "20"}, {"cursor", *cursor}};
  const auto page = page_request(ctx);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->limit, 20);
  EXPECT_EQ(page->after->key, 20598);
  EXPECT_EQ(page->after->id, 4711);
  ctx.query = {{"limit", "501"}};
  EXPECT_EQ(page_request(ctx).error().code, core::ErrorCode::kValidationFailed);
  ctx.query = {{"cursor", "!!"}};
  EXPECT_EQ(page_request(ctx).error().code, core::ErrorCode::kBadRequest);
  ctx.query = {};
  EXPECT_EQ(page_request(ctx)->limit, 50);
}

TEST(QrSvg, DrawsAQrCodeOfTheUrl) {
  const auto svg = qr_svg("http://192.168.1.20:8080/check-in/42?code=ABCD2345");
  ASSERT_TRUE(svg);
  EXPECT_EQ(svg->rfind("<svg", 0), 0u);
  EXPECT_NE(svg->find("<path"), std::string::npos);
  // Version 4 (33 modules, level M holds up to 62 bytes) plus a 4-module quiet zone on each side.
  EXPECT_NE(svg->find("viewBox=\"0 0 41 41\""), std::string::npos);
  EXPECT_FALSE(qr_svg(std::string(8000, 'x')));
}

TEST(Download, FileNamesAreEncodedPerRfc8187WithAnAsciiFallback) {
  // attr-char stays; everything else, spaces, quotes, percent signs and UTF-8 bytes included, is %XX.
  EXPECT_EQ(rfc8187_encode("Az09!#$&+-.^_`|~"), "Az09!#$&+-.^_`|~");
  EXPECT_EQ(rfc8187_encode("a b'c\"d%e(f)*;=,"), "a%20b%27c%22d%25e%28f%29%2A%3B%3D%2C");
  EXPECT_EQ(rfc8187_encode("签到表"), "%E7%AD%BE%E5%88%B0%E8%A1%A8");
  const auto r = attachment_response("PK", "application/x-test", "签到 表.xlsx", "a\"b\\c\x01" "d\xE7.xlsx");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/x-test");
  EXPECT_EQ(r.body, "PK");
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].name, "Content-Disposition");
  EXPECT_EQ(r.headers[0].value,
            "attachment; filename=\"a_b_c_d_.xlsx\"; filename*=UTF-8''%E7%AD%BE%E5%88%B0%20%E8%A1%A8.xlsx");
}

}  // namespace
}  // namespace xuefeng::http
