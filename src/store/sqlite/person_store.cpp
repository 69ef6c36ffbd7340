#include <set>

#include "core/text.hpp"
#include "store/sqlite/columns.hpp"
#include "store/sqlite/repositories.hpp"

namespace xuefeng::store::sqlite {
namespace {

#define PERSON_COLUMNS \
  "p.id, p.name, p.gender, p.birth_date, p.party_member, p.cadre_level, p.post, p.phone, p.version, " \
  "p.created_at, p.updated_at, p.org_id"

core::Person read_person(const Statement& s) {
  core::Person p;
  p.id = s.int64(0);
  p.name = s.text(1);
  p.gender = optional_enum_column<core::Gender>(s, 2);
  p.birth_date = s.optional_date(3);
  p.party_member = s.int64(4) != 0;
  p.cadre_level = optional_enum_column<core::CadreLevel>(s, 5);
  p.post = s.text(6);
  p.phone = s.text(7);
  p.version = s.int64(8);
  p.created_at = s.timestamp(9);
  p.updated_at = s.timestamp(10);
  p.org_id = s.optional_int64(11);
  return p;
}

std::vector<core::Person> read_people(Statement& s) {
  std::vector<core::Person> out;
  while (s.step()) out.push_back(read_person(s));
  return out;
}

// The search tokens of a text: each code point once, ASCII letters lower-cased.
std::vector<std::string> name_tokens(const std::string& text) {
  std::set<std::string> tokens;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    std::string token = text.substr(i, len);
    if (len == 1 && c >= 'A' && c <= 'Z') token[0] = static_cast<char>(c - 'A' + 'a');
    if (!(len == 1 && (c == ' ' || c == '\t'))) tokens.insert(std::move(token));
    i += len;
  }
  return {tokens.begin(), tokens.end()};
}

}  // namespace

std::optional<core::Person> SqlitePersonRepository::find(Id id) {
  auto s = c_.prepare("SELECT " PERSON_COLUMNS " FROM people p WHERE p.id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_person(s);
}

std::vector<core::Person> SqlitePersonRepository::find_many(const std::vector<Id>& ids) {
  auto s = c_.prepare("SELECT " PERSON_COLUMNS " FROM people p WHERE p.id IN (SELECT value FROM json_each(?))");
  s.bind(1, id_array(ids));
  return read_people(s);
}

void SqlitePersonRepository::index_name(Id id, const std::string& name) {
  {
    auto clear = c_.prepare("DELETE FROM person_name_chars WHERE person_id = ?");
    clear.bind(1, id).run();
  }
  for (const auto& token : name_tokens(name)) {
    auto s = c_.prepare("INSERT OR IGNORE INTO person_name_chars (token, person_id) VALUES (?, ?)");
    s.bind(1, token).bind(2, id).run();
  }
}

Id SqlitePersonRepository::insert(const core::Person& p) {
  {
    auto s = c_.prepare(
        "INSERT INTO people (name, gender, birth_date, party_member, cadre_level, post, phone, version, created_at, "
        "updated_at, org_id) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)");
    s.bind(1, p.name).bind(2, optional_code(p.gender)).bind(3, p.birth_date).bind(4, p.party_member);
    s.bind(5, optional_code(p.cadre_level)).bind(6, p.post).bind(7, p.phone).bind(8, p.created_at);
    s.bind(9, p.updated_at).bind(10, p.org_id).run();
  }
  const Id id = c_.last_insert_id();
  index_name(id, p.name);
  return id;
}

void SqlitePersonRepository::update(const core::Person& p, bool name_changed) {
  {
    auto s = c_.prepare(
        "UPDATE people SET name = ?, gender = ?, birth_date = ?, party_member = ?, cadre_level = ?, post = ?, "
        "phone = ?, updated_at = ?, org_id = ?, version = version + 1 WHERE id = ?");
    s.bind(1, p.name).bind(2, optional_code(p.gender)).bind(3, p.birth_date).bind(4, p.party_member);
    s.bind(5, optional_code(p.cadre_level)).bind(6, p.post).bind(7, p.phone).bind(8, p.updated_at);
    s.bind(9, p.org_id).bind(10, p.id).run();
  }
  if (name_changed) index_name(p.id, p.name);
}

void SqlitePersonRepository::remove(Id id) {
  auto s = c_.prepare("DELETE FROM people WHERE id = ?");
  s.bind(1, id).run();
}

// Visible: everything (?3), the reader themself (?5), or in the visible subtrees (?4).
#define PERSON_VISIBLE " AND (?3 OR p.id = ?5 OR " PERSON_IN_SUBTREES("?4") ")"

std::vector<core::Person> SqlitePersonRepository::search(const std::string& query, const service::Visibility& visible,
                                                         const PageRequest& page) {
  const Id after = page.after ? page.after->id : 0;
  const auto tokens = name_tokens(query);
  if (tokens.empty()) {
    auto s = c_.prepare("SELECT " PERSON_COLUMNS " FROM people p WHERE p.id > ?1" PERSON_VISIBLE
                        " ORDER BY p.id LIMIT ?2");
    s.bind(1, after).bind(2, page.limit + 1);
    bind_visibility(s, 3, 4, 5, visible);
    return read_people(s);
  }
  // Start from the index entries of one character of the query, then check the whole query.
  auto s = c_.prepare("SELECT " PERSON_COLUMNS " FROM person_name_chars t JOIN people p ON p.id = t.person_id "
                      "WHERE t.token = ?6 AND t.person_id > ?1 AND instr(lower(p.name), ?7) > 0" PERSON_VISIBLE
                      " ORDER BY t.person_id LIMIT ?2");
  s.bind(1, after).bind(2, page.limit + 1).bind(6, tokens.front()).bind(7, core::ascii_lower(query));
  bind_visibility(s, 3, 4, 5, visible);
  return read_people(s);
}

std::vector<Id> SqlitePersonRepository::in_scope(const std::vector<Id>& ids, const std::vector<Id>& roots) {
  auto s = c_.prepare("SELECT p.id FROM people p WHERE p.id IN (SELECT value FROM json_each(?1)) AND "
                      PERSON_IN_SUBTREES("?2"));
  s.bind(1, id_array(ids)).bind(2, id_array(roots));
  std::vector<Id> out;
  while (s.step()) out.push_back(s.int64(0));
  return out;
}

std::vector<core::Person> SqlitePersonRepository::find_by_name(const std::string& name) {
  auto s = c_.prepare("SELECT " PERSON_COLUMNS " FROM people p WHERE p.name = ? ORDER BY p.id");
  s.bind(1, name);
  return read_people(s);
}

service::Usage SqlitePersonRepository::usage(Id id) {
  auto s = c_.prepare(
      "SELECT (SELECT count(*) FROM memberships WHERE person_id = ?1), "
      "(SELECT count(*) FROM attendance WHERE person_id = ?1) + (SELECT count(*) FROM leave_requests WHERE person_id = ?1), "
      "(SELECT count(*) FROM archive_entries WHERE person_id = ?1), (SELECT count(*) FROM accounts WHERE person_id = ?1), "
      "(SELECT count(*) FROM activity_speakers WHERE person_id = ?1) + "
      "(SELECT count(*) FROM activity_invitees WHERE person_id = ?1) + (SELECT count(*) FROM activities WHERE host_id = ?1)");
  s.bind(1, id);
  service::Usage u;
  if (s.step()) {
    u.memberships = s.int64(0);
    u.attendance = s.int64(1);
    u.archive_entries = s.int64(2);
    u.accounts = s.int64(3);
    u.speeches = s.int64(4);
  }
  return u;
}

}  // namespace xuefeng::store::sqlite
