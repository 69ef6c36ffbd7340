#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/requirement.hpp"
#include "core/result.hpp"

namespace xuefeng::service {

using core::Date;
using core::Id;
using core::Timestamp;

// The storage the use cases need, declared here and implemented in src/store/*. Repositories are bound
// to one open transaction; they never commit. Unexpected storage failures throw (they end the request);
// expected ones (a unique key taken) are reported as values where the use case can act on them.

/// Keyset position in a sorted list: the sort key of the last item returned (0 when sorting by id
/// alone; days since epoch when sorting by date) and its id.
struct Cursor {
  std::int64_t key = 0;
  Id id = 0;
};

struct PageRequest {
  int limit = 50;
  std::optional<Cursor> after;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<Cursor> next;
};

/// What a list may return: everything, or what lies in the subtrees rooted at `roots`, plus what concerns
/// `person_id` itself (their own record, the activities they take part in, the orgs they belong to).
struct Visibility {
  bool everything = false;
  std::vector<Id> roots;
  std::optional<Id> person_id;
  /// The day on which "belongs to an org" is judged.
  Date today;
};

/// Why an org or person cannot be deleted: what still refers to it.
struct Usage {
  std::int64_t children = 0;
  std::int64_t memberships = 0;
  std::int64_t plans = 0;
  std::int64_t activities = 0;
  std::int64_t attendance = 0;
  std::int64_t archive_entries = 0;
  std::int64_t accounts = 0;
  std::int64_t speeches = 0;
  std::int64_t requirement_sets = 0;
  bool any() const {
    return children + memberships + plans + activities + attendance + archive_entries + accounts + speeches +
               requirement_sets >
           0;
  }
};

class OrgRepository {
 public:
  virtual ~OrgRepository() = default;
  virtual std::optional<core::Org> find(Id id) = 0;
  virtual std::vector<core::Org> find_many(const std::vector<Id>& ids) = 0;
  virtual Id insert(const core::Org& org) = 0;
  /// Name and kind; bumps the version.
  virtual void update(const core::Org& org) = 0;
  /// Re-parents `id` and its whole subtree.
  virtual void move(Id id, std::optional<Id> new_parent_id, Timestamp at) = 0;
  virtual void remove(Id id) = 0;
  /// Orgs by id, those visible; only children of `parent_id` when given.
  virtual std::vector<core::Org> list(std::optional<Id> parent_id, const Visibility& visible,
                                      const PageRequest& page) = 0;
  /// `root` and all its descendants, parents before children.
  virtual std::vector<core::Org> subtree(Id root) = 0;
  /// The orgs directly under `parent_id`, by id.
  virtual std::vector<core::Org> children(Id parent_id) = 0;
  /// True if `node` is `root` or one of its descendants.
  virtual bool in_subtree(Id root, Id node) = 0;
  /// `id` and all its ancestors.
  virtual std::vector<Id> ancestors(Id id) = 0;
  virtual Usage usage(Id id) = 0;
};

class PersonRepository {
 public:
  virtual ~PersonRepository() = default;
  virtual std::optional<core::Person> find(Id id) = 0;
  /// Those of `ids` that exist, in no particular order.
  virtual std::vector<core::Person> find_many(const std::vector<Id>& ids) = 0;
  virtual Id insert(const core::Person& person) = 0;
  /// Saves the person; `name_changed` says whether the name's search index must be rebuilt.
  virtual void update(const core::Person& person, bool name_changed) = 0;
  virtual void remove(Id id) = 0;
  /// People by id, those visible; with `query`, only those whose name contains it.
  virtual std::vector<core::Person> search(const std::string& query, const Visibility& visible,
                                           const PageRequest& page) = 0;
  /// Those of `ids` that lie in the subtrees rooted at `roots`: kept by an org there, or a member (now or
  /// once) of an org there.
  virtual std::vector<Id> in_scope(const std::vector<Id>& ids, const std::vector<Id>& roots) = 0;
  /// People with exactly this name, for matching roster rows to existing people.
  virtual std::vector<core::Person> find_by_name(const std::string& name) = 0;
  virtual Usage usage(Id id) = 0;
};

/// A membership with the member's name, as lists show it.
struct MemberView {
  core::Membership membership;
  std::string person_name;
};

/// A membership with its org's name, as a person's record shows it.
struct PersonMembership {
  core::Membership membership;
  std::string org_name;
};

class MembershipRepository {
 public:
  virtual ~MembershipRepository() = default;
  virtual Id insert(const core::Membership& membership) = 0;
  virtual void update(const core::Membership& membership) = 0;
  virtual void remove(Id membership_id) = 0;
  /// All memberships (past, present, future) of a person in an org.
  virtual std::vector<core::Membership> of_person_in_org(Id org_id, Id person_id) = 0;
  /// Members of the org on `on`, or every membership ever when `on` is empty; ordered by membership id.
  virtual std::vector<MemberView> list(Id org_id, std::optional<Date> on, const PageRequest& page) = 0;
  /// The ids of people who belonged to the org on `day`.
  virtual std::vector<Id> members_on(Id org_id, Date day) = 0;
  /// The orgs the person belonged to on `day`.
  virtual std::vector<Id> orgs_of_person(Id person_id, Date day) = 0;
  /// Memberships of orgs in the subtree of `root` that overlap [from, to], with the member's name; by id.
  virtual std::vector<MemberView> in_subtree_during(Id root, Date from, Date to) = 0;
  /// The person's memberships, of any org, that overlap [from, to], with the org's name; by start, then id.
  virtual std::vector<PersonMembership> of_person_during(Id person_id, Date from, Date to) = 0;
};

class PlanRepository {
 public:
  virtual ~PlanRepository() = default;
  virtual std::optional<core::Plan> find(Id id) = 0;
  virtual std::optional<core::Plan> find_by_org_year(Id org_id, int year) = 0;
  /// Inserts the plan and its topics; fills in the new ids.
  virtual Id insert(core::Plan& plan) = 0;
  /// Saves the title; bumps the version.
  virtual void update(const core::Plan& plan) = 0;
  /// Saves the topics: those with an id are updated, those without inserted (ids filled in), missing ones
  /// deleted.
  virtual void replace_topics(core::Plan& plan) = 0;
  /// Plans by id, those visible, of one org if given, of one year if given.
  virtual std::vector<core::Plan> list(std::optional<Id> org_id, std::optional<int> year, const Visibility& visible,
                                       const PageRequest& page) = 0;
  /// How many activities name the topic.
  virtual std::int64_t topic_usage(Id topic_id) = 0;
};

struct ActivityFilter {
  std::optional<Id> org_id;  // empty: any org
  bool descendants = false;  // with org_id: the whole subtree
  std::optional<Date> from;
  std::optional<Date> to;
  std::optional<core::ActivityKind> kind;
  /// Set: only activities begun by this day with someone expected and not yet marked.
  std::optional<Date> unmarked_by;
  /// Which activities the reader may see (those a person takes part in count as theirs).
  Visibility visible;
};

class ActivityRepository {
 public:
  virtual ~ActivityRepository() = default;
  virtual std::optional<core::Activity> find(Id id) = 0;
  /// Inserts with speakers and invitees; returns the new id.
  virtual Id insert(const core::Activity& activity, const std::string& check_in_secret) = 0;
  /// Saves the activity's own fields; bumps the version.
  virtual void update(const core::Activity& activity) = 0;
  /// Saves speakers and invitees as given.
  virtual void replace_people(const core::Activity& activity) = 0;
  virtual void remove(Id id) = 0;
  /// Sorted by starts_on then id; the cursor key is starts_on's day number.
  virtual std::vector<core::Activity> list(const ActivityFilter& filter, const PageRequest& page) = 0;
  virtual Id next_series_id() = 0;
  virtual std::string check_in_secret(Id id) = 0;
  /// The people expected: members of the org on starts_on, plus invitees.
  virtual std::vector<Id> audience(Id activity_id) = 0;
  /// Whether one person is expected: one indexed lookup, whatever the audience's size (check-in's path).
  virtual bool expects(Id activity_id, Id person_id) = 0;
  /// True if `person_id` is in the audience, a speaker or the host.
  virtual bool involves(Id activity_id, Id person_id) = 0;
  /// Attendance marks and archive entries that refer to the activity.
  virtual Usage usage(Id id) = 0;
};

class AttendanceRepository {
 public:
  virtual ~AttendanceRepository() = default;
  virtual std::vector<core::AttendanceMark> marks(Id activity_id) = 0;
  virtual std::optional<core::AttendanceMark> find(Id activity_id, Id person_id) = 0;
  virtual void upsert(const core::AttendanceMark& mark) = 0;
  virtual void remove(Id activity_id, Id person_id) = 0;
};

class LeaveRepository {
 public:
  virtual ~LeaveRepository() = default;
  virtual std::optional<core::LeaveRequest> find(Id activity_id, Id person_id) = 0;
  virtual std::vector<core::LeaveRequest> list(Id activity_id) = 0;
  virtual void upsert(const core::LeaveRequest& request) = 0;
};

class ArchiveRepository {
 public:
  virtual ~ArchiveRepository() = default;
  /// With its reviews.
  virtual std::optional<core::ArchiveEntry> find(Id entry_id) = 0;
  virtual Id insert(const core::ArchiveEntry& entry) = 0;
  virtual void update(const core::ArchiveEntry& entry) = 0;
  virtual void remove(Id entry_id) = 0;
  /// A person's entries dated within [from, to], with their reviews, by date then id.
  virtual std::vector<core::ArchiveEntry> list(Id person_id, Date from, Date to) = 0;
  virtual Id add_review(const core::ArchiveReview& review) = 0;
};

/// An activity as a person's archive lists it, with that person's mark.
struct PersonActivity {
  core::Activity activity;  // without speakers and invitees
  std::optional<core::AttendanceStatus> status;
  std::string org_name;
  std::string speech_title;  // for speeches
};

struct AudienceCount {
  Id activity_id = 0;
  std::int64_t expected = 0;
  std::int64_t attended = 0;
};

struct OrgStats {
  /// Activities held so far in the period (started on or before the day asked about).
  std::int64_t activities = 0;
  /// Activities of the period still to come.
  std::int64_t upcoming = 0;
  std::vector<std::pair<core::ActivityKind, std::int64_t>> activities_by_kind;
  std::int64_t study_days = 0;
  double credit_hours = 0;
  std::int64_t expected = 0;
  std::int64_t attended = 0;
};

struct ActivityRow {
  Id activity_id = 0;
  core::ActivityKind kind = core::ActivityKind::kCentralizedStudy;
  std::string title;
  std::string org_name;
  Date starts_on;
  Date ends_on;
  double credit_hours = 0;
  std::int64_t expected = 0;
  std::int64_t attended = 0;
};

struct TopicCount {
  Id topic_id = 0;
  std::string title;
  std::int64_t activities = 0;
};

/// Read-side queries that join across records, each one statement (no query per row).
class ReportQueries {
 public:
  virtual ~ReportQueries() = default;
  /// Activities dated within [from, to] at which the person was expected, with their mark.
  virtual std::vector<PersonActivity> attendance_of_person(Id person_id, Date from, Date to) = 0;
  /// Activities dated within [from, to] at which the person spoke.
  virtual std::vector<PersonActivity> speeches_of_person(Id person_id, Date from, Date to) = 0;
  /// Activity counts for the org (and its subtree if `descendants`) within [from, to]; expected and
  /// attended count only activities that started on or before `held_by`.
  virtual OrgStats org_stats(Id org_id, bool descendants, Date from, Date to, Date held_by) = 0;
  /// Activities of the subtree started within [from, to], counted by plan topic, most first.
  virtual std::vector<TopicCount> activities_by_topic(Id org_id, Date from, Date to) = 0;
  /// Activities of the subtree started within [from, to], by date, with their org's name; the audience
  /// (`expected`, `attended`) is left at 0 for the caller, who has it from the orgs' facts.
  virtual std::vector<ActivityRow> activity_rows(Id org_id, Date from, Date to) = 0;
};

struct StoredAccount {
  core::Account account;
  std::string password_hash;
};

struct StoredSession {
  Id account_id = 0;
  Timestamp created_at;
  Timestamp last_seen_at;
  Timestamp expires_at;
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;
  virtual std::optional<StoredAccount> find_by_login(const std::string& login) = 0;
  virtual std::optional<core::Account> find(Id id) = 0;
  virtual Id insert(const core::Account& account, const std::string& password_hash) = 0;
  /// Accounts by id, those visible: whose person, or one of whose grants, lies in the subtrees of `roots`.
  virtual std::vector<core::Account> list(const Visibility& visible, const PageRequest& page) = 0;
  virtual bool add_grant(Id account_id, const core::Grant& grant) = 0;
  /// False if the account had no such grant.
  virtual bool remove_grant(Id account_id, const core::Grant& grant) = 0;
  virtual void set_password(Id account_id, const std::string& password_hash) = 0;
  virtual std::int64_t count_with_role(core::AccountRole role) = 0;
  virtual std::string password_hash(Id account_id) = 0;

  virtual void insert_session(const std::string& token_hash, const StoredSession& session) = 0;
  virtual std::optional<StoredSession> find_session(const std::string& token_hash) = 0;
  virtual void touch_session(const std::string& token_hash, Timestamp at) = 0;
  virtual void remove_session(const std::string& token_hash) = 0;
  /// Every session of the account, except `keep` (a token hash) if given.
  virtual void remove_sessions(Id account_id, const std::string& keep) = 0;
  /// Removes sessions past their absolute end, or idle since before `idle_before`.
  virtual void remove_expired_sessions(Timestamp now, Timestamp idle_before) = 0;
};

/// One row of the audit trail: a row of a domain table inserted, updated or deleted by a use case.
struct AuditRecord {
  Id id = 0;
  Timestamp at;
  std::optional<Id> account_id;  // empty: the system
  std::string login;
  std::string address;
  std::string use_case;
  std::string table_name;
  std::string operation;  // insert, update, delete
  std::optional<Id> row_id;
  std::optional<Id> org_id;
  std::string before;  // JSON object text, empty for an insert
  std::string after;   // JSON object text, empty for a delete
  std::string hash;
};

struct AuditQuery {
  std::optional<Id> org_id;  // this org's subtree only
  std::optional<Timestamp> from;
  std::optional<Timestamp> to;  // exclusive
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  /// Oldest first, keyed by id; only rows whose org lies in the visible subtrees (rows without an org
  /// only when everything is visible).
  virtual std::vector<AuditRecord> list(const AuditQuery& query, const Visibility& visible, const PageRequest& page) = 0;
};

// ---------------------------------------------------------------------------------------------------
// Requirements and compliance

/// A requirement set as stored: its document is the canonical JSON text (service/requirements.hpp).
struct StoredRequirementSet {
  Id id = 0;
  Id org_id = 0;
  std::optional<std::string> template_code;
  std::string document;
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
};

class RequirementRepository {
 public:
  virtual ~RequirementRepository() = default;
  virtual std::optional<StoredRequirementSet> find(Id id) = 0;
  virtual Id insert(const StoredRequirementSet& set) = 0;
  /// Writes the document and bumps the version.
  virtual void update(const StoredRequirementSet& set) = 0;
  virtual void remove(Id id) = 0;
  /// By id; only sets of orgs in the visible subtrees; of one org if `org_id` is given.
  virtual std::vector<StoredRequirementSet> list(std::optional<Id> org_id, const Visibility& visible,
                                                 const PageRequest& page) = 0;
  /// The sets that reach into the subtree of `org_id`: attached to it, to an org above it, or to an org
  /// below it. By id.
  virtual std::vector<StoredRequirementSet> reaching(Id org_id) = 0;
  /// The sets attached to an org above or at one where the person was a member in [from, to]. By id.
  virtual std::vector<StoredRequirementSet> binding_person(Id person_id, Date from, Date to) = 0;
};

/// A person bound by a requirement: a member, matching its subject, of an org in its subtree.
struct BoundPerson {
  Id person_id = 0;
  std::string name;
  /// Their first and last day as such a member in the year, cut to the year.
  core::DateSpan bound;
};

struct BoundOrg {
  Id org_id = 0;
  std::string name;
};

/// What writes may have changed in the inputs of compliance, read back from the audit trail: every
/// write of every use case (and of the command line) leaves rows there, in the same transaction.
struct TouchedFacts {
  /// People whose facts (person_facts) may differ.
  std::vector<Id> people;
  /// Orgs whose facts (org_facts) may differ.
  std::vector<Id> orgs;
  /// People, memberships or orgs changed: who is bound (bound_people, bound_orgs) may differ anywhere.
  bool subjects = false;
};

class ComplianceQueries {
 public:
  virtual ~ComplianceQueries() = default;
  /// The last row of the audit trail this transaction sees. Every write adds rows, so two transactions
  /// at the same mark see the same data.
  virtual std::int64_t change_mark() = 0;
  /// What the writes recorded after mark `after`, up to `upto`, may have changed.
  virtual TouchedFacts touched(std::int64_t after, std::int64_t upto) = 0;
  /// People bound in the year by a person subject over the subtree of `root`, by id; only `person_id`
  /// if given.
  virtual std::vector<BoundPerson> bound_people(Id root, const core::SubjectFilter& subject, core::DateSpan year,
                                                std::optional<Id> person_id) = 0;
  /// Orgs bound by an org subject of a set attached to `set_org`, within the subtree of `root` (`set_org`
  /// or an org below it), by id.
  virtual std::vector<BoundOrg> bound_orgs(Id set_org, Id root, const core::SubjectFilter& subject) = 0;
  /// What each person did in the year (`bound` left for the caller). Archive entries are read up to a
  /// year past its end, for make-up study of the last weeks.
  virtual std::map<Id, core::PersonFacts> person_facts(const std::vector<Id>& people, core::DateSpan year) = 0;
  virtual std::map<Id, core::OrgFacts> org_facts(const std::vector<Id>& orgs, core::DateSpan year) = 0;
};

/// One transaction's view of the store.
class Repositories {
 public:
  virtual ~Repositories() = default;
  virtual OrgRepository& orgs() = 0;
  virtual PersonRepository& people() = 0;
  virtual MembershipRepository& memberships() = 0;
  virtual PlanRepository& plans() = 0;
  virtual ActivityRepository& activities() = 0;
  virtual AttendanceRepository& attendance() = 0;
  virtual LeaveRepository& leave() = 0;
  virtual ArchiveRepository& archive() = 0;
  virtual ReportQueries& reports() = 0;
  virtual AccountRepository& accounts() = 0;
  virtual AuditRepository& audit() = 0;
  virtual RequirementRepository& requirements() = 0;
  virtual ComplianceQueries& compliance() = 0;
};

using TransactionWork = std::function<core::Status(Repositories&)>;

/// Who is writing, recorded in the audit trail with every row the write changes.
struct WriteContext {
  Id account_id = 0;      // 0: the system (the command line)
  std::string login;
  std::string address;    // the client's IP address, or "cli"
  std::string use_case;   // "activities.create", ...
  Timestamp at;
};

/// Runs use cases as transactions. `write` commits only if the work succeeds and returns once the
/// commit is durable; a failed or throwing work leaves nothing behind.
class Database {
 public:
  virtual ~Database() = default;
  virtual core::Status read(const TransactionWork& work) = 0;
  virtual core::Status write(const WriteContext& context, const TransactionWork& work) = 0;
};

namespace detail {

// Runs `work` through `run` (Database::read or ::write) and hands back its Result, value or failure.
template <typename F, typename Run>
auto transact(F& work, Run run) -> std::invoke_result_t<F&, Repositories&> {
  using R = std::invoke_result_t<F&, Repositories&>;
  std::optional<R> out;
  core::Status status = run([&](Repositories& repos) -> core::Status {
    out.emplace(work(repos));
    if (out->has_value()) return core::Ok{};
    return core::fail(out->error());
  });
  if (!status) return core::fail(std::move(status).error());
  return std::move(*out);
}

}  // namespace detail

/// `read`/`write` for work that returns a value: `auto org = read(db, [&](Repositories& r) { ... });`
template <typename F>
auto read(Database& db, F&& work) -> std::invoke_result_t<F&, Repositories&> {
  return detail::transact(work, [&](const TransactionWork& w) { return db.read(w); });
}

template <typename F>
auto write(Database& db, const WriteContext& context, F&& work) -> std::invoke_result_t<F&, Repositories&> {
  return detail::transact(work, [&](const TransactionWork& w) { return db.write(context, w); });
}

}  // namespace xuefeng::service
