#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "core/vocabulary.hpp"

namespace xuefeng::core {

/// One person of an uploaded roster (人员名单) and their membership of the org it is imported into.
struct RosterRow {
  /// The spreadsheet row the person came from (the header is row 1), for messages after parsing.
  int row = 0;
  /// Not yet saved: `id` is 0 and the timestamps are unset.
  Person person;
  MemberRole role = MemberRole::kMember;
  /// 加入日期; empty when the file has no such column or the cell is blank.
  std::optional<Date> since;
};

/// Limits of one import, named so that the messages and the tests quote the same numbers.
inline constexpr std::size_t kMaxRosterRows = 10'000;
inline constexpr std::size_t kMaxNameLength = 50;   // code points
inline constexpr std::size_t kMaxPostLength = 100;  // code points
inline constexpr std::size_t kMaxPhoneLength = 30;  // code points

/// Reads an uploaded roster: decodes it (decode_to_utf8), splits it (parse_csv) and maps each row by
/// the header's column names, Chinese or English, in any order. The import is all or nothing, so every
/// problem in the file is collected and returned as one validation error whose field errors carry the
/// spreadsheet row and the column's English code; only a file that cannot be read as a table at all
/// (bad encoding, an open quote, no 姓名 column, too many rows) stops at its first problem.
/// With `today`, each row that reads well is also held to the rules for a person (check_person), so a
/// secretary learns every problem of the file in one answer.
Result<std::vector<RosterRow>> parse_roster(std::string_view bytes, std::optional<Date> today = std::nullopt);

}  // namespace xuefeng::core
