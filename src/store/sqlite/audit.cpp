#include "store/sqlite/audit.hpp"

#include <sodium.h>
#include <sqlite3.h>

#include <cstring>
#include <string_view>
#include <vector>

namespace xuefeng::store::sqlite {
namespace {

struct AuditedTable {
  const char* name;
  /// The row's id in the trail; `{row}` stands for NEW or OLD. Tables keyed by an activity use its id.
  const char* row_id;
  /// The org the row belongs to, for reading the trail by subtree.
  const char* org_id;
  bool updates = true;
};

constexpr const char* kByActivity = "(SELECT org_id FROM activities WHERE id = {row}.activity_id)";

constexpr AuditedTable kAuditedTables[] = {
    {"orgs", "{row}.id", "{row}.id"},
    {"people", "{row}.id", "{row}.org_id"},
    {"memberships", "{row}.id", "{row}.org_id"},
    {"plans", "{row}.id", "{row}.org_id"},
    {"topics", "{row}.id", "(SELECT org_id FROM plans WHERE id = {row}.plan_id)"},
    {"activities", "{row}.id", "{row}.org_id"},
    {"activity_speakers", "{row}.activity_id", kByActivity},
    {"activity_invitees", "{row}.activity_id", kByActivity},
    {"attendance", "{row}.activity_id", kByActivity},
    {"leave_requests", "{row}.activity_id", kByActivity},
    {"archive_entries", "{row}.id", "(SELECT org_id FROM people WHERE id = {row}.person_id)"},
    {"archive_reviews", "{row}.id",
     "(SELECT p.org_id FROM archive_entries e JOIN people p ON p.id = e.person_id WHERE e.id = {row}.entry_id)"},
    {"accounts", "{row}.id", "(SELECT org_id FROM people WHERE id = {row}.person_id)"},
    {"account_grants", "{row}.account_id", "{row}.org_id"},
    {"requirement_sets", "{row}.id", "{row}.org_id"},
    // Logins and logouts, not the once-a-minute "last seen" touches.
    {"sessions", "{row}.account_id",
     "(SELECT p.org_id FROM accounts a JOIN people p ON p.id = a.person_id WHERE a.id = {row}.account_id)", false},
};

// Never copied into the trail: a trail must not become a second place to steal credentials from.
constexpr std::string_view kSecretColumns[] = {"password_hash", "token_hash", "check_in_secret"};

std::string replace_row(std::string text, std::string_view row) {
  for (std::size_t pos; (pos = text.find("{row}")) != std::string::npos;) text.replace(pos, 5, row);
  return text;
}

std::string hex_sha256(const unsigned char* data, std::size_t size) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, data, size);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

void sha256_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* text = sqlite3_value_text(argv[0]);
  const int size = sqlite3_value_bytes(argv[0]);
  const std::string hex = hex_sha256(text ? text : reinterpret_cast<const unsigned char*>(""), static_cast<std::size_t>(size));
  sqlite3_result_text(ctx, hex.c_str(), static_cast<int>(hex.size()), SQLITE_TRANSIENT);
}

void audit_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* context = static_cast<const AuditContext*>(sqlite3_user_data(ctx));
  const auto& c = context->get();
  const std::string_view field(reinterpret_cast<const char*>(sqlite3_value_text(argv[0])));
  auto text = [&](const std::string& s) { sqlite3_result_text(ctx, s.c_str(), static_cast<int>(s.size()), SQLITE_TRANSIENT); };
  if (c.use_case.empty()) {
    // A write with no context would leave an anonymous row in the trail: refuse it.
    sqlite3_result_error(ctx, "write without an audit context", -1);
  } else if (field == "at") {
    sqlite3_result_int64(ctx, c.at.micros());
  } else if (field == "account_id") {
    if (c.account_id == 0) sqlite3_result_null(ctx);
    else sqlite3_result_int64(ctx, c.account_id);
  } else if (field == "login") {
    text(c.login);
  } else if (field == "address") {
    text(c.address);
  } else if (field == "use_case") {
    text(c.use_case);
  } else {
    sqlite3_result_error(ctx, "unknown audit field", -1);
  }
}

std::vector<std::string> columns_of(Connection& c, const char* table) {
  std::vector<std::string> out;
  sqlite3_stmt* stmt = nullptr;
  const std::string sql = std::string("PRAGMA table_info(") + table + ")";
  if (sqlite3_prepare_v2(c.handle(), sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    throw SqliteError(0, "cannot read the columns of " + std::string(table));
  }
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    const std::string name = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1));
    bool secret = false;
    for (const auto s : kSecretColumns) secret = secret || name == s;
    if (!secret) out.push_back(name);
  }
  sqlite3_finalize(stmt);
  if (out.empty()) throw SqliteError(0, "no such table to audit: " + std::string(table));
  return out;
}

std::string json_of_row(const std::vector<std::string>& columns, std::string_view row) {
  std::string out = "json_object(";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) out += ", ";
    out += "'" + columns[i] + "', " + std::string(row) + "." + columns[i];
  }
  return out + ")";
}

std::string trigger_sql(const AuditedTable& t, const std::vector<std::string>& columns, std::string_view operation) {
  const bool insert = operation == "insert";
  const bool remove = operation == "delete";
  const std::string row = remove ? "OLD" : "NEW";
  const std::string event = insert ? "INSERT" : remove ? "DELETE" : "UPDATE";
  const std::string before = insert ? "NULL" : json_of_row(columns, "OLD");
  const std::string after = remove ? "NULL" : json_of_row(columns, "NEW");
  // The json_array must list the same values in the same order as the audit_log_payload view.
  return "CREATE TRIGGER audit_" + std::string(t.name) + "_" + std::string(operation) + " AFTER " + event + " ON " +
         t.name +
         "\nBEGIN\n"
         "  INSERT INTO audit_log (at, account_id, login, address, use_case, table_name, operation, row_id, org_id, "
         "before, after, prev_hash, hash)\n"
         "  SELECT at, account_id, login, address, use_case, table_name, operation, row_id, org_id, before, after, "
         "prev_hash, xuefeng_sha256(json_array(prev_hash, at, account_id, login, address, use_case, table_name, "
         "operation, row_id, org_id, before, after))\n"
         "  FROM (SELECT xuefeng_audit('at') AS at, xuefeng_audit('account_id') AS account_id, "
         "xuefeng_audit('login') AS login, xuefeng_audit('address') AS address, xuefeng_audit('use_case') AS use_case, '" +
         t.name + "' AS table_name, '" + std::string(operation) + "' AS operation, " + replace_row(t.row_id, row) +
         " AS row_id, " + replace_row(t.org_id, row) + " AS org_id, " + before + " AS before, " + after +
         " AS after, coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash);\n"
         "END";
}

}  // namespace

void register_hash_function(Connection& connection) {
  const int rc = sqlite3_create_function_v2(connection.handle(), "xuefeng_sha256", 1,
                                            SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, sha256_function, nullptr,
                                            nullptr, nullptr);
  if (rc != SQLITE_OK) throw SqliteError(rc, "cannot register xuefeng_sha256");
}

void register_audit_functions(Connection& connection, const AuditContext* context) {
  register_hash_function(connection);
  const int rc = sqlite3_create_function_v2(connection.handle(), "xuefeng_audit", 1, SQLITE_UTF8,
                                            const_cast<AuditContext*>(context), audit_function, nullptr, nullptr,
                                            nullptr);
  if (rc != SQLITE_OK) throw SqliteError(rc, "cannot register xuefeng_audit");
}

void install_audit_triggers(Connection& connection) {
  for (const auto& table : kAuditedTables) {
    const auto columns = columns_of(connection, table.name);
    for (const std::string_view operation : {"insert", "update", "delete"}) {
      const std::string name = "audit_" + std::string(table.name) + "_" + std::string(operation);
      const std::string wanted = operation == "update" && !table.updates ? "" : trigger_sql(table, columns, operation);
      std::string existing;
      {
        auto s = connection.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?");
        s.bind(1, name);
        if (s.step()) existing = s.text(0);
      }
      if (existing == wanted) continue;
      connection.exec(("DROP TRIGGER IF EXISTS " + name).c_str());
      if (!wanted.empty()) connection.exec(wanted.c_str());
    }
  }
}

AuditVerification verify_audit_trail(Connection& connection) {
  AuditVerification result;
  std::string previous;
  auto s = connection.prepare(
      "SELECT l.id, l.prev_hash, l.hash, p.payload FROM audit_log l JOIN audit_log_payload p ON p.id = l.id "
      "ORDER BY l.id");
  while (s.step()) {
    ++result.rows;
    const std::int64_t id = s.int64(0);
    const std::string prev_hash = s.text(1);
    const std::string hash = s.text(2);
    const std::string payload = s.text(3);
    if (prev_hash != previous) {
      result.first_broken_id = id;
      result.reason = "its link to the previous row does not match (a row before it was removed or altered)";
      break;
    }
    if (hex_sha256(reinterpret_cast<const unsigned char*>(payload.data()), payload.size()) != hash) {
      result.first_broken_id = id;
      result.reason = "its content does not match its hash (the row was altered)";
      break;
    }
    previous = hash;
  }
  result.head_hash = previous;
  return result;
}

}  // namespace xuefeng::store::sqlite
