#pragma once

// Checks the fuzz targets share.

#include <cstdio>
#include <cstdlib>

#include "core/error.hpp"
#include "core/text.hpp"

namespace xuefeng::fuzz {

/// Ends the run as a crash, so libFuzzer keeps the input.
[[noreturn]] inline void fail(const char* target, const char* what) {
  std::fprintf(stderr, "%s: %s\n", target, what);
  std::abort();
}

/// An error reaches the client as problem+json, so every text in it must be UTF-8.
inline bool is_utf8(const core::Error& error) {
  if (!core::is_valid_utf8(error.detail.zh) || !core::is_valid_utf8(error.detail.en)) return false;
  for (const auto& field : error.fields) {
    if (!core::is_valid_utf8(field.field) || !core::is_valid_utf8(field.message.zh) ||
        !core::is_valid_utf8(field.message.en)) {
      return false;
    }
  }
  return true;
}

}  // namespace xuefeng::fuzz
