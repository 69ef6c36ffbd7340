#include <map>

#include "store/sqlite/columns.hpp"
#include "store/sqlite/repositories.hpp"

namespace xuefeng::store::sqlite {
namespace {

core::Account read_account(const Statement& s) {
  core::Account a;
  a.id = s.int64(0);
  a.login = s.text(1);
  a.person_id = s.optional_int64(2);
  a.version = s.int64(3);
  a.created_at = s.timestamp(4);
  return a;
}

}  // namespace

void SqliteAccountRepository::load_grants(std::vector<core::Account>& accounts) {
  if (accounts.empty()) return;
  std::vector<Id> ids;
  std::map<Id, core::Account*> by_id;
  for (auto& a : accounts) {
    ids.push_back(a.id);
    by_id[a.id] = &a;
  }
  auto s = c_.prepare("SELECT account_id, role, org_id FROM account_grants "
                      "WHERE account_id IN (SELECT value FROM json_each(?)) ORDER BY account_id, id");
  s.bind(1, id_array(ids));
  while (s.step()) {
    by_id[s.int64(0)]->grants.push_back({enum_column<core::AccountRole>(s, 1), s.optional_int64(2)});
  }
}

std::optional<service::StoredAccount> SqliteAccountRepository::find_by_login(const std::string& login) {
  std::vector<core::Account> found;
  std::string hash;
  {
    auto s = c_.prepare("SELECT id, login, person_id, version, created_at, password_hash FROM accounts WHERE login = ?");
    s.bind(1, login);
    if (s.step()) {
      found.push_back(read_account(s));
      hash = s.text(5);
    }
  }
  if (found.empty()) return std::nullopt;
  load_grants(found);
  return service::StoredAccount{std::move(found.front()), std::move(hash)};
}

std::optional<core::Account> SqliteAccountRepository::find(Id id) {
  std::vector<core::Account> found;
  {
    auto s = c_.prepare("SELECT id, login, person_id, version, created_at FROM accounts WHERE id = ?");
    s.bind(1, id);
    if (s.step()) found.push_back(read_account(s));
  }
  if (found.empty()) return std::nullopt;
  load_grants(found);
  return std::move(found.front());
}

Id SqliteAccountRepository::insert(const core::Account& account, const std::string& password_hash) {
  {
    auto s = c_.prepare(
        "INSERT INTO accounts (login, password_hash, person_id, version, created_at) VALUES (?, ?, ?, 1, ?)");
    s.bind(1, account.login).bind(2, password_hash).bind(3, account.person_id).bind(4, account.created_at).run();
  }
  const Id id = c_.last_insert_id();
  for (const auto& grant : account.grants) add_grant(id, grant);
  return id;
}

std::vector<core::Account> SqliteAccountRepository::list(const service::Visibility& visible, const PageRequest& page) {
  std::vector<core::Account> out;
  {
    // Visible: everything (?2), or whose person or one of whose grants lies in the subtrees (?3).
    auto s = c_.prepare(
        "SELECT a.id, a.login, a.person_id, a.version, a.created_at FROM accounts a WHERE a.id > ?1 AND (?2 "
        "OR EXISTS (SELECT 1 FROM people p WHERE p.id = a.person_id AND " PERSON_IN_SUBTREES("?3") ") "
        "OR EXISTS (SELECT 1 FROM account_grants g WHERE g.account_id = a.id AND " IN_SUBTREES("g.org_id", "?3") ")) "
        "ORDER BY a.id LIMIT ?4");
    s.bind(1, page.after ? page.after->id : 0).bind(2, visible.everything).bind(3, id_array(visible.roots));
    s.bind(4, page.limit + 1);
    while (s.step()) out.push_back(read_account(s));
  }
  load_grants(out);
  return out;
}

bool SqliteAccountRepository::add_grant(Id account_id, const core::Grant& grant) {
  auto s = c_.prepare("INSERT OR IGNORE INTO account_grants (account_id, role, org_id) VALUES (?, ?, ?)");
  s.bind(1, account_id).bind(2, core::code(grant.role)).bind(3, grant.org_id).run();
  return c_.changes() > 0;
}

bool SqliteAccountRepository::remove_grant(Id account_id, const core::Grant& grant) {
  auto s = c_.prepare("DELETE FROM account_grants WHERE account_id = ? AND role = ? AND ifnull(org_id, 0) = ?");
  s.bind(1, account_id).bind(2, core::code(grant.role)).bind(3, grant.org_id.value_or(0)).run();
  return c_.changes() > 0;
}

void SqliteAccountRepository::set_password(Id account_id, const std::string& password_hash) {
  auto s = c_.prepare("UPDATE accounts SET password_hash = ?, version = version + 1 WHERE id = ?");
  s.bind(1, password_hash).bind(2, account_id).run();
}

std::string SqliteAccountRepository::password_hash(Id account_id) {
  auto s = c_.prepare("SELECT password_hash FROM accounts WHERE id = ?");
  s.bind(1, account_id);
  return s.step() ? s.text(0) : std::string();
}

std::int64_t SqliteAccountRepository::count_with_role(core::AccountRole role) {
  auto s = c_.prepare("SELECT count(DISTINCT account_id) FROM account_grants WHERE role = ?");
  s.bind(1, core::code(role));
  return s.step() ? s.int64(0) : 0;
}

void SqliteAccountRepository::insert_session(const std::string& token_hash, const service::StoredSession& session) {
  auto s = c_.prepare("INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, expires_at) "
                      "VALUES (?, ?, ?, ?, ?)");
  s.bind(1, token_hash).bind(2, session.account_id).bind(3, session.created_at).bind(4, session.last_seen_at);
  s.bind(5, session.expires_at).run();
}

std::optional<service::StoredSession> SqliteAccountRepository::find_session(const std::string& token_hash) {
  auto s = c_.prepare("SELECT account_id, created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = ?");
  s.bind(1, token_hash);
  if (!s.step()) return std::nullopt;
  return service::StoredSession{s.int64(0), s.timestamp(1), s.timestamp(2), s.timestamp(3)};
}

void SqliteAccountRepository::touch_session(const std::string& token_hash, Timestamp at) {
  auto s = c_.prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?");
  s.bind(1, at).bind(2, token_hash).run();
}

void SqliteAccountRepository::remove_session(const std::string& token_hash) {
  auto s = c_.prepare("DELETE FROM sessions WHERE token_hash = ?");
  s.bind(1, token_hash).run();
}

void SqliteAccountRepository::remove_sessions(Id account_id, const std::string& keep) {
  auto s = c_.prepare("DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?");
  s.bind(1, account_id).bind(2, keep).run();
}

void SqliteAccountRepository::remove_expired_sessions(Timestamp now, Timestamp idle_before) {
  {
    auto s = c_.prepare("DELETE FROM sessions WHERE expires_at <= ?");
    s.bind(1, now).run();
  }
  auto s = c_.prepare("DELETE FROM sessions WHERE last_seen_at < ?");
  s.bind(1, idle_before).run();
}

}  // namespace xuefeng::store::sqlite
