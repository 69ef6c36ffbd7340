#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/access.hpp"
#include "core/model.hpp"
#include "core/requirement.hpp"
#include "core/result.hpp"
#include "core/rules.hpp"
#include "service/actor.hpp"
#include "service/fact_cache.hpp"
#include "service/repositories.hpp"
#include "service/throttle.hpp"

namespace xuefeng::service {

class Access;

template <typename T>
using Result = core::Result<T>;
using core::Status;
using core::Version;

/// One field of a PATCH body: absent means "leave as is". For nullable fields T is itself an optional,
/// whose nullopt means "clear".
template <typename T>
using Patch = std::optional<T>;

struct ServiceConfig {
  /// The deployment's offset from UTC: what "today" and local times mean.
  core::UtcOffset offset;
  core::CheckInPolicy check_in;
  /// A session ends after this long without requests ...
  std::int64_t session_idle_seconds = 8 * 3600;
  /// ... and at the latest this long after login.
  std::int64_t session_absolute_seconds = 7 * 24 * 3600;
  /// Person-years (and org-years) of compliance facts kept in memory (FactCache); 0 reads them every time.
  std::size_t fact_cache_capacity = 250'000;
};

/// What every use case needs: the database, the clock and the deployment's settings.
class ServiceContext {
 public:
  ServiceContext(Database& db, const core::Clock& clock, ServiceConfig config)
      : db_(db), clock_(clock), config_(config) {}
  Database& db() const { return db_; }
  core::Timestamp now() const { return clock_.now(); }
  core::Date today() const { return clock_.now().local_date(config_.offset); }
  const ServiceConfig& config() const { return config_; }
  /// Who writes and why, for the audit trail: the actor and the use case's name ("orgs.create").
  WriteContext write_context(const Actor& actor, const char* use_case) const {
    return {actor.account_id, actor.login, actor.address, use_case, now()};
  }

 private:
  Database& db_;
  const core::Clock& clock_;
  ServiceConfig config_;
};

// ---------------------------------------------------------------------------------------------------
// Accounts and sessions

struct NewAccount {
  std::string login;
  std::string password;
  std::optional<core::Id> person_id;
  std::vector<core::Grant> grants;
};

struct LoginResult {
  std::string token;
  core::Account account;
  core::Timestamp issued_at;
  core::Timestamp expires_at;
};

class AccountService {
 public:
  explicit AccountService(const ServiceContext& ctx) : ctx_(ctx) {}

  /// Creates an admin account; used by `xuefeng init`.
  Result<core::Account> create_admin(const std::string& login, const std::string& password);
  /// By an admin or an org admin: grants only on orgs they manage, never above their own role.
  Result<core::Account> create(const Actor& actor, const NewAccount& input);
  Result<core::Account> get(const Actor& actor, core::Id account_id);
  Result<Page<core::Account>> list(const Actor& actor, const PageRequest& page);
  Result<core::Account> add_grant(const Actor& actor, core::Id account_id, const core::Grant& grant);
  Result<core::Account> remove_grant(const Actor& actor, core::Id account_id, const core::Grant& grant);
  /// Sets a new password for someone else's account and ends all its sessions.
  Status reset_password(const Actor& actor, core::Id account_id, const std::string& password);
  /// The actor's own password; every other session of the account ends.
  Status change_password(const Actor& actor, const std::string& token, const std::string& current,
                         const std::string& replacement);
  /// Checks the password and opens a new session (ending `previous_token`'s, if any). Unknown login and
  /// wrong password give the same answer; repeated failures are throttled (too_many_requests).
  Result<LoginResult> login(const std::string& login, const std::string& password, const std::string& address,
                            const std::string& previous_token);
  /// Ends this session, or every session of the account.
  Status logout(const Actor& actor, const std::string& token, bool everywhere);
  /// The actor behind a session token, if the session is open.
  Result<Actor> authenticate(const std::string& token);
  Result<core::Account> current(const Actor& actor);

 private:
  Result<core::Account> insert(const Actor& actor, const NewAccount& input);
  const ServiceContext& ctx_;
  LoginThrottle throttle_;
};

// ---------------------------------------------------------------------------------------------------
// Organizations and memberships

struct OrgPatch {
  Patch<std::string> name;
  Patch<core::OrgKind> kind;
  Patch<std::optional<core::Id>> parent_id;
};

struct OrgTreeNode {
  core::Org org;
  std::vector<OrgTreeNode> children;
};

struct NewMembership {
  core::Id person_id = 0;
  core::MemberRole role = core::MemberRole::kMember;
  std::optional<core::Date> since;  // default: today
  std::optional<core::Date> until;
};

struct RosterImportResult {
  int rows = 0;
  int people_created = 0;
  int people_matched = 0;
  int memberships_created = 0;
  int memberships_unchanged = 0;
  bool dry_run = false;
};

class OrgService {
 public:
  explicit OrgService(const ServiceContext& ctx) : ctx_(ctx) {}

  Result<core::Org> create(const Actor& actor, core::Org org);
  Result<core::Org> get(const Actor& actor, core::Id id);
  Result<Page<core::Org>> list(const Actor& actor, std::optional<core::Id> parent_id, const PageRequest& page);
  Result<core::Org> update(const Actor& actor, core::Id id, const OrgPatch& patch, std::optional<Version> if_match);
  /// Refused (conflict) while anything refers to the org: children, members, plans or activities.
  Status remove(const Actor& actor, core::Id id, std::optional<Version> if_match);
  Result<OrgTreeNode> tree(const Actor& actor, core::Id id);

  Result<MemberView> add_member(const Actor& actor, core::Id org_id, const NewMembership& input);
  /// Members on `on` (default today), or all memberships ever when `history` is set.
  Result<Page<MemberView>> members(const Actor& actor, core::Id org_id, std::optional<core::Date> on, bool history,
                                   const PageRequest& page);
  /// Ends the person's current membership on `until` (default today), keeping the history.
  Result<MemberView> end_membership(const Actor& actor, core::Id org_id, core::Id person_id,
                                    std::optional<core::Date> until);
  /// All-or-nothing: people are matched by name and birth date or created, and memberships added from
  /// `since` (default today). With `dry_run`, checks everything and writes nothing.
  Result<RosterImportResult> import_roster(const Actor& actor, core::Id org_id, const std::string& csv_bytes,
                                           std::optional<core::Date> since, bool dry_run);

 private:
  const ServiceContext& ctx_;
};

// ---------------------------------------------------------------------------------------------------
// People

/// A person as the reader may see them: phone and birth date only for those whose role needs them (and
/// the person themself); otherwise the phone is shortened to its ends and the birth date left out.
struct PersonView {
  core::Person person;
  bool masked = false;
  /// The person as is when the reader may see phone and birth date, masked otherwise.
  static PersonView shown(core::Person person, bool sensitive_visible);
};

struct PersonPatch {
  Patch<std::string> name;
  Patch<std::optional<core::Gender>> gender;
  Patch<std::optional<core::Date>> birth_date;
  Patch<bool> party_member;
  Patch<std::optional<core::CadreLevel>> cadre_level;
  Patch<std::string> post;
  Patch<std::string> phone;
  Patch<std::optional<core::Id>> org_id;
};

class PersonService {
 public:
  explicit PersonService(const ServiceContext& ctx) : ctx_(ctx) {}

  Result<PersonView> create(const Actor& actor, core::Person person);
  Result<PersonView> get(const Actor& actor, core::Id id);
  Result<Page<PersonView>> search(const Actor& actor, const std::string& query, const PageRequest& page);
  Result<PersonView> update(const Actor& actor, core::Id id, const PersonPatch& patch,
                            std::optional<Version> if_match);
  /// Refused (conflict) once the person has any history; end their memberships instead.
  Status remove(const Actor& actor, core::Id id, std::optional<Version> if_match);

 private:
  const ServiceContext& ctx_;
};

// ---------------------------------------------------------------------------------------------------
// Plans

struct TopicInput {
  std::optional<core::Id> id;  // PATCH: an existing topic to keep
  std::string title;
  std::string description;
};

struct PlanPatch {
  Patch<std::string> title;
  /// Replaces the topic list: topics given with an id are kept (and updated), new ones added, the rest
  /// deleted (refused while activities name them).
  Patch<std::vector<TopicInput>> topics;
};

class PlanService {
 public:
  explicit PlanService(const ServiceContext& ctx) : ctx_(ctx) {}

  Result<core::Plan> create(const Actor& actor, core::Id org_id, int year, std::string title,
                            const std::vector<TopicInput>& topics);
  Result<core::Plan> get(const Actor& actor, core::Id id);
  Result<Page<core::Plan>> list(const Actor& actor, std::optional<core::Id> org_id, std::optional<int> year,
                                const PageRequest& page);
  Result<core::Plan> update(const Actor& actor, core::Id id, const PlanPatch& patch, std::optional<Version> if_match);

 private:
  const ServiceContext& ctx_;
};

// ---------------------------------------------------------------------------------------------------
// Activities, attendance, check-in, leave

struct Repeat {
  core::RepeatEvery every = core::RepeatEvery::kWeek;
  core::Date until;
};

/// An activity with the names a reader needs beside the ids.
struct ActivityView {
  core::Activity activity;
  std::map<core::Id, std::string> person_names;  // speakers and host
};

struct ActivityPatch {
  Patch<std::optional<core::Id>> plan_id;
  Patch<std::optional<core::Id>> topic_id;
  Patch<core::ActivityKind> kind;
  Patch<std::string> title;
  /// Moving starts_on moves ends_on and the times by the same number of days, unless they are given too.
  Patch<core::Date> starts_on;
  Patch<core::Date> ends_on;
  Patch<std::optional<core::Timestamp>> starts_at;
  Patch<std::optional<core::Timestamp>> ends_at;
  Patch<std::string> location;
  Patch<std::optional<core::Id>> host_id;
  Patch<double> credit_hours;
  Patch<std::vector<core::Speaker>> speakers;
  Patch<std::vector<core::Id>> invitees;
};

struct ActivityQuery {
  std::optional<core::Id> org_id;
  bool descendants = false;
  std::optional<core::Date> from;
  std::optional<core::Date> to;
  std::optional<core::ActivityKind> kind;
  /// Only activities that have begun by today and still have someone expected without a mark (the
  /// workbench's "attendance still to record").
  bool unmarked = false;
};

struct AttendanceItem {
  core::Id person_id = 0;
  std::string name;
  /// 职务, as the person's record has it (for the printed sign-in sheet).
  std::string post;
  std::optional<core::AttendanceStatus> status;
  std::optional<core::Timestamp> checked_in_at;
  std::string note;
  /// False for someone marked who is no longer in the audience (e.g. after the date changed).
  bool expected = true;
  std::optional<core::LeaveRequest> leave;
};

struct AttendanceSheet {
  core::Id activity_id = 0;
  /// The activity itself and its org's name, for a sheet that stands alone (the 签到表 export).
  core::Activity activity;
  std::string org_name;
  std::int64_t expected = 0;
  std::int64_t attended = 0;
  double participation_rate = 0;
  std::vector<AttendanceItem> items;
};

/// The most attendance marks one request may set (a whole county-level training is a few hundred people).
inline constexpr std::size_t kMaxMarksPerRequest = 5000;

struct MarkInput {
  core::Id person_id = 0;
  std::optional<core::AttendanceStatus> status;  // nullopt clears the mark
  std::string note;
};

struct CheckInCode {
  std::string code;
  core::Timestamp valid_until;
  core::Timestamp window_opens;
  core::Timestamp window_closes;
};

struct CheckInResult {
  core::AttendanceStatus status = core::AttendanceStatus::kPresent;
  core::Timestamp checked_in_at;
  bool already = false;  // the person had checked in before; nothing changed
};

class ActivityService {
 public:
  explicit ActivityService(const ServiceContext& ctx) : ctx_(ctx) {}

  /// Creates one activity, or a series when `repeat` is given (all or none).
  Result<std::vector<ActivityView>> create(const Actor& actor, core::Activity activity,
                                           const std::optional<Repeat>& repeat);
  Result<ActivityView> get(const Actor& actor, core::Id id);
  Result<Page<ActivityView>> list(const Actor& actor, const ActivityQuery& query, const PageRequest& page);
  Result<ActivityView> update(const Actor& actor, core::Id id, const ActivityPatch& patch,
                              std::optional<Version> if_match);
  /// Refused (conflict) once attendance is marked or archive entries refer to it.
  Status remove(const Actor& actor, core::Id id, std::optional<Version> if_match);

  Result<AttendanceSheet> attendance(const Actor& actor, core::Id id);
  /// Sets marks, all or nothing; everyone named must be in the audience.
  Result<AttendanceSheet> set_marks(const Actor& actor, core::Id id, const std::vector<MarkInput>& marks);
  /// After the activity has ended: everyone in the audience still unmarked is marked absent, except
  /// people whose leave request awaits a decision.
  Result<AttendanceSheet> mark_unmarked_absent(const Actor& actor, core::Id id);

  /// The code to show on the projected QR right now.
  Result<CheckInCode> check_in_code(const Actor& actor, core::Id id);
  /// The actor's own check-in with a scanned code.
  Result<CheckInResult> check_in(const Actor& actor, core::Id id, const std::string& code);

  Result<core::LeaveRequest> request_leave(const Actor& actor, core::Id id, const std::string& reason);
  Result<core::LeaveRequest> decide_leave(const Actor& actor, core::Id id, core::Id person_id, bool approve);
  /// All requests for an admin; a member gets only their own (and not_found for activities they cannot see).
  Result<std::vector<core::LeaveRequest>> leave_requests(const Actor& actor, core::Id id);

 private:
  /// The activity if the actor may see it (404 otherwise), and, if `needed`, holds that permission on its
  /// org (403 otherwise).
  Result<core::Activity> load_visible(Repositories& repos, Access& access, core::Id id,
                                      std::optional<core::Permission> needed);
  Result<AttendanceSheet> sheet(Repositories& repos, const core::Activity& activity);
  const ServiceContext& ctx_;
};

// ---------------------------------------------------------------------------------------------------
// Personal study archive

struct ArchivePatch {
  Patch<core::ArchiveKind> kind;
  Patch<core::Date> date;
  Patch<std::string> title;
  Patch<std::string> content;
  Patch<double> credit_hours;
  Patch<std::optional<core::Id>> activity_id;
  Patch<std::string> venue;
};

struct ArchiveTotals {
  std::int64_t expected = 0;
  std::int64_t attended = 0;
  std::int64_t study_days = 0;
  double credit_hours = 0;
  std::map<core::ArchiveKind, std::int64_t> entries_by_kind;
};

/// 个人学习档案 for one year.
struct ArchiveYear {
  PersonView person;
  int year = 0;
  std::vector<PersonActivity> attendance;
  std::vector<PersonActivity> speeches;
  std::vector<core::ArchiveEntry> entries;
  ArchiveTotals totals;
};

class ArchiveService {
 public:
  explicit ArchiveService(const ServiceContext& ctx) : ctx_(ctx) {}

  Result<core::ArchiveEntry> create(const Actor& actor, core::ArchiveEntry entry);
  Result<core::ArchiveEntry> get(const Actor& actor, core::Id person_id, core::Id entry_id);
  /// Editing content sends a reviewed entry back to unreviewed.
  Result<core::ArchiveEntry> update(const Actor& actor, core::Id person_id, core::Id entry_id,
                                    const ArchivePatch& patch, std::optional<Version> if_match);
  Status remove(const Actor& actor, core::Id person_id, core::Id entry_id, std::optional<Version> if_match);
  Result<core::ArchiveEntry> review(const Actor& actor, core::Id person_id, core::Id entry_id,
                                    core::ReviewVerdict verdict, const std::string& comment);
  Result<ArchiveYear> year(const Actor& actor, core::Id person_id, int year);

  /// The archive's access check, for use cases that read archives inside their own transaction: the
  /// person if the actor may read their archive (not found otherwise), as the actor may see them.
  static Result<PersonView> readable_person(Repositories& repos, Access& access, core::Id person_id);
  /// A person's year, read in the caller's transaction, which has checked access.
  ArchiveYear year_in(Repositories& repos, PersonView person, int year) const;

 private:
  Result<core::ArchiveEntry> load(Repositories& repos, Access& access, core::Id person_id, core::Id entry_id);
  const ServiceContext& ctx_;
};

// ---------------------------------------------------------------------------------------------------
// Statistics

class StatsService {
 public:
  explicit StatsService(const ServiceContext& ctx) : ctx_(ctx) {}
  Result<OrgStats> org_year(const Actor& actor, core::Id org_id, int year, bool descendants);

 private:
  const ServiceContext& ctx_;
};

// ---------------------------------------------------------------------------------------------------
// Audit trail

class AuditService {
 public:
  explicit AuditService(const ServiceContext& ctx) : ctx_(ctx) {}
  /// For admins and supervisors, within their subtrees; `from`/`to` are local dates, both included.
  Result<Page<AuditRecord>> list(const Actor& actor, std::optional<core::Id> org_id, std::optional<core::Date> from,
                                 std::optional<core::Date> to, const PageRequest& page);

 private:
  const ServiceContext& ctx_;
};

// ---------------------------------------------------------------------------------------------------
// Requirements and compliance

/// Reads and writes requirement documents as JSON. Declared here, implemented where JSON lives
/// (src/http), so that the document has one wire form: the API's, the stored one and the templates'.
class RequirementCodec {
 public:
  virtual ~RequirementCodec() = default;
  /// Shape errors (unknown keys, wrong types, unknown codes) name fields under `field` ("document.items[0].period").
  virtual Result<core::RequirementDocument> decode(std::string_view json, const std::string& field) const = 0;
  /// The canonical text: every key, in one order.
  virtual std::string encode(const core::RequirementDocument& document) const = 0;
};

struct RequirementSet {
  core::Id id = 0;
  core::Id org_id = 0;
  std::optional<std::string> template_code;
  core::RequirementDocument document;
  std::int64_t version = 1;
  core::Timestamp created_at;
  core::Timestamp updated_at;
};

struct RequirementTemplate {
  std::string code;
  core::RequirementDocument document;
};

/// Either a template's code or a document written out.
struct NewRequirementSet {
  core::Id org_id = 0;
  std::optional<std::string> template_code;
  std::optional<core::RequirementDocument> document;
};

/// One subject's evaluation under one set.
struct SubjectCompliance {
  std::shared_ptr<const RequirementSet> set;  // keeps the items the result points to alive
  core::SubjectKind kind = core::SubjectKind::kPerson;
  core::Id subject_id = 0;
  std::string name;
  core::SubjectResult result;
  core::Assessment assessment;
};

struct Compliance {
  int year = 0;
  core::Date as_of;
  std::vector<SubjectCompliance> subjects;
};

/// A make-up obligation (补学) of one person under one set, with the activity it is for.
struct MakeUpRow {
  core::Id person_id = 0;
  std::string name;
  std::shared_ptr<const RequirementSet> set;
  core::MakeUpObligation obligation;
  std::string activity_title;
};

struct MakeUpList {
  int year = 0;
  core::Date as_of;
  /// By due date, then name, then activity.
  std::vector<MakeUpRow> items;
};

/// An item many people of a unit are behind on or missed.
struct ItemShortfall {
  core::Id requirement_id = 0;
  std::string code;
  std::string label;
  std::int64_t people = 0;
};

/// One child unit of an org, for a supervisor's ranking.
struct UnitCompliance {
  core::Org org;
  int rank = 0;
  /// People bound by a person set in the unit, and those with no item behind or missed under any.
  std::int64_t people = 0;
  std::int64_t compliant = 0;
  std::optional<double> compliant_share;
  /// Attended ÷ expected over the unit's activities (its whole subtree) held in the year up to as_of.
  std::optional<double> participation_rate;
  std::vector<ItemShortfall> most_behind;
};

enum class UnitOrder { kCompliantShare, kParticipationRate, kName };

struct MonthParticipation {
  int month = 1;
  std::int64_t expected = 0;
  std::int64_t attended = 0;
};

/// How a set went over the subjects it binds in the subtree.
struct SetSummary {
  std::shared_ptr<const RequirementSet> set;
  std::int64_t subjects = 0;
  std::int64_t met = 0, on_track = 0, behind = 0, missed = 0;
};

struct UnitsCompliance {
  int year = 0;
  core::Date as_of;
  std::vector<UnitCompliance> units;
};

/// 学习讲评: the year of an org's subtree as data, for the review meeting and its exports.
struct Review {
  core::Org org;
  int year = 0;
  core::Date as_of;
  OrgStats totals;
  std::vector<TopicCount> topics;
  /// The activities held in the subtree from January to as_of, by date.
  std::vector<ActivityRow> activities;
  std::vector<MonthParticipation> months;  // January to the month of as_of
  std::vector<SetSummary> sets;
  /// Every subject with its evaluation and score (个人讲评 for people), by set and then score.
  Compliance compliance;
  /// The child units, best first by share of compliant people.
  std::vector<UnitCompliance> units;
};

class RequirementService {
 public:
  RequirementService(const ServiceContext& ctx, const RequirementCodec& codec);

  /// The shipped templates (data/requirement_templates), in a fixed order.
  const std::vector<RequirementTemplate>& templates() const { return templates_; }

  Result<RequirementSet> create(const Actor& actor, const NewRequirementSet& input);
  Result<RequirementSet> get(const Actor& actor, core::Id id);
  Result<Page<RequirementSet>> list(const Actor& actor, std::optional<core::Id> org_id, const PageRequest& page);
  Result<RequirementSet> update(const Actor& actor, core::Id id, const core::RequirementDocument& document,
                                std::optional<Version> if_match);
  Status remove(const Actor& actor, core::Id id, std::optional<Version> if_match);

  /// Every set that binds the person in the year, evaluated as at the end of `as_of` (default: today,
  /// or the year's last day for a past year).
  Result<Compliance> person_compliance(const Actor& actor, core::Id person_id, int year, std::optional<core::Date> as_of);
  /// Every subject in the org's subtree under every set reaching into it.
  Result<Compliance> org_compliance(const Actor& actor, core::Id org_id, int year, std::optional<core::Date> as_of);
  /// The org's child units ranked: best first by `order` (ties by name), rank 1 the best.
  Result<UnitsCompliance> units(const Actor& actor, core::Id org_id, int year, std::optional<core::Date> as_of,
                                UnitOrder order, bool ascending);
  /// The year-end review of the org's subtree (any day's view with `as_of`).
  Result<Review> review(const Actor& actor, core::Id org_id, int year, std::optional<core::Date> as_of);

  /// Make-up obligations of the person under every set binding them; with `open_only`, those not yet made
  /// up (overdue ones included).
  Result<MakeUpList> person_make_up(const Actor& actor, core::Id person_id, int year, std::optional<core::Date> as_of,
                                    bool open_only);
  /// The same for everyone in the org's subtree, for the secretary who follows them up.
  Result<MakeUpList> org_make_up(const Actor& actor, core::Id org_id, int year, std::optional<core::Date> as_of,
                                 bool open_only);

  /// The facts kept between requests, for the figures of benchmarks and tests.
  const FactCache& fact_cache() const { return *cache_; }

  /// The year checked (2000–2100) and the day to evaluate as at: `as_of`, or by default today, or the
  /// year's last day for a past year.
  Result<core::Date> resolve_as_of(int year, std::optional<core::Date> as_of) const;
  /// person_compliance inside the caller's transaction, which has checked access: for use cases that
  /// show a person's compliance beside other records (the archive binder).
  Result<Compliance> person_compliance_in(Repositories& repos, core::Id person_id, int year, core::Date as_of) const;
  /// An org's subtree in the year as ReportQueries::org_stats counts it (activities started by `day`, with
  /// their audiences), summed from the orgs' kept facts; with the figures per month and per activity.
  struct SubtreeYear {
    OrgStats totals;
    std::array<std::pair<std::int64_t, std::int64_t>, 13> months{};           // [month]: expected, attended
    std::map<core::Id, std::pair<std::int64_t, std::int64_t>> activities;  // expected, attended
  };
  SubtreeYear subtree_year(Repositories& repos, core::Id root, int year, core::Date day) const;

 private:
  Result<RequirementSet> load(const StoredRequirementSet& stored) const;
  Result<UnitsCompliance> units_in(Repositories& repos, core::Id org_id, int year, core::Date as_of, UnitOrder order,
                                   bool ascending) const;
  Status evaluate(Repositories& repos, const std::vector<StoredRequirementSet>& sets, core::Id within_org,
                  std::optional<core::Id> person_id, Compliance& out) const;
  const ServiceContext& ctx_;
  const RequirementCodec& codec_;
  std::vector<RequirementTemplate> templates_;
  std::unique_ptr<FactCache> cache_;
};

// ---------------------------------------------------------------------------------------------------
// The archive binder (学习档案专卷)

/// 学习档案专卷: a person's year as one document to print and keep, gathered in one transaction.
struct Binder {
  /// The archive's year, as the archive route shows it to the same reader.
  ArchiveYear archive;
  /// The person's memberships overlapping the year, of any org.
  std::vector<PersonMembership> memberships;
  /// The year's plans of those orgs, with their topics, in the order of `memberships`.
  std::vector<core::Plan> plans;
  /// What the person's requirement sets asked of them, as at `compliance.as_of`.
  Compliance compliance;
};

/// Every person with a membership in an org's subtree during the year, one binder each.
struct OrgBinder {
  core::Org org;
  int year = 0;
  core::Date as_of;
  /// By org (the subtree depth first, each org before its children, siblings by id; a person under the
  /// first org of theirs in that order), then by name (pinyin, core::name_less), then id.
  std::vector<Binder> people;
};

/// The most people one org binder holds: a county's leading cadres are a few hundred, a whole district
/// with its branches a few thousand, which is a document no one prints at once. Beyond it, the caller
/// chooses a smaller org.
inline constexpr std::size_t kMaxBinderPeople = 2000;

class BinderService {
 public:
  BinderService(const ServiceContext& ctx, const ArchiveService& archive, const RequirementService& requirements)
      : ctx_(ctx), archive_(archive), requirements_(requirements) {}

  /// One person's binder, for whoever may read their archive (with the archive's masking).
  Result<Binder> person(const Actor& actor, core::Id person_id, int year);
  /// The binders of an org's people, for those who hold `read` over the org by a grant (as for its
  /// review); export_too_large beyond kMaxBinderPeople people.
  Result<OrgBinder> org(const Actor& actor, core::Id org_id, int year);

 private:
  Result<Binder> binder_in(Repositories& repos, Access& access, PersonView person, int year, core::Date as_of) const;
  const ServiceContext& ctx_;
  const ArchiveService& archive_;
  const RequirementService& requirements_;
};

/// All use cases, built once by the composition root.
struct Services {
  Services(const ServiceContext& ctx, const RequirementCodec& requirement_codec)
      : context(ctx), accounts(ctx), orgs(ctx), people(ctx), plans(ctx), activities(ctx), archive(ctx), stats(ctx),
        audit(ctx), requirements(ctx, requirement_codec), binders(ctx, archive, requirements) {}
  const ServiceContext& context;
  AccountService accounts;
  OrgService orgs;
  PersonService people;
  PlanService plans;
  ActivityService activities;
  ArchiveService archive;
  StatsService stats;
  AuditService audit;
  RequirementService requirements;
  BinderService binders;
};

}  // namespace xuefeng::service
