#pragma once

#include <string>
#include <vector>

#include "service/repositories.hpp"
#include "store/sqlite/connection.hpp"

namespace xuefeng::store::sqlite {

using core::Date;
using core::Id;
using core::Timestamp;
using service::PageRequest;

/// Sets of ids are bound as one JSON array and expanded with json_each(), so a statement's text stays
/// constant (and cached) whatever the number of ids.
std::string id_array(const std::vector<Id>& ids);

class SqliteOrgRepository final : public service::OrgRepository {
 public:
  explicit SqliteOrgRepository(Connection& c) : c_(c) {}
  std::optional<core::Org> find(Id id) override;
  std::vector<core::Org> find_many(const std::vector<Id>& ids) override;
  Id insert(const core::Org& org) override;
  void update(const core::Org& org) override;
  void move(Id id, std::optional<Id> new_parent_id, Timestamp at) override;
  void remove(Id id) override;
  std::vector<core::Org> list(std::optional<Id> parent_id, const service::Visibility& visible,
                              const PageRequest& page) override;
  std::vector<core::Org> subtree(Id root) override;
  std::vector<core::Org> children(Id parent_id) override;
  bool in_subtree(Id root, Id node) override;
  std::vector<Id> ancestors(Id id) override;
  service::Usage usage(Id id) override;

 private:
  Connection& c_;
};

class SqlitePersonRepository final : public service::PersonRepository {
 public:
  explicit SqlitePersonRepository(Connection& c) : c_(c) {}
  std::optional<core::Person> find(Id id) override;
  std::vector<core::Person> find_many(const std::vector<Id>& ids) override;
  Id insert(const core::Person& person) override;
  void update(const core::Person& person, bool name_changed) override;
  void remove(Id id) override;
  std::vector<core::Person> search(const std::string& query, const service::Visibility& visible,
                                   const PageRequest& page) override;
  std::vector<Id> in_scope(const std::vector<Id>& ids, const std::vector<Id>& roots) override;
  std::vector<core::Person> find_by_name(const std::string& name) override;
  service::Usage usage(Id id) override;

 private:
  void index_name(Id id, const std::string& name);
  Connection& c_;
};

class SqliteMembershipRepository final : public service::MembershipRepository {
 public:
  explicit SqliteMembershipRepository(Connection& c) : c_(c) {}
  Id insert(const core::Membership& membership) override;
  void update(const core::Membership& membership) override;
  void remove(Id membership_id) override;
  std::vector<core::Membership> of_person_in_org(Id org_id, Id person_id) override;
  std::vector<service::MemberView> list(Id org_id, std::optional<Date> on, const PageRequest& page) override;
  std::vector<Id> members_on(Id org_id, Date day) override;
  std::vector<Id> orgs_of_person(Id person_id, Date day) override;
  std::vector<service::MemberView> in_subtree_during(Id root, Date from, Date to) override;
  std::vector<service::PersonMembership> of_person_during(Id person_id, Date from, Date to) override;

 private:
  Connection& c_;
};

class SqlitePlanRepository final : public service::PlanRepository {
 public:
  explicit SqlitePlanRepository(Connection& c) : c_(c) {}
  std::optional<core::Plan> find(Id id) override;
  std::optional<core::Plan> find_by_org_year(Id org_id, int year) override;
  Id insert(core::Plan& plan) override;
  void update(const core::Plan& plan) override;
  void replace_topics(core::Plan& plan) override;
  std::vector<core::Plan> list(std::optional<Id> org_id, std::optional<int> year, const service::Visibility& visible,
                               const PageRequest& page) override;
  std::int64_t topic_usage(Id topic_id) override;

 private:
  void load_topics(std::vector<core::Plan>& plans);
  Connection& c_;
};

class SqliteActivityRepository final : public service::ActivityRepository {
 public:
  explicit SqliteActivityRepository(Connection& c) : c_(c) {}
  std::optional<core::Activity> find(Id id) override;
  Id insert(const core::Activity& activity, const std::string& check_in_secret) override;
  void update(const core::Activity& activity) override;
  void replace_people(const core::Activity& activity) override;
  void remove(Id id) override;
  std::vector<core::Activity> list(const service::ActivityFilter& filter, const PageRequest& page) override;
  Id next_series_id() override;
  std::string check_in_secret(Id id) override;
  std::vector<Id> audience(Id activity_id) override;
  bool expects(Id activity_id, Id person_id) override;
  bool involves(Id activity_id, Id person_id) override;
  service::Usage usage(Id id) override;

 private:
  void save_people(const core::Activity& activity);
  /// Fills speakers and invitees of all `activities` with two statements.
  void load_people(std::vector<core::Activity>& activities);
  Connection& c_;
};

class SqliteAttendanceRepository final : public service::AttendanceRepository {
 public:
  explicit SqliteAttendanceRepository(Connection& c) : c_(c) {}
  std::vector<core::AttendanceMark> marks(Id activity_id) override;
  std::optional<core::AttendanceMark> find(Id activity_id, Id person_id) override;
  void upsert(const core::AttendanceMark& mark) override;
  void remove(Id activity_id, Id person_id) override;

 private:
  Connection& c_;
};

class SqliteLeaveRepository final : public service::LeaveRepository {
 public:
  explicit SqliteLeaveRepository(Connection& c) : c_(c) {}
  std::optional<core::LeaveRequest> find(Id activity_id, Id person_id) override;
  std::vector<core::LeaveRequest> list(Id activity_id) override;
  void upsert(const core::LeaveRequest& request) override;

 private:
  Connection& c_;
};

class SqliteArchiveRepository final : public service::ArchiveRepository {
 public:
  explicit SqliteArchiveRepository(Connection& c) : c_(c) {}
  std::optional<core::ArchiveEntry> find(Id entry_id) override;
  Id insert(const core::ArchiveEntry& entry) override;
  void update(const core::ArchiveEntry& entry) override;
  void remove(Id entry_id) override;
  std::vector<core::ArchiveEntry> list(Id person_id, Date from, Date to) override;
  Id add_review(const core::ArchiveReview& review) override;

 private:
  void load_reviews(std::vector<core::ArchiveEntry>& entries);
  Connection& c_;
};

class SqliteReportQueries final : public service::ReportQueries {
 public:
  explicit SqliteReportQueries(Connection& c) : c_(c) {}
  std::vector<service::PersonActivity> attendance_of_person(Id person_id, Date from, Date to) override;
  std::vector<service::PersonActivity> speeches_of_person(Id person_id, Date from, Date to) override;
  service::OrgStats org_stats(Id org_id, bool descendants, Date from, Date to, Date held_by) override;
  std::vector<service::TopicCount> activities_by_topic(Id org_id, Date from, Date to) override;
  std::vector<service::ActivityRow> activity_rows(Id org_id, Date from, Date to) override;

 private:
  Connection& c_;
};

class SqliteAccountRepository final : public service::AccountRepository {
 public:
  explicit SqliteAccountRepository(Connection& c) : c_(c) {}
  std::optional<service::StoredAccount> find_by_login(const std::string& login) override;
  std::optional<core::Account> find(Id id) override;
  Id insert(const core::Account& account, const std::string& password_hash) override;
  std::vector<core::Account> list(const service::Visibility& visible, const PageRequest& page) override;
  bool add_grant(Id account_id, const core::Grant& grant) override;
  bool remove_grant(Id account_id, const core::Grant& grant) override;
  void set_password(Id account_id, const std::string& password_hash) override;
  std::string password_hash(Id account_id) override;
  std::int64_t count_with_role(core::AccountRole role) override;
  void insert_session(const std::string& token_hash, const service::StoredSession& session) override;
  std::optional<service::StoredSession> find_session(const std::string& token_hash) override;
  void touch_session(const std::string& token_hash, Timestamp at) override;
  void remove_session(const std::string& token_hash) override;
  void remove_sessions(Id account_id, const std::string& keep) override;
  void remove_expired_sessions(Timestamp now, Timestamp idle_before) override;

 private:
  void load_grants(std::vector<core::Account>& accounts);
  Connection& c_;
};

class SqliteAuditRepository final : public service::AuditRepository {
 public:
  explicit SqliteAuditRepository(Connection& c) : c_(c) {}
  std::vector<service::AuditRecord> list(const service::AuditQuery& query, const service::Visibility& visible,
                                         const PageRequest& page) override;

 private:
  Connection& c_;
};

class SqliteRequirementRepository final : public service::RequirementRepository {
 public:
  explicit SqliteRequirementRepository(Connection& c) : c_(c) {}
  std::optional<service::StoredRequirementSet> find(Id id) override;
  Id insert(const service::StoredRequirementSet& set) override;
  void update(const service::StoredRequirementSet& set) override;
  void remove(Id id) override;
  std::vector<service::StoredRequirementSet> list(std::optional<Id> org_id, const service::Visibility& visible,
                                                  const PageRequest& page) override;
  std::vector<service::StoredRequirementSet> reaching(Id org_id) override;
  std::vector<service::StoredRequirementSet> binding_person(Id person_id, Date from, Date to) override;

 private:
  Connection& c_;
};

class SqliteComplianceQueries final : public service::ComplianceQueries {
 public:
  explicit SqliteComplianceQueries(Connection& c) : c_(c) {}
  std::int64_t change_mark() override;
  service::TouchedFacts touched(std::int64_t after, std::int64_t upto) override;
  std::vector<service::BoundPerson> bound_people(Id root, const core::SubjectFilter& subject, core::DateSpan year,
                                                 std::optional<Id> person_id) override;
  std::vector<service::BoundOrg> bound_orgs(Id set_org, Id root, const core::SubjectFilter& subject) override;
  std::map<Id, core::PersonFacts> person_facts(const std::vector<Id>& people, core::DateSpan year) override;
  std::map<Id, core::OrgFacts> org_facts(const std::vector<Id>& orgs, core::DateSpan year) override;

 private:
  Connection& c_;
};

/// All repositories over one connection.
class SqliteRepositories final : public service::Repositories {
 public:
  explicit SqliteRepositories(Connection& c)
      : orgs_(c), people_(c), memberships_(c), plans_(c), activities_(c), attendance_(c), leave_(c), archive_(c),
        reports_(c), accounts_(c), audit_(c), requirements_(c), compliance_(c) {}
  service::OrgRepository& orgs() override { return orgs_; }
  service::PersonRepository& people() override { return people_; }
  service::MembershipRepository& memberships() override { return memberships_; }
  service::PlanRepository& plans() override { return plans_; }
  service::ActivityRepository& activities() override { return activities_; }
  service::AttendanceRepository& attendance() override { return attendance_; }
  service::LeaveRepository& leave() override { return leave_; }
  service::ArchiveRepository& archive() override { return archive_; }
  service::ReportQueries& reports() override { return reports_; }
  service::AccountRepository& accounts() override { return accounts_; }
  service::AuditRepository& audit() override { return audit_; }
  service::RequirementRepository& requirements() override { return requirements_; }
  service::ComplianceQueries& compliance() override { return compliance_; }

 private:
  SqliteOrgRepository orgs_;
  SqlitePersonRepository people_;
  SqliteMembershipRepository memberships_;
  SqlitePlanRepository plans_;
  SqliteActivityRepository activities_;
  SqliteAttendanceRepository attendance_;
  SqliteLeaveRepository leave_;
  SqliteArchiveRepository archive_;
  SqliteReportQueries reports_;
  SqliteAccountRepository accounts_;
  SqliteAuditRepository audit_;
  SqliteRequirementRepository requirements_;
  SqliteComplianceQueries compliance_;
};

}  // namespace xuefeng::store::sqlite
