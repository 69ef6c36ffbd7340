#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace xuefeng::core {

/// True if `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// The number of code points in well-formed UTF-8; what a person would call the length of a name.
std::size_t utf8_length(std::string_view text);

/// The first `max_chars` code points of well-formed UTF-8, all of it when shorter: a cut that never splits
/// a character.
std::string_view utf8_prefix(std::string_view text, std::size_t max_chars);

/// Without leading and trailing white space, including the ideographic space U+3000 and NBSP, which
/// text pasted from Chinese documents often carries.
std::string_view trim(std::string_view text);

/// ASCII letters lower-cased, everything else as is: how names are compared in search (pinyin logins,
/// Latin names), without touching Chinese.
std::string ascii_lower(std::string text);

/// True if name `a` comes before `b` in the order a Chinese reader expects of a list of names: by pinyin
/// (CLDR's Chinese collation: 陈 < 李 < 王 < 张), not by code point, which would put 张 first. Names the
/// collation holds equal fall back to their bytes, so the order is total.
bool name_less(std::string_view a, std::string_view b);

}  // namespace xuefeng::core
