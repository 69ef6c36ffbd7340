// The audit trail: every write leaves rows saying who, when, from where, which use case, and the row
// before and after; the rows are chained by hash, and altering or removing one is detected.

#include <sqlite3.h>

#include <boost/json.hpp>

#include "store_fixture.hpp"

namespace xuefeng::testing {
namespace {

class Audit : public StoreFixture {
 protected:
  // Direct access to the file, as someone with the database in hand would have.
  struct Raw {
    explicit Raw(const std::string& path) { sqlite3_open(path.c_str(), &db); }
    ~Raw() { sqlite3_close(db); }
    void exec(const char* sql) {
      char* error = nullptr;
      if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        ADD_FAILURE() << sql << ": " << (error ? error : "");
        sqlite3_free(error);
      }
    }
    std::string text(const char* sql) {
      sqlite3_stmt* s = nullptr;
      sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
      std::string out;
      if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
        out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
      }
      sqlite3_finalize(s);
      return out;
    }
    sqlite3* db = nullptr;
  };

  std::string path() const { return dir_ + "/test.db"; }

  service::Actor secretary_at(core::Id org) {
    ok(services_->accounts.create(admin_, {"sec", "password-sec", std::nullopt, {{core::AccountRole::kSecretary, org}}}));
    auto actor = ok(services_->accounts.authenticate(ok(services_->accounts.login("sec", "password-sec", "10.0.0.7", "")).token));
    actor.address = "10.0.0.7";
    return actor;
  }
};

TEST_F(Audit, EveryWriteIsRecordedWithWhoWhereWhatBeforeAndAfter) {
  core::Org o;
  o.name = "党支部";
  o.kind = core::OrgKind::kBranch;
  const auto org = ok(services_->orgs.create(admin_, o)).id;
  const auto secretary = secretary_at(org);
  const auto plan = ok(services_->plans.create(secretary, org, 2026, "学习计划", {{{}, "专题一", ""}}));
  service::PlanPatch patch;
  patch.title = std::string("2026年学习计划");
  ok(services_->plans.update(secretary, plan.id, patch, std::nullopt));

  service::Visibility everything{true, {}, std::nullopt, date("2026-06-15")};
  const auto rows = read(*db_, [&](service::Repositories& r) -> core::Result<std::vector<service::AuditRecord>> {
    return r.audit().list({}, everything, {500, std::nullopt});
  });
  ASSERT_TRUE(rows);
  // The plan's insert, its topic's insert, then the title's update, each with who and which use case.
  std::vector<const service::AuditRecord*> plan_rows;
  for (const auto& r : *rows) {
    if (r.table_name == "plans" || r.table_name == "topics") plan_rows.push_back(&r);
  }
  ASSERT_EQ(plan_rows.size(), 3u);
  EXPECT_EQ(plan_rows[0]->table_name, "plans");
  EXPECT_EQ(plan_rows[0]->operation, "insert");
  EXPECT_EQ(plan_rows[0]->use_case, "plans.create");
  EXPECT_EQ(plan_rows[0]->login, "sec");
  EXPECT_EQ(plan_rows[0]->address, "10.0.0.7");
  EXPECT_EQ(plan_rows[0]->org_id, org);
  EXPECT_EQ(plan_rows[0]->row_id, plan.id);
  EXPECT_TRUE(plan_rows[0]->before.empty());
  EXPECT_EQ(boost::json::parse(plan_rows[0]->after).at("title"), "学习计划");
  EXPECT_EQ(plan_rows[1]->table_name, "topics");
  EXPECT_EQ(plan_rows[1]->org_id, org);  // a topic belongs to its plan's org
  EXPECT_EQ(plan_rows[2]->operation, "update");
  EXPECT_EQ(plan_rows[2]->use_case, "plans.update");
  EXPECT_EQ(boost::json::parse(plan_rows[2]->before).at("title"), "学习计划");
  EXPECT_EQ(boost::json::parse(plan_rows[2]->after).at("title"), "2026年学习计划");
  EXPECT_EQ(boost::json::parse(plan_rows[2]->after).at("version"), 2);
  // Secrets never reach the trail.
  for (const auto& r : *rows) {
    EXPECT_EQ(r.after.find("password_hash"), std::string::npos) << r.table_name;
    EXPECT_EQ(r.after.find("token_hash"), std::string::npos) << r.table_name;
    EXPECT_EQ(r.after.find("check_in_secret"), std::string::npos) << r.table_name;
  }
  // A failed write leaves no trail: it was rolled back with everything else.
  const auto before = rows->size();
  EXPECT_FALSE(services_->plans.create(secretary, org, 2026, "重复的计划", {}));
  const auto after = read(*db_, [&](service::Repositories& r) -> core::Result<std::size_t> {
    return r.audit().list({}, everything, {500, std::nullopt}).size();
  });
  EXPECT_EQ(*after, before);
  const auto v = db_->verify_audit_trail();
  EXPECT_EQ(v.first_broken_id, 0);
  EXPECT_EQ(static_cast<std::size_t>(v.rows), before);
  EXPECT_EQ(v.head_hash.size(), 64u);
}

TEST_F(Audit, TheTrailIsAppendOnlyAndOutsideWritesAreRefused) {
  core::Org o;
  o.name = "党支部";
  o.kind = core::OrgKind::kBranch;
  ok(services_->orgs.create(admin_, o));
  Raw raw(path());
  // The triggers refuse both kinds of rewrite ...
  EXPECT_NE(sqlite3_exec(raw.db, "UPDATE audit_log SET login = 'x'", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(raw.db, "DELETE FROM audit_log", nullptr, nullptr, nullptr), SQLITE_OK);
  // ... and a change to the data from outside xuefeng cannot be made unrecorded.
  EXPECT_NE(sqlite3_exec(raw.db, "UPDATE orgs SET name = '改名'", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_EQ(raw.text("SELECT name FROM orgs"), "党支部");
}

TEST_F(Audit, VerifyFindsAnAlteredRowAndARemovedOne) {
  core::Org o;
  o.kind = core::OrgKind::kBranch;
  for (const char* name : {"一支部", "二支部", "三支部", "四支部"}) {
    o.name = name;
    ok(services_->orgs.create(admin_, o));
  }
  ASSERT_EQ(db_->verify_audit_trail().first_broken_id, 0);
  {
    // Someone with the file drops the guard and edits row 2.
    Raw raw(path());
    raw.exec("DROP TRIGGER audit_log_append_only_update");
    raw.exec("UPDATE audit_log SET after = replace(after, '二支部', '假支部') WHERE id = 2");
  }
  auto v = db_->verify_audit_trail();
  EXPECT_EQ(v.first_broken_id, 2);
  EXPECT_NE(v.reason.find("altered"), std::string::npos);

  // Or removes row 3 entirely: the next row's link no longer matches.
  open();
  {
    Raw raw(path());
    raw.exec("UPDATE audit_log SET after = replace(after, '假支部', '二支部') WHERE id = 2");
    ASSERT_EQ(db_->verify_audit_trail().first_broken_id, 0);
    raw.exec("DROP TRIGGER audit_log_append_only_delete");
    raw.exec("DELETE FROM audit_log WHERE id = 3");
  }
  v = db_->verify_audit_trail();
  EXPECT_EQ(v.first_broken_id, 4);
  EXPECT_NE(v.reason.find("link"), std::string::npos);
}

TEST_F(Audit, ReadersSeeOnlyTheirSubtreesRows) {
  core::Org o;
  o.kind = core::OrgKind::kBranch;
  o.name = "甲支部";
  const auto a = ok(services_->orgs.create(admin_, o)).id;
  o.name = "乙支部";
  const auto b = ok(services_->orgs.create(admin_, o)).id;
  ok(services_->accounts.create(admin_, {"sup", "password-sup", std::nullopt, {{core::AccountRole::kSupervisor, a}}}));
  const auto sup = ok(services_->accounts.authenticate(ok(services_->accounts.login("sup", "password-sup", "t", "")).token));
  const auto page = ok(services_->audit.list(sup, std::nullopt, std::nullopt, std::nullopt, {500, std::nullopt}));
  ASSERT_FALSE(page.items.empty());
  for (const auto& r : page.items) EXPECT_EQ(r.org_id, a) << r.table_name << " " << r.use_case;
  EXPECT_EQ(services_->audit.list(sup, b, std::nullopt, std::nullopt, {50, std::nullopt}).error().code,
            core::ErrorCode::kNotFound);
  const auto all = ok(services_->audit.list(admin_, std::nullopt, std::nullopt, std::nullopt, {500, std::nullopt}));
  EXPECT_GT(all.items.size(), page.items.size());
}

}  // namespace
}  // namespace xuefeng::testing
