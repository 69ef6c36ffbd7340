#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace xuefeng::core {

/// The character encodings an uploaded spreadsheet export arrives in. Chinese Excel writes "CSV UTF-8"
/// as UTF-8 with a BOM, plain "CSV" in the Windows code page (GBK, which GB18030 contains), and
/// "Unicode text" as UTF-16 with a BOM.
enum class TextEncoding { kUtf8, kGb18030, kUtf16 };

struct DecodedText {
  /// Well-formed UTF-8 without a byte order mark.
  std::string utf8;
  /// What the bytes were, so a caller can log it or tell the user which kind of file it read.
  TextEncoding source = TextEncoding::kUtf8;
};

/// Turns an uploaded text file into UTF-8. A UTF-8 or UTF-16 byte order mark decides the encoding;
/// without one, valid UTF-8 is taken as UTF-8 (so pure ASCII is UTF-8) and anything else is read as
/// GB18030. Bytes that fit neither, Excel workbooks and binary files are a validation error on the
/// field "body" that tells the user how to re-save the file. Fails with an internal error only if the
/// system's iconv lacks a converter, which is a deployment fault rather than the user's.
Result<DecodedText> decode_to_utf8(std::string_view bytes);

}  // namespace xuefeng::core
