// 200 people check in to one activity at the same moment, each twice: exactly 200 marks, no errors.

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <boost/json.hpp>
#include <thread>

#include "api_fixture.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

TEST(Concurrency, TwoHundredPeopleCheckInTwiceAtOnce) {
  constexpr int kPeople = 200;
  ServerProcess server;
  auto admin = server.admin();
  const auto org = create_org(admin, "县政府办公室党支部", "branch");
  std::vector<std::int64_t> people;
  for (int i = 0; i < kPeople; ++i) {
    const auto person = create_person(admin, "签到人员" + std::to_string(i));
    add_member(admin, org, person, "2020-01-01");
    create_account(admin, "checkin" + std::to_string(i), "password-" + std::to_string(i), person);
    people.push_back(person);
  }
  // A whole-day activity from yesterday to tomorrow: check-in is open now, whatever the hour.
  const auto activity = create_activity(admin, json::object{{"org_id", org},
                                                            {"kind", "centralized_study"},
                                                            {"title", "集中学习（并发签到）"},
                                                            {"starts_on", local_date_offset(-1)},
                                                            {"ends_on", local_date_offset(1)}});
  std::vector<HttpClient> clients;
  for (int i = 0; i < kPeople; ++i) {
    clients.emplace_back(server.port());
    clients.back().login("checkin" + std::to_string(i), "password-" + std::to_string(i));
  }
  // Fetched only now: 200 argon2id logins on a busy machine can outlast the code's validity.
  const auto code = admin.get("/api/v1/activities/" + std::to_string(activity) + "/check-in").json();
  const std::string check_in_code(code.at("code").as_string());

  std::atomic<int> first_ok{0}, second_already{0}, failures{0};
  std::barrier start(kPeople);
  std::vector<std::thread> threads;
  for (int i = 0; i < kPeople; ++i) {
    threads.emplace_back([&, i] {
      const std::string target = "/api/v1/activities/" + std::to_string(activity) + "/check-in";
      start.arrive_and_wait();
      try {
        const auto first = clients[i].post(target, json::object{{"code", check_in_code}});
        const auto second = clients[i].post(target, json::object{{"code", check_in_code}});
        if (first.status == 200 && first.json().at("status") == "present") ++first_ok;
        else ++failures;
        if (second.status == 200 && second.json().at("already_checked_in").as_bool()) ++second_already;
        else ++failures;
      } catch (const std::exception&) {
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(first_ok.load(), kPeople);
  EXPECT_EQ(second_already.load(), kPeople);
  const auto sheet = admin.get("/api/v1/activities/" + std::to_string(activity) + "/attendance").json();
  EXPECT_EQ(sheet.at("expected").as_int64(), kPeople);
  EXPECT_EQ(sheet.at("attended").as_int64(), kPeople);
  int marked = 0;
  for (const auto& item : sheet.at("items").as_array()) {
    if (item.at("status") == "present" && !item.at("checked_in_at").is_null()) ++marked;
  }
  EXPECT_EQ(marked, kPeople);
}

}  // namespace
}  // namespace xuefeng::testing
