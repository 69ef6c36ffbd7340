// kill -9 in the middle of a stream of writes, restart: every acknowledged write is there, and no write
// is there in part.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <boost/json.hpp>
#include <mutex>
#include <set>
#include <thread>

#include "api_fixture.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

constexpr int kSeriesLength = 5;  // weekly, from starts_on through four weeks later
constexpr int kSpeakers = 2;
constexpr int kInvitees = 3;

struct Acknowledged {
  std::mutex mutex;
  std::vector<std::int64_t> activities;
  std::vector<std::pair<std::int64_t, std::int64_t>> entries;  // person, entry
};

std::int64_t scalar(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK) << sql;
  std::int64_t v = -1;
  if (sqlite3_step(stmt) == SQLITE_ROW) v = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  return v;
}

std::string text(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK) << sql;
  std::string v;
  if (sqlite3_step(stmt) == SQLITE_ROW) v = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  return v;
}

TEST(Crash, KillNineLosesNoAcknowledgedWriteAndLeavesNoneHalfDone) {
  ServerProcess server;
  auto admin = server.admin();
  const auto org = create_org(admin, "雁峰区委", "party_committee");
  std::vector<std::int64_t> people;
  for (int i = 0; i < kSpeakers + kInvitees; ++i) people.push_back(create_person(admin, "人员" + std::to_string(i)));
  const std::string token = admin.token;

  Acknowledged acked;
  std::atomic<bool> stop{false};
  std::atomic<int> writes{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 6; ++w) {
    writers.emplace_back([&, w] {
      HttpClient c(server.port());
      c.token = token;
      for (int i = 0; !stop; ++i) {
        try {
          if (i % 2 == 0) {
            json::array speakers, invitees;
            for (int s = 0; s < kSpeakers; ++s) speakers.push_back(json::object{{"person_id", people[s]}, {"title", "发言"}});
            for (int v = 0; v < kInvitees; ++v) invitees.push_back(people[kSpeakers + v]);
            const auto res = c.post("/api/v1/activities",
                                    json::object{{"org_id", org},
                                                 {"kind", "reading_club"},
                                                 {"title", "读书会 " + std::to_string(w) + "-" + std::to_string(i)},
                                                 {"starts_on", "2026-01-05"},
                                                 {"speakers", speakers},
                                                 {"invitees", invitees},
                                                 {"repeat", json::object{{"every", "week"}, {"until", "2026-02-02"}}}});
            if (res.status != 201) continue;
            const auto created = res.json();
            std::lock_guard lock(acked.mutex);
            for (const auto& item : created.at("items").as_array()) acked.activities.push_back(item.at("id").as_int64());
          } else {
            const auto person = people[static_cast<std::size_t>(i) % people.size()];
            const auto res = c.post("/api/v1/people/" + std::to_string(person) + "/archive",
                                    json::object{{"kind", "note"},
                                                 {"date", "2026-03-01"},
                                                 {"title", "学习笔记"},
                                                 {"content", std::string(2000, 'x')}});
            if (res.status != 201) continue;
            std::lock_guard lock(acked.mutex);
            acked.entries.emplace_back(person, res.json().at("id").as_int64());
          }
          ++writes;
        } catch (const std::exception&) {
          // The server is gone: what was acknowledged before is what must survive.
          return;
        }
      }
    });
  }
  while (writes < 300) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server.kill9();
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_GT(acked.activities.size(), 0u);
  ASSERT_GT(acked.entries.size(), 0u);

  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(server.db_path().c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    EXPECT_EQ(text(db, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(scalar(db, "PRAGMA foreign_key_check"), -1) << "foreign keys point nowhere";
    // Nothing half-written: every series complete, every activity with all its speakers and invitees.
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM (SELECT series_id FROM activities GROUP BY series_id "
                         "HAVING count(*) <> 5)"),
              0);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM activities a WHERE (SELECT count(*) FROM activity_speakers s "
                         "WHERE s.activity_id = a.id) <> 2 OR (SELECT count(*) FROM activity_invitees i "
                         "WHERE i.activity_id = a.id) <> 3"),
              0);
    sqlite3_close(db);
  }

  server.start();
  auto after = server.admin();
  for (const auto id : acked.activities) {
    const auto res = after.get("/api/v1/activities/" + std::to_string(id));
    ASSERT_EQ(res.status, 200) << "acknowledged activity " << id << " is missing after the crash";
    EXPECT_EQ(res.json().at("speakers").as_array().size(), static_cast<std::size_t>(kSpeakers));
    EXPECT_EQ(res.json().at("invitees").as_array().size(), static_cast<std::size_t>(kInvitees));
  }
  for (const auto& [person, entry] : acked.entries) {
    const auto res = after.get("/api/v1/people/" + std::to_string(person) + "/archive/" + std::to_string(entry));
    ASSERT_EQ(res.status, 200) << "acknowledged archive entry " << entry << " is missing after the crash";
  }
  EXPECT_EQ(acked.activities.size() % kSeriesLength, 0u);
}

}  // namespace
}  // namespace xuefeng::testing
