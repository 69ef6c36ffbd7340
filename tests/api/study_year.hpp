#pragma once

// A small year of study (2025) whose statistics are worked out by hand below, shared by the org
// statistics and personal archive tests.
//
// 区委 district ─ 党支部 branch ─ 党小组 cell;   镇党委 township (another root)
//
// Branch members: P (the member with an account) since 2025-01-01, Q since 2024-01-01, R since
// 2025-05-01 (joined after A1 and A2), S 2024-01-01 .. 2025-06-01 (left before A4). Cell member: Q.
//
//   activity                           days credit  audience      marks
//   A0 branch  2024-12-20  seminar       1    1     Q S           (other year)
//   A1 branch  2025-03-10  centralized   1    3     P Q S         P present, Q present, S late
//   A2 branch  2025-04-15  centralized   2    8     P Q S         P late,    Q absent,  S present
//   A3 branch  2025-05-20  seminar       1    2     P Q R S       P excused, Q present, R present, S absent
//   A4 branch  2025-06-10  lecture       1    2     P Q R         P absent,  Q late,    R present
//   A5 branch  2025-07-01  seminar       1    2.5   P Q R         P -,       Q present, R excused
//   C1 cell    2025-09-01  film          2    4     Q             Q present
//   T1 town    2025-08-05  training      3    12    P (invited)   P present
//   T2 town    2025-09-09  party_lecture 1    2     -             P speaks ("以优良作风推动工作落实")
//
// Branch 2025 without descendants: 5 activities {centralized_study 2, seminar 2, lecture 1}, 6 study days,
// 17.5 credit hours, expected 3+3+4+3+3 = 16, attended 3+2+2+2+1 = 10, rate 0.625.
// With descendants (+C1): 6 activities (+film 1), 8 days, 21.5 hours, expected 17, attended 11, rate 0.6471.
//
// P's 2025 archive: expected A1..A5 + T1 = 6, attended A1 A2 T1 = 3 (rate 0.5), study days 1+2+3 = 6,
// credit hours 3+8+12 = 23 plus entries not about an attended activity: E3 4 + E5 1.5 = 28.5.
// Entries: E1 note 2025-03-11 (A1, 0 h), E2 reflection 2025-08-08 (T1, 1 h: T1 counted already),
// E3 self_study 2025-10-01 (4 h), E4 article 2025-11-01 (0 h), E5 note 2025-12-01 (A4, 1.5 h: A4 missed);
// and E0 note 2024-12-21 in the other year.

#include <boost/json.hpp>

#include "api_fixture.hpp"

namespace xuefeng::testing {

struct StudyYear {
  std::int64_t district = 0, branch = 0, cell = 0, township = 0;
  std::int64_t p = 0, q = 0, r = 0, s = 0;
  std::int64_t a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, c1 = 0, t1 = 0, t2 = 0;
  std::int64_t e1 = 0, e2 = 0, e3 = 0, e4 = 0, e5 = 0;
};

inline StudyYear build_study_year(const ServerProcess& server, HttpClient& admin, HttpClient& p_client) {
  namespace json = boost::json;
  StudyYear y;
  y.district = create_org(admin, "中共云溪区委员会", "party_committee");
  y.branch = create_org(admin, "区政府办公室党支部", "branch", y.district);
  y.cell = create_org(admin, "综合科党小组", "group", y.branch);
  y.township = create_org(admin, "中共柳塘镇委员会", "party_committee");
  y.p = create_person(admin, "陈雨婷");
  y.q = create_person(admin, "陆志刚");
  y.r = create_person(admin, "杨帆");
  y.s = create_person(admin, "高建军");
  create_account(admin, "chenyuting", "password-chenyuting", y.p);
  p_client = server.client();
  p_client.login("chenyuting", "password-chenyuting");
  add_member(admin, y.branch, y.p, "2025-01-01");
  add_member(admin, y.branch, y.q, "2024-01-01", "secretary");
  add_member(admin, y.branch, y.r, "2025-05-01");
  add_member(admin, y.branch, y.s, "2024-01-01");
  if (admin.del("/api/v1/orgs/" + id_str(y.branch) + "/members/" + id_str(y.s) + "?until=2025-06-01").status != 200) {
    throw std::runtime_error("ending a membership failed");
  }
  add_member(admin, y.cell, y.q, "2024-01-01");

  auto activity = [&](std::int64_t org, const char* kind, const char* from, const char* to, double hours,
                      json::object more = {}) {
    more["org_id"] = org;
    more["kind"] = kind;
    more["title"] = std::string(kind) + " " + from;
    more["starts_on"] = from;
    more["ends_on"] = to;
    more["credit_hours"] = hours;
    return create_activity(admin, more);
  };
  auto mark = [&](std::int64_t activity, std::vector<std::pair<std::int64_t, const char*>> marks) {
    json::array body;
    for (const auto& [person, status] : marks) body.push_back(json::object{{"person_id", person}, {"status", status}});
    const auto res = admin.put("/api/v1/activities/" + id_str(activity) + "/attendance", body);
    if (res.status != 200) throw std::runtime_error("marking failed: " + res.body);
  };
  const auto a0 = activity(y.branch, "seminar", "2024-12-20", "2024-12-20", 1);
  mark(a0, {{y.q, "present"}, {y.s, "present"}});
  y.a1 = activity(y.branch, "centralized_study", "2025-03-10", "2025-03-10", 3);
  mark(y.a1, {{y.p, "present"}, {y.q, "present"}, {y.s, "late"}});
  y.a2 = activity(y.branch, "centralized_study", "2025-04-15", "2025-04-16", 8);
  mark(y.a2, {{y.p, "late"}, {y.q, "absent"}, {y.s, "present"}});
  y.a3 = activity(y.branch, "seminar", "2025-05-20", "2025-05-20", 2);
  mark(y.a3, {{y.p, "excused"}, {y.q, "present"}, {y.r, "present"}, {y.s, "absent"}});
  y.a4 = activity(y.branch, "lecture", "2025-06-10", "2025-06-10", 2);
  mark(y.a4, {{y.p, "absent"}, {y.q, "late"}, {y.r, "present"}});
  y.a5 = activity(y.branch, "seminar", "2025-07-01", "2025-07-01", 2.5);
  mark(y.a5, {{y.q, "present"}, {y.r, "excused"}});
  y.c1 = activity(y.cell, "film", "2025-09-01", "2025-09-02", 4);
  mark(y.c1, {{y.q, "present"}});
  y.t1 = activity(y.township, "training", "2025-08-05", "2025-08-07", 12, {{"invitees", json::array{y.p}}});
  mark(y.t1, {{y.p, "present"}});
  y.t2 = activity(y.township, "party_lecture", "2025-09-09", "2025-09-09", 2,
                  {{"speakers", json::array{json::object{{"person_id", y.p}, {"title", "以优良作风推动工作落实"}}}}});

  auto entry = [&](const char* kind, const char* date, double hours, std::optional<std::int64_t> activity_id) {
    json::object body{{"kind", kind}, {"date", date}, {"title", std::string(kind) + " " + date}, {"credit_hours", hours}};
    if (activity_id) body["activity_id"] = *activity_id;
    return created_id(p_client.post("/api/v1/people/" + id_str(y.p) + "/archive", body), "archive entry");
  };
  entry("note", "2024-12-21", 1, std::nullopt);
  y.e1 = entry("note", "2025-03-11", 0, y.a1);
  y.e2 = entry("reflection", "2025-08-08", 1, y.t1);
  y.e3 = entry("self_study", "2025-10-01", 4, std::nullopt);
  y.e4 = entry("article", "2025-11-01", 0, std::nullopt);
  y.e5 = entry("note", "2025-12-01", 1.5, y.a4);
  return y;
}

}  // namespace xuefeng::testing
