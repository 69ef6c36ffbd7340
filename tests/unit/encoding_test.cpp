#include "core/encoding.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/text.hpp"
#include "reencode.hpp"

namespace xuefeng::core {
namespace {

using testing::reencode;

constexpr std::string_view kRoster = "姓名,性别,职务\n张三,男,区委宣传部副部长\n";

void expect_body_error(const Result<DecodedText>& result, std::string_view zh_part,
                       std::string_view en_part) {
  ASSERT_FALSE(result.has_value());
  const Error& error = result.error();
  EXPECT_EQ(error.code, ErrorCode::kValidationFailed);
  ASSERT_EQ(error.fields.size(), 1u);
  EXPECT_EQ(error.fields[0].field, "body");
  EXPECT_EQ(error.fields[0].row, 0);
  EXPECT_NE(error.fields[0].message.zh.find(zh_part), std::string::npos) << error.fields[0].message.zh;
  EXPECT_NE(error.fields[0].message.en.find(en_part), std::string::npos) << error.fields[0].message.en;
}

TEST(DecodeToUtf8, ShortAsciiIsUtf8) {
  const auto decoded = decode_to_utf8("name\nLi\n");
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->utf8, "name\nLi\n");
  EXPECT_EQ(decoded->source, TextEncoding::kUtf8);
}

TEST(DecodeToUtf8, EmptyInputIsEmptyUtf8) {
  const auto decoded = decode_to_utf8("");
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->utf8, "");
  EXPECT_EQ(decoded->source, TextEncoding::kUtf8);
}

TEST(DecodeToUtf8, KeepsUtf8AsItIs) {
  const auto decoded = decode_to_utf8(kRoster);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->utf8, kRoster);
  EXPECT_EQ(decoded->source, TextEncoding::kUtf8);
}

TEST(DecodeToUtf8, StripsUtf8ByteOrderMark) {
  const auto decoded = decode_to_utf8("\xEF\xBB\xBF" + std::string(kRoster));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->utf8, kRoster);
  EXPECT_EQ(decoded->source, TextEncoding::kUtf8);
}

TEST(DecodeToUtf8, ConvertsGbk) {
  const std::string gbk = reencode(kRoster, "GBK");
  ASSERT_FALSE(is_valid_utf8(gbk));  // otherwise the test would not exercise the conversion
  const auto decoded = decode_to_utf8(gbk);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->utf8, kRoster);
  EXPECT_EQ(decoded->source, TextEncoding::kGb18030);
}

TEST(DecodeToUtf8, ConvertsGb18030FourByteCharacters) {
  // 𠮷 (U+20BB7), found in real names, is outside GBK and takes four bytes in GB18030.
  const std::string text = "姓名\n𠮷星\n";
  const std::string gb18030 = reencode(text, "GB18030");
  ASSERT_EQ(gb18030.size(), 4u + 1u + 4u + 2u + 1u);
  const auto decoded = decode_to_utf8(gb18030);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->utf8, text);
  EXPECT_EQ(decoded->source, TextEncoding::kGb18030);
}

TEST(DecodeToUtf8, ConvertsUtf16WithByteOrderMark) {
  const std::string text = "姓名\t性别\n张三\t男\n";
  const auto little = decode_to_utf8("\xFF\xFE" + reencode(text, "UTF-16LE"));
  ASSERT_TRUE(little.has_value());
  EXPECT_EQ(little->utf8, text);
  EXPECT_EQ(little->source, TextEncoding::kUtf16);

  const auto big = decode_to_utf8("\xFE\xFF" + reencode(text, "UTF-16BE"));
  ASSERT_TRUE(big.has_value());
  EXPECT_EQ(big->utf8, text);
  EXPECT_EQ(big->source, TextEncoding::kUtf16);
}

TEST(DecodeToUtf8, RejectsBytesThatAreNeitherUtf8NorGbk) {
  // 0x80 and 0xFF are not lead bytes in GB18030, and not valid UTF-8 either.
  expect_body_error(decode_to_utf8("name\n\x80\xFF\n"), "既不是 UTF-8，也不是 GBK", "CSV UTF-8");
}

TEST(DecodeToUtf8, RejectsGbkCutOffInTheMiddleOfACharacter) {
  const std::string gbk = reencode("姓名\n张三", "GBK");
  expect_body_error(decode_to_utf8(gbk.substr(0, gbk.size() - 1)), "既不是 UTF-8，也不是 GBK",
                    "neither UTF-8 nor GBK");
}

TEST(DecodeToUtf8, RejectsInvalidUtf8AfterAUtf8ByteOrderMark) {
  expect_body_error(decode_to_utf8("\xEF\xBB\xBF" + reencode("姓名", "GBK")), "既不是 UTF-8，也不是 GBK",
                    "neither UTF-8 nor GBK");
}

TEST(DecodeToUtf8, RejectsExcelWorkbooks) {
  expect_body_error(decode_to_utf8(std::string("PK\x03\x04\x14\x00\x06\x00", 8)), "Excel 工作簿",
                    "Excel workbook");
  expect_body_error(decode_to_utf8("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), "Excel 工作簿",
                    "Excel workbook");
}

TEST(DecodeToUtf8, RejectsTextWithNulBytes) {
  expect_body_error(decode_to_utf8(std::string("name\n\0Li\n", 9)), "不是文本文件", "not a text file");
}

}  // namespace
}  // namespace xuefeng::core
