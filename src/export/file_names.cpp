#include <string_view>

#include "export/exports.hpp"

namespace xuefeng::exports {

std::string filename_part(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size() && chars < max_chars;) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    const std::string_view ch = text.substr(i, len);
    const bool refused = len == 1 && (lead < 0x20 || lead == 0x7F || std::string_view("\\/:*?\"<>|").find(ch[0]) !=
                                                                         std::string_view::npos);
    const bool stray = len == 1 && lead >= 0x80;  // not UTF-8: never in validated input, but never passed on
    out += refused || stray ? std::string("_") : std::string(ch);
    i += len;
    ++chars;
  }
  // Windows drops trailing dots and spaces; keep the name as it will be saved.
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  return out.empty() ? "_" : out;
}

}  // namespace xuefeng::exports
