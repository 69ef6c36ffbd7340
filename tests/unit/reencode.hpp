#pragma once

#include <iconv.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace xuefeng::testing {

/// `utf8` re-encoded as `to` ("GBK", "GB18030", "UTF-16LE"), the way Excel on a Chinese Windows would
/// save it, so tests build their legacy-encoded input from readable literals instead of binary files.
inline std::string reencode(std::string_view utf8, const char* to) {
  const iconv_t cd = iconv_open(to, "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1))
    throw std::runtime_error(std::string("no iconv converter to ") + to);
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  const std::size_t rc = iconv(cd, &in, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1)) throw std::runtime_error(std::string("cannot encode as ") + to);
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace xuefeng::testing
