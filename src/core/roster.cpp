#include "core/roster.hpp"

#include <array>
#include <map>
#include <string>
#include <utility>

#include "core/csv.hpp"
#include "core/encoding.hpp"
#include "core/rules.hpp"
#include "core/text.hpp"

namespace xuefeng::core {
namespace {

enum class Column { kName, kGender, kBirthDate, kPost, kCadreLevel, kPartyMember, kRole, kPhone, kSince };

struct ColumnSpec {
  Column column;
  std::string_view code;
  std::string_view label_zh;
  /// Other headers seen on real rosters for the same column.
  std::array<std::string_view, 2> more_labels;
};

constexpr ColumnSpec kColumns[] = {
    {Column::kName, "name", "姓名", {}},
    {Column::kGender, "gender", "性别", {}},
    {Column::kBirthDate, "birth_date", "出生日期", {}},
    {Column::kPost, "post", "职务", {}},
    {Column::kCadreLevel, "cadre_level", "职级", {}},
    {Column::kPartyMember, "party_member", "党员", {"是否党员"}},
    {Column::kRole, "role", "角色", {}},
    {Column::kPhone, "phone", "手机", {"手机号", "手机号码"}},
    {Column::kSince, "since", "加入日期", {}},
};

constexpr std::size_t kColumnCount = std::size(kColumns);

static_assert(
    [] {
      for (std::size_t i = 0; i < kColumnCount; ++i) {
        if (static_cast<std::size_t>(kColumns[i].column) != i) return false;
      }
      return true;
    }(),
    "kColumns is indexed by Column");

const ColumnSpec& spec(Column column) {
  return kColumns[static_cast<std::size_t>(column)];
}

/// Which side of a Text a list of labels is for.
enum class Language { kZh, kEn };

// ---------------------------------------------------------------------------------------------------
// Small text helpers. Input is well-formed UTF-8 by now (decode_to_utf8 guarantees it).

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  const std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  char32_t cp = n == 1 ? lead : n == 2 ? (lead & 0x1F) : n == 3 ? (lead & 0x0F) : (lead & 0x07);
  for (std::size_t i = 1; i < n && pos + i < text.size(); ++i) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3F);
  }
  pos += n;
  return cp;
}

// At most `max` code points of `text`, marked when cut, so one pasted essay does not flood a message.
std::string shorten(std::string_view text, std::size_t max = 30) {
  std::size_t pos = 0;
  for (std::size_t count = 0; pos < text.size() && count < max; ++count) next_code_point(text, pos);
  if (pos >= text.size()) return std::string(text);
  return std::string(text.substr(0, pos)) + "…";
}

// Spreadsheet column letters (0 -> A, 26 -> AA): what the user sees above the cells.
std::string column_letter(std::size_t index) {
  std::string out;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return out;
}

// Exports that went through several tools carry byte order marks decoded as text: U+FEFF itself, or
// its bytes read as Windows-1252 ("ï»¿"). Zero-width spaces come in with headers copied from the web.
std::string_view clean_header(std::string_view text) {
  static constexpr std::string_view kJunk[] = {"\uFEFF", "\u200B", "\u00EF\u00BB\u00BF"};
  for (bool changed = true; changed;) {
    changed = false;
    text = trim(text);
    for (const std::string_view junk : kJunk) {
      if (text.starts_with(junk)) {
        text.remove_prefix(junk.size());
        changed = true;
      }
      if (text.ends_with(junk)) {
        text.remove_suffix(junk.size());
        changed = true;
      }
    }
  }
  return text;
}

bool is_name_space(char32_t cp) {
  return cp == U' ' || cp == U'\u3000' || cp == U'\u00A0';
}

bool is_han_or_name_dot(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x323AF) || cp == U'\u00B7' || cp == U'\u30FB';
}

// Chinese rosters pad two-character names to the width of three ("张　三"). Such a name is the same
// person as "张三", and the duplicate rule and later look-ups must see them as one; names in Latin
// letters keep their spaces.
std::string normalize_name(std::string_view name) {
  bool has_space = false;
  for (std::size_t pos = 0; pos < name.size();) {
    const char32_t cp = next_code_point(name, pos);
    if (is_name_space(cp)) {
      has_space = true;
    } else if (!is_han_or_name_dot(cp)) {
      return std::string(name);
    }
  }
  if (!has_space) return std::string(name);
  std::string out;
  for (std::size_t pos = 0; pos < name.size();) {
    const std::size_t start = pos;
    if (!is_name_space(next_code_point(name, pos))) out.append(name.substr(start, pos - start));
  }
  return out;
}

bool has_control_character(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '\x7F') return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Cell values.

bool take(std::string_view& text, std::string_view token) {
  if (!text.starts_with(token)) return false;
  text.remove_prefix(token.size());
  return true;
}

bool take_digits(std::string_view& text, std::size_t min, std::size_t max, int& out) {
  std::size_t n = 0;
  int value = 0;
  while (n < text.size() && text[n] >= '0' && text[n] <= '9') {
    if (n == max) return false;
    value = value * 10 + (text[n] - '0');
    ++n;
  }
  if (n < min) return false;
  text.remove_prefix(n);
  out = value;
  return true;
}

struct SheetDate {
  /// The text has one of the accepted shapes; tells a typo apart from a day the calendar lacks.
  bool well_formed = false;
  std::optional<Date> date;
};

// 2007-04-09, 2007/4/9 (what Excel writes for a date cell), 2007.4.9 and 2007年4月9日.
SheetDate read_sheet_date(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (!take_digits(text, 4, 4, year)) return {};
  std::string_view second_separator;
  if (take(text, "年")) {
    second_separator = "月";
  } else if (!text.empty() && (text[0] == '-' || text[0] == '/' || text[0] == '.')) {
    second_separator = text.substr(0, 1);
    text.remove_prefix(1);
  } else {
    return {};
  }
  if (!take_digits(text, 1, 2, month) || !take(text, second_separator) || !take_digits(text, 1, 2, day)) {
    return {};
  }
  if (second_separator == "月") take(text, "日");
  if (!text.empty()) return {};
  return {true, Date::from_ymd(year, month, day)};
}

std::optional<CadreLevel> read_cadre_level(std::string_view text) {
  // 正处级 and 副处级 are both 县处级: the glossary's levels do not distinguish principal and deputy.
  if (!take(text, "正")) take(text, "副");
  if (const auto level = parse_code_or_label<CadreLevel>(ascii_lower(text))) return level;
  static constexpr std::pair<std::string_view, CadreLevel> kShortForms[] = {
      {"厅级", CadreLevel::kBureau}, {"局级", CadreLevel::kBureau},   {"处级", CadreLevel::kCounty},
      {"县级", CadreLevel::kCounty}, {"科级", CadreLevel::kTownship}, {"乡级", CadreLevel::kTownship},
  };
  for (const auto& [label, level] : kShortForms) {
    if (text == label) return level;
  }
  return std::nullopt;
}

std::optional<bool> read_party_member(std::string_view text) {
  static constexpr std::pair<std::string_view, bool> kAnswers[] = {
      {"是", true},     {"中共党员", true},  {"党员", true},  {"预备党员", true}, {"中共预备党员", true},
      {"yes", true},    {"y", true},         {"true", true},  {"1", true},        {"否", false},
      {"群众", false},  {"共青团员", false}, {"团员", false}, {"no", false},      {"n", false},
      {"false", false}, {"0", false},
  };
  const std::string lower = ascii_lower(text);
  for (const auto& [answer, value] : kAnswers) {
    if (lower == answer) return value;
  }
  return std::nullopt;
}

std::optional<MemberRole> read_role(std::string_view text) {
  if (const auto role = parse_code_or_label<MemberRole>(ascii_lower(text))) return role;
  static constexpr std::pair<std::string_view, MemberRole> kOtherLabels[] = {
      {"学习委员", MemberRole::kStudySecretary},
      {"党员", MemberRole::kMember},
      {"组员", MemberRole::kMember},
  };
  for (const auto& [label, role] : kOtherLabels) {
    if (text == label) return role;
  }
  return std::nullopt;
}

// "1.38E+10": a long number in a cell formatted as General, written by Excel as it is displayed.
bool looks_like_scientific_notation(std::string_view text) {
  const std::size_t e = text.find_first_of("Ee");
  if (e == std::string_view::npos || e == 0) return false;
  for (const char c : text.substr(0, e)) {
    if ((c < '0' || c > '9') && c != '.') return false;
  }
  std::string_view exponent = text.substr(e + 1);
  if (!take(exponent, "+")) return false;
  int ignored = 0;
  return take_digits(exponent, 1, 3, ignored) && exponent.empty();
}

// "姓名、性别、…" or "name, gender, ...", for messages that say what is accepted.
std::string join_columns(Language language) {
  std::string out;
  for (const ColumnSpec& column : kColumns) {
    if (!out.empty()) out += language == Language::kZh ? "、" : ", ";
    out += language == Language::kZh ? column.label_zh : column.code;
  }
  return out;
}

template <typename E>
std::string join_terms(Language language) {
  std::string out;
  for (const auto& term : terms(E{})) {
    if (!out.empty()) out += language == Language::kZh ? "、" : ", ";
    out += language == Language::kZh ? term.label_zh : term.code;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The header row.

std::string_view cell(const CsvRecord& record, std::size_t index) {
  return index < record.fields.size() ? trim(record.fields[index]) : std::string_view{};
}

std::size_t filled_cells(const CsvRecord& record) {
  std::size_t n = 0;
  for (const std::string& field : record.fields) {
    if (!trim(field).empty()) ++n;
  }
  return n;
}

std::optional<Column> find_column(std::string_view header) {
  const std::string lower = ascii_lower(header);
  for (const ColumnSpec& column : kColumns) {
    if (lower == column.code || header == column.label_zh) return column.column;
    for (const std::string_view label : column.more_labels) {
      if (!label.empty() && header == label) return column.column;
    }
  }
  return std::nullopt;
}

// Rosters kept in Excel usually start with a title ("某某党支部党员花名册") merged across the table,
// which an export writes as a row with one filled cell. The header is the first row that names the
// 姓名 column or has two or more filled cells; when none does, the first filled row is taken so that
// its problems are reported.
std::optional<std::size_t> find_header(const std::vector<CsvRecord>& records) {
  std::optional<std::size_t> first_filled;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::size_t filled = filled_cells(records[i]);
    if (filled == 0) continue;
    if (!first_filled) first_filled = i;
    if (filled >= 2) return i;
    for (const std::string& field : records[i].fields) {
      if (find_column(clean_header(field)) == Column::kName) return i;
    }
  }
  return first_filled;
}

struct Header {
  int row = 0;
  /// Where each known column is; repeated names keep their first place.
  std::array<std::optional<std::size_t>, kColumnCount> index_of{};
  /// Header cells with no name at all, whose data, if any, belongs to no column.
  std::vector<bool> unnamed;
};

// Reports unknown and repeated names but keeps going: the rows under the known columns can still be
// checked, so the user gets every problem of the file in one go.
Header read_header(const CsvRecord& record, FieldErrors& errors) {
  Header header;
  header.row = record.row;
  const std::string row = std::to_string(record.row);
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    const std::string_view name = clean_header(record.fields[i]);
    header.unnamed.push_back(name.empty());
    if (name.empty()) continue;
    const std::string letter = column_letter(i);
    const auto column = find_column(name);
    if (!column) {
      const std::string shown = shorten(name);
      errors.add("header",
                 {"第 " + row + " 行（表头）" + letter + " 列的列名“" + shown + "”无法识别。可用的列名有：" +
                      join_columns(Language::kZh) + "（也可用英文：" + join_columns(Language::kEn) + "）",
                  "row " + row + " (header), column " + letter + ": unknown column \"" + shown +
                      "\"; the accepted columns are " + join_columns(Language::kEn) + " (or in Chinese " +
                      join_columns(Language::kZh) + ")"},
                 record.row);
      continue;
    }
    const ColumnSpec& s = spec(*column);
    auto& index = header.index_of[static_cast<std::size_t>(*column)];
    if (index) {
      const std::string first = column_letter(*index);
      errors.add(std::string(s.code),
                 {"第 " + row + " 行（表头）：" + first + " 列和 " + letter + " 列都是“" +
                      std::string(s.label_zh) + "”，同一列只能出现一次，请删除或改名其中一列",
                  "row " + row + " (header): columns " + first + " and " + letter + " are both " +
                      std::string(s.code) + "; each column may appear only once"},
                 record.row);
      continue;
    }
    index = i;
  }
  return header;
}

// A cell filled under a blank header (or past the header's last cell) belongs to no column; dropping
// it silently could lose what the user meant to import. Reported once per column, at its first use.
void check_unnamed_columns(const Header& header, const std::vector<const CsvRecord*>& data,
                           FieldErrors& errors) {
  std::map<std::size_t, const CsvRecord*> first_use;
  for (const CsvRecord* record : data) {
    for (std::size_t i = 0; i < record->fields.size(); ++i) {
      const bool unnamed = i >= header.unnamed.size() || header.unnamed[i];
      if (unnamed && !cell(*record, i).empty()) first_use.try_emplace(i, record);
    }
  }
  const std::string header_row = std::to_string(header.row);
  for (const auto& [index, record] : first_use) {
    const std::string letter = column_letter(index);
    const std::string row = std::to_string(record->row);
    errors.add("header",
               {"第 " + header_row + " 行（表头）" + letter + " 列没有列名，但第 " + row + " 行在该列填有“" +
                    shorten(cell(*record, index)) + "”。请补上列名，或删除该列",
                "row " + header_row + " (header): column " + letter + " has no name, but row " + row +
                    " has a value in it; name the column or delete it"},
               header.row);
  }
}

// ---------------------------------------------------------------------------------------------------
// Data rows.

class RowReader {
 public:
  RowReader(const Header& header, const CsvRecord& record, FieldErrors& errors)
      : header_(header), record_(record), errors_(errors), row_(std::to_string(record.row)) {}

  int row() const { return record_.row; }
  /// How many problems this row has had so far.
  int failures() const { return failures_; }

  std::string_view value(Column column) const {
    const auto& index = header_.index_of[static_cast<std::size_t>(column)];
    return index ? cell(record_, *index) : std::string_view{};
  }

  void fail(Column column, const std::string& zh, const std::string& en) {
    errors_.add(std::string(spec(column).code), {"第 " + row_ + " 行：" + zh, "row " + row_ + ": " + en},
                record_.row);
    ++failures_;
  }

  std::optional<Date> date(Column column) {
    const std::string_view text = value(column);
    if (text.empty()) return std::nullopt;
    const SheetDate parsed = read_sheet_date(text);
    if (parsed.date) return parsed.date;
    const std::string label(spec(column).label_zh);
    const std::string code(spec(column).code);
    const std::string shown = shorten(text);
    if (parsed.well_formed) {
      fail(column, label + "“" + shown + "”不是真实存在的日期，请核对年、月、日",
           code + " \"" + shown + "\" is not a real date; check the year, month and day");
    } else {
      fail(column,
           label + "“" + shown +
               "”不是可识别的日期，请按 2007-04-09、2007/4/9、2007.4.9 或 2007年4月9日 的格式填写",
           code + " \"" + shown +
               "\" is not a date; write it as 2007-04-09, 2007/4/9, 2007.4.9 or 2007年4月9日");
    }
    return std::nullopt;
  }

  /// Reports `text` if it has more than `max` characters; true if it fits.
  bool check_length(Column column, std::string_view text, std::size_t max) {
    const std::size_t length = utf8_length(text);
    if (length <= max) return true;
    const std::string n = std::to_string(length);
    const std::string m = std::to_string(max);
    fail(column, std::string(spec(column).label_zh) + "过长（" + n + " 个字），最多 " + m + " 个字",
         std::string(spec(column).code) + " is too long (" + n + " characters); at most " + m);
    return false;
  }

  /// Free text of at most `max` characters; empty after reporting a longer one.
  std::string text(Column column, std::size_t max) {
    const std::string_view written = value(column);
    return check_length(column, written, max) ? std::string(written) : std::string();
  }

 private:
  const Header& header_;
  const CsvRecord& record_;
  FieldErrors& errors_;
  std::string row_;
  int failures_ = 0;
};

struct ReadRow {
  RosterRow value;
  /// Name and birth date are both readable, so the row can take part in the duplicate check.
  bool key_valid = false;
};

ReadRow read_row(RowReader& reader) {
  ReadRow out;
  out.value.row = reader.row();
  Person& person = out.value.person;

  person.name = normalize_name(reader.value(Column::kName));
  if (person.name.empty()) {
    reader.fail(Column::kName, "姓名不能为空", "name is required");
  } else if (has_control_character(person.name)) {
    reader.fail(Column::kName, "姓名中不能有换行或其他控制字符",
                "name must not contain line breaks or other control characters");
  } else {
    reader.check_length(Column::kName, person.name, kMaxNameLength);
  }
  const bool name_ok = reader.failures() == 0;

  if (const std::string_view text = reader.value(Column::kGender); !text.empty()) {
    person.gender = parse_code_or_label<Gender>(ascii_lower(text));
    if (!person.gender) {
      const std::string shown = shorten(text);
      reader.fail(Column::kGender, "性别“" + shown + "”无法识别，请填写“男”或“女”",
                  "gender \"" + shown + "\" is not recognised; use 男 or 女 (male or female)");
    }
  }

  const int failures_before_birth_date = reader.failures();
  person.birth_date = reader.date(Column::kBirthDate);
  out.key_valid = name_ok && reader.failures() == failures_before_birth_date;

  person.post = reader.text(Column::kPost, kMaxPostLength);

  if (const std::string_view text = reader.value(Column::kCadreLevel); !text.empty()) {
    person.cadre_level = read_cadre_level(text);
    if (!person.cadre_level) {
      const std::string shown = shorten(text);
      reader.fail(Column::kCadreLevel,
                  "职级“" + shown + "”无法识别，请填写“厅局级”“县处级”或“乡科级”；不属于这三级的请留空",
                  "cadre_level \"" + shown + "\" is not recognised; use " +
                      join_terms<CadreLevel>(Language::kEn) + " (" + join_terms<CadreLevel>(Language::kZh) +
                      "), or leave it empty");
    }
  }

  if (const std::string_view text = reader.value(Column::kPartyMember); !text.empty()) {
    if (const auto member = read_party_member(text)) {
      person.party_member = *member;
    } else {
      const std::string shown = shorten(text);
      reader.fail(Column::kPartyMember, "“党员”一栏的“" + shown + "”无法识别，请填写“是”或“否”",
                  "party_member \"" + shown + "\" is not recognised; use yes or no (是/否)");
    }
  }

  if (const std::string_view text = reader.value(Column::kRole); !text.empty()) {
    if (const auto role = read_role(text)) {
      out.value.role = *role;
    } else {
      const std::string shown = shorten(text);
      reader.fail(
          Column::kRole,
          "角色“" + shown + "”无法识别，可填写：" + join_terms<MemberRole>(Language::kZh) + "；留空即为成员",
          "role \"" + shown + "\" is not recognised; use " + join_terms<MemberRole>(Language::kEn) +
              ", or leave it empty for member");
    }
  }

  const std::string_view phone = reader.value(Column::kPhone);
  if (looks_like_scientific_notation(phone)) {
    const std::string shown = shorten(phone);
    reader.fail(
        Column::kPhone,
        "手机号码“" + shown +
            "”被 Excel 写成了科学计数法，原号码已无法还原。请把该列设为“文本”格式，重新填写号码后再导出",
        "phone \"" + shown +
            "\" was written by Excel in scientific notation and the number is lost; format the "
            "column as Text, re-enter the numbers and export again");
  } else {
    person.phone = reader.text(Column::kPhone, kMaxPhoneLength);
  }

  out.value.since = reader.date(Column::kSince);
  return out;
}

void report_duplicate(RowReader& reader, const Person& person, int first_row) {
  const std::string first = std::to_string(first_row);
  if (person.birth_date) {
    const std::string date = person.birth_date->to_string();
    reader.fail(Column::kName,
                "与第 " + first + " 行重复：姓名“" + person.name + "”和出生日期 " + date + " 都相同",
                "duplicates row " + first + ": same name \"" + person.name + "\" and birth date " + date);
  } else {
    reader.fail(Column::kName,
                "与第 " + first + " 行重复：姓名都是“" + person.name +
                    "”，且都没有填写出生日期。如果确实是两个人，请填写出生日期加以区分",
                "duplicates row " + first + ": both are named \"" + person.name +
                    "\" and have no birth date; if they are two people, fill in their birth dates");
  }
}

Error body_error(std::string zh, std::string en) {
  return Error::validation("body", Text{std::move(zh), std::move(en)});
}

}  // namespace

Result<std::vector<RosterRow>> parse_roster(std::string_view bytes, std::optional<Date> today) {
  XF_TRY_ASSIGN(const DecodedText text, decode_to_utf8(bytes));
  XF_TRY_ASSIGN(const std::vector<CsvRecord> records, parse_csv(text.utf8));

  const auto header_index = find_header(records);
  if (!header_index) return body_error("文件是空的，没有任何内容", "the file is empty");

  FieldErrors errors;
  const Header header = read_header(records[*header_index], errors);
  if (!header.index_of[static_cast<std::size_t>(Column::kName)]) {
    const std::string row = std::to_string(header.row);
    errors.add(
        "name",
        {"第 " + row + " 行（表头）中没有“姓名”列。列名所在的行必须包含“姓名”",
         "row " + row + " (header) has no name (姓名) column; the row of column names must include name"},
        header.row);
    // Without names the rows cannot be told apart, so checking them would only add noise.
    return std::move(errors).to_error();
  }

  std::vector<const CsvRecord*> data;
  for (std::size_t i = *header_index + 1; i < records.size(); ++i) {
    if (filled_cells(records[i]) > 0) data.push_back(&records[i]);
  }
  if (data.size() > kMaxRosterRows) {
    const std::string n = std::to_string(data.size());
    const std::string max = std::to_string(kMaxRosterRows);
    errors.add("body", {"名单共有 " + n + " 行人员数据，超过了一次最多导入 " + max +
                            " 行的限制，请拆分成几个文件分批导入",
                        "the roster has " + n + " data rows; at most " + max +
                            " can be imported at once, so split the file"});
    return std::move(errors).to_error();
  }
  if (data.empty()) {
    errors.add("body", {"名单中只有表头，没有人员数据", "the roster has a header but no people"});
    return std::move(errors).to_error();
  }
  check_unnamed_columns(header, data, errors);

  std::vector<RosterRow> rows;
  rows.reserve(data.size());
  std::map<std::pair<std::string, std::optional<Date>>, int> first_row_of;
  for (const CsvRecord* record : data) {
    RowReader reader(header, *record, errors);
    ReadRow read = read_row(reader);
    if (read.key_valid) {
      const Person& person = read.value.person;
      const auto [it, inserted] = first_row_of.try_emplace({person.name, person.birth_date}, record->row);
      if (!inserted) report_duplicate(reader, person, it->second);
    }
    if (reader.failures() != 0) continue;
    if (today) {
      FieldErrors rule_errors;
      check_person(read.value.person, *today, rule_errors);
      const std::string n = std::to_string(record->row);
      for (const auto& e : rule_errors.items()) {
        errors.add(e.field, {"第 " + n + " 行：" + e.message.zh, "row " + n + ": " + e.message.en}, record->row);
      }
      if (!rule_errors.empty()) continue;
    }
    rows.push_back(std::move(read.value));
  }
  if (!errors.empty()) return std::move(errors).to_error();
  return rows;
}

}  // namespace xuefeng::core
