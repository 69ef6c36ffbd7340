#include "export/workbook.hpp"

#include "core/text.hpp"

#include <stdlib.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <system_error>
#include <utility>
#include <vector>

namespace xuefeng::exports {
namespace {

namespace fs = std::filesystem;

// 1970-01-01 is Excel's day 25569.
constexpr double kUnixEpochSerial = 25569.0;
constexpr std::int32_t kFirstExactSerialDay = -25508;  // 1900-03-01, from which Excel's serials are exact
constexpr std::uint8_t kPaperA4 = 9;

const char* number_format_code(NumberFormat format) {
  switch (format) {
    case NumberFormat::kGeneral: return nullptr;
    case NumberFormat::kInteger: return "0";
    case NumberFormat::kPercent: return "0.00%";
    case NumberFormat::kDate: return "yyyy-mm-dd";
    case NumberFormat::kDateTime: return "yyyy-mm-dd hh:mm:ss";
  }
  return nullptr;
}

// `text`, or if Excel cannot hold it in one cell, its beginning and "…".
std::string cut_to_cell(std::string_view text) {
  const std::string_view kept = core::utf8_prefix(text, kMaxCellChars);
  if (kept.size() == text.size()) return std::string(text);
  return std::string(core::utf8_prefix(text, kMaxCellChars - 1)) + "…";
}

}  // namespace

double excel_serial(core::Date date) {
  // Excel counts a 29 February 1900 that never was, so its serials are exact only from 1 March 1900.
  return kUnixEpochSerial + date.days_since_epoch() - (date.days_since_epoch() < kFirstExactSerialDay ? 1 : 0);
}

double excel_serial(core::Timestamp instant, core::UtcOffset offset) {
  const std::int64_t local = instant.seconds() + std::int64_t{offset.minutes} * 60;
  const std::int64_t day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  const std::int64_t second_of_day = local - day * 86400;
  return excel_serial(core::Date::from_days(static_cast<std::int32_t>(day))) + second_of_day / 86400.0;
}

/// What the sheets of one workbook share: the libxlsxwriter workbook, its formats, and the first error.
struct Sheet::State {
  fs::path dir;
  fs::path file;
  std::string tmpdir;  // libxlsxwriter wants a char*
  lxw_workbook* book = nullptr;
  std::map<Style, lxw_format*> formats;
  std::vector<std::unique_ptr<Sheet>> sheets;
  std::string first_error;

  ~State() {
    if (book) lxw_workbook_free(book);  // never closed: free without writing
    std::error_code ignored;
    if (!dir.empty()) fs::remove_all(dir, ignored);
  }

  void check(lxw_error error, const char* what) {
    if (error != LXW_NO_ERROR && first_error.empty()) first_error = std::string(what) + ": " + lxw_strerror(error);
  }

  lxw_format* format(const Style& style) {
    if (auto it = formats.find(style); it != formats.end()) return it->second;
    lxw_format* f = workbook_add_format(book);
    if (style.bold) format_set_bold(f);
    if (style.border) format_set_border(f, LXW_BORDER_THIN);
    if (style.wrap) format_set_text_wrap(f);
    if (style.center) format_set_align(f, LXW_ALIGN_CENTER);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (style.size > 0) format_set_font_size(f, style.size);
    if (const char* code = number_format_code(style.number)) format_set_num_format(f, code);
    formats.emplace(style, f);
    return f;
  }
};

void Sheet::text(int row, int col, std::string_view value, const Style& style) {
  const std::string copy = cut_to_cell(value);
  book_->check(worksheet_write_string(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), copy.c_str(),
                                      book_->format(style)),
               "write text");
}

void Sheet::number(int row, int col, double value, const Style& style) {
  book_->check(worksheet_write_number(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), value,
                                      book_->format(style)),
               "write number");
}

void Sheet::date(int row, int col, core::Date value, const Style& style) {
  Style s = style;
  s.number = NumberFormat::kDate;
  number(row, col, excel_serial(value), s);
}

void Sheet::date_time(int row, int col, core::Timestamp value, core::UtcOffset offset, const Style& style) {
  Style s = style;
  s.number = NumberFormat::kDateTime;
  number(row, col, excel_serial(value, offset), s);
}

void Sheet::blank(int row, int col, const Style& style) {
  book_->check(worksheet_write_blank(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                                     book_->format(style)),
               "write blank");
}

void Sheet::merged_text(int row, int first_col, int last_col, std::string_view value, const Style& style) {
  const std::string copy = cut_to_cell(value);
  book_->check(worksheet_merge_range(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(first_col),
                                     static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(last_col), copy.c_str(),
                                     book_->format(style)),
               "merge cells");
}

void Sheet::header(int row, std::span<const Column> columns) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const int col = static_cast<int>(i);
    text(row, col, columns[i].header, kHeader);
    column_width(col, columns[i].width);
  }
}

void Sheet::column_width(int col, double width) {
  book_->check(worksheet_set_column(sheet_, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), width, nullptr),
               "set column width");
}

void Sheet::row_height(int row, double points) {
  book_->check(worksheet_set_row(sheet_, static_cast<lxw_row_t>(row), points, nullptr), "set row height");
}

void Sheet::freeze_rows(int rows) { worksheet_freeze_panes(sheet_, static_cast<lxw_row_t>(rows), 0); }

void Sheet::print(const PrintSetup& setup) {
  worksheet_set_paper(sheet_, kPaperA4);
  if (setup.landscape) {
    worksheet_set_landscape(sheet_);
  } else {
    worksheet_set_portrait(sheet_);
  }
  if (setup.fit_to_width) worksheet_fit_to_pages(sheet_, 1, 0);
  if (setup.repeat_row >= 0) {
    const auto r = static_cast<lxw_row_t>(setup.repeat_row);
    book_->check(worksheet_repeat_rows(sheet_, r, r), "repeat rows");
  }
  worksheet_gridlines(sheet_, setup.gridlines ? LXW_SHOW_ALL_GRIDLINES : LXW_SHOW_SCREEN_GRIDLINES);
  worksheet_center_horizontally(sheet_);
  if (!setup.footer.empty()) book_->check(worksheet_set_footer(sheet_, setup.footer.c_str()), "set footer");
}

core::Result<Workbook> Workbook::create() {
  std::error_code ec;
  const fs::path base = fs::temp_directory_path(ec);
  if (ec) return core::fail(core::Error::internal("no temporary directory for the workbook: " + ec.message()));
  std::string pattern = (base / "xuefeng-xlsx-XXXXXX").string();
  // mkdtemp makes the directory with mode 0700: no other user can read the file while it exists.
  if (!mkdtemp(pattern.data())) {
    return core::fail(core::Error::internal("cannot make a temporary directory in " + base.string()));
  }
  auto state = std::make_unique<Sheet::State>();
  state->dir = pattern;
  state->file = state->dir / "export.xlsx";
  state->tmpdir = state->dir.string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = state->tmpdir.data();
  options.use_zip64 = LXW_FALSE;
  state->book = workbook_new_opt(state->file.c_str(), &options);
  if (!state->book) return core::fail(core::Error::internal("libxlsxwriter could not create a workbook"));
  return Workbook(std::move(state));
}

Workbook::Workbook(std::unique_ptr<Sheet::State> state) : state_(std::move(state)) {}
Workbook::Workbook(Workbook&&) noexcept = default;
Workbook& Workbook::operator=(Workbook&&) noexcept = default;
Workbook::~Workbook() = default;

Sheet& Workbook::add_sheet(std::string_view name) {
  const std::string copy(name);
  lxw_worksheet* sheet = nullptr;
  if (const lxw_error invalid = workbook_validate_sheet_name(state_->book, copy.c_str()); invalid != LXW_NO_ERROR) {
    state_->check(invalid, ("add sheet " + copy).c_str());
  } else {
    sheet = workbook_add_worksheet(state_->book, copy.c_str());
  }
  // Writes to a sheet that could not be added go to a scratch sheet, which finish() discards with the error.
  if (!sheet) sheet = workbook_add_worksheet(state_->book, nullptr);
  state_->sheets.push_back(std::unique_ptr<Sheet>(new Sheet(*state_, sheet)));
  return *state_->sheets.back();
}

core::Result<std::string> Workbook::finish() {
  if (!state_ || !state_->book) return core::fail(core::Error::internal("workbook already finished"));
  lxw_workbook* book = std::exchange(state_->book, nullptr);
  if (!state_->first_error.empty()) {
    lxw_workbook_free(book);
    return core::fail(core::Error::internal("building the workbook failed: " + state_->first_error));
  }
  // workbook_close writes the file and frees the workbook, whether or not it succeeds.
  if (const lxw_error error = workbook_close(book); error != LXW_NO_ERROR) {
    return core::fail(core::Error::internal(std::string("writing the workbook failed: ") + lxw_strerror(error)));
  }
  std::ifstream in(state_->file, std::ios::binary);
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in.good() && !in.eof()) return core::fail(core::Error::internal("reading the workbook back failed"));
  if (bytes.empty()) return core::fail(core::Error::internal("the workbook file is empty"));
  return bytes;
}

}  // namespace xuefeng::exports
