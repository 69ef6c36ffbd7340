#include "core/encoding.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include "core/text.hpp"

namespace xuefeng::core {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";
// .xlsx (and WPS .et) files are zip archives; .xls files are OLE compound documents. Uploading the
// workbook instead of an export is the most common mistake, so it gets its own message.
constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

constexpr std::string_view kResaveZh =
    "请在 Excel 中点击“文件 → 另存为”，保存类型选择“CSV UTF-8（逗号分隔）(*.csv)”，再上传保存后的文件";
constexpr std::string_view kResaveEn =
    "in Excel choose File > Save As, pick the type \"CSV UTF-8 (Comma delimited) (*.csv)\" and upload that "
    "file";

Error body_error(std::string zh, std::string en) {
  return Error::validation("body", Text{std::move(zh), std::move(en)});
}

Error not_text_error() {
  return body_error("文件中含有空字符，不是文本文件。" + std::string(kResaveZh),
                    "the file contains NUL bytes and is not a text file; " + std::string(kResaveEn));
}

Error unknown_encoding_error() {
  return body_error("无法识别文件的文字编码：既不是 UTF-8，也不是 GBK。" + std::string(kResaveZh),
                    "the file is neither UTF-8 nor GBK text; " + std::string(kResaveEn));
}

class IconvHandle {
 public:
  IconvHandle(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~IconvHandle() {
    if (ok()) iconv_close(cd_);
  }
  IconvHandle(const IconvHandle&) = delete;
  IconvHandle& operator=(const IconvHandle&) = delete;

  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

// Nullopt when `bytes` are not valid text in `from` (including a sequence cut off at the end).
Result<std::optional<std::string>> convert_to_utf8(std::string_view bytes, const char* from) {
  IconvHandle cd("UTF-8", from);
  if (!cd.ok()) {
    return Error::internal(std::string("iconv_open(UTF-8, ") + from + ") failed: " + std::strerror(errno));
  }
  std::string out(bytes.size() + bytes.size() / 2 + 16, '\0');
  // iconv's interface is not const-correct; it never writes through the input pointer.
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::size_t used = 0;
  // iconv succeeds only once all input is converted; a last call without input then ends any
  // pending shift state, as the interface asks even of stateless encodings.
  bool flushing = false;
  for (;;) {
    char* out_ptr = out.data() + used;
    std::size_t out_left = out.size() - used;
    const std::size_t rc = flushing ? iconv(cd.get(), nullptr, nullptr, &out_ptr, &out_left)
                                    : iconv(cd.get(), &in, &in_left, &out_ptr, &out_left);
    used = out.size() - out_left;
    if (rc == static_cast<std::size_t>(-1)) {
      if (errno != E2BIG) return std::optional<std::string>{};  // EILSEQ, EINVAL: not this encoding
      out.resize(out.size() * 2);
      continue;
    }
    if (flushing) break;
    flushing = true;
  }
  out.resize(used);
  return std::optional<std::string>{std::move(out)};
}

Result<DecodedText> finish(std::string utf8, TextEncoding source) {
  if (utf8.find('\0') != std::string::npos) return not_text_error();
  return DecodedText{std::move(utf8), source};
}

}  // namespace

Result<DecodedText> decode_to_utf8(std::string_view bytes) {
  if (bytes.starts_with(kZipMagic) || bytes.starts_with(kOleMagic)) {
    return body_error("上传的是 Excel 工作簿（.xlsx 或 .xls），而不是 CSV 文件。" + std::string(kResaveZh),
                      "this is an Excel workbook (.xlsx or .xls), not a CSV file; " + std::string(kResaveEn));
  }
  if (bytes.starts_with(kUtf8Bom)) {
    bytes.remove_prefix(kUtf8Bom.size());
    if (!is_valid_utf8(bytes)) return unknown_encoding_error();
    return finish(std::string(bytes), TextEncoding::kUtf8);
  }
  if (bytes.starts_with(kUtf16LeBom) || bytes.starts_with(kUtf16BeBom)) {
    const char* from = bytes.starts_with(kUtf16LeBom) ? "UTF-16LE" : "UTF-16BE";
    XF_TRY_ASSIGN(auto converted, convert_to_utf8(bytes.substr(2), from));
    if (!converted) return unknown_encoding_error();
    return finish(std::move(*converted), TextEncoding::kUtf16);
  }
  if (is_valid_utf8(bytes)) return finish(std::string(bytes), TextEncoding::kUtf8);
  XF_TRY_ASSIGN(auto converted, convert_to_utf8(bytes, "GB18030"));
  if (!converted) return unknown_encoding_error();
  return finish(std::move(*converted), TextEncoding::kGb18030);
}

}  // namespace xuefeng::core
