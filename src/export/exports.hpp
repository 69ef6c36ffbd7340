#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"
#include "service/services.hpp"

namespace xuefeng::exports {

// Service results rendered as files for people to download, print and keep. Each function takes what one
// use case returned and nothing else: no queries, no access checks (the use case did those), no HTTP.

/// The media type of an .xlsx workbook.
inline constexpr std::string_view kXlsxContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The media type of a printable page: UTF-8 HTML that is also well-formed XML.
inline constexpr std::string_view kHtmlContentType = "text/html; charset=utf-8";

/// A rendered file and the names to save it under.
struct Document {
  std::string bytes;
  /// The name a person sees, Chinese included ("签到表-支部集中学习-2026-04-07.xlsx"); no path separators,
  /// quotes or control characters.
  std::string filename;
  /// The same in ASCII, for clients that do not read RFC 8187 names ("attendance-110-2026-04-07.xlsx").
  std::string ascii_filename;
  /// kXlsxContentType or kHtmlContentType.
  std::string_view content_type;
};

/// 签到表: the sign-in sheet of one activity, for printing and signing on paper (layout in docs/api.md).
core::Result<Document> attendance_workbook(const service::AttendanceSheet& sheet, core::UtcOffset offset);

/// 个人学习档案: one person's year in three sheets, 考勤, 档案记录 and 汇总 (layout in docs/api.md).
core::Result<Document> archive_workbook(const service::ArchiveYear& year);

/// 学习讲评: an org's year in four sheets, 汇总, 个人明细, 活动明细 and 未达标事项 (layout in docs/api.md).
core::Result<Document> review_workbook(const service::Review& review);

/// 学习讲评 as one printable A4 page (HTML): the review meeting's handout, with the same figures as the
/// workbook and each person's items with what is left to do (layout in docs/api.md).
core::Result<Document> review_html(const service::Review& review);

/// 学习档案专卷: one person's year as one printable document (HTML): cover, plan topics, attendance,
/// speeches, every archive entry in full with its reviews, compliance and the year's summary (layout
/// in docs/api.md). Times are shown at `offset`.
core::Result<Document> binder_html(const service::Binder& binder, core::UtcOffset offset);

/// The binders of an org's people in one document, each person starting a new page.
core::Result<Document> org_binder_html(const service::OrgBinder& binder, core::UtcOffset offset);

/// `text` made safe as part of a file name: path separators, characters Windows refuses (\/:*?"<>|) and
/// control characters become "_", and it is cut to `max_chars` characters.
std::string filename_part(std::string_view text, std::size_t max_chars = 40);

}  // namespace xuefeng::exports
