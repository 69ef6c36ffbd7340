#include "xlsx_reader.hpp"

#include <zip.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <pugixml.hpp>
#include <stdexcept>

namespace xuefeng::testing {
namespace {

// The zip opened from memory; closed (discarded, as nothing is written) on destruction.
class ZipArchive {
 public:
  explicit ZipArchive(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) throw std::runtime_error(std::string("zip source: ") + zip_error_strerror(&error));
    archive_ = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!archive_) {
      zip_source_free(source);
      const std::string reason = zip_error_strerror(&error);
      zip_error_fini(&error);
      throw std::runtime_error("not a zip file: " + reason);
    }
    zip_error_fini(&error);
  }
  ~ZipArchive() { zip_discard(archive_); }
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  std::vector<std::string> names() const {
    std::vector<std::string> out;
    const zip_int64_t n = zip_get_num_entries(archive_, 0);
    for (zip_int64_t i = 0; i < n; ++i) out.emplace_back(zip_get_name(archive_, static_cast<zip_uint64_t>(i), 0));
    return out;
  }

  std::optional<std::string> read(const std::string& name) const {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(archive_, name.c_str(), 0, &st) != 0) return std::nullopt;
    zip_file_t* file = zip_fopen(archive_, name.c_str(), 0);
    if (!file) throw std::runtime_error("cannot open " + name + " in the zip");
    std::string out(static_cast<std::size_t>(st.size), '\0');
    const zip_int64_t got = zip_fread(file, out.data(), st.size);
    zip_fclose(file);
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) throw std::runtime_error("short read of " + name);
    return out;
  }

 private:
  zip_t* archive_ = nullptr;
};

pugi::xml_document parse(const std::string& xml, const std::string& what) {
  pugi::xml_document doc;
  const auto result = doc.load_buffer(xml.data(), xml.size());
  if (!result) throw std::runtime_error(what + " is not well-formed XML: " + result.description());
  return doc;
}

// Excel's built-in number formats that tests may meet (ECMA-376 part 1, 18.8.30).
std::string builtin_format(int id) {
  static const std::map<int, std::string> kBuiltin{
      {0, "General"},  {1, "0"},          {2, "0.00"},         {3, "#,##0"},       {4, "#,##0.00"},
      {9, "0%"},       {10, "0.00%"},     {11, "0.00E+00"},    {14, "mm-dd-yy"},   {15, "d-mmm-yy"},
      {16, "d-mmm"},   {17, "mmm-yy"},    {18, "h:mm AM/PM"},  {19, "h:mm:ss AM/PM"}, {20, "h:mm"},
      {21, "h:mm:ss"}, {22, "m/d/yy h:mm"}, {45, "mm:ss"},     {46, "[h]:mm:ss"},  {47, "mmss.0"},
      {49, "@"}};
  const auto it = kBuiltin.find(id);
  return it == kBuiltin.end() ? "General" : it->second;
}

// A format shows a date or time if, outside quoted text and [..] sections, it has d, m, y, h or s.
bool is_date_format(const std::string& code) {
  if (code == "General") return false;
  bool quoted = false, bracket = false;
  for (const char c : code) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == '[') bracket = true;
    else if (!quoted && c == ']') bracket = false;
    else if (!quoted && !bracket && std::string_view("dmyhsDMYHS").find(c) != std::string_view::npos) return true;
  }
  return false;
}

struct CellStyle {
  std::string number_format = "General";
  bool bold = false;
  bool boxed = false;
};

std::vector<CellStyle> read_styles(const ZipArchive& zip) {
  std::vector<CellStyle> out;
  const auto xml = zip.read("xl/styles.xml");
  if (!xml) return out;
  const auto doc = parse(*xml, "xl/styles.xml");
  const auto sheet = doc.child("styleSheet");
  std::map<int, std::string> custom;
  for (const auto f : sheet.child("numFmts").children("numFmt")) {
    custom[f.attribute("numFmtId").as_int()] = f.attribute("formatCode").as_string();
  }
  std::vector<bool> bold_fonts;
  for (const auto f : sheet.child("fonts").children("font")) {
    const auto b = f.child("b");
    bold_fonts.push_back(b && std::string_view(b.attribute("val").as_string("1")) != "0");
  }
  std::vector<bool> boxes;
  for (const auto b : sheet.child("borders").children("border")) {
    bool all = true;
    for (const char* side : {"left", "right", "top", "bottom"}) {
      all = all && !std::string_view(b.child(side).attribute("style").as_string()).empty();
    }
    boxes.push_back(all);
  }
  for (const auto xf : sheet.child("cellXfs").children("xf")) {
    CellStyle s;
    const int id = xf.attribute("numFmtId").as_int();
    s.number_format = custom.count(id) ? custom[id] : builtin_format(id);
    const auto font = static_cast<std::size_t>(xf.attribute("fontId").as_int());
    s.bold = font < bold_fonts.size() && bold_fonts[font];
    const auto border = static_cast<std::size_t>(xf.attribute("borderId").as_int());
    s.boxed = border < boxes.size() && boxes[border];
    out.push_back(s);
  }
  return out;
}

std::vector<std::string> read_shared_strings(const ZipArchive& zip) {
  std::vector<std::string> out;
  const auto xml = zip.read("xl/sharedStrings.xml");
  if (!xml) return out;
  const auto doc = parse(*xml, "xl/sharedStrings.xml");
  for (const auto si : doc.child("sst").children("si")) {
    std::string text;
    // Plain (<t>) or rich (<r><t>); phonetic runs (<rPh>) are not part of the text.
    if (const auto t = si.child("t")) text = t.text().get();
    for (const auto r : si.children("r")) text += r.child("t").text().get();
    out.push_back(std::move(text));
  }
  return out;
}

// "AB12" -> column letters "AB" and row 12.
std::pair<std::string, int> split_ref(std::string_view ref) {
  std::size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') ++i;
  return {std::string(ref.substr(0, i)), std::atoi(std::string(ref.substr(i)).c_str())};
}

std::string column_letters(int index) {  // 1 -> "A"
  std::string out;
  for (; index > 0; index = (index - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (index - 1) % 26));
  return out;
}

XlsxSheet read_sheet(const std::string& xml, const std::string& path, const std::vector<std::string>& strings,
                     const std::vector<CellStyle>& styles) {
  XlsxSheet out;
  const auto doc = parse(xml, path);
  const auto ws = doc.child("worksheet");
  if (!ws) throw std::runtime_error(path + " has no <worksheet>");
  for (const auto pane : ws.child("sheetViews").child("sheetView").children("pane")) {
    if (std::string_view(pane.attribute("state").as_string()) == "frozen") {
      out.frozen_rows = pane.attribute("ySplit").as_int();
      out.frozen_cols = pane.attribute("xSplit").as_int();
    }
  }
  for (const auto col : ws.child("cols").children("col")) {
    for (int c = col.attribute("min").as_int(); c <= col.attribute("max").as_int(); ++c) {
      out.column_widths[column_letters(c)] = col.attribute("width").as_double();
    }
  }
  for (const auto row : ws.child("sheetData").children("row")) {
    for (const auto c : row.children("c")) {
      XlsxCell cell;
      cell.present = true;
      const std::string ref = c.attribute("r").as_string();
      const auto s = static_cast<std::size_t>(c.attribute("s").as_int());
      if (s < styles.size()) {
        cell.number_format = styles[s].number_format;
        cell.bold = styles[s].bold;
        cell.boxed = styles[s].boxed;
      }
      const std::string_view t = c.attribute("t").as_string();
      const auto v = c.child("v");
      if (t == "s") {
        const auto index = static_cast<std::size_t>(v.text().as_int(-1));
        if (index >= strings.size()) throw std::runtime_error(path + ": " + ref + " names a missing shared string");
        cell.type = XlsxCell::Type::kString;
        cell.text = strings[index];
      } else if (t == "inlineStr") {
        cell.type = XlsxCell::Type::kString;
        cell.text = c.child("is").child("t").text().get();
      } else if (t == "str") {
        cell.type = XlsxCell::Type::kString;
        cell.text = v.text().get();
      } else if (t == "b") {
        cell.type = XlsxCell::Type::kBoolean;
        cell.text = v.text().get();
        cell.number = v.text().as_double();
      } else if (t == "e") {
        cell.type = XlsxCell::Type::kError;
        cell.text = v.text().get();
      } else if (v) {
        cell.type = XlsxCell::Type::kNumber;
        cell.text = v.text().get();
        cell.number = v.text().as_double();
        cell.is_date = is_date_format(cell.number_format);
      }
      out.cells[ref] = std::move(cell);
    }
  }
  for (const auto m : ws.child("mergeCells").children("mergeCell")) out.merged.emplace_back(m.attribute("ref").as_string());
  const auto setup = ws.child("pageSetup");
  out.paper_size = setup.attribute("paperSize").as_int();
  out.orientation = setup.attribute("orientation").as_string();
  out.fit_to_width = setup.attribute("fitToWidth") ? setup.attribute("fitToWidth").as_int() : -1;
  out.fit_to_height = setup.attribute("fitToHeight") ? setup.attribute("fitToHeight").as_int() : -1;
  out.fit_to_page = ws.child("sheetPr").child("pageSetUpPr").attribute("fitToPage").as_bool();
  out.print_gridlines = ws.child("printOptions").attribute("gridLines").as_bool();
  out.footer = ws.child("headerFooter").child("oddFooter").text().get();
  return out;
}

}  // namespace

const XlsxCell& XlsxSheet::cell(const std::string& ref) const {
  static const XlsxCell kEmpty;
  const auto it = cells.find(ref);
  return it == cells.end() ? kEmpty : it->second;
}

std::string XlsxSheet::text(const std::string& ref) const {
  const auto& c = cell(ref);
  return c.type == XlsxCell::Type::kString ? c.text : std::string();
}

int XlsxSheet::last_row() const {
  int last = 0;
  for (const auto& [ref, _] : cells) last = std::max(last, split_ref(ref).second);
  return last;
}

std::vector<std::string> XlsxBook::sheet_names() const {
  std::vector<std::string> out;
  for (const auto& s : sheets) out.push_back(s.name);
  return out;
}

const XlsxSheet& XlsxBook::sheet(std::string_view name) const& {
  for (const auto& s : sheets) {
    if (s.name == name) return s;
  }
  throw std::runtime_error("no sheet named " + std::string(name));
}

XlsxBook read_xlsx(std::string_view bytes) {
  const ZipArchive zip(bytes);
  const auto workbook_xml = zip.read("xl/workbook.xml");
  const auto rels_xml = zip.read("xl/_rels/workbook.xml.rels");
  if (!workbook_xml || !rels_xml) throw std::runtime_error("no xl/workbook.xml or its relationships");
  const auto workbook = parse(*workbook_xml, "xl/workbook.xml");
  const auto rels = parse(*rels_xml, "xl/_rels/workbook.xml.rels");
  std::map<std::string, std::string> targets;
  for (const auto r : rels.child("Relationships").children("Relationship")) {
    targets[r.attribute("Id").as_string()] = r.attribute("Target").as_string();
  }
  const auto strings = read_shared_strings(zip);
  const auto styles = read_styles(zip);

  XlsxBook book;
  for (const auto s : workbook.child("workbook").child("sheets").children("sheet")) {
    const std::string target = targets[s.attribute("r:id").as_string()];
    const std::string path = target.rfind("/xl/", 0) == 0 ? target.substr(1) : "xl/" + target;
    const auto xml = zip.read(path);
    if (!xml) throw std::runtime_error("sheet " + std::string(s.attribute("name").as_string()) + ": no " + path);
    XlsxSheet sheet = read_sheet(*xml, path, strings, styles);
    sheet.name = s.attribute("name").as_string();
    book.sheets.push_back(std::move(sheet));
  }
  for (const auto d : workbook.child("workbook").child("definedNames").children("definedName")) {
    if (std::string_view(d.attribute("name").as_string()) != "_xlnm.Print_Titles") continue;
    const auto index = static_cast<std::size_t>(d.attribute("localSheetId").as_int());
    if (index >= book.sheets.size()) continue;
    const std::string value = d.text().get();  // '签到表'!$7:$7
    const auto bang = value.rfind('!');
    book.sheets[index].print_titles = bang == std::string::npos ? value : value.substr(bang + 1);
  }
  return book;
}

std::vector<std::string> xlsx_entries(std::string_view bytes) { return ZipArchive(bytes).names(); }

double excel_serial(int year, int month, int day, int hour, int minute, int second) {
  using namespace std::chrono;
  const sys_days d{std::chrono::year(year) / std::chrono::month(static_cast<unsigned>(month)) /
                   std::chrono::day(static_cast<unsigned>(day))};
  return 25569.0 + d.time_since_epoch().count() + (hour * 3600 + minute * 60 + second) / 86400.0;
}

}  // namespace xuefeng::testing
