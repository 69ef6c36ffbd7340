#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"

// libxlsxwriter's types, declared so that only workbook.cpp includes the library.
struct lxw_worksheet;

namespace xuefeng::exports {

// A small RAII layer over libxlsxwriter: a workbook built in memory, its sheets, and the handful of cell
// kinds our exports need. Values keep their type in the file: numbers are numbers, dates and times are
// Excel serial numbers with a date format (so a spreadsheet can sort, filter and compute with them), text is
// text. Rows and columns count from 0, as in libxlsxwriter ("B3" is row 2, column 1).

/// How a number is shown.
enum class NumberFormat {
  kGeneral,   // 3, 2.5
  kInteger,   // 0
  kPercent,   // 93.33%
  kDate,      // yyyy-mm-dd
  kDateTime,  // yyyy-mm-dd hh:mm:ss
};

/// How a cell looks. Each distinct style becomes one format in the file, made the first time it is used.
struct Style {
  NumberFormat number = NumberFormat::kGeneral;
  bool bold = false;
  bool border = true;
  bool wrap = false;
  bool center = false;
  /// Font size in points; 0 keeps the workbook's default (11).
  double size = 0;

  /// The same look with another number format: `kPlain.as(NumberFormat::kPercent)`.
  constexpr Style as(NumberFormat format) const {
    Style s = *this;
    s.number = format;
    return s;
  }
  friend auto operator<=>(const Style&, const Style&) = default;
};

/// A table cell: thin border, left aligned, vertically centred.
inline constexpr Style kCell{};
/// A table's header cell: bold, bordered, centred.
inline constexpr Style kHeader{NumberFormat::kGeneral, true, true, false, true, 0};
/// A sheet's title line: bold, 16 points, centred, no border.
inline constexpr Style kTitle{NumberFormat::kGeneral, true, false, false, true, 16};
/// A label in a title block ("组织"): bold, no border.
inline constexpr Style kLabel{NumberFormat::kGeneral, true, false, false, false, 0};
/// A value in a title block: no border.
inline constexpr Style kPlain{NumberFormat::kGeneral, false, false, false, false, 0};

/// A column of a table: its header text and its width in characters (as Excel counts them; a Chinese
/// character is about two).
struct Column {
  std::string_view header;
  double width = 10;
};

/// The longest text Excel keeps in one cell, in characters; longer text is cut and ends with "…".
inline constexpr std::size_t kMaxCellChars = 32767;

/// Excel's serial number for a date (1 = 1900-01-01, with Excel's phantom 1900-02-29), for dates from
/// 1900-03-01 on.
double excel_serial(core::Date date);
/// Excel's serial number for an instant as local time at `offset`, to the second.
double excel_serial(core::Timestamp instant, core::UtcOffset offset);

/// Paper, orientation and what repeats when a sheet is printed.
struct PrintSetup {
  bool landscape = false;
  /// Scale so that every column fits on one page's width (the height runs over as many pages as needed).
  bool fit_to_width = true;
  /// A row printed at the top of every page (a table's header), if any.
  int repeat_row = -1;
  /// Print the cell grid, so an empty column still shows its boxes on paper.
  bool gridlines = true;
  /// The page footer in Excel's header/footer codes ("&P" page, "&N" pages); empty for none.
  std::string footer;
};

class Workbook;

/// One worksheet of a Workbook, valid while the workbook lives. Write errors are kept by the workbook and
/// reported by Workbook::finish, so building a sheet needs no error handling at each cell.
class Sheet {
 public:
  void text(int row, int col, std::string_view value, const Style& style = kCell);
  void number(int row, int col, double value, const Style& style = kCell);
  /// A date cell: the serial number, formatted yyyy-mm-dd whatever `style.number` says.
  void date(int row, int col, core::Date value, const Style& style = kCell);
  /// A date-time cell at the deployment's offset, formatted yyyy-mm-dd hh:mm:ss.
  void date_time(int row, int col, core::Timestamp value, core::UtcOffset offset, const Style& style = kCell);
  /// An empty cell that still has the style (a bordered box to sign in).
  void blank(int row, int col, const Style& style = kCell);
  /// Text across columns [first_col, last_col] of one row, merged into one cell.
  void merged_text(int row, int first_col, int last_col, std::string_view value, const Style& style);

  /// The header texts in `row` (bold, bordered) and each column's width.
  void header(int row, std::span<const Column> columns);
  void column_width(int col, double width);
  void row_height(int row, double points);
  /// Rows above `rows` stay in view while scrolling.
  void freeze_rows(int rows);
  /// A4 paper, and `setup`.
  void print(const PrintSetup& setup);

 private:
  friend class Workbook;
  struct State;
  Sheet(State& book, lxw_worksheet* sheet) : book_(&book), sheet_(sheet) {}
  State* book_;
  lxw_worksheet* sheet_;
};

/// A workbook built in memory. libxlsxwriter 1.1.4 (Debian 12) can only write to a file, so the file is
/// written in a private temporary directory (mode 0700, under $TMPDIR or /tmp), read back and removed;
/// libxlsxwriter's own scratch files go to the same directory.
class Workbook {
 public:
  /// Fails (internal) when the temporary directory cannot be made.
  static core::Result<Workbook> create();
  Workbook(Workbook&&) noexcept;
  Workbook& operator=(Workbook&&) noexcept;
  ~Workbook();

  /// A new sheet at the end. Names are at most 31 characters, without []:*?/\ and unique in the book.
  Sheet& add_sheet(std::string_view name);
  /// Writes the file and returns its bytes; fails (internal) if any write failed, naming the first.
  /// The workbook is spent afterwards.
  core::Result<std::string> finish();

 private:
  explicit Workbook(std::unique_ptr<Sheet::State> state);
  std::unique_ptr<Sheet::State> state_;
};

}  // namespace xuefeng::exports
