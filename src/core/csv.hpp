#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace xuefeng::core {

/// One record of a CSV file: one row of the spreadsheet it was exported from.
struct CsvRecord {
  /// 1-based position among the file's records, blank lines included: the row number the user sees
  /// when the file is opened in Excel (the header is row 1).
  int row = 0;
  /// 1-based text line on which the record starts. It differs from `row` once a quoted cell above
  /// spans several lines, and is what a text editor shows.
  int line = 0;
  /// Cell values without quotes or escapes; a line break inside a quoted cell is kept as "\n".
  std::vector<std::string> fields;
};

/// Parses CSV text as RFC 4180 describes it and as Excel writes it: quoted fields with "" for a quote,
/// line breaks inside quotes, CRLF, LF or CR line ends, and no record for the empty text after the
/// last line end. The separator is a comma, or a tab when the first line with any separator outside
/// quotes (the header, or a title row above it) holds more tabs than commas (Excel's "Unicode text"). A quote
/// inside an unquoted field, or text after a closing quote, is kept as written rather than rejected, as Excel
/// does. A quoted field left open at the end of the text is a validation error on the field "body" naming the
/// row and line it starts on.
Result<std::vector<CsvRecord>> parse_csv(std::string_view utf8);

}  // namespace xuefeng::core
