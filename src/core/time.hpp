#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xuefeng::core {

/// A calendar date without a zone, as written on a plan or a sign-in sheet ("2007-04-09").
class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(std::int32_t days_since_epoch) { return Date(days_since_epoch); }
  /// Nullopt for an impossible date (2007-02-30), so callers never see a silently normalised one.
  static std::optional<Date> from_ymd(int year, int month, int day);
  /// Accepts exactly YYYY-MM-DD.
  static std::optional<Date> parse(std::string_view text);

  std::int32_t days_since_epoch() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  /// 1 = Monday ... 7 = Sunday (ISO 8601).
  int iso_weekday() const;
  /// 1..4.
  int quarter() const { return (month() - 1) / 3 + 1; }
  std::string to_string() const;

  Date add_days(std::int32_t n) const { return Date(days_ + n); }
  /// Same day-of-month n months later; clamped to the month's last day (Jan 31 + 1 month = Feb 28/29).
  Date add_months(int n) const;

  friend constexpr auto operator<=>(Date, Date) = default;
  friend constexpr std::int32_t operator-(Date a, Date b) { return a.days_ - b.days_; }

 private:
  constexpr explicit Date(std::int32_t days) : days_(days) {}
  std::int32_t days_ = 0;
};

/// A fixed offset from UTC in minutes. China has one zone and no daylight saving, so a deployment is
/// configured with one offset (+08:00 by default) rather than a zone database.
struct UtcOffset {
  int minutes = 8 * 60;
  static std::optional<UtcOffset> parse(std::string_view text);  // "+08:00", "-05:30", "Z"
  std::string to_string() const;                                 // "+08:00"
  friend constexpr bool operator==(UtcOffset, UtcOffset) = default;
};

/// An instant, microseconds since the Unix epoch, UTC.
class Timestamp {
 public:
  constexpr Timestamp() = default;
  static constexpr Timestamp from_micros(std::int64_t micros) { return Timestamp(micros); }
  static constexpr Timestamp from_seconds(std::int64_t seconds) { return Timestamp(seconds * 1'000'000); }
  /// RFC 3339 with a mandatory offset ("2007-04-09T08:30:00+08:00", fractional seconds allowed).
  static std::optional<Timestamp> parse_rfc3339(std::string_view text);

  std::int64_t micros() const { return micros_; }
  std::int64_t seconds() const { return micros_ >= 0 ? micros_ / 1'000'000 : -((-micros_ + 999'999) / 1'000'000); }
  /// RFC 3339 at the given offset, to the second ("2007-04-09T08:30:00+08:00").
  std::string to_rfc3339(UtcOffset offset) const;
  /// The calendar date at the given offset.
  Date local_date(UtcOffset offset) const;
  /// Midnight at the start of `date` at the given offset.
  static Timestamp start_of(Date date, UtcOffset offset);

  Timestamp plus_seconds(std::int64_t s) const { return Timestamp(micros_ + s * 1'000'000); }
  friend constexpr auto operator<=>(Timestamp, Timestamp) = default;

 private:
  constexpr explicit Timestamp(std::int64_t micros) : micros_(micros) {}
  std::int64_t micros_ = 0;
};

/// Where use cases get "now", so tests and benchmarks can pin it.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

/// The wall clock.
class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

}  // namespace xuefeng::core
