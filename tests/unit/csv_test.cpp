#include "core/csv.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace xuefeng::core {
namespace {

using ::testing::ElementsAre;

using Fields = std::vector<std::string>;

std::vector<CsvRecord> parse_ok(std::string_view text) {
  auto result = parse_csv(text);
  EXPECT_TRUE(result.has_value()) << (result.has_value() ? "" : result.error().fields.at(0).message.en);
  return result.has_value() ? std::move(result).value() : std::vector<CsvRecord>{};
}

TEST(ParseCsv, SplitsRecordsAndFieldsAndNumbersThem) {
  const auto records = parse_ok("姓名,性别\n张三,男\n李四,女\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_THAT(records[0].fields, ElementsAre("姓名", "性别"));
  EXPECT_THAT(records[1].fields, ElementsAre("张三", "男"));
  EXPECT_THAT(records[2].fields, ElementsAre("李四", "女"));
  EXPECT_EQ(records[2].row, 3);
  EXPECT_EQ(records[2].line, 3);
}

TEST(ParseCsv, EmptyTextHasNoRecords) {
  EXPECT_TRUE(parse_ok("").empty());
}

TEST(ParseCsv, LastLineNeedsNoLineEnd) {
  const auto records = parse_ok("a,b\nc,d");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[1].fields, ElementsAre("c", "d"));
}

TEST(ParseCsv, AcceptsCrLfAndLfAndCrLineEnds) {
  for (const std::string_view text : {"a,b\r\nc,d\r\n", "a,b\nc,d\n", "a,b\rc,d\r"}) {
    const auto records = parse_ok(text);
    ASSERT_EQ(records.size(), 2u) << text;
    EXPECT_THAT(records[0].fields, ElementsAre("a", "b"));
    EXPECT_THAT(records[1].fields, ElementsAre("c", "d"));
    EXPECT_EQ(records[1].line, 2);
  }
}

TEST(ParseCsv, IgnoresOnlyTheEmptyTextAfterTheLastLineEnd) {
  EXPECT_EQ(parse_ok("a\r\n").size(), 1u);
  // A blank line inside the file is a row of the spreadsheet and keeps the numbering right.
  const auto records = parse_ok("a\r\n\r\nb\r\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_THAT(records[1].fields, ElementsAre(""));
  EXPECT_EQ(records[2].row, 3);
}

TEST(ParseCsv, KeepsEmptyFields) {
  const auto records = parse_ok(",,\na,,b,\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0].fields, ElementsAre("", "", ""));
  EXPECT_THAT(records[1].fields, ElementsAre("a", "", "b", ""));
}

TEST(ParseCsv, QuotedFieldsHoldSeparatorsAndEscapedQuotes) {
  const auto records = parse_ok("\"区委常委,宣传部部长\",\"他说\"\"学习\"\"\",\"\"\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_THAT(records[0].fields, ElementsAre("区委常委,宣传部部长", "他说\"学习\"", ""));
}

TEST(ParseCsv, QuotedFieldsHoldLineBreaksWhichShiftLinesButNotRows) {
  const auto records =
      parse_ok("姓名,职务\r\n张三,\"区委书记\r\n区长\"\r\n李四,\"a\nb\rc\"\r\n王五,科员\r\n");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_THAT(records[1].fields, ElementsAre("张三", "区委书记\n区长"));
  EXPECT_THAT(records[2].fields, ElementsAre("李四", "a\nb\nc"));
  EXPECT_EQ(records[2].row, 3);
  EXPECT_EQ(records[2].line, 4);
  EXPECT_EQ(records[3].row, 4);
  EXPECT_EQ(records[3].line, 7);
}

TEST(ParseCsv, KeepsStrayQuotesAsWrittenLikeExcel) {
  const auto records = parse_ok("12\"寸,\"ab\"cd\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_THAT(records[0].fields, ElementsAre("12\"寸", "abcd"));
}

TEST(ParseCsv, DetectsTabSeparatorFromTheHeaderLine) {
  const auto records = parse_ok("姓名\t职务\n张三\t区委常委,宣传部部长\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0].fields, ElementsAre("姓名", "职务"));
  EXPECT_THAT(records[1].fields, ElementsAre("张三", "区委常委,宣传部部长"));
}

TEST(ParseCsv, DetectsTheSeparatorBelowATitleLineWithoutOne) {
  const auto records = parse_ok("党员花名册\n\n姓名\t职务\n张三\t区委常委,宣传部部长\n");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_THAT(records[2].fields, ElementsAre("姓名", "职务"));
  EXPECT_THAT(records[3].fields, ElementsAre("张三", "区委常委,宣传部部长"));
}

TEST(ParseCsv, CommaHeaderKeepsTabsInData) {
  const auto records = parse_ok("姓名,职务\n张三,a\tb\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[1].fields, ElementsAre("张三", "a\tb"));
}

TEST(ParseCsv, SeparatorsInsideQuotedHeaderCellsDoNotCount) {
  const auto records = parse_ok("\"a\tb\tc\",d\n1,2\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0].fields, ElementsAre("a\tb\tc", "d"));
}

TEST(ParseCsv, UnterminatedQuoteNamesTheRow) {
  const auto result = parse_csv("姓名,职务\n张三,\"区委书记\n李四,科员\n");
  ASSERT_FALSE(result.has_value());
  const Error& error = result.error();
  EXPECT_EQ(error.code, ErrorCode::kValidationFailed);
  ASSERT_EQ(error.fields.size(), 1u);
  EXPECT_EQ(error.fields[0].field, "body");
  EXPECT_EQ(error.fields[0].row, 2);
  EXPECT_EQ(error.fields[0].message.zh,
            "第 2 行：有一个单元格以英文双引号（\"）开头，但直到文件末尾都没有找到配对的结束引号，"
            "请检查这一行的引号是否成对");
  EXPECT_EQ(error.fields[0].message.en,
            "row 2: a cell opens with a double quote (\") that is never closed before the end of the file; "
            "check that the quotes on that row come in pairs");
}

TEST(ParseCsv, UnterminatedQuoteNamesTheTextLineWhereTheFieldStarts) {
  // Row 2 starts on line 2; its first cell spans two lines, so the open quote is on line 3.
  const auto result = parse_csv("姓名,职务\n\"张\n三\",\"区委书记\n");
  ASSERT_FALSE(result.has_value());
  ASSERT_EQ(result.error().fields.size(), 1u);
  EXPECT_EQ(result.error().fields[0].row, 2);
  EXPECT_TRUE(result.error().fields[0].message.zh.starts_with("第 2 行（文本第 3 行）："))
      << result.error().fields[0].message.zh;
  EXPECT_TRUE(result.error().fields[0].message.en.starts_with("row 2 (text line 3): "))
      << result.error().fields[0].message.en;
}

}  // namespace
}  // namespace xuefeng::core
