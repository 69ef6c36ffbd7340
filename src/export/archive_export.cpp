#include <array>
#include <map>

#include "core/rules.hpp"
#include "core/text.hpp"
#include "export/exports.hpp"
#include "export/workbook.hpp"

namespace xuefeng::exports {
namespace {

/// How much of an entry's text the 档案记录 sheet shows: enough to recognise it, short enough to read
/// in a cell; the full text stays in the system.
constexpr std::size_t kContentChars = 500;

constexpr std::array<Column, 10> kAttendanceColumns{{
    {"序号", 6},
    {"开始日期", 12},
    {"结束日期", 12},
    {"活动名称", 40},
    {"类型", 12},
    {"组织", 28},
    {"天数", 6},
    {"考勤", 8},
    {"课时", 8},
    {"发言题目", 32},
}};

constexpr std::array<Column, 9> kEntryColumns{{
    {"序号", 6},
    {"日期", 12},
    {"类型", 12},
    {"标题", 36},
    {"批阅状态", 10},
    {"批阅人", 12},
    {"课时", 8},
    {"字数", 8},
    {"内容", 60},
}};

constexpr std::array<Column, 2> kSummaryColumns{{{"项目", 22}, {"数值", 24}}};

constexpr Style kInteger = kCell.as(NumberFormat::kInteger);
constexpr Style kWrapped{NumberFormat::kGeneral, false, true, true, false, 0};

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u3000' || c == U'\u00A0'; }

// 字数 as Chinese readers count it: every character but white space.
std::int64_t character_count(std::string_view text) {
  std::int64_t n = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    char32_t c = len == 1 ? lead : lead & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len && i + k < text.size(); ++k) c = (c << 6) | (text[i + k] & 0x3F);
    if (!is_space(c)) ++n;
    i += len;
  }
  return n;
}

// The first `max_chars` characters, with "…" when there was more.
std::string excerpt(std::string_view text, std::size_t max_chars) {
  const std::string_view kept = core::utf8_prefix(text, max_chars);
  return kept.size() == text.size() ? std::string(text) : std::string(kept) + "…";
}

void attendance_sheet(Sheet& sheet, const service::ArchiveYear& y) {
  std::map<core::Id, std::string> speech_titles;
  for (const auto& s : y.speeches) speech_titles[s.activity.id] = s.speech_title;
  sheet.header(0, kAttendanceColumns);
  int row = 1;
  for (const auto& pa : y.attendance) {
    const core::Activity& a = pa.activity;
    sheet.number(row, 0, row, kInteger);
    sheet.date(row, 1, a.starts_on);
    sheet.date(row, 2, a.ends_on);
    sheet.text(row, 3, a.title);
    sheet.text(row, 4, core::label_zh(a.kind));
    sheet.text(row, 5, pa.org_name);
    sheet.number(row, 6, a.days(), kInteger);
    sheet.text(row, 7, pa.status ? core::label_zh(*pa.status) : std::string_view{});
    sheet.number(row, 8, core::round_credit_hours(a.credit_hours));
    const auto speech = speech_titles.find(a.id);
    sheet.text(row, 9, speech == speech_titles.end() ? std::string_view{} : std::string_view(speech->second));
    ++row;
  }
  sheet.freeze_rows(1);
  sheet.print({.landscape = true, .fit_to_width = true, .repeat_row = 0, .gridlines = true, .footer = "&C第 &P 页"});
}

void entries_sheet(Sheet& sheet, const service::ArchiveYear& y) {
  sheet.header(0, kEntryColumns);
  int row = 1;
  for (const auto& e : y.entries) {
    sheet.number(row, 0, row, kInteger);
    sheet.date(row, 1, e.date);
    sheet.text(row, 2, core::label_zh(e.kind));
    sheet.text(row, 3, e.title);
    // The verdict in force: none once the entry changed after its last review.
    sheet.text(row, 4, e.review_status ? core::label_zh(*e.review_status) : std::string_view("未批阅"));
    sheet.text(row, 5, e.review_status && !e.reviews.empty() ? std::string_view(e.reviews.back().reviewer_login)
                                                              : std::string_view{});
    sheet.number(row, 6, core::round_credit_hours(e.credit_hours));
    sheet.number(row, 7, static_cast<double>(character_count(e.content)), kInteger);
    sheet.text(row, 8, excerpt(e.content, kContentChars), kWrapped);
    ++row;
  }
  sheet.freeze_rows(1);
  sheet.print({.landscape = true, .fit_to_width = true, .repeat_row = 0, .gridlines = true, .footer = "&C第 &P 页"});
}

void summary_sheet(Sheet& sheet, const service::ArchiveYear& y) {
  const core::Person& p = y.person.person;
  const service::ArchiveTotals& t = y.totals;
  constexpr Style row_label{NumberFormat::kGeneral, true, true, false, false, 0};
  sheet.header(0, kSummaryColumns);
  int row = 1;
  const auto text = [&](std::string_view label, std::string_view value) {
    sheet.text(row, 0, label, row_label);
    sheet.text(row++, 1, value);
  };
  const auto count = [&](std::string_view label, std::int64_t value) {
    sheet.text(row, 0, label, row_label);
    sheet.number(row++, 1, static_cast<double>(value), kInteger);
  };
  text("姓名", p.name);
  text("职务", p.post);
  sheet.text(row, 0, "出生日期", row_label);
  if (p.birth_date) {
    sheet.date(row++, 1, *p.birth_date);
  } else {
    sheet.blank(row++, 1);  // unknown, or not shown to this reader
  }
  text("联系电话", p.phone);
  count("年度", y.year);
  count("应参加活动（次）", t.expected);
  count("实际参加（次）", t.attended);
  sheet.text(row, 0, "参学率", row_label);
  sheet.number(row++, 1, core::participation_rate(t.attended, t.expected), kCell.as(NumberFormat::kPercent));
  count("学习天数", t.study_days);
  sheet.text(row, 0, "课时", row_label);
  sheet.number(row++, 1, core::round_credit_hours(t.credit_hours));
  count("发言（次）", static_cast<std::int64_t>(y.speeches.size()));
  count("档案记录（篇）", static_cast<std::int64_t>(y.entries.size()));
  for (const auto& term : core::terms(core::ArchiveKind{})) {
    const auto it = t.entries_by_kind.find(term.value);
    count(term.label_zh, it == t.entries_by_kind.end() ? 0 : it->second);
  }
  sheet.print({.landscape = false, .fit_to_width = true, .repeat_row = -1, .gridlines = true, .footer = ""});
}

}  // namespace

core::Result<Document> archive_workbook(const service::ArchiveYear& y) {
  XF_TRY_ASSIGN(Workbook book, Workbook::create());
  attendance_sheet(book.add_sheet("考勤"), y);
  entries_sheet(book.add_sheet("档案记录"), y);
  summary_sheet(book.add_sheet("汇总"), y);
  XF_TRY_ASSIGN(std::string bytes, book.finish());
  const std::string year = std::to_string(y.year);
  const core::Person& p = y.person.person;
  return Document{std::move(bytes), "学习档案-" + filename_part(p.name) + "-" + year + ".xlsx",
                  "archive-" + std::to_string(p.id) + "-" + year + ".xlsx", kXlsxContentType};
}

}  // namespace xuefeng::exports
