#include "core/time.hpp"

#include <chrono>
#include <cstdio>

namespace xuefeng::core {
namespace {

namespace chr = std::chrono;

bool parse_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

chr::year_month_day to_ymd(std::int32_t days) { return chr::year_month_day{chr::sys_days{chr::days{days}}}; }

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace

std::optional<Date> Date::from_ymd(int year, int month, int day) {
  const chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                                chr::day{static_cast<unsigned>(day)}};
  if (!ymd.ok() || year < 1800 || year > 9999) return std::nullopt;
  return Date(static_cast<std::int32_t>(chr::sys_days{ymd}.time_since_epoch().count()));
}

std::optional<Date> Date::parse(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!parse_digits(text, 0, 4, y) || !parse_digits(text, 5, 2, m) || !parse_digits(text, 8, 2, d)) {
    return std::nullopt;
  }
  return from_ymd(y, m, d);
}

int Date::year() const { return static_cast<int>(to_ymd(days_).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(to_ymd(days_).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(to_ymd(days_).day())); }

int Date::iso_weekday() const {
  return static_cast<int>(chr::weekday{chr::sys_days{chr::days{days_}}}.iso_encoding());
}

std::string Date::to_string() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year(), month(), day());
  return buf;
}

Date Date::add_months(int n) const {
  const auto ymd = to_ymd(days_);
  const auto first = chr::year_month{ymd.year(), ymd.month()} + chr::months{n};
  const auto last_day = chr::year_month_day_last{first.year(), chr::month_day_last{first.month()}}.day();
  const auto day = ymd.day() < last_day ? ymd.day() : last_day;
  const chr::year_month_day target{first.year(), first.month(), day};
  return Date(static_cast<std::int32_t>(chr::sys_days{target}.time_since_epoch().count()));
}

std::optional<UtcOffset> UtcOffset::parse(std::string_view text) {
  if (text == "Z" || text == "z") return UtcOffset{0};
  int h = 0, m = 0;
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') return std::nullopt;
  if (!parse_digits(text, 1, 2, h) || !parse_digits(text, 4, 2, m) || h > 23 || m > 59) return std::nullopt;
  const int total = h * 60 + m;
  return UtcOffset{text[0] == '-' ? -total : total};
}

std::string UtcOffset::to_string() const {
  char buf[16];
  const int a = minutes < 0 ? -minutes : minutes;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
}

std::optional<Timestamp> Timestamp::parse_rfc3339(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM)
  if (text.size() < 20) return std::nullopt;
  const auto date = Date::parse(text.substr(0, 10));
  if (!date || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (!parse_digits(text, 11, 2, hh) || text[13] != ':' || !parse_digits(text, 14, 2, mm) || text[16] != ':' ||
      !parse_digits(text, 17, 2, ss)) {
    return std::nullopt;
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  std::size_t pos = 19;
  std::int64_t frac_micros = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 6) frac_micros = frac_micros * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (int i = digits; i < 6; ++i) frac_micros *= 10;
  }
  const auto offset = UtcOffset::parse(text.substr(pos));
  if (!offset) return std::nullopt;
  if (ss == 60) ss = 59;  // a leap second is kept inside its minute
  const std::int64_t local_seconds =
      static_cast<std::int64_t>(date->days_since_epoch()) * 86400 + hh * 3600 + mm * 60 + ss;
  return Timestamp((local_seconds - offset->minutes * 60LL) * 1'000'000 + frac_micros);
}

std::string Timestamp::to_rfc3339(UtcOffset offset) const {
  const std::int64_t local = seconds() + offset.minutes * 60LL;
  const auto days = static_cast<std::int32_t>(floor_div(local, 86400));
  const std::int64_t rem = local - static_cast<std::int64_t>(days) * 86400;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d%s", Date::from_days(days).to_string().c_str(),
                static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60),
                offset.minutes == 0 ? "Z" : offset.to_string().c_str());
  return buf;
}

Date Timestamp::local_date(UtcOffset offset) const {
  return Date::from_days(static_cast<std::int32_t>(floor_div(seconds() + offset.minutes * 60LL, 86400)));
}

Timestamp Timestamp::start_of(Date date, UtcOffset offset) {
  return from_seconds(static_cast<std::int64_t>(date.days_since_epoch()) * 86400 - offset.minutes * 60LL);
}

Timestamp SystemClock::now() const {
  const auto t = chr::time_point_cast<chr::microseconds>(chr::system_clock::now());
  return Timestamp::from_micros(t.time_since_epoch().count());
}

}  // namespace xuefeng::core
