// The xlsx wrapper on its own: what each kind of cell becomes in the file, sheet setup, print setup,
// errors, and the temporary files it must not leave behind.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <array>
#include <filesystem>
#include <thread>

#include "export/workbook.hpp"
#include "xlsx_reader.hpp"

namespace xuefeng::testing {
namespace {

using exports::Sheet;
using exports::Workbook;

core::Date date(const char* text) { return *core::Date::parse(text); }

// Builds a one-sheet workbook with `fill` and reads it back.
template <typename Fill>
XlsxBook one_sheet(Fill&& fill) {
  auto book = Workbook::create();
  EXPECT_TRUE(book.has_value());
  Sheet& sheet = book->add_sheet("测试");
  fill(sheet);
  auto bytes = book->finish();
  if (!bytes) throw std::runtime_error("finish failed: " + bytes.error().log_message);
  return read_xlsx(*bytes);
}

TEST(ExcelSerial, CountsDaysAsExcelDoes) {
  EXPECT_EQ(exports::excel_serial(date("2023-03-15")), 45000);
  EXPECT_EQ(exports::excel_serial(date("1970-01-01")), 25569);
  // Excel's phantom 1900-02-29 is day 60: the days around it.
  EXPECT_EQ(exports::excel_serial(date("1900-01-01")), 1);
  EXPECT_EQ(exports::excel_serial(date("1900-02-28")), 59);
  EXPECT_EQ(exports::excel_serial(date("1900-03-01")), 61);
  // Local time at the offset: 2026-04-07 08:30:15 +08:00 is 00:30:15 UTC.
  const auto at = *core::Timestamp::parse_rfc3339("2026-04-07T08:30:15+08:00");
  EXPECT_DOUBLE_EQ(exports::excel_serial(at, core::UtcOffset{480}), excel_serial(2026, 4, 7, 8, 30, 15));
  EXPECT_DOUBLE_EQ(exports::excel_serial(at, core::UtcOffset{0}), excel_serial(2026, 4, 7, 0, 30, 15));
  // Before midnight UTC, already the next day at +08:00.
  const auto late = *core::Timestamp::parse_rfc3339("2026-04-06T23:59:59Z");
  EXPECT_DOUBLE_EQ(exports::excel_serial(late, core::UtcOffset{480}), excel_serial(2026, 4, 7, 7, 59, 59));
}

TEST(Workbook, DatesAreRealExcelDatesWithADateFormat) {
  const auto book = one_sheet([](Sheet& s) {
    s.date(0, 0, date("2023-03-15"));
    s.date_time(1, 0, *core::Timestamp::parse_rfc3339("2026-04-07T08:30:15+08:00"), core::UtcOffset{480});
  });
  const auto& d = book.sheet("测试").cell("A1");
  EXPECT_EQ(d.type, XlsxCell::Type::kNumber);
  EXPECT_EQ(d.number, 45000);
  EXPECT_EQ(d.number_format, "yyyy-mm-dd");
  EXPECT_TRUE(d.is_date);
  const auto& t = book.sheet("测试").cell("A2");
  EXPECT_EQ(t.type, XlsxCell::Type::kNumber);
  EXPECT_NEAR(t.number, excel_serial(2026, 4, 7, 8, 30, 15), 1e-9);
  EXPECT_EQ(t.number_format, "yyyy-mm-dd hh:mm:ss");
  EXPECT_TRUE(t.is_date);
}

TEST(Workbook, NumbersAreNumbersAndTextIsText) {
  const auto book = one_sheet([](Sheet& s) {
    s.number(0, 0, 2.5);
    s.number(0, 1, 0.9583, {exports::NumberFormat::kPercent});
    s.number(0, 2, 31, {exports::NumberFormat::kInteger});
    s.text(0, 3, "中共云溪区委员会");
    s.text(0, 4, "2026-04-07");  // text that looks like a date stays text
    s.blank(0, 5);
  });
  const auto& sheet = book.sheet("测试");
  EXPECT_EQ(sheet.cell("A1").type, XlsxCell::Type::kNumber);
  EXPECT_EQ(sheet.cell("A1").number, 2.5);
  EXPECT_EQ(sheet.cell("A1").number_format, "General");
  EXPECT_FALSE(sheet.cell("A1").is_date);
  EXPECT_EQ(sheet.cell("B1").number, 0.9583);
  EXPECT_EQ(sheet.cell("B1").number_format, "0.00%");
  EXPECT_FALSE(sheet.cell("B1").is_date);
  EXPECT_EQ(sheet.cell("C1").number, 31);
  EXPECT_EQ(sheet.cell("C1").number_format, "0");
  EXPECT_EQ(sheet.cell("D1").type, XlsxCell::Type::kString);
  EXPECT_EQ(sheet.cell("D1").text, "中共云溪区委员会");
  EXPECT_EQ(sheet.cell("E1").type, XlsxCell::Type::kString);
  EXPECT_FALSE(sheet.cell("E1").is_date);
  // A styled blank is in the file (a bordered box), with no value.
  EXPECT_TRUE(sheet.cell("F1").present);
  EXPECT_EQ(sheet.cell("F1").type, XlsxCell::Type::kEmpty);
  EXPECT_TRUE(sheet.cell("F1").boxed);
  EXPECT_FALSE(sheet.cell("G1").present);
}

TEST(Workbook, HeaderRowIsBoldAndBoxedWithWidthsAndFrozen) {
  static constexpr std::array<exports::Column, 3> kColumns{{{"序号", 6}, {"姓名", 12}, {"签名", 18}}};
  const auto book = one_sheet([](Sheet& s) {
    s.text(0, 0, "标题", exports::kTitle);
    s.header(2, kColumns);
    s.text(3, 1, "陈雨婷");
    s.text(1, 0, "组织", exports::kLabel);
    s.text(1, 1, "区政府办公室党支部", exports::kPlain);
    s.freeze_rows(3);
  });
  const auto& sheet = book.sheet("测试");
  EXPECT_EQ(sheet.text("A3"), "序号");
  EXPECT_EQ(sheet.text("B3"), "姓名");
  EXPECT_EQ(sheet.text("C3"), "签名");
  for (const char* ref : {"A3", "B3", "C3"}) {
    EXPECT_TRUE(sheet.cell(ref).bold) << ref;
    EXPECT_TRUE(sheet.cell(ref).boxed) << ref;
  }
  EXPECT_FALSE(sheet.cell("B4").bold);
  EXPECT_TRUE(sheet.cell("B4").boxed);  // table cells have borders
  EXPECT_TRUE(sheet.cell("A2").bold);
  EXPECT_FALSE(sheet.cell("A2").boxed);  // the title block has none
  EXPECT_FALSE(sheet.cell("B2").boxed);
  EXPECT_TRUE(sheet.cell("A1").bold);
  EXPECT_EQ(sheet.frozen_rows, 3);
  EXPECT_EQ(sheet.frozen_cols, 0);
  // Excel stores a width with its cell padding: 6 characters are a little more than 6 units.
  ASSERT_TRUE(sheet.column_widths.count("A"));
  EXPECT_GE(sheet.column_widths.at("A"), 6);
  EXPECT_LT(sheet.column_widths.at("A"), 7);
  EXPECT_GE(sheet.column_widths.at("C"), 18);
  EXPECT_LT(sheet.column_widths.at("C"), 19);
}

TEST(Workbook, PrintSetupAndMergedTitle) {
  const auto book = one_sheet([](Sheet& s) {
    s.merged_text(0, 0, 6, "区政府办公室党支部集中学习", exports::kTitle);
    s.text(6, 0, "序号", exports::kHeader);
    s.print({.landscape = false, .fit_to_width = true, .repeat_row = 6, .gridlines = true,
             .footer = "&C第 &P 页，共 &N 页"});
  });
  const auto& sheet = book.sheet("测试");
  EXPECT_EQ(sheet.text("A1"), "区政府办公室党支部集中学习");
  EXPECT_EQ(sheet.merged, std::vector<std::string>{"A1:G1"});
  EXPECT_EQ(sheet.paper_size, 9);
  EXPECT_EQ(sheet.orientation, "portrait");
  EXPECT_TRUE(sheet.fit_to_page);
  EXPECT_NE(sheet.fit_to_width, 0);  // 1, written or left to Excel's default
  EXPECT_EQ(sheet.fit_to_height, 0);  // as many pages down as needed
  EXPECT_TRUE(sheet.print_gridlines);
  EXPECT_EQ(sheet.print_titles, "$7:$7");
  EXPECT_EQ(sheet.footer, "&C第 &P 页，共 &N 页");

  const auto landscape = one_sheet([](Sheet& s) {
    s.text(0, 0, "x");
    s.print({.landscape = true, .fit_to_width = false, .repeat_row = -1, .gridlines = false, .footer = ""});
  });
  EXPECT_EQ(landscape.sheet("测试").orientation, "landscape");
  EXPECT_FALSE(landscape.sheet("测试").fit_to_page);
  EXPECT_FALSE(landscape.sheet("测试").print_gridlines);
  EXPECT_EQ(landscape.sheet("测试").print_titles, "");
}

TEST(Workbook, SheetsKeepTheirOrderAndNames) {
  auto book = Workbook::create();
  ASSERT_TRUE(book.has_value());
  book->add_sheet("考勤").text(0, 0, "一");
  book->add_sheet("档案记录").text(0, 0, "二");
  book->add_sheet("汇总").text(0, 0, "三");
  const auto bytes = book->finish();
  ASSERT_TRUE(bytes.has_value());
  const auto read = read_xlsx(*bytes);
  EXPECT_EQ(read.sheet_names(), (std::vector<std::string>{"考勤", "档案记录", "汇总"}));
  EXPECT_EQ(read.sheet("档案记录").text("A1"), "二");
}

TEST(Workbook, ABadSheetNameFailsTheWorkbook) {
  for (const char* name : {"签到/表", "一个非常非常非常非常非常非常非常非常非常长的工作表名称超过三十一个字"}) {
    auto book = Workbook::create();
    ASSERT_TRUE(book.has_value());
    book->add_sheet(name).text(0, 0, "x");
    const auto bytes = book->finish();
    ASSERT_FALSE(bytes.has_value()) << name;
    EXPECT_EQ(bytes.error().code, core::ErrorCode::kInternal);
    EXPECT_NE(bytes.error().log_message.find("add sheet"), std::string::npos) << bytes.error().log_message;
  }
  auto twice = Workbook::create();
  ASSERT_TRUE(twice.has_value());
  twice->add_sheet("考勤");
  twice->add_sheet("考勤");
  EXPECT_FALSE(twice->finish().has_value());
}

TEST(Workbook, TextLongerThanACellHoldsIsCut) {
  std::string long_text;
  for (std::size_t i = 0; i < exports::kMaxCellChars + 10; ++i) long_text += "学";
  const auto book = one_sheet([&](Sheet& s) { s.text(0, 0, long_text); });
  const std::string read = book.sheet("测试").text("A1");
  EXPECT_EQ(read.size(), (exports::kMaxCellChars - 1) * 3 + std::string("…").size());
  EXPECT_EQ(read.substr(read.size() - 3), "…");
}

TEST(Workbook, FinishTwiceFails) {
  auto book = Workbook::create();
  ASSERT_TRUE(book.has_value());
  book->add_sheet("测试");
  ASSERT_TRUE(book->finish().has_value());
  EXPECT_FALSE(book->finish().has_value());
}

// The file and libxlsxwriter's scratch files live in a private directory that is gone afterwards, whether
// the workbook was finished or dropped half built.
TEST(Workbook, LeavesNoTemporaryFilesBehind) {
  namespace fs = std::filesystem;
  char tmpl[] = "/tmp/xuefeng-export-test-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const fs::path dir = tmpl;
  const char* previous = getenv("TMPDIR");
  const std::string saved = previous ? previous : "";
  setenv("TMPDIR", dir.c_str(), 1);
  {
    auto book = Workbook::create();
    ASSERT_TRUE(book.has_value());
    // While it is being built, its directory is there and only its owner may enter it.
    ASSERT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
    const auto made = fs::directory_iterator(dir)->path();
    EXPECT_EQ(fs::status(made).permissions() & fs::perms::all, fs::perms::owner_all);
    book->add_sheet("测试").text(0, 0, "x");
    ASSERT_TRUE(book->finish().has_value());
  }
  EXPECT_TRUE(fs::is_empty(dir));
  {
    auto dropped = Workbook::create();
    ASSERT_TRUE(dropped.has_value());
    dropped->add_sheet("测试").text(0, 0, "x");
  }
  EXPECT_TRUE(fs::is_empty(dir));
  if (previous) setenv("TMPDIR", saved.c_str(), 1); else unsetenv("TMPDIR");
  fs::remove_all(dir);
}

// Workers render downloads side by side: each workbook keeps its own directory, formats and cells.
TEST(Workbook, WorkbooksBuiltOnSeveralThreadsAtOnceStayApart) {
  constexpr int kThreads = 4, kBooks = 10;
  std::vector<std::string> failures(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &failures] {
      for (int b = 0; b < kBooks; ++b) {
        const std::string label = "线程" + std::to_string(t) + "-" + std::to_string(b);
        auto book = Workbook::create();
        if (!book) { failures[t] += "create failed; "; continue; }
        Sheet& sheet = book->add_sheet(label);
        for (int r = 0; r < 200; ++r) {
          sheet.text(r, 0, label);
          sheet.number(r, 1, t * 1000 + r);
          sheet.date(r, 2, core::Date::from_days(20000 + r));
        }
        const auto bytes = book->finish();
        if (!bytes) { failures[t] += "finish failed; "; continue; }
        const auto read = read_xlsx(*bytes);
        const auto& s = read.sheet(label);
        if (s.text("A200") != label || s.cell("B200").number != t * 1000 + 199 || !s.cell("C1").is_date) {
          failures[t] += label + " read back wrong; ";
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], "") << "thread " << t;
}

}  // namespace
}  // namespace xuefeng::testing
