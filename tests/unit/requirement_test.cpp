// The evaluation of declared requirements, against facts whose right answer is worked out by hand in
// each test. The shipped templates are tested through the service (tests/store/compliance_test.cpp).

#include "core/requirement.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace xuefeng::core {
namespace {

using ::testing::ElementsAre;
using S = ComplianceStatus;

Date d(const char* text) { return *Date::parse(text); }

RequirementItem item(Measure measure, Period period, double value, std::vector<ActivityKind> kinds = {}) {
  RequirementItem i;
  i.code = "item";
  i.label = "要求";
  i.measure = measure;
  i.period = period;
  i.value = value;
  i.activity_kinds = std::move(kinds);
  return i;
}

RequirementDocument person_doc(std::vector<RequirementItem> items) {
  RequirementDocument doc;
  doc.name = "测试";
  doc.subject.kind = SubjectKind::kPerson;
  doc.items = std::move(items);
  return doc;
}

RequirementDocument org_doc(std::vector<RequirementItem> items) {
  auto doc = person_doc(std::move(items));
  doc.subject.kind = SubjectKind::kOrg;
  return doc;
}

ExpectedActivity expected(Id id, const char* day, std::optional<AttendanceStatus> status,
                          ActivityKind kind = ActivityKind::kCentralizedStudy, int days = 1, double hours = 0) {
  return {id, kind, d(day), d(day).add_days(days - 1), hours, status};
}

PersonFacts year_bound(int year = 2026) {
  PersonFacts f;
  f.bound = {*Date::from_ymd(year, 1, 1), *Date::from_ymd(year, 12, 31)};
  return f;
}

constexpr auto kPresent = AttendanceStatus::kPresent;
constexpr auto kLate = AttendanceStatus::kLate;
constexpr auto kExcused = AttendanceStatus::kExcused;
constexpr auto kAbsent = AttendanceStatus::kAbsent;

TEST(Periods, WeeksAndFortnightsStartOnMondayAndAreCutToTheYear) {
  // 2026-01-01 is a Thursday: the first week is its Monday-to-Sunday week, cut to 1–4 January.
  const auto weeks = periods_of_year(2026, Period::kWeek);
  ASSERT_EQ(weeks.size(), 53u);
  EXPECT_EQ(weeks[0], (DateSpan{d("2026-01-01"), d("2026-01-04")}));
  EXPECT_EQ(weeks[1], (DateSpan{d("2026-01-05"), d("2026-01-11")}));
  EXPECT_EQ(weeks[52], (DateSpan{d("2026-12-28"), d("2026-12-31")}));
  const auto fortnights = periods_of_year(2026, Period::kFortnight);
  ASSERT_EQ(fortnights.size(), 27u);
  EXPECT_EQ(fortnights[0], (DateSpan{d("2026-01-01"), d("2026-01-11")}));
  EXPECT_EQ(fortnights[1], (DateSpan{d("2026-01-12"), d("2026-01-25")}));
  EXPECT_EQ(fortnights[26], (DateSpan{d("2026-12-28"), d("2026-12-31")}));
}

TEST(Periods, QuartersAndMonthsFollowTheCalendar) {
  const auto quarters = periods_of_year(2024, Period::kQuarter);
  ASSERT_EQ(quarters.size(), 4u);
  EXPECT_EQ(quarters[0], (DateSpan{d("2024-01-01"), d("2024-03-31")}));
  EXPECT_EQ(quarters[1], (DateSpan{d("2024-04-01"), d("2024-06-30")}));
  EXPECT_EQ(quarters[3], (DateSpan{d("2024-10-01"), d("2024-12-31")}));
  const auto months = periods_of_year(2024, Period::kMonth);
  ASSERT_EQ(months.size(), 12u);
  EXPECT_EQ(months[1], (DateSpan{d("2024-02-01"), d("2024-02-29")}));  // leap year
  EXPECT_THAT(periods_of_year(2024, Period::kYear), ElementsAre(DateSpan{d("2024-01-01"), d("2024-12-31")}));
}

TEST(Evaluate, EachQuarterOneStudyIsBehindOnceAPastQuarterWasMissed) {
  const auto doc = person_doc({item(Measure::kAttendedActivities, Period::kQuarter, 1, {ActivityKind::kCentralizedStudy})});
  auto facts = year_bound();
  facts.expected = {expected(1, "2026-02-10", kPresent), expected(2, "2026-05-05", kAbsent),
                    expected(3, "2026-09-09", std::nullopt), expected(4, "2026-03-03", kPresent, ActivityKind::kSeminar)};
  const auto r = evaluate_person(doc, 2026, d("2026-08-15"), facts);
  ASSERT_EQ(r.items.size(), 1u);
  const auto& i = r.items[0];
  ASSERT_EQ(i.periods.size(), 4u);
  EXPECT_EQ(i.periods[0].status, S::kMet);      // Q1: the February study (the seminar is another kind)
  EXPECT_EQ(i.periods[0].actual, 1.0);
  EXPECT_EQ(i.periods[1].status, S::kMissed);   // Q2: absent from the only one
  EXPECT_EQ(i.periods[1].actual, 0.0);
  EXPECT_EQ(i.periods[2].status, S::kOnTrack);  // Q3: the September study is still to come
  EXPECT_EQ(i.periods[3].status, S::kOnTrack);  // Q4: not begun
  EXPECT_EQ(i.required, 4);                     // four quarters asked ...
  EXPECT_EQ(i.actual, 1.0);                     // ... one met: "1 / 4"
  EXPECT_EQ(i.status, S::kBehind);
  EXPECT_EQ(r.status, S::kBehind);
  EXPECT_THAT(i.records.activities, ElementsAre(1));
}

TEST(Evaluate, AfterTheYearAQuarterWithoutAttendanceIsMissed) {
  const auto doc = person_doc({item(Measure::kAttendedActivities, Period::kQuarter, 1)});
  auto facts = year_bound();
  facts.expected = {expected(1, "2026-02-10", kPresent), expected(2, "2026-05-05", kLate),
                    expected(3, "2026-09-09", kPresent), expected(4, "2026-11-11", std::nullopt)};
  const auto r = evaluate_person(doc, 2026, d("2027-01-10"), facts);
  EXPECT_EQ(r.items[0].periods[3].status, S::kMissed);  // never marked: not attended
  EXPECT_EQ(r.items[0].actual, 3.0);
  EXPECT_EQ(r.items[0].status, S::kMissed);
  // The same facts on the last day of the year, as at its end: the year is over.
  EXPECT_EQ(evaluate_person(doc, 2026, d("2026-12-31"), facts).items[0].status, S::kMissed);
  // Earlier in the fourth quarter, its study is still to come.
  EXPECT_EQ(evaluate_person(doc, 2026, d("2026-10-20"), facts).items[0].status, S::kOnTrack);
}

TEST(Evaluate, QuarterBoundaryBelongsToTheQuarterItStartsIn) {
  const auto doc = person_doc({item(Measure::kAttendedActivities, Period::kQuarter, 1)});
  auto facts = year_bound();
  // A three-day study from 31 March to 2 April counts for the first quarter, where it starts.
  facts.expected = {expected(1, "2026-03-31", kPresent, ActivityKind::kCentralizedStudy, 3)};
  const auto r = evaluate_person(doc, 2026, d("2026-04-30"), facts);
  EXPECT_EQ(r.items[0].periods[0].status, S::kMet);
  // Nothing attended in the second quarter and nothing scheduled that could make it: behind, so the
  // secretary sees that a session is needed.
  EXPECT_EQ(r.items[0].periods[1].status, S::kBehind);
  EXPECT_EQ(r.items[0].periods[1].actual, 0.0);
  // As at the end of 31 March, the first quarter is over and met.
  EXPECT_EQ(evaluate_person(doc, 2026, d("2026-03-31"), facts).items[0].periods[0].status, S::kMet);
  // As at the end of 30 March, the study has not started: still to come, so on track.
  EXPECT_EQ(evaluate_person(doc, 2026, d("2026-03-30"), facts).items[0].periods[0].status, S::kOnTrack);
}

TEST(Evaluate, YearlyCountIsBehindWhenWhatIsScheduledCannotReachIt) {
  // The central group: at least 6 centralized studies a year.
  const auto doc = org_doc({item(Measure::kActivities, Period::kYear, 6, {ActivityKind::kCentralizedStudy})});
  OrgFacts facts;
  for (Id id : {1, 2, 3}) facts.activities.push_back({id, ActivityKind::kCentralizedStudy, d("2026-03-01").add_days(id * 40), d("2026-03-01").add_days(id * 40), 10, 10});
  facts.activities.push_back({9, ActivityKind::kCentralizedStudy, d("2026-12-10"), d("2026-12-10"), 10, 0});
  auto r = evaluate_org(doc, 2026, d("2026-11-20"), facts);
  EXPECT_EQ(r.items[0].actual, 3.0);
  EXPECT_EQ(r.items[0].required, 6.0);
  EXPECT_EQ(r.items[0].status, S::kBehind);  // 3 held + 1 scheduled < 6
  for (Id id : {10, 11}) facts.activities.push_back({id, ActivityKind::kCentralizedStudy, d("2026-12-15"), d("2026-12-15"), 10, 0});
  r = evaluate_org(doc, 2026, d("2026-11-20"), facts);
  EXPECT_EQ(r.items[0].status, S::kOnTrack);  // 3 held + 3 scheduled
  EXPECT_THAT(r.items[0].records.activities, ElementsAre(1, 2, 3));
}

TEST(Evaluate, StudyDaysCountEveryDayOfAMultiDayActivity) {
  const auto doc = org_doc({item(Measure::kStudyDays, Period::kYear, 15, {ActivityKind::kCentralizedStudy})});
  OrgFacts facts;
  facts.activities = {{1, ActivityKind::kCentralizedStudy, d("2026-04-09"), d("2026-04-11"), 12, 12},
                      {2, ActivityKind::kCentralizedStudy, d("2026-06-01"), d("2026-06-02"), 12, 11},
                      {3, ActivityKind::kLecture, d("2026-07-01"), d("2026-07-05"), 12, 12}};
  const auto r = evaluate_org(doc, 2026, d("2026-12-31"), facts);
  EXPECT_EQ(r.items[0].actual, 5.0);  // 3 + 2 days; the lecture is another kind
  EXPECT_EQ(r.items[0].status, S::kMissed);
}

TEST(Evaluate, ParticipationRateIsAttendedOverExpectedOfEndedActivities) {
  auto rate = item(Measure::kParticipationRate, Period::kYear, 0.95);
  auto lowest = item(Measure::kLowestParticipation, Period::kYear, 0.9);
  lowest.code = "lowest";
  const auto doc = org_doc({rate, lowest});
  OrgFacts facts;
  facts.activities = {{1, ActivityKind::kCentralizedStudy, d("2026-04-09"), d("2026-04-11"), 10, 10},
                      {2, ActivityKind::kSeminar, d("2026-05-09"), d("2026-05-09"), 10, 9},
                      {3, ActivityKind::kSeminar, d("2026-12-20"), d("2026-12-20"), 10, 0}};  // not yet held
  auto r = evaluate_org(doc, 2026, d("2026-06-01"), facts);
  EXPECT_DOUBLE_EQ(*r.items[0].actual, 0.95);  // 19 / 20; the December seminar has not ended
  EXPECT_EQ(r.items[0].status, S::kOnTrack);   // reached, but the year goes on
  EXPECT_DOUBLE_EQ(*r.items[1].actual, 0.9);
  EXPECT_EQ(r.items[1].status, S::kOnTrack);
  facts.activities[2].attended = 8;
  r = evaluate_org(doc, 2027, d("2027-01-01"), facts);  // another year: nothing to measure
  EXPECT_FALSE(r.items[0].actual.has_value());
  EXPECT_EQ(r.items[0].status, S::kOnTrack);
  r = evaluate_org(doc, 2026, d("2026-12-31"), facts);
  EXPECT_DOUBLE_EQ(*r.items[0].actual, 27.0 / 30.0);
  EXPECT_EQ(r.items[0].status, S::kMissed);
  EXPECT_DOUBLE_EQ(*r.items[1].actual, 0.8);
  EXPECT_EQ(r.status, S::kMissed);
}

TEST(Evaluate, ExcusedAbsenceDoesNotCountUnlessMadeUpInTime) {
  auto doc = person_doc({item(Measure::kAttendedActivities, Period::kYear, 2)});
  auto facts = year_bound();
  facts.expected = {expected(1, "2026-03-03", kExcused), expected(2, "2026-04-04", kPresent),
                    expected(3, "2026-05-05", kAbsent)};
  EXPECT_EQ(evaluate_person(doc, 2026, d("2026-12-31"), facts).items[0].actual, 1.0);

  doc.make_up = MakeUpRule{{}, 30, true};
  facts.entries = {{100, ArchiveKind::kNote, d("2026-03-20"), 0, false, 1},     // within 30 days of 3 March
                   {101, ArchiveKind::kNote, d("2026-06-10"), 0, false, 3}};    // 36 days after 5 May: late
  const auto r = evaluate_person(doc, 2026, d("2026-12-31"), facts);
  EXPECT_EQ(r.items[0].actual, 2.0);
  EXPECT_EQ(r.items[0].status, S::kMet);
  EXPECT_THAT(r.items[0].records.activities, ElementsAre(1, 2));
  ASSERT_EQ(r.make_up.size(), 2u);
  EXPECT_EQ(r.make_up[0].activity_id, 1);
  EXPECT_EQ(r.make_up[0].missed, kExcused);
  EXPECT_EQ(r.make_up[0].due_on, d("2026-04-02"));
  EXPECT_EQ(r.make_up[0].entry_id, std::optional<Id>(100));
  EXPECT_FALSE(r.make_up[0].overdue);
  EXPECT_EQ(r.make_up[1].activity_id, 3);
  EXPECT_FALSE(r.make_up[1].entry_id.has_value());
  EXPECT_TRUE(r.make_up[1].overdue);

  // When the set says make-up does not count as attendance, the obligation is still listed.
  doc.make_up->counts_as_attended = false;
  const auto listed = evaluate_person(doc, 2026, d("2026-12-31"), facts);
  EXPECT_EQ(listed.items[0].actual, 1.0);
  EXPECT_EQ(listed.make_up.size(), 2u);
}

TEST(Evaluate, MemberWhoJoinedMidYearIsAskedOnlyForTheQuartersSinceJoining) {
  const auto doc = person_doc({item(Measure::kAttendedActivities, Period::kQuarter, 1)});
  auto facts = year_bound();
  facts.bound.from = d("2026-07-15");
  facts.expected = {expected(1, "2026-08-01", kPresent), expected(2, "2026-10-10", kPresent)};
  const auto r = evaluate_person(doc, 2026, d("2026-12-31"), facts);
  ASSERT_EQ(r.items[0].periods.size(), 2u);
  EXPECT_EQ(r.items[0].periods[0].span.from, d("2026-07-01"));
  EXPECT_EQ(r.items[0].required, 2.0);
  EXPECT_EQ(r.items[0].actual, 2.0);
  EXPECT_EQ(r.status, S::kMet);
}

TEST(Evaluate, ASpeechRecordedInTheArchiveIsNotCountedTwice) {
  auto speeches = item(Measure::kSpeeches, Period::kYear, 2, {ActivityKind::kCentralizedStudy, ActivityKind::kKeynote});
  speeches.entry_kinds = {ArchiveKind::kKeynote};
  const auto doc = person_doc({speeches});
  auto facts = year_bound();
  facts.spoken = {{5, ActivityKind::kCentralizedStudy, d("2026-04-10")}, {6, ActivityKind::kLecture, d("2026-05-10")}};
  facts.entries = {{200, ArchiveKind::kKeynote, d("2026-04-10"), 0, false, 5},  // the text of the speech at 5
                   {201, ArchiveKind::kNote, d("2026-04-11"), 0, false, 5}};
  auto r = evaluate_person(doc, 2026, d("2026-06-30"), facts);
  EXPECT_EQ(r.items[0].actual, 1.0);  // activity 5 once; the lecture (6) is not a kind that counts
  EXPECT_EQ(r.items[0].status, S::kOnTrack);
  EXPECT_THAT(r.items[0].records.activities, ElementsAre(5));
  EXPECT_TRUE(r.items[0].records.archive_entries.empty());
  facts.entries.push_back({202, ArchiveKind::kKeynote, d("2026-06-01"), 0, false, std::nullopt});  // given elsewhere
  r = evaluate_person(doc, 2026, d("2026-06-30"), facts);
  EXPECT_EQ(r.items[0].actual, 2.0);
  EXPECT_EQ(r.items[0].status, S::kMet);
  EXPECT_THAT(r.items[0].records.archive_entries, ElementsAre(202));
}

TEST(Evaluate, VerifiedOnlyCountsEntriesAReviewerVerified) {
  auto notes = item(Measure::kArchiveEntries, Period::kYear, 1);
  notes.entry_kinds = {ArchiveKind::kNote};
  notes.verified_only = true;
  const auto doc = person_doc({notes});
  auto facts = year_bound();
  facts.entries = {{1, ArchiveKind::kNote, d("2026-03-01"), 0, false, std::nullopt}};
  EXPECT_EQ(evaluate_person(doc, 2026, d("2026-12-31"), facts).items[0].status, S::kMissed);
  EXPECT_EQ(evaluate_person(doc, 2026, d("2026-06-30"), facts).items[0].status, S::kOnTrack);  // can still be written
  facts.entries[0].verified = true;
  EXPECT_EQ(evaluate_person(doc, 2026, d("2026-12-31"), facts).items[0].status, S::kMet);
}

TEST(Evaluate, EntriesDatedAfterAsOfDoNotCountYet) {
  auto notes = item(Measure::kArchiveEntries, Period::kYear, 1);
  const auto doc = person_doc({notes});
  auto facts = year_bound();
  facts.entries = {{1, ArchiveKind::kYearEndSummary, d("2026-12-20"), 0, false, std::nullopt}};
  EXPECT_EQ(evaluate_person(doc, 2026, d("2026-12-01"), facts).items[0].actual, 0.0);
  EXPECT_EQ(evaluate_person(doc, 2026, d("2026-12-20"), facts).items[0].actual, 1.0);
}

TEST(Evaluate, CreditHoursAddActivitiesAndUnlinkedEntries) {
  const auto doc = person_doc({item(Measure::kCreditHours, Period::kYear, 32)});
  auto facts = year_bound();
  facts.expected = {expected(1, "2026-03-24", kPresent, ActivityKind::kTraining, 4, 32),
                    expected(2, "2026-05-01", kAbsent, ActivityKind::kLecture, 1, 3)};
  facts.entries = {{10, ArchiveKind::kReflection, d("2026-03-28"), 2, false, 1},  // its hours are the training's
                   {11, ArchiveKind::kSelfStudy, d("2026-06-01"), 1.5, false, std::nullopt}};
  const auto r = evaluate_person(doc, 2026, d("2026-12-31"), facts);
  EXPECT_DOUBLE_EQ(*r.items[0].actual, 33.5);
  EXPECT_EQ(r.items[0].status, S::kMet);
}

TEST(Evaluate, AtMostIsBehindAsSoonAsItIsExceeded) {
  auto absences = item(Measure::kArchiveEntries, Period::kYear, 1);
  absences.comparator = Comparator::kAtMost;
  const auto doc = person_doc({absences});
  auto facts = year_bound();
  facts.entries = {{1, ArchiveKind::kNote, d("2026-03-01"), 0, false, std::nullopt}};
  EXPECT_EQ(evaluate_person(doc, 2026, d("2026-06-01"), facts).items[0].status, S::kOnTrack);
  EXPECT_EQ(evaluate_person(doc, 2026, d("2026-12-31"), facts).items[0].status, S::kMet);
  facts.entries.push_back({2, ArchiveKind::kNote, d("2026-04-01"), 0, false, std::nullopt});
  EXPECT_EQ(evaluate_person(doc, 2026, d("2026-06-01"), facts).items[0].status, S::kBehind);
  EXPECT_EQ(evaluate_person(doc, 2026, d("2026-12-31"), facts).items[0].status, S::kMissed);
}

TEST(Evaluate, SubjectStatusIsTheWorstOfItsItems) {
  auto a = item(Measure::kArchiveEntries, Period::kYear, 1);
  auto b = item(Measure::kAttendedActivities, Period::kYear, 1);
  b.code = "b";
  const auto doc = person_doc({a, b});
  auto facts = year_bound();
  facts.entries = {{1, ArchiveKind::kNote, d("2026-03-01"), 0, false, std::nullopt}};
  const auto r = evaluate_person(doc, 2026, d("2026-12-31"), facts);
  EXPECT_EQ(r.items[0].status, S::kMet);
  EXPECT_EQ(r.items[1].status, S::kMissed);
  EXPECT_EQ(r.status, S::kMissed);
  EXPECT_EQ(worst(S::kOnTrack, S::kBehind), S::kBehind);
  EXPECT_EQ(worst(S::kMet, S::kOnTrack), S::kOnTrack);
}

TEST(Validate, NamesEveryBrokenRuleWithItsPath) {
  RequirementDocument doc;
  doc.subject.kind = SubjectKind::kOrg;
  doc.subject.cadre_level_at_least = CadreLevel::kCounty;
  auto a = item(Measure::kAttendedActivities, Period::kYear, 1);  // a person measure on orgs
  auto b = item(Measure::kParticipationRate, Period::kYear, 95);  // 95 where 0.95 is meant
  b.code = "item";                                                 // a second "item"
  auto c = item(Measure::kActivities, Period::kWeek, 1.5);
  c.code = "Weekly";
  c.entry_kinds = {ArchiveKind::kNote};
  doc.items = {a, b, c};
  doc.make_up = MakeUpRule{{}, 0, true};
  FieldErrors errors;
  check_requirement_document(doc, errors);
  std::vector<std::string> fields;
  for (const auto& e : errors.items()) fields.push_back(e.field);
  EXPECT_THAT(fields, ElementsAre("document.name", "document.subject.cadre_level_at_least", "document.items[0].measure",
                                  "document.items[1].code", "document.items[1].value", "document.items[2].code",
                                  "document.items[2].entry_kinds", "document.items[2].value", "document.make_up",
                                  "document.make_up.within_days"));
}

TEST(Validate, AcceptsAWellFormedDocument) {
  auto doc = person_doc({item(Measure::kAttendedActivities, Period::kQuarter, 1, {ActivityKind::kCentralizedStudy})});
  doc.subject.born_on_or_after = d("1956-01-01");
  FieldErrors errors;
  check_requirement_document(doc, errors);
  EXPECT_TRUE(errors.empty());
}

TEST(Assess, ScoresTheShareDoneOfEachItemByItsWeight) {
  auto quarterly = item(Measure::kAttendedActivities, Period::kQuarter, 1);
  quarterly.code = "quarterly";
  auto notes = item(Measure::kArchiveEntries, Period::kYear, 2);
  notes.code = "notes";
  auto doc = person_doc({quarterly, notes});
  auto facts = year_bound();
  facts.expected = {expected(1, "2026-02-10", kPresent), expected(2, "2026-05-05", kPresent),
                    expected(3, "2026-08-05", kPresent)};
  facts.entries = {{10, ArchiveKind::kNote, d("2026-03-01"), 0, false, std::nullopt}};
  const auto result = evaluate_person(doc, 2026, d("2026-12-31"), facts);
  // Default scheme: each item weighs 1. Quarters 3/4 = 0.75, notes 1/2 = 0.5: (0.75 + 0.5) / 2 = 62.5.
  auto a = assess(doc, result);
  EXPECT_DOUBLE_EQ(a.score, 62.5);
  EXPECT_EQ(a.grade, Grade::kPass);
  ASSERT_EQ(a.items.size(), 2u);
  EXPECT_DOUBLE_EQ(a.items[0].fraction, 0.75);
  EXPECT_DOUBLE_EQ(a.items[0].points, 37.5);
  EXPECT_DOUBLE_EQ(a.items[1].points, 25);
  // Quarters weigh 3, notes 1: (3 × 0.75 + 1 × 0.5) / 4 = 68.75; with a pass line of 70 that fails.
  doc.assessment = AssessmentScheme{{{"quarterly", 3}}, 95, 85, 70};
  a = assess(doc, result);
  EXPECT_DOUBLE_EQ(a.score, 68.75);
  EXPECT_EQ(a.grade, Grade::kFail);
  // Everything done is 100 and excellent; doing more than asked counts no more.
  facts.expected.push_back(expected(4, "2026-11-05", kPresent));
  facts.entries.push_back({11, ArchiveKind::kNote, d("2026-04-01"), 0, false, std::nullopt});
  facts.entries.push_back({12, ArchiveKind::kNote, d("2026-05-01"), 0, false, std::nullopt});
  a = assess(doc, evaluate_person(doc, 2026, d("2026-12-31"), facts));
  EXPECT_DOUBLE_EQ(a.score, 100);
  EXPECT_EQ(a.grade, Grade::kExcellent);
}

TEST(Assess, TheSchemeIsChecked) {
  auto doc = person_doc({item(Measure::kArchiveEntries, Period::kYear, 1)});
  doc.assessment = AssessmentScheme{{{"nothing", 2}, {"item", -1}}, 80, 85, 60};
  FieldErrors errors;
  check_requirement_document(doc, errors);
  std::vector<std::string> fields;
  for (const auto& e : errors.items()) fields.push_back(e.field);
  EXPECT_THAT(fields, ElementsAre("document.assessment.weights.nothing", "document.assessment.weights.item",
                                  "document.assessment.weights", "document.assessment"));
}

// Properties over random facts: more done never makes things look worse.

struct RandomFacts {
  PersonFacts facts;
  Date as_of;
};

RandomFacts random_facts() {
  RandomFacts out;
  out.facts = year_bound();
  const int n = *rc::gen::inRange(0, 30);
  for (int i = 0; i < n; ++i) {
    const auto kind = static_cast<ActivityKind>(*rc::gen::inRange(0, 13));
    const Date day = d("2026-01-01").add_days(*rc::gen::inRange(0, 365));
    std::optional<AttendanceStatus> status;
    if (*rc::gen::inRange(0, 5) > 0) status = static_cast<AttendanceStatus>(*rc::gen::inRange(0, 4));
    out.facts.expected.push_back({i + 1, kind, day, day.add_days(*rc::gen::inRange(0, 3)), 1.0 * *rc::gen::inRange(0, 8), status});
  }
  out.as_of = d("2026-01-01").add_days(*rc::gen::inRange(-10, 400));
  return out;
}

RC_GTEST_PROP(Property, AddingAnAttendedActivityNeverLowersACountOrWorsensAStatus, ()) {
  const auto period = static_cast<Period>(*rc::gen::inRange(0, 5));
  const auto measure = *rc::gen::element(Measure::kAttendedActivities, Measure::kStudyDays, Measure::kCreditHours);
  auto doc = person_doc({item(measure, period, *rc::gen::inRange(1, 4))});
  if (*rc::gen::arbitrary<bool>()) doc.make_up = MakeUpRule{{}, 30, true};
  auto [facts, as_of] = random_facts();
  const auto before = evaluate_person(doc, 2026, as_of, facts);
  const Date day = d("2026-01-01").add_days(*rc::gen::inRange(0, 365));
  facts.expected.push_back({1000, ActivityKind::kCentralizedStudy, day, day, 2, AttendanceStatus::kPresent});
  const auto after = evaluate_person(doc, 2026, as_of, facts);
  RC_ASSERT(*after.items[0].actual >= *before.items[0].actual);
  RC_ASSERT(after.items[0].status <= before.items[0].status);
  for (std::size_t i = 0; i < before.items[0].periods.size(); ++i) {
    RC_ASSERT(*after.items[0].periods[i].actual >= *before.items[0].periods[i].actual);
  }
}

RC_GTEST_PROP(Property, TheYearIsNeverOnTrackOnceItIsOver, ()) {
  const auto period = static_cast<Period>(*rc::gen::inRange(0, 5));
  const auto doc = person_doc({item(Measure::kAttendedActivities, period, *rc::gen::inRange(0, 3))});
  auto [facts, as_of] = random_facts();
  (void)as_of;
  const auto r = evaluate_person(doc, 2026, d("2026-12-31"), facts);
  RC_ASSERT(r.status == S::kMet || r.status == S::kMissed);
  for (const auto& p : r.items[0].periods) RC_ASSERT(p.status == S::kMet || p.status == S::kMissed);
}

RC_GTEST_PROP(Property, ARecordCountedIsAlwaysOneOfTheFacts, ()) {
  const auto doc = person_doc({item(Measure::kAttendedActivities, Period::kMonth, 1)});
  auto [facts, as_of] = random_facts();
  const auto r = evaluate_person(doc, 2026, as_of, facts);
  for (Id id : r.items[0].records.activities) {
    const auto it = std::find_if(facts.expected.begin(), facts.expected.end(),
                                 [&](const ExpectedActivity& a) { return a.activity_id == id; });
    RC_ASSERT(it != facts.expected.end());
    RC_ASSERT(it->status.has_value() && attended(*it->status));
    RC_ASSERT(it->starts_on <= as_of);
  }
}

}  // namespace
}  // namespace xuefeng::core
