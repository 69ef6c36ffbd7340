// The authorization matrix: every route of the API, called by every role, on an object inside the role's
// subtree and on one outside it, against the expected status. One table; the test fails if any route
// forgets its check (a 2xx where a 403 or 404 belongs) or checks too much.
//
// Roles are granted on branch A of a district D; branch B is a sibling outside their scope. The member
// belongs to A. In process: the real Api, services and SQLite file, without a socket.

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "app/app.hpp"
#include "http/routes.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;
using core::AccountRole;
using core::Id;
using service::Actor;

enum Role { kAdmin, kOrgAdmin, kSecretary, kStudySecretary, kSupervisor, kMember, kAnonymous, kRoleCount };
constexpr const char* kRoleNames[] = {"admin", "org_admin", "secretary", "study_secretary", "supervisor", "member",
                                      "anonymous"};
enum Scope { kIn, kOut };

/// What a request needs, made fresh for every cell when the route consumes it (a delete, a grant).
using Params = std::map<std::string, std::string>;

struct Row {
  const char* method;
  const char* path;   // with {placeholders}
  const char* body;   // with {placeholders}; "" for none
  const char* in;     // expected statuses, one per role in Role order
  const char* out;
  std::function<Params(Scope, Role)> prepare;  // extra placeholders; may create fresh records
};

// One of everything on each side: A (in scope) and B (out of scope).
struct Side {
  Id org = 0, person = 0, other_person = 0, account = 0, plan = 0, running = 0, ended = 0, upcoming = 0, entry = 0;
  Id requirement = 0;
  Actor member_actor;
};

class AccessMatrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/xuefeng-matrix-XXXXXX";
    dir_ = mkdtemp(tmpl);
    app::AppConfig config;
    config.db_path = dir_ + "/matrix.db";
    config.durability = store::sqlite::Durability::kNormal;
    app_ = new app::Application(config);
    build_world();
  }
  static void TearDownTestSuite() {
    delete app_;
    std::filesystem::remove_all(dir_);
  }

  static service::Services& s() { return app_->services(); }
  static core::Date today() { return s().context.today(); }

  template <typename T>
  static T ok(core::Result<T> r) {
    if (!r) throw std::runtime_error("setup failed: " + r.error().detail.en + " " + r.error().log_message);
    return std::move(r).value();
  }

  static Id org(const std::string& name, core::OrgKind kind, std::optional<Id> parent) {
    core::Org o;
    o.name = name;
    o.kind = kind;
    o.parent_id = parent;
    return ok(s().orgs.create(system_, o)).id;
  }
  static Id person(const std::string& name, Id keeper) {
    core::Person p;
    p.name = name;
    p.org_id = keeper;
    p.phone = "13800001234";
    return ok(s().people.create(system_, p)).person.id;
  }
  static void member(Id org_id, Id person_id) {
    ok(s().orgs.add_member(system_, org_id, {person_id, core::MemberRole::kMember, today().add_days(-400), {}}));
  }
  static Id account(const std::string& login, std::optional<Id> person_id, std::vector<core::Grant> grants) {
    return ok(s().accounts.create(system_, {login, "password-" + login, person_id, std::move(grants)})).id;
  }
  static std::string token(const std::string& login) {
    return ok(s().accounts.login(login, "password-" + login, "127.0.0.1", "")).token;
  }
  static Id activity(Id org_id, int from_day, int to_day) {
    core::Activity a;
    a.org_id = org_id;
    a.kind = core::ActivityKind::kCentralizedStudy;
    a.title = "集中学习";
    a.starts_on = today().add_days(from_day);
    a.ends_on = today().add_days(to_day);
    return ok(s().activities.create(system_, a, std::nullopt)).front().activity.id;
  }
  static Id entry(Id person_id) {
    core::ArchiveEntry e;
    e.person_id = person_id;
    e.kind = core::ArchiveKind::kNote;
    e.date = today();
    e.title = "学习笔记";
    return ok(s().archive.create(system_, e)).id;
  }
  static Id requirement(Id org_id) {
    return ok(s().requirements.create(system_, {org_id, std::string("eight_ones"), std::nullopt})).id;
  }
  static std::string unique() { return std::to_string(++counter_); }

  static void build_world() {
    district_ = org("云溪区委", core::OrgKind::kPartyCommittee, std::nullopt);
    for (Scope scope : {kIn, kOut}) {
      Side& side = sides_[scope];
      const std::string tag = scope == kIn ? "甲" : "乙";
      side.org = org(tag + "党支部", core::OrgKind::kBranch, district_);
      side.person = person(tag + "支部成员", side.org);
      side.other_person = person(tag + "支部另一成员", side.org);
      member(side.org, side.person);
      member(side.org, side.other_person);
      const std::string login = scope == kIn ? "member-a" : "member-b";
      account(login, side.person, {{AccountRole::kMember, std::nullopt}});
      side.member_actor = ok(s().accounts.authenticate(token(login)));
      side.account = account(scope == kIn ? "other-a" : "other-b", side.other_person,
                             {{AccountRole::kMember, std::nullopt}});
      side.plan = ok(s().plans.create(system_, side.org, today().year(), "学习计划", {})).id;
      side.running = activity(side.org, -1, 1);
      side.ended = activity(side.org, -5, -4);
      side.upcoming = activity(side.org, 3, 3);
      side.entry = entry(side.other_person);
      side.requirement = requirement(side.org);
    }
    const Id a = sides_[kIn].org;
    account("root", std::nullopt, {{AccountRole::kAdmin, std::nullopt}});
    account("orgadmin", std::nullopt, {{AccountRole::kOrgAdmin, a}});
    account("secretary", std::nullopt, {{AccountRole::kSecretary, a}});
    account("studysec", std::nullopt, {{AccountRole::kStudySecretary, a}});
    account("supervisor", std::nullopt, {{AccountRole::kSupervisor, a}});
    tokens_[kAdmin] = token("root");
    tokens_[kOrgAdmin] = token("orgadmin");
    tokens_[kSecretary] = token("secretary");
    tokens_[kStudySecretary] = token("studysec");
    tokens_[kSupervisor] = token("supervisor");
    tokens_[kMember] = token("member-a");
  }

  static std::string fill(std::string text, const Params& params) {
    for (const auto& [key, value] : params) {
      const std::string mark = "{" + key + "}";
      for (std::size_t pos; (pos = text.find(mark)) != std::string::npos;) text.replace(pos, mark.size(), value);
    }
    return text;
  }

  static int call(Role role, const std::string& method, const std::string& target, const std::string& body,
                  bool csv = false) {
    http::Request r;
    r.method = method == "GET"      ? http::Method::kGet
               : method == "POST"   ? http::Method::kPost
               : method == "PUT"    ? http::Method::kPut
               : method == "PATCH"  ? http::Method::kPatch
                                    : http::Method::kDelete;
    r.target = target;
    r.remote_address = "127.0.0.1";
    r.body = body;
    r.headers.push_back({"Host", "127.0.0.1"});
    if (!body.empty()) r.headers.push_back({"Content-Type", csv ? "text/csv" : "application/json"});
    if (role != kAnonymous) r.headers.push_back({"Authorization", "Bearer " + tokens_[role]});
    return app_->api().handle(r).status;
  }

  static inline std::string dir_;
  static inline app::Application* app_ = nullptr;
  static inline const Actor system_ = Actor::system();
  static inline Id district_ = 0;
  static inline Side sides_[2];
  static inline std::string tokens_[kRoleCount];
  static inline int counter_ = 0;
};

TEST_F(AccessMatrix, EveryRouteEveryRoleInAndOutOfScope) {
  auto side = [](Scope scope) -> Side& { return sides_[scope]; };
  auto fresh_leaf = [&](Scope sc, Role) { return Params{{"leaf", std::to_string(org("临时组织" + unique(), core::OrgKind::kGroup, side(sc).org))}}; };
  auto fresh_person = [&](Scope sc, Role) { return Params{{"fresh_person", std::to_string(person("临时人员" + unique(), side(sc).org))}}; };
  auto fresh_membership = [&](Scope sc, Role) {
    const Id p = person("临时成员" + unique(), side(sc).org);
    member(side(sc).org, p);
    return Params{{"fresh_person", std::to_string(p)}};
  };
  auto fresh_activity = [&](Scope sc, Role) { return Params{{"fresh_activity", std::to_string(activity(side(sc).org, 2, 2))}}; };
  auto fresh_entry = [&](Scope sc, Role) { return Params{{"fresh_entry", std::to_string(entry(side(sc).other_person))}}; };
  auto with_grant = [&](Scope sc, Role) {
    ok(s().accounts.add_grant(system_, side(sc).account, {AccountRole::kSecretary, side(sc).org}));
    return Params{};
  };
  auto pending_leave = [&](Scope sc, Role) {
    const Id a = activity(side(sc).org, 4, 4);
    ok(s().activities.request_leave(side(sc).member_actor, a, "出差"));
    return Params{{"leave_activity", std::to_string(a)}};
  };
  auto code = [&](Scope sc, Role) {
    return Params{{"code", ok(s().activities.check_in_code(system_, side(sc).running)).code}};
  };
  auto fresh_requirement = [&](Scope sc, Role) { return Params{{"fresh_requirement", std::to_string(requirement(side(sc).org))}}; };
  auto none = [](Scope, Role) { return Params{}; };

  // Statuses per role: admin org_admin secretary study_secretary supervisor member anonymous.
  const std::vector<Row> rows = {
      {"GET", "/healthz", "", "200 200 200 200 200 200 200", "200 200 200 200 200 200 200", none},
      {"GET", "/api/v1/session", "", "200 200 200 200 200 200 401", "200 200 200 200 200 200 401", none},
      {"POST", "/api/v1/session/password", R"({"current_password":"wrong-password","new_password":"new-password-1"})",
       "422 422 422 422 422 422 401", "422 422 422 422 422 422 401", none},
      {"POST", "/api/v1/accounts", R"({"login":"new{n}","password":"password-new","person_id":{other_person},"roles":["member"]})",
       "201 201 403 403 403 403 401", "201 422 403 403 403 403 401", none},
      {"GET", "/api/v1/accounts", "", "200 200 403 403 403 403 401", "200 200 403 403 403 403 401", none},
      {"GET", "/api/v1/accounts/{account}", "", "200 200 404 404 404 404 401", "200 404 404 404 404 404 401", none},
      {"POST", "/api/v1/accounts/{account}/grants", R"({"role":"study_secretary","org_id":{org}})",
       "200 200 404 404 404 404 401", "200 404 404 404 404 404 401", none},
      {"DELETE", "/api/v1/accounts/{account}/grants?role=secretary&org_id={org}", "",
       "200 200 404 404 404 404 401", "200 404 404 404 404 404 401", with_grant},
      {"POST", "/api/v1/accounts/{account}/password", R"({"password":"reset-password-1"})",
       "204 204 404 404 404 404 401", "204 404 404 404 404 404 401", none},
      {"POST", "/api/v1/orgs", R"({"name":"新组织{n}","kind":"group","parent_id":{org}})",
       "201 201 403 403 403 403 401", "201 422 403 403 403 403 401", none},
      {"GET", "/api/v1/orgs", "", "200 200 200 200 200 200 401", "200 200 200 200 200 200 401", none},
      {"GET", "/api/v1/orgs/{org}", "", "200 200 200 200 200 200 401", "200 404 404 404 404 404 401", none},
      {"PATCH", "/api/v1/orgs/{org}", R"({"name":"改名{n}"})", "200 200 403 403 403 403 401",
       "200 404 404 404 404 404 401", none},
      {"DELETE", "/api/v1/orgs/{leaf}", "", "204 204 403 403 403 404 401", "204 404 404 404 404 404 401", fresh_leaf},
      {"GET", "/api/v1/orgs/{org}/tree", "", "200 200 200 200 200 403 401", "200 404 404 404 404 404 401", none},
      {"GET", "/api/v1/orgs/{org}/stats?year={year}", "", "200 200 200 200 200 403 401",
       "200 404 404 404 404 404 401", none},
      {"POST", "/api/v1/orgs/{org}/members", R"({"person_id":{fresh_person}})", "201 201 403 403 403 403 401",
       "201 404 404 404 404 404 401", fresh_person},
      {"GET", "/api/v1/orgs/{org}/members", "", "200 200 200 200 200 403 401", "200 404 404 404 404 404 401", none},
      {"DELETE", "/api/v1/orgs/{org}/members/{fresh_person}", "", "200 200 403 403 403 403 401",
       "200 404 404 404 404 404 401", fresh_membership},
      {"POST", "/api/v1/orgs/{org}/members/import", "姓名\n导入人员{n}\n", "201 201 403 403 403 403 401",
       "201 404 404 404 404 404 401", none},
      {"POST", "/api/v1/people", R"({"name":"新人{n}","org_id":{org}})", "201 201 403 403 403 403 401",
       "201 422 403 403 403 403 401", none},
      {"GET", "/api/v1/people", "", "200 200 200 200 200 200 401", "200 200 200 200 200 200 401", none},
      {"GET", "/api/v1/people/{other_person}", "", "200 200 200 200 200 404 401", "200 404 404 404 404 404 401", none},
      {"PATCH", "/api/v1/people/{other_person}", R"({"post":"职务{n}"})", "200 200 403 403 403 404 401",
       "200 404 404 404 404 404 401", none},
      {"DELETE", "/api/v1/people/{fresh_person}", "", "204 204 403 403 403 404 401", "204 404 404 404 404 404 401",
       fresh_person},
      {"POST", "/api/v1/plans", R"({"org_id":{org},"year":{plan_year},"title":"计划"})", "201 201 201 201 403 403 401",
       "201 422 422 422 403 403 401", none},
      {"GET", "/api/v1/plans", "", "200 200 200 200 200 200 401", "200 200 200 200 200 200 401", none},
      {"GET", "/api/v1/plans/{plan}", "", "200 200 200 200 200 200 401", "200 404 404 404 404 404 401", none},
      {"PATCH", "/api/v1/plans/{plan}", R"({"title":"计划{n}"})", "200 200 200 200 403 403 401",
       "200 404 404 404 404 404 401", none},
      {"POST", "/api/v1/activities", R"({"org_id":{org},"kind":"seminar","title":"研讨","starts_on":"{tomorrow}"})",
       "201 201 201 201 403 403 401", "201 422 422 422 403 403 401", none},
      {"GET", "/api/v1/activities", "", "200 200 200 200 200 200 401", "200 200 200 200 200 200 401", none},
      {"GET", "/api/v1/activities/{running}", "", "200 200 200 200 200 200 401", "200 404 404 404 404 404 401", none},
      {"PATCH", "/api/v1/activities/{running}", R"({"title":"集中学习{n}"})", "200 200 200 200 403 403 401",
       "200 404 404 404 404 404 401", none},
      {"DELETE", "/api/v1/activities/{fresh_activity}", "", "204 204 204 204 403 403 401",
       "204 404 404 404 404 404 401", fresh_activity},
      {"GET", "/api/v1/activities/{running}/attendance", "", "200 200 200 200 200 403 401",
       "200 404 404 404 404 404 401", none},
      {"GET", "/api/v1/activities/{running}/attendance?format=xlsx", "", "200 200 200 200 200 403 401",
       "200 404 404 404 404 404 401", none},
      {"PUT", "/api/v1/activities/{running}/attendance", R"([{"person_id":{other_person},"status":"present"}])",
       "200 200 200 200 403 403 401", "200 404 404 404 404 404 401", none},
      {"POST", "/api/v1/activities/{ended}/attendance/mark-absent", "", "200 200 200 200 403 403 401",
       "200 404 404 404 404 404 401", none},
      {"GET", "/api/v1/activities/{running}/check-in.svg", "", "200 200 200 200 403 403 401",
       "200 404 404 404 404 404 401", none},
      {"GET", "/api/v1/activities/{running}/check-in", "", "200 200 200 200 403 403 401",
       "200 404 404 404 404 404 401", none},
      // Self service: only someone expected checks in or asks leave; accounts without a person cannot.
      {"POST", "/api/v1/activities/{running}/check-in", R"({"code":"{code}"})", "403 403 403 403 403 200 401",
       "403 403 403 403 403 403 401", code},
      {"POST", "/api/v1/activities/{upcoming}/leave", R"({"reason":"出差"})", "403 403 403 403 403 201 401",
       "403 403 403 403 403 403 401", none},
      {"GET", "/api/v1/activities/{upcoming}/leave", "", "200 200 200 200 200 200 401", "200 404 404 404 404 404 401",
       none},
      {"POST", "/api/v1/activities/{leave_activity}/leave/{person}/approve", "", "200 200 200 200 403 403 401",
       "200 404 404 404 404 404 401", pending_leave},
      {"POST", "/api/v1/activities/{leave_activity}/leave/{person}/reject", "", "200 200 200 200 403 403 401",
       "200 404 404 404 404 404 401", pending_leave},
      {"POST", "/api/v1/people/{other_person}/archive", R"({"kind":"note","date":"{today}","title":"笔记"})",
       "201 201 201 201 403 404 401", "201 404 404 404 404 404 401", none},
      {"GET", "/api/v1/people/{other_person}/archive?year={year}", "", "200 200 200 200 200 404 401",
       "200 404 404 404 404 404 401", none},
      {"GET", "/api/v1/people/{other_person}/archive?year={year}&format=xlsx", "", "200 200 200 200 200 404 401",
       "200 404 404 404 404 404 401", none},
      {"GET", "/api/v1/people/{other_person}/archive?year={year}&format=html", "", "200 200 200 200 200 404 401",
       "200 404 404 404 404 404 401", none},
      // The member's own binder is theirs to print.
      {"GET", "/api/v1/people/{person}/archive?year={year}&format=html", "", "200 200 200 200 200 200 401",
       "200 404 404 404 404 404 401", none},
      // An org's binder: like its review, for those with a grant over it.
      {"GET", "/api/v1/orgs/{org}/archive?year={year}&format=html", "", "200 200 200 200 200 403 401",
       "200 404 404 404 404 404 401", none},
      {"GET", "/api/v1/people/{other_person}/archive/{entry}", "", "200 200 200 200 200 404 401",
       "200 404 404 404 404 404 401", none},
      {"PATCH", "/api/v1/people/{other_person}/archive/{entry}", R"({"title":"笔记{n}"})",
       "200 200 200 200 403 404 401", "200 404 404 404 404 404 401", none},
      {"DELETE", "/api/v1/people/{other_person}/archive/{fresh_entry}", "", "204 204 204 204 403 404 401",
       "204 404 404 404 404 404 401", fresh_entry},
      {"POST", "/api/v1/people/{other_person}/archive/{entry}/review", R"({"verdict":"verified"})",
       "200 200 200 200 403 404 401", "200 404 404 404 404 404 401", none},
      {"GET", "/api/v1/audit?org_id={org}", "", "200 403 403 403 200 403 401", "200 403 403 403 404 403 401", none},
      {"GET", "/api/v1/requirements/templates", "", "200 200 200 200 200 200 401", "200 200 200 200 200 200 401", none},
      {"POST", "/api/v1/requirements", R"({"org_id":{org},"template":"eight_ones"})", "201 201 201 201 403 403 401",
       "201 422 422 422 403 403 401", none},
      {"GET", "/api/v1/requirements", "", "200 200 200 200 200 200 401", "200 200 200 200 200 200 401", none},
      {"GET", "/api/v1/requirements/{requirement}", "", "200 200 200 200 200 200 401", "200 404 404 404 404 404 401",
       none},
      {"PATCH", "/api/v1/requirements/{requirement}",
       R"({"document":{"name":"要求{n}","subject":{"kind":"person"},"items":[{"code":"notes","label":"笔记","period":"year","measure":"archive_entries","value":1}]}})",
       "200 200 200 200 403 403 401", "200 404 404 404 404 404 401", none},
      {"DELETE", "/api/v1/requirements/{fresh_requirement}", "", "204 204 204 204 403 403 401",
       "204 404 404 404 404 404 401", fresh_requirement},
      {"GET", "/api/v1/people/{other_person}/compliance?year={year}", "", "200 200 200 200 200 404 401",
       "200 404 404 404 404 404 401", none},
      {"GET", "/api/v1/orgs/{org}/compliance?year={year}", "", "200 200 200 200 200 403 401",
       "200 404 404 404 404 404 401", none},
      {"GET", "/api/v1/people/{other_person}/make-up?year={year}", "", "200 200 200 200 200 404 401",
       "200 404 404 404 404 404 401", none},
      {"GET", "/api/v1/orgs/{org}/make-up?year={year}&state=all", "", "200 200 200 200 200 403 401",
       "200 404 404 404 404 404 401", none},
      {"GET", "/api/v1/orgs/{org}/compliance/units?year={year}", "", "200 200 200 200 200 403 401",
       "200 404 404 404 404 404 401", none},
      {"GET", "/api/v1/orgs/{org}/assessment?year={year}", "", "200 200 200 200 200 403 401",
       "200 404 404 404 404 404 401", none},
      {"GET", "/api/v1/orgs/{org}/review?year={year}", "", "200 200 200 200 200 403 401",
       "200 404 404 404 404 404 401", none},
      {"GET", "/api/v1/orgs/{org}/review?year={year}&format=xlsx", "", "200 200 200 200 200 403 401",
       "200 404 404 404 404 404 401", none},
      {"GET", "/api/v1/orgs/{org}/review?year={year}&format=html", "", "200 200 200 200 200 403 401",
       "200 404 404 404 404 404 401", none},
  };

  // Session routes that end or open sessions are covered by their own tests (login, logout); every other
  // route the API serves must have a row. Rows name their records ({org}, {running}); routes their
  // parameters ({id}): a segment in braces on either side matches any.
  auto segments = [](std::string path) {
    path = path.substr(0, path.find('?'));
    std::vector<std::string> out;
    std::stringstream ss(path);
    for (std::string seg; std::getline(ss, seg, '/');) out.push_back(seg.find('{') != std::string::npos ? "{}" : seg);
    return out;
  };
  auto has_row = [&](const std::string& method, const std::string& pattern) {
    if (method == "POST" && pattern == "/api/v1/session") return true;
    if (method == "DELETE" && pattern == "/api/v1/session") return true;
    for (const auto& row : rows) {
      if (row.method == method && segments(row.path) == segments(pattern)) return true;
    }
    return false;
  };
  for (const auto& [method, pattern] : app_->api().routes()) {
    EXPECT_TRUE(has_row(std::string(http::method_name(method)), pattern))
        << "not in the matrix: " << http::method_name(method) << " " << pattern;
  }

  int cells = 0;
  std::string failures;
  for (const auto& row : rows) {
    for (const Scope scope : {kIn, kOut}) {
      std::istringstream expected(scope == kIn ? row.in : row.out);
      for (int role = 0; role < kRoleCount; ++role) {
        int want = 0;
        expected >> want;
        const Side& sd = sides_[scope];
        Params params{{"org", std::to_string(sd.org)},
                      {"person", std::to_string(sd.person)},
                      {"other_person", std::to_string(sd.other_person)},
                      {"account", std::to_string(sd.account)},
                      {"plan", std::to_string(sd.plan)},
                      {"running", std::to_string(sd.running)},
                      {"ended", std::to_string(sd.ended)},
                      {"upcoming", std::to_string(sd.upcoming)},
                      {"entry", std::to_string(sd.entry)},
                      {"requirement", std::to_string(sd.requirement)},
                      {"year", std::to_string(today().year())},
                      {"today", today().to_string()},
                      {"tomorrow", today().add_days(1).to_string()},
                      {"n", unique()}};
        params["plan_year"] = std::to_string(2030 + counter_ % 60);
        for (auto& [k, v] : row.prepare(scope, static_cast<Role>(role))) params[k] = v;
        const std::string target = fill(row.path, params);
        const int got = call(static_cast<Role>(role), row.method, target, fill(row.body, params),
                             std::string(row.path).find("import") != std::string::npos);
        ++cells;
        if (got != want) {
          failures += std::string(row.method) + " " + target + " as " + kRoleNames[role] +
                      (scope == kIn ? " (in scope)" : " (out of scope)") + ": expected " + std::to_string(want) +
                      ", got " + std::to_string(got) + "\n";
        }
      }
    }
  }
  EXPECT_TRUE(failures.empty()) << failures;
  EXPECT_EQ(cells, static_cast<int>(rows.size()) * 2 * kRoleCount);
  std::printf("authorization matrix: %zu routes x %d roles x 2 scopes = %d cells\n", rows.size(), kRoleCount, cells);
}

}  // namespace
}  // namespace xuefeng::testing
