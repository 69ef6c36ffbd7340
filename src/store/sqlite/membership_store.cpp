#include "store/sqlite/columns.hpp"
#include "store/sqlite/repositories.hpp"

namespace xuefeng::store::sqlite {
namespace {

#define MEMBERSHIP_COLUMNS "m.id, m.org_id, m.person_id, m.role, m.since, m.until, m.version"

core::Membership read_membership(const Statement& s) {
  core::Membership m;
  m.id = s.int64(0);
  m.org_id = s.int64(1);
  m.person_id = s.int64(2);
  m.role = enum_column<core::MemberRole>(s, 3);
  m.since = s.date(4);
  m.until = s.optional_date(5);
  m.version = s.int64(6);
  return m;
}

/// Rows of MEMBERSHIP_COLUMNS followed by a name: the member's (MemberView) or the org's (PersonMembership).
template <typename Named>
std::vector<Named> read_named(Statement& s) {
  std::vector<Named> out;
  while (s.step()) out.push_back({read_membership(s), s.text(7)});
  return out;
}

std::vector<Id> read_ids(Statement& s) {
  std::vector<Id> ids;
  while (s.step()) ids.push_back(s.int64(0));
  return ids;
}

}  // namespace

Id SqliteMembershipRepository::insert(const core::Membership& m) {
  auto s = c_.prepare(
      "INSERT INTO memberships (org_id, person_id, role, since, until, version) VALUES (?, ?, ?, ?, ?, 1)");
  s.bind(1, m.org_id).bind(2, m.person_id).bind(3, core::code(m.role)).bind(4, m.since).bind(5, m.until).run();
  return c_.last_insert_id();
}

void SqliteMembershipRepository::update(const core::Membership& m) {
  auto s = c_.prepare("UPDATE memberships SET role = ?, since = ?, until = ?, version = version + 1 WHERE id = ?");
  s.bind(1, core::code(m.role)).bind(2, m.since).bind(3, m.until).bind(4, m.id).run();
}

void SqliteMembershipRepository::remove(Id membership_id) {
  auto s = c_.prepare("DELETE FROM memberships WHERE id = ?");
  s.bind(1, membership_id).run();
}

std::vector<core::Membership> SqliteMembershipRepository::of_person_in_org(Id org_id, Id person_id) {
  auto s = c_.prepare("SELECT " MEMBERSHIP_COLUMNS " FROM memberships m WHERE m.person_id = ? AND m.org_id = ? "
                      "ORDER BY m.since");
  s.bind(1, person_id).bind(2, org_id);
  std::vector<core::Membership> out;
  while (s.step()) out.push_back(read_membership(s));
  return out;
}

std::vector<service::MemberView> SqliteMembershipRepository::list(Id org_id, std::optional<Date> on,
                                                                  const PageRequest& page) {
  const Id after = page.after ? page.after->id : 0;
  if (on) {
    auto s = c_.prepare("SELECT " MEMBERSHIP_COLUMNS ", p.name FROM memberships m JOIN people p ON p.id = m.person_id "
                        "WHERE m.org_id = ?1 AND m.since <= ?2 AND (m.until IS NULL OR m.until >= ?2) AND m.id > ?3 "
                        "ORDER BY m.id LIMIT ?4");
    s.bind(1, org_id).bind(2, *on).bind(3, after).bind(4, page.limit + 1);
    return read_named<service::MemberView>(s);
  }
  auto s = c_.prepare("SELECT " MEMBERSHIP_COLUMNS ", p.name FROM memberships m JOIN people p ON p.id = m.person_id "
                      "WHERE m.org_id = ?1 AND m.id > ?2 ORDER BY m.id LIMIT ?3");
  s.bind(1, org_id).bind(2, after).bind(3, page.limit + 1);
  return read_named<service::MemberView>(s);
}

std::vector<Id> SqliteMembershipRepository::members_on(Id org_id, Date day) {
  auto s = c_.prepare("SELECT DISTINCT m.person_id FROM memberships m WHERE m.org_id = ?1 AND m.since <= ?2 "
                      "AND (m.until IS NULL OR m.until >= ?2) ORDER BY m.person_id");
  s.bind(1, org_id).bind(2, day);
  return read_ids(s);
}

std::vector<Id> SqliteMembershipRepository::orgs_of_person(Id person_id, Date day) {
  auto s = c_.prepare("SELECT DISTINCT m.org_id FROM memberships m WHERE m.person_id = ?1 AND m.since <= ?2 "
                      "AND (m.until IS NULL OR m.until >= ?2) ORDER BY m.org_id");
  s.bind(1, person_id).bind(2, day);
  return read_ids(s);
}

std::vector<service::MemberView> SqliteMembershipRepository::in_subtree_during(Id root, Date from, Date to) {
  auto s = c_.prepare("SELECT " MEMBERSHIP_COLUMNS ", p.name FROM org_closure c "
                      "JOIN memberships m ON m.org_id = c.descendant_id JOIN people p ON p.id = m.person_id "
                      "WHERE c.ancestor_id = ?1 AND m.since <= ?3 AND (m.until IS NULL OR m.until >= ?2) ORDER BY m.id");
  s.bind(1, root).bind(2, from).bind(3, to);
  return read_named<service::MemberView>(s);
}

std::vector<service::PersonMembership> SqliteMembershipRepository::of_person_during(Id person_id, Date from, Date to) {
  auto s = c_.prepare("SELECT " MEMBERSHIP_COLUMNS ", o.name FROM memberships m JOIN orgs o ON o.id = m.org_id "
                      "WHERE m.person_id = ?1 AND m.since <= ?3 AND (m.until IS NULL OR m.until >= ?2) "
                      "ORDER BY m.since, m.id");
  s.bind(1, person_id).bind(2, from).bind(3, to);
  return read_named<service::PersonMembership>(s);
}

}  // namespace xuefeng::store::sqlite
