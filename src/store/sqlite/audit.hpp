#pragma once

#include <cstdint>
#include <string>

#include "service/repositories.hpp"
#include "store/sqlite/connection.hpp"

namespace xuefeng::store::sqlite {

// The audit trail is written by triggers on every audited table, in the same transaction as the change,
// so no use case can forget it. The triggers call two SQL functions registered on the writing connection:
// xuefeng_audit(field) gives the current write's context (who, from where, which use case, when), and
// xuefeng_sha256(text) chains each row to the previous one. Writes from a connection without them (the
// sqlite3 shell) fail, so every change to the data passes through here.

/// The context the writer sets before each write (one per use case in a batch).
class AuditContext {
 public:
  void set(const service::WriteContext& context) { context_ = context; }
  const service::WriteContext& get() const { return context_; }

 private:
  service::WriteContext context_;
};

/// Registers xuefeng_audit() and xuefeng_sha256() on `connection`; `context` must outlive it.
void register_audit_functions(Connection& connection, const AuditContext* context);

/// Registers only xuefeng_sha256(), for connections that verify the trail.
void register_hash_function(Connection& connection);

/// Creates or refreshes the audit triggers so they match the tables' current columns. Run after
/// migrations, inside the caller's transaction.
void install_audit_triggers(Connection& connection);

struct AuditVerification {
  std::int64_t rows = 0;
  /// The id of the first row whose hash or link to the previous row does not hold, or 0.
  std::int64_t first_broken_id = 0;
  std::string reason;
  /// The last row's hash: keep it somewhere else (a log, a printout) to detect rows cut off the end.
  std::string head_hash;
};

/// Walks the whole trail in order and checks every row's hash and link.
AuditVerification verify_audit_trail(Connection& connection);

}  // namespace xuefeng::store::sqlite
