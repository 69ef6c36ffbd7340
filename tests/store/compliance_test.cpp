// The shipped templates against a hand-built district, through the real store and use cases. Every
// expected figure is worked out by hand in the comments.

#include <gtest/gtest.h>

#include <algorithm>

#include "export/exports.hpp"
#include "compliance_fixture.hpp"
#include "xlsx_reader.hpp"

namespace xuefeng::testing {
namespace {

using core::ActivityKind;
using core::ArchiveKind;
using core::AttendanceStatus;
using core::Id;
using S = core::ComplianceStatus;

class Compliance : public ComplianceFixture {};

TEST_F(Compliance, EightOnesForALeaderOnTrackAtMidYear) {
  build();
  const auto c = ok(services_->requirements.person_compliance(admin_, zhou, 2026, date("2026-06-30")));
  EXPECT_EQ(c.year, 2026);
  // 周 is bound by the eight ones (a member of the study group) and by the e-government training (born
  // 1970, after 1956-01-01).
  ASSERT_EQ(c.subjects.size(), 2u);
  const auto& s = subject(c, eight_ones, zhou);
  EXPECT_EQ(s.name, "周建国");
  // Q1 (Feb 10, present) and Q2 (May 12, late counts) met; Q3's study is scheduled; Q4 not begun: 2 / 4.
  const auto& quarterly = item(s, "quarterly_centralized_study");
  EXPECT_EQ(quarterly.required, 4);
  EXPECT_EQ(quarterly.actual, 2.0);
  EXPECT_EQ(quarterly.status, S::kOnTrack);
  EXPECT_EQ(quarterly.periods[2].status, S::kOnTrack);
  EXPECT_EQ(quarterly.records.activities, (std::vector<Id>{q1_study, q2_study}));
  EXPECT_EQ(item(s, "yearly_training").status, S::kMet);
  EXPECT_EQ(item(s, "study_notebook").status, S::kMet);
  EXPECT_EQ(item(s, "theoretical_article").status, S::kMet);
  // He spoke at the February study: a keynote speech, counted from the activity.
  EXPECT_EQ(item(s, "keynote_speech").status, S::kMet);
  EXPECT_EQ(item(s, "keynote_speech").records.activities, (std::vector<Id>{q1_study}));
  // The party lecture he gave at the branch counts though he is not its member.
  EXPECT_EQ(item(s, "party_lecture").records.activities, (std::vector<Id>{lecture_given}));
  EXPECT_EQ(item(s, "contact_point").status, S::kMet);
  EXPECT_EQ(item(s, "year_end_summary").status, S::kOnTrack);
  EXPECT_EQ(s.result.status, S::kOnTrack);
  EXPECT_EQ(subject(c, egov, zhou).result.status, S::kMet);
}

TEST_F(Compliance, AnExcusedAbsenceLeavesAQuarterMissedAndTheLeaderBehind) {
  build();
  const auto c = ok(services_->requirements.person_compliance(admin_, wu, 2026, date("2026-06-30")));
  // 吴, born 1950, is not eligible for the e-government training: only the eight ones bind him.
  ASSERT_EQ(c.subjects.size(), 1u);
  const auto& s = subject(c, eight_ones, wu);
  const auto& quarterly = item(s, "quarterly_centralized_study");
  EXPECT_EQ(quarterly.periods[0].status, S::kMet);
  EXPECT_EQ(quarterly.periods[1].status, S::kMissed);  // excused on May 12, the quarter's only study
  EXPECT_EQ(quarterly.status, S::kBehind);
  // Absent from the March training, and no other training is scheduled this year: behind.
  EXPECT_EQ(item(s, "yearly_training").status, S::kBehind);
  EXPECT_EQ(s.result.status, S::kBehind);
}

TEST_F(Compliance, ALeaderWhoJoinedInJulyIsAskedForTwoQuarters) {
  build();
  mark_august();
  const auto c = ok(services_->requirements.person_compliance(admin_, zheng, 2026, date("2026-12-31")));
  const auto& quarterly = item(subject(c, eight_ones, zheng), "quarterly_centralized_study");
  ASSERT_EQ(quarterly.periods.size(), 2u);
  EXPECT_EQ(quarterly.periods[0].span.from, date("2026-07-01"));
  EXPECT_EQ(quarterly.periods[0].status, S::kMet);    // present on Aug 20
  EXPECT_EQ(quarterly.periods[1].status, S::kMissed);  // no study in Q4
  EXPECT_EQ(quarterly.required, 2);
  EXPECT_EQ(quarterly.actual, 1.0);
  EXPECT_EQ(quarterly.status, S::kMissed);
}

TEST_F(Compliance, TheCentralGroupsYearCountsStudiesDaysAndParticipation) {
  build();
  mark_august();
  const auto c = ok(services_->requirements.org_compliance(admin_, district, 2026, date("2026-12-31")));
  const auto& g = subject(c, central, group);
  EXPECT_EQ(g.kind, core::SubjectKind::kOrg);
  EXPECT_EQ(g.name, "区委理论学习中心组");
  // Centralized studies: Feb 10, May 12, Aug 20 = 3 of 6, and 3 days of 15.
  EXPECT_EQ(item(g, "centralized_studies").actual, 3.0);
  EXPECT_EQ(item(g, "centralized_studies").status, S::kMissed);
  EXPECT_EQ(item(g, "study_days").actual, 3.0);
  // Participation over every activity of the group: Feb 2/2, training 1/2, May 1/2, Aug 3/3 = 7/9.
  EXPECT_NEAR(*item(g, "participation").actual, 7.0 / 9.0, 1e-12);
  EXPECT_EQ(item(g, "participation").status, S::kMissed);
  // The branch and the township are not study groups: the set does not bind them.
  EXPECT_EQ(std::count_if(c.subjects.begin(), c.subjects.end(),
                          [&](const service::SubjectCompliance& s) { return s.set->id == central; }),
            1);
  // Everyone bound by the person sets is there too: three leaders under the eight ones, two eligible
  // for the training.
  EXPECT_EQ(std::count_if(c.subjects.begin(), c.subjects.end(),
                          [&](const service::SubjectCompliance& s) { return s.set->id == eight_ones; }),
            3);
  EXPECT_EQ(std::count_if(c.subjects.begin(), c.subjects.end(),
                          [&](const service::SubjectCompliance& s) { return s.set->id == egov; }),
            2);
}

TEST_F(Compliance, TheTownshipCadenceIsMonthByMonthAndWeekByWeek) {
  build();
  const Id set = from_template(township, "township_cadence");
  activity(township, ActivityKind::kLecture, "2026-01-15", "2026-01-15");
  activity(township, ActivityKind::kLecture, "2026-02-20", "2026-02-20");
  activity(township, ActivityKind::kReadingClub, "2026-03-04", "2026-03-04");  // Wednesday of the week of 2 March
  const auto c = ok(services_->requirements.org_compliance(admin_, township, 2026, date("2026-03-31")));
  const auto& t = subject(c, set, township);
  const auto& lectures = item(t, "monthly_expert_lecture");
  ASSERT_EQ(lectures.periods.size(), 12u);
  EXPECT_EQ(lectures.periods[0].status, S::kMet);
  EXPECT_EQ(lectures.periods[1].status, S::kMet);
  EXPECT_EQ(lectures.periods[2].status, S::kMissed);  // no lecture in March
  EXPECT_EQ(lectures.status, S::kBehind);
  const auto& reading = item(t, "weekly_reading_exchange");
  EXPECT_EQ(reading.periods.size(), 53u);
  EXPECT_EQ(reading.actual, 1.0);  // one week of thirteen so far met
  EXPECT_EQ(reading.periods[9].span.from, date("2026-03-02"));
  EXPECT_EQ(reading.periods[9].status, S::kMet);
  // "self": the township itself, not the district that holds the other sets.
  EXPECT_EQ(std::count_if(c.subjects.begin(), c.subjects.end(),
                          [&](const service::SubjectCompliance& s) { return s.set->id == set; }),
            1);
}

TEST_F(Compliance, ANewMarkShowsAtOnce) {
  build();
  auto quarterly_q2 = [&] {
    const auto c = ok(services_->requirements.person_compliance(admin_, wu, 2026, date("2026-06-30")));
    return item(subject(c, eight_ones, wu), "quarterly_centralized_study").periods[1].status;
  };
  EXPECT_EQ(quarterly_q2(), S::kMissed);
  mark(q2_study, {{wu, AttendanceStatus::kPresent}});
  EXPECT_EQ(quarterly_q2(), S::kMet);
}

TEST_F(Compliance, MakeUpStudyCountsWhenTheSetSaysSo) {
  build();
  auto doc = services_->requirements.templates().front().document;  // the eight ones
  doc.name = "八个一（含补学）";
  doc.make_up = core::MakeUpRule{{ActivityKind::kCentralizedStudy}, 30, true};
  const Id set = ok(services_->requirements.create(admin_, {district, std::nullopt, doc})).id;
  // 吴 was excused on May 12 and wrote it up on May 30, within 30 days.
  const Id made_up = entry(wu, ArchiveKind::kNote, "2026-05-30", q2_study);
  const auto c = ok(services_->requirements.person_compliance(admin_, wu, 2026, date("2026-06-30")));
  const auto& s = subject(c, set, wu);
  EXPECT_EQ(item(s, "quarterly_centralized_study").periods[1].status, S::kMet);
  ASSERT_EQ(s.result.make_up.size(), 1u);  // the training he missed is not a centralized study
  EXPECT_EQ(s.result.make_up[0].activity_id, q2_study);
  EXPECT_EQ(s.result.make_up[0].entry_id, std::optional<Id>(made_up));
  // Under the plain eight ones the same quarter stays missed.
  EXPECT_EQ(item(subject(c, eight_ones, wu), "quarterly_centralized_study").periods[1].status, S::kMissed);
}

TEST_F(Compliance, DocumentsAreCheckedAndVersioned) {
  build();
  auto doc = services_->requirements.templates().front().document;
  doc.items[0].value = -1;
  const auto refused = services_->requirements.create(admin_, {district, std::nullopt, doc});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kValidationFailed);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "document.items[0].value");
  EXPECT_FALSE(services_->requirements.create(admin_, {district, std::string("nine_ones"), std::nullopt}));

  auto set = ok(services_->requirements.get(admin_, eight_ones));
  EXPECT_EQ(set.version, 1);
  EXPECT_EQ(set.template_code, std::optional<std::string>("eight_ones"));
  set.document.items[0].value = 2;
  const auto updated = ok(services_->requirements.update(admin_, eight_ones, set.document, 1));
  EXPECT_EQ(updated.version, 2);
  EXPECT_EQ(ok(services_->requirements.get(admin_, eight_ones)).document.items[0].value, 2);
  const auto stale = services_->requirements.update(admin_, eight_ones, set.document, 1);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, core::ErrorCode::kVersionMismatch);
  // An org holding a set cannot be deleted while it does.
  const Id leaf = org("临时组织", core::OrgKind::kGroup, branch);
  from_template(leaf, "township_cadence");
  const auto removed = services_->orgs.remove(admin_, leaf, std::nullopt);
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().code, core::ErrorCode::kConflict);
  EXPECT_NE(removed.error().detail.en.find("1 requirement set"), std::string::npos) << removed.error().detail.en;
}

TEST_F(Compliance, UnitsAreRankedByTheirShareOfCompliantPeople) {
  build();
  const auto u = ok(services_->requirements.units(admin_, district, 2026, date("2026-06-30"),
                                                  service::UnitOrder::kCompliantShare, false));
  ASSERT_EQ(u.units.size(), 3u);
  // The study group: 周 on track under both sets; 吴 behind (a missed quarter, the training missed with
  // none to come); 郑 behind (no training scheduled for him this year). 1 of 3.
  const auto& g = u.units[0];
  EXPECT_EQ(g.org.id, group);
  EXPECT_EQ(g.rank, 1);
  EXPECT_EQ(g.people, 3);
  EXPECT_EQ(g.compliant, 1);
  EXPECT_NEAR(*g.compliant_share, 1.0 / 3.0, 1e-12);
  // Held by June 30 in its subtree: Feb 2/2, training 1/2, May 1/2 (excused is not attended) = 4/6.
  EXPECT_NEAR(*g.participation_rate, 4.0 / 6.0, 1e-12);
  ASSERT_EQ(g.most_behind.size(), 3u);
  EXPECT_EQ(g.most_behind[0].code, "yearly_training");
  EXPECT_EQ(g.most_behind[0].people, 2);
  EXPECT_EQ(g.most_behind[1].code, "quarterly_centralized_study");
  EXPECT_EQ(g.most_behind[2].code, "egov_training");
  // The branch and the township bind nobody: no share, ranked after, by name in pinyin (柳 liu before
  // 区 qu; by code point 区 U+533A would come first).
  EXPECT_EQ(u.units[1].org.id, township);
  EXPECT_FALSE(u.units[1].compliant_share.has_value());
  EXPECT_EQ(u.units[2].org.id, branch);
  EXPECT_EQ(u.units[2].rank, 3);

  const auto by_name = ok(services_->requirements.units(admin_, district, 2026, date("2026-06-30"),
                                                        service::UnitOrder::kName, true));
  // By pinyin: 柳塘镇党委 (liu) < 区委… (qu wei) < 区政府… (qu zheng).
  EXPECT_EQ(by_name.units[0].org.id, township);
  EXPECT_EQ(by_name.units[1].org.id, group);
  EXPECT_EQ(by_name.units[2].org.id, branch);
}

TEST_F(Compliance, AssessmentScoresEachLeaderFromTheirProgress) {
  build();
  const auto c = ok(services_->requirements.org_compliance(admin_, district, 2026, date("2026-06-30")));
  // 周: quarters 2/4 = 0.5, and 1 for training, notebook, article, speech, party lecture, contact point,
  // 0 for the year-end summary not yet written: 6.5 of 8 items = 81.25, 良好 (75 or more, under 90).
  const auto& zhou_result = subject(c, eight_ones, zhou);
  EXPECT_DOUBLE_EQ(zhou_result.assessment.score, 81.25);
  EXPECT_EQ(zhou_result.assessment.grade, core::Grade::kGood);
  // With the quarters weighing 4 and the rest 1: (4 × 0.5 + 6) / 11 = 72.73, 合格.
  auto set = ok(services_->requirements.get(admin_, eight_ones));
  set.document.assessment = core::AssessmentScheme{{{"quarterly_centralized_study", 4}}, 90, 75, 60};
  ok(services_->requirements.update(admin_, eight_ones, set.document, std::nullopt));
  const auto again = ok(services_->requirements.person_compliance(admin_, zhou, 2026, date("2026-06-30")));
  EXPECT_DOUBLE_EQ(subject(again, eight_ones, zhou).assessment.score, 72.73);
  EXPECT_EQ(subject(again, eight_ones, zhou).assessment.grade, core::Grade::kPass);
}

TEST_F(Compliance, TheReviewGathersTheYearOfTheSubtree) {
  build();
  const auto r = ok(services_->requirements.review(admin_, district, 2026, date("2026-06-30")));
  EXPECT_EQ(r.org.id, district);
  // Held by June 30 in the district: the February and May studies, the March training, the April party
  // lecture at the branch; the August study is to come. Expected 2 + 2 + 2 (the branch lecture has no
  // audience), attended 2 + 1 + 1.
  EXPECT_EQ(r.totals.activities, 4);
  EXPECT_EQ(r.totals.upcoming, 1);
  EXPECT_EQ(r.totals.expected, 6);
  EXPECT_EQ(r.totals.attended, 4);
  ASSERT_EQ(r.months.size(), 6u);  // January to June
  EXPECT_EQ(r.months[1].expected, 2);
  EXPECT_EQ(r.months[1].attended, 2);
  EXPECT_EQ(r.months[2].attended, 1);
  EXPECT_EQ(r.months[0].expected, 0);
  // The sets in id order: the eight ones (周 on track, 吴 and 郑 behind), the training (周 met, 郑 behind),
  // the central group's year (behind on all three counts at mid-year).
  ASSERT_EQ(r.sets.size(), 3u);
  EXPECT_EQ(r.sets[0].set->id, eight_ones);
  EXPECT_EQ(r.sets[0].subjects, 3);
  EXPECT_EQ(r.sets[0].on_track, 1);
  EXPECT_EQ(r.sets[0].behind, 2);
  EXPECT_EQ(r.sets[1].set->id, egov);
  EXPECT_EQ(r.sets[1].met, 1);
  EXPECT_EQ(r.sets[1].behind, 1);
  EXPECT_EQ(r.sets[2].set->id, central);
  EXPECT_EQ(r.sets[2].behind, 1);
  // Within a set, the best score first: 周 leads the eight ones.
  EXPECT_EQ(r.compliance.subjects[0].subject_id, zhou);
  ASSERT_EQ(r.units.size(), 3u);
  EXPECT_EQ(r.units[0].org.id, group);
}

TEST_F(Compliance, TheReviewWorkbookHasItsFourSheetsCellByCell) {
  build();
  const auto review = ok(services_->requirements.review(admin_, district, 2026, date("2026-06-30")));
  const auto document = ok(exports::review_workbook(review));
  EXPECT_EQ(document.filename, "学习讲评-云溪区委-2026.xlsx");
  EXPECT_EQ(document.ascii_filename, "review-" + std::to_string(district) + "-2026.xlsx");
  const auto book = read_xlsx(document.bytes);
  EXPECT_EQ(book.sheet_names(), (std::vector<std::string>{"汇总", "个人明细", "活动明细", "未达标事项"}));

  const auto& summary = book.sheet("汇总");
  EXPECT_EQ(summary.text("A1"), "云溪区委 2026 年学习讲评");
  EXPECT_TRUE(summary.cell("B3").is_date);
  EXPECT_EQ(summary.text("A4"), "已开展学习活动（次）");
  EXPECT_EQ(summary.cell("B4").number, 4);
  EXPECT_EQ(summary.cell("B8").number, 6);  // expected
  EXPECT_EQ(summary.cell("B9").number, 4);  // attended
  EXPECT_EQ(summary.text("A10"), "参学率");
  EXPECT_NEAR(summary.cell("B10").number, 4.0 / 6.0, 1e-9);
  EXPECT_NE(summary.cell("B10").number_format.find('%'), std::string::npos);

  // One row per item of each person, the best score of a set first: 周's first item.
  const auto& people = book.sheet("个人明细");
  EXPECT_EQ(people.frozen_rows, 1);
  EXPECT_EQ(people.text("B1"), "姓名");
  EXPECT_EQ(people.text("B2"), "周建国");
  EXPECT_EQ(people.text("C2"), "八个一");
  EXPECT_EQ(people.text("D2"), "进行中");
  EXPECT_EQ(people.text("F2"), "良好");
  EXPECT_EQ(people.text("G2"), "每季度参加一次集中学习");
  EXPECT_EQ(people.cell("H2").number, 2);
  EXPECT_EQ(people.cell("I2").number, 4);
  EXPECT_EQ(people.text("J2"), "进行中");
  EXPECT_EQ(people.text("K1"), "说明");
  // Q1 and Q2 met; Q3's study is scheduled and Q4 has not begun.
  EXPECT_EQ(people.text("K2"), "第三季度、第四季度待完成");

  // The activities by date: the February study (2 of 2), the March training (1 of 2), the branch's April
  // party lecture (no audience, no rate).
  const auto& activities = book.sheet("活动明细");
  EXPECT_TRUE(activities.cell("B2").is_date);
  EXPECT_EQ(activities.text("E2"), "集中学习");
  EXPECT_EQ(activities.text("F2"), "区委理论学习中心组");
  EXPECT_EQ(activities.cell("H2").number, 2);
  EXPECT_EQ(activities.cell("I2").number, 2);
  EXPECT_EQ(activities.cell("J2").number, 1);
  EXPECT_EQ(activities.text("E3"), "集中培训");
  EXPECT_EQ(activities.cell("I3").number, 1);
  EXPECT_EQ(activities.text("E4"), "党课");
  EXPECT_EQ(activities.cell("J4").type, XlsxCell::Type::kEmpty);
  EXPECT_EQ(activities.last_row(), 5);  // and May; August is after as_of

  // Every item behind or missed, with the name: 吴's missed quarter is there.
  const auto& shortfalls = book.sheet("未达标事项");
  bool found = false;
  for (int row = 2; row <= shortfalls.last_row(); ++row) {
    const auto r = std::to_string(row);
    if (shortfalls.text("B" + r) == "吴德明" && shortfalls.text("D" + r) == "每季度参加一次集中学习") {
      found = true;
      EXPECT_EQ(shortfalls.text("G" + r), "滞后");
      EXPECT_EQ(shortfalls.cell("E" + r).number, 1);
    }
  }
  EXPECT_TRUE(found);
  std::size_t behind = 0;
  for (const auto& s : review.compliance.subjects) {
    for (const auto& i : s.result.items) {
      behind += i.status == core::ComplianceStatus::kBehind || i.status == core::ComplianceStatus::kMissed;
    }
  }
  EXPECT_EQ(shortfalls.last_row(), static_cast<int>(behind) + 1);
}

}  // namespace
}  // namespace xuefeng::testing
