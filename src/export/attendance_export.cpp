#include <array>

#include "export/exports.hpp"
#include "export/workbook.hpp"

namespace xuefeng::exports {
namespace {

// The table starts below a title block of six rows: title, org, kind, date(s), place, figures.
constexpr int kHeaderRow = 6;
constexpr int kLastCol = 6;  // A..G
constexpr double kSignRowHeight = 24;  // points: room for a signature

constexpr std::array<Column, 7> kColumns{{
    {"序号", 6},
    {"姓名", 12},
    {"职务", 22},
    {"考勤", 8},
    {"签到时间", 20},
    {"备注", 24},
    {"签名", 18},
}};

// The secretary's note, then the leave request if there is one.
std::string remark(const service::AttendanceItem& item) {
  std::string out = item.note;
  if (item.leave) {
    if (!out.empty()) out += "；";
    out += "请假申请：" + item.leave->reason + "（" + std::string(core::label_zh(item.leave->state)) + "）";
  }
  return out;
}

}  // namespace

core::Result<Document> attendance_workbook(const service::AttendanceSheet& s, core::UtcOffset offset) {
  XF_TRY_ASSIGN(Workbook book, Workbook::create());
  const core::Activity& a = s.activity;
  Sheet& sheet = book.add_sheet("签到表");

  sheet.merged_text(0, 0, kLastCol, a.title, kTitle);
  sheet.row_height(0, 30);
  sheet.text(1, 0, "组织", kLabel);
  sheet.text(1, 1, s.org_name, kPlain);
  sheet.text(2, 0, "类型", kLabel);
  sheet.text(2, 1, core::label_zh(a.kind), kPlain);
  sheet.text(3, 0, "日期", kLabel);
  sheet.date(3, 1, a.starts_on, kPlain);
  if (a.ends_on != a.starts_on) {
    sheet.text(3, 2, "至", kPlain);
    sheet.date(3, 3, a.ends_on, kPlain);
  }
  sheet.text(4, 0, "地点", kLabel);
  sheet.text(4, 1, a.location, kPlain);
  sheet.text(5, 0, "应到", kLabel);
  sheet.number(5, 1, static_cast<double>(s.expected), kPlain.as(NumberFormat::kInteger));
  sheet.text(5, 2, "实到", kLabel);
  sheet.number(5, 3, static_cast<double>(s.attended), kPlain.as(NumberFormat::kInteger));
  sheet.text(5, 4, "参学率", kLabel);
  sheet.number(5, 5, s.participation_rate, kPlain.as(NumberFormat::kPercent));

  sheet.header(kHeaderRow, kColumns);
  constexpr Style centered{NumberFormat::kGeneral, false, true, false, true, 0};
  int row = kHeaderRow + 1;
  int n = 0;
  for (const auto& item : s.items) {
    if (!item.expected) continue;  // marked once, no longer in the audience: not on the sheet
    sheet.number(row, 0, ++n, centered.as(NumberFormat::kInteger));
    sheet.text(row, 1, item.name);
    sheet.text(row, 2, item.post);
    sheet.text(row, 3, item.status ? core::label_zh(*item.status) : std::string_view{}, centered);
    if (item.checked_in_at) {
      sheet.date_time(row, 4, *item.checked_in_at, offset);
    } else {
      sheet.blank(row, 4);
    }
    sheet.text(row, 5, remark(item));
    sheet.blank(row, 6);
    sheet.row_height(row, kSignRowHeight);
    ++row;
  }
  sheet.freeze_rows(kHeaderRow + 1);
  sheet.print({.landscape = false,
               .fit_to_width = true,
               .repeat_row = kHeaderRow,
               .gridlines = true,
               .footer = "&C第 &P 页，共 &N 页"});

  XF_TRY_ASSIGN(std::string bytes, book.finish());
  const std::string day = a.starts_on.to_string();
  return Document{std::move(bytes), "签到表-" + filename_part(a.title) + "-" + day + ".xlsx",
                  "attendance-" + std::to_string(a.id) + "-" + day + ".xlsx", kXlsxContentType};
}

}  // namespace xuefeng::exports
