#include "store/sqlite/database.hpp"

#include <sqlite3.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "core/embedded.hpp"
#include "store/sqlite/audit.hpp"
#include "store/sqlite/repositories.hpp"

namespace xuefeng::store::sqlite {
namespace {

// A connection with its repositories, created together and used by one thread at a time.
struct Session {
  Session(const std::string& path, Durability durability) : connection(path, durability), repos(connection) {}
  Connection connection;
  SqliteRepositories repos;
};

struct WriteJob {
  const service::WriteContext* context = nullptr;
  const service::TransactionWork* work = nullptr;
  core::Status status;
  std::exception_ptr exception;
  std::promise<void> done;
};

int migration_version(std::string_view name) {
  int v = 0;
  for (const char c : name) {
    if (c < '0' || c > '9') break;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

int migrate(Connection& c) {
  c.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))");
  int current = 0;
  {
    auto s = c.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
    if (s.step()) current = s.int32(0);
  }
  int latest = 0;
  for (const auto& file : embedded::sqlite_migrations()) latest = std::max(latest, migration_version(file.name));
  if (current > latest) {
    throw SqliteError(0, "the database has schema version " + std::to_string(current) +
                             ", newer than this program knows (" + std::to_string(latest) + "); upgrade xuefeng");
  }
  for (const auto& file : embedded::sqlite_migrations()) {
    const int version = migration_version(file.name);
    if (version <= current) continue;
    const std::string sql(file.bytes);
    c.exec("BEGIN IMMEDIATE");
    try {
      c.exec(sql.c_str());
      auto s = c.prepare("INSERT INTO schema_migrations (version, name) VALUES (?, ?)");
      s.bind(1, version).bind(2, file.name).run();
      c.exec("COMMIT");
    } catch (...) {
      c.exec("ROLLBACK");
      throw;
    }
    current = version;
  }
  return current;
}

struct SqliteDatabase::Impl {
  SqliteOptions options;
  int schema_version = 0;

  // Readers: a fixed pool, handed out one per read transaction.
  std::vector<std::unique_ptr<Session>> readers;
  std::vector<Session*> idle_readers;
  std::mutex readers_mutex;
  std::condition_variable reader_returned;

  // The writer thread and its queue. The audit context names the write in progress for the triggers.
  std::unique_ptr<Session> writer;
  AuditContext audit_context;
  std::thread writer_thread;
  std::thread::id writer_thread_id;
  std::mutex queue_mutex;
  std::condition_variable queue_changed;
  std::deque<WriteJob*> queue;
  bool stopping = false;

  void run_writer();
  void run_batch(std::vector<WriteJob*>& batch);
};

void SqliteDatabase::Impl::run_batch(std::vector<WriteJob*>& batch) {
  Connection& c = writer->connection;
  std::vector<WriteJob*> committed;  // jobs whose work succeeded in the current transaction
  bool open = false;
  auto begin = [&] {
    c.exec("BEGIN IMMEDIATE");
    open = true;
  };
  auto fail_committed = [&](std::exception_ptr why) {
    for (WriteJob* j : committed) j->exception = why;
    committed.clear();
  };
  try {
    begin();
  } catch (...) {
    for (WriteJob* j : batch) j->exception = std::current_exception();
    return;
  }
  for (WriteJob* job : batch) {
    try {
      if (!open) begin();
      c.exec("SAVEPOINT job");
      audit_context.set(*job->context);
      try {
        job->status = (*job->work)(writer->repos);
      } catch (...) {
        job->exception = std::current_exception();
      }
      if (sqlite3_get_autocommit(c.handle())) {
        // SQLite rolled the whole transaction back (disk full, I/O error): the earlier jobs of this batch
        // are lost with it and must not be acknowledged.
        open = false;
        if (!job->exception) job->exception = std::make_exception_ptr(SqliteError(0, "transaction rolled back"));
        fail_committed(job->exception);
        continue;
      }
      if (job->exception || !job->status) {
        c.exec("ROLLBACK TO job");
        c.exec("RELEASE job");
      } else {
        c.exec("RELEASE job");
        committed.push_back(job);
      }
    } catch (...) {
      job->exception = std::current_exception();
      if (open && !sqlite3_get_autocommit(c.handle())) {
        try {
          c.exec("ROLLBACK");
        } catch (...) {
        }
      }
      open = false;
      fail_committed(job->exception);
    }
  }
  if (!open) return;
  try {
    c.exec("COMMIT");
  } catch (...) {
    auto why = std::current_exception();
    try {
      if (!sqlite3_get_autocommit(c.handle())) c.exec("ROLLBACK");
    } catch (...) {
    }
    fail_committed(why);
  }
}

void SqliteDatabase::Impl::run_writer() {
  writer_thread_id = std::this_thread::get_id();
  std::vector<WriteJob*> batch;
  for (;;) {
    {
      std::unique_lock lock(queue_mutex);
      queue_changed.wait(lock, [&] { return stopping || !queue.empty(); });
      if (queue.empty() && stopping) return;
      while (!queue.empty() && static_cast<int>(batch.size()) < options.max_batch) {
        batch.push_back(queue.front());
        queue.pop_front();
      }
    }
    run_batch(batch);
    for (WriteJob* job : batch) job->done.set_value();
    batch.clear();
  }
}

SqliteDatabase::SqliteDatabase(SqliteOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->writer = std::make_unique<Session>(impl_->options.path, impl_->options.durability);
  // Later migrations may change audited rows: they are written down as the system's.
  register_audit_functions(impl_->writer->connection, &impl_->audit_context);
  impl_->audit_context.set({0, "system", "local", "migrate", core::SystemClock().now()});
  impl_->schema_version = migrate(impl_->writer->connection);
  {
    Connection& c = impl_->writer->connection;
    c.exec("BEGIN IMMEDIATE");
    try {
      install_audit_triggers(c);
      c.exec("COMMIT");
    } catch (...) {
      c.exec("ROLLBACK");
      throw;
    }
  }
  for (int i = 0; i < std::max(1, impl_->options.readers); ++i) {
    auto reader = std::make_unique<Session>(impl_->options.path, impl_->options.durability);
    // A use case that writes inside read() is a bug; make it fail loudly.
    reader->connection.exec("PRAGMA query_only = ON");
    impl_->idle_readers.push_back(reader.get());
    impl_->readers.push_back(std::move(reader));
  }
  impl_->writer_thread = std::thread([impl = impl_.get()] { impl->run_writer(); });
}

SqliteDatabase::~SqliteDatabase() {
  {
    std::lock_guard lock(impl_->queue_mutex);
    impl_->stopping = true;
  }
  impl_->queue_changed.notify_all();
  if (impl_->writer_thread.joinable()) impl_->writer_thread.join();
}

core::Status SqliteDatabase::read(const service::TransactionWork& work) {
  Session* session = nullptr;
  {
    std::unique_lock lock(impl_->readers_mutex);
    impl_->reader_returned.wait(lock, [&] { return !impl_->idle_readers.empty(); });
    session = impl_->idle_readers.back();
    impl_->idle_readers.pop_back();
  }
  struct Return {
    Impl& impl;
    Session* session;
    ~Return() {
      {
        std::lock_guard lock(impl.readers_mutex);
        impl.idle_readers.push_back(session);
      }
      impl.reader_returned.notify_one();
    }
  } give_back{*impl_, session};

  // One read transaction: every statement of the use case sees the same snapshot.
  session->connection.exec("BEGIN");
  try {
    core::Status status = work(session->repos);
    session->connection.exec("COMMIT");
    return status;
  } catch (...) {
    if (!sqlite3_get_autocommit(session->connection.handle())) session->connection.exec("ROLLBACK");
    throw;
  }
}

core::Status SqliteDatabase::write(const service::WriteContext& context, const service::TransactionWork& work) {
  if (std::this_thread::get_id() == impl_->writer_thread_id) {
    throw std::logic_error("a write transaction may not start another write");
  }
  WriteJob job;
  job.context = &context;
  job.work = &work;
  auto done = job.done.get_future();
  {
    std::lock_guard lock(impl_->queue_mutex);
    if (impl_->stopping) throw std::runtime_error("the database is closing");
    impl_->queue.push_back(&job);
  }
  impl_->queue_changed.notify_one();
  done.wait();
  if (job.exception) std::rethrow_exception(job.exception);
  return std::move(job.status);
}

int SqliteDatabase::schema_version() const { return impl_->schema_version; }

AuditVerification SqliteDatabase::verify_audit_trail() {
  // Its own connection and read transaction: one consistent view of the whole trail.
  Connection c(impl_->options.path, impl_->options.durability);
  c.exec("BEGIN");
  auto result = sqlite::verify_audit_trail(c);
  c.exec("COMMIT");
  return result;
}

std::set<std::string> SqliteDatabase::prepared_sql() {
  // Called when the database is quiet (tests): the connections are not in use.
  std::set<std::string> all = impl_->writer->connection.prepared_sql();
  for (const auto& r : impl_->readers) {
    const auto& more = r->connection.prepared_sql();
    all.insert(more.begin(), more.end());
  }
  return all;
}

std::uint64_t SqliteDatabase::statements_run() {
  std::uint64_t n = impl_->writer->connection.statements_run();
  for (const auto& r : impl_->readers) n += r->connection.statements_run();
  return n;
}

void SqliteDatabase::backup_to(const std::string& path) {
  // A separate connection, so the copy runs beside the server's readers and writer; each step holds
  // a read snapshot only briefly, and a write in between makes SQLite restart the copy, which keeps it
  // consistent.
  Connection source(impl_->options.path, impl_->options.durability);
  sqlite3* dest = nullptr;
  if (sqlite3_open(path.c_str(), &dest) != SQLITE_OK) {
    const std::string message = dest ? sqlite3_errmsg(dest) : "out of memory";
    sqlite3_close(dest);
    throw SqliteError(0, "cannot open backup target " + path + ": " + message);
  }
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source.handle(), "main");
  if (!backup) {
    const std::string message = sqlite3_errmsg(dest);
    sqlite3_close(dest);
    throw SqliteError(0, "cannot start backup: " + message);
  }
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(backup, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  const int close_rc = sqlite3_close(dest);
  if (rc != SQLITE_DONE) throw SqliteError(rc, std::string("backup failed: ") + sqlite3_errstr(rc));
  if (close_rc != SQLITE_OK) throw SqliteError(close_rc, "backup target could not be closed");
}

}  // namespace xuefeng::store::sqlite
