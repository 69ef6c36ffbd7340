#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace xuefeng::http {

/// An SVG image of a QR code that encodes `text` (error correction level M, 4-module quiet zone), or
/// nullopt if the text is too long for a QR code.
std::optional<std::string> qr_svg(std::string_view text);

}  // namespace xuefeng::http
