#include "http/qr_svg.hpp"

#include <qrencode.h>

#include <memory>
#include <string>

namespace xuefeng::http {

std::optional<std::string> qr_svg(std::string_view text) {
  const std::string data(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(data.size()), reinterpret_cast<const unsigned char*>(data.data()), 0,
                        QR_ECLEVEL_M),
      &QRcode_free);
  if (!code) return std::nullopt;
  constexpr int kQuiet = 4;
  const int width = code->width;
  const int size = width + 2 * kQuiet;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " +
                    std::to_string(size) + "\" shape-rendering=\"crispEdges\">";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
  // One rectangle per horizontal run of dark modules keeps the path short.
  for (int y = 0; y < width; ++y) {
    int x = 0;
    while (x < width) {
      if ((code->data[y * width + x] & 1) == 0) {
        ++x;
        continue;
      }
      const int start = x;
      while (x < width && (code->data[y * width + x] & 1)) ++x;
      svg += "M" + std::to_string(start + kQuiet) + " " + std::to_string(y + kQuiet) + "h" +
             std::to_string(x - start) + "v1h-" + std::to_string(x - start) + "z";
    }
  }
  svg += "\"/></svg>";
  return svg;
}

}  // namespace xuefeng::http
