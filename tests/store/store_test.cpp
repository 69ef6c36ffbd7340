#include <sqlite3.h>

#include <atomic>
#include <regex>
#include <set>
#include <thread>

#include "store_fixture.hpp"

namespace xuefeng::testing {
namespace {

using core::ActivityKind;
using core::AttendanceStatus;
using core::Id;

class Store : public StoreFixture {
 protected:
  struct World {
    Id district = 0, group = 0, branch = 0;
    std::vector<Id> people;
    Id plan = 0;
    std::vector<Id> activities;
  };

  Id person(const std::string& name) {
    core::Person p;
    p.name = name;
    p.birth_date = date("1975-05-01");
    return ok(services_->people.create(admin_, p)).person.id;
  }

  Id org(const std::string& name, core::OrgKind kind, std::optional<Id> parent) {
    core::Org o;
    o.name = name;
    o.kind = kind;
    o.parent_id = parent;
    return ok(services_->orgs.create(admin_, o)).id;
  }

  Id activity(Id org_id, const char* on, std::vector<core::Speaker> speakers = {}, std::vector<Id> invitees = {}) {
    core::Activity a;
    a.org_id = org_id;
    a.kind = ActivityKind::kCentralizedStudy;
    a.title = std::string("集中学习 ") + on;
    a.starts_on = a.ends_on = date(on);
    a.credit_hours = 3;
    a.speakers = std::move(speakers);
    a.invitees = std::move(invitees);
    return ok(services_->activities.create(admin_, a, std::nullopt)).front().activity.id;
  }

  // Every use case once, so every statement the store has gets prepared.
  World build_world(int members, int activities) {
    World w;
    w.district = org("区委", core::OrgKind::kPartyCommittee, std::nullopt);
    w.group = org("区委中心组", core::OrgKind::kStudyGroup, w.district);
    w.branch = org("政府办党支部", core::OrgKind::kBranch, w.district);
    for (int i = 0; i < members; ++i) {
      w.people.push_back(person("成员" + std::to_string(i)));
      ok(services_->orgs.add_member(admin_, w.group, {w.people.back(), core::MemberRole::kMember, date("2026-01-01"), {}}));
    }
    w.plan = ok(services_->plans.create(admin_, w.group, 2026, "2026年学习计划", {{{}, "专题一", "说明"}})).id;
    for (int i = 0; i < activities; ++i) {
      char day[16];
      std::snprintf(day, sizeof day, "2026-%02d-%02d", 1 + i % 5, 1 + i % 28);
      w.activities.push_back(activity(w.group, day, {{w.people[0], "中心发言"}}, {w.people.back()}));
    }
    return w;
  }

  void exercise_everything(World& w) {
    const service::PageRequest page{50, std::nullopt};
    ok(services_->orgs.get(admin_, w.group));
    ok(services_->orgs.list(admin_, std::nullopt, page));
    ok(services_->orgs.list(admin_, w.district, page));
    ok(services_->orgs.tree(admin_, w.district));
    ok(services_->orgs.update(admin_, w.branch, {std::string("政府办机关党支部"), {}, {}}, std::nullopt));
    ok(services_->orgs.update(admin_, w.branch, {{}, {}, std::optional<Id>(w.group)}, std::nullopt));
    ok(services_->orgs.members(admin_, w.group, date("2026-03-01"), false, page));
    ok(services_->orgs.members(admin_, w.group, std::nullopt, true, page));
    ok(services_->orgs.end_membership(admin_, w.group, w.people.back(), date("2026-12-31")));
    ok(services_->orgs.import_roster(admin_, w.branch, "姓名,性别,出生日期\n王芳,女,1980-01-02\n", std::nullopt, false));
    ok(services_->people.get(admin_, w.people[0]));
    ok(services_->people.search(admin_, "成员1", page));
    ok(services_->people.search(admin_, "", page));
    ok(services_->people.update(admin_, w.people[0], {std::string("成员零"), {}, {}, {}, {}, {}, {}}, std::nullopt));
    const Id spare = person("临时人员");
    ASSERT_TRUE(services_->people.remove(admin_, spare, std::nullopt));
    ok(services_->plans.get(admin_, w.plan));
    ok(services_->plans.list(admin_, w.group, 2026, page));
    ok(services_->plans.list(admin_, std::nullopt, 2026, page));
    ok(services_->plans.list(admin_, std::nullopt, std::nullopt, page));
    service::PlanPatch plan_patch;
    plan_patch.topics = std::vector<service::TopicInput>{{{}, "专题二", ""}};
    ok(services_->plans.update(admin_, w.plan, plan_patch, std::nullopt));
    const Id a = w.activities.front();
    ok(services_->activities.get(admin_, a));
    ok(services_->activities.list(admin_, {w.group, false, date("2026-01-01"), date("2026-12-31"), {}}, page));
    ok(services_->activities.list(admin_, {w.district, true, {}, {}, ActivityKind::kCentralizedStudy}, page));
    ok(services_->activities.list(admin_, {{}, false, {}, {}, {}}, page));
    service::ActivityPatch patch;
    patch.title = std::string("集中学习（改）");
    ok(services_->activities.update(admin_, a, patch, std::nullopt));
    ok(services_->activities.set_marks(admin_, a, {{w.people[0], AttendanceStatus::kPresent, ""},
                                                   {w.people[1], AttendanceStatus::kExcused, "出差"}}));
    ok(services_->activities.mark_unmarked_absent(admin_, a));
    ok(services_->activities.attendance(admin_, a));
    ok(services_->activities.check_in_code(admin_, a));
    ok(services_->activities.leave_requests(admin_, a));
    const Id doomed = activity(w.group, "2026-07-01");
    ASSERT_TRUE(services_->activities.remove(admin_, doomed, std::nullopt));
    core::Activity series;
    series.org_id = w.group;
    series.kind = ActivityKind::kReadingClub;
    series.title = "读书会";
    series.starts_on = series.ends_on = date("2026-07-06");
    ok(services_->activities.create(admin_, series, service::Repeat{core::RepeatEvery::kWeek, date("2026-08-31")}));
    core::ArchiveEntry e;
    e.person_id = w.people[0];
    e.kind = core::ArchiveKind::kReflection;
    e.date = date("2026-03-02");
    e.title = "心得体会";
    e.activity_id = a;
    const Id entry = ok(services_->archive.create(admin_, e)).id;
    ok(services_->archive.review(admin_, w.people[0], entry, core::ReviewVerdict::kVerified, ""));
    ok(services_->archive.update(admin_, w.people[0], entry, {{}, {}, std::string("心得（改）"), {}, {}, {}, {}}, std::nullopt));
    ok(services_->archive.get(admin_, w.people[0], entry));
    ok(services_->archive.year(admin_, w.people[0], 2026));
    ASSERT_TRUE(services_->archive.remove(admin_, w.people[0], entry, std::nullopt));
    ok(services_->stats.org_year(admin_, w.district, 2026, true));
    ok(services_->stats.org_year(admin_, w.group, 2026, false));
    ok(services_->accounts.create(admin_, {"member1", "password-1", w.people[0], {{core::AccountRole::kMember, std::nullopt}}}));
    const auto login = ok(services_->accounts.login("member1", "password-1", "test", ""));
    const auto member = ok(services_->accounts.authenticate(login.token));
    ok(services_->accounts.list(admin_, page));
    ok(services_->activities.list(member, {{}, false, {}, {}, {}}, page));
    ok(services_->orgs.list(member, std::nullopt, page));
    ok(services_->plans.list(member, std::nullopt, std::nullopt, page));
    const Id upcoming = activity(w.group, "2026-06-20");
    ok(services_->activities.request_leave(member, upcoming, "出差"));
    ok(services_->activities.decide_leave(admin_, upcoming, w.people[0], true));
    ASSERT_TRUE(services_->accounts.logout(member, login.token, false));
    for (const char* code : {"eight_ones", "central_group_year", "egov_training"}) {
      ok(services_->requirements.create(admin_, {w.district, std::string(code), std::nullopt}));
    }
    const Id township_set = ok(services_->requirements.create(admin_, {w.group, std::string("township_cadence"), std::nullopt})).id;
    ok(services_->requirements.list(admin_, std::nullopt, page));
    ok(services_->requirements.list(member, w.district, page));
    auto set = ok(services_->requirements.get(admin_, township_set));
    set.document.items[0].value = 2;
    ok(services_->requirements.update(admin_, township_set, set.document, std::nullopt));
    ok(services_->requirements.person_compliance(admin_, w.people[0], 2026, std::nullopt));
    ok(services_->requirements.org_compliance(admin_, w.district, 2026, std::nullopt));
    ok(services_->requirements.org_compliance(admin_, w.group, 2026, date("2026-03-31")));
    ok(services_->binders.person(admin_, w.people[0], 2026));
    ok(services_->binders.org(admin_, w.district, 2026));
    ASSERT_TRUE(services_->requirements.remove(admin_, township_set, std::nullopt));
  }
};

// Every statement the store prepared while every use case ran once: none may read a whole table. A
// query that scans grows with the data and sooner or later stalls the district's busiest morning.
TEST_F(Store, EveryStatementUsesAnIndex) {
  auto world = build_world(6, 4);
  exercise_everything(world);
  const auto statements = db_->prepared_sql();
  ASSERT_GT(statements.size(), 60u);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((dir_ + "/test.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  // Writes fire the audit triggers, which call the store's functions: stand-ins let them be planned here.
  for (const char* name : {"xuefeng_audit", "xuefeng_sha256"}) {
    sqlite3_create_function(db, name, 1, SQLITE_UTF8, nullptr, [](sqlite3_context* c, int, sqlite3_value**) {
      sqlite3_result_null(c);
    }, nullptr, nullptr);
  }
  // "SCAN t" (not "SCAN t USING ... INDEX") is a full scan of t. That is fine when t is a CTE of the
  // statement (or an alias of one): those hold rows already found through indexes. Real tables may not be
  // scanned.
  const std::regex scan(R"(^SCAN (\w+)( AS \w+)?$)");
  const std::regex cte_name(R"((?:WITH|,)\s*(\w+)\s*(?:\([^)]*\))?\s+AS\s*\()");
  const std::regex alias_of(R"((?:FROM|JOIN)\s+(\w+)\s+(\w+))");
  // The query plan of `sql` if it has a full table scan, else "".
  auto full_scan_plan = [&](const std::string& sql) {
    std::set<std::string> ctes;
    for (auto it = std::sregex_iterator(sql.begin(), sql.end(), cte_name); it != std::sregex_iterator(); ++it) {
      ctes.insert((*it)[1]);
    }
    for (auto it = std::sregex_iterator(sql.begin(), sql.end(), alias_of); it != std::sregex_iterator(); ++it) {
      if (ctes.count((*it)[1])) ctes.insert((*it)[2]);
    }
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &s, nullptr), SQLITE_OK) << sql;
    std::string plan;
    bool bad = false;
    while (s && sqlite3_step(s) == SQLITE_ROW) {
      const std::string detail = reinterpret_cast<const char*>(sqlite3_column_text(s, 3));
      plan += "    " + detail + "\n";
      std::smatch m;
      // sqlite_master is SQLite's catalogue of the schema, read once at start-up, not data that grows.
      if (std::regex_match(detail, m, scan) && !ctes.count(m[1]) && m[1] != "sqlite_master") bad = true;
    }
    sqlite3_finalize(s);
    return bad ? plan : std::string();
  };
  ASSERT_FALSE(full_scan_plan("SELECT id FROM people WHERE post = 'probe'").empty()) << "the check misses a scan";
  std::string failures;
  for (const auto& sql : statements) {
    if (sql.rfind("SELECT coalesce(max(version), 0) FROM schema_migrations", 0) == 0) continue;
    if (const auto plan = full_scan_plan(sql); !plan.empty()) failures += sql + "\n" + plan;
  }
  sqlite3_close(db);
  EXPECT_TRUE(failures.empty()) << "statements that scan a whole table:\n" << failures;
}

// Lists cost the same number of statements whatever their length: no statement per row.
TEST_F(Store, ListsDoNotRunAStatementPerRow) {
  auto world = build_world(40, 30);
  const service::PageRequest small{3, std::nullopt}, large{30, std::nullopt};
  auto cost = [&](auto&& run) {
    const auto before = db_->statements_run();
    run();
    return db_->statements_run() - before;
  };
  const service::ActivityQuery q{world.group, false, {}, {}, {}};
  const auto list_small = cost([&] { EXPECT_EQ(ok(services_->activities.list(admin_, q, small)).items.size(), 3u); });
  const auto list_large = cost([&] { EXPECT_EQ(ok(services_->activities.list(admin_, q, large)).items.size(), 30u); });
  EXPECT_EQ(list_small, list_large);

  std::vector<service::MarkInput> few, many;
  for (int i = 0; i < 40; ++i) {
    (i < 3 ? few : many).push_back({world.people[i], AttendanceStatus::kPresent, ""});
  }
  ok(services_->activities.set_marks(admin_, world.activities[0], few));
  ok(services_->activities.set_marks(admin_, world.activities[1], many));
  const auto sheet_few = cost([&] { ok(services_->activities.attendance(admin_, world.activities[0])); });
  const auto sheet_many = cost([&] { ok(services_->activities.attendance(admin_, world.activities[1])); });
  EXPECT_EQ(sheet_few, sheet_many);

  const auto members_small = cost([&] { ok(services_->orgs.members(admin_, world.group, {}, true, small)); });
  const auto members_large = cost([&] { ok(services_->orgs.members(admin_, world.group, {}, true, large)); });
  EXPECT_EQ(members_small, members_large);

  // One person's year: 30 activities and their marks cost no more than a person expected at few.
  const auto archive_full = cost([&] { ok(services_->archive.year(admin_, world.people[0], 2026)); });
  const Id newcomer = person("新成员");
  const auto archive_empty = cost([&] { ok(services_->archive.year(admin_, newcomer, 2026)); });
  EXPECT_EQ(archive_full, archive_empty);
}

// A series is created whole or not at all: a bad plan on a later occurrence rolls back the earlier ones.
TEST_F(Store, FailedWriteLeavesNothingBehind) {
  auto world = build_world(2, 0);
  core::Activity a;
  a.org_id = world.group;
  a.plan_id = world.plan;  // the 2026 plan: occurrences in 2027 do not belong to it
  a.kind = ActivityKind::kReadingClub;
  a.title = "跨年读书会";
  a.starts_on = a.ends_on = date("2026-12-21");
  const auto result = services_->activities.create(admin_, a, service::Repeat{core::RepeatEvery::kWeek, date("2027-01-11")});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, core::ErrorCode::kValidationFailed);
  const auto listed = ok(services_->activities.list(admin_, {world.group, false, {}, {}, {}}, {50, std::nullopt}));
  EXPECT_TRUE(listed.items.empty());
}

// Many writes committed together: the failing ones roll back alone, the others all land.
TEST_F(Store, GroupCommitIsolatesFailingWrites) {
  auto world = build_world(1, 0);
  constexpr int kThreads = 64;
  std::atomic<int> created{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      // Odd threads all try the same year (one wins); even ones each their own.
      const int year = i % 2 ? 2030 : 2040 + i / 2;
      auto r = services_->plans.create(admin_, world.group, year, "计划", {});
      if (r) ++created;
      else if (r.error().code == core::ErrorCode::kConflict) ++conflicts;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), kThreads / 2 + 1);
  EXPECT_EQ(conflicts.load(), kThreads / 2 - 1);
  const auto plans = ok(services_->plans.list(admin_, world.group, std::nullopt, {500, std::nullopt}));
  EXPECT_EQ(plans.items.size(), static_cast<std::size_t>(kThreads / 2 + 1 + 1));  // + the 2026 plan
}

TEST_F(Store, SubtreeFollowsMoves) {
  const Id root = org("区委", core::OrgKind::kPartyCommittee, std::nullopt);
  const Id town = org("某镇党委", core::OrgKind::kPartyCommittee, root);
  const Id village = org("某村党支部", core::OrgKind::kBranch, town);
  const Id group = org("第一党小组", core::OrgKind::kGroup, village);
  const Id office = org("政府办党支部", core::OrgKind::kBranch, root);
  // Move the village (with its group) under the office.
  ok(services_->orgs.update(admin_, village, {{}, {}, std::optional<Id>(office)}, std::nullopt));
  const auto tree = ok(services_->orgs.tree(admin_, office));
  ASSERT_EQ(tree.children.size(), 1u);
  EXPECT_EQ(tree.children[0].org.id, village);
  ASSERT_EQ(tree.children[0].children.size(), 1u);
  EXPECT_EQ(tree.children[0].children[0].org.id, group);
  EXPECT_TRUE(ok(services_->orgs.tree(admin_, town)).children.empty());
  // A move under one's own descendant is refused.
  const auto cycle = services_->orgs.update(admin_, office, {{}, {}, std::optional<Id>(group)}, std::nullopt);
  ASSERT_FALSE(cycle);
  EXPECT_EQ(cycle.error().code, core::ErrorCode::kValidationFailed);
  // Activities of the whole subtree follow the move too.
  activity(group, "2026-05-01");
  const auto under_office = ok(services_->activities.list(admin_, {office, true, {}, {}, {}}, {50, std::nullopt}));
  EXPECT_EQ(under_office.items.size(), 1u);
  const auto under_town = ok(services_->activities.list(admin_, {town, true, {}, {}, {}}, {50, std::nullopt}));
  EXPECT_TRUE(under_town.items.empty());
}

// Who was expected is who belonged on the activity's first day.
TEST_F(Store, AudienceIsTheMembersOnTheDay) {
  const Id branch = org("党支部", core::OrgKind::kBranch, std::nullopt);
  const Id early = person("早到者"), late = person("新来者"), gone = person("离开者"), guest = person("特邀者");
  ok(services_->orgs.add_member(admin_, branch, {early, core::MemberRole::kMember, date("2026-01-01"), {}}));
  ok(services_->orgs.add_member(admin_, branch, {late, core::MemberRole::kMember, date("2026-05-01"), {}}));
  ok(services_->orgs.add_member(admin_, branch, {gone, core::MemberRole::kMember, date("2026-01-01"), date("2026-03-31")}));
  const Id march = activity(branch, "2026-03-15", {}, {guest});
  const Id may = activity(branch, "2026-05-15");
  auto ids = [&](Id a) {
    std::set<Id> out;
    for (const auto& item : ok(services_->activities.attendance(admin_, a)).items) out.insert(item.person_id);
    return out;
  };
  EXPECT_EQ(ids(march), (std::set<Id>{early, gone, guest}));
  EXPECT_EQ(ids(may), (std::set<Id>{early, late}));
  EXPECT_EQ(ok(services_->activities.attendance(admin_, march)).expected, 3);
}

TEST_F(Store, MigrationsApplyOnceAndReopen) {
  EXPECT_EQ(db_->schema_version(), 3);
  const Id o = org("区委", core::OrgKind::kPartyCommittee, std::nullopt);
  open();
  EXPECT_EQ(db_->schema_version(), 3);
  EXPECT_EQ(ok(services_->orgs.get(admin_, o)).name, "区委");
}

}  // namespace
}  // namespace xuefeng::testing

namespace xuefeng::testing {
namespace {

class StoreRules : public StoreFixture {};

// Moving an activity's first day moves the whole activity: its length and its hours stay.
TEST_F(StoreRules, MovingStartMovesTheWholeActivity) {
  core::Org o;
  o.name = "党支部";
  o.kind = core::OrgKind::kBranch;
  const auto org = ok(services_->orgs.create(admin_, o)).id;
  core::Activity a;
  a.org_id = org;
  a.kind = core::ActivityKind::kCentralizedStudy;
  a.title = "三天集中学习";
  a.starts_on = date("2026-04-07");
  a.ends_on = date("2026-04-09");
  a.starts_at = *core::Timestamp::parse_rfc3339("2026-04-07T08:30:00+08:00");
  a.ends_at = *core::Timestamp::parse_rfc3339("2026-04-09T17:00:00+08:00");
  const auto id = ok(services_->activities.create(admin_, a, std::nullopt)).front().activity.id;
  service::ActivityPatch patch;
  patch.starts_on = date("2026-04-14");
  const auto moved = ok(services_->activities.update(admin_, id, patch, std::nullopt)).activity;
  EXPECT_EQ(moved.starts_on.to_string(), "2026-04-14");
  EXPECT_EQ(moved.ends_on.to_string(), "2026-04-16");
  EXPECT_EQ(moved.starts_at->to_rfc3339(core::UtcOffset{480}), "2026-04-14T08:30:00+08:00");
  EXPECT_EQ(moved.ends_at->to_rfc3339(core::UtcOffset{480}), "2026-04-16T17:00:00+08:00");
  EXPECT_EQ(moved.version, 2);
  // Given both, the client's ends_on wins.
  patch.starts_on = date("2026-04-20");
  patch.ends_on = date("2026-04-20");
  patch.starts_at = std::optional<core::Timestamp>();
  patch.ends_at = std::optional<core::Timestamp>();
  const auto shortened = ok(services_->activities.update(admin_, id, patch, std::nullopt)).activity;
  EXPECT_EQ(shortened.days(), 1);
  EXPECT_FALSE(shortened.starts_at);
}

// After the session, "mark the rest absent" leaves a pending leave request to the secretary.
TEST_F(StoreRules, MarkRestAbsentSkipsPendingLeave) {
  core::Org o;
  o.name = "党支部";
  o.kind = core::OrgKind::kBranch;
  const auto org = ok(services_->orgs.create(admin_, o)).id;
  std::vector<core::Id> people;
  for (const char* name : {"甲", "乙", "丙"}) {
    core::Person p;
    p.name = name;
    people.push_back(ok(services_->people.create(admin_, p)).person.id);
    ok(services_->orgs.add_member(admin_, org, {people.back(), core::MemberRole::kMember, date("2026-01-01"), {}}));
  }
  ok(services_->accounts.create(admin_, {"yi", "password-yi", people[1], {{core::AccountRole::kMember, std::nullopt}}}));
  const auto yi = ok(services_->accounts.authenticate(ok(services_->accounts.login("yi", "password-yi", "test", "")).token));
  core::Activity a;
  a.org_id = org;
  a.kind = core::ActivityKind::kSeminar;
  a.title = "交流研讨";
  a.starts_on = a.ends_on = date("2026-06-16");  // tomorrow, by the fixture's clock
  const auto id = ok(services_->activities.create(admin_, a, std::nullopt)).front().activity.id;
  ok(services_->activities.request_leave(yi, id, "外出调研"));
  EXPECT_EQ(services_->activities.mark_unmarked_absent(admin_, id).error().code, core::ErrorCode::kValidationFailed);
  clock_.advance_seconds(3 * 86400);
  ok(services_->activities.set_marks(admin_, id, {{people[0], core::AttendanceStatus::kPresent, ""}}));
  const auto sheet = ok(services_->activities.mark_unmarked_absent(admin_, id));
  std::map<core::Id, std::optional<core::AttendanceStatus>> status;
  for (const auto& item : sheet.items) status[item.person_id] = item.status;
  EXPECT_EQ(status[people[0]], core::AttendanceStatus::kPresent);
  EXPECT_EQ(status[people[1]], std::nullopt);  // pending leave: undecided
  EXPECT_EQ(status[people[2]], core::AttendanceStatus::kAbsent);
  EXPECT_EQ(sheet.attended, 1);
  EXPECT_EQ(sheet.expected, 3);
}

TEST_F(StoreRules, StatsCountHeldAndUpcomingSeparately) {
  core::Org o;
  o.name = "党支部";
  o.kind = core::OrgKind::kBranch;
  const auto org = ok(services_->orgs.create(admin_, o)).id;
  core::Activity a;
  a.org_id = org;
  a.kind = core::ActivityKind::kReadingClub;
  a.title = "读书会";
  a.credit_hours = 2;
  a.starts_on = a.ends_on = date("2026-06-03");  // weekly through July: 2 held by 06-15, 7 to come
  ok(services_->activities.create(admin_, a, service::Repeat{core::RepeatEvery::kWeek, date("2026-07-29")}));
  const auto stats = ok(services_->stats.org_year(admin_, org, 2026, false));
  EXPECT_EQ(stats.activities, 2);
  EXPECT_EQ(stats.upcoming, 7);
  EXPECT_EQ(stats.study_days, 2);
  EXPECT_DOUBLE_EQ(stats.credit_hours, 4);
}

}  // namespace
}  // namespace xuefeng::testing

namespace xuefeng::testing {
namespace {

class StoreChanges : public StoreFixture {};

// A PATCH that changes nothing writes nothing: the version (and so every client's If-Match) stays.
TEST_F(StoreChanges, NoOpPatchKeepsTheVersion) {
  core::Org o;
  o.name = "党支部";
  o.kind = core::OrgKind::kBranch;
  const auto org = ok(services_->orgs.create(admin_, o));
  EXPECT_EQ(ok(services_->orgs.update(admin_, org.id, {std::string("党支部"), {}, {}}, 1)).version, 1);
  EXPECT_EQ(ok(services_->orgs.update(admin_, org.id, {{}, {}, std::optional<core::Id>()}, 1)).version, 1);
  EXPECT_EQ(ok(services_->orgs.update(admin_, org.id, {std::string("机关党支部"), {}, {}}, 1)).version, 2);
  core::Person p;
  p.name = "张三";
  const auto person = ok(services_->people.create(admin_, p)).person;
  service::PersonPatch same;
  same.name = std::string("张三");
  EXPECT_EQ(ok(services_->people.update(admin_, person.id, same, 1)).person.version, 1);
  core::Activity a;
  a.org_id = org.id;
  a.kind = core::ActivityKind::kSeminar;
  a.title = "研讨";
  a.starts_on = a.ends_on = date("2026-06-10");
  const auto activity = ok(services_->activities.create(admin_, a, std::nullopt)).front().activity;
  service::ActivityPatch unchanged;
  unchanged.title = std::string("研讨");
  unchanged.speakers = std::vector<core::Speaker>{};
  EXPECT_EQ(ok(services_->activities.update(admin_, activity.id, unchanged, 1)).activity.version, 1);
}

// Rejecting leave takes back only the excuse an approval gave, not one the secretary entered by hand.
TEST_F(StoreChanges, RejectingLeaveKeepsAHandEnteredExcuse) {
  core::Org o;
  o.name = "党支部";
  o.kind = core::OrgKind::kBranch;
  const auto org = ok(services_->orgs.create(admin_, o)).id;
  std::vector<core::Id> people;
  std::vector<service::Actor> actors;
  for (const char* login : {"jia", "yi"}) {
    core::Person p;
    p.name = login;
    people.push_back(ok(services_->people.create(admin_, p)).person.id);
    ok(services_->orgs.add_member(admin_, org, {people.back(), core::MemberRole::kMember, date("2026-01-01"), {}}));
    ok(services_->accounts.create(admin_, {login, std::string("password-") + login, people.back(), {{core::AccountRole::kMember, std::nullopt}}}));
    actors.push_back(ok(services_->accounts.authenticate(
        ok(services_->accounts.login(login, std::string("password-") + login, "test", "")).token)));
  }
  core::Activity a;
  a.org_id = org;
  a.kind = core::ActivityKind::kSeminar;
  a.title = "研讨";
  a.starts_on = a.ends_on = date("2026-06-20");
  const auto id = ok(services_->activities.create(admin_, a, std::nullopt)).front().activity.id;
  // 甲: the secretary excuses by hand, then 甲 also asks and is rejected: the excuse stays.
  ok(services_->activities.set_marks(admin_, id, {{people[0], core::AttendanceStatus::kExcused, "出差"}}));
  ok(services_->activities.request_leave(actors[0], id, "出差"));
  ok(services_->activities.decide_leave(admin_, id, people[0], false));
  // 乙: approved, then the approval is withdrawn: the excuse goes with it.
  ok(services_->activities.request_leave(actors[1], id, "病假"));
  ok(services_->activities.decide_leave(admin_, id, people[1], true));
  ok(services_->activities.decide_leave(admin_, id, people[1], false));
  std::map<core::Id, std::optional<core::AttendanceStatus>> status;
  for (const auto& item : ok(services_->activities.attendance(admin_, id)).items) status[item.person_id] = item.status;
  EXPECT_EQ(status[people[0]], core::AttendanceStatus::kExcused);
  EXPECT_EQ(status[people[1]], std::nullopt);
}

}  // namespace
}  // namespace xuefeng::testing
