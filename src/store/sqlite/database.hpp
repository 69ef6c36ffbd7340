#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include "service/repositories.hpp"
#include "store/sqlite/audit.hpp"
#include "store/sqlite/connection.hpp"

namespace xuefeng::store::sqlite {

struct SqliteOptions {
  std::string path;
  Durability durability = Durability::kFull;
  /// Connections for read transactions; reads run in parallel with each other and with the writer.
  int readers = 4;
  /// Most write transactions committed together (see SqliteDatabase).
  int max_batch = 128;
};

/// The embedded store. Opening applies pending migrations.
///
/// Writes go to one writer thread that owns the only writing connection. It takes every write waiting
/// in its queue, runs each inside its own SAVEPOINT of one transaction (a failing write rolls back to
/// its savepoint and affects no other), then commits once: under load many use cases share one fsync
/// (group commit), while each still commits or fails as a whole. A write is acknowledged only after
/// the commit is durable.
class SqliteDatabase final : public service::Database {
 public:
  explicit SqliteDatabase(SqliteOptions options);
  ~SqliteDatabase() override;

  core::Status read(const service::TransactionWork& work) override;
  core::Status write(const service::WriteContext& context, const service::TransactionWork& work) override;

  /// The schema version after migrations.
  int schema_version() const;
  /// Every SQL text prepared so far on any connection (for the query-plan test).
  std::set<std::string> prepared_sql();
  /// Statements executed so far on all connections (for the no-N+1 tests).
  std::uint64_t statements_run();
  /// Writes the database to `path` as a consistent snapshot, while reads and writes go on.
  void backup_to(const std::string& path);
  /// Checks the audit trail's hash chain from its first row to its last.
  AuditVerification verify_audit_trail();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Applies the embedded migrations that `connection` lacks, each in its own transaction; returns the
/// resulting schema version. Throws if the database is newer than this binary.
int migrate(Connection& connection);

}  // namespace xuefeng::store::sqlite
