#include <map>

#include "store/sqlite/columns.hpp"
#include "store/sqlite/repositories.hpp"

namespace xuefeng::store::sqlite {
namespace {

#define ENTRY_COLUMNS                                                                                         \
  "e.id, e.person_id, e.kind, e.date, e.title, e.content, e.credit_hours, e.activity_id, e.venue, "           \
  "e.review_status, e.version, e.created_at, e.updated_at"

core::ArchiveEntry read_entry(const Statement& s) {
  core::ArchiveEntry e;
  e.id = s.int64(0);
  e.person_id = s.int64(1);
  e.kind = enum_column<core::ArchiveKind>(s, 2);
  e.date = s.date(3);
  e.title = s.text(4);
  e.content = s.text(5);
  e.credit_hours = s.real(6);
  e.activity_id = s.optional_int64(7);
  e.venue = s.text(8);
  e.review_status = optional_enum_column<core::ReviewVerdict>(s, 9);
  e.version = s.int64(10);
  e.created_at = s.timestamp(11);
  e.updated_at = s.timestamp(12);
  return e;
}

}  // namespace

void SqliteArchiveRepository::load_reviews(std::vector<core::ArchiveEntry>& entries) {
  if (entries.empty()) return;
  std::vector<Id> ids;
  std::map<Id, core::ArchiveEntry*> by_id;
  for (auto& e : entries) {
    ids.push_back(e.id);
    by_id[e.id] = &e;
  }
  auto s = c_.prepare(
      "SELECT r.id, r.entry_id, coalesce(r.reviewer_account_id, 0), coalesce(a.login, 'system'), r.verdict, r.comment, r.reviewed_at "
      "FROM archive_reviews r LEFT JOIN accounts a ON a.id = r.reviewer_account_id "
      "WHERE r.entry_id IN (SELECT value FROM json_each(?)) ORDER BY r.entry_id, r.id");
  s.bind(1, id_array(ids));
  while (s.step()) {
    core::ArchiveReview r;
    r.id = s.int64(0);
    r.entry_id = s.int64(1);
    r.reviewer_account_id = s.int64(2);
    r.reviewer_login = s.text(3);
    r.verdict = enum_column<core::ReviewVerdict>(s, 4);
    r.comment = s.text(5);
    r.reviewed_at = s.timestamp(6);
    by_id[r.entry_id]->reviews.push_back(std::move(r));
  }
}

std::optional<core::ArchiveEntry> SqliteArchiveRepository::find(Id entry_id) {
  std::vector<core::ArchiveEntry> found;
  {
    auto s = c_.prepare("SELECT " ENTRY_COLUMNS " FROM archive_entries e WHERE e.id = ?");
    s.bind(1, entry_id);
    if (s.step()) found.push_back(read_entry(s));
  }
  if (found.empty()) return std::nullopt;
  load_reviews(found);
  return std::move(found.front());
}

Id SqliteArchiveRepository::insert(const core::ArchiveEntry& e) {
  auto s = c_.prepare(
      "INSERT INTO archive_entries (person_id, kind, date, title, content, credit_hours, activity_id, venue, "
      "review_status, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)");
  s.bind(1, e.person_id).bind(2, core::code(e.kind)).bind(3, e.date).bind(4, e.title).bind(5, e.content);
  s.bind(6, e.credit_hours).bind(7, e.activity_id).bind(8, e.venue).bind(9, optional_code(e.review_status));
  s.bind(10, e.created_at).bind(11, e.updated_at).run();
  return c_.last_insert_id();
}

void SqliteArchiveRepository::update(const core::ArchiveEntry& e) {
  auto s = c_.prepare(
      "UPDATE archive_entries SET kind = ?, date = ?, title = ?, content = ?, credit_hours = ?, activity_id = ?, "
      "venue = ?, review_status = ?, updated_at = ?, version = version + 1 WHERE id = ?");
  s.bind(1, core::code(e.kind)).bind(2, e.date).bind(3, e.title).bind(4, e.content).bind(5, e.credit_hours);
  s.bind(6, e.activity_id).bind(7, e.venue).bind(8, optional_code(e.review_status)).bind(9, e.updated_at);
  s.bind(10, e.id).run();
}

void SqliteArchiveRepository::remove(Id entry_id) {
  auto s = c_.prepare("DELETE FROM archive_entries WHERE id = ?");
  s.bind(1, entry_id).run();
}

std::vector<core::ArchiveEntry> SqliteArchiveRepository::list(Id person_id, Date from, Date to) {
  std::vector<core::ArchiveEntry> out;
  {
    auto s = c_.prepare("SELECT " ENTRY_COLUMNS " FROM archive_entries e WHERE e.person_id = ? AND e.date >= ? "
                        "AND e.date <= ? ORDER BY e.date, e.id");
    s.bind(1, person_id).bind(2, from).bind(3, to);
    while (s.step()) out.push_back(read_entry(s));
  }
  load_reviews(out);
  return out;
}

Id SqliteArchiveRepository::add_review(const core::ArchiveReview& r) {
  {
    auto s = c_.prepare("INSERT INTO archive_reviews (entry_id, reviewer_account_id, verdict, comment, reviewed_at) "
                        "VALUES (?, ?, ?, ?, ?)");
    s.bind(1, r.entry_id).bind(2, r.reviewer_account_id ? std::optional<Id>(r.reviewer_account_id) : std::optional<Id>());
    s.bind(3, core::code(r.verdict)).bind(4, r.comment);
    s.bind(5, r.reviewed_at).run();
  }
  const Id id = c_.last_insert_id();
  // The entry's representation changes with its review status, so its version does too.
  auto s = c_.prepare("UPDATE archive_entries SET review_status = ?, version = version + 1 WHERE id = ?");
  s.bind(1, core::code(r.verdict)).bind(2, r.entry_id).run();
  return id;
}

}  // namespace xuefeng::store::sqlite
