#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "core/vocabulary.hpp"

namespace xuefeng::core {

// The domain's records, named by the glossary. Plain values: the service loads and saves them through
// repositories, core's rules check them, the HTTP layer maps them to JSON field by field.

using Id = std::int64_t;

/// Every mutable record carries a version, bumped on each change; PATCH compares it with If-Match.
using Version = std::int64_t;

struct Org {
  Id id = 0;
  std::string name;
  OrgKind kind = OrgKind::kBranch;
  std::optional<Id> parent_id;
  Version version = 1;
  Timestamp created_at;
  Timestamp updated_at;
  friend bool operator==(const Org&, const Org&) = default;
};

struct Person {
  Id id = 0;
  std::string name;
  std::optional<Gender> gender;
  std::optional<Date> birth_date;
  bool party_member = false;
  std::optional<CadreLevel> cadre_level;
  /// 职务, the person's post as written ("区委副书记"); free text.
  std::string post;
  std::string phone;
  /// The org that keeps this person's record (人事归属): who may manage it. Empty for people no unit
  /// keeps, such as an outside lecturer the administrator added.
  std::optional<Id> org_id;
  Version version = 1;
  Timestamp created_at;
  Timestamp updated_at;
  friend bool operator==(const Person&, const Person&) = default;
};

/// A person's dated membership of an org. `until` is the last day of membership, inclusive.
struct Membership {
  Id id = 0;
  Id org_id = 0;
  Id person_id = 0;
  MemberRole role = MemberRole::kMember;
  Date since;
  std::optional<Date> until;
  Version version = 1;

  bool active_on(Date day) const { return since <= day && (!until || day <= *until); }
  friend bool operator==(const Membership&, const Membership&) = default;
};

struct Topic {
  Id id = 0;
  std::string title;
  std::string description;
  friend bool operator==(const Topic&, const Topic&) = default;
};

/// 学习计划: an org's plan for one year, with its topics (专题) in order.
struct Plan {
  Id id = 0;
  Id org_id = 0;
  int year = 0;
  std::string title;
  std::vector<Topic> topics;
  Version version = 1;
  Timestamp created_at;
  Timestamp updated_at;
  friend bool operator==(const Plan&, const Plan&) = default;
};

struct Speaker {
  Id person_id = 0;
  /// What the person spoke on ("坚持党的群众路线，切实转变工作作风").
  std::string title;
  friend bool operator==(const Speaker&, const Speaker&) = default;
};

/// 学习活动: one study event of an org, possibly several days long.
struct Activity {
  Id id = 0;
  Id org_id = 0;
  std::optional<Id> plan_id;
  std::optional<Id> topic_id;
  ActivityKind kind = ActivityKind::kCentralizedStudy;
  std::string title;
  Date starts_on;
  Date ends_on;
  std::optional<Timestamp> starts_at;
  std::optional<Timestamp> ends_at;
  std::string location;
  std::optional<Id> host_id;
  double credit_hours = 0;
  std::vector<Speaker> speakers;
  /// People expected besides the org's members on `starts_on` (e.g. leaders from other units).
  std::vector<Id> invitees;
  /// Activities created together by one `repeat` share a series id.
  std::optional<Id> series_id;
  Version version = 1;
  Timestamp created_at;
  Timestamp updated_at;

  /// An activity's days: ends_on - starts_on + 1.
  int days() const { return (ends_on - starts_on) + 1; }
  friend bool operator==(const Activity&, const Activity&) = default;
};

struct AttendanceMark {
  Id activity_id = 0;
  Id person_id = 0;
  AttendanceStatus status = AttendanceStatus::kPresent;
  /// Set when the person checked in themselves.
  std::optional<Timestamp> checked_in_at;
  std::string note;
  Timestamp updated_at;
  friend bool operator==(const AttendanceMark&, const AttendanceMark&) = default;
};

struct LeaveRequest {
  Id activity_id = 0;
  Id person_id = 0;
  std::string reason;
  LeaveState state = LeaveState::kPending;
  Timestamp requested_at;
  std::optional<Timestamp> decided_at;
  std::optional<Id> decided_by;  // account id
  friend bool operator==(const LeaveRequest&, const LeaveRequest&) = default;
};

/// 批阅: one review of an archive entry by a secretary or admin.
struct ArchiveReview {
  Id id = 0;
  Id entry_id = 0;
  Id reviewer_account_id = 0;  // 0: the system (command line)
  std::string reviewer_login;
  ReviewVerdict verdict = ReviewVerdict::kVerified;
  std::string comment;
  Timestamp reviewed_at;
  friend bool operator==(const ArchiveReview&, const ArchiveReview&) = default;
};

/// One entry of a person's study archive (个人学习档案): a note, a reflection, an article ...
struct ArchiveEntry {
  Id id = 0;
  Id person_id = 0;
  ArchiveKind kind = ArchiveKind::kNote;
  Date date;
  std::string title;
  std::string content;
  double credit_hours = 0;
  /// The activity this entry belongs to (a reflection on a reading club), if any.
  std::optional<Id> activity_id;
  std::string venue;
  /// The latest review's verdict; empty until reviewed, and again after the entry is edited.
  std::optional<ReviewVerdict> review_status;
  std::vector<ArchiveReview> reviews;
  Version version = 1;
  Timestamp created_at;
  Timestamp updated_at;
  friend bool operator==(const ArchiveEntry&, const ArchiveEntry&) = default;
};

/// A role held by an account, on an org's subtree (`org_id`) or everywhere (no org: admin, member).
struct Grant {
  AccountRole role = AccountRole::kMember;
  std::optional<Id> org_id;

  friend bool operator==(const Grant&, const Grant&) = default;
};

struct Account {
  Id id = 0;
  std::string login;
  std::optional<Id> person_id;
  std::vector<Grant> grants;
  Version version = 1;
  Timestamp created_at;
  friend bool operator==(const Account&, const Account&) = default;
};

}  // namespace xuefeng::core
