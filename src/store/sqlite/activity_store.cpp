#include <map>

#include "store/sqlite/columns.hpp"
#include "store/sqlite/repositories.hpp"

namespace xuefeng::store::sqlite {

core::Activity read_activity(const Statement& s) {
  core::Activity a;
  a.id = s.int64(0);
  a.org_id = s.int64(1);
  a.plan_id = s.optional_int64(2);
  a.topic_id = s.optional_int64(3);
  a.kind = enum_column<core::ActivityKind>(s, 4);
  a.title = s.text(5);
  a.starts_on = s.date(6);
  a.ends_on = s.date(7);
  a.starts_at = s.optional_timestamp(8);
  a.ends_at = s.optional_timestamp(9);
  a.location = s.text(10);
  a.host_id = s.optional_int64(11);
  a.credit_hours = s.real(12);
  a.series_id = s.optional_int64(13);
  a.version = s.int64(14);
  a.created_at = s.timestamp(15);
  a.updated_at = s.timestamp(16);
  return a;
}

namespace {

// Filters shared by the list statements: ?2..?3 bound the start date for the index (an activity lasts at
// most 366 days, so one overlapping [from, to] starts no earlier than from - 366), ?4 is `from`, ?5 the kind,
// ?6/?7 the cursor, ?9 the limit; visible (?10 everything, ?11 the visible subtrees) or taking part (?8:
// expected, speaking or hosting); ?12 a day to keep only activities begun by then with someone expected
// and not yet marked.
#define NOT_MARKED(person) \
  "NOT EXISTS (SELECT 1 FROM attendance t WHERE t.activity_id = a.id AND t.person_id = " person ")"
#define HAS_UNMARKED                                                                                           \
  "(EXISTS (SELECT 1 FROM memberships m WHERE " MEMBER_ON_FIRST_DAY " AND " NOT_MARKED("m.person_id") ") "     \
  "OR EXISTS (SELECT 1 FROM activity_invitees i WHERE i.activity_id = a.id AND " NOT_MARKED("i.person_id") "))"
#define ACTIVITY_LIST_FILTER                                                                                   \
  " a.starts_on >= ?2 AND a.starts_on <= ?3 AND a.ends_on >= ?4 AND (?5 IS NULL OR a.kind = ?5) "              \
  "AND (a.starts_on, a.id) > (?6, ?7) "                                                                       \
  "AND (?12 IS NULL OR (a.starts_on <= ?12 AND " HAS_UNMARKED ")) "                                           \
  "AND (?10 OR " IN_SUBTREES("a.org_id", "?11") " OR " INVOLVES_PERSON("?8") ") "                          \
  "ORDER BY a.starts_on, a.id LIMIT ?9"

std::vector<core::Activity> read_activities(Statement& s) {
  std::vector<core::Activity> out;
  while (s.step()) out.push_back(read_activity(s));
  return out;
}

}  // namespace

void SqliteActivityRepository::load_people(std::vector<core::Activity>& activities) {
  if (activities.empty()) return;
  std::vector<Id> ids;
  std::map<Id, core::Activity*> by_id;
  for (auto& a : activities) {
    ids.push_back(a.id);
    by_id[a.id] = &a;
  }
  const std::string array = id_array(ids);
  {
    auto s = c_.prepare("SELECT activity_id, person_id, title FROM activity_speakers "
                        "WHERE activity_id IN (SELECT value FROM json_each(?)) ORDER BY activity_id, position");
    s.bind(1, array);
    while (s.step()) by_id[s.int64(0)]->speakers.push_back({s.int64(1), s.text(2)});
  }
  auto s = c_.prepare("SELECT activity_id, person_id FROM activity_invitees "
                      "WHERE activity_id IN (SELECT value FROM json_each(?)) ORDER BY activity_id, person_id");
  s.bind(1, array);
  while (s.step()) by_id[s.int64(0)]->invitees.push_back(s.int64(1));
}

void SqliteActivityRepository::save_people(const core::Activity& a) {
  {
    auto s = c_.prepare("DELETE FROM activity_speakers WHERE activity_id = ?");
    s.bind(1, a.id).run();
  }
  {
    auto s = c_.prepare("DELETE FROM activity_invitees WHERE activity_id = ?");
    s.bind(1, a.id).run();
  }
  int position = 0;
  for (const auto& sp : a.speakers) {
    auto s = c_.prepare("INSERT INTO activity_speakers (activity_id, position, person_id, title) VALUES (?, ?, ?, ?)");
    s.bind(1, a.id).bind(2, position++).bind(3, sp.person_id).bind(4, sp.title).run();
  }
  for (const Id person : a.invitees) {
    auto s = c_.prepare("INSERT INTO activity_invitees (activity_id, person_id) VALUES (?, ?)");
    s.bind(1, a.id).bind(2, person).run();
  }
}

std::optional<core::Activity> SqliteActivityRepository::find(Id id) {
  std::vector<core::Activity> found;
  {
    auto s = c_.prepare("SELECT " ACTIVITY_COLUMNS " FROM activities a WHERE a.id = ?");
    s.bind(1, id);
    found = read_activities(s);
  }
  if (found.empty()) return std::nullopt;
  load_people(found);
  return std::move(found.front());
}

Id SqliteActivityRepository::insert(const core::Activity& a, const std::string& check_in_secret) {
  {
    auto s = c_.prepare(
        "INSERT INTO activities (org_id, plan_id, topic_id, kind, title, starts_on, ends_on, starts_at, ends_at, "
        "location, host_id, credit_hours, series_id, check_in_secret, version, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)");
    s.bind(1, a.org_id).bind(2, a.plan_id).bind(3, a.topic_id).bind(4, core::code(a.kind)).bind(5, a.title);
    s.bind(6, a.starts_on).bind(7, a.ends_on).bind(8, a.starts_at).bind(9, a.ends_at).bind(10, a.location);
    s.bind(11, a.host_id).bind(12, a.credit_hours).bind(13, a.series_id).bind(14, check_in_secret);
    s.bind(15, a.created_at).bind(16, a.updated_at).run();
  }
  core::Activity saved = a;
  saved.id = c_.last_insert_id();
  save_people(saved);
  return saved.id;
}

void SqliteActivityRepository::update(const core::Activity& a) {
  {
    auto s = c_.prepare(
        "UPDATE activities SET plan_id = ?, topic_id = ?, kind = ?, title = ?, starts_on = ?, ends_on = ?, "
        "starts_at = ?, ends_at = ?, location = ?, host_id = ?, credit_hours = ?, updated_at = ?, "
        "version = version + 1 WHERE id = ?");
    s.bind(1, a.plan_id).bind(2, a.topic_id).bind(3, core::code(a.kind)).bind(4, a.title).bind(5, a.starts_on);
    s.bind(6, a.ends_on).bind(7, a.starts_at).bind(8, a.ends_at).bind(9, a.location).bind(10, a.host_id);
    s.bind(11, a.credit_hours).bind(12, a.updated_at).bind(13, a.id).run();
  }
}

void SqliteActivityRepository::replace_people(const core::Activity& a) { save_people(a); }

void SqliteActivityRepository::remove(Id id) {
  auto s = c_.prepare("DELETE FROM activities WHERE id = ?");
  s.bind(1, id).run();
}

std::vector<core::Activity> SqliteActivityRepository::list(const service::ActivityFilter& f, const PageRequest& page) {
  const std::string lo = f.from ? f.from->add_days(-366).to_string() : "0000-01-01";
  const std::string hi = f.to ? f.to->to_string() : "9999-12-31";
  const std::string from = f.from ? f.from->to_string() : "0000-01-01";
  const std::string after_date =
      page.after ? Date::from_days(static_cast<std::int32_t>(page.after->key)).to_string() : "0000-00-00";
  const Id after_id = page.after ? page.after->id : 0;
  std::optional<std::string_view> kind;
  if (f.kind) kind = core::code(*f.kind);

  auto bind_filter = [&](Statement& s) {
    s.bind(2, lo).bind(3, hi).bind(4, from).bind(5, kind).bind(6, after_date).bind(7, after_id);
    s.bind(9, page.limit + 1);
    bind_visibility(s, 10, 11, 8, f.visible);
    std::optional<std::string> unmarked_by;
    if (f.unmarked_by) unmarked_by = f.unmarked_by->to_string();
    s.bind(12, unmarked_by);
  };
  std::vector<core::Activity> out;
  if (f.org_id && f.descendants) {
    auto s = c_.prepare("SELECT " ACTIVITY_COLUMNS " FROM org_closure c JOIN activities a ON a.org_id = c.descendant_id "
                        "WHERE c.ancestor_id = ?1 AND" ACTIVITY_LIST_FILTER);
    s.bind(1, *f.org_id);
    bind_filter(s);
    out = read_activities(s);
  } else if (f.org_id) {
    auto s = c_.prepare("SELECT " ACTIVITY_COLUMNS " FROM activities a WHERE a.org_id = ?1 AND" ACTIVITY_LIST_FILTER);
    s.bind(1, *f.org_id);
    bind_filter(s);
    out = read_activities(s);
  } else {
    // Parameter ?1 (the org) is simply absent here; numbered parameters keep the others in place.
    auto s = c_.prepare("SELECT " ACTIVITY_COLUMNS " FROM activities a WHERE" ACTIVITY_LIST_FILTER);
    bind_filter(s);
    out = read_activities(s);
  }
  load_people(out);
  return out;
}

Id SqliteActivityRepository::next_series_id() {
  auto s = c_.prepare("SELECT coalesce(max(series_id), 0) + 1 FROM activities");
  return s.step() ? s.int64(0) : 1;
}

std::string SqliteActivityRepository::check_in_secret(Id id) {
  auto s = c_.prepare("SELECT check_in_secret FROM activities WHERE id = ?");
  s.bind(1, id);
  return s.step() ? s.text(0) : std::string();
}

std::vector<Id> SqliteActivityRepository::audience(Id activity_id) {
  auto s = c_.prepare(
      "SELECT m.person_id FROM activities a JOIN memberships m ON " MEMBER_ON_FIRST_DAY " WHERE a.id = ?1 "
      "UNION SELECT i.person_id FROM activity_invitees i WHERE i.activity_id = ?1 ORDER BY 1");
  s.bind(1, activity_id);
  std::vector<Id> ids;
  while (s.step()) ids.push_back(s.int64(0));
  return ids;
}

bool SqliteActivityRepository::expects(Id activity_id, Id person_id) {
  auto s = c_.prepare(
      "SELECT 1 FROM activities a WHERE a.id = ?1 AND " EXPECTS_PERSON("?2"));
  s.bind(1, activity_id).bind(2, person_id);
  return s.step();
}

bool SqliteActivityRepository::involves(Id activity_id, Id person_id) {
  auto s = c_.prepare(
      "SELECT 1 FROM activities a WHERE a.id = ?1 AND " INVOLVES_PERSON("?2"));
  s.bind(1, activity_id).bind(2, person_id);
  return s.step();
}

service::Usage SqliteActivityRepository::usage(Id id) {
  auto s = c_.prepare("SELECT (SELECT count(*) FROM attendance WHERE activity_id = ?1), "
                      "(SELECT count(*) FROM archive_entries WHERE activity_id = ?1)");
  s.bind(1, id);
  service::Usage u;
  if (s.step()) {
    u.attendance = s.int64(0);
    u.archive_entries = s.int64(1);
  }
  return u;
}

// Attendance ------------------------------------------------------------------------------------------

namespace {

core::AttendanceMark read_mark(const Statement& s) {
  core::AttendanceMark m;
  m.activity_id = s.int64(0);
  m.person_id = s.int64(1);
  m.status = enum_column<core::AttendanceStatus>(s, 2);
  m.checked_in_at = s.optional_timestamp(3);
  m.note = s.text(4);
  m.updated_at = s.timestamp(5);
  return m;
}

}  // namespace

std::vector<core::AttendanceMark> SqliteAttendanceRepository::marks(Id activity_id) {
  auto s = c_.prepare("SELECT activity_id, person_id, status, checked_in_at, note, updated_at FROM attendance "
                      "WHERE activity_id = ? ORDER BY person_id");
  s.bind(1, activity_id);
  std::vector<core::AttendanceMark> out;
  while (s.step()) out.push_back(read_mark(s));
  return out;
}

std::optional<core::AttendanceMark> SqliteAttendanceRepository::find(Id activity_id, Id person_id) {
  auto s = c_.prepare("SELECT activity_id, person_id, status, checked_in_at, note, updated_at FROM attendance "
                      "WHERE activity_id = ? AND person_id = ?");
  s.bind(1, activity_id).bind(2, person_id);
  if (!s.step()) return std::nullopt;
  return read_mark(s);
}

void SqliteAttendanceRepository::upsert(const core::AttendanceMark& m) {
  auto s = c_.prepare(
      "INSERT INTO attendance (activity_id, person_id, status, checked_in_at, note, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (activity_id, person_id) DO UPDATE SET status = excluded.status, "
      "checked_in_at = excluded.checked_in_at, note = excluded.note, updated_at = excluded.updated_at");
  s.bind(1, m.activity_id).bind(2, m.person_id).bind(3, core::code(m.status)).bind(4, m.checked_in_at);
  s.bind(5, m.note).bind(6, m.updated_at).run();
}

void SqliteAttendanceRepository::remove(Id activity_id, Id person_id) {
  auto s = c_.prepare("DELETE FROM attendance WHERE activity_id = ? AND person_id = ?");
  s.bind(1, activity_id).bind(2, person_id).run();
}

// Leave -------------------------------------------------------------------------------------------------

namespace {

core::LeaveRequest read_leave(const Statement& s) {
  core::LeaveRequest r;
  r.activity_id = s.int64(0);
  r.person_id = s.int64(1);
  r.reason = s.text(2);
  r.state = enum_column<core::LeaveState>(s, 3);
  r.requested_at = s.timestamp(4);
  r.decided_at = s.optional_timestamp(5);
  r.decided_by = s.optional_int64(6);
  return r;
}

}  // namespace

std::optional<core::LeaveRequest> SqliteLeaveRepository::find(Id activity_id, Id person_id) {
  auto s = c_.prepare("SELECT activity_id, person_id, reason, state, requested_at, decided_at, decided_by "
                      "FROM leave_requests WHERE activity_id = ? AND person_id = ?");
  s.bind(1, activity_id).bind(2, person_id);
  if (!s.step()) return std::nullopt;
  return read_leave(s);
}

std::vector<core::LeaveRequest> SqliteLeaveRepository::list(Id activity_id) {
  auto s = c_.prepare("SELECT activity_id, person_id, reason, state, requested_at, decided_at, decided_by "
                      "FROM leave_requests WHERE activity_id = ? ORDER BY requested_at, person_id");
  s.bind(1, activity_id);
  std::vector<core::LeaveRequest> out;
  while (s.step()) out.push_back(read_leave(s));
  return out;
}

void SqliteLeaveRepository::upsert(const core::LeaveRequest& r) {
  auto s = c_.prepare(
      "INSERT INTO leave_requests (activity_id, person_id, reason, state, requested_at, decided_at, decided_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (activity_id, person_id) DO UPDATE SET reason = excluded.reason, "
      "state = excluded.state, requested_at = excluded.requested_at, decided_at = excluded.decided_at, "
      "decided_by = excluded.decided_by");
  s.bind(1, r.activity_id).bind(2, r.person_id).bind(3, r.reason).bind(4, core::code(r.state));
  s.bind(5, r.requested_at).bind(6, r.decided_at).bind(7, r.decided_by).run();
}

}  // namespace xuefeng::store::sqlite
