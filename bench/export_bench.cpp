// The cost of the Excel sign-in sheet: GET /api/v1/activities/{id}/attendance?format=xlsx for an activity
// of 2,000 expected people, against the JSON sheet of the same activity in the same run (same use case,
// same rows). In process through the Api (no sockets), so the figure is the use case and the rendering.
//
// Usage: export_bench [--people 2000] [--seconds 3]

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
  double ms_per_request = 0;
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
  while (n < 3 || std::chrono::duration<double>(Clock::now() - start).count() < seconds) {
    const auto res = api.handle(r);
    if (res.status != 200) {
      std::fprintf(stderr, "%s answered %d: %s\n", target.c_str(), res.status, res.body.c_str());
      std::exit(1);
    }
    f.bytes = res.body.size();
    ++n;
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  f.per_second = n / elapsed;
  f.ms_per_request = elapsed * 1000.0 / n;
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  int people = 2000;
  double seconds = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--people") people = std::stoi(argv[i + 1]);
    else if (key == "--seconds") seconds = std::stod(argv[i + 1]);
  }
  spdlog::set_level(spdlog::level::warn);
  char tmpl[] = "/tmp/xuefeng-export-bench-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  {
    app::AppConfig config;
    config.db_path = dir + "/export.db";
    config.durability = store::sqlite::Durability::kNormal;
    app::Application app(config);
    auto& s = app.services();
    const auto system = service::Actor::system();
    const auto today = s.context.today();

    // One county-level training: 2,000 people of one org, with posts; marks of every kind and a few notes.
    core::Org org_input;
    org_input.name = "云溪区县处级领导干部集中培训班";
    org_input.kind = core::OrgKind::kBranch;
    const auto org = ok(s.orgs.create(system, org_input)).id;
    std::vector<service::MarkInput> marks;
    for (int i = 0; i < people; ++i) {
      core::Person p;
      p.name = "学员" + std::to_string(i + 1);
      p.post = "区直机关第" + std::to_string(i % 40 + 1) + "党支部书记";
      p.org_id = org;
      const auto id = ok(s.people.create(system, p)).person.id;
      ok(s.orgs.add_member(system, org, {id, core::MemberRole::kMember, today.add_days(-30), {}}));
      const auto status = i % 20 == 0 ? core::AttendanceStatus::kExcused
                          : i % 15 == 0 ? core::AttendanceStatus::kLate
                          : i % 50 == 0 ? core::AttendanceStatus::kAbsent
                                        : core::AttendanceStatus::kPresent;
      marks.push_back({id, status, i % 20 == 0 ? "赴市里参加会议" : ""});
    }
    core::Activity a;
    a.org_id = org;
    a.kind = core::ActivityKind::kTraining;
    a.title = "县处级领导干部学习贯彻党的二十届三中全会精神集中培训";
    a.starts_on = today.add_days(-3);
    a.ends_on = today.add_days(-1);
    a.location = "区委党校报告厅";
    a.credit_hours = 24;
    const auto activity = ok(s.activities.create(system, a, std::nullopt)).front().activity.id;
    ok(s.activities.set_marks(system, activity, marks));
    ok(s.accounts.create(system, {"root", "password-root", std::nullopt, {{core::AccountRole::kAdmin, std::nullopt}}}));
    const auto token = ok(s.accounts.login("root", "password-root", "127.0.0.1", "")).token;

    const std::string target = "/api/v1/activities/" + std::to_string(activity) + "/attendance";
    measure(app.api(), token, target + "?format=xlsx", 0.2);  // warm up: page cache, statements, allocator
    const auto json = measure(app.api(), token, target, seconds);
    const auto xlsx = measure(app.api(), token, target + "?format=xlsx", seconds);

    std::printf("attendance sheet of %d expected people\n", people);
    std::printf("%-10s %12s %12s %12s\n", "format", "req/s", "ms/request", "bytes");
    std::printf("%-10s %12.1f %12.2f %12zu\n", "json", json.per_second, json.ms_per_request, json.bytes);
    std::printf("%-10s %12.1f %12.2f %12zu\n", "xlsx", xlsx.per_second, xlsx.ms_per_request, xlsx.bytes);
    std::printf("ratio xlsx time / json time  %.2f\n", xlsx.ms_per_request / json.ms_per_request);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
