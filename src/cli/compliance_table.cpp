#include "cli/compliance_table.hpp"

#include <cmath>
#include <cstdio>

#include "core/text.hpp"

namespace xuefeng::cli {
namespace {

/// Columns a terminal gives the text: two for East Asian wide characters, one otherwise.
std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    width += length >= 3 ? 2 : 1;  // CJK ideographs and full-width punctuation are three bytes or more
    i += length;
  }
  return width;
}

std::string pad(const std::string& text, std::size_t width) {
  const std::size_t w = display_width(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

std::string figure(const std::optional<double>& v, bool rate) {
  if (!v) return "—";
  char buf[32];
  if (rate) {
    std::snprintf(buf, sizeof buf, "%.2f%%", *v * 100);
  } else if (*v == std::floor(*v)) {
    std::snprintf(buf, sizeof buf, "%.0f", *v);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", *v);
  }
  return buf;
}

}  // namespace

std::string compliance_table(const service::Compliance& c) {
  std::string out = std::to_string(c.year) + " 年，截至 " + c.as_of.to_string() + "（" + std::to_string(c.subjects.size()) +
                    " 项 / subjects）\n";
  std::size_t label_width = 0;
  for (const auto& s : c.subjects) {
    for (const auto& i : s.result.items) label_width = std::max(label_width, display_width(i.item->label));
  }
  for (const auto& s : c.subjects) {
    out += "\n" + s.name + " — " + s.set->document.name + "：" + std::string(core::label_zh(s.result.status)) + "\n";
    for (const auto& i : s.result.items) {
      const bool rate = core::is_rate(i);
      const std::string progress = figure(i.actual, rate) + " / " + figure(i.required, rate);
      out += "  " + pad(i.item->label, label_width) + "  " + pad(progress, 16) + std::string(core::label_zh(i.status)) + "\n";
    }
  }
  return out;
}

}  // namespace xuefeng::cli
