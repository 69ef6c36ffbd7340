#include "core/csv.hpp"

#include <string>
#include <utility>

namespace xuefeng::core {
namespace {

// Decides on the first line that has any separator: the header, or a title row above it that Excel
// pads with separators. Data rows may hold commas inside text, while a header has one separator between
// every two names. A plain quote toggle is enough here.
char detect_separator(std::string_view text) {
  int commas = 0;
  int tabs = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') {
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (c == '\r' || c == '\n') {
      if (commas + tabs > 0) break;
    } else if (c == ',') {
      ++commas;
    } else if (c == '\t') {
      ++tabs;
    }
  }
  return tabs > commas ? '\t' : ',';
}

Error unterminated_quote(int row, int line) {
  const std::string r = std::to_string(row);
  const std::string where_zh =
      line == row ? "第 " + r + " 行" : "第 " + r + " 行（文本第 " + std::to_string(line) + " 行）";
  const std::string where_en =
      line == row ? "row " + r : "row " + r + " (text line " + std::to_string(line) + ")";
  FieldErrors errors;
  errors.add("body",
             {where_zh + "：有一个单元格以英文双引号（\"）开头，但直到文件末尾都没有找到配对的结束引号，"
                         "请检查这一行的引号是否成对",
              where_en + ": a cell opens with a double quote (\") that is never closed before the end of "
                         "the file; check that the quotes on that row come in pairs"},
             row);
  return std::move(errors).to_error();
}

}  // namespace

Result<std::vector<CsvRecord>> parse_csv(std::string_view text) {
  const char separator = detect_separator(text);
  std::vector<CsvRecord> records;
  std::size_t pos = 0;
  int line = 1;

  // Consumes one CRLF, LF or CR at `pos`, if there is one there.
  const auto take_line_end = [&] {
    if (pos >= text.size()) return false;
    if (text[pos] == '\r') {
      ++pos;
      if (pos < text.size() && text[pos] == '\n') ++pos;
    } else if (text[pos] == '\n') {
      ++pos;
    } else {
      return false;
    }
    ++line;
    return true;
  };

  while (pos < text.size()) {
    CsvRecord record{static_cast<int>(records.size()) + 1, line, {}};
    for (;;) {
      std::string field;
      if (pos < text.size() && text[pos] == '"') {
        const int field_line = line;
        ++pos;
        for (;;) {
          if (pos >= text.size()) return unterminated_quote(record.row, field_line);
          if (text[pos] == '"') {
            if (pos + 1 < text.size() && text[pos + 1] == '"') {
              field += '"';
              pos += 2;
              continue;
            }
            ++pos;
            break;
          }
          // Excel writes Alt+Enter breaks as LF but a file may have passed through an editor; one form
          // keeps stored values comparable.
          if (take_line_end()) {
            field += '\n';
            continue;
          }
          field += text[pos++];
        }
      }
      while (pos < text.size() && text[pos] != separator && text[pos] != '\r' && text[pos] != '\n') {
        field += text[pos++];
      }
      record.fields.push_back(std::move(field));
      if (pos < text.size() && text[pos] == separator) {
        ++pos;
        continue;
      }
      take_line_end();
      break;
    }
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace xuefeng::core
