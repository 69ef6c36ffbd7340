#include <array>

#include "core/rules.hpp"
#include "export/exports.hpp"
#include "export/html.hpp"
#include "export/workbook.hpp"

namespace xuefeng::exports {
namespace {

constexpr Style kInteger = kCell.as(NumberFormat::kInteger);
constexpr Style kPercent = kCell.as(NumberFormat::kPercent);
constexpr Style kRowLabel{NumberFormat::kGeneral, true, true, false, false, 0};
// A function, not a constant: PrintSetup holds a std::string, which clang 14 cannot build at compile time.
PrintSetup table_print() {
  return {.landscape = true, .fit_to_width = true, .repeat_row = 0, .gridlines = true, .footer = "&C第 &P 页"};
}

constexpr std::array<Column, 11> kPeopleColumns{{
    {"序号", 6},
    {"姓名", 12},
    {"学习要求", 24},
    {"总体状态", 10},
    {"得分", 8},
    {"等级", 8},
    {"事项", 30},
    {"完成", 8},
    {"要求", 8},
    {"状态", 10},
    {"说明", 36},
}};

constexpr std::array<Column, 10> kActivityColumns{{
    {"序号", 6},
    {"开始日期", 12},
    {"结束日期", 12},
    {"活动名称", 40},
    {"类型", 12},
    {"组织", 28},
    {"课时", 8},
    {"应到", 8},
    {"实到", 8},
    {"参学率", 10},
}};

constexpr std::array<Column, 7> kShortfallColumns{{
    {"序号", 6},
    {"姓名或组织", 24},
    {"学习要求", 24},
    {"事项", 30},
    {"完成", 8},
    {"要求", 8},
    {"状态", 10},
}};

/// A figure of an item as a number cell: a rate as a percentage, nothing for a rate not yet measured.
void figure(Sheet& sheet, int row, int col, const std::optional<double>& value, bool rate) {
  if (!value) {
    sheet.blank(row, col);
  } else {
    sheet.number(row, col, *value, rate ? kPercent : kCell);
  }
}

void summary_sheet(Sheet& sheet, const service::Review& r) {
  sheet.column_width(0, 26);
  for (int c = 1; c <= 6; ++c) sheet.column_width(c, 12);
  sheet.merged_text(0, 0, 6, r.org.name + " " + std::to_string(r.year) + " 年学习讲评", kTitle);
  int row = 2;
  sheet.text(row, 0, "截至", kLabel);
  sheet.date(row++, 1, r.as_of, kPlain);
  const auto count = [&](std::string_view label, double value, const Style& style = kInteger) {
    sheet.text(row, 0, label, kRowLabel);
    sheet.number(row++, 1, value, style);
  };
  count("已开展学习活动（次）", static_cast<double>(r.totals.activities));
  count("尚未开展（次）", static_cast<double>(r.totals.upcoming));
  count("学习天数", static_cast<double>(r.totals.study_days));
  count("课时", core::round_credit_hours(r.totals.credit_hours), kCell);
  count("应参加（人次）", static_cast<double>(r.totals.expected));
  count("实际参加（人次）", static_cast<double>(r.totals.attended));
  count("参学率", core::participation_rate(r.totals.attended, r.totals.expected), kPercent);

  row += 1;
  constexpr std::array<Column, 6> set_columns{{{"学习要求", 26}, {"对象数", 12}, {"已达标", 12}, {"进行中", 12},
                                               {"滞后", 12}, {"未达标", 12}}};
  sheet.header(row++, set_columns);
  for (const auto& s : r.sets) {
    sheet.text(row, 0, s.set->document.name);
    sheet.number(row, 1, static_cast<double>(s.subjects), kInteger);
    sheet.number(row, 2, static_cast<double>(s.met), kInteger);
    sheet.number(row, 3, static_cast<double>(s.on_track), kInteger);
    sheet.number(row, 4, static_cast<double>(s.behind), kInteger);
    sheet.number(row++, 5, static_cast<double>(s.missed), kInteger);
  }

  row += 1;
  constexpr std::array<Column, 4> month_columns{{{"月份", 26}, {"应参加", 12}, {"实际参加", 12}, {"参学率", 12}}};
  sheet.header(row++, month_columns);
  for (const auto& m : r.months) {
    sheet.text(row, 0, std::to_string(m.month) + " 月");
    sheet.number(row, 1, static_cast<double>(m.expected), kInteger);
    sheet.number(row, 2, static_cast<double>(m.attended), kInteger);
    if (m.expected > 0) {
      sheet.number(row++, 3, core::participation_rate(m.attended, m.expected), kPercent);
    } else {
      sheet.blank(row++, 3);
    }
  }

  row += 1;
  constexpr std::array<Column, 5> unit_columns{{{"下级单位", 26}, {"排名", 12}, {"对象人数", 12}, {"达标占比", 12},
                                                {"参学率", 12}}};
  sheet.header(row++, unit_columns);
  for (const auto& u : r.units) {
    sheet.text(row, 0, u.org.name);
    sheet.number(row, 1, u.rank, kInteger);
    sheet.number(row, 2, static_cast<double>(u.people), kInteger);
    figure(sheet, row, 3, u.compliant_share, true);
    figure(sheet, row++, 4, u.participation_rate, true);
  }
  sheet.print({.landscape = false, .fit_to_width = true, .repeat_row = -1, .gridlines = false, .footer = ""});
}

void people_sheet(Sheet& sheet, const service::Review& r) {
  sheet.header(0, kPeopleColumns);
  int row = 1;
  int n = 0;
  for (const auto& s : r.compliance.subjects) {
    if (s.kind != core::SubjectKind::kPerson) continue;
    ++n;
    for (const auto& i : s.result.items) {
      sheet.number(row, 0, n, kInteger);
      sheet.text(row, 1, s.name);
      sheet.text(row, 2, s.set->document.name);
      sheet.text(row, 3, core::label_zh(s.result.status));
      sheet.number(row, 4, s.assessment.score);
      sheet.text(row, 5, core::label_zh(s.assessment.grade));
      sheet.text(row, 6, i.item->label);
      figure(sheet, row, 7, i.actual, core::is_rate(i));
      figure(sheet, row, 8, i.required, core::is_rate(i));
      sheet.text(row, 9, core::label_zh(i.status));
      // The same remark as the printed review's 个人讲评, so the two read alike.
      sheet.text(row++, 10, html::remark(i));
    }
  }
  sheet.freeze_rows(1);
  sheet.print(table_print());
}

void activities_sheet(Sheet& sheet, const service::Review& r) {
  sheet.header(0, kActivityColumns);
  int row = 1;
  for (const auto& a : r.activities) {
    sheet.number(row, 0, row, kInteger);
    sheet.date(row, 1, a.starts_on);
    sheet.date(row, 2, a.ends_on);
    sheet.text(row, 3, a.title);
    sheet.text(row, 4, core::label_zh(a.kind));
    sheet.text(row, 5, a.org_name);
    sheet.number(row, 6, core::round_credit_hours(a.credit_hours));
    sheet.number(row, 7, static_cast<double>(a.expected), kInteger);
    sheet.number(row, 8, static_cast<double>(a.attended), kInteger);
    if (a.expected > 0) {
      sheet.number(row, 9, core::participation_rate(a.attended, a.expected), kPercent);
    } else {
      sheet.blank(row, 9);
    }
    ++row;
  }
  sheet.freeze_rows(1);
  sheet.print(table_print());
}

void shortfalls_sheet(Sheet& sheet, const service::Review& r) {
  sheet.header(0, kShortfallColumns);
  int row = 1;
  for (const auto& s : r.compliance.subjects) {
    for (const auto& i : s.result.items) {
      if (i.status != core::ComplianceStatus::kBehind && i.status != core::ComplianceStatus::kMissed) continue;
      sheet.number(row, 0, row, kInteger);
      sheet.text(row, 1, s.name);
      sheet.text(row, 2, s.set->document.name);
      sheet.text(row, 3, i.item->label);
      figure(sheet, row, 4, i.actual, core::is_rate(i));
      figure(sheet, row, 5, i.required, core::is_rate(i));
      sheet.text(row++, 6, core::label_zh(i.status));
    }
  }
  sheet.freeze_rows(1);
  sheet.print(table_print());
}

}  // namespace

core::Result<Document> review_workbook(const service::Review& r) {
  XF_TRY_ASSIGN(Workbook book, Workbook::create());
  summary_sheet(book.add_sheet("汇总"), r);
  people_sheet(book.add_sheet("个人明细"), r);
  activities_sheet(book.add_sheet("活动明细"), r);
  shortfalls_sheet(book.add_sheet("未达标事项"), r);
  XF_TRY_ASSIGN(std::string bytes, book.finish());
  const std::string year = std::to_string(r.year);
  return Document{std::move(bytes), "学习讲评-" + filename_part(r.org.name) + "-" + year + ".xlsx",
                  "review-" + std::to_string(r.org.id) + "-" + year + ".xlsx", kXlsxContentType};
}

}  // namespace xuefeng::exports
