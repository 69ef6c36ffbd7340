#pragma once

// Helpers shared by the API tests: create the records most tests need, failing the test loudly (with the
// server's answer) when a setup step does not succeed.

#include <sqlite3.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "http_client.hpp"
#include "server_process.hpp"

namespace xuefeng::testing {

inline std::int64_t created_id(const HttpResponse& res, const char* what) {
  if (res.status != 201) {
    throw std::runtime_error(std::string("creating ") + what + " answered " + std::to_string(res.status) + ": " +
                             res.body);
  }
  return res.json().at("id").as_int64();
}

inline std::int64_t create_org(HttpClient& c, const std::string& name, const std::string& kind,
                               std::optional<std::int64_t> parent = std::nullopt) {
  boost::json::object body{{"name", name}, {"kind", kind}};
  if (parent) body["parent_id"] = *parent;
  return created_id(c.post("/api/v1/orgs", body), "org");
}

inline std::int64_t create_person(HttpClient& c, const std::string& name,
                                  const boost::json::object& more = {}) {
  boost::json::object body = more;
  body["name"] = name;
  return created_id(c.post("/api/v1/people", body), "person");
}

inline std::int64_t add_member(HttpClient& c, std::int64_t org, std::int64_t person, const std::string& since,
                               const std::string& role = "member") {
  return created_id(c.post("/api/v1/orgs/" + std::to_string(org) + "/members",
                           boost::json::object{{"person_id", person}, {"role", role}, {"since", since}}),
                    "membership");
}

inline std::int64_t create_account(HttpClient& c, const std::string& login, const std::string& password,
                                   std::optional<std::int64_t> person, const std::string& role = "member") {
  boost::json::object body{{"login", login}, {"password", password}, {"roles", boost::json::array{role.c_str()}}};
  if (person) body["person_id"] = *person;
  return created_id(c.post("/api/v1/accounts", body), "account");
}

inline std::int64_t create_activity(HttpClient& c, const boost::json::object& body) {
  return created_id(c.post("/api/v1/activities", body), "activity");
}

/// Today's date at the server's default offset (+08:00) shifted by `days`, as YYYY-MM-DD.
inline std::string local_date_offset(int days) {
  using namespace std::chrono;
  const auto local = system_clock::now() + hours(8) + hours(24) * days;
  const year_month_day ymd{floor<std::chrono::days>(local)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

/// `id` as a path segment.
inline std::string id_str(std::int64_t id) { return std::to_string(id); }

/// The `field`s of a problem's `errors` array, in order.
inline std::vector<std::string> error_fields(const HttpResponse& res) {
  std::vector<std::string> out;
  const auto body = res.json();
  if (const auto* errors = body.as_object().if_contains("errors")) {
    for (const auto& e : errors->as_array()) out.emplace_back(e.at("field").as_string());
  }
  return out;
}

/// The `message` of the first error about `field`, or "" if there is none.
inline std::string error_message(const HttpResponse& res, const std::string& field) {
  const auto body = res.json();
  if (const auto* errors = body.as_object().if_contains("errors")) {
    for (const auto& e : errors->as_array()) {
      if (e.at("field") == field.c_str()) return std::string(e.at("message").as_string());
    }
  }
  return {};
}

/// The problem's stable `code`.
inline std::string problem_code(const HttpResponse& res) {
  return std::string(res.json().at("code").as_string());
}

/// A string member of a JSON object.
inline std::string json_text(const boost::json::value& v, const char* key) { return std::string(v.at(key).as_string()); }

/// An instant at the server's default offset (+08:00), as RFC 3339, and its local date.
struct LocalTime {
  std::string rfc3339;
  std::string date;
};

/// `at` at +08:00 (to the second).
inline LocalTime local_time_at(std::chrono::system_clock::time_point at) {
  using namespace std::chrono;
  const auto local = floor<std::chrono::seconds>(at) + hours(8);
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss hms{local - day};
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  char time[48];
  std::snprintf(time, sizeof time, "%sT%02d:%02d:%02d+08:00", date, static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return {time, date};
}

inline LocalTime local_time(std::int64_t seconds_from_now) {
  return local_time_at(std::chrono::system_clock::now() + std::chrono::seconds(seconds_from_now));
}

/// Seconds since the last local (+08:00) midnight; tests whose times must stay on one local day check it.
inline std::int64_t seconds_since_local_midnight() {
  using namespace std::chrono;
  const auto local = floor<std::chrono::seconds>(system_clock::now()) + hours(8);
  return (local - floor<days>(local)).count();
}

/// One integer from the server's database file (read while it runs, as SQLite allows): for checks that
/// a refused request wrote nothing, independent of what the API chooses to show.
inline std::int64_t db_count(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + db_path);
  }
  sqlite3_stmt* stmt = nullptr;
  std::int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    v = sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  if (v < 0) throw std::runtime_error("query failed: " + sql);
  return v;
}

/// A logged-in member: a person with an account of role member.
struct Member {
  std::int64_t person = 0;
  HttpClient client;
};

inline Member make_member(const ServerProcess& server, HttpClient& admin, const std::string& login,
                          const std::string& name) {
  const auto person = create_person(admin, name);
  create_account(admin, login, "password-" + login, person);
  HttpClient c = server.client();
  c.login(login, "password-" + login);
  return {person, std::move(c)};
}

}  // namespace xuefeng::testing
