#include "store/sqlite/columns.hpp"
#include "store/sqlite/repositories.hpp"

namespace xuefeng::store::sqlite {
namespace {

#define ORG_COLUMNS "o.id, o.name, o.kind, o.parent_id, o.version, o.created_at, o.updated_at"

core::Org read_org(const Statement& s) {
  core::Org o;
  o.id = s.int64(0);
  o.name = s.text(1);
  o.kind = enum_column<core::OrgKind>(s, 2);
  o.parent_id = s.optional_int64(3);
  o.version = s.int64(4);
  o.created_at = s.timestamp(5);
  o.updated_at = s.timestamp(6);
  return o;
}

std::vector<core::Org> read_orgs(Statement& s) {
  std::vector<core::Org> out;
  while (s.step()) out.push_back(read_org(s));
  return out;
}

}  // namespace

void bind_visibility(Statement& s, int all, int roots, int person, const service::Visibility& v) {
  s.bind(all, v.everything).bind(roots, id_array(v.roots)).bind(person, v.person_id);
}

std::string id_array(const std::vector<Id>& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  out += ']';
  return out;
}

std::optional<core::Org> SqliteOrgRepository::find(Id id) {
  auto s = c_.prepare("SELECT " ORG_COLUMNS " FROM orgs o WHERE o.id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_org(s);
}

std::vector<core::Org> SqliteOrgRepository::find_many(const std::vector<Id>& ids) {
  auto s = c_.prepare("SELECT " ORG_COLUMNS " FROM orgs o WHERE o.id IN (SELECT value FROM json_each(?))");
  s.bind(1, id_array(ids));
  return read_orgs(s);
}

Id SqliteOrgRepository::insert(const core::Org& org) {
  {
    auto s = c_.prepare(
        "INSERT INTO orgs (name, kind, parent_id, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)");
    s.bind(1, org.name).bind(2, core::code(org.kind)).bind(3, org.parent_id).bind(4, org.created_at);
    s.bind(5, org.updated_at).run();
  }
  const Id id = c_.last_insert_id();
  auto closure = c_.prepare(
      "INSERT INTO org_closure (ancestor_id, descendant_id, depth) "
      "SELECT ancestor_id, ?1, depth + 1 FROM org_closure WHERE descendant_id = ?2 "
      "UNION ALL SELECT ?1, ?1, 0");
  closure.bind(1, id).bind(2, org.parent_id.value_or(0)).run();
  return id;
}

void SqliteOrgRepository::update(const core::Org& org) {
  auto s = c_.prepare("UPDATE orgs SET name = ?, kind = ?, updated_at = ?, version = version + 1 WHERE id = ?");
  s.bind(1, org.name).bind(2, core::code(org.kind)).bind(3, org.updated_at).bind(4, org.id).run();
}

void SqliteOrgRepository::move(Id id, std::optional<Id> new_parent_id, Timestamp at) {
  // Cut the subtree from its old ancestors, then graft it under every ancestor of the new parent.
  {
    auto cut = c_.prepare(
        "DELETE FROM org_closure "
        "WHERE descendant_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = ?1) "
        "AND ancestor_id IN (SELECT ancestor_id FROM org_closure WHERE descendant_id = ?1 AND ancestor_id <> ?1)");
    cut.bind(1, id).run();
  }
  if (new_parent_id) {
    auto graft = c_.prepare(
        "INSERT INTO org_closure (ancestor_id, descendant_id, depth) "
        "SELECT above.ancestor_id, below.descendant_id, above.depth + below.depth + 1 "
        "FROM org_closure above, org_closure below WHERE above.descendant_id = ?1 AND below.ancestor_id = ?2");
    graft.bind(1, *new_parent_id).bind(2, id).run();
  }
  auto s = c_.prepare("UPDATE orgs SET parent_id = ?, updated_at = ? WHERE id = ?");
  s.bind(1, new_parent_id).bind(2, at).bind(3, id).run();
}

void SqliteOrgRepository::remove(Id id) {
  auto s = c_.prepare("DELETE FROM orgs WHERE id = ?");
  s.bind(1, id).run();
}

// Visible: everything (?3), in the visible subtrees (?4), or one the person (?5) belongs to today (?6).
#define ORG_VISIBLE \
  " AND (?3 OR " IN_SUBTREES("o.id", "?4") " OR " MEMBER_OF("o.id", "?5", "?6") ")"

std::vector<core::Org> SqliteOrgRepository::list(std::optional<Id> parent_id, const service::Visibility& visible,
                                                 const PageRequest& page) {
  const Id after = page.after ? page.after->id : 0;
  auto bind_rest = [&](Statement& s) {
    bind_visibility(s, 3, 4, 5, visible);
    s.bind(6, visible.today).bind(7, page.limit + 1);
  };
  if (parent_id) {
    auto s = c_.prepare("SELECT " ORG_COLUMNS " FROM orgs o WHERE o.parent_id = ?1 AND o.id > ?2" ORG_VISIBLE
                        " ORDER BY o.id LIMIT ?7");
    s.bind(1, *parent_id).bind(2, after);
    bind_rest(s);
    return read_orgs(s);
  }
  auto s = c_.prepare("SELECT " ORG_COLUMNS " FROM orgs o WHERE o.id > ?2" ORG_VISIBLE " ORDER BY o.id LIMIT ?7");
  s.bind(2, after);
  bind_rest(s);
  return read_orgs(s);
}

std::vector<Id> SqliteOrgRepository::ancestors(Id id) {
  auto s = c_.prepare("SELECT ancestor_id FROM org_closure WHERE descendant_id = ? ORDER BY depth");
  s.bind(1, id);
  std::vector<Id> out;
  while (s.step()) out.push_back(s.int64(0));
  return out;
}

std::vector<core::Org> SqliteOrgRepository::subtree(Id root) {
  auto s = c_.prepare("SELECT " ORG_COLUMNS " FROM org_closure c JOIN orgs o ON o.id = c.descendant_id "
                      "WHERE c.ancestor_id = ? ORDER BY c.depth, o.id");
  s.bind(1, root);
  return read_orgs(s);
}

std::vector<core::Org> SqliteOrgRepository::children(Id parent_id) {
  auto s = c_.prepare("SELECT " ORG_COLUMNS " FROM orgs o WHERE o.parent_id = ? ORDER BY o.id");
  s.bind(1, parent_id);
  return read_orgs(s);
}

bool SqliteOrgRepository::in_subtree(Id root, Id node) {
  auto s = c_.prepare("SELECT 1 FROM org_closure WHERE ancestor_id = ? AND descendant_id = ?");
  s.bind(1, root).bind(2, node);
  return s.step();
}

service::Usage SqliteOrgRepository::usage(Id id) {
  auto s = c_.prepare(
      "SELECT (SELECT count(*) FROM orgs WHERE parent_id = ?1), (SELECT count(*) FROM memberships WHERE org_id = ?1), "
      "(SELECT count(*) FROM plans WHERE org_id = ?1), (SELECT count(*) FROM activities WHERE org_id = ?1), "
      "(SELECT count(*) FROM account_grants WHERE org_id = ?1), "
      "(SELECT count(*) FROM requirement_sets WHERE org_id = ?1)");
  s.bind(1, id);
  service::Usage u;
  if (s.step()) {
    u.children = s.int64(0);
    u.memberships = s.int64(1);
    u.plans = s.int64(2);
    u.activities = s.int64(3);
    u.accounts = s.int64(4);
    u.requirement_sets = s.int64(5);
  }
  return u;
}

}  // namespace xuefeng::store::sqlite
