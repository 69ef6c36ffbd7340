#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xuefeng::testing {

// Reads an .xlsx workbook back from its bytes, for tests that check exports cell by cell: the zip is opened
// in memory (libzip), and the workbook, its shared strings, styles and each sheet's XML parsed (pugixml).
// Only what the tests look at is read; anything malformed throws std::runtime_error.

struct XlsxCell {
  enum class Type { kEmpty, kString, kNumber, kBoolean, kError };
  Type type = Type::kEmpty;
  /// The text of a string cell (shared, inline or a formula's string result); the raw value otherwise.
  std::string text;
  double number = 0;
  /// The cell's number format code ("yyyy-mm-dd", "0.00%"); "General" when it has none.
  std::string number_format = "General";
  /// True for a number whose format shows a date or a time: a real Excel date, not text that looks like one.
  bool is_date = false;
  bool bold = false;
  /// True when the cell has a border on all four sides.
  bool boxed = false;
  /// Present in the sheet's XML (a styled blank cell is present and kEmpty).
  bool present = false;
};

struct XlsxSheet {
  std::string name;
  std::map<std::string, XlsxCell> cells;  // by reference: "B3"
  /// Rows and columns frozen at the top and left (0 when none).
  int frozen_rows = 0;
  int frozen_cols = 0;
  /// Custom widths by column letter ("A"), in Excel's character units.
  std::map<std::string, double> column_widths;
  std::vector<std::string> merged;  // "A1:G1"
  // Page setup.
  int paper_size = 0;  // 9 = A4
  std::string orientation;
  bool fit_to_page = false;
  int fit_to_width = -1;   // -1: attribute absent (Excel's default is 1)
  int fit_to_height = -1;
  bool print_gridlines = false;
  /// Rows repeated on every printed page ("$7:$7"), from the workbook's _xlnm.Print_Titles.
  std::string print_titles;
  std::string footer;

  /// The cell at `ref`, or an empty one.
  const XlsxCell& cell(const std::string& ref) const;
  /// The text of a string cell, "" for anything else.
  std::string text(const std::string& ref) const;
  /// The last row (1-based) that has a cell.
  int last_row() const;
};

struct XlsxBook {
  std::vector<XlsxSheet> sheets;  // in workbook order

  std::vector<std::string> sheet_names() const;
  /// Throws when there is no sheet of that name. Not on a temporary book, whose sheets would dangle.
  const XlsxSheet& sheet(std::string_view name) const&;
  const XlsxSheet& sheet(std::string_view name) && = delete;
};

XlsxBook read_xlsx(std::string_view bytes);

/// The names of the files inside the zip, for checks on the package itself.
std::vector<std::string> xlsx_entries(std::string_view bytes);

/// Excel's serial number for a local date and time, for comparing with date cells.
double excel_serial(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);

}  // namespace xuefeng::testing
