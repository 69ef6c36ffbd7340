#pragma once

#include <string>

#include "core/model.hpp"
#include "service/repositories.hpp"
#include "core/vocabulary.hpp"
#include "store/sqlite/connection.hpp"

namespace xuefeng::store::sqlite {

/// Reads a glossary code stored in a column; the schema's CHECK constraints make anything else a
/// corrupt file, which is an error, not a value.
template <typename E>
E enum_column(const Statement& s, int column) {
  const std::string text = s.text(column);
  const auto value = core::parse_code<E>(text);
  if (!value) throw SqliteError(0, "unknown code '" + text + "' in the database");
  return *value;
}

template <typename E>
std::optional<E> optional_enum_column(const Statement& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return enum_column<E>(s, column);
}

template <typename E>
std::optional<std::string_view> optional_code(const std::optional<E>& value) {
  if (!value) return std::nullopt;
  return core::code(*value);
}

// Activity rows: the columns every activity query selects (aliased `a`), in the order read_activity reads.
#define ACTIVITY_COLUMNS                                                                                       \
  "a.id, a.org_id, a.plan_id, a.topic_id, a.kind, a.title, a.starts_on, a.ends_on, a.starts_at, a.ends_at, " \
  "a.location, a.host_id, a.credit_hours, a.series_id, a.version, a.created_at, a.updated_at"
inline constexpr int kActivityColumnCount = 17;

// The domain's audience rule in SQL, written once: a person is expected at activity `a` if they belonged
// to its org on its first day (membership `m`), or were invited. `person` is a parameter such as "?2".
#define MEMBER_ON_FIRST_DAY "m.org_id = a.org_id AND m.since <= a.starts_on AND (m.until IS NULL OR m.until >= a.starts_on)"
#define EXPECTS_PERSON(person)                                                                         \
  "(EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = " person " AND " MEMBER_ON_FIRST_DAY ") " \
  "OR EXISTS (SELECT 1 FROM activity_invitees i WHERE i.activity_id = a.id AND i.person_id = " person "))"
// Expected, or taking part otherwise: hosting or speaking.
#define INVOLVES_PERSON(person)                                                                          \
  "(" EXPECTS_PERSON(person) " OR a.host_id = " person " "                                              \
  "OR EXISTS (SELECT 1 FROM activity_speakers s WHERE s.activity_id = a.id AND s.person_id = " person "))"

// Visibility (service::Visibility) in SQL. `all` is a parameter bound to 1 when everything is visible;
// `roots` a parameter bound to a JSON array of the orgs whose subtrees are visible.
#define IN_SUBTREES(org, roots) \
  org " IN (SELECT descendant_id FROM org_closure WHERE ancestor_id IN (SELECT value FROM json_each(" roots ")))"
// Person `p`: kept by an org in the subtrees, or a member there (now or once).
#define PERSON_IN_SUBTREES(roots)                                                           \
  "(" IN_SUBTREES("p.org_id", roots) " OR EXISTS (SELECT 1 FROM memberships sm WHERE sm.person_id = p.id AND " \
  IN_SUBTREES("sm.org_id", roots) "))"
// Org column `org` is one that person `person` belongs to on `day`.
#define MEMBER_OF(org, person, day)                                                              \
  "EXISTS (SELECT 1 FROM memberships vm WHERE vm.org_id = " org " AND vm.person_id = " person " " \
  "AND vm.since <= " day " AND (vm.until IS NULL OR vm.until >= " day "))"

/// Binds a Visibility to three parameters: everything, roots (a JSON array) and the person.
void bind_visibility(Statement& s, int all, int roots, int person, const service::Visibility& v);

/// The activity in ACTIVITY_COLUMNS at the front of a row (without speakers and invitees).
core::Activity read_activity(const Statement& s);

}  // namespace xuefeng::store::sqlite
