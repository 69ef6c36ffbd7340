#include "store/sqlite/columns.hpp"
#include "store/sqlite/repositories.hpp"

namespace xuefeng::store::sqlite {
namespace {

#define AUDIT_COLUMNS                                                                                    \
  "l.id, l.at, l.account_id, l.login, l.address, l.use_case, l.table_name, l.operation, l.row_id, l.org_id, " \
  "coalesce(l.before, ''), coalesce(l.after, ''), l.hash"

// Time window (?5 from, ?6 to exclusive, either may be NULL) and visibility (?3 everything, ?4 subtrees).
#define AUDIT_FILTER                                                                                   \
  " AND (?5 IS NULL OR l.at >= ?5) AND (?6 IS NULL OR l.at < ?6) AND (?3 OR " IN_SUBTREES("l.org_id", "?4") ")" \
  " ORDER BY l.id LIMIT ?7"

service::AuditRecord read_record(const Statement& s) {
  service::AuditRecord r;
  r.id = s.int64(0);
  r.at = s.timestamp(1);
  r.account_id = s.optional_int64(2);
  r.login = s.text(3);
  r.address = s.text(4);
  r.use_case = s.text(5);
  r.table_name = s.text(6);
  r.operation = s.text(7);
  r.row_id = s.optional_int64(8);
  r.org_id = s.optional_int64(9);
  r.before = s.text(10);
  r.after = s.text(11);
  r.hash = s.text(12);
  return r;
}

}  // namespace

std::vector<service::AuditRecord> SqliteAuditRepository::list(const service::AuditQuery& query,
                                                              const service::Visibility& visible,
                                                              const PageRequest& page) {
  std::vector<service::AuditRecord> out;
  auto run = [&](Statement& s) {
    s.bind(1, page.after ? page.after->id : 0).bind(3, visible.everything).bind(4, id_array(visible.roots));
    s.bind(5, query.from).bind(6, query.to).bind(7, page.limit + 1);
    while (s.step()) out.push_back(read_record(s));
  };
  if (query.org_id) {
    // Through the org index: the subtree's orgs, then each one's rows in id order.
    auto s = c_.prepare("SELECT " AUDIT_COLUMNS " FROM audit_log l WHERE l.org_id IN (SELECT descendant_id FROM "
                        "org_closure WHERE ancestor_id = ?2) AND l.id > ?1" AUDIT_FILTER);
    s.bind(2, *query.org_id);
    run(s);
  } else {
    auto s = c_.prepare("SELECT " AUDIT_COLUMNS " FROM audit_log l WHERE l.id > ?1" AUDIT_FILTER);
    run(s);
  }
  return out;
}

}  // namespace xuefeng::store::sqlite
