#include "core/rules.hpp"

#include <cmath>
#include <set>

#include "core/text.hpp"

namespace xuefeng::core {
namespace {

std::string num(std::size_t n) { return std::to_string(n); }

void check_credit_hours(std::string_view field, double hours, FieldErrors& errors) {
  if (!std::isfinite(hours) || hours < 0 || hours > 1000) {
    errors.add(std::string(field), {"课时应在 0 到 1000 之间", "credit hours must be between 0 and 1000"});
  }
}

}  // namespace

void check_required_text(std::string_view field, const std::string& value, std::size_t max_chars,
                         FieldErrors& errors) {
  if (trim(value).empty()) {
    errors.add(std::string(field), {"不能为空", "must not be empty"});
    return;
  }
  check_text_length(field, value, max_chars, errors);
}

void check_text_length(std::string_view field, const std::string& value, std::size_t max_chars,
                       FieldErrors& errors) {
  if (!is_valid_utf8(value)) {
    errors.add(std::string(field), {"含有无效字符（不是 UTF-8 文本）", "is not valid UTF-8 text"});
    return;
  }
  if (utf8_length(value) > max_chars) {
    errors.add(std::string(field), {"不能超过 " + num(max_chars) + " 个字", "must be at most " + num(max_chars) +
                                                                        " characters"});
  }
}

void check_org(const Org& org, FieldErrors& errors) { check_required_text("name", org.name, 100, errors); }

void check_person(const Person& person, Date today, FieldErrors& errors) {
  check_required_text("name", person.name, 50, errors);
  check_text_length("post", person.post, 100, errors);
  if (person.birth_date) {
    const auto earliest = Date::from_ymd(1900, 1, 1);
    if (*person.birth_date > today || *person.birth_date < *earliest) {
      errors.add("birth_date", {"出生日期应在 1900-01-01 与今天之间", "birth date must be between 1900-01-01 and today"});
    }
  }
  if (person.phone.size() > 30) {
    errors.add("phone", {"电话号码过长", "phone number is too long"});
  }
  for (const char c : person.phone) {
    if (!((c >= '0' && c <= '9') || c == '+' || c == '-' || c == ' ')) {
      errors.add("phone", {"电话号码只能包含数字、空格、+ 和 -", "phone may contain only digits, spaces, + and -"});
      break;
    }
  }
}

void check_membership(const Membership& membership, FieldErrors& errors) {
  if (membership.until && *membership.until < membership.since) {
    errors.add("until", {"结束日期不能早于开始日期", "until must not be before since"});
  }
}

void check_plan(const Plan& plan, FieldErrors& errors) {
  if (plan.year < 2000 || plan.year > 2100) errors.add("year", {"年度应在 2000 到 2100 之间", "year must be 2000–2100"});
  check_required_text("title", plan.title, 200, errors);
  if (plan.topics.size() > 50) errors.add("topics", {"专题不能超过 50 个", "at most 50 topics"});
  for (std::size_t i = 0; i < plan.topics.size(); ++i) {
    const std::string prefix = "topics[" + num(i) + "].";
    check_required_text(prefix + "title", plan.topics[i].title, 200, errors);
    check_text_length(prefix + "description", plan.topics[i].description, 5000, errors);
  }
}

void check_activity(const Activity& a, UtcOffset offset, FieldErrors& errors) {
  check_required_text("title", a.title, 200, errors);
  check_text_length("location", a.location, 200, errors);
  check_credit_hours("credit_hours", a.credit_hours, errors);
  if (a.ends_on < a.starts_on) {
    errors.add("ends_on", {"结束日期不能早于开始日期", "ends_on must not be before starts_on"});
  } else if (a.days() > 366) {
    errors.add("ends_on", {"一次活动不能超过 366 天", "an activity cannot last more than 366 days"});
  }
  if (a.starts_at && a.starts_at->local_date(offset) != a.starts_on) {
    errors.add("starts_at", {"开始时间应在开始日期当天", "starts_at must fall on starts_on"});
  }
  if (a.ends_at) {
    if (!a.starts_at) {
      errors.add("ends_at", {"设置结束时间前请先设置开始时间", "ends_at needs starts_at"});
    } else if (*a.ends_at <= *a.starts_at) {
      errors.add("ends_at", {"结束时间应晚于开始时间", "ends_at must be after starts_at"});
    }
    if (a.ends_at->local_date(offset) != a.ends_on) {
      errors.add("ends_at", {"结束时间应在结束日期当天", "ends_at must fall on ends_on"});
    }
  }
  if (a.speakers.size() > 50) errors.add("speakers", {"发言人不能超过 50 位", "at most 50 speakers"});
  std::set<Id> seen;
  for (std::size_t i = 0; i < a.speakers.size(); ++i) {
    const std::string prefix = "speakers[" + num(i) + "].";
    check_text_length(prefix + "title", a.speakers[i].title, 200, errors);
    if (!seen.insert(a.speakers[i].person_id).second) {
      errors.add(prefix + "person_id", {"同一人重复列为发言人", "the same person is listed twice as a speaker"});
    }
  }
  if (a.invitees.size() > 2000) errors.add("invitees", {"特邀人员不能超过 2000 人", "at most 2000 invitees"});
  seen.clear();
  for (std::size_t i = 0; i < a.invitees.size(); ++i) {
    if (!seen.insert(a.invitees[i]).second) {
      errors.add("invitees[" + num(i) + "]", {"同一人重复列为特邀人员", "the same person is invited twice"});
    }
  }
}

void check_archive_entry(const ArchiveEntry& e, FieldErrors& errors) {
  check_required_text("title", e.title, 200, errors);
  check_text_length("content", e.content, 100000, errors);
  check_text_length("venue", e.venue, 200, errors);
  check_credit_hours("credit_hours", e.credit_hours, errors);
}

std::string mask_phone(const std::string& phone) {
  if (phone.empty()) return phone;
  if (phone.size() < 8) return "****";
  return phone.substr(0, 3) + "****" + phone.substr(phone.size() - 4);
}

double round_credit_hours(double hours) { return std::round(hours * 100.0) / 100.0; }

std::vector<Date> series_dates(Date first, RepeatEvery every, Date until) {
  std::vector<Date> dates;
  for (int i = 0; i < kMaxSeriesLength + 1; ++i) {
    Date d = first;
    switch (every) {
      case RepeatEvery::kWeek: d = first.add_days(7 * i); break;
      case RepeatEvery::kFortnight: d = first.add_days(14 * i); break;
      // From `first` each time, so Jan 31 gives Feb 28 then Mar 31, not Mar 28.
      case RepeatEvery::kMonth: d = first.add_months(i); break;
    }
    if (d > until) break;
    dates.push_back(d);
  }
  return dates;
}

CheckInWindow check_in_window(const Activity& a, UtcOffset offset, const CheckInPolicy& policy) {
  CheckInWindow w;
  w.opens = a.starts_at ? a.starts_at->plus_seconds(-policy.opens_before_seconds)
                        : Timestamp::start_of(a.starts_on, offset);
  w.closes = activity_end(a, offset);
  return w;
}

AttendanceStatus check_in_status(const Activity& a, Timestamp at, const CheckInPolicy& policy) {
  if (a.starts_at && at > a.starts_at->plus_seconds(policy.late_after_seconds)) return AttendanceStatus::kLate;
  return AttendanceStatus::kPresent;
}

Timestamp activity_end(const Activity& a, UtcOffset offset) {
  return a.ends_at ? *a.ends_at : Timestamp::start_of(a.ends_on.add_days(1), offset);
}

std::int64_t check_in_step(Timestamp at, const CheckInPolicy& policy) {
  return at.seconds() / policy.code_period_seconds;
}

double participation_rate(std::int64_t attended, std::int64_t expected) {
  if (expected <= 0) return 0;
  return static_cast<double>(attended) / static_cast<double>(expected);
}

}  // namespace xuefeng::core
