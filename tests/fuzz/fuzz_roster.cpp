// The roster import: bytes -> encoding detection and decoding (UTF-8, UTF-16, GB18030) -> CSV ->
// header and row mapping -> the person rules, as `POST /orgs/{id}/members/import` and
// `xuefeng import-roster` read an uploaded file. Every outcome must be rows or one validation error.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/roster.hpp"

namespace {

namespace core = xuefeng::core;

// A fixed "today", so a run does not depend on the date and a crash reproduces.
const core::Date kToday = *core::Date::from_ymd(2026, 5, 1);

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "parse_roster: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto rows = core::parse_roster(bytes, kToday);
  if (!rows) {
    if (rows.error().code != core::ErrorCode::kValidationFailed)
      fail("failed with an error other than a 422");
    return 0;
  }
  if (rows->empty() || rows->size() > core::kMaxRosterRows) fail("succeeded with no rows or too many");
  for (const auto& row : *rows) {
    if (row.row < 2) fail("a person came from the header row or above");
    if (row.person.name.empty()) fail("a person without a name");
  }
  return 0;
}
