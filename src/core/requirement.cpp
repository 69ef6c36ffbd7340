#include "core/requirement.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "core/text.hpp"

namespace xuefeng::core {

namespace {

constexpr Term<SubjectKind> kSubjectKinds[] = {
    {SubjectKind::kPerson, "person", "每人"},
    {SubjectKind::kOrg, "org", "每个组织"},
};
constexpr Term<OrgScope> kOrgScopes[] = {
    {OrgScope::kSelfAndDescendants, "self_and_descendants", "本组织及下级组织"},
    {OrgScope::kSelf, "self", "本组织"},
    {OrgScope::kDescendants, "descendants", "下级组织"},
};
constexpr Term<Period> kPeriods[] = {
    {Period::kYear, "year", "每年"},         {Period::kQuarter, "quarter", "每季度"},
    {Period::kMonth, "month", "每月"},       {Period::kFortnight, "fortnight", "每两周"},
    {Period::kWeek, "week", "每周"},
};
constexpr Term<Measure> kMeasures[] = {
    {Measure::kAttendedActivities, "attended_activities", "参加学习活动次数"},
    {Measure::kArchiveEntries, "archive_entries", "学习档案记录篇数"},
    {Measure::kSpeeches, "speeches", "发言、授课次数"},
    {Measure::kCreditHours, "credit_hours", "课时"},
    {Measure::kStudyDays, "study_days", "学习天数"},
    {Measure::kActivities, "activities", "开展学习活动次数"},
    {Measure::kParticipationRate, "participation_rate", "参学率"},
    {Measure::kLowestParticipation, "lowest_participation", "单次最低参学率"},
};
constexpr Term<Comparator> kComparators[] = {
    {Comparator::kAtLeast, "at_least", "不少于"},
    {Comparator::kAtMost, "at_most", "不多于"},
};
constexpr Term<ComplianceStatus> kStatuses[] = {
    {ComplianceStatus::kMet, "met", "已达标"},
    {ComplianceStatus::kOnTrack, "on_track", "进行中"},
    {ComplianceStatus::kBehind, "behind", "滞后"},
    {ComplianceStatus::kMissed, "missed", "未达标"},
};

constexpr Term<Grade> kGrades[] = {
    {Grade::kExcellent, "excellent", "优秀"},
    {Grade::kGood, "good", "良好"},
    {Grade::kPass, "pass", "合格"},
    {Grade::kFail, "fail", "不合格"},
};

constexpr std::size_t kMaxItems = 50;
constexpr std::size_t kMaxCodeLength = 40;
constexpr std::size_t kMaxLabelLength = 100;
constexpr std::size_t kMaxNameLength = 100;
constexpr std::size_t kMaxDescriptionLength = 2000;
constexpr double kMaxValue = 100000;
constexpr double kEpsilon = 1e-9;

bool is_rate(Measure m) { return m == Measure::kParticipationRate || m == Measure::kLowestParticipation; }

bool code_chars_ok(std::string_view code) {
  if (code.empty() || code.size() > kMaxCodeLength) return false;
  if (!(code[0] >= 'a' && code[0] <= 'z')) return false;
  return std::all_of(code.begin(), code.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

template <typename E>
bool matches(const std::vector<E>& allowed, E value) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

template <typename E>
void check_unique(const std::vector<E>& values, const std::string& field, FieldErrors& errors) {
  std::set<E> seen;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!seen.insert(values[i]).second) {
      errors.add(field + "[" + std::to_string(i) + "]", {"重复", "listed twice"});
    }
  }
}

bool in(const DateSpan& span, Date day) { return span.from <= day && day <= span.to; }

// ---------------------------------------------------------------------------------------------------
// One period of one item.

struct Measured {
  std::optional<double> actual;
  /// How much more could still be added in the period after as_of; infinite when nothing bounds it
  /// (an archive entry can always still be written).
  double possible = 0;
  RecordIds records;
};

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

/// Activities that were missed and made up in time, under the document's make-up rule.
std::set<Id> made_up_activities(const RequirementDocument& doc, Date as_of, const PersonFacts& facts) {
  std::set<Id> out;
  if (!doc.make_up || !doc.make_up->counts_as_attended) return out;
  for (const auto& o : make_up_obligations(*doc.make_up, as_of, facts.expected, facts.entries)) {
    if (o.entry_id) out.insert(o.activity_id);
  }
  return out;
}

Measured measure_person(const RequirementItem& item, const DateSpan& p, Date as_of, const PersonFacts& facts,
                        const std::set<Id>& made_up) {
  Measured m;
  const bool open = p.to > as_of;
  auto attended_here = [&](const ExpectedActivity& a) {
    return in(p, a.starts_on) && a.starts_on <= as_of && matches(item.activity_kinds, a.kind) &&
           ((a.status && attended(*a.status)) || made_up.count(a.activity_id) > 0);
  };
  auto still_to_come = [&](const ExpectedActivity& a) {
    return in(p, a.starts_on) && a.starts_on > as_of && matches(item.activity_kinds, a.kind);
  };
  auto entry_counts = [&](const EntryFact& e, bool any_kind_if_empty) {
    if (!in(p, e.date) || e.date > as_of) return false;
    if (item.entry_kinds.empty() ? !any_kind_if_empty
                                 : std::find(item.entry_kinds.begin(), item.entry_kinds.end(), e.kind) ==
                                       item.entry_kinds.end()) {
      return false;
    }
    return !item.verified_only || e.verified;
  };

  double total = 0;
  switch (item.measure) {
    case Measure::kAttendedActivities:
    case Measure::kStudyDays:
      for (const auto& a : facts.expected) {
        const double amount = item.measure == Measure::kStudyDays ? (a.ends_on - a.starts_on) + 1 : 1;
        if (attended_here(a)) {
          total += amount;
          m.records.activities.push_back(a.activity_id);
        } else if (still_to_come(a)) {
          m.possible += amount;
        }
      }
      break;
    case Measure::kArchiveEntries:
      for (const auto& e : facts.entries) {
        if (entry_counts(e, true)) {
          total += 1;
          m.records.archive_entries.push_back(e.entry_id);
        }
      }
      if (open) m.possible = kUnbounded;
      break;
    case Measure::kSpeeches: {
      std::set<Id> spoken;
      for (const auto& s : facts.spoken) {
        if (!in(p, s.starts_on) || !matches(item.activity_kinds, s.kind)) continue;
        if (s.starts_on <= as_of) {
          if (spoken.insert(s.activity_id).second) m.records.activities.push_back(s.activity_id);
        } else {
          m.possible += 1;
        }
      }
      total = static_cast<double>(spoken.size());
      // The text of a speech recorded in the archive is the same speech, not a second one.
      for (const auto& e : facts.entries) {
        if (!entry_counts(e, false)) continue;
        if (e.activity_id && spoken.count(*e.activity_id)) continue;
        total += 1;
        m.records.archive_entries.push_back(e.entry_id);
      }
      if (open && !item.entry_kinds.empty()) m.possible = kUnbounded;
      break;
    }
    case Measure::kCreditHours: {
      std::set<Id> counted;
      for (const auto& a : facts.expected) {
        if (attended_here(a)) {
          total += a.credit_hours;
          counted.insert(a.activity_id);
          m.records.activities.push_back(a.activity_id);
        }
      }
      for (const auto& e : facts.entries) {
        if (e.credit_hours <= 0 || !entry_counts(e, true)) continue;
        if (e.activity_id && counted.count(*e.activity_id)) continue;  // the activity's hours already count
        total += e.credit_hours;
        m.records.archive_entries.push_back(e.entry_id);
      }
      if (open) m.possible = kUnbounded;
      break;
    }
    case Measure::kActivities:
    case Measure::kParticipationRate:
    case Measure::kLowestParticipation:
      break;  // org measures; check_requirement_document keeps them off person subjects
  }
  m.actual = total;
  return m;
}

Measured measure_org(const RequirementItem& item, const DateSpan& p, Date as_of, const OrgFacts& facts) {
  Measured m;
  double total = 0;
  std::int64_t expected = 0;
  std::int64_t attended = 0;
  std::optional<double> lowest;
  for (const auto& a : facts.activities) {
    if (!in(p, a.starts_on) || !matches(item.activity_kinds, a.kind)) continue;
    const double days = (a.ends_on - a.starts_on) + 1;
    switch (item.measure) {
      case Measure::kActivities:
      case Measure::kStudyDays: {
        const double amount = item.measure == Measure::kStudyDays ? days : 1;
        if (a.starts_on <= as_of) {
          total += amount;
          m.records.activities.push_back(a.activity_id);
        } else {
          m.possible += amount;
        }
        break;
      }
      case Measure::kParticipationRate:
      case Measure::kLowestParticipation:
        // Only activities that are over have a final attendance.
        if (a.ends_on > as_of || a.expected <= 0) break;
        expected += a.expected;
        attended += a.attended;
        {
          const double rate = static_cast<double>(a.attended) / static_cast<double>(a.expected);
          lowest = lowest ? std::min(*lowest, rate) : rate;
        }
        m.records.activities.push_back(a.activity_id);
        break;
      default:
        break;  // person measures; kept off org subjects by validation
    }
  }
  if (item.measure == Measure::kParticipationRate) {
    if (expected > 0) m.actual = static_cast<double>(attended) / static_cast<double>(expected);
  } else if (item.measure == Measure::kLowestParticipation) {
    m.actual = lowest;
  } else {
    m.actual = total;
  }
  return m;
}

ComplianceStatus period_status(const RequirementItem& item, const DateSpan& p, Date as_of, const Measured& m) {
  if (p.from > as_of) return ComplianceStatus::kOnTrack;  // not begun
  const bool over = p.to <= as_of;
  if (!m.actual) return over ? ComplianceStatus::kMet : ComplianceStatus::kOnTrack;  // a rate of nothing
  const double actual = *m.actual;
  if (item.comparator == Comparator::kAtMost) {
    if (actual > item.value + kEpsilon) return over ? ComplianceStatus::kMissed : ComplianceStatus::kBehind;
    return over ? ComplianceStatus::kMet : ComplianceStatus::kOnTrack;
  }
  const bool reached = actual + kEpsilon >= item.value;
  if (is_rate(item.measure)) {
    // A rate can still move either way while the period runs; it is judged when the period is over.
    if (over) return reached ? ComplianceStatus::kMet : ComplianceStatus::kMissed;
    return reached ? ComplianceStatus::kOnTrack : ComplianceStatus::kBehind;
  }
  if (reached) return ComplianceStatus::kMet;
  if (over) return ComplianceStatus::kMissed;
  return actual + m.possible + kEpsilon >= item.value ? ComplianceStatus::kOnTrack : ComplianceStatus::kBehind;
}

void append_unique(std::vector<Id>& to, const std::vector<Id>& from) {
  for (Id id : from) {
    if (std::find(to.begin(), to.end(), id) == to.end()) to.push_back(id);
  }
}

/// periods_of_year, worked out once per thread for each year and period: evaluating a province asks for
/// the same few lists for every person.
const std::vector<DateSpan>& year_periods(int year, Period period) {
  thread_local std::map<std::pair<int, Period>, std::vector<DateSpan>> known;
  auto it = known.find({year, period});
  if (it == known.end()) it = known.emplace(std::pair{year, period}, periods_of_year(year, period)).first;
  return it->second;
}

template <typename MeasureFn>
ItemResult evaluate_item(const RequirementItem& item, int year, Date as_of, const std::optional<DateSpan>& bound,
                         MeasureFn&& measure) {
  ItemResult r;
  r.item = &item;
  bool all_over = true;
  for (const auto& p : year_periods(year, item.period)) {
    if (bound && (p.to < bound->from || p.from > bound->to)) continue;  // not bound then
    const Measured m = measure(p);
    PeriodResult pr{p, item.value, m.actual, period_status(item, p, as_of, m)};
    all_over = all_over && p.to <= as_of;
    append_unique(r.records.activities, m.records.activities);
    append_unique(r.records.archive_entries, m.records.archive_entries);
    r.periods.push_back(std::move(pr));
  }
  if (r.periods.size() == 1) {
    r.required = r.periods[0].required;
    r.actual = r.periods[0].actual;
  } else {
    r.required = static_cast<double>(r.periods.size());
    r.actual = static_cast<double>(std::count_if(r.periods.begin(), r.periods.end(), [](const PeriodResult& p) {
      return p.status == ComplianceStatus::kMet;
    }));
  }
  bool any_missed = false;
  bool any_behind = false;
  bool all_met = true;
  for (const auto& p : r.periods) {
    any_missed = any_missed || p.status == ComplianceStatus::kMissed;
    any_behind = any_behind || p.status == ComplianceStatus::kBehind;
    all_met = all_met && p.status == ComplianceStatus::kMet;
  }
  // A missed period cannot be made good: the item is behind until the year is over, then missed.
  if (any_missed) {
    r.status = all_over ? ComplianceStatus::kMissed : ComplianceStatus::kBehind;
  } else if (any_behind) {
    r.status = ComplianceStatus::kBehind;
  } else if (all_met) {
    r.status = ComplianceStatus::kMet;
  } else {
    r.status = ComplianceStatus::kOnTrack;
  }
  return r;
}

}  // namespace

std::span<const Term<SubjectKind>> terms(SubjectKind) { return kSubjectKinds; }
std::span<const Term<OrgScope>> terms(OrgScope) { return kOrgScopes; }
std::span<const Term<Period>> terms(Period) { return kPeriods; }
std::span<const Term<Measure>> terms(Measure) { return kMeasures; }
std::span<const Term<Comparator>> terms(Comparator) { return kComparators; }
std::span<const Term<ComplianceStatus>> terms(ComplianceStatus) { return kStatuses; }
std::span<const Term<Grade>> terms(Grade) { return kGrades; }

ComplianceStatus worst(ComplianceStatus a, ComplianceStatus b) { return std::max(a, b); }

bool measure_fits(Measure measure, SubjectKind kind) {
  switch (measure) {
    case Measure::kAttendedActivities:
    case Measure::kArchiveEntries:
    case Measure::kSpeeches:
    case Measure::kCreditHours:
      return kind == SubjectKind::kPerson;
    case Measure::kStudyDays:
      return true;
    case Measure::kActivities:
    case Measure::kParticipationRate:
    case Measure::kLowestParticipation:
      return kind == SubjectKind::kOrg;
  }
  return false;
}

void check_requirement_document(const RequirementDocument& doc, FieldErrors& errors, const std::string& prefix) {
  const auto field = [&](const std::string& name) { return prefix.empty() ? name : prefix + "." + name; };
  if (doc.name.empty() || doc.name.find_first_not_of(" \t\r\n") == std::string::npos) {
    errors.add(field("name"), {"不能为空", "must not be empty"});
  } else if (utf8_length(doc.name) > kMaxNameLength) {
    errors.add(field("name"), {"最多 100 个字符", "must be at most 100 characters"});
  }
  if (utf8_length(doc.description) > kMaxDescriptionLength) {
    errors.add(field("description"), {"最多 2000 个字符", "must be at most 2000 characters"});
  }

  const auto& s = doc.subject;
  const SubjectKind kind = s.kind;
  check_unique(s.org_kinds, field("subject.org_kinds"), errors);
  check_unique(s.member_roles, field("subject.member_roles"), errors);
  if (kind == SubjectKind::kOrg) {
    const Text only_people{"只适用于人员（subject.kind 为 person）", "applies only to people (subject.kind person)"};
    if (!s.member_roles.empty()) errors.add(field("subject.member_roles"), only_people);
    if (s.cadre_level_at_least) errors.add(field("subject.cadre_level_at_least"), only_people);
    if (s.party_member) errors.add(field("subject.party_member"), only_people);
    if (s.born_on_or_after) errors.add(field("subject.born_on_or_after"), only_people);
    if (s.born_on_or_before) errors.add(field("subject.born_on_or_before"), only_people);
  } else if (s.orgs != OrgScope::kSelfAndDescendants) {
    errors.add(field("subject.orgs"), {"只适用于组织（subject.kind 为 org）", "applies only to orgs (subject.kind org)"});
  }
  if (s.born_on_or_after && s.born_on_or_before && *s.born_on_or_before < *s.born_on_or_after) {
    errors.add(field("subject.born_on_or_before"),
               {"不能早于 born_on_or_after", "must not be before born_on_or_after"});
  }

  if (doc.items.empty()) {
    errors.add(field("items"), {"至少需要一项要求", "at least one item is required"});
  } else if (doc.items.size() > kMaxItems) {
    errors.add(field("items"), {"最多 50 项", "at most 50 items"});
  }
  std::set<std::string> codes;
  for (std::size_t i = 0; i < doc.items.size() && i < kMaxItems; ++i) {
    const auto& item = doc.items[i];
    const std::string at = field("items[" + std::to_string(i) + "]");
    if (!code_chars_ok(item.code)) {
      errors.add(at + ".code", {"应为 1–40 个小写字母、数字或下划线，以字母开头",
                                "must be 1–40 lowercase letters, digits or _, starting with a letter"});
    } else if (!codes.insert(item.code).second) {
      errors.add(at + ".code", {"与前面的要求重复", "is used by an earlier item"});
    }
    if (item.label.empty() || item.label.find_first_not_of(" \t\r\n") == std::string::npos) {
      errors.add(at + ".label", {"不能为空", "must not be empty"});
    } else if (utf8_length(item.label) > kMaxLabelLength) {
      errors.add(at + ".label", {"最多 100 个字符", "must be at most 100 characters"});
    }
    if (!measure_fits(item.measure, kind)) {
      errors.add(at + ".measure", kind == SubjectKind::kPerson
                                      ? Text{"该指标只适用于组织", "this measure applies to orgs, not people"}
                                      : Text{"该指标只适用于人员", "this measure applies to people, not orgs"});
    }
    check_unique(item.activity_kinds, at + ".activity_kinds", errors);
    check_unique(item.entry_kinds, at + ".entry_kinds", errors);
    const bool uses_entries = item.measure == Measure::kArchiveEntries || item.measure == Measure::kSpeeches ||
                              item.measure == Measure::kCreditHours;
    if (!uses_entries && !item.entry_kinds.empty()) {
      errors.add(at + ".entry_kinds", {"该指标不统计学习档案", "this measure does not count archive entries"});
    }
    if (!uses_entries && item.verified_only) {
      errors.add(at + ".verified_only", {"该指标不统计学习档案", "this measure does not count archive entries"});
    }
    if (item.measure == Measure::kArchiveEntries && !item.activity_kinds.empty()) {
      errors.add(at + ".activity_kinds", {"该指标不统计学习活动", "this measure does not count activities"});
    }
    if (!std::isfinite(item.value) || item.value < 0) {
      errors.add(at + ".value", {"应为不小于 0 的数", "must be a number of 0 or more"});
    } else if (is_rate(item.measure) && item.value > 1) {
      errors.add(at + ".value", {"比率应在 0 到 1 之间（0.95 即 95%）", "a rate must be between 0 and 1 (0.95 is 95%)"});
    } else if (item.value > kMaxValue) {
      errors.add(at + ".value", {"数值过大", "is too large"});
    } else if ((item.measure == Measure::kAttendedActivities || item.measure == Measure::kArchiveEntries ||
                item.measure == Measure::kSpeeches || item.measure == Measure::kActivities ||
                item.measure == Measure::kStudyDays) &&
               item.value != std::floor(item.value)) {
      errors.add(at + ".value", {"应为整数", "must be a whole number"});
    }
  }
  if (doc.assessment) {
    const auto& a = *doc.assessment;
    double total = 0;
    std::set<std::string> weighted;
    for (std::size_t i = 0; i < a.weights.size(); ++i) {
      const auto& [code, weight] = a.weights[i];
      const std::string at = field("assessment.weights." + code);
      if (!codes.count(code)) {
        errors.add(at, {"没有此代码的要求", "no item has this code"});
      } else if (!weighted.insert(code).second) {
        errors.add(at, {"重复", "listed twice"});
      }
      if (!std::isfinite(weight) || weight < 0 || weight > 1000) {
        errors.add(at, {"权重应在 0–1000 之间", "a weight must be 0–1000"});
      }
    }
    for (const auto& item : doc.items) {
      const auto w = std::find_if(a.weights.begin(), a.weights.end(), [&](const auto& p) { return p.first == item.code; });
      total += w == a.weights.end() ? 1 : (std::isfinite(w->second) ? w->second : 0);
    }
    if (!doc.items.empty() && total <= 0) {
      errors.add(field("assessment.weights"), {"权重之和应大于 0", "the weights must add up to more than 0"});
    }
    const auto in_range = [](double v) { return std::isfinite(v) && v >= 0 && v <= 100; };
    if (!in_range(a.excellent)) errors.add(field("assessment.excellent"), {"应在 0–100 之间", "must be 0–100"});
    if (!in_range(a.good)) errors.add(field("assessment.good"), {"应在 0–100 之间", "must be 0–100"});
    if (!in_range(a.pass)) errors.add(field("assessment.pass"), {"应在 0–100 之间", "must be 0–100"});
    if (in_range(a.excellent) && in_range(a.good) && in_range(a.pass) && !(a.excellent >= a.good && a.good >= a.pass)) {
      errors.add(field("assessment"), {"分数线应满足 优秀 ≥ 良好 ≥ 合格", "the thresholds must be excellent ≥ good ≥ pass"});
    }
  }
  if (doc.make_up) {
    check_unique(doc.make_up->activity_kinds, field("make_up.activity_kinds"), errors);
    if (kind != SubjectKind::kPerson) {
      errors.add(field("make_up"), {"补学只适用于人员", "make-up study applies only to people"});
    }
    if (doc.make_up->within_days < 1 || doc.make_up->within_days > 366) {
      errors.add(field("make_up.within_days"), {"应为 1–366 天", "must be 1–366 days"});
    }
  }
}

bool is_rate(const ItemResult& item) { return item.periods.size() == 1 && is_rate(item.item->measure); }

std::vector<DateSpan> periods_of_year(int year, Period period) {
  const Date first = *Date::from_ymd(year, 1, 1);
  const Date last = *Date::from_ymd(year, 12, 31);
  std::vector<DateSpan> out;
  switch (period) {
    case Period::kYear:
      out.push_back({first, last});
      break;
    case Period::kQuarter:
    case Period::kMonth: {
      const int months = period == Period::kQuarter ? 3 : 1;
      for (int m = 1; m <= 12; m += months) {
        const Date from = *Date::from_ymd(year, m, 1);
        out.push_back({from, from.add_months(months).add_days(-1)});
      }
      break;
    }
    case Period::kFortnight:
    case Period::kWeek: {
      const int days = period == Period::kWeek ? 7 : 14;
      const Date monday = first.add_days(-(first.iso_weekday() - 1));
      for (Date from = monday; from <= last; from = from.add_days(days)) {
        out.push_back({std::max(from, first), std::min(from.add_days(days - 1), last)});
      }
      break;
    }
  }
  return out;
}

std::vector<MakeUpObligation> make_up_obligations(const MakeUpRule& rule, Date as_of,
                                                  const std::vector<ExpectedActivity>& expected,
                                                  const std::vector<EntryFact>& entries) {
  std::vector<MakeUpObligation> out;
  for (const auto& a : expected) {
    if (!a.status || attended(*a.status) || a.starts_on > as_of || !matches(rule.activity_kinds, a.kind)) continue;
    MakeUpObligation o;
    o.activity_id = a.activity_id;
    o.kind = a.kind;
    o.starts_on = a.starts_on;
    o.missed = *a.status;
    o.due_on = a.ends_on.add_days(rule.within_days);
    for (const auto& e : entries) {
      if (e.activity_id != a.activity_id || e.date > o.due_on || e.date > as_of) continue;
      if (!o.entry_id || e.entry_id < *o.entry_id) o.entry_id = e.entry_id;
    }
    o.overdue = !o.entry_id && o.due_on < as_of;
    out.push_back(o);
  }
  return out;
}

SubjectResult evaluate_person(const RequirementDocument& doc, int year, Date as_of, const PersonFacts& facts) {
  return evaluate_person(doc, year, as_of, facts, facts.bound);
}

SubjectResult evaluate_person(const RequirementDocument& doc, int year, Date as_of, const PersonFacts& facts,
                              const DateSpan& bound) {
  SubjectResult result;
  const std::set<Id> made_up = made_up_activities(doc, as_of, facts);
  for (const auto& item : doc.items) {
    auto r = evaluate_item(item, year, as_of, bound,
                           [&](const DateSpan& p) { return measure_person(item, p, as_of, facts, made_up); });
    result.status = worst(result.status, r.status);
    result.items.push_back(std::move(r));
  }
  if (doc.make_up) result.make_up = make_up_obligations(*doc.make_up, as_of, facts.expected, facts.entries);
  return result;
}

SubjectResult evaluate_org(const RequirementDocument& doc, int year, Date as_of, const OrgFacts& facts) {
  SubjectResult result;
  for (const auto& item : doc.items) {
    auto r = evaluate_item(item, year, as_of, std::nullopt,
                           [&](const DateSpan& p) { return measure_org(item, p, as_of, facts); });
    result.status = worst(result.status, r.status);
    result.items.push_back(std::move(r));
  }
  return result;
}

Assessment assess(const RequirementDocument& doc, const SubjectResult& result) {
  const AssessmentScheme scheme = doc.assessment.value_or(AssessmentScheme{});
  Assessment out;
  double total_weight = 0;
  for (const auto& r : result.items) {
    ItemScore s;
    s.item = r.item;
    const auto w = std::find_if(scheme.weights.begin(), scheme.weights.end(),
                                [&](const auto& p) { return p.first == r.item->code; });
    s.weight = w == scheme.weights.end() ? 1 : w->second;
    if (r.item->comparator == Comparator::kAtMost && r.periods.size() == 1) {
      s.fraction = r.status == ComplianceStatus::kBehind || r.status == ComplianceStatus::kMissed ? 0 : 1;
    } else if (r.required <= 0) {
      s.fraction = 1;  // nothing asked
    } else {
      s.fraction = std::clamp(r.actual.value_or(0) / r.required, 0.0, 1.0);
    }
    total_weight += s.weight;
    out.items.push_back(s);
  }
  double score = 0;
  for (auto& s : out.items) {
    s.points = total_weight > 0 ? 100 * s.weight * s.fraction / total_weight : 0;
    score += s.points;
  }
  out.score = std::round(score * 100) / 100;
  out.grade = out.score + kEpsilon >= scheme.excellent ? Grade::kExcellent
              : out.score + kEpsilon >= scheme.good    ? Grade::kGood
              : out.score + kEpsilon >= scheme.pass    ? Grade::kPass
                                                       : Grade::kFail;
  return out;
}

}  // namespace xuefeng::core
