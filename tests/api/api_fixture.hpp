#pragma once

// Helpers shared by the API tests: create the records most tests need, failing the test loudly (with the
// server's answer) when a setup step does not succeed.

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>

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

}  // namespace xuefeng::testing
