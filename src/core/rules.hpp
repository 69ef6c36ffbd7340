#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/model.hpp"

namespace xuefeng::core {

// The domain's rules about single records, as pure functions. Each check adds every problem it finds
// to `errors`, so a client learns everything wrong with its input at once.

/// A required text of at most `max_chars` characters (after trimming).
void check_required_text(std::string_view field, const std::string& value, std::size_t max_chars,
                         FieldErrors& errors);
/// An optional text of at most `max_chars` characters.
void check_text_length(std::string_view field, const std::string& value, std::size_t max_chars,
                       FieldErrors& errors);

void check_org(const Org& org, FieldErrors& errors);
/// `today` bounds birth dates.
void check_person(const Person& person, Date today, FieldErrors& errors);
void check_membership(const Membership& membership, FieldErrors& errors);
void check_plan(const Plan& plan, FieldErrors& errors);
/// Dates, times, length and text limits of an activity; times are compared at `offset`.
void check_activity(const Activity& activity, UtcOffset offset, FieldErrors& errors);
void check_archive_entry(const ArchiveEntry& entry, FieldErrors& errors);

/// A phone number as shown to readers without the right to personal details: its first three and last
/// four digits ("138****5678"), or only stars when it is too short to hide anything that way.
std::string mask_phone(const std::string& phone);

/// Credit hours are kept to two decimals; more precision than that is noise from float arithmetic.
double round_credit_hours(double hours);

/// The most activities one `repeat` may create.
inline constexpr int kMaxSeriesLength = 120;

/// The start dates of a series: `first`, then every week, fortnight or month (day clamped to the
/// month's end), up to and including `until`. Empty if `until` < `first`.
std::vector<Date> series_dates(Date first, RepeatEvery every, Date until);

/// When self check-in is accepted, and from when it counts as late.
struct CheckInPolicy {
  /// Check-in opens this long before `starts_at` (people arrive early).
  std::int64_t opens_before_seconds = 30 * 60;
  /// Arrivals up to this long after `starts_at` are present; later ones are late.
  std::int64_t late_after_seconds = 10 * 60;
  /// How long one rotating code lasts; a code stays valid for this period and the next.
  std::int64_t code_period_seconds = 30;
};

struct CheckInWindow {
  Timestamp opens;
  Timestamp closes;  // exclusive
};

/// Without times, the window is the activity's days; with them, from shortly before `starts_at`
/// to `ends_at` (or the end of `ends_on`).
CheckInWindow check_in_window(const Activity& activity, UtcOffset offset, const CheckInPolicy& policy);

/// Present, or late once the grace period after `starts_at` has passed. Activities without a start time
/// have no lateness.
AttendanceStatus check_in_status(const Activity& activity, Timestamp at, const CheckInPolicy& policy);

/// The instant after which the activity has ended (exclusive): `ends_at`, or midnight after `ends_on`.
Timestamp activity_end(const Activity& activity, UtcOffset offset);

/// The rotating-code counter for an instant: floor(seconds / period).
std::int64_t check_in_step(Timestamp at, const CheckInPolicy& policy);

/// attended ÷ expected, 0 when no one was expected.
double participation_rate(std::int64_t attended, std::int64_t expected);

}  // namespace xuefeng::core
