// The exports rendered from hand-made service results and read back cell by cell: the sign-in sheet
// (签到表) and a person's year (个人学习档案).

#include <gtest/gtest.h>

#include "export/exports.hpp"
#include "xlsx_reader.hpp"

namespace xuefeng::testing {
namespace {

using core::AttendanceStatus;

const core::UtcOffset kBeijing{480};

core::Date date(const char* text) { return *core::Date::parse(text); }
core::Timestamp at(const char* text) { return *core::Timestamp::parse_rfc3339(text); }

service::AttendanceItem item(core::Id id, const char* name, const char* post, std::optional<AttendanceStatus> status) {
  service::AttendanceItem i;
  i.person_id = id;
  i.name = name;
  i.post = post;
  i.status = status;
  return i;
}

service::AttendanceSheet two_day_study() {
  service::AttendanceSheet s;
  s.activity_id = 110;
  s.activity.id = 110;
  s.activity.org_id = 3;
  s.activity.kind = core::ActivityKind::kCentralizedStudy;
  s.activity.title = "区委理论学习中心组2026年第二次集中学习";
  s.activity.starts_on = date("2026-04-07");
  s.activity.ends_on = date("2026-04-09");
  s.activity.location = "区政府二楼会议室";
  s.org_name = "云溪区委理论学习中心组";
  s.items.push_back(item(3, "王振华", "区委副书记", AttendanceStatus::kPresent));
  s.items.back().checked_in_at = at("2026-04-07T08:21:05+08:00");
  s.items.push_back(item(4, "李国强", "区委常委、组织部部长", AttendanceStatus::kLate));
  s.items.back().note = "迟到约10分钟";
  s.items.push_back(item(5, "刘芳", "区委常委、宣传部部长", AttendanceStatus::kExcused));
  s.items.back().leave = core::LeaveRequest{110, 5, "赴市里参加会议", core::LeaveState::kApproved, {}, {}, {}};
  s.items.push_back(item(6, "赵明远", "", std::nullopt));
  s.items.push_back(item(7, "已调离人员", "", AttendanceStatus::kAbsent));
  s.items.back().expected = false;  // marked once, no longer in the audience
  s.expected = 4;
  s.attended = 2;
  s.participation_rate = 0.5;
  return s;
}

TEST(AttendanceExport, TitleBlockShowsTheActivityAndItsFigures) {
  const auto doc = exports::attendance_workbook(two_day_study(), kBeijing);
  ASSERT_TRUE(doc.has_value()) << doc.error().log_message;
  const auto book = read_xlsx(doc->bytes);
  EXPECT_EQ(book.sheet_names(), std::vector<std::string>{"签到表"});
  const auto& s = book.sheet("签到表");
  EXPECT_EQ(s.text("A1"), "区委理论学习中心组2026年第二次集中学习");
  EXPECT_EQ(s.merged, std::vector<std::string>{"A1:G1"});
  EXPECT_EQ(s.text("A2"), "组织");
  EXPECT_EQ(s.text("B2"), "云溪区委理论学习中心组");
  EXPECT_EQ(s.text("A3"), "类型");
  EXPECT_EQ(s.text("B3"), "集中学习");
  EXPECT_EQ(s.text("A4"), "日期");
  EXPECT_EQ(s.cell("B4").number, excel_serial(2026, 4, 7));
  EXPECT_TRUE(s.cell("B4").is_date);
  EXPECT_EQ(s.text("C4"), "至");
  EXPECT_EQ(s.cell("D4").number, excel_serial(2026, 4, 9));
  EXPECT_TRUE(s.cell("D4").is_date);
  EXPECT_EQ(s.text("A5"), "地点");
  EXPECT_EQ(s.text("B5"), "区政府二楼会议室");
  EXPECT_EQ(s.text("A6"), "应到");
  EXPECT_EQ(s.cell("B6").number, 4);
  EXPECT_EQ(s.text("C6"), "实到");
  EXPECT_EQ(s.cell("D6").number, 2);
  EXPECT_EQ(s.text("E6"), "参学率");
  EXPECT_EQ(s.cell("F6").type, XlsxCell::Type::kNumber);
  EXPECT_EQ(s.cell("F6").number, 0.5);
  EXPECT_EQ(s.cell("F6").number_format, "0.00%");
}

TEST(AttendanceExport, OneRowPerExpectedPersonUnderTheHeader) {
  const auto doc = exports::attendance_workbook(two_day_study(), kBeijing);
  ASSERT_TRUE(doc.has_value());
  const auto s_book = read_xlsx(doc->bytes);
  const auto& s = s_book.sheet("签到表");
  const std::vector<std::string> header{"序号", "姓名", "职务", "考勤", "签到时间", "备注", "签名"};
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string ref = std::string(1, static_cast<char>('A' + c)) + "7";
    EXPECT_EQ(s.text(ref), header[c]) << ref;
    EXPECT_TRUE(s.cell(ref).bold) << ref;
    EXPECT_TRUE(s.cell(ref).boxed) << ref;
  }
  // Row 8: present, checked in.
  EXPECT_EQ(s.cell("A8").number, 1);
  EXPECT_EQ(s.text("B8"), "王振华");
  EXPECT_EQ(s.text("C8"), "区委副书记");
  EXPECT_EQ(s.text("D8"), "出席");
  EXPECT_EQ(s.cell("E8").type, XlsxCell::Type::kNumber);
  EXPECT_NEAR(s.cell("E8").number, excel_serial(2026, 4, 7, 8, 21, 5), 1e-9);
  EXPECT_TRUE(s.cell("E8").is_date);
  EXPECT_EQ(s.cell("E8").number_format, "yyyy-mm-dd hh:mm:ss");
  // The signature box: present, empty, bordered, in a wide column.
  EXPECT_TRUE(s.cell("G8").present);
  EXPECT_EQ(s.cell("G8").type, XlsxCell::Type::kEmpty);
  EXPECT_TRUE(s.cell("G8").boxed);
  EXPECT_GE(s.column_widths.at("G"), 18);
  // Row 9: late, with the secretary's note; no check-in time.
  EXPECT_EQ(s.text("B9"), "李国强");
  EXPECT_EQ(s.text("D9"), "迟到");
  EXPECT_EQ(s.cell("E9").type, XlsxCell::Type::kEmpty);
  EXPECT_EQ(s.text("F9"), "迟到约10分钟");
  // Row 10: excused, the leave request in the remark.
  EXPECT_EQ(s.text("D10"), "请假");
  EXPECT_EQ(s.text("F10"), "请假申请：赴市里参加会议（已批准）");
  // Row 11: unmarked, so the status is empty.
  EXPECT_EQ(s.cell("A11").number, 4);
  EXPECT_EQ(s.text("B11"), "赵明远");
  EXPECT_EQ(s.text("D11"), "");
  // Nobody else: the person no longer in the audience is left off.
  EXPECT_EQ(s.last_row(), 11);
}

TEST(AttendanceExport, FrozenHeaderAndPrintSetup) {
  const auto doc = exports::attendance_workbook(two_day_study(), kBeijing);
  ASSERT_TRUE(doc.has_value());
  const auto s_book = read_xlsx(doc->bytes);
  const auto& s = s_book.sheet("签到表");
  EXPECT_EQ(s.frozen_rows, 7);
  EXPECT_EQ(s.paper_size, 9);
  EXPECT_EQ(s.orientation, "portrait");
  EXPECT_TRUE(s.fit_to_page);
  EXPECT_EQ(s.fit_to_height, 0);
  EXPECT_EQ(s.print_titles, "$7:$7");
  EXPECT_TRUE(s.print_gridlines);
}

TEST(AttendanceExport, FileNames) {
  auto sheet = two_day_study();
  sheet.activity.title = "学习/研讨: \"两会\"精神";
  const auto doc = exports::attendance_workbook(sheet, kBeijing);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->filename, "签到表-学习_研讨_ _两会_精神-2026-04-07.xlsx");
  EXPECT_EQ(doc->ascii_filename, "attendance-110-2026-04-07.xlsx");
}

TEST(AttendanceExport, OneDayActivityHasNoEndDate) {
  auto sheet = two_day_study();
  sheet.activity.ends_on = sheet.activity.starts_on;
  const auto doc = exports::attendance_workbook(sheet, kBeijing);
  ASSERT_TRUE(doc.has_value());
  const auto s_book = read_xlsx(doc->bytes);
  const auto& s = s_book.sheet("签到表");
  EXPECT_TRUE(s.cell("B4").is_date);
  EXPECT_FALSE(s.cell("C4").present);
  EXPECT_FALSE(s.cell("D4").present);
}

TEST(FilenamePart, ReplacesWhatFileSystemsRefuseAndCuts) {
  EXPECT_EQ(exports::filename_part("a\\b/c:d*e?f\"g<h>i|j\tk"), "a_b_c_d_e_f_g_h_i_j_k");
  EXPECT_EQ(exports::filename_part("学习贯彻党的二十大精神", 4), "学习贯彻");
  EXPECT_EQ(exports::filename_part("读书会..."), "读书会");
  EXPECT_EQ(exports::filename_part(""), "_");
}

service::ArchiveYear a_year() {
  service::ArchiveYear y;
  y.year = 2025;
  y.person.person.id = 3;
  y.person.person.name = "陈雨婷";
  y.person.person.post = "综合科科员";
  y.person.person.birth_date = date("1990-05-04");
  y.person.person.phone = "138****5678";
  y.person.masked = true;
  service::PersonActivity a1;
  a1.activity.id = 11;
  a1.activity.kind = core::ActivityKind::kCentralizedStudy;
  a1.activity.title = "支部集中学习";
  a1.activity.starts_on = date("2025-03-10");
  a1.activity.ends_on = date("2025-03-11");
  a1.activity.credit_hours = 8;
  a1.org_name = "区政府办公室党支部";
  a1.status = AttendanceStatus::kLate;
  service::PersonActivity a2 = a1;
  a2.activity.id = 12;
  a2.activity.kind = core::ActivityKind::kSeminar;
  a2.activity.title = "交流研讨";
  a2.activity.starts_on = a2.activity.ends_on = date("2025-12-30");
  a2.activity.credit_hours = 2.5;
  a2.status.reset();
  y.attendance = {a1, a2};
  service::PersonActivity speech = a1;
  speech.speech_title = "以优良作风推动工作落实";
  y.speeches = {speech};
  core::ArchiveEntry e1;
  e1.id = 21;
  e1.kind = core::ArchiveKind::kReflection;
  e1.date = date("2025-03-12");
  e1.title = "学习心得";
  e1.content = "第一段 体会。\n第二段　体会";  // 11 characters besides the spaces
  e1.credit_hours = 1;
  e1.review_status = core::ReviewVerdict::kVerified;
  e1.reviews.push_back({1, 21, 1, "huangweidong", core::ReviewVerdict::kVerified, "已阅", {}});
  core::ArchiveEntry e2;
  e2.id = 22;
  e2.kind = core::ArchiveKind::kNote;
  e2.date = date("2025-04-01");
  e2.title = "读书笔记";
  for (int i = 0; i < 600; ++i) e2.content += "字";
  e2.reviews.push_back({2, 22, 1, "admin", core::ReviewVerdict::kReturned, "请补充", {}});  // edited since
  y.entries = {e1, e2};
  y.totals.expected = 1;
  y.totals.attended = 1;
  y.totals.study_days = 2;
  y.totals.credit_hours = 9;
  y.totals.entries_by_kind = {{core::ArchiveKind::kReflection, 1}, {core::ArchiveKind::kNote, 1}};
  return y;
}

TEST(ArchiveExport, ThreeSheetsAndTheFileName) {
  const auto doc = exports::archive_workbook(a_year());
  ASSERT_TRUE(doc.has_value()) << doc.error().log_message;
  EXPECT_EQ(read_xlsx(doc->bytes).sheet_names(), (std::vector<std::string>{"考勤", "档案记录", "汇总"}));
  EXPECT_EQ(doc->filename, "学习档案-陈雨婷-2025.xlsx");
  EXPECT_EQ(doc->ascii_filename, "archive-3-2025.xlsx");
}

TEST(ArchiveExport, AttendanceSheet) {
  const auto doc = exports::archive_workbook(a_year());
  ASSERT_TRUE(doc.has_value());
  const auto s_book = read_xlsx(doc->bytes);
  const auto& s = s_book.sheet("考勤");
  const std::vector<std::string> header{"序号", "开始日期", "结束日期", "活动名称", "类型",
                                        "组织", "天数",     "考勤",     "课时",     "发言题目"};
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string ref = std::string(1, static_cast<char>('A' + c)) + "1";
    EXPECT_EQ(s.text(ref), header[c]) << ref;
    EXPECT_TRUE(s.cell(ref).bold) << ref;
  }
  EXPECT_EQ(s.frozen_rows, 1);
  EXPECT_EQ(s.cell("A2").number, 1);
  EXPECT_EQ(s.cell("B2").number, excel_serial(2025, 3, 10));
  EXPECT_TRUE(s.cell("B2").is_date);
  EXPECT_EQ(s.cell("C2").number, excel_serial(2025, 3, 11));
  EXPECT_EQ(s.text("D2"), "支部集中学习");
  EXPECT_EQ(s.text("E2"), "集中学习");
  EXPECT_EQ(s.text("F2"), "区政府办公室党支部");
  EXPECT_EQ(s.cell("G2").number, 2);
  EXPECT_EQ(s.text("H2"), "迟到");
  EXPECT_EQ(s.cell("I2").number, 8);
  EXPECT_EQ(s.text("J2"), "以优良作风推动工作落实");
  EXPECT_EQ(s.text("E3"), "交流研讨");
  EXPECT_EQ(s.text("H3"), "");  // not marked (yet)
  EXPECT_EQ(s.cell("I3").number, 2.5);
  EXPECT_EQ(s.text("J3"), "");
  EXPECT_EQ(s.last_row(), 3);
}

TEST(ArchiveExport, EntriesSheet) {
  const auto doc = exports::archive_workbook(a_year());
  ASSERT_TRUE(doc.has_value());
  const auto s_book = read_xlsx(doc->bytes);
  const auto& s = s_book.sheet("档案记录");
  const std::vector<std::string> header{"序号", "日期", "类型", "标题", "批阅状态", "批阅人", "课时", "字数", "内容"};
  for (std::size_t c = 0; c < header.size(); ++c) {
    EXPECT_EQ(s.text(std::string(1, static_cast<char>('A' + c)) + "1"), header[c]);
  }
  EXPECT_EQ(s.cell("B2").number, excel_serial(2025, 3, 12));
  EXPECT_TRUE(s.cell("B2").is_date);
  EXPECT_EQ(s.text("C2"), "心得体会");
  EXPECT_EQ(s.text("D2"), "学习心得");
  EXPECT_EQ(s.text("E2"), "已审核");
  EXPECT_EQ(s.text("F2"), "huangweidong");
  EXPECT_EQ(s.cell("G2").number, 1);
  EXPECT_EQ(s.cell("H2").number, 11);
  EXPECT_EQ(s.text("I2"), "第一段 体会。\n第二段　体会");
  // Changed since its last review: unreviewed, and nobody's verdict stands.
  EXPECT_EQ(s.text("C3"), "学习笔记");
  EXPECT_EQ(s.text("E3"), "未批阅");
  EXPECT_EQ(s.text("F3"), "");
  EXPECT_EQ(s.cell("H3").number, 600);
  std::string first_500;
  for (int i = 0; i < 500; ++i) first_500 += "字";
  EXPECT_EQ(s.text("I3"), first_500 + "…");
}

TEST(ArchiveExport, SummarySheet) {
  const auto doc = exports::archive_workbook(a_year());
  ASSERT_TRUE(doc.has_value());
  const auto s_book = read_xlsx(doc->bytes);
  const auto& s = s_book.sheet("汇总");
  EXPECT_EQ(s.text("A1"), "项目");
  EXPECT_EQ(s.text("B1"), "数值");
  const std::vector<std::string> labels{"姓名", "职务", "出生日期", "联系电话", "年度", "应参加活动（次）",
                                        "实际参加（次）", "参学率", "学习天数", "课时", "发言（次）", "档案记录（篇）",
                                        "学习笔记", "心得体会", "理论文章", "中心发言稿", "讲党课", "学习小结",
                                        "自学", "调研报告", "学习联系点"};
  for (std::size_t r = 0; r < labels.size(); ++r) EXPECT_EQ(s.text("A" + std::to_string(r + 2)), labels[r]);
  EXPECT_EQ(s.last_row(), static_cast<int>(labels.size()) + 1);
  EXPECT_EQ(s.text("B2"), "陈雨婷");
  EXPECT_EQ(s.text("B3"), "综合科科员");
  EXPECT_EQ(s.cell("B4").number, excel_serial(1990, 5, 4));
  EXPECT_TRUE(s.cell("B4").is_date);
  EXPECT_EQ(s.text("B5"), "138****5678");
  EXPECT_EQ(s.cell("B6").number, 2025);
  EXPECT_EQ(s.cell("B7").number, 1);
  EXPECT_EQ(s.cell("B8").number, 1);
  EXPECT_EQ(s.cell("B9").number, 1);
  EXPECT_EQ(s.cell("B9").number_format, "0.00%");
  EXPECT_EQ(s.cell("B10").number, 2);
  EXPECT_EQ(s.cell("B11").number, 9);
  EXPECT_EQ(s.cell("B12").number, 1);  // one speech
  EXPECT_EQ(s.cell("B13").number, 2);  // two entries
  EXPECT_EQ(s.cell("B14").number, 1);  // notes
  EXPECT_EQ(s.cell("B15").number, 1);  // reflections
  EXPECT_EQ(s.cell("B16").number, 0);  // articles
}

TEST(ArchiveExport, AHiddenBirthDateStaysEmpty) {
  auto y = a_year();
  y.person.person.birth_date.reset();
  const auto doc = exports::archive_workbook(y);
  ASSERT_TRUE(doc.has_value());
  const auto s_book = read_xlsx(doc->bytes);
  const auto& s = s_book.sheet("汇总");
  EXPECT_EQ(s.text("A4"), "出生日期");
  EXPECT_EQ(s.cell("B4").type, XlsxCell::Type::kEmpty);
}

}  // namespace
}  // namespace xuefeng::testing
