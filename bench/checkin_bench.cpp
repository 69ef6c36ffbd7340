// Check-in throughput: requests per second of POST /api/v1/activities/{id}/check-in with 100 concurrent
// clients against the whole server (HTTP, sessions, access checks, the group-commit writer), divided by
// the rate of bare SQLite single-row write transactions on the same machine, same durability, same run.
//
// Every check-in is a fresh write (each client walks through many activities), so the figure is write
// throughput, not the idempotent "already checked in" path.
//
// Usage: checkin_bench [--clients N] [--activities K] [--durability full|normal]

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <barrier>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "app/app.hpp"
#include "http_client.hpp"

namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using xuefeng::testing::HttpClient;

struct Options {
  int clients = 100;
  int activities = 40;
  xuefeng::store::sqlite::Durability durability = xuefeng::store::sqlite::Durability::kFull;
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The baseline: one thread, BEGIN IMMEDIATE; INSERT one row; COMMIT, as fast as SQLite goes.
double bare_sqlite_transactions_per_second(const std::string& path, xuefeng::store::sqlite::Durability durability,
                                           int transactions) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
  sqlite3_exec(db,
               durability == xuefeng::store::sqlite::Durability::kFull ? "PRAGMA synchronous = FULL"
                                                                       : "PRAGMA synchronous = NORMAL",
               nullptr, nullptr, nullptr);
  sqlite3_exec(db, "CREATE TABLE marks (activity_id INTEGER, person_id INTEGER, status TEXT, at INTEGER, "
                   "PRIMARY KEY (activity_id, person_id)) WITHOUT ROWID",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO marks VALUES (?, ?, 'present', ?)", -1, &insert, nullptr);
  const auto start = Clock::now();
  for (int i = 0; i < transactions; ++i) {
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_bind_int(insert, 1, i / 100);
    sqlite3_bind_int(insert, 2, i % 100);
    sqlite3_bind_int64(insert, 3, i);
    sqlite3_step(insert);
    sqlite3_reset(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  const double rate = transactions / seconds_since(start);
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return rate;
}

std::int64_t id_of(const xuefeng::testing::HttpResponse& r) {
  if (r.status != 201) {
    std::fprintf(stderr, "setup failed: %d %s\n", r.status, r.body.c_str());
    std::exit(1);
  }
  return r.json().at("id").as_int64();
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--clients") options.clients = std::stoi(value);
    else if (key == "--activities") options.activities = std::stoi(value);
    else if (key == "--durability") options.durability = value == "normal" ? xuefeng::store::sqlite::Durability::kNormal
                                                                            : xuefeng::store::sqlite::Durability::kFull;
  }
  // The access log is formatted as in production but written nowhere, so the terminal is not the bottleneck.
  spdlog::register_logger(std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::null_sink_mt>()));
  spdlog::set_level(spdlog::level::warn);

  char tmpl[] = "/tmp/xuefeng-bench-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  xuefeng::app::AppConfig config;
  config.db_path = dir + "/bench.db";
  config.durability = options.durability;
  config.server.port = 0;
  config.server.max_connections = options.clients + 50;
  xuefeng::app::Application app(config);
  auto server = app.make_server();
  server->listen();
  std::thread serving([&] { server->run(); });

  // Setup through the API: an org, its members with accounts, activities open for check-in now.
  if (!app.services().accounts.create_admin("admin", "admin-password")) return 1;
  HttpClient admin(server->port());
  admin.login("admin", "admin-password");
  const auto org = id_of(admin.post("/api/v1/orgs", json::object{{"name", "压测党支部"}, {"kind", "branch"}}));
  std::vector<HttpClient> clients;
  for (int i = 0; i < options.clients; ++i) {
    const auto person = id_of(admin.post("/api/v1/people", json::object{{"name", "成员" + std::to_string(i)}}));
    id_of(admin.post("/api/v1/orgs/" + std::to_string(org) + "/members",
                     json::object{{"person_id", person}, {"since", "2020-01-01"}}));
    const std::string login = "m" + std::to_string(i);
    id_of(admin.post("/api/v1/accounts", json::object{{"login", login},
                                                      {"password", "password-" + login},
                                                      {"person_id", person},
                                                      {"roles", json::array{"member"}}}));
    clients.emplace_back(server->port());
    clients.back().login(login, "password-" + login);
  }
  const auto today = app.services().context.today();
  std::vector<std::pair<std::int64_t, std::string>> activities;  // id, current code
  for (int k = 0; k < options.activities; ++k) {
    const auto id = id_of(admin.post("/api/v1/activities",
                                     json::object{{"org_id", org},
                                                  {"kind", "centralized_study"},
                                                  {"title", "集中学习 " + std::to_string(k)},
                                                  {"starts_on", today.add_days(-1).to_string()},
                                                  {"ends_on", today.add_days(1).to_string()}}));
    const auto code = admin.get("/api/v1/activities/" + std::to_string(id) + "/check-in").json();
    activities.emplace_back(id, std::string(code.at("code").as_string()));
  }

  std::atomic<int> errors{0};
  std::barrier start_line(options.clients + 1);
  std::vector<std::thread> threads;
  for (int c = 0; c < options.clients; ++c) {
    threads.emplace_back([&, c] {
      start_line.arrive_and_wait();
      for (int k = 0; k < options.activities; ++k) {
        // Start at a different activity per client, as people arrive at different sessions.
        const auto& [id, code] = activities[static_cast<std::size_t>((k + c) % options.activities)];
        const auto r = clients[static_cast<std::size_t>(c)].post(
            "/api/v1/activities/" + std::to_string(id) + "/check-in", json::object{{"code", code}});
        if (r.status != 200 || r.json().at("already_checked_in").as_bool()) ++errors;
      }
    });
  }
  start_line.arrive_and_wait();
  const auto start = Clock::now();
  for (auto& t : threads) t.join();
  const double elapsed = seconds_since(start);
  const int requests = options.clients * options.activities;
  const double checkin_rate = requests / elapsed;

  server->stop();
  serving.join();

  const int baseline_transactions = options.durability == xuefeng::store::sqlite::Durability::kFull ? 3000 : 30000;
  const double sqlite_rate = bare_sqlite_transactions_per_second(dir + "/baseline.db", options.durability,
                                                                 baseline_transactions);
  std::filesystem::remove_all(dir);

  std::printf("durability                          %s\n",
              options.durability == xuefeng::store::sqlite::Durability::kFull ? "full (fsync per commit)"
                                                                              : "normal");
  std::printf("concurrent clients                  %d\n", options.clients);
  std::printf("check-ins (each a new mark)         %d in %.2f s, %d errors\n", requests, elapsed, errors.load());
  std::printf("check-in requests per second        %.0f\n", checkin_rate);
  std::printf("bare SQLite 1-row transactions/s    %.0f\n", sqlite_rate);
  std::printf("ratio check-in / bare SQLite        %.2f\n", checkin_rate / sqlite_rate);
  return errors.load() == 0 ? 0 : 1;
}
