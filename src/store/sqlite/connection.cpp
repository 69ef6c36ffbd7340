#include "store/sqlite/connection.hpp"

#include <sqlite3.h>

namespace xuefeng::store::sqlite {
namespace {

[[noreturn]] void throw_error(sqlite3* db, int code, std::string_view context) {
  std::string message(context);
  message += ": ";
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  throw SqliteError(code, message);
}

}  // namespace

Connection::Connection(const std::string& path, Durability durability) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "cannot open database " + path;
    if (db_) {
      message += ": ";
      message += sqlite3_errmsg(db_);
      sqlite3_close_v2(db_);
      db_ = nullptr;
    }
    throw SqliteError(rc, message);
  }
  sqlite3_extended_result_codes(db_, 1);
  // Another process (a CLI command, a backup) may hold the write lock briefly; wait rather than fail.
  sqlite3_busy_timeout(db_, 10000);
  exec("PRAGMA journal_mode = WAL");
  exec("PRAGMA foreign_keys = ON");
  exec(durability == Durability::kFull ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
  exec("PRAGMA temp_store = MEMORY");
  exec("PRAGMA cache_size = -32768");  // 32 MiB per connection
}

Connection::~Connection() {
  for (auto& [_, stmt] : cache_) sqlite3_finalize(stmt);
  if (db_) sqlite3_close_v2(db_);
}

void Connection::exec(const char* sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    throw SqliteError(rc, std::string("exec failed: ") + message + " in: " + std::string(sql).substr(0, 200));
  }
}

Statement Connection::prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) throw_error(db_, rc, std::string("prepare failed for: ") + sql);
    it = cache_.emplace(sql, stmt).first;
    prepared_text_.insert(sql);
  }
  return Statement(*this, it->second);
}

std::int64_t Connection::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Connection::changes() const { return sqlite3_changes(db_); }

Statement::~Statement() {
  if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) throw_error(connection_->db_, rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) throw_error(connection_->db_, rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  const int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) throw_error(connection_->db_, rc, "bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) throw_error(connection_->db_, rc, "bind");
  return *this;
}

bool Statement::step() {
  if (!started_) {
    started_ = true;
    ++connection_->statements_run_;
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_error(connection_->db_, rc, std::string("step failed for: ") + sqlite3_sql(stmt_));
}

void Statement::run() {
  while (step()) {
  }
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!p) return {};
  return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return int64(column);
}

core::Date Statement::date(int column) const {
  const auto d = core::Date::parse(text(column));
  if (!d) throw SqliteError(SQLITE_MISMATCH, "stored date is not YYYY-MM-DD: " + text(column));
  return *d;
}

std::optional<core::Date> Statement::optional_date(int column) const {
  if (is_null(column)) return std::nullopt;
  return date(column);
}

std::optional<core::Timestamp> Statement::optional_timestamp(int column) const {
  if (is_null(column)) return std::nullopt;
  return timestamp(column);
}

}  // namespace xuefeng::store::sqlite
