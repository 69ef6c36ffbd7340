#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/time.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace xuefeng::store::sqlite {

/// A SQLite failure nobody expected (I/O error, corrupt file, a bug in a statement). Ends the request.
class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

enum class Durability {
  /// fsync on every commit: an acknowledged write survives power loss.
  kFull,
  /// fsync at checkpoints only: survives a crash of the process, may lose the last commits on power loss.
  kNormal,
};

class Statement;

/// One SQLite connection with its prepared statements. Not thread-safe: one thread uses it at a time.
class Connection {
 public:
  Connection(const std::string& path, Durability durability);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs SQL without results (pragmas, BEGIN/COMMIT, migrations).
  void exec(const char* sql);
  /// The prepared statement for `sql`, reset and with bindings cleared. `sql` must outlive the
  /// connection (a string literal): statements are cached by its address.
  Statement prepare(const char* sql);
  std::int64_t last_insert_id() const;
  int changes() const;
  sqlite3* handle() const { return db_; }

  /// Every distinct SQL text prepared so far, for the query-plan test.
  const std::set<std::string>& prepared_sql() const { return prepared_text_; }
  /// How many statements have been executed (first step after a reset), for the no-N+1 tests.
  std::uint64_t statements_run() const { return statements_run_; }

 private:
  friend class Statement;
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
  std::set<std::string> prepared_text_;
  std::uint64_t statements_run_ = 0;
};

/// A cached prepared statement in use; resets itself when it goes out of scope. Parameters are 1-based.
class Statement {
 public:
  Statement(Connection& connection, sqlite3_stmt* stmt) : connection_(&connection), stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept : connection_(other.connection_), stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, core::Date value) { return bind(index, value.to_string()); }
  Statement& bind(int index, core::Timestamp value) { return bind(index, value.micros()); }
  Statement& bind_null(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    if (value) return bind(index, *value);
    return bind_null(index);
  }

  /// Advances to the next row; false when done.
  bool step();
  /// Runs a statement that returns no rows.
  void run();

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  int int32(int column) const { return static_cast<int>(int64(column)); }
  double real(int column) const;
  std::string text(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;
  core::Date date(int column) const;
  std::optional<core::Date> optional_date(int column) const;
  core::Timestamp timestamp(int column) const { return core::Timestamp::from_micros(int64(column)); }
  std::optional<core::Timestamp> optional_timestamp(int column) const;

 private:
  Connection* connection_;
  sqlite3_stmt* stmt_;
  bool started_ = false;
};

}  // namespace xuefeng::store::sqlite
