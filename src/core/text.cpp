#include "core/text.hpp"

#include <cstdint>
#include <memory>

#include <unicode/ucol.h>

namespace xuefeng::core {

bool is_valid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (static_cast<std::size_t>(end - p) <= n) return false;
    for (std::size_t i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += n + 1;
  }
  return true;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // inside a character
    if (chars == max_chars) return text.substr(0, i);
    ++chars;
  }
  return text;
}

namespace {

// The byte length of a white-space sequence at the front (or back) of `s`, or 0.
std::size_t space_prefix(std::string_view s) {
  if (s.empty()) return 0;
  const char c = s.front();
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (s.substr(0, 3) == "\u3000") return 3;
  if (s.substr(0, 2) == "\u00A0") return 2;
  return 0;
}

std::size_t space_suffix(std::string_view s) {
  if (s.empty()) return 0;
  const char c = s.back();
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (s.size() >= 3 && s.substr(s.size() - 3) == "\u3000") return 3;
  if (s.size() >= 2 && s.substr(s.size() - 2) == "\u00A0") return 2;
  return 0;
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (const std::size_t n = space_prefix(text)) text.remove_prefix(n);
  while (const std::size_t n = space_suffix(text)) text.remove_suffix(n);
  return text;
}

std::string ascii_lower(std::string text) {
  for (auto& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

namespace {

struct CollatorClose {
  void operator()(UCollator* c) const { ucol_close(c); }
};

// One collator per thread: ICU collators are not safe to share while comparing.
UCollator* chinese_collator() {
  thread_local std::unique_ptr<UCollator, CollatorClose> collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCollator, CollatorClose> c(ucol_open("zh", &status));
    if (U_FAILURE(status)) c.reset();  // without ICU's data: byte order below
    return c;
  }();
  return collator.get();
}

}  // namespace

bool name_less(std::string_view a, std::string_view b) {
  if (auto* collator = chinese_collator()) {
    UErrorCode status = U_ZERO_ERROR;
    const auto order = ucol_strcollUTF8(collator, a.data(), static_cast<std::int32_t>(a.size()), b.data(),
                                        static_cast<std::int32_t>(b.size()), &status);
    if (U_SUCCESS(status) && order != UCOL_EQUAL) return order == UCOL_LESS;
  }
  return a < b;
}

}  // namespace xuefeng::core
