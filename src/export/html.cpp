#include "export/html.hpp"

#include <cmath>
#include <cstdio>

#include "core/rules.hpp"

namespace xuefeng::exports::html {
namespace {

// One style sheet for every printed document. Body text in a Song (serif) face, headings and tables'
// headers in a Hei (sans) face, as official documents are set; each list names the faces Linux, macOS
// and Windows ship, so no font is downloaded (the documents load nothing). Tables keep their rows whole
// and repeat their header on each page; headings stay with what follows.
constexpr std::string_view kStyle = R"(
@page { size: A4; margin: 20mm 18mm 22mm 18mm;
  @bottom-center { content: "第 " counter(page) " 页"; font-size: 9pt; } }
html { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "Songti SC", STSong,
  SimSun, serif; font-size: 11pt; line-height: 1.6; color: #000; background: #fff; }
body { margin: 0; }
h1, h2, h3, th, .cover-title, .label { font-family: "Noto Sans CJK SC", "Source Han Sans SC",
  "Source Han Sans CN", "PingFang SC", "Microsoft YaHei", SimHei, sans-serif; }
h1 { font-size: 20pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; page-break-after: avoid; }
p { margin: 1.5mm 0; }
.subtitle { text-align: center; margin-bottom: 6mm; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 10pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.5pt solid #000; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: bold; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.term { white-space: nowrap; }
table.figures { width: auto; min-width: 60%; }
table.figures th { width: 12em; }
.person { break-before: page; page-break-before: always; }
body > .person:first-child { break-before: auto; page-break-before: auto; }
.cover { text-align: center; padding-top: 40mm; break-after: page; page-break-after: always; }
.cover-title { font-size: 26pt; margin-bottom: 10mm; }
.cover table { width: 70%; margin: 10mm auto; font-size: 12pt; }
.entry { margin: 3mm 0 6mm; }
.entry .meta { color: #333; font-size: 9.5pt; }
.content { white-space: pre-wrap; text-align: justify; margin: 2mm 0; }
.empty { color: #555; }
@media screen { body { max-width: 180mm; margin: 10mm auto; padding: 0 10mm; } }
)";

/// Elements whose end a new line follows, to keep the source readable; the rest are inline in a row or
/// a line, where a line break would be text.
bool is_block(std::string_view tag) {
  return tag != "td" && tag != "th" && tag != "span" && tag != "strong" && tag != "title";
}

std::string_view quarter_name(int quarter) {
  constexpr std::string_view kNames[] = {"第一季度", "第二季度", "第三季度", "第四季度"};
  return kNames[(quarter - 1) % 4];
}

/// How a period of an item is named when it is read out: 第二季度, 3月, 4月6日至4月12日.
std::string period_name(core::Period period, const core::DateSpan& span) {
  switch (period) {
    case core::Period::kYear:
      return "全年";
    case core::Period::kQuarter:
      return std::string(quarter_name(span.from.quarter()));
    case core::Period::kMonth:
      return std::to_string(span.from.month()) + "月";
    case core::Period::kFortnight:
    case core::Period::kWeek:
      break;
  }
  return std::to_string(span.from.month()) + "月" + std::to_string(span.from.day()) + "日至" +
         std::to_string(span.to.month()) + "月" + std::to_string(span.to.day()) + "日";
}

/// What an item counts, after a number: 3 次, 2 篇, 12 课时.
std::string_view unit_of(core::Measure measure) {
  switch (measure) {
    case core::Measure::kArchiveEntries:
      return " 篇";
    case core::Measure::kCreditHours:
      return " 课时";
    case core::Measure::kStudyDays:
      return " 天";
    case core::Measure::kParticipationRate:
    case core::Measure::kLowestParticipation:
      return "";
    case core::Measure::kAttendedActivities:
    case core::Measure::kSpeeches:
    case core::Measure::kActivities:
      break;
  }
  return " 次";
}

/// 第一季度、第二季度, or the first four and how many more: a list a reader takes in at a glance.
std::string list_periods(const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 4;
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kShown; ++i) out += (i ? "、" : "") + names[i];
  if (names.size() > kShown) out += " 等 " + std::to_string(names.size()) + " 个周期";
  return out;
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if ((b < 0x20 && c != '\t' && c != '\n' && c != '\r') || b == 0x7F) break;
        out += c;
    }
  }
  return out;
}

Writer::Writer(std::string_view title) {
  out_ = "<!DOCTYPE html>\n";
  open("html", {{"lang", "zh-CN"}});
  out_ += "\n<head>\n<meta charset=\"utf-8\"/>\n";
  element("title", title);
  // A style sheet is raw text in HTML (references are not decoded there), so it goes in as written: it
  // is a constant of this file, holding no <, & or user text.
  out_ += "\n<style>";
  out_ += kStyle;
  out_ += "</style>\n</head>\n";
  open("body");
  out_ += "\n";
}

void Writer::start_tag(std::string_view tag, std::initializer_list<Attr> attrs) {
  out_ += '<';
  out_ += tag;
  for (const auto& a : attrs) {
    out_ += ' ';
    out_ += a.name;
    out_ += "=\"";
    out_ += escape(a.value);
    out_ += '"';
  }
  out_ += '>';
}

void Writer::open(std::string_view tag, std::initializer_list<Attr> attrs) {
  start_tag(tag, attrs);
  open_.push_back(tag);
}

void Writer::close() {
  const std::string_view tag = open_.back();
  open_.pop_back();
  out_ += "</";
  out_ += tag;
  out_ += '>';
  if (is_block(tag)) out_ += '\n';
}

void Writer::element(std::string_view tag, std::string_view text, std::initializer_list<Attr> attrs) {
  open(tag, attrs);
  out_ += escape(text);
  close();
}

void Writer::text(std::string_view text) {
  out_ += escape(text);
}

void Writer::table(std::initializer_list<std::string_view> headers, std::string_view css_class) {
  if (css_class.empty()) {
    open("table");
  } else {
    open("table", {{"class", css_class}});
  }
  open("thead");
  open("tr");
  for (const auto h : headers) element("th", h);
  close();
  close();
  open("tbody");
}

void Writer::row(std::initializer_list<Cell> cells) {
  row(std::vector<Cell>(cells));
}

void Writer::row(const std::vector<Cell>& cells) {
  open("tr");
  for (const auto& c : cells) {
    if (c.numeric) {
      element("td", c.text, {{"class", "num"}});
    } else if (c.term_text) {
      element("td", c.text, {{"class", "term"}});
    } else {
      element("td", c.text);
    }
  }
  close();
}

void Writer::end_table() {
  close();  // tbody
  close();  // table
}

void Writer::labelled(const std::vector<std::pair<std::string, std::string>>& rows, std::string_view css_class,
                      Values values) {
  open("table", {{"class", css_class}});
  open("tbody");
  for (const auto& [label, value] : rows) {
    open("tr");
    element("th", label);
    if (values == Values::kFigures) {
      element("td", value, {{"class", "num"}});
    } else {
      element("td", value);
    }
    close();
  }
  close();
  close();
}

std::string Writer::finish() && {
  while (!open_.empty()) close();
  return std::move(out_);
}

std::string number(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", std::round(value * 100) / 100);
  std::string out = buf;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out == "-0" ? "0" : out;
}

std::string percent(double rate) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f%%", rate * 100);
  return buf;
}

std::string rate(std::int64_t attended, std::int64_t expected) {
  return expected > 0 ? percent(core::participation_rate(attended, expected)) : "—";
}

std::string figure(const std::optional<double>& value, bool is_rate) {
  if (!value) return "—";
  return is_rate ? percent(*value) : number(*value);
}

std::string progress(const core::ItemResult& item) {
  const bool r = core::is_rate(item);
  return figure(item.actual, r) + " / " + figure(item.required, r);
}

std::string remark(const core::ItemResult& item) {
  using S = core::ComplianceStatus;
  if (item.status == S::kMet) return "已完成";
  const core::RequirementItem& rule = *item.item;
  if (item.periods.size() > 1) {
    std::vector<std::string> missed, behind, open;
    for (const auto& p : item.periods) {
      const std::string name = period_name(rule.period, p.span);
      if (p.status == S::kMissed) missed.push_back(name);
      if (p.status == S::kBehind) behind.push_back(name);
      if (p.status == S::kOnTrack) open.push_back(name);
    }
    std::string out;
    const auto add = [&](const std::vector<std::string>& names, std::string_view what) {
      if (names.empty()) return;
      out += (out.empty() ? "" : "；") + list_periods(names) + std::string(what);
    };
    add(missed, "未完成");
    add(behind, "滞后");
    add(open, "待完成");
    return out;
  }
  const bool at_most = rule.comparator == core::Comparator::kAtMost;
  if (core::is_rate(item)) {
    if (!item.actual) return "尚无可计算的学习活动";
    return "目前 " + percent(*item.actual) + "，要求" + (at_most ? "不高于 " : "不低于 ") +
           percent(item.required);
  }
  const double actual = item.actual.value_or(0);
  const std::string unit(unit_of(rule.measure));
  if (at_most) {
    if (actual > item.required) return "超出 " + number(actual - item.required) + unit;
    return "目前 " + number(actual) + unit + "，上限 " + number(item.required) + unit;
  }
  const std::string gap = number(item.required - actual) + unit;
  return item.status == S::kMissed ? "未完成，差 " + gap : "还差 " + gap;
}

std::string dates(core::Date from, core::Date to) {
  return from == to ? from.to_string() : from.to_string() + " 至 " + to.to_string();
}

std::string local_time(core::Timestamp at, core::UtcOffset offset) {
  const std::string text = at.to_rfc3339(offset);  // 2026-04-07T14:30:00+08:00
  return text.substr(0, 10) + " " + text.substr(11, 5);
}

}  // namespace xuefeng::exports::html
