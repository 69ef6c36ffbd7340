// The roster import: bytes -> encoding detection and decoding (UTF-8, UTF-16, GB18030) -> CSV ->
// header and row mapping -> the person rules, as `POST /orgs/{id}/members/import` and
// `xuefeng import-roster` read an uploaded file. Every outcome must be rows or one validation error.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/roster.hpp"
#include "core/text.hpp"
#include "fuzz_checks.hpp"

namespace {

namespace core = xuefeng::core;

// A fixed "today", so a run does not depend on the date and a crash reproduces.
const core::Date kToday = *core::Date::from_ymd(2026, 5, 1);

[[noreturn]] void fail(const char* what) {
  xuefeng::fuzz::fail("fuzz_roster", what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto rows = core::parse_roster(bytes, kToday);
  if (!rows) {
    if (rows.error().code != core::ErrorCode::kValidationFailed)
      fail("failed with an error other than a 422");
    // Messages quote the file's cells, cut to length: the cut must not split a character.
    if (!xuefeng::fuzz::is_utf8(rows.error())) fail("an error that is not UTF-8");
    return 0;
  }
  if (rows->empty() || rows->size() > core::kMaxRosterRows) fail("succeeded with no rows or too many");
  for (const auto& row : *rows) {
    if (row.row < 2) fail("a person came from the header row or above");
    if (row.person.name.empty()) fail("a person without a name");
    if (!core::is_valid_utf8(row.person.name) || !core::is_valid_utf8(row.person.post) ||
        !core::is_valid_utf8(row.person.phone)) {
      fail("a person whose text is not UTF-8");
    }
  }
  return 0;
}
