#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/requirement.hpp"
#include "core/time.hpp"

namespace xuefeng::exports::html {

// What the printable documents share: a writer that cannot produce broken markup, and the formats of
// their figures. The output is HTML that is also well-formed XML (every element closed, attributes
// quoted, no named entities), so a browser prints it and a test can parse it with an XML parser.

/// `text` safe as element content and as a quoted attribute value: & < > " ' become character
/// references. Control characters, which neither HTML nor XML allows in text, are dropped (tab, line
/// feed and carriage return are kept).
std::string escape(std::string_view text);

struct Attr {
  std::string_view name;
  std::string_view value;
};

/// A table cell: text, or a figure (aligned right).
struct Cell {
  Cell(std::string_view text) : text(text) {}    // NOLINT: implicit, so that a row reads as a list of texts
  Cell(const std::string& text) : text(text) {}  // NOLINT
  Cell(const char* text) : text(text) {}         // NOLINT
  static Cell figure(std::string text) {
    Cell c(text);
    c.numeric = true;
    return c;
  }
  /// A short term of the glossary (集中学习, 已完成): kept on one line, so narrow columns stay readable.
  static Cell term(std::string_view text) {
    Cell c(text);
    c.term_text = true;
    return c;
  }
  std::string text;
  bool numeric = false;
  bool term_text = false;
};

/// Builds one A4 document. Tag and attribute names are the caller's literals; every text and attribute
/// value goes through escape(). Tables repeat their header row on each printed page and keep each row
/// on one page.
class Writer {
 public:
  /// Starts the document: the language, the title a browser shows, and the print style sheet.
  explicit Writer(std::string_view title);

  void open(std::string_view tag, std::initializer_list<Attr> attrs = {});
  /// Closes the innermost open element.
  void close();
  /// <tag attrs>text</tag>.
  void element(std::string_view tag, std::string_view text, std::initializer_list<Attr> attrs = {});
  void text(std::string_view text);

  /// Opens a table with its header row; rows follow, then end_table().
  void table(std::initializer_list<std::string_view> headers, std::string_view css_class = "");
  void row(std::initializer_list<Cell> cells);
  void row(const std::vector<Cell>& cells);
  void end_table();

  /// A table of labels and values without a header row: figures (总体情况, 年度小结), aligned as numbers,
  /// or particulars in text (a binder's cover).
  enum class Values { kText, kFigures };
  void labelled(const std::vector<std::pair<std::string, std::string>>& rows, std::string_view css_class,
                Values values);

  /// Closes whatever is open and hands over the bytes.
  std::string finish() &&;

 private:
  void start_tag(std::string_view tag, std::initializer_list<Attr> attrs);
  std::string out_;
  std::vector<std::string_view> open_;
};

/// 3, 28.5, 266.25: at most two decimals, none when whole.
std::string number(double value);
/// 62.50%.
std::string percent(double rate);
/// attended ÷ expected as a percentage, "—" without an audience.
std::string rate(std::int64_t attended, std::int64_t expected);
/// An item's figure: a percentage for a rate, "—" for nothing measured yet.
std::string figure(const std::optional<double>& value, bool is_rate);
/// "done / required" as an item's progress reads.
std::string progress(const core::ItemResult& item);
/// What an item still lacks, in a sentence a review meeting reads out ("还差 1 篇", "第二季度未完成").
std::string remark(const core::ItemResult& item);
/// 2026-04-07, or 2026-04-07 至 2026-04-09 for several days.
std::string dates(core::Date from, core::Date to);
/// 2026-04-07 14:30, at the deployment's offset.
std::string local_time(core::Timestamp at, core::UtcOffset offset);

}  // namespace xuefeng::exports::html
