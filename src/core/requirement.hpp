#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/model.hpp"
#include "core/time.hpp"
#include "core/vocabulary.hpp"

namespace xuefeng::core {

// Declared requirements (学习要求): what an org asks of the people or units in its subtree, as data.
// No rule is written in C++; the "eight ones" and the other well-known sets are documents shipped as
// templates. This header holds the document's shape, its validation, and the evaluation of one subject
// from its facts; collecting the facts is the service's job.

enum class SubjectKind { kPerson, kOrg };

/// For org subjects: which orgs of the subtree the requirement binds.
enum class OrgScope { kSelfAndDescendants, kSelf, kDescendants };

enum class Period { kYear, kQuarter, kMonth, kFortnight, kWeek };

enum class Measure {
  // Of a person.
  kAttendedActivities,  // activities attended (present or late; made-up absences when the set says so)
  kArchiveEntries,      // archive entries of the kinds
  kSpeeches,            // activities spoken at, and archive entries of the kinds (one speech counted once)
  kCreditHours,         // 课时 of attended activities and of archive entries
  kStudyDays,           // days of attended activities; for an org: days of its activities
  // Of an org.
  kActivities,              // activities held
  kParticipationRate,       // attended ÷ expected over the activities that have ended
  kLowestParticipation,     // the lowest participation of any single activity that has ended
};

enum class Comparator { kAtLeast, kAtMost };

/// Ordered best first, so the worst of several is their maximum.
enum class ComplianceStatus { kMet, kOnTrack, kBehind, kMissed };

std::span<const Term<SubjectKind>> terms(SubjectKind);
std::span<const Term<OrgScope>> terms(OrgScope);
std::span<const Term<Period>> terms(Period);
std::span<const Term<Measure>> terms(Measure);
std::span<const Term<Comparator>> terms(Comparator);
std::span<const Term<ComplianceStatus>> terms(ComplianceStatus);

struct SubjectFilter {
  SubjectKind kind = SubjectKind::kPerson;
  /// Person: a member of an org of these kinds in the subtree. Org: the org is of these kinds. Empty: any.
  std::vector<OrgKind> org_kinds;
  /// Person: holding one of these membership roles there. Empty: any.
  std::vector<MemberRole> member_roles;
  std::optional<CadreLevel> cadre_level_at_least;
  std::optional<bool> party_member;
  /// Eligibility by birth date, both ends inclusive ("born on or after 1956-01-01").
  std::optional<Date> born_on_or_after;
  std::optional<Date> born_on_or_before;
  OrgScope orgs = OrgScope::kSelfAndDescendants;
  friend bool operator==(const SubjectFilter&, const SubjectFilter&) = default;
};

struct RequirementItem {
  /// Stable within the document; names the item in results and in assessment weights.
  std::string code;
  std::string label;
  Period period = Period::kYear;
  Measure measure = Measure::kAttendedActivities;
  /// Which activities count (attended, spoken at, held, or summed); empty: every kind.
  std::vector<ActivityKind> activity_kinds;
  /// Which archive entries count; for kSpeeches, empty means none (only activities spoken at).
  std::vector<ArchiveKind> entry_kinds;
  /// Archive entries count only once a reviewer verified them.
  bool verified_only = false;
  Comparator comparator = Comparator::kAtLeast;
  /// Per period: a count, days, hours, or a rate in [0, 1].
  double value = 1;
  friend bool operator==(const RequirementItem&, const RequirementItem&) = default;
};

/// 补学: missing an activity of these kinds (absent or excused) obliges the person to make it up with an
/// archive entry linked to that activity within `within_days` of its last day.
struct MakeUpRule {
  std::vector<ActivityKind> activity_kinds;
  int within_days = 30;
  /// A made-up activity counts as attended for kAttendedActivities, kStudyDays and kCreditHours.
  bool counts_as_attended = true;
  friend bool operator==(const MakeUpRule&, const MakeUpRule&) = default;
};

enum class Grade { kExcellent, kGood, kPass, kFail };
std::span<const Term<Grade>> terms(Grade);

/// 考核: how the items weigh in a score of 0–100 and where the grades begin. Items without a weight
/// weigh 1; without a scheme every item weighs 1 and the grades begin at 90, 75 and 60.
struct AssessmentScheme {
  std::vector<std::pair<std::string, double>> weights;  // item code -> weight
  double excellent = 90;
  double good = 75;
  double pass = 60;
  friend bool operator==(const AssessmentScheme&, const AssessmentScheme&) = default;
};

struct RequirementDocument {
  std::string name;
  std::string description;
  SubjectFilter subject;
  std::vector<RequirementItem> items;
  std::optional<MakeUpRule> make_up;
  std::optional<AssessmentScheme> assessment;
  friend bool operator==(const RequirementDocument&, const RequirementDocument&) = default;
};

/// Whether a measure applies to people, to orgs, or (kStudyDays) to both.
bool measure_fits(Measure measure, SubjectKind kind);

/// Every rule of the document, with field paths as the API names them ("items[2].value").
void check_requirement_document(const RequirementDocument& document, FieldErrors& errors,
                                const std::string& prefix = "document");

// ---------------------------------------------------------------------------------------------------
// Evaluation

struct DateSpan {
  Date from;
  Date to;
  friend bool operator==(const DateSpan&, const DateSpan&) = default;
};

/// The periods of a year, in order. Weeks run Monday to Sunday and fortnights are pairs of them, counted
/// from the week holding 1 January; the first and last are cut to the year.
std::vector<DateSpan> periods_of_year(int year, Period period);

/// An activity the person was expected at (member of its org on its first day, or invited).
struct ExpectedActivity {
  Id activity_id = 0;
  ActivityKind kind = ActivityKind::kCentralizedStudy;
  Date starts_on;
  Date ends_on;
  double credit_hours = 0;
  std::optional<AttendanceStatus> status;  // empty while unmarked
};

/// An activity the person spoke at (as a speaker; they need not have been expected).
struct SpokenActivity {
  Id activity_id = 0;
  ActivityKind kind = ActivityKind::kCentralizedStudy;
  Date starts_on;
};

struct EntryFact {
  Id entry_id = 0;
  ArchiveKind kind = ArchiveKind::kNote;
  Date date;
  double credit_hours = 0;
  bool verified = false;
  std::optional<Id> activity_id;
};

/// What a person did in a year: the inputs of every person measure.
struct PersonFacts {
  /// The part of the year the person was bound by the requirement (their membership there); periods
  /// wholly outside it are not asked of them.
  DateSpan bound;
  std::vector<ExpectedActivity> expected;
  std::vector<SpokenActivity> spoken;
  std::vector<EntryFact> entries;
};

struct OrgActivityFact {
  Id activity_id = 0;
  ActivityKind kind = ActivityKind::kCentralizedStudy;
  Date starts_on;
  Date ends_on;
  std::int64_t expected = 0;
  std::int64_t attended = 0;
  double credit_hours = 0;
};

struct OrgFacts {
  std::vector<OrgActivityFact> activities;
};

struct PeriodResult {
  DateSpan span;
  double required = 0;
  /// Empty for a rate with nothing to measure yet.
  std::optional<double> actual;
  ComplianceStatus status = ComplianceStatus::kOnTrack;
};

/// The records behind a number, so that every number can be opened and checked.
struct RecordIds {
  std::vector<Id> activities;
  std::vector<Id> archive_entries;
};

struct ItemResult {
  const RequirementItem* item = nullptr;
  /// A one-period item: its value and what was done. Several periods ("each quarter"): the number of
  /// periods asked and the number met, so progress reads "3 / 4".
  double required = 0;
  std::optional<double> actual;
  ComplianceStatus status = ComplianceStatus::kOnTrack;
  std::vector<PeriodResult> periods;
  RecordIds records;
};

/// Whether the item's figures are rates (0.95, read as 95%): one period of a participation measure. An
/// item of several periods counts the periods met, whatever it measures.
bool is_rate(const ItemResult& item);

struct MakeUpObligation {
  Id activity_id = 0;
  ActivityKind kind = ActivityKind::kCentralizedStudy;
  Date starts_on;
  AttendanceStatus missed = AttendanceStatus::kAbsent;
  Date due_on;
  std::optional<Id> entry_id;  // the entry that made it up
  bool overdue = false;        // not made up and past due on as_of
};

struct SubjectResult {
  ComplianceStatus status = ComplianceStatus::kMet;
  std::vector<ItemResult> items;
  std::vector<MakeUpObligation> make_up;
};

/// Evaluates a person "as at the end of `as_of`": records dated on or before it count; a period is over
/// once its last day is; what is not over is on track while it can still be done.
SubjectResult evaluate_person(const RequirementDocument& document, int year, Date as_of, const PersonFacts& facts);
/// The same with the span the person was bound given apart (`facts.bound` unused), so that one person's
/// facts, read once, serve every set that binds them over its own span.
SubjectResult evaluate_person(const RequirementDocument& document, int year, Date as_of, const PersonFacts& facts,
                              const DateSpan& bound);
SubjectResult evaluate_org(const RequirementDocument& document, int year, Date as_of, const OrgFacts& facts);

/// The open make-up obligations of a person under a rule (for listing, outside any item).
std::vector<MakeUpObligation> make_up_obligations(const MakeUpRule& rule, Date as_of,
                                                  const std::vector<ExpectedActivity>& expected,
                                                  const std::vector<EntryFact>& entries);

ComplianceStatus worst(ComplianceStatus a, ComplianceStatus b);

struct ItemScore {
  const RequirementItem* item = nullptr;
  double weight = 1;
  /// The share of the item done, 0–1: done ÷ required (capped at 1); for at_most, 1 within the limit.
  double fraction = 0;
  double points = 0;  // this item's part of the 100
};

struct Assessment {
  double score = 0;  // 0–100
  Grade grade = Grade::kFail;
  std::vector<ItemScore> items;
};

/// Scores an evaluated subject under the document's scheme (or the default one).
Assessment assess(const RequirementDocument& document, const SubjectResult& result);

}  // namespace xuefeng::core
