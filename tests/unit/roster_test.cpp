#include "core/roster.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "reencode.hpp"

namespace xuefeng::core {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;
using testing::reencode;

Date ymd(int year, int month, int day) {
  return *Date::from_ymd(year, month, day);
}

std::vector<RosterRow> parse_ok(std::string_view bytes) {
  auto result = parse_roster(bytes);
  if (!result.has_value()) {
    for (const FieldError& e : result.error().fields)
      ADD_FAILURE() << e.row << " " << e.field << ": " << e.message.en;
    return {};
  }
  return std::move(result).value();
}

// The rejected input, as (row, field) pairs in the order reported.
std::vector<std::pair<int, std::string>> parse_errors(std::string_view bytes) {
  const auto result = parse_roster(bytes);
  if (result.has_value()) {
    ADD_FAILURE() << "expected the roster to be rejected";
    return {};
  }
  EXPECT_EQ(result.error().code, ErrorCode::kValidationFailed);
  std::vector<std::pair<int, std::string>> out;
  for (const FieldError& e : result.error().fields) out.emplace_back(e.row, e.field);
  return out;
}

// The only field error of a rejected roster.
FieldError single_error(std::string_view bytes) {
  const auto result = parse_roster(bytes);
  if (result.has_value()) {
    ADD_FAILURE() << "expected the roster to be rejected";
    return {};
  }
  EXPECT_EQ(result.error().fields.size(), 1u);
  return result.error().fields.empty() ? FieldError{} : result.error().fields.front();
}

constexpr std::string_view kChineseRoster =
    "姓名,性别,出生日期,职务,职级,党员,角色,手机,加入日期\r\n"
    "张三,男,1968/3/12,区委书记,县处级,是,书记,13800138000,2021/9/1\r\n"
    "李四,女,1975-11-02,区委宣传部部长,乡科级,否,学习秘书,,\r\n"
    "王五,,,,,,,,\r\n";

void expect_chinese_roster(const std::vector<RosterRow>& rows) {
  ASSERT_EQ(rows.size(), 3u);

  const RosterRow& zhang = rows[0];
  EXPECT_EQ(zhang.row, 2);
  EXPECT_EQ(zhang.person.id, 0);
  EXPECT_EQ(zhang.person.name, "张三");
  EXPECT_EQ(zhang.person.gender, Gender::kMale);
  EXPECT_EQ(zhang.person.birth_date, ymd(1968, 3, 12));
  EXPECT_EQ(zhang.person.post, "区委书记");
  EXPECT_EQ(zhang.person.cadre_level, CadreLevel::kCounty);
  EXPECT_TRUE(zhang.person.party_member);
  EXPECT_EQ(zhang.role, MemberRole::kSecretary);
  EXPECT_EQ(zhang.person.phone, "13800138000");
  EXPECT_EQ(zhang.since, ymd(2021, 9, 1));

  const RosterRow& li = rows[1];
  EXPECT_EQ(li.row, 3);
  EXPECT_EQ(li.person.name, "李四");
  EXPECT_EQ(li.person.gender, Gender::kFemale);
  EXPECT_EQ(li.person.birth_date, ymd(1975, 11, 2));
  EXPECT_EQ(li.person.post, "区委宣传部部长");
  EXPECT_EQ(li.person.cadre_level, CadreLevel::kTownship);
  EXPECT_FALSE(li.person.party_member);
  EXPECT_EQ(li.role, MemberRole::kStudySecretary);
  EXPECT_EQ(li.person.phone, "");
  EXPECT_EQ(li.since, std::nullopt);

  const RosterRow& wang = rows[2];
  EXPECT_EQ(wang.row, 4);
  EXPECT_EQ(wang.person.name, "王五");
  EXPECT_EQ(wang.person.gender, std::nullopt);
  EXPECT_EQ(wang.person.birth_date, std::nullopt);
  EXPECT_EQ(wang.person.post, "");
  EXPECT_EQ(wang.person.cadre_level, std::nullopt);
  EXPECT_FALSE(wang.person.party_member);
  EXPECT_EQ(wang.role, MemberRole::kMember);
}

// --- Files as Excel saves them ---------------------------------------------------------------------

TEST(ParseRoster, ReadsChineseHeaderUtf8) {
  expect_chinese_roster(parse_ok(kChineseRoster));
}

TEST(ParseRoster, ReadsUtf8WithByteOrderMark) {
  expect_chinese_roster(parse_ok("\xEF\xBB\xBF" + std::string(kChineseRoster)));
}

TEST(ParseRoster, ReadsGbk) {
  expect_chinese_roster(parse_ok(reencode(kChineseRoster, "GBK")));
}

TEST(ParseRoster, ReadsTabSeparatedUnicodeText) {
  std::string text(kChineseRoster);
  for (char& c : text) {
    if (c == ',') c = '\t';
  }
  expect_chinese_roster(parse_ok(text));
  expect_chinese_roster(parse_ok("\xFF\xFE" + reencode(text, "UTF-16LE")));
}

TEST(ParseRoster, ReadsEnglishHeaderInAnyOrder) {
  const auto rows = parse_ok(
      "role,phone,name,since,party_member,cadre_level,post,birth_date,gender\n"
      "deputy_secretary,139 0000 0000,Li Ming,2020-01-01,yes,bureau,Deputy head,1970-01-02,male\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].row, 2);
  EXPECT_EQ(rows[0].person.name, "Li Ming");
  EXPECT_EQ(rows[0].person.gender, Gender::kMale);
  EXPECT_EQ(rows[0].person.birth_date, ymd(1970, 1, 2));
  EXPECT_EQ(rows[0].person.post, "Deputy head");
  EXPECT_EQ(rows[0].person.cadre_level, CadreLevel::kBureau);
  EXPECT_TRUE(rows[0].person.party_member);
  EXPECT_EQ(rows[0].role, MemberRole::kDeputySecretary);
  EXPECT_EQ(rows[0].person.phone, "139 0000 0000");
  EXPECT_EQ(rows[0].since, ymd(2020, 1, 1));
}

TEST(ParseRoster, NameIsTheOnlyRequiredColumn) {
  const auto rows = parse_ok("姓名\n张三\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].person.name, "张三");
  EXPECT_EQ(rows[0].role, MemberRole::kMember);
  EXPECT_FALSE(rows[0].person.party_member);
}

TEST(ParseRoster, QuotedCellsMayHoldCommasAndLineBreaks) {
  const auto rows =
      parse_ok("姓名,职务\n\"张三\",\"区委常委,宣传部部长\"\n李四,\"区政府办公室\n主任\"\n王五,科员\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].person.post, "区委常委,宣传部部长");
  EXPECT_EQ(rows[1].person.post, "区政府办公室\n主任");
  // A line break inside a cell does not make a new spreadsheet row.
  EXPECT_EQ(rows[2].row, 4);
}

TEST(ParseRoster, TrimsHeadersIncludingFullWidthSpacesAndByteOrderMarkRemnants) {
  const auto rows = parse_ok(
      "\"\xEF\xBB\xBF 姓名\u3000\",\u00EF\u00BB\u00BF性别,\u200BBirth_Date ,\uFEFF\n张三,男,1970-01-01,\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].person.gender, Gender::kMale);
  EXPECT_EQ(rows[0].person.birth_date, ymd(1970, 1, 1));
}

TEST(ParseRoster, TrimsValues) {
  const auto rows = parse_ok("姓名,性别,职务\n \u3000张三\u00A0, 男 ,  区委书记 \n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].person.name, "张三");
  EXPECT_EQ(rows[0].person.gender, Gender::kMale);
  EXPECT_EQ(rows[0].person.post, "区委书记");
}

TEST(ParseRoster, RemovesAlignmentSpacesInsideChineseNamesOnly) {
  const auto rows = parse_ok("姓名\n张　三\n欧阳 修\n买买提·艾力\nLi  Ming\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].person.name, "张三");
  EXPECT_EQ(rows[1].person.name, "欧阳修");
  EXPECT_EQ(rows[2].person.name, "买买提·艾力");
  EXPECT_EQ(rows[3].person.name, "Li  Ming");
}

TEST(ParseRoster, SkipsEmptyRowsButKeepsSpreadsheetRowNumbers) {
  const auto rows = parse_ok("姓名,性别\n张三,男\n,\n\n  ,\u3000\n李四,女\n\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].row, 2);
  EXPECT_EQ(rows[1].row, 6);
}

TEST(ParseRoster, SkipsATitleRowAboveTheHeader) {
  const auto rows = parse_ok("某某党支部党员花名册,,\n,,\n姓名,性别,职务\n张三,男,书记\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].row, 4);
  EXPECT_EQ(rows[0].person.name, "张三");
}

TEST(ParseRoster, RowsShorterThanTheHeaderHaveEmptyCells) {
  const auto rows = parse_ok("姓名,性别,职务\n张三\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].person.gender, std::nullopt);
  EXPECT_EQ(rows[0].person.post, "");
}

// --- Accepted values -------------------------------------------------------------------------------

TEST(ParseRoster, AcceptsDatesInEveryForm) {
  const auto rows = parse_ok(
      "姓名,出生日期,加入日期\n"
      "甲,2007-04-09,2007/4/9\n"
      "乙,2007.4.9,2007年4月9日\n"
      "丙,2007/04/09,2007年04月09日\n"
      "丁,2007-4-9,2007.04.09\n"
      "戊,2000-02-29,2007年4月9\n");
  ASSERT_EQ(rows.size(), 5u);
  for (const RosterRow& row : rows) {
    if (row.person.name == "戊") {
      EXPECT_EQ(row.person.birth_date, ymd(2000, 2, 29));
    } else {
      EXPECT_EQ(row.person.birth_date, ymd(2007, 4, 9)) << row.person.name;
    }
    EXPECT_EQ(row.since, ymd(2007, 4, 9)) << row.person.name;
  }
}

TEST(ParseRoster, RejectsDatesInOtherForms) {
  EXPECT_THAT(parse_errors("姓名,出生日期\n"
                           "甲,07/4/9\n"
                           "乙,2007-4/9\n"
                           "丙,2007/4\n"
                           "丁,1965.03\n"
                           "戊,39181\n"
                           "己,2007-04-09 08:00\n"
                           "庚,2007/123/1\n"
                           "辛,4/9/2007\n"),
              ElementsAre(Pair(2, "birth_date"), Pair(3, "birth_date"), Pair(4, "birth_date"),
                          Pair(5, "birth_date"), Pair(6, "birth_date"), Pair(7, "birth_date"),
                          Pair(8, "birth_date"), Pair(9, "birth_date")));
}

TEST(ParseRoster, AcceptsGenders) {
  const auto rows = parse_ok("姓名,性别\n甲,男\n乙,女\n丙,male\n丁,Female\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].person.gender, Gender::kMale);
  EXPECT_EQ(rows[1].person.gender, Gender::kFemale);
  EXPECT_EQ(rows[2].person.gender, Gender::kMale);
  EXPECT_EQ(rows[3].person.gender, Gender::kFemale);
}

TEST(ParseRoster, AcceptsCadreLevelsAndTheirShortForms) {
  const std::vector<std::pair<std::string, CadreLevel>> cases = {
      {"厅局级", CadreLevel::kBureau},     {"bureau", CadreLevel::kBureau}, {"厅级", CadreLevel::kBureau},
      {"局级", CadreLevel::kBureau},       {"副厅级", CadreLevel::kBureau}, {"县处级", CadreLevel::kCounty},
      {"County", CadreLevel::kCounty},     {"处级", CadreLevel::kCounty},   {"县级", CadreLevel::kCounty},
      {"正处级", CadreLevel::kCounty},     {"副县级", CadreLevel::kCounty}, {"乡科级", CadreLevel::kTownship},
      {"township", CadreLevel::kTownship}, {"科级", CadreLevel::kTownship}, {"乡级", CadreLevel::kTownship},
      {"副科级", CadreLevel::kTownship},
  };
  std::string csv = "姓名,职级\n";
  for (std::size_t i = 0; i < cases.size(); ++i)
    csv += "人" + std::to_string(i) + "," + cases[i].first + "\n";
  const auto rows = parse_ok(csv);
  ASSERT_EQ(rows.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i)
    EXPECT_EQ(rows[i].person.cadre_level, cases[i].second) << cases[i].first;
}

TEST(ParseRoster, AcceptsPartyMemberAnswers) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"是", true},  {"中共党员", true}, {"预备党员", true}, {"中共预备党员", true}, {"党员", true},
      {"yes", true}, {"YES", true},      {"true", true},     {"True", true},         {"1", true},
      {"Y", true},   {"y", true},        {"否", false},      {"群众", false},        {"共青团员", false},
      {"no", false}, {"No", false},      {"false", false},   {"0", false},           {"N", false},
      {"", false},
  };
  std::string csv = "姓名,党员\n";
  for (std::size_t i = 0; i < cases.size(); ++i)
    csv += "人" + std::to_string(i) + "," + cases[i].first + "\n";
  const auto rows = parse_ok(csv);
  ASSERT_EQ(rows.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i)
    EXPECT_EQ(rows[i].person.party_member, cases[i].second) << cases[i].first;
}

TEST(ParseRoster, AcceptsRolesByLabelOrCode) {
  const std::vector<std::pair<std::string, MemberRole>> cases = {
      {"书记", MemberRole::kSecretary},
      {"secretary", MemberRole::kSecretary},
      {"副书记", MemberRole::kDeputySecretary},
      {"deputy_secretary", MemberRole::kDeputySecretary},
      {"委员", MemberRole::kCommitteeMember},
      {"committee_member", MemberRole::kCommitteeMember},
      {"组长", MemberRole::kGroupLeader},
      {"group_leader", MemberRole::kGroupLeader},
      {"学习秘书", MemberRole::kStudySecretary},
      {"学习委员", MemberRole::kStudySecretary},
      {"study_secretary", MemberRole::kStudySecretary},
      {"成员", MemberRole::kMember},
      {"党员", MemberRole::kMember},
      {"组员", MemberRole::kMember},
      {"Member", MemberRole::kMember},
      {"", MemberRole::kMember},
  };
  std::string csv = "姓名,角色\n";
  for (std::size_t i = 0; i < cases.size(); ++i)
    csv += "人" + std::to_string(i) + "," + cases[i].first + "\n";
  const auto rows = parse_ok(csv);
  ASSERT_EQ(rows.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) EXPECT_EQ(rows[i].role, cases[i].second) << cases[i].first;
}

TEST(ParseRoster, AcceptsOtherCommonHeaderNames) {
  const auto rows = parse_ok("姓名,是否党员,手机号码\n张三,是,13800138000\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0].person.party_member);
  EXPECT_EQ(rows[0].person.phone, "13800138000");
}

TEST(ParseRoster, AcceptsLengthsAtTheLimits) {
  const std::string name(kMaxNameLength, 'A');
  std::string post;
  for (std::size_t i = 0; i < kMaxPostLength; ++i) post += "长";
  const auto rows = parse_ok("姓名,职务\n" + name + "," + post + "\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].person.name, name);
  EXPECT_EQ(rows[0].person.post, post);
}

// --- Header errors ---------------------------------------------------------------------------------

TEST(ParseRoster, UnknownColumnIsNamedWithTheAcceptedOnes) {
  const FieldError error = single_error("姓名,部门\n张三,宣传部\n");
  EXPECT_EQ(error.row, 1);
  EXPECT_EQ(error.field, "header");
  EXPECT_EQ(
      error.message.zh,
      "第 1 行（表头）B 列的列名“部门”无法识别。可用的列名有：姓名、性别、出生日期、职务、职级、党员、角色、"
      "手机、加入日期（也可用英文：name, gender, birth_date, post, cadre_level, party_member, role, phone, "
      "since）");
  EXPECT_EQ(
      error.message.en,
      "row 1 (header), column B: unknown column \"部门\"; the accepted columns are name, gender, birth_date, "
      "post, cadre_level, party_member, role, phone, since (or in Chinese 姓名、性别、出生日期、职务、职级、"
      "党员、角色、手机、加入日期)");
}

TEST(ParseRoster, RowsAreStillCheckedUnderAnUnknownColumn) {
  EXPECT_THAT(parse_errors("姓名,部门,性别\n张三,宣传部,男\n李四,组织部,X\n"),
              ElementsAre(Pair(1, "header"), Pair(3, "gender")));
}

TEST(ParseRoster, DuplicatedColumnIsAnError) {
  const FieldError error = single_error("姓名,性别,name\n张三,男,张三\n");
  EXPECT_EQ(error.row, 1);
  EXPECT_EQ(error.field, "name");
  EXPECT_EQ(error.message.zh,
            "第 1 行（表头）：A 列和 C 列都是“姓名”，同一列只能出现一次，请删除或改名其中一列");
  EXPECT_EQ(error.message.en,
            "row 1 (header): columns A and C are both name; each column may appear only once");
}

TEST(ParseRoster, MissingNameColumnStopsTheCheck) {
  const FieldError error = single_error("性别,职务\n男,书记\nX,科员\n");
  EXPECT_EQ(error.row, 1);
  EXPECT_EQ(error.field, "name");
  EXPECT_EQ(error.message.zh, "第 1 行（表头）中没有“姓名”列。列名所在的行必须包含“姓名”");
}

TEST(ParseRoster, ValuesUnderAColumnWithoutHeaderAreAnError) {
  EXPECT_THAT(parse_errors("姓名,,性别\n张三,,男\n李四,党办,女\n王五,,男,多余\n"),
              ElementsAre(Pair(1, "header"), Pair(1, "header")));
  const auto result = parse_roster("姓名,,性别\n张三,,男\n李四,党办,女\n");
  ASSERT_FALSE(result.has_value());
  ASSERT_EQ(result.error().fields.size(), 1u);
  EXPECT_EQ(result.error().fields[0].message.zh,
            "第 1 行（表头）B 列没有列名，但第 3 行在该列填有“党办”。请补上列名，或删除该列");
}

// --- Row errors ------------------------------------------------------------------------------------

TEST(ParseRoster, ReportsEachKindOfBadValueWithItsRow) {
  const std::string long_name(kMaxNameLength + 1, 'A');
  std::string long_post;
  for (std::size_t i = 0; i <= kMaxPostLength; ++i) long_post += "长";
  const std::vector<std::string> lines = {
      "姓名,性别,出生日期,职务,职级,党员,角色,手机,加入日期",
      "张三,男,1970-01-01,,,,,,",     // 2 fine
      ",男,,,,,,,",                   // 3 name missing
      long_name + ",,,,,,,,",         // 4 name too long
      "甲,M,,,,,,,",                  // 5 gender
      "乙,,1990-02-30,,,,,,",         // 6 impossible date
      "丙,,1990年2月,,,,,,",          // 7 malformed date
      "丁,,," + long_post + ",,,,,",  // 8 post too long
      "戊,,,,科员,,,,",               // 9 cadre level
      "己,,,,,不详,,,",               // 10 party member
      "庚,,,,,,副组长,,",             // 11 role
      "辛,,,,,,,1.38E+10,",           // 12 phone in scientific notation
      "壬,,,,,,,,2021-13-01",         // 13 since
      "\"癸\n丑\",,,,,,,,",           // 14 line break in a name
  };
  std::string csv;
  for (const std::string& line : lines) csv += line + "\n";
  EXPECT_THAT(
      parse_errors(csv),
      ElementsAre(Pair(3, "name"), Pair(4, "name"), Pair(5, "gender"), Pair(6, "birth_date"),
                  Pair(7, "birth_date"), Pair(8, "post"), Pair(9, "cadre_level"), Pair(10, "party_member"),
                  Pair(11, "role"), Pair(12, "phone"), Pair(13, "since"), Pair(14, "name")));
}

TEST(ParseRoster, CollectsEveryErrorOfEveryRow) {
  const auto result = parse_roster(
      "姓名,性别,出生日期\n"
      "张三,男,1970-01-01\n"
      "李四,X,1970-01-01\n"
      "王五,女,1970-01-01\n"
      ",男,1970-02-30\n"
      "赵六,女,19700101\n");
  ASSERT_FALSE(result.has_value());
  const Error& error = result.error();
  ASSERT_EQ(error.fields.size(), 4u);
  EXPECT_EQ(error.detail.zh, "有 4 处输入不符合要求");
  EXPECT_EQ(error.fields[0].row, 3);
  EXPECT_EQ(error.fields[1].row, 5);
  EXPECT_EQ(error.fields[1].field, "name");
  EXPECT_EQ(error.fields[2].row, 5);
  EXPECT_EQ(error.fields[2].field, "birth_date");
  EXPECT_EQ(error.fields[3].row, 6);
}

TEST(ParseRoster, ThreeBadRowsGiveThreeErrors) {
  EXPECT_THAT(parse_errors("姓名,性别\n甲,男\n乙,公\n丙,女\n丁,m\n戊,男\n己,F\n"),
              ElementsAre(Pair(3, "gender"), Pair(5, "gender"), Pair(7, "gender")));
}

TEST(ParseRoster, MessagesAreWrittenInBothLanguages) {
  const FieldError gender = single_error("姓名,性别\n张三,M\n");
  EXPECT_EQ(gender.message.zh, "第 2 行：性别“M”无法识别，请填写“男”或“女”");
  EXPECT_EQ(gender.message.en, "row 2: gender \"M\" is not recognised; use 男 or 女 (male or female)");

  const FieldError date = single_error("姓名,出生日期\n张三,1990-02-30\n");
  EXPECT_EQ(date.message.zh, "第 2 行：出生日期“1990-02-30”不是真实存在的日期，请核对年、月、日");
  EXPECT_EQ(date.message.en,
            "row 2: birth_date \"1990-02-30\" is not a real date; check the year, month and day");

  const FieldError format = single_error("姓名,加入日期\n张三,2021年9月\n");
  EXPECT_EQ(format.field, "since");
  EXPECT_EQ(format.message.zh,
            "第 2 行：加入日期“2021年9月”不是可识别的日期，请按 2007-04-09、2007/4/9、2007.4.9 或 "
            "2007年4月9日 的格式填写");

  const FieldError name = single_error("姓名\n" + std::string(51, 'A') + "\n");
  EXPECT_EQ(name.message.zh, "第 2 行：姓名过长（51 个字），最多 50 个字");
  EXPECT_EQ(name.message.en, "row 2: name is too long (51 characters); at most 50");

  const FieldError role = single_error("姓名,角色\n张三,副组长\n");
  EXPECT_EQ(role.message.zh,
            "第 2 行：角色“副组长”无法识别，可填写：书记、副书记、委员、组长、学习秘书、成员；留空即为成员");
}

TEST(ParseRoster, LongValuesAreShortenedInMessages) {
  const FieldError error = single_error("姓名,性别\n张三," + std::string(100, 'x') + "\n");
  EXPECT_EQ(error.message.zh, "第 2 行：性别“" + std::string(30, 'x') + "…”无法识别，请填写“男”或“女”");
}

// --- Duplicates ------------------------------------------------------------------------------------

TEST(ParseRoster, SameNameAndBirthDateIsADuplicateOfTheFirstRow) {
  const auto result =
      parse_roster("姓名,出生日期\n张三,1970-01-01\n李四,1970-01-01\n张三,1970/1/1\n张三,1971-01-01\n");
  ASSERT_FALSE(result.has_value());
  ASSERT_EQ(result.error().fields.size(), 1u);
  const FieldError& error = result.error().fields[0];
  EXPECT_EQ(error.row, 4);
  EXPECT_EQ(error.field, "name");
  EXPECT_EQ(error.message.zh, "第 4 行：与第 2 行重复：姓名“张三”和出生日期 1970-01-01 都相同");
  EXPECT_EQ(error.message.en, "row 4: duplicates row 2: same name \"张三\" and birth date 1970-01-01");
}

TEST(ParseRoster, SameNameWithoutBirthDatesIsADuplicate) {
  const FieldError error = single_error("姓名,出生日期\n张三,\n李四,\n张　三,\n");
  EXPECT_EQ(error.row, 4);
  EXPECT_EQ(error.message.zh,
            "第 4 行：与第 2 "
            "行重复：姓名都是“张三”，且都没有填写出生日期。如果确实是两个人，请填写出生日期加以区分");
}

TEST(ParseRoster, EveryRepeatCitesTheFirstRow) {
  const auto result = parse_roster("姓名\n张三\n张三\n张三\n");
  ASSERT_FALSE(result.has_value());
  ASSERT_EQ(result.error().fields.size(), 2u);
  EXPECT_EQ(result.error().fields[0].row, 3);
  EXPECT_EQ(result.error().fields[1].row, 4);
  EXPECT_NE(result.error().fields[1].message.zh.find("与第 2 行重复"), std::string::npos);
}

TEST(ParseRoster, RowWithABadBirthDateIsNotComparedForDuplicates) {
  EXPECT_THAT(parse_errors("姓名,出生日期\n张三,\n张三,1970-02-30\n"), ElementsAre(Pair(3, "birth_date")));
}

// --- Whole-file errors -----------------------------------------------------------------------------

TEST(ParseRoster, EmptyFileIsAnError) {
  for (const std::string_view bytes : {"", "\xEF\xBB\xBF", "\r\n,,\r\n"}) {
    const FieldError error = single_error(bytes);
    EXPECT_EQ(error.field, "body");
    EXPECT_EQ(error.message.zh, "文件是空的，没有任何内容");
  }
}

TEST(ParseRoster, HeaderWithoutPeopleIsAnError) {
  const FieldError error = single_error("姓名,性别\n,\n");
  EXPECT_EQ(error.field, "body");
  EXPECT_EQ(error.message.zh, "名单中只有表头，没有人员数据");
}

TEST(ParseRoster, AtMostTenThousandRows) {
  std::string csv = "姓名\n";
  for (std::size_t i = 1; i <= kMaxRosterRows; ++i) csv += "人" + std::to_string(i) + "\n";
  EXPECT_EQ(parse_ok(csv).size(), kMaxRosterRows);

  csv += "多一人\n";
  const FieldError error = single_error(csv);
  EXPECT_EQ(error.field, "body");
  EXPECT_EQ(error.row, 0);
  EXPECT_EQ(error.message.zh,
            "名单共有 10001 行人员数据，超过了一次最多导入 10000 行的限制，请拆分成几个文件分批导入");
}

TEST(ParseRoster, EncodingErrorsPassThrough) {
  const FieldError error = single_error("姓名\n\x80\xFF\n");
  EXPECT_EQ(error.field, "body");
  EXPECT_NE(error.message.zh.find("既不是 UTF-8，也不是 GBK"), std::string::npos);
}

TEST(ParseRoster, UnterminatedQuotePassesThroughWithItsRow) {
  const FieldError error = single_error("姓名,职务\n张三,书记\n李四,\"科员\n");
  EXPECT_EQ(error.field, "body");
  EXPECT_EQ(error.row, 3);
}

}  // namespace
}  // namespace xuefeng::core

namespace xuefeng::core {
namespace {

// Parse errors and person rules in one answer: a future birth date on one row does not hide a bad
// gender on another.
TEST(RosterRules, PersonRulesAreCheckedWithTheParseInOnePass) {
  const auto today = *Date::parse("2026-11-22");
  const auto result = parse_roster("姓名,性别,出生日期\n张三,X,1980-01-01\n李四,男,2030-01-01\n王五,女,1990-05-05\n", today);
  ASSERT_FALSE(result);
  const auto& fields = result.error().fields;
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0].row, 2);
  EXPECT_EQ(fields[0].field, "gender");
  EXPECT_EQ(fields[1].row, 3);
  EXPECT_EQ(fields[1].field, "birth_date");
  EXPECT_EQ(fields[1].message.zh, "第 3 行：出生日期应在 1900-01-01 与今天之间");
  // Without a date only the parse is checked.
  const auto parse_only = parse_roster("姓名,出生日期\n李四,2030-01-01\n");
  ASSERT_TRUE(parse_only);
  EXPECT_EQ(parse_only->size(), 1u);
}

}  // namespace
}  // namespace xuefeng::core
