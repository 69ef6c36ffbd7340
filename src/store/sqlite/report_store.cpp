#include "store/sqlite/columns.hpp"
#include "store/sqlite/repositories.hpp"

namespace xuefeng::store::sqlite {
namespace {

// Rows of ACTIVITY_COLUMNS followed by the org's name, the person's mark and, if selected, a speech title.
std::vector<service::PersonActivity> read_person_activities(Statement& s, bool with_speech_title) {
  std::vector<service::PersonActivity> out;
  while (s.step()) {
    service::PersonActivity pa;
    pa.activity = read_activity(s);
    pa.org_name = s.text(kActivityColumnCount);
    pa.status = optional_enum_column<core::AttendanceStatus>(s, kActivityColumnCount + 1);
    if (with_speech_title) pa.speech_title = s.text(kActivityColumnCount + 2);
    out.push_back(std::move(pa));
  }
  return out;
}

}  // namespace

std::vector<service::PersonActivity> SqliteReportQueries::attendance_of_person(Id person_id, Date from, Date to) {
  // Expected: a member of the activity's org on its first day, or invited.
  auto s = c_.prepare(
      "WITH expected (activity_id) AS ("
      "  SELECT a.id FROM memberships m JOIN activities a ON " MEMBER_ON_FIRST_DAY
      "  AND a.starts_on >= ?2 AND a.starts_on <= ?3 WHERE m.person_id = ?1 "
      "  UNION SELECT i.activity_id FROM activity_invitees i JOIN activities a ON a.id = i.activity_id "
      "  WHERE i.person_id = ?1 AND a.starts_on >= ?2 AND a.starts_on <= ?3) "
      "SELECT " ACTIVITY_COLUMNS ", o.name, t.status FROM expected x JOIN activities a ON a.id = x.activity_id "
      "JOIN orgs o ON o.id = a.org_id LEFT JOIN attendance t ON t.activity_id = a.id AND t.person_id = ?1 "
      "ORDER BY a.starts_on, a.id");
  s.bind(1, person_id).bind(2, from).bind(3, to);
  return read_person_activities(s, false);
}

std::vector<service::PersonActivity> SqliteReportQueries::speeches_of_person(Id person_id, Date from, Date to) {
  auto s = c_.prepare(
      "SELECT " ACTIVITY_COLUMNS ", o.name, t.status, sp.title FROM activity_speakers sp "
      "JOIN activities a ON a.id = sp.activity_id JOIN orgs o ON o.id = a.org_id "
      "LEFT JOIN attendance t ON t.activity_id = a.id AND t.person_id = sp.person_id "
      "WHERE sp.person_id = ?1 AND a.starts_on >= ?2 AND a.starts_on <= ?3 ORDER BY a.starts_on, a.id, sp.position");
  s.bind(1, person_id).bind(2, from).bind(3, to);
  return read_person_activities(s, true);
}

service::OrgStats SqliteReportQueries::org_stats(Id org_id, bool descendants, Date from, Date to, Date held_by) {
  // Activities held so far in the period (started on or before held_by), and their audiences.
  const Date until = held_by < to ? held_by : to;
  service::OrgStats stats;
  {
    auto s = c_.prepare(
        "WITH scope (org_id) AS (SELECT descendant_id FROM org_closure WHERE ancestor_id = ?1 AND (?2 OR depth = 0)), "
        "held AS (SELECT act.id, act.org_id, act.starts_on, act.ends_on, act.credit_hours FROM scope "
        "  JOIN activities act ON act.org_id = scope.org_id WHERE act.starts_on >= ?3 AND act.starts_on <= ?4), "
        "audience (activity_id, person_id) AS ("
        "  SELECT a.id, m.person_id FROM held a JOIN memberships m ON " MEMBER_ON_FIRST_DAY
        "  UNION SELECT a.id, i.person_id FROM held a JOIN activity_invitees i ON i.activity_id = a.id) "
        "SELECT (SELECT count(*) FROM held), "
        "(SELECT count(*) FROM scope JOIN activities act ON act.org_id = scope.org_id "
        "  WHERE act.starts_on > ?4 AND act.starts_on <= ?5), "
        "(SELECT coalesce(sum(julianday(ends_on) - julianday(starts_on) + 1), 0) FROM held), "
        "(SELECT total(credit_hours) FROM held), (SELECT count(*) FROM audience), "
        "(SELECT count(*) FROM audience x JOIN attendance t ON t.activity_id = x.activity_id "
        "  AND t.person_id = x.person_id AND t.status IN ('present', 'late'))");
    s.bind(1, org_id).bind(2, descendants).bind(3, from).bind(4, until).bind(5, to);
    if (s.step()) {
      stats.activities = s.int64(0);
      stats.upcoming = s.int64(1);
      stats.study_days = s.int64(2);
      stats.credit_hours = s.real(3);
      stats.expected = s.int64(4);
      stats.attended = s.int64(5);
    }
  }
  auto s = c_.prepare(
      "SELECT a.kind, count(*) FROM org_closure c JOIN activities a ON a.org_id = c.descendant_id "
      "WHERE c.ancestor_id = ?1 AND (?2 OR c.depth = 0) AND a.starts_on >= ?3 AND a.starts_on <= ?4 "
      "GROUP BY a.kind ORDER BY count(*) DESC, a.kind");
  s.bind(1, org_id).bind(2, descendants).bind(3, from).bind(4, until);
  while (s.step()) stats.activities_by_kind.emplace_back(enum_column<core::ActivityKind>(s, 0), s.int64(1));
  return stats;
}

std::vector<service::TopicCount> SqliteReportQueries::activities_by_topic(Id org_id, Date from, Date to) {
  auto s = c_.prepare(
      "SELECT t.id, t.title, count(*) FROM org_closure c JOIN activities a ON a.org_id = c.descendant_id "
      "AND a.starts_on >= ?2 AND a.starts_on <= ?3 JOIN topics t ON t.id = a.topic_id WHERE c.ancestor_id = ?1 "
      "GROUP BY t.id ORDER BY 3 DESC, t.id");
  s.bind(1, org_id).bind(2, from).bind(3, to);
  std::vector<service::TopicCount> out;
  while (s.step()) out.push_back({s.int64(0), s.text(1), s.int64(2)});
  return out;
}

std::vector<service::ActivityRow> SqliteReportQueries::activity_rows(Id org_id, Date from, Date to) {
  auto s = c_.prepare(
      "SELECT a.id, a.kind, a.title, o.name, a.starts_on, a.ends_on, a.credit_hours FROM org_closure c "
      "JOIN activities a ON a.org_id = c.descendant_id AND a.starts_on >= ?2 AND a.starts_on <= ?3 "
      "JOIN orgs o ON o.id = a.org_id WHERE c.ancestor_id = ?1 ORDER BY a.starts_on, a.id");
  s.bind(1, org_id).bind(2, from).bind(3, to);
  std::vector<service::ActivityRow> out;
  while (s.step()) {
    out.push_back({s.int64(0), enum_column<core::ActivityKind>(s, 1), s.text(2), s.text(3), s.date(4), s.date(5),
                   s.real(6), 0, 0});
  }
  return out;
}

}  // namespace xuefeng::store::sqlite
