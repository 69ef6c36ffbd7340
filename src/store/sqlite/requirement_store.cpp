#include <set>

#include "store/sqlite/columns.hpp"
#include "store/sqlite/repositories.hpp"

namespace xuefeng::store::sqlite {
namespace {

#define SET_COLUMNS "r.id, r.org_id, r.template, r.document, r.version, r.created_at, r.updated_at"

service::StoredRequirementSet read_set(const Statement& s) {
  service::StoredRequirementSet r;
  r.id = s.int64(0);
  r.org_id = s.int64(1);
  if (!s.is_null(2)) r.template_code = s.text(2);
  r.document = s.text(3);
  r.version = s.int64(4);
  r.created_at = s.timestamp(5);
  r.updated_at = s.timestamp(6);
  return r;
}

std::vector<service::StoredRequirementSet> read_sets(Statement& s) {
  std::vector<service::StoredRequirementSet> out;
  while (s.step()) out.push_back(read_set(s));
  return out;
}

/// A JSON array of the codes, or nullopt for "any" (an empty filter).
template <typename E>
std::optional<std::string> code_array(const std::vector<E>& values) {
  if (values.empty()) return std::nullopt;
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    out += core::code(values[i]);
    out += '"';
  }
  return out + "]";
}

/// "County level or above": the levels from the highest down to `lowest`.
std::optional<std::string> levels_at_least(const std::optional<core::CadreLevel>& lowest) {
  if (!lowest) return std::nullopt;
  std::vector<core::CadreLevel> levels;
  for (const auto& t : core::terms(core::CadreLevel{})) {
    if (t.value <= *lowest) levels.push_back(t.value);
  }
  return code_array(levels);
}

// Memberships `m` of person `p` in org `o` that make the person a subject: ?2..?3 the year, ?4 org kinds,
// ?5 membership roles, ?6 cadre levels, ?7 party member, ?8 and ?9 the birth date range.
#define BOUND_MEMBERSHIP                                                                      \
  "m.since <= ?3 AND (m.until IS NULL OR m.until >= ?2) "                                    \
  "AND (?4 IS NULL OR o.kind IN (SELECT value FROM json_each(?4))) "                          \
  "AND (?5 IS NULL OR m.role IN (SELECT value FROM json_each(?5))) "                          \
  "AND (?6 IS NULL OR p.cadre_level IN (SELECT value FROM json_each(?6))) "                   \
  "AND (?7 IS NULL OR p.party_member = ?7) AND (?8 IS NULL OR p.birth_date >= ?8) "           \
  "AND (?9 IS NULL OR p.birth_date <= ?9) "
#define BOUND_SELECT "SELECT p.id, p.name, min(m.since), max(coalesce(m.until, '9999-12-31')) "

}  // namespace

std::optional<service::StoredRequirementSet> SqliteRequirementRepository::find(Id id) {
  auto s = c_.prepare("SELECT " SET_COLUMNS " FROM requirement_sets r WHERE r.id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_set(s);
}

Id SqliteRequirementRepository::insert(const service::StoredRequirementSet& set) {
  auto s = c_.prepare(
      "INSERT INTO requirement_sets (org_id, template, document, version, created_at, updated_at) "
      "VALUES (?, ?, ?, 1, ?, ?)");
  s.bind(1, set.org_id).bind(2, set.template_code).bind(3, set.document).bind(4, set.created_at).bind(5, set.updated_at);
  s.run();
  return c_.last_insert_id();
}

void SqliteRequirementRepository::update(const service::StoredRequirementSet& set) {
  auto s = c_.prepare("UPDATE requirement_sets SET document = ?, updated_at = ?, version = version + 1 WHERE id = ?");
  s.bind(1, set.document).bind(2, set.updated_at).bind(3, set.id).run();
}

void SqliteRequirementRepository::remove(Id id) {
  auto s = c_.prepare("DELETE FROM requirement_sets WHERE id = ?");
  s.bind(1, id).run();
}

std::vector<service::StoredRequirementSet> SqliteRequirementRepository::list(std::optional<Id> org_id,
                                                                             const service::Visibility& visible,
                                                                             const PageRequest& page) {
  const Id after = page.after ? page.after->id : 0;
  auto bind = [&](Statement& s) {
    s.bind(2, after).bind(3, visible.everything).bind(4, id_array(visible.roots)).bind(5, page.limit + 1);
  };
  if (org_id) {
    auto s = c_.prepare("SELECT " SET_COLUMNS " FROM requirement_sets r WHERE r.org_id = ?1 AND r.id > ?2 "
                        "AND (?3 OR " IN_SUBTREES("r.org_id", "?4") ") ORDER BY r.id LIMIT ?5");
    s.bind(1, *org_id);
    bind(s);
    return read_sets(s);
  }
  auto s = c_.prepare("SELECT " SET_COLUMNS " FROM requirement_sets r WHERE r.id > ?2 "
                      "AND (?3 OR " IN_SUBTREES("r.org_id", "?4") ") ORDER BY r.id LIMIT ?5");
  bind(s);
  return read_sets(s);
}

std::vector<service::StoredRequirementSet> SqliteRequirementRepository::reaching(Id org_id) {
  // Each set is probed against the tree: sets are few (a handful of rule-makers), while the subtree of a
  // province's root holds every org, which listing it would read on every evaluation.
  auto s = c_.prepare(
      "SELECT " SET_COLUMNS " FROM requirement_sets r INDEXED BY requirement_sets_org "
      "WHERE EXISTS (SELECT 1 FROM org_closure c WHERE c.ancestor_id = r.org_id AND c.descendant_id = ?1) "
      "OR EXISTS (SELECT 1 FROM org_closure c WHERE c.ancestor_id = ?1 AND c.descendant_id = r.org_id) ORDER BY r.id");
  s.bind(1, org_id);
  return read_sets(s);
}

std::vector<service::StoredRequirementSet> SqliteRequirementRepository::binding_person(Id person_id, Date from, Date to) {
  auto s = c_.prepare(
      "SELECT " SET_COLUMNS " FROM requirement_sets r WHERE r.org_id IN ("
      "  SELECT c.ancestor_id FROM memberships m JOIN org_closure c ON c.descendant_id = m.org_id "
      "  WHERE m.person_id = ?1 AND m.since <= ?3 AND (m.until IS NULL OR m.until >= ?2)) ORDER BY r.id");
  s.bind(1, person_id).bind(2, from).bind(3, to);
  return read_sets(s);
}

std::int64_t SqliteComplianceQueries::change_mark() {
  auto s = c_.prepare("SELECT coalesce(max(id), 0) FROM audit_log");
  s.step();
  return s.int64(0);
}

service::TouchedFacts SqliteComplianceQueries::touched(std::int64_t after, std::int64_t upto) {
  service::TouchedFacts out;
  std::set<Id> people;
  std::set<Id> orgs;
  std::set<Id> activities;
  std::set<Id> activity_orgs;
  {
    // The trail keeps each row before and after; the person and org a row belonged to are in them, and
    // `org_id` holds the org of the row (an activity's org for marks, speakers and invitees).
    auto s = c_.prepare(
        "SELECT table_name, row_id, org_id, json_extract(before, '$.person_id'), json_extract(after, '$.person_id'), "
        "json_extract(before, '$.org_id') FROM audit_log WHERE id > ?1 AND id <= ?2");
    s.bind(1, after).bind(2, upto);
    while (s.step()) {
      const std::string table = s.text(0);
      auto add_person = [&] {
        if (!s.is_null(3)) people.insert(s.int64(3));
        if (!s.is_null(4)) people.insert(s.int64(4));
      };
      auto add_org = [&] {
        if (!s.is_null(2)) orgs.insert(s.int64(2));
        if (!s.is_null(5)) orgs.insert(s.int64(5));
      };
      if (table == "attendance" || table == "activity_invitees" || table == "activity_speakers") {
        add_person();
        add_org();
      } else if (table == "archive_entries") {
        add_person();
      } else if (table == "activities") {
        if (!s.is_null(1)) activities.insert(s.int64(1));
        for (const int c : {2, 5}) {
          if (!s.is_null(c)) activity_orgs.insert(s.int64(c));
        }
        add_org();
      } else if (table == "memberships") {
        add_person();
        add_org();
        out.subjects = true;
      } else if (table == "people") {
        if (!s.is_null(1)) people.insert(s.int64(1));
        out.subjects = true;
      } else if (table == "orgs" || table == "requirement_sets") {
        // A set's id may be handed out again after it is deleted, so lists kept under it must go too.
        out.subjects = true;
      }
    }
  }
  if (!activities.empty()) {
    // A changed activity is in the facts of everyone who was or is now expected at it or spoke at it: the
    // members of its org before and after (on any day: over-counting only costs a re-read), its invitees
    // and its speakers. Rows removed along with it are in the trail themselves.
    std::vector<Id> activity_ids(activities.begin(), activities.end());
    std::vector<Id> org_ids(activity_orgs.begin(), activity_orgs.end());
    auto s = c_.prepare(
        "SELECT person_id FROM memberships WHERE org_id IN (SELECT value FROM json_each(?2)) "
        "UNION SELECT person_id FROM activity_invitees WHERE activity_id IN (SELECT value FROM json_each(?1)) "
        "UNION SELECT person_id FROM activity_speakers WHERE activity_id IN (SELECT value FROM json_each(?1))");
    s.bind(1, id_array(activity_ids)).bind(2, id_array(org_ids));
    while (s.step()) people.insert(s.int64(0));
  }
  out.people.assign(people.begin(), people.end());
  out.orgs.assign(orgs.begin(), orgs.end());
  return out;
}

std::vector<service::BoundPerson> SqliteComplianceQueries::bound_people(Id root, const core::SubjectFilter& subject,
                                                                        core::DateSpan year,
                                                                        std::optional<Id> person_id) {
  // One person: start from their memberships. Everyone: from the subtree's memberships.
  auto s = person_id ? c_.prepare(BOUND_SELECT "FROM memberships m JOIN orgs o ON o.id = m.org_id "
                                               "JOIN people p ON p.id = m.person_id WHERE m.person_id = ?10 "
                                               // One lookup per membership, not a read of the whole subtree.
                                               "AND EXISTS (SELECT 1 FROM org_closure c WHERE c.ancestor_id = ?1 "
                                               "AND c.descendant_id = m.org_id) AND " BOUND_MEMBERSHIP "GROUP BY p.id")
                     : c_.prepare(BOUND_SELECT "FROM org_closure c JOIN memberships m ON m.org_id = c.descendant_id "
                                               "JOIN orgs o ON o.id = m.org_id JOIN people p ON p.id = m.person_id "
                                               "WHERE c.ancestor_id = ?1 AND " BOUND_MEMBERSHIP
                                               "GROUP BY p.id ORDER BY p.id");
  s.bind(1, root).bind(2, year.from).bind(3, year.to);
  s.bind(4, code_array(subject.org_kinds)).bind(5, code_array(subject.member_roles));
  s.bind(6, levels_at_least(subject.cadre_level_at_least)).bind(7, subject.party_member);
  s.bind(8, subject.born_on_or_after).bind(9, subject.born_on_or_before);
  if (person_id) s.bind(10, *person_id);
  std::vector<service::BoundPerson> out;
  while (s.step()) {
    service::BoundPerson b;
    b.person_id = s.int64(0);
    b.name = s.text(1);
    const Date first = s.date(2);
    const auto last = core::Date::parse(s.text(3));
    b.bound = {std::max(first, year.from), last ? std::min(*last, year.to) : year.to};
    out.push_back(std::move(b));
  }
  return out;
}

std::vector<service::BoundOrg> SqliteComplianceQueries::bound_orgs(Id set_org, Id root, const core::SubjectFilter& subject) {
  const bool self = subject.orgs != core::OrgScope::kDescendants;
  const bool below = subject.orgs != core::OrgScope::kSelf;
  auto s = c_.prepare(
      "SELECT o.id, o.name FROM org_closure c JOIN orgs o ON o.id = c.descendant_id "
      "WHERE c.ancestor_id = ?1 AND ((?3 AND o.id = ?2) OR (?4 AND o.id <> ?2)) "
      "AND (?5 IS NULL OR o.kind IN (SELECT value FROM json_each(?5))) ORDER BY o.id");
  s.bind(1, root).bind(2, set_org).bind(3, self).bind(4, below).bind(5, code_array(subject.org_kinds));
  std::vector<service::BoundOrg> out;
  while (s.step()) out.push_back({s.int64(0), s.text(1)});
  return out;
}

std::map<Id, core::PersonFacts> SqliteComplianceQueries::person_facts(const std::vector<Id>& people, core::DateSpan year) {
  std::map<Id, core::PersonFacts> out;
  if (people.empty()) return out;
  const std::string ids = id_array(people);
  {
    // Expected: a member of the activity's org on its first day, or invited; with the mark, if any.
    auto s = c_.prepare(
        "SELECT m.person_id, a.id, a.kind, a.starts_on, a.ends_on, a.credit_hours, t.status "
        "FROM json_each(?1) x JOIN memberships m ON m.person_id = x.value "
        "JOIN activities a ON " MEMBER_ON_FIRST_DAY " AND a.starts_on >= ?2 AND a.starts_on <= ?3 "
        "LEFT JOIN attendance t ON t.activity_id = a.id AND t.person_id = m.person_id "
        "UNION SELECT i.person_id, a.id, a.kind, a.starts_on, a.ends_on, a.credit_hours, t.status "
        "FROM json_each(?1) x JOIN activity_invitees i ON i.person_id = x.value "
        "JOIN activities a ON a.id = i.activity_id AND a.starts_on >= ?2 AND a.starts_on <= ?3 "
        "LEFT JOIN attendance t ON t.activity_id = a.id AND t.person_id = i.person_id "
        "ORDER BY 1, 4, 2");
    s.bind(1, ids).bind(2, year.from).bind(3, year.to);
    while (s.step()) {
      out[s.int64(0)].expected.push_back({s.int64(1), enum_column<core::ActivityKind>(s, 2), s.date(3), s.date(4),
                                          s.real(5), optional_enum_column<core::AttendanceStatus>(s, 6)});
    }
  }
  {
    auto s = c_.prepare(
        "SELECT DISTINCT sp.person_id, a.id, a.kind, a.starts_on FROM json_each(?1) x "
        "JOIN activity_speakers sp ON sp.person_id = x.value JOIN activities a ON a.id = sp.activity_id "
        "WHERE a.starts_on >= ?2 AND a.starts_on <= ?3 ORDER BY 1, 4, 2");
    s.bind(1, ids).bind(2, year.from).bind(3, year.to);
    while (s.step()) out[s.int64(0)].spoken.push_back({s.int64(1), enum_column<core::ActivityKind>(s, 2), s.date(3)});
  }
  {
    // A year past the end too: an absence in December may be made up in January.
    auto s = c_.prepare(
        "SELECT e.person_id, e.id, e.kind, e.date, e.credit_hours, e.review_status = 'verified', e.activity_id "
        "FROM json_each(?1) x JOIN archive_entries e ON e.person_id = x.value AND e.date >= ?2 AND e.date <= ?3 "
        "ORDER BY 1, 4, 2");
    s.bind(1, ids).bind(2, year.from).bind(3, year.to.add_days(366));
    while (s.step()) {
      core::EntryFact e;
      e.entry_id = s.int64(1);
      e.kind = enum_column<core::ArchiveKind>(s, 2);
      e.date = s.date(3);
      e.credit_hours = s.real(4);
      e.verified = !s.is_null(5) && s.int64(5) != 0;
      e.activity_id = s.optional_int64(6);
      out[s.int64(0)].entries.push_back(e);
    }
  }
  return out;
}

std::map<Id, core::OrgFacts> SqliteComplianceQueries::org_facts(const std::vector<Id>& orgs, core::DateSpan year) {
  std::map<Id, core::OrgFacts> out;
  if (orgs.empty()) return out;
  auto s = c_.prepare(
      "WITH held AS (SELECT a.id, a.org_id, a.kind, a.starts_on, a.ends_on, a.credit_hours FROM json_each(?1) x "
      "  JOIN activities a ON a.org_id = x.value AND a.starts_on >= ?2 AND a.starts_on <= ?3), "
      "audience (activity_id, person_id) AS ("
      "  SELECT a.id, m.person_id FROM held a JOIN memberships m ON " MEMBER_ON_FIRST_DAY
      "  UNION SELECT a.id, i.person_id FROM held a JOIN activity_invitees i ON i.activity_id = a.id), "
      "counted AS (SELECT x.activity_id, count(*) AS expected, "
      "  count(CASE WHEN t.status IN ('present', 'late') THEN 1 END) AS attended FROM audience x "
      "  LEFT JOIN attendance t ON t.activity_id = x.activity_id AND t.person_id = x.person_id GROUP BY x.activity_id) "
      "SELECT h.org_id, h.id, h.kind, h.starts_on, h.ends_on, coalesce(n.expected, 0), coalesce(n.attended, 0), "
      "h.credit_hours "
      "FROM held h LEFT JOIN counted n ON n.activity_id = h.id ORDER BY h.org_id, h.starts_on, h.id");
  s.bind(1, id_array(orgs)).bind(2, year.from).bind(3, year.to);
  while (s.step()) {
    out[s.int64(0)].activities.push_back({s.int64(1), enum_column<core::ActivityKind>(s, 2), s.date(3), s.date(4),
                                          s.int64(5), s.int64(6), s.real(7)});
  }
  return out;
}

}  // namespace xuefeng::store::sqlite
