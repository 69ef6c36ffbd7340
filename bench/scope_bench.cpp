// The cost of the scope check: requests per second of list routes for an administrator (no scope to
// check) and for a secretary granted on the district (every row checked against the subtree), over the
// same data returning the same rows, in the same run. In process through the Api (no sockets), so the
// figure is the API, the access check and the store, not the network.
//
// Usage: scope_bench [--branches 20] [--members 50] [--seconds 3]

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "app/app.hpp"

namespace {

using namespace xuefeng;
using Clock = std::chrono::steady_clock;

template <typename T>
T ok(core::Result<T> r) {
  if (!r) {
    std::fprintf(stderr, "setup failed: %s\n", r.error().detail.en.c_str());
    std::exit(1);
  }
  return std::move(r).value();
}

struct Figure {
  double per_second = 0;
  std::size_t bytes = 0;
};

Figure measure(const http::Api& api, const std::string& token, const std::string& target, double seconds) {
  http::Request r;
  r.method = http::Method::kGet;
  r.target = target;
  r.remote_address = "127.0.0.1";
  r.headers.push_back({"Authorization", "Bearer " + token});
  Figure f;
  int n = 0;
  const auto start = Clock::now();
  while (std::chrono::duration<double>(Clock::now() - start).count() < seconds) {
    const auto res = api.handle(r);
    if (res.status != 200) {
      std::fprintf(stderr, "%s answered %d: %s\n", target.c_str(), res.status, res.body.c_str());
      std::exit(1);
    }
    f.bytes = res.body.size();
    ++n;
  }
  f.per_second = n / std::chrono::duration<double>(Clock::now() - start).count();
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  int branches = 20, members = 50;
  double seconds = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--branches") branches = std::stoi(argv[i + 1]);
    else if (key == "--members") members = std::stoi(argv[i + 1]);
    else if (key == "--seconds") seconds = std::stod(argv[i + 1]);
  }
  spdlog::set_level(spdlog::level::warn);
  char tmpl[] = "/tmp/xuefeng-scope-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  app::AppConfig config;
  config.db_path = dir + "/scope.db";
  config.durability = store::sqlite::Durability::kNormal;
  app::Application app(config);
  auto& s = app.services();
  const auto system = service::Actor::system();
  const auto today = s.context.today();

  core::Org district_input;
  district_input.name = "云溪区委";
  district_input.kind = core::OrgKind::kPartyCommittee;
  const auto district = ok(s.orgs.create(system, district_input)).id;
  for (int b = 0; b < branches; ++b) {
    core::Org o;
    o.name = "党支部" + std::to_string(b);
    o.kind = core::OrgKind::kBranch;
    o.parent_id = district;
    const auto branch = ok(s.orgs.create(system, o)).id;
    for (int m = 0; m < members; ++m) {
      core::Person p;
      p.name = "成员" + std::to_string(b) + "-" + std::to_string(m);
      p.org_id = branch;
      const auto id = ok(s.people.create(system, p)).person.id;
      ok(s.orgs.add_member(system, branch, {id, core::MemberRole::kMember, today.add_days(-400), {}}));
    }
    ok(s.plans.create(system, branch, today.year(), "学习计划", {{{}, "专题一", ""}, {{}, "专题二", ""}}));
    for (int a = 0; a < 20; ++a) {
      core::Activity act;
      act.org_id = branch;
      act.kind = core::ActivityKind::kSeminar;
      act.title = "交流研讨";
      act.starts_on = act.ends_on = today.add_days(-a * 7);
      ok(s.activities.create(system, act, std::nullopt));
    }
  }
  ok(s.accounts.create(system, {"root", "password-root", std::nullopt, {{core::AccountRole::kAdmin, std::nullopt}}}));
  ok(s.accounts.create(system, {"sec", "password-sec", std::nullopt, {{core::AccountRole::kSecretary, district}}}));
  const auto admin = ok(s.accounts.login("root", "password-root", "127.0.0.1", "")).token;
  const auto secretary = ok(s.accounts.login("sec", "password-sec", "127.0.0.1", "")).token;

  std::printf("%d branches x %d members, %d activities, %d plans; each list returns up to 50 rows\n", branches,
              members, branches * 20, branches);
  std::printf("%-44s %12s %12s %8s\n", "route", "admin req/s", "scoped req/s", "ratio");
  const std::string d = std::to_string(district);
  for (const std::string& target : {"/api/v1/activities?org_id=" + d + "&descendants=true&limit=50",
                                   std::string("/api/v1/people?limit=50"), std::string("/api/v1/orgs?limit=50"),
                                   std::string("/api/v1/plans?limit=50")}) {
    const auto unscoped = measure(app.api(), admin, target, seconds);
    const auto scoped = measure(app.api(), secretary, target, seconds);
    if (unscoped.bytes == 0 || (scoped.bytes > unscoped.bytes * 11 / 10 || scoped.bytes < unscoped.bytes * 9 / 10)) {
      std::fprintf(stderr, "the two readers did not get the same rows for %s\n", target.c_str());
      return 1;
    }
    std::printf("%-44s %12.0f %12.0f %8.2f\n", target.substr(0, target.find('?')).c_str(), unscoped.per_second,
                scoped.per_second, scoped.per_second / unscoped.per_second);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
