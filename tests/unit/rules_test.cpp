#include <gtest/gtest.h>

#include <algorithm>

#include "core/rules.hpp"
#include "core/text.hpp"
#include "core/vocabulary.hpp"

namespace xuefeng::core {
namespace {

Date d(const char* s) { return *Date::parse(s); }
Timestamp t(const char* s) { return *Timestamp::parse_rfc3339(s); }
const UtcOffset kBeijing{480};

std::vector<std::string> fields(const FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors.items()) out.push_back(e.field);
  return out;
}

TEST(Vocabulary, EveryCodeRoundTripsAndLabelsAreChinese) {
  for (const auto& term : terms(ActivityKind{})) {
    EXPECT_EQ(parse_code<ActivityKind>(term.code), term.value);
    EXPECT_EQ(code(term.value), term.code);
  }
  EXPECT_EQ(code(ActivityKind::kCentralizedStudy), "centralized_study");
  EXPECT_EQ(label_zh(ActivityKind::kKeynote), "中心发言");
  EXPECT_EQ(parse_code_or_label<MemberRole>("学习秘书"), MemberRole::kStudySecretary);
  EXPECT_FALSE(parse_code<AttendanceStatus>("Present"));  // codes are exact
  EXPECT_EQ(terms(OrgKind{}).size(), 7u);
  EXPECT_EQ(terms(ArchiveKind{}).size(), 9u);
  EXPECT_EQ(terms(ActivityKind{}).size(), 13u);
  EXPECT_TRUE(attended(AttendanceStatus::kLate));
  EXPECT_FALSE(attended(AttendanceStatus::kExcused));
  // Cadre levels are ordered highest first: "county or above" is a comparison.
  EXPECT_LT(CadreLevel::kBureau, CadreLevel::kCounty);
  EXPECT_LT(CadreLevel::kCounty, CadreLevel::kTownship);
}

TEST(Text, ValidatesUtf8AndTrimsChineseSpaces) {
  EXPECT_TRUE(is_valid_utf8("学习型党组织"));
  EXPECT_FALSE(is_valid_utf8("\xC3\x28"));
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));   // a surrogate
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));       // overlong
  EXPECT_EQ(utf8_length("左慧玲"), 3u);
  EXPECT_EQ(utf8_prefix("左慧玲", 2), "左慧");
  EXPECT_EQ(utf8_prefix("a左b", 2), "a左");
  EXPECT_EQ(utf8_prefix("左慧玲", 3), "左慧玲");
  EXPECT_EQ(utf8_prefix("左慧玲", 10), "左慧玲");
  EXPECT_EQ(utf8_prefix("左慧玲", 0), "");
  EXPECT_EQ(trim("\u3000 张三\t\u3000"), "张三");
  EXPECT_EQ(trim("   "), "");
}

TEST(Text, NamesAreOrderedByPinyin) {
  // By code point 张 (U+5F20) < 李 (U+674E) < 王 (U+738B) < 陈 (U+9648); a reader expects chen, li, wang, zhang.
  std::vector<std::string> names = {"张伟", "李娜", "王芳", "陈静"};
  std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return name_less(a, b); });
  EXPECT_EQ(names, (std::vector<std::string>{"陈静", "李娜", "王芳", "张伟"}));
  // Same surname: the given name decides; a prefix comes first.
  EXPECT_TRUE(name_less("王芳", "王磊"));
  EXPECT_TRUE(name_less("王", "王芳"));
  EXPECT_FALSE(name_less("王芳", "王芳"));
  // Names the collation holds equal still have an order: full-width and ASCII letters differ in bytes.
  EXPECT_NE(name_less("ＡＢ", "AB"), name_less("AB", "ＡＢ"));
  // Orgs: 白沙镇 (bai) before 柳塘镇 (liu) before 云溪街道 (yun).
  EXPECT_TRUE(name_less("白沙镇党委", "柳塘镇党委"));
  EXPECT_TRUE(name_less("柳塘镇党委", "云溪街道党工委"));
}

TEST(Rules, ActivityChecksDatesTimesAndPeople) {
  Activity a;
  a.title = "集中学习";
  a.starts_on = d("2007-04-09");
  a.ends_on = d("2007-04-11");
  FieldErrors ok;
  check_activity(a, kBeijing, ok);
  EXPECT_TRUE(ok.empty());
  EXPECT_EQ(a.days(), 3);

  Activity bad = a;
  bad.title = "  ";
  bad.ends_on = d("2007-04-08");
  bad.credit_hours = -1;
  bad.starts_at = t("2007-04-10T08:30:00+08:00");  // not on starts_on
  bad.speakers = {{5, "发言"}, {5, "又一次"}};
  bad.invitees = {7, 7};
  FieldErrors errors;
  check_activity(bad, kBeijing, errors);
  EXPECT_EQ(fields(errors), (std::vector<std::string>{"title", "credit_hours", "ends_on", "starts_at",
                                                      "speakers[1].person_id", "invitees[1]"}));

  Activity timed = a;
  timed.ends_on = a.starts_on;
  timed.starts_at = t("2007-04-09T08:30:00+08:00");
  timed.ends_at = t("2007-04-09T08:00:00+08:00");
  FieldErrors time_errors;
  check_activity(timed, kBeijing, time_errors);
  EXPECT_EQ(fields(time_errors), (std::vector<std::string>{"ends_at"}));
  // 00:30 Beijing time is the previous day in UTC: the date check uses the deployment's offset.
  Activity early = a;
  early.ends_on = a.starts_on;
  early.starts_at = t("2007-04-09T00:30:00+08:00");
  FieldErrors none;
  check_activity(early, kBeijing, none);
  EXPECT_TRUE(none.empty());
}

TEST(Rules, PersonChecks) {
  Person p;
  p.name = "张三";
  p.birth_date = d("1956-01-01");
  FieldErrors ok;
  check_person(p, d("2026-11-22"), ok);
  EXPECT_TRUE(ok.empty());
  p.name = std::string(51 * 3, 'x');
  p.birth_date = d("2030-01-01");
  p.phone = "138-0000-ABCD";
  FieldErrors errors;
  check_person(p, d("2026-11-22"), errors);
  EXPECT_EQ(fields(errors), (std::vector<std::string>{"name", "birth_date", "phone"}));
}

TEST(Rules, SeriesDatesByWeekFortnightAndMonth) {
  const auto weekly = series_dates(d("2026-01-07"), RepeatEvery::kWeek, d("2026-02-04"));
  ASSERT_EQ(weekly.size(), 5u);
  EXPECT_EQ(weekly.back().to_string(), "2026-02-04");
  const auto fortnightly = series_dates(d("2026-01-07"), RepeatEvery::kFortnight, d("2026-02-03"));
  ASSERT_EQ(fortnightly.size(), 2u);
  EXPECT_EQ(fortnightly[1].to_string(), "2026-01-21");
  // Monthly on the 31st: clamped in short months, back to the 31st after them.
  const auto monthly = series_dates(d("2026-01-31"), RepeatEvery::kMonth, d("2026-05-31"));
  std::vector<std::string> got;
  for (const auto& m : monthly) got.push_back(m.to_string());
  EXPECT_EQ(got, (std::vector<std::string>{"2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"}));
  EXPECT_TRUE(series_dates(d("2026-02-01"), RepeatEvery::kWeek, d("2026-01-01")).empty());
  EXPECT_EQ(series_dates(d("2026-01-01"), RepeatEvery::kWeek, d("2099-01-01")).size(),
            static_cast<std::size_t>(kMaxSeriesLength + 1));
}

TEST(Rules, CheckInWindowAndLateness) {
  const CheckInPolicy policy;
  Activity timed;
  timed.starts_on = timed.ends_on = d("2007-04-09");
  timed.starts_at = t("2007-04-09T08:30:00+08:00");
  timed.ends_at = t("2007-04-09T11:30:00+08:00");
  const auto w = check_in_window(timed, kBeijing, policy);
  EXPECT_EQ(w.opens, t("2007-04-09T08:00:00+08:00"));
  EXPECT_EQ(w.closes, t("2007-04-09T11:30:00+08:00"));
  EXPECT_EQ(check_in_status(timed, t("2007-04-09T08:40:00+08:00"), policy), AttendanceStatus::kPresent);
  EXPECT_EQ(check_in_status(timed, t("2007-04-09T08:40:01+08:00"), policy), AttendanceStatus::kLate);

  Activity days;  // a three-day study without times: the whole of its days, local time
  days.starts_on = d("2007-04-09");
  days.ends_on = d("2007-04-11");
  const auto dw = check_in_window(days, kBeijing, policy);
  EXPECT_EQ(dw.opens, t("2007-04-09T00:00:00+08:00"));
  EXPECT_EQ(dw.closes, t("2007-04-12T00:00:00+08:00"));
  EXPECT_EQ(check_in_status(days, t("2007-04-11T17:00:00+08:00"), policy), AttendanceStatus::kPresent);
  EXPECT_EQ(activity_end(days, kBeijing), dw.closes);
}

TEST(Rules, RotatingCodeStepsAndParticipation) {
  const CheckInPolicy policy;
  EXPECT_EQ(check_in_step(Timestamp::from_seconds(59), policy), 1);
  EXPECT_EQ(check_in_step(Timestamp::from_seconds(60), policy), 2);
  EXPECT_DOUBLE_EQ(participation_rate(23, 24), 23.0 / 24.0);
  EXPECT_EQ(participation_rate(0, 0), 0);
  EXPECT_DOUBLE_EQ(round_credit_hours(0.1 + 0.2), 0.3);
}

TEST(Errors, ValidationDetailNamesTheField) {
  const auto one = Error::validation("kind", {"取值无效", "invalid value"});
  EXPECT_EQ(one.code, ErrorCode::kValidationFailed);
  EXPECT_EQ(one.detail.zh, "kind：取值无效");
  EXPECT_EQ(one.detail.en, "kind: invalid value");
  FieldErrors two;
  two.add("a", {"甲", "a"});
  two.add("b", {"乙", "b"});
  EXPECT_EQ(std::move(two).to_error().detail.en, "2 inputs are not valid");
  EXPECT_EQ(error_code_name(ErrorCode::kVersionMismatch), "version_mismatch");
}

}  // namespace
}  // namespace xuefeng::core
