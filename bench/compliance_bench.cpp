// The "eight ones" (八个一) for everyone bound by them, at the scale of a province: the declared-requirements
// engine (RequirementService::org_compliance) against the same computation written by hand as one SQL
// query, on the same generated database in the same run; then one person's compliance right after a new
// attendance mark. Issue 4 asks for: 1,000,000 people in a 5-level tree of 100,000 orgs, 20,000,000
// attendance marks, 3,000,000 archive entries; the engine at least 10x faster than the SQL; one person
// under 1 ms after a mark; peak memory.
//
// Usage: compliance_bench [--people 1000000] [--db /tmp/xuefeng-compliance-bench.db] [--reuse]
//                         [--year 2026] [--as-of 2026-09-15] [--seed 4] [--runs 3] [--repetitions 200]
//                         [--verify-audit]   (at the end, check the audit trail's hash chain, generated rows included)
//
// The database is generated in a child process (so the generator's page cache does not count in the
// measured peak memory): the schema through store::sqlite::SqliteDatabase (migrations, audit triggers,
// durability normal), then the rows with raw SQLite prepared statements in large transactions, on a
// connection where the real audit functions are registered with a write context naming the use case
// "bench.generate": the triggers stay on and write their hash-chained rows, as for any other write.
// With --reuse an existing file generated with the same --people, --year and --seed is used as is.

#include <sqlite3.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "http/requirement_codec.hpp"
#include "service/crypto.hpp"
#include "service/services.hpp"
#include "store/sqlite/audit.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/database.hpp"

namespace {

using namespace xuefeng;
using SteadyClock = std::chrono::steady_clock;
using core::Date;
using core::Id;

constexpr core::UtcOffset kOffset{};  // +08:00
constexpr const char* kUseCase = "bench.generate";

double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

Date date(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

std::int64_t micros_at(Date day, int hour) { return core::Timestamp::start_of(day, kOffset).plus_seconds(hour * 3600).micros(); }

std::string thousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "compliance_bench: %s\n", message.c_str());
  std::exit(1);
}

template <typename T>
T ok(core::Result<T> r, const char* what) {
  if (!r) die(std::string(what) + " failed: " + r.error().detail.en + " " + r.error().log_message);
  return std::move(r).value();
}

long peak_rss_kib(int who) {
  rusage usage{};
  getrusage(who, &usage);
  return usage.ru_maxrss;
}

// ---------------------------------------------------------------------------------------------------
// Options

struct Options {
  std::int64_t people = 1'000'000;
  std::string db = "/tmp/xuefeng-compliance-bench.db";
  bool reuse = false;
  int year = 2026;
  Date as_of = date(2026, 9, 15);
  std::uint64_t seed = 4;
  int runs = 3;
  int repetitions = 200;
  bool verify_audit = false;

  /// What identifies a generated file; a reused file must have been made with the same.
  std::string signature() const {
    return "people=" + std::to_string(people) + " year=" + std::to_string(year) + " as_of=" + as_of.to_string() +
           " seed=" + std::to_string(seed) + "\n";
  }
};

Options parse_options(int argc, char** argv) {
  Options o;
  bool as_of_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string key = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die(key + " needs a value");
      return argv[++i];
    };
    if (key == "--people") o.people = std::stoll(value());
    else if (key == "--db") o.db = value();
    else if (key == "--reuse") o.reuse = true;
    else if (key == "--verify-audit") o.verify_audit = true;
    else if (key == "--year") o.year = std::stoi(value());
    else if (key == "--as-of") {
      const auto d = Date::parse(value());
      if (!d) die("--as-of must be YYYY-MM-DD");
      o.as_of = *d;
      as_of_given = true;
    } else if (key == "--seed") o.seed = std::stoull(value());
    else if (key == "--runs") o.runs = std::stoi(value());
    else if (key == "--repetitions") o.repetitions = std::stoi(value());
    else if (key == "--help" || key == "-h") {
      std::printf(
          "compliance_bench [--people N] [--db FILE] [--reuse] [--year Y] [--as-of DATE] [--seed S] [--runs R] "
          "[--repetitions K] [--verify-audit]\n");
      std::exit(0);
    } else {
      die("unknown option " + key + " (see --help)");
    }
  }
  if (!as_of_given) o.as_of = date(o.year, 9, 15);
  if (o.people < 1000) die("--people must be at least 1000");
  if (o.as_of.year() != o.year) die("--as-of must lie in --year");
  if (o.runs < 1 || o.repetitions < 2) die("--runs must be at least 1 and --repetitions at least 2");
  return o;
}

// ---------------------------------------------------------------------------------------------------
// Deterministic random numbers (splitmix64)

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n).
  std::int64_t below(std::int64_t n) { return static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(n)); }
  /// Uniform in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) { return lo + below(hi - lo + 1); }
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
  /// A working day from `from` to `to`, both included.
  Date weekday(Date from, Date to) {
    for (;;) {
      const Date d = from.add_days(static_cast<std::int32_t>(below((to - from) + 1)));
      if (d.iso_weekday() <= 5) return d;
    }
  }

 private:
  std::uint64_t state_;
};

// ---------------------------------------------------------------------------------------------------
// Raw SQLite

class Raw {
 public:
  Raw(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
      die(std::string("cannot prepare: ") + sqlite3_errmsg(db) + " in " + std::string(sql).substr(0, 300));
    }
  }
  ~Raw() { sqlite3_finalize(stmt_); }
  Raw(const Raw&) = delete;
  Raw& operator=(const Raw&) = delete;

  Raw& bind(int i, std::int64_t v) { return check(sqlite3_bind_int64(stmt_, i, v)); }
  Raw& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Raw& bind(int i, double v) { return check(sqlite3_bind_double(stmt_, i, v)); }
  Raw& bind(int i, std::string_view v) {
    return check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  Raw& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Raw& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Raw& bind(int i, Date v) { return bind(i, v.to_string()); }
  Raw& bind_null(int i) { return check(sqlite3_bind_null(stmt_, i)); }
  template <typename T>
  Raw& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }

  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    die(std::string("step failed: ") + sqlite3_errmsg(db_) + " in " + std::string(sqlite3_sql(stmt_)).substr(0, 300));
  }
  /// Runs an INSERT and makes the statement ready for the next one.
  void run() {
    step();
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::int64_t int64(int c) const { return sqlite3_column_int64(stmt_, c); }
  bool is_null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
  std::string text(int c) const {
    const auto* t = sqlite3_column_text(stmt_, c);
    return t ? reinterpret_cast<const char*>(t) : "";
  }

 private:
  Raw& check(int rc) {
    if (rc != SQLITE_OK) die(std::string("bind failed: ") + sqlite3_errstr(rc));
    return *this;
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

void exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "?";
    sqlite3_free(error);
    die(std::string("exec failed: ") + message + " in " + sql);
  }
}

std::int64_t scalar(sqlite3* db, const char* sql) {
  Raw s(db, sql);
  if (!s.step()) die(std::string("no row from ") + sql);
  return s.int64(0);
}

// ---------------------------------------------------------------------------------------------------
// The generated dataset

// Levels: 1 the root party committee, 2 party committees (districts, departments), 3 general branches,
// 4 branches, 5 groups (党小组), where everyone is a member. Under each level-2 and level-3 org, one study
// group (理论学习中心组) of 12 leaders chosen among the people of that org's subtree: the people the eight
// ones bind. Org ids go level by level, the study groups last; children of consecutive parents are
// consecutive, so every subtree's groups, and its people, are one range of ids.
struct Layout {
  std::int64_t people = 0;
  std::int64_t orgs = 0;
  std::array<std::int64_t, 6> first{};  // first org id of level 1..5
  std::array<std::int64_t, 6> count{};  // orgs of level 1..5
  std::int64_t study_first = 0;
  std::int64_t study_count = 0;
  std::vector<std::int64_t> parent;  // by org id; 0 for the root
  std::vector<int> level;            // by org id; 6 for a study group
  std::vector<std::int64_t> group_lo, group_hi;  // by org id: its range of level-5 orgs (not for study groups)

  static constexpr int kLeadersPerGroup = 12;

  explicit Layout(std::int64_t people_count) : people(people_count), orgs(people_count / 10) {
    // Fan-out f with 1 + f + f^2 + f^3 + f^4 orgs in the tree and f + f^2 study groups making `orgs`.
    auto total = [](double f) { return 1 + f + f * f + f * f * f + f * f * f * f + f + f * f; };
    double lo = 1, hi = 1000;
    for (int i = 0; i < 100; ++i) (total((lo + hi) / 2) < static_cast<double>(orgs) ? lo : hi) = (lo + hi) / 2;
    const double f = lo;
    count[1] = 1;
    count[2] = std::max<std::int64_t>(1, std::llround(f));
    count[3] = std::max(count[2], static_cast<std::int64_t>(std::llround(f * f)));
    count[4] = std::max(count[3], static_cast<std::int64_t>(std::llround(f * f * f)));
    study_count = count[2] + count[3];
    count[5] = orgs - 1 - count[2] - count[3] - count[4] - study_count;
    if (count[5] < count[4]) throw std::runtime_error("too few orgs for five levels");
    std::int64_t next = 1;
    for (int l = 1; l <= 5; ++l) {
      first[static_cast<std::size_t>(l)] = next;
      next += count[static_cast<std::size_t>(l)];
    }
    study_first = next;
    parent.assign(static_cast<std::size_t>(orgs + 1), 0);
    level.assign(static_cast<std::size_t>(orgs + 1), 0);
    for (int l = 1; l <= 5; ++l) {
      const auto L = static_cast<std::size_t>(l);
      for (std::int64_t i = 0; i < count[L]; ++i) {
        const std::int64_t id = first[L] + i;
        level[static_cast<std::size_t>(id)] = l;
        if (l > 1) parent[static_cast<std::size_t>(id)] = first[L - 1] + i * count[L - 1] / count[L];
      }
    }
    for (std::int64_t i = 0; i < study_count; ++i) {
      const std::int64_t id = study_first + i;
      level[static_cast<std::size_t>(id)] = 6;
      parent[static_cast<std::size_t>(id)] = i < count[2] ? first[2] + i : first[3] + (i - count[2]);
    }
    group_lo.assign(static_cast<std::size_t>(orgs + 1), orgs + 1);
    group_hi.assign(static_cast<std::size_t>(orgs + 1), 0);
    for (std::int64_t id = study_first - 1; id >= 1; --id) {  // children have higher ids than their parents
      const auto u = static_cast<std::size_t>(id);
      if (level[u] == 5) group_lo[u] = group_hi[u] = id;
      if (id > 1) {
        const auto p = static_cast<std::size_t>(parent[u]);
        group_lo[p] = std::min(group_lo[p], group_lo[u]);
        group_hi[p] = std::max(group_hi[p], group_hi[u]);
      }
    }
  }

  /// The level-5 org of person `person` (ids 1..people).
  std::int64_t group_of(std::int64_t person) const { return first[5] + (person - 1) * count[5] / people; }
  /// The first person of level-5 org `group`.
  std::int64_t first_person_of(std::int64_t group) const {
    const std::int64_t g = group - first[5];
    return (g * people + count[5] - 1) / count[5] + 1;  // the least p with (p - 1) * count5 / people >= g
  }
  std::int64_t last_person_of(std::int64_t group) const {
    return group == first[5] + count[5] - 1 ? people : first_person_of(group + 1) - 1;
  }
};

// Names: a surname and one or two given characters (all three-byte UTF-8).
constexpr std::string_view kSurnames =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤";
constexpr std::string_view kGiven =
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅春海林云峰斌婷雪晨宇欣怡振卫东庆文";

std::string_view cjk(std::string_view list, std::int64_t i) {
  const auto n = static_cast<std::int64_t>(list.size() / 3);
  return list.substr(static_cast<std::size_t>((i % n) * 3), 3);
}

struct Leader {
  std::int64_t person = 0;
  Date since;
  std::optional<Date> until;
};

struct Membership {
  Date since;
  std::optional<Date> until;
  bool covers(Date day) const { return since <= day && (!until || *until >= day); }
};

/// Bulk load through one connection in transactions of about `kRowsPerTransaction` rows.
class Loader {
 public:
  static constexpr std::int64_t kRowsPerTransaction = 250'000;

  explicit Loader(sqlite3* db) : db_(db) { exec(db_, "BEGIN"); }
  void row() {
    if (++rows_ % kRowsPerTransaction == 0) {
      exec(db_, "COMMIT");
      exec(db_, "BEGIN");
    }
  }
  void finish() { exec(db_, "COMMIT"); }
  std::int64_t rows() const { return rows_; }

 private:
  sqlite3* db_;
  std::int64_t rows_ = 0;
};

const char* pick_status(Random& r) {
  const auto x = r.below(100);
  if (x < 82) return "present";
  if (x < 87) return "late";
  if (x < 94) return "excused";
  if (x < 98) return "absent";
  return nullptr;  // not marked
}

void generate(const Options& o) {
  const auto start = SteadyClock::now();
  {
    // The schema as the application makes it: migrations and the audit triggers.
    store::sqlite::SqliteOptions options;
    options.path = o.db;
    options.durability = store::sqlite::Durability::kNormal;
    store::sqlite::SqliteDatabase schema(options);
  }
  store::sqlite::Connection connection(o.db, store::sqlite::Durability::kNormal);
  // The real audit functions, with one context for the whole load: every row the triggers write says
  // it came from the generator.
  store::sqlite::AuditContext audit;
  const Date today = o.as_of;
  const auto generated_at = core::Timestamp::from_micros(micros_at(today, 20));
  audit.set({0, "bench", "cli", kUseCase, generated_at});
  store::sqlite::register_audit_functions(connection, &audit);
  sqlite3* db = connection.handle();
  exec(db, "PRAGMA foreign_keys = OFF");     // the rows are consistent by construction; checking costs a lookup each
  exec(db, "PRAGMA cache_size = -1048576");  // 1 GiB: the random index inserts stay in memory
  if (scalar(db, "SELECT count(*) FROM orgs") != 0) die(o.db + " is not empty; remove it or pass --reuse");

  const Layout layout(o.people);
  Random r(o.seed);
  Loader load(db);
  const int year = o.year;
  const std::array<int, 2> years = {year - 1, year};
  const Date long_ago = date(2020, 1, 1);
  const std::int64_t created = micros_at(long_ago, 9);

  // Orgs and the closure table.
  {
    Raw org(db, "INSERT INTO orgs (id, name, kind, parent_id, version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)");
    Raw closure(db, "INSERT INTO org_closure (ancestor_id, descendant_id, depth) VALUES (?, ?, ?)");
    static constexpr const char* kKinds[] = {"", "party_committee", "party_committee", "general_branch", "branch", "group",
                                             "study_group"};
    static constexpr const char* kNames[] = {"", "市委", "区委", "党总支", "党支部", "党小组", "理论学习中心组"};
    for (std::int64_t id = 1; id <= layout.orgs; ++id) {
      const auto u = static_cast<std::size_t>(id);
      const int l = layout.level[u];
      const std::string name = l == 6 ? "第" + std::to_string(layout.parent[u]) + "单位" + kNames[l]
                                      : "第" + std::to_string(id) + kNames[l];
      org.bind(1, id).bind(2, name).bind(3, kKinds[l]);
      if (l == 1) org.bind_null(4);
      else org.bind(4, layout.parent[u]);
      org.bind(5, created).bind(6, created).run();
      load.row();
      std::int64_t depth = 0;
      for (std::int64_t a = id; a != 0; a = layout.parent[static_cast<std::size_t>(a)], ++depth) {
        closure.bind(1, a).bind(2, id).bind(3, depth).run();
        load.row();
      }
    }
  }

  // Leaders: 12 people from the subtree of each study group's parent.
  std::vector<std::vector<Leader>> leaders(static_cast<std::size_t>(layout.study_count));
  std::map<std::int64_t, std::vector<std::int64_t>> leader_groups;  // person -> study groups (index)
  for (std::int64_t s = 0; s < layout.study_count; ++s) {
    const auto above = static_cast<std::size_t>(layout.parent[static_cast<std::size_t>(layout.study_first + s)]);
    const std::int64_t lo = layout.first_person_of(layout.group_lo[above]);
    const std::int64_t hi = layout.last_person_of(layout.group_hi[above]);
    const std::int64_t n = std::min<std::int64_t>(Layout::kLeadersPerGroup, hi - lo + 1);
    std::set<std::int64_t> chosen;
    while (static_cast<std::int64_t>(chosen.size()) < n) chosen.insert(r.between(lo, hi));
    for (const auto person : chosen) {
      Leader leader{person, long_ago, std::nullopt};
      const auto x = r.below(100);
      if (x < 6) leader.since = r.weekday(date(year, 4, 1), date(year, 8, 31));        // joined during the year
      else if (x < 9) leader.until = r.weekday(date(year, 2, 1), date(year, 8, 31));  // left during the year
      leaders[static_cast<std::size_t>(s)].push_back(leader);
      leader_groups[person].push_back(s);
    }
  }

  // People, their name index, and one membership each in their group.
  std::vector<Membership> membership(static_cast<std::size_t>(o.people + 1));
  {
    Raw person(db,
               "INSERT INTO people (id, name, gender, birth_date, party_member, cadre_level, post, phone, version, "
               "created_at, updated_at, org_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)");
    Raw token(db, "INSERT OR IGNORE INTO person_name_chars (token, person_id) VALUES (?, ?)");
    Raw member(db, "INSERT INTO memberships (id, org_id, person_id, role, since, until, version) VALUES (?, ?, ?, ?, ?, ?, 1)");
    for (std::int64_t id = 1; id <= o.people; ++id) {
      std::string name(cjk(kSurnames, r.below(1000)));
      const int given = r.chance(0.7) ? 2 : 1;
      for (int i = 0; i < given; ++i) name += cjk(kGiven, r.below(1000));
      const auto lead = leader_groups.find(id);
      std::optional<std::string> cadre;
      std::string post;
      if (lead != leader_groups.end()) {
        const bool county = layout.level[static_cast<std::size_t>(
                                layout.parent[static_cast<std::size_t>(layout.study_first + lead->second.front())])] == 2;
        cadre = county ? "county" : "township";
        post = county ? "副区长" : "党委书记";
      } else if (r.chance(0.2)) {
        post = "科员";
      }
      const Date birth = date(1960, 1, 1).add_days(static_cast<std::int32_t>(r.below(40 * 365)));
      person.bind(1, id).bind(2, name).bind(3, r.chance(0.5) ? "male" : "female").bind(4, birth);
      person.bind(5, r.chance(0.9) ? 1 : 0).bind(6, cadre).bind(7, post);
      person.bind(8, "13" + std::to_string(100000000 + r.below(900000000)));
      person.bind(9, created).bind(10, created).bind(11, layout.group_of(id)).run();
      load.row();
      std::set<std::string> seen;
      for (std::size_t i = 0; i < name.size(); i += 3) {
        const std::string t = name.substr(i, 3);
        if (!seen.insert(t).second) continue;
        token.bind(1, t).bind(2, id).run();
        load.row();
      }
      auto& m = membership[static_cast<std::size_t>(id)];
      m.since = long_ago;
      const auto x = r.below(100);
      if (x < 3) m.since = r.weekday(date(year - 1, 1, 1), date(year, 8, 31));
      else if (x < 5) m.until = r.weekday(date(year - 1, 3, 1), today);
      const bool first = layout.first_person_of(layout.group_of(id)) == id;
      member.bind(1, id).bind(2, layout.group_of(id)).bind(3, id).bind(4, first ? "group_leader" : "member");
      member.bind(5, m.since).bind(6, m.until).run();
      load.row();
    }
    std::int64_t next = o.people + 1;
    for (std::int64_t s = 0; s < layout.study_count; ++s) {
      int position = 0;
      for (const auto& leader : leaders[static_cast<std::size_t>(s)]) {
        const char* role = position == 0 ? "secretary" : position == 1 ? "deputy_secretary" : "member";
        ++position;
        member.bind(1, next++).bind(2, layout.study_first + s).bind(3, leader.person).bind(4, role);
        member.bind(5, leader.since).bind(6, leader.until).run();
        load.row();
      }
    }
  }

  Raw activity(db,
               "INSERT INTO activities (id, org_id, kind, title, starts_on, ends_on, location, host_id, credit_hours, "
               "check_in_secret, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)");
  Raw speaker(db, "INSERT INTO activity_speakers (activity_id, position, person_id, title) VALUES (?, ?, ?, ?)");
  Raw invitee(db, "INSERT INTO activity_invitees (activity_id, person_id) VALUES (?, ?)");
  Raw mark(db,
           "INSERT INTO attendance (activity_id, person_id, status, checked_in_at, note, updated_at) "
           "VALUES (?, ?, ?, ?, '', ?)");
  Raw entry(db,
            "INSERT INTO archive_entries (id, person_id, kind, date, title, content, credit_hours, activity_id, venue, "
            "review_status, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)");
  std::int64_t next_activity = 1;
  std::int64_t next_entry = 1;

  struct Planned {
    Date starts_on;
    Date ends_on;
    const char* kind;
    const char* title;
    double hours;
  };
  auto add_activity = [&](std::int64_t org, const Planned& p, std::optional<std::int64_t> host) {
    const std::int64_t id = next_activity++;
    char secret[33];
    std::snprintf(secret, sizeof secret, "%016llx%016llx", static_cast<unsigned long long>(r.next()),
                  static_cast<unsigned long long>(r.next()));
    const std::int64_t at = micros_at(p.starts_on.add_days(-14), 10);
    activity.bind(1, id).bind(2, org).bind(3, p.kind).bind(4, p.title).bind(5, p.starts_on).bind(6, p.ends_on);
    activity.bind(7, "会议室").bind(8, host).bind(9, p.hours).bind(10, std::string_view(secret, 32));
    activity.bind(11, at).bind(12, at).run();
    load.row();
    return id;
  };
  // Marks for the people expected, for the activities begun by `today`.
  auto add_marks = [&](std::int64_t id, const Planned& p, const std::vector<std::int64_t>& audience) {
    if (p.starts_on > today) return;
    for (const auto person : audience) {
      const char* status = pick_status(r);
      if (!status) continue;
      const bool came = std::string_view(status) == "present" || std::string_view(status) == "late";
      const std::int64_t at = micros_at(p.starts_on, 9);
      mark.bind(1, id).bind(2, person).bind(3, status);
      if (came) mark.bind(4, at);
      else mark.bind_null(4);
      mark.bind(5, at).run();
      load.row();
    }
  };
  auto add_speaker = [&](std::int64_t id, int position, std::int64_t person, const char* title) {
    speaker.bind(1, id).bind(2, position).bind(3, person).bind(4, title).run();
    load.row();
  };
  auto add_entry = [&](std::int64_t person, const char* kind, Date day, const char* title,
                       std::optional<std::int64_t> linked, double hours) {
    const auto x = r.below(100);
    std::optional<std::string> review;
    if (x < 40) review = "verified";
    else if (x < 45) review = "returned";
    const std::int64_t at = micros_at(day, 18);
    entry.bind(1, next_entry++).bind(2, person).bind(3, kind).bind(4, day).bind(5, title);
    entry.bind(6, "学习党的创新理论，结合本职工作谈体会。").bind(7, hours).bind(8, linked).bind(9, "");
    entry.bind(10, review).bind(11, at).bind(12, at).run();
    load.row();
  };

  // Party lectures at the groups: most given by the group's own leader, some by a leader of a study
  // group above (为基层上一次党课): about 0.8 a year for each leader.
  const double lecture_by_leader =
      std::min(1.0, 0.8 * Layout::kLeadersPerGroup * static_cast<double>(layout.study_count) /
                        static_cast<double>(layout.count[5]));
  std::map<std::int64_t, std::vector<std::pair<std::int64_t, Date>>> lectures_given;  // leader -> (activity, day)

  // The groups: 12 activities a year each, everyone expected marked, about 3 archive entries a person.
  static constexpr std::pair<const char*, const char*> kGroupActivities[] = {
      {"seminar", "专题研讨"},          {"seminar", "交流研讨"},          {"reading_club", "读书会"},
      {"reading_club", "读书分享会"},   {"policy_briefing", "政策宣讲"},  {"policy_briefing", "形势政策报告"},
      {"film", "观看专题片"},           {"party_lecture", "党课"},        {"site_visit", "参观学习"},
      {"quiz_contest", "知识竞赛"},     {"lecture", "专家讲座"},          {"grassroots_visit", "走访调研"},
  };
  struct EntryKind {
    const char* kind;
    const char* title;
    int weight;
  };
  static constexpr EntryKind kEntryKinds[] = {
      {"note", "学习笔记", 30},          {"reflection", "心得体会", 30},     {"self_study", "自学记录", 12},
      {"article", "理论文章", 6},        {"research_report", "调研报告", 6}, {"keynote", "中心发言稿", 4},
      {"contact_point", "联系基层点", 3}, {"year_end_summary", "年度学习小结", 5},
      {"party_lecture_given", "党课讲稿", 4},
  };
  for (std::int64_t g = layout.first[5]; g < layout.first[5] + layout.count[5]; ++g) {
    const std::int64_t lo = layout.first_person_of(g);
    const std::int64_t hi = layout.last_person_of(g);
    // The study groups whose leaders might give this group a party lecture: those above it.
    std::vector<std::int64_t> above_leaders;
    for (std::int64_t a = layout.parent[static_cast<std::size_t>(g)]; a != 0; a = layout.parent[static_cast<std::size_t>(a)]) {
      const int l = layout.level[static_cast<std::size_t>(a)];
      if (l != 2 && l != 3) continue;
      const std::int64_t s = l == 2 ? a - layout.first[2] : layout.count[2] + (a - layout.first[3]);
      for (const auto& leader : leaders[static_cast<std::size_t>(s)]) above_leaders.push_back(leader.person);
    }
    std::vector<std::pair<std::int64_t, Date>> held;  // this group's activities, for linking reflections
    for (const int y : years) {
      std::vector<Planned> plan;
      for (const auto& [kind, title] : kGroupActivities) {
        const Date d = r.weekday(date(y, 1, 1), date(y, 12, 31));
        plan.push_back({d, d, kind, title, 2});
      }
      std::sort(plan.begin(), plan.end(), [](const Planned& a, const Planned& b) { return a.starts_on < b.starts_on; });
      for (const auto& p : plan) {
        const std::int64_t id = add_activity(g, p, lo);
        held.emplace_back(id, p.starts_on);
        const std::string_view kind = p.kind;
        if (kind == "party_lecture") {
          if (!above_leaders.empty() && r.chance(lecture_by_leader)) {
            const auto by = above_leaders[static_cast<std::size_t>(r.below(static_cast<std::int64_t>(above_leaders.size())))];
            add_speaker(id, 0, by, "讲党课");
            lectures_given[by].emplace_back(id, p.starts_on);
          } else {
            add_speaker(id, 0, lo, "讲党课");
          }
        } else if (kind == "seminar" && r.chance(0.5)) {
          add_speaker(id, 0, r.between(lo, hi), "发言");
        }
        std::vector<std::int64_t> audience;
        for (std::int64_t p_id = lo; p_id <= hi; ++p_id) {
          if (membership[static_cast<std::size_t>(p_id)].covers(p.starts_on)) audience.push_back(p_id);
        }
        add_marks(id, p, audience);
      }
    }
    for (std::int64_t p_id = lo; p_id <= hi; ++p_id) {
      const auto n = r.between(1, 5);
      std::vector<std::pair<Date, const EntryKind*>> planned;
      for (std::int64_t i = 0; i < n; ++i) {
        auto x = r.below(100);
        const EntryKind* k = &kEntryKinds[0];
        for (const auto& candidate : kEntryKinds) {
          if (x < candidate.weight) {
            k = &candidate;
            break;
          }
          x -= candidate.weight;
        }
        planned.emplace_back(r.weekday(date(year - 1, 1, 1), date(year + 1, 1, 31)), k);
      }
      std::sort(planned.begin(), planned.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (const auto& [day, k] : planned) {
        std::optional<std::int64_t> linked;
        if (std::string_view(k->kind) == "reflection" && r.chance(0.5)) {
          linked = held[static_cast<std::size_t>(r.below(static_cast<std::int64_t>(held.size())))].first;
        }
        add_entry(p_id, k->kind, day, k->title, linked, std::string_view(k->kind) == "self_study" ? 2.0 : 0.0);
      }
    }
  }

  // The study groups: five centralized studies, two seminars and a keynote session a year, with speakers
  // among the leaders; everyone expected marked.
  std::map<std::int64_t, std::vector<std::pair<std::int64_t, Date>>> spoke;  // leader -> (activity, day)
  for (std::int64_t s = 0; s < layout.study_count; ++s) {
    const std::int64_t org = layout.study_first + s;
    const auto& members = leaders[static_cast<std::size_t>(s)];
    for (const int y : years) {
      std::vector<Planned> plan;
      for (int i = 0; i < 5; ++i) {
        const Date d = r.weekday(date(y, 1, 1), date(y, 12, 31));
        const auto days = r.between(1, 3);
        plan.push_back({d, d.add_days(static_cast<std::int32_t>(days - 1)), "centralized_study", "中心组集中学习",
                        4.0 * static_cast<double>(days)});
      }
      for (int i = 0; i < 2; ++i) {
        const Date d = r.weekday(date(y, 1, 1), date(y, 12, 31));
        plan.push_back({d, d, "seminar", "中心组专题研讨", 3});
      }
      const Date k = r.weekday(date(y, 1, 1), date(y, 12, 31));
      plan.push_back({k, k, "keynote", "中心发言交流会", 3});
      std::sort(plan.begin(), plan.end(), [](const Planned& a, const Planned& b) { return a.starts_on < b.starts_on; });
      for (const auto& p : plan) {
        const std::int64_t id = add_activity(org, p, members.front().person);
        const std::string_view kind = p.kind;
        const int speakers = kind == "keynote" ? 1 : kind == "seminar" ? 2 : (r.chance(0.7) ? static_cast<int>(r.between(1, 2)) : 0);
        int position = 0;
        for (int i = 0; i < speakers; ++i) {
          const auto by = members[static_cast<std::size_t>(r.below(static_cast<std::int64_t>(members.size())))].person;
          add_speaker(id, position++, by, "中心发言");
          spoke[by].emplace_back(id, p.starts_on);
          if (r.chance(0.05)) add_speaker(id, position++, by, "补充发言");  // the same speaker twice: one speech
        }
        std::vector<std::int64_t> audience;
        for (const auto& leader : members) {
          if (Membership{leader.since, leader.until}.covers(p.starts_on)) audience.push_back(leader.person);
        }
        add_marks(id, p, audience);
      }
    }
  }

  // Trainings at the level-2 orgs, for the leaders of the study groups in their subtree, by invitation.
  for (std::int64_t i = 0; i < layout.count[2]; ++i) {
    const std::int64_t org = layout.first[2] + i;
    std::vector<std::int64_t> invited;
    for (std::int64_t s = 0; s < layout.study_count; ++s) {
      const std::int64_t above = layout.parent[static_cast<std::size_t>(layout.study_first + s)];
      if (above == org || layout.parent[static_cast<std::size_t>(above)] == org) {
        for (const auto& leader : leaders[static_cast<std::size_t>(s)]) invited.push_back(leader.person);
      }
    }
    std::sort(invited.begin(), invited.end());
    invited.erase(std::unique(invited.begin(), invited.end()), invited.end());
    for (const int y : years) {
      std::array<std::vector<std::int64_t>, 2> audience;
      for (const auto person : invited) {
        const auto x = r.below(100);
        if (x < 45) audience[0].push_back(person);
        else if (x < 85) audience[1].push_back(person);
      }
      for (std::size_t t = 0; t < 2; ++t) {
        const Date d = r.weekday(date(y, t == 0 ? 3 : 8, 1), date(y, t == 0 ? 7 : 11, 30));
        const auto days = r.between(3, 5);
        const Planned p{d, d.add_days(static_cast<std::int32_t>(days - 1)), "training", "领导干部集中培训",
                        8.0 * static_cast<double>(days)};
        const std::int64_t id = add_activity(org, p, std::nullopt);
        for (const auto person : audience[t]) {
          invitee.bind(1, id).bind(2, person).run();
          load.row();
        }
        add_marks(id, p, audience[t]);
      }
    }
  }

  // What the leaders keep in their archives for the eight ones, once per leader.
  for (const auto& [person, groups] : leader_groups) {
    for (const int y : years) {
      const Date from = date(y, 1, 1);
      const Date to = date(y, 12, 31);
      if (r.chance(0.85)) add_entry(person, "note", r.weekday(from, to), "学习笔记", std::nullopt, 0);
      if (r.chance(0.45)) add_entry(person, "article", r.weekday(from, to), "理论文章", std::nullopt, 0);
      if (r.chance(0.55)) add_entry(person, "contact_point", r.weekday(from, to), "联系指导学习基层点", std::nullopt, 0);
      if (r.chance(0.9)) add_entry(person, "year_end_summary", r.weekday(date(y, 12, 15), to), "年度学习小结", std::nullopt, 0);
      if (r.chance(0.4)) {
        // The text of a speech: linked to a session they spoke at (the same speech), or given elsewhere.
        std::optional<std::int64_t> linked;
        Date day = r.weekday(from, to);
        for (const auto& [id, when] : spoke[person]) {
          if (when.year() == y && r.chance(0.6)) {
            linked = id;
            day = when;
            break;
          }
        }
        add_entry(person, "keynote", day, "中心发言稿", linked, 0);
      }
      if (r.chance(0.3)) {
        std::optional<std::int64_t> linked;
        Date day = r.weekday(from, to);
        for (const auto& [id, when] : lectures_given[person]) {
          if (when.year() == y && r.chance(0.5)) {
            linked = id;
            day = when;
            break;
          }
        }
        add_entry(person, "party_lecture_given", day, "党课讲稿", linked, 0);
      }
    }
  }
  load.finish();
  exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  std::printf("generated %s rows (the audited ones each with its audit row) in %.1f s\n", thousands(load.rows()).c_str(),
              seconds_since(start));
  std::fflush(stdout);
}

// ---------------------------------------------------------------------------------------------------
// The eight ones, per person: from the engine and from one SQL query

constexpr std::array<const char*, 8> kItems = {"quarterly_centralized_study", "yearly_training", "study_notebook",
                                               "theoretical_article", "keynote_speech", "party_lecture",
                                               "contact_point", "year_end_summary"};
constexpr std::array<const char*, 4> kStatusNames = {"met", "on_track", "behind", "missed"};

struct PersonResult {
  int status = 0;  // ComplianceStatus as its number: met 0, on_track 1, behind 2, missed 3
  std::array<std::int64_t, 8> actual{};
  std::array<int, 8> item_status{};
  friend bool operator==(const PersonResult&, const PersonResult&) = default;
};

std::string describe(const PersonResult& p) {
  std::string out = kStatusNames[static_cast<std::size_t>(p.status)];
  out += " [";
  for (std::size_t i = 0; i < kItems.size(); ++i) {
    out += std::string(i ? ", " : "") + kItems[i] + " " + std::to_string(p.actual[i]) + " " +
           kStatusNames[static_cast<std::size_t>(p.item_status[i])];
  }
  return out + "]";
}

std::map<Id, PersonResult> engine_results(const service::Compliance& c) {
  std::map<Id, PersonResult> out;
  for (const auto& s : c.subjects) {
    if (s.kind != core::SubjectKind::kPerson) continue;
    PersonResult p;
    p.status = static_cast<int>(s.result.status);
    for (std::size_t i = 0; i < kItems.size(); ++i) {
      const auto item = std::find_if(s.result.items.begin(), s.result.items.end(),
                                     [&](const core::ItemResult& r) { return r.item->code == kItems[i]; });
      if (item == s.result.items.end()) die(std::string("the engine's result has no item ") + kItems[i]);
      p.actual[i] = item->actual ? std::llround(*item->actual) : -1;
      p.item_status[i] = static_cast<int>(item->status);
    }
    if (!out.emplace(s.subject_id, p).second) die("the engine listed a person twice (more than one set attached?)");
  }
  return out;
}

// The eight ones written by hand for this schema, for every person bound: ?1 the root org, ?2 and ?3 the
// first and last day of the year, ?4 as_of. Statuses are numbers, 0 met, 1 on track, 2 behind, 3 missed;
// the rules are those of docs/api.md §14: a period not begun is on track; reached is met; over and not
// reached is missed; otherwise on track if what is still scheduled (activities the person is expected
// at later in the period; an archive entry can always still be written) can reach it, else behind.
constexpr const char* kEightOnesSql = R"SQL(
WITH
-- Everyone bound: a member of a study group of the subtree during the year, from their first to their
-- last day as such within the year.
bound (pid, b_from, b_to) AS (
  SELECT m.person_id, max(min(m.since), ?2), min(max(coalesce(m.until, '9999-12-31')), ?3)
  FROM org_closure c JOIN orgs o ON o.id = c.descendant_id AND o.kind = 'study_group'
  JOIN memberships m ON m.org_id = c.descendant_id AND m.since <= ?3 AND (m.until IS NULL OR m.until >= ?2)
  WHERE c.ancestor_id = ?1
  GROUP BY m.person_id),
-- The centralized studies and trainings of the year each was expected at (a member of the activity's org
-- on its first day, or invited), and whether they attended (present or late).
expected (pid, aid, kind, starts_on, attended) AS (
  SELECT b.pid, a.id, a.kind, a.starts_on, t.status IN ('present', 'late')
  FROM bound b CROSS JOIN memberships m ON m.person_id = b.pid
  CROSS JOIN activities a ON a.org_id = m.org_id AND a.starts_on >= ?2 AND a.starts_on <= ?3
    AND m.since <= a.starts_on AND (m.until IS NULL OR m.until >= a.starts_on)
    AND a.kind IN ('centralized_study', 'training')
  LEFT JOIN attendance t ON t.activity_id = a.id AND t.person_id = b.pid
  UNION
  SELECT b.pid, a.id, a.kind, a.starts_on, t.status IN ('present', 'late')
  FROM bound b CROSS JOIN activity_invitees i ON i.person_id = b.pid
  CROSS JOIN activities a ON a.id = i.activity_id AND a.starts_on >= ?2 AND a.starts_on <= ?3
    AND a.kind IN ('centralized_study', 'training')
  LEFT JOIN attendance t ON t.activity_id = a.id AND t.person_id = b.pid),
quarters (q, q_from, q_to) AS (
  SELECT 1, ?2, date(?2, '+3 months', '-1 day')
  UNION ALL SELECT q + 1, date(q_from, '+3 months'), date(q_from, '+6 months', '-1 day') FROM quarters WHERE q < 4),
-- 每季度参加一次集中学习: per quarter, centralized studies attended by as_of, and those still to come.
per_quarter (pid, q, attended, later) AS (
  SELECT pid, (CAST(substr(starts_on, 6, 2) AS INTEGER) + 2) / 3,
         count(DISTINCT CASE WHEN attended AND starts_on <= ?4 THEN aid END),
         count(DISTINCT CASE WHEN starts_on > ?4 THEN aid END)
  FROM expected WHERE kind = 'centralized_study' GROUP BY 1, 2),
-- The quarters the person was bound in, each with its status.
quarter_status (pid, over, attended, st) AS (
  SELECT b.pid, k.q_to <= ?4, coalesce(x.attended, 0),
         CASE WHEN k.q_from > ?4 THEN 1
              WHEN coalesce(x.attended, 0) >= 1 THEN 0
              WHEN k.q_to <= ?4 THEN 3
              WHEN coalesce(x.attended, 0) + coalesce(x.later, 0) >= 1 THEN 1
              ELSE 2 END
  FROM bound b JOIN quarters k ON k.q_to >= b.b_from AND k.q_from <= b.b_to
  LEFT JOIN per_quarter x ON x.pid = b.pid AND x.q = k.q),
-- The item: quarters met ("3 / 4"; the count itself when bound in one quarter only); a missed quarter
-- makes it behind until every quarter is over, then missed.
quarterly (pid, actual, st) AS (
  SELECT pid, CASE WHEN count(*) = 1 THEN max(attended) ELSE sum(st = 0) END,
         CASE WHEN max(st = 3) THEN CASE WHEN min(over) THEN 3 ELSE 2 END
              WHEN max(st = 2) THEN 2 WHEN min(st = 0) THEN 0 ELSE 1 END
  FROM quarter_status GROUP BY pid),
-- 每年参加一次集中培训.
training (pid, attended, later) AS (
  SELECT pid, count(DISTINCT CASE WHEN attended AND starts_on <= ?4 THEN aid END),
         count(DISTINCT CASE WHEN starts_on > ?4 THEN aid END)
  FROM expected WHERE kind = 'training' GROUP BY pid),
-- Speeches: sessions spoken at by as_of, each once however many times the person is listed.
spoken (pid, aid, kind) AS (
  SELECT DISTINCT sp.person_id, a.id, a.kind
  FROM bound b CROSS JOIN activity_speakers sp ON sp.person_id = b.pid CROSS JOIN activities a ON a.id = sp.activity_id
  WHERE a.starts_on >= ?2 AND a.starts_on <= min(?3, ?4)
    AND a.kind IN ('centralized_study', 'keynote', 'seminar', 'party_lecture')),
speeches (pid, keynotes, lectures) AS (
  SELECT pid, sum(kind <> 'party_lecture'), sum(kind = 'party_lecture') FROM spoken GROUP BY pid),
-- Archive entries dated in the year by as_of; the text of a speech already counted is not a second one.
entries (pid, notes, articles, keynotes, lectures, contacts, summaries) AS (
  SELECT e.person_id, sum(e.kind = 'note'), sum(e.kind = 'article'),
         sum(e.kind = 'keynote' AND NOT EXISTS (
           SELECT 1 FROM activity_speakers sp JOIN activities a ON a.id = sp.activity_id
           WHERE sp.activity_id = e.activity_id AND sp.person_id = e.person_id
             AND a.kind IN ('centralized_study', 'keynote', 'seminar') AND a.starts_on >= ?2 AND a.starts_on <= min(?3, ?4))),
         sum(e.kind = 'party_lecture_given' AND NOT EXISTS (
           SELECT 1 FROM activity_speakers sp JOIN activities a ON a.id = sp.activity_id
           WHERE sp.activity_id = e.activity_id AND sp.person_id = e.person_id
             AND a.kind = 'party_lecture' AND a.starts_on >= ?2 AND a.starts_on <= min(?3, ?4))),
         sum(e.kind = 'contact_point'), sum(e.kind = 'year_end_summary')
  FROM bound b JOIN archive_entries e ON e.person_id = b.pid AND e.date >= ?2 AND e.date <= min(?3, ?4)
  WHERE e.kind IN ('note', 'article', 'keynote', 'party_lecture_given', 'contact_point', 'year_end_summary')
  GROUP BY e.person_id),
counts (pid, quarters, quarters_st, trainings, trainings_later, notes, articles, keynotes, lectures, contacts,
        summaries) AS (
  SELECT b.pid, coalesce(q.actual, 0), coalesce(q.st, 0), coalesce(t.attended, 0), coalesce(t.later, 0),
         coalesce(e.notes, 0), coalesce(e.articles, 0), coalesce(s.keynotes, 0) + coalesce(e.keynotes, 0),
         coalesce(s.lectures, 0) + coalesce(e.lectures, 0), coalesce(e.contacts, 0), coalesce(e.summaries, 0)
  FROM bound b LEFT JOIN quarterly q ON q.pid = b.pid LEFT JOIN training t ON t.pid = b.pid
  LEFT JOIN speeches s ON s.pid = b.pid LEFT JOIN entries e ON e.pid = b.pid),
-- One year, at least one: yearly items by their count.
statuses AS (
  SELECT *,
    CASE WHEN ?2 > ?4 THEN 1 WHEN trainings >= 1 THEN 0 WHEN ?3 <= ?4 THEN 3
         WHEN trainings + trainings_later >= 1 THEN 1 ELSE 2 END AS trainings_st,
    CASE WHEN ?2 > ?4 THEN 1 WHEN notes >= 1 THEN 0 WHEN ?3 <= ?4 THEN 3 ELSE 1 END AS notes_st,
    CASE WHEN ?2 > ?4 THEN 1 WHEN articles >= 1 THEN 0 WHEN ?3 <= ?4 THEN 3 ELSE 1 END AS articles_st,
    CASE WHEN ?2 > ?4 THEN 1 WHEN keynotes >= 1 THEN 0 WHEN ?3 <= ?4 THEN 3 ELSE 1 END AS keynotes_st,
    CASE WHEN ?2 > ?4 THEN 1 WHEN lectures >= 1 THEN 0 WHEN ?3 <= ?4 THEN 3 ELSE 1 END AS lectures_st,
    CASE WHEN ?2 > ?4 THEN 1 WHEN contacts >= 1 THEN 0 WHEN ?3 <= ?4 THEN 3 ELSE 1 END AS contacts_st,
    CASE WHEN ?2 > ?4 THEN 1 WHEN summaries >= 1 THEN 0 WHEN ?3 <= ?4 THEN 3 ELSE 1 END AS summaries_st
  FROM counts)
SELECT pid,
       max(quarters_st, trainings_st, notes_st, articles_st, keynotes_st, lectures_st, contacts_st, summaries_st),
       quarters, quarters_st, trainings, trainings_st, notes, notes_st, articles, articles_st, keynotes, keynotes_st,
       lectures, lectures_st, contacts, contacts_st, summaries, summaries_st
FROM statuses ORDER BY pid
)SQL";

std::map<Id, PersonResult> sql_results(sqlite3* db, Id root, int year, Date as_of) {
  Raw s(db, kEightOnesSql);
  s.bind(1, root).bind(2, date(year, 1, 1)).bind(3, date(year, 12, 31)).bind(4, as_of);
  std::map<Id, PersonResult> out;
  while (s.step()) {
    PersonResult p;
    p.status = static_cast<int>(s.int64(1));
    for (std::size_t i = 0; i < kItems.size(); ++i) {
      p.actual[i] = s.int64(static_cast<int>(2 + 2 * i));
      p.item_status[i] = static_cast<int>(s.int64(static_cast<int>(3 + 2 * i)));
    }
    out.emplace(s.int64(0), p);
  }
  return out;
}

/// Where the engine's time goes: the steps of RequirementService::evaluate for a person subject, timed
/// apart in one read transaction (the subject query, the facts queries, the evaluation in C++).
struct Breakdown {
  double bound = 0;
  double facts = 0;
  double evaluate = 0;
};

Breakdown engine_breakdown(service::Database& db, const core::RequirementDocument& doc, Id root, int year, Date as_of,
                           std::optional<Id> person) {
  Breakdown b;
  const core::DateSpan span{date(year, 1, 1), date(year, 12, 31)};
  const auto status = db.read([&](service::Repositories& repos) -> core::Status {
    auto start = SteadyClock::now();
    const auto people = repos.compliance().bound_people(root, doc.subject, span, person);
    b.bound = seconds_since(start);
    std::vector<Id> ids;
    for (const auto& p : people) ids.push_back(p.person_id);
    start = SteadyClock::now();
    auto facts = repos.compliance().person_facts(ids, span);
    b.facts = seconds_since(start);
    start = SteadyClock::now();
    std::size_t items = 0;
    for (const auto& p : people) {
      auto& f = facts[p.person_id];
      f.bound = p.bound;
      items += core::evaluate_person(doc, year, as_of, f).items.size();
    }
    b.evaluate = seconds_since(start);
    if (items != people.size() * kItems.size()) die("unexpected number of items in the breakdown");
    return core::Ok{};
  });
  if (!status) die("the breakdown's read failed");
  return b;
}

class FixedClock final : public core::Clock {
 public:
  explicit FixedClock(core::Timestamp at) : at_(at) {}
  core::Timestamp now() const override { return at_; }

 private:
  core::Timestamp at_;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size()))) - 1;
  return v[std::min(i, v.size() - 1)];
}

std::string list_ms(const std::vector<double>& v) {
  std::string out;
  for (const double x : v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%.1f", out.empty() ? "" : ", ", x * 1000);
    out += buf;
  }
  return out + " ms";
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  spdlog::set_level(spdlog::level::warn);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const std::string signature_path = o.db + ".bench";

  std::printf("compliance_bench: %s people, year %d as of %s, seed %llu, database %s\n", thousands(o.people).c_str(),
              o.year, o.as_of.to_string().c_str(), static_cast<unsigned long long>(o.seed), o.db.c_str());
  if (o.reuse && std::filesystem::exists(o.db)) {
    std::ifstream in(signature_path);
    const std::string found((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (found != o.signature()) {
      die(o.db + " was not generated with these options (" + signature_path + " says: " + found +
          "); remove it or change the options");
    }
    std::printf("reusing the generated database (--reuse)\n");
  } else {
    for (const auto& suffix : {"", "-wal", "-shm", ".bench"}) std::filesystem::remove(o.db + suffix);
    std::printf(
        "generating: schema through SqliteDatabase (migrations, audit triggers, durability normal), rows through raw\n"
        "prepared statements in transactions of %s rows; the audit triggers stay on and write their rows through the\n"
        "real xuefeng_audit/xuefeng_sha256 functions, registered on the loading connection with a context naming the\n"
        "use case '%s'\n",
        thousands(Loader::kRowsPerTransaction).c_str(), kUseCase);
    const auto start = SteadyClock::now();
    const pid_t child = fork();
    if (child < 0) die("fork failed");
    if (child == 0) {
      try {
        service::crypto::init();
        generate(o);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "generation failed: %s\n", e.what());
        _exit(1);
      }
      _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) die("generation failed");
    std::ofstream(signature_path) << o.signature();
    std::printf("generation: %.1f s, peak RSS of the generating process %.0f MiB\n", seconds_since(start),
                static_cast<double>(peak_rss_kib(RUSAGE_CHILDREN)) / 1024);
  }

  std::uintmax_t bytes = 0;
  for (const auto& suffix : {"", "-wal"}) {
    if (std::filesystem::exists(o.db + suffix)) bytes += std::filesystem::file_size(o.db + suffix);
  }
  const Layout layout(o.people);
  const Id root = layout.first[1];

  // Counts and the sample for the single-person figure, read on a connection of their own.
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(o.db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) die("cannot open " + o.db);
  exec(raw, "PRAGMA cache_size = -32768");  // as each reader connection of the application
  exec(raw, "PRAGMA temp_store = MEMORY");
  std::printf("database: %.2f GiB; %s orgs (levels 1-5: %s, %s, %s, %s, %s; %s study groups), %s people, %s memberships,\n"
              "  %s activities, %s attendance marks, %s archive entries, %s speakers, %s invitees, %s audit rows\n",
              static_cast<double>(bytes) / (1024.0 * 1024 * 1024), thousands(scalar(raw, "SELECT count(*) FROM orgs")).c_str(),
              thousands(layout.count[1]).c_str(), thousands(layout.count[2]).c_str(), thousands(layout.count[3]).c_str(),
              thousands(layout.count[4]).c_str(), thousands(layout.count[5]).c_str(), thousands(layout.study_count).c_str(),
              thousands(scalar(raw, "SELECT count(*) FROM people")).c_str(),
              thousands(scalar(raw, "SELECT count(*) FROM memberships")).c_str(),
              thousands(scalar(raw, "SELECT count(*) FROM activities")).c_str(),
              thousands(scalar(raw, "SELECT count(*) FROM attendance")).c_str(),
              thousands(scalar(raw, "SELECT count(*) FROM archive_entries")).c_str(),
              thousands(scalar(raw, "SELECT count(*) FROM activity_speakers")).c_str(),
              thousands(scalar(raw, "SELECT count(*) FROM activity_invitees")).c_str(),
              thousands(scalar(raw, "SELECT max(id) FROM audit_log")).c_str());

  // The application over the file, "now" being the evening of as_of.
  service::crypto::init();
  store::sqlite::SqliteOptions options;
  options.path = o.db;
  options.durability = store::sqlite::Durability::kNormal;
  store::sqlite::SqliteDatabase database(options);
  FixedClock clock(core::Timestamp::from_micros(micros_at(o.as_of, 20)));
  service::ServiceContext context(database, clock, service::ServiceConfig{});
  http::JsonRequirementCodec codec;
  service::Services services(context, codec);
  const auto system = service::Actor::system();

  // Only the eight ones, attached to the root: earlier runs' sets are removed first.
  for (;;) {
    const auto page = ok(services.requirements.list(system, std::nullopt, service::PageRequest{100, std::nullopt}), "requirements.list");
    if (page.items.empty()) break;
    for (const auto& set : page.items) {
      if (!services.requirements.remove(system, set.id, std::nullopt)) die("requirements.delete failed");
    }
  }
  service::NewRequirementSet input;
  input.org_id = root;
  input.template_code = "eight_ones";
  const auto set = ok(services.requirements.create(system, input), "requirements.create");
  std::printf("requirement set %lld: template eight_ones (%s) on org %lld, the root\n", static_cast<long long>(set.id),
              set.document.name.c_str(), static_cast<long long>(root));

  // The same use cases with nothing kept between requests: every evaluation reads its facts from SQLite.
  service::ServiceConfig uncached_config;
  uncached_config.fact_cache_capacity = 0;
  service::ServiceContext uncached_context(database, clock, uncached_config);
  service::Services uncached(uncached_context, codec);

  // (a) and (b): the whole subtree. First the engine with an empty cache (cold) and the SQL once each,
  // untimed as a pair; then alternately the engine from its cache (warm), the engine without a cache, and
  // the SQL.
  std::vector<double> engine_times, uncached_times, sql_times;
  std::map<Id, PersonResult> by_engine, by_sql;
  double cold = 0;
  for (int run = 0; run <= o.runs; ++run) {
    // Without a cache first, so that the first run does not also pay for reading the file into memory.
    auto start = SteadyClock::now();
    const auto u = ok(uncached.requirements.org_compliance(system, root, o.year, o.as_of), "org_compliance (no cache)");
    const double engine_uncached = seconds_since(start);
    start = SteadyClock::now();
    const auto c = ok(services.requirements.org_compliance(system, root, o.year, o.as_of), "org_compliance");
    const double engine = seconds_since(start);
    start = SteadyClock::now();
    auto s = sql_results(raw, root, o.year, o.as_of);
    const double sql = seconds_since(start);
    if (run == 0) {
      cold = engine;
      by_engine = engine_results(c);
      by_sql = std::move(s);
      std::printf("first runs: engine without a cache %.1f ms, then with an empty cache (cold) %.1f ms, SQL %.1f ms\n",
                  engine_uncached * 1000, engine * 1000, sql * 1000);
    } else {
      if (engine_results(c) != by_engine || engine_results(u) != by_engine) {
        std::printf("FAILED: the engine's answer changed between runs with no write in between\n");
        return 1;
      }
      engine_times.push_back(engine);
      uncached_times.push_back(engine_uncached);
      sql_times.push_back(sql);
    }
  }

  // Agreement, person by person.
  std::array<std::int64_t, 4> mix{};
  std::array<std::array<std::int64_t, 4>, 8> item_mix{};
  for (const auto& [id, p] : by_engine) {
    ++mix[static_cast<std::size_t>(p.status)];
    for (std::size_t i = 0; i < kItems.size(); ++i) ++item_mix[i][static_cast<std::size_t>(p.item_status[i])];
  }
  std::printf("bound people: %s (met %s, on_track %s, behind %s, missed %s)\n", thousands(static_cast<std::int64_t>(by_engine.size())).c_str(),
              thousands(mix[0]).c_str(), thousands(mix[1]).c_str(), thousands(mix[2]).c_str(), thousands(mix[3]).c_str());
  for (std::size_t i = 0; i < kItems.size(); ++i) {
    std::printf("  %-28s met %6lld  on_track %6lld  behind %6lld  missed %6lld\n", kItems[i],
                static_cast<long long>(item_mix[i][0]), static_cast<long long>(item_mix[i][1]),
                static_cast<long long>(item_mix[i][2]), static_cast<long long>(item_mix[i][3]));
  }
  int differences = 0;
  for (const auto& [id, p] : by_engine) {
    const auto other = by_sql.find(id);
    if (other == by_sql.end()) {
      if (++differences <= 10) std::printf("DISAGREE person %lld: in the engine's result only\n", static_cast<long long>(id));
    } else if (!(other->second == p)) {
      if (++differences <= 10) {
        std::printf("DISAGREE person %lld:\n  engine %s\n  SQL    %s\n", static_cast<long long>(id), describe(p).c_str(),
                    describe(other->second).c_str());
      }
    }
  }
  for (const auto& [id, p] : by_sql) {
    if (!by_engine.count(id) && ++differences <= 10) {
      std::printf("DISAGREE person %lld: in the SQL's result only\n", static_cast<long long>(id));
    }
  }
  if (differences > 0 || by_engine.empty()) {
    std::printf("FAILED: the engine and the SQL disagree on %d of %zu people\n", differences, by_engine.size());
    return 1;
  }
  std::printf("agreement: all %s people compared (status and each item's figure and status): identical\n",
              thousands(static_cast<std::int64_t>(by_engine.size())).c_str());

  const double engine = median(engine_times);
  const double sql = median(sql_times);
  std::printf("engine (RequirementService::org_compliance), facts from its cache: %s, median %.1f ms\n",
              list_ms(engine_times).c_str(), engine * 1000);
  std::printf("engine without a cache (fact_cache_capacity 0):  %s, median %.1f ms (%.2fx the SQL's time)\n",
              list_ms(uncached_times).c_str(), median(uncached_times) * 1000, median(uncached_times) / sql);
  std::printf("engine with an empty cache (its first run):     %.1f ms (%.2fx the SQL's time)\n", cold * 1000, cold / sql);
  std::printf("SQL (one query, same connection settings):      %s, median %.1f ms\n", list_ms(sql_times).c_str(), sql * 1000);
  if (engine < sql) {
    std::printf("ratio: the engine is %.2fx faster than the SQL (target: at least 10x) %s\n", sql / engine,
                sql / engine >= 10 ? "MET" : "NOT MET");
  } else {
    std::printf("ratio: the engine is SLOWER than the SQL: %.2fx the SQL's time (target: 10x faster) NOT MET\n",
                engine / sql);
  }

  {
    std::vector<Breakdown> parts;
    for (int run = 0; run < o.runs; ++run) parts.push_back(engine_breakdown(database, set.document, root, o.year, o.as_of, std::nullopt));
    auto part = [&](double Breakdown::*field) {
      std::vector<double> v;
      for (const auto& b : parts) v.push_back(b.*field);
      return median(v) * 1000;
    };
    std::printf("  the engine's steps, timed apart (medians): subject query (bound_people) %.1f ms, facts queries "
                "(person_facts) %.1f ms, evaluation in C++ (evaluate_person) %.1f ms\n",
                part(&Breakdown::bound), part(&Breakdown::facts), part(&Breakdown::evaluate));
  }

  // (c) One person after a new mark: a leader expected at a centralized study of their study group.
  Id activity_id = 0, person_id = 0;
  std::optional<core::AttendanceStatus> original;
  {
    Raw s(raw,
          "SELECT a.id, m.person_id, t.status FROM orgs o JOIN activities a ON a.org_id = o.id "
          "JOIN memberships m ON m.org_id = a.org_id AND m.since <= a.starts_on AND (m.until IS NULL OR m.until >= a.starts_on) "
          "LEFT JOIN attendance t ON t.activity_id = a.id AND t.person_id = m.person_id "
          "WHERE o.kind = 'study_group' AND a.kind = 'centralized_study' AND a.starts_on >= ?1 AND a.starts_on <= ?2 "
          "ORDER BY a.id, m.person_id LIMIT 1");
    s.bind(1, date(o.year, 1, 1)).bind(2, o.as_of);
    if (!s.step()) die("no centralized study to mark");
    activity_id = s.int64(0);
    person_id = s.int64(1);
    if (!s.is_null(2)) original = core::parse_code<core::AttendanceStatus>(s.text(2));
  }
  auto counted = [&](const service::Compliance& c) {
    for (const auto& subject : c.subjects) {
      if (subject.subject_id != person_id) continue;
      for (const auto& item : subject.result.items) {
        if (item.item->code != kItems[0]) continue;
        const auto& ids = item.records.activities;
        return std::find(ids.begin(), ids.end(), activity_id) != ids.end();
      }
    }
    die("the person's compliance has no quarterly_centralized_study item");
  };
  std::vector<double> read_times, write_times;
  ok(services.requirements.person_compliance(system, person_id, o.year, o.as_of), "person_compliance");  // warm
  for (int i = 0; i < o.repetitions; ++i) {
    const bool present = i % 2 == 0;
    auto start = SteadyClock::now();
    ok(services.activities.set_marks(system, activity_id,
                                     {{person_id, present ? core::AttendanceStatus::kPresent : core::AttendanceStatus::kAbsent, ""}}),
       "set_marks");
    write_times.push_back(seconds_since(start));
    start = SteadyClock::now();
    const auto c = ok(services.requirements.person_compliance(system, person_id, o.year, o.as_of), "person_compliance");
    read_times.push_back(seconds_since(start));
    if (counted(c) != present) {
      die("the new mark (" + std::string(present ? "present" : "absent") + ") did not show in person " +
          std::to_string(person_id) + "'s compliance");
    }
  }
  // (d) The whole subtree right after a new mark: the cache drops that one person and reads them again.
  std::vector<double> org_after_mark;
  for (int i = 0; i < 20; ++i) {
    const bool present = i % 2 == 0;
    ok(services.activities.set_marks(system, activity_id,
                                     {{person_id, present ? core::AttendanceStatus::kPresent : core::AttendanceStatus::kAbsent, ""}}),
       "set_marks");
    const auto start = SteadyClock::now();
    const auto c = ok(services.requirements.org_compliance(system, root, o.year, o.as_of), "org_compliance");
    org_after_mark.push_back(seconds_since(start));
    if (counted(c) != present) die("the new mark did not show in the whole subtree's compliance");
  }
  ok(services.activities.set_marks(system, activity_id, {{person_id, original, ""}}), "set_marks (restoring)");
  std::vector<Breakdown> person_parts;
  for (int i = 0; i < 50; ++i) person_parts.push_back(engine_breakdown(database, set.document, root, o.year, o.as_of, person_id));
  const double read_median = median(read_times);
  const double read_p99 = percentile(read_times, 0.99);
  std::printf("one person (%lld) after a new mark on activity %lld, %d times alternating present/absent, each shown:\n"
              "  person_compliance median %.3f ms, p99 %.3f ms (target under 1 ms: median %s, p99 %s); "
              "set_marks median %.3f ms\n",
              static_cast<long long>(person_id), static_cast<long long>(activity_id), o.repetitions, read_median * 1000,
              read_p99 * 1000, read_median < 0.001 ? "MET" : "NOT MET", read_p99 < 0.001 ? "MET" : "NOT MET",
              median(write_times) * 1000);
  {
    auto part = [&](double Breakdown::*field) {
      std::vector<double> v;
      for (const auto& b : person_parts) v.push_back(b.*field);
      return median(v) * 1000;
    };
    std::printf("  its steps, timed apart (medians of 50): subject query (bound_people for one person) %.3f ms, facts "
                "queries %.3f ms, evaluation %.3f ms\n",
                part(&Breakdown::bound), part(&Breakdown::facts), part(&Breakdown::evaluate));
  }

  std::printf("the whole subtree right after a new mark (20 times, each shown): org_compliance median %.1f ms, "
              "max %.1f ms (%.1fx faster than the SQL)\n",
              median(org_after_mark) * 1000, *std::max_element(org_after_mark.begin(), org_after_mark.end()) * 1000,
              sql / median(org_after_mark));
  {
    const auto k = services.requirements.fact_cache().counters();
    std::printf("fact cache: %lld hits, %lld misses, %lld dropped by writes, %lld catch-ups, %lld subject lists read, "
                "%lld times cleared\n",
                static_cast<long long>(k.hits), static_cast<long long>(k.misses), static_cast<long long>(k.invalidated),
                static_cast<long long>(k.catch_ups), static_cast<long long>(k.subject_reads),
                static_cast<long long>(k.clears));
  }

  std::printf("peak RSS of the measuring process so far: %.0f MiB\n",
              static_cast<double>(peak_rss_kib(RUSAGE_SELF)) / 1024);
  {
    // For the record, not a target: the supervisors' ranking of the root's child units and the year-end
    // review of the root, which add each unit's participation (SQL over its subtree) to the compliance.
    auto start = SteadyClock::now();
    const auto units = ok(services.requirements.units(system, root, o.year, o.as_of, service::UnitOrder::kCompliantShare, false),
                          "units");
    const double units_cold = seconds_since(start);
    start = SteadyClock::now();
    ok(services.requirements.units(system, root, o.year, o.as_of, service::UnitOrder::kCompliantShare, false), "units");
    const double units_warm = seconds_since(start);
    start = SteadyClock::now();
    ok(services.requirements.review(system, root, o.year, o.as_of), "review");
    std::printf("the root's %zu child units ranked: %.1f ms with the orgs' facts not yet kept, %.1f ms once they are; "
                "the root's year-end review (as data): %.1f ms\n",
                units.units.size(), units_cold * 1000, units_warm * 1000, seconds_since(start) * 1000);
  }

  sqlite3_close(raw);
  if (o.verify_audit) {
    const auto start = SteadyClock::now();
    const auto v = database.verify_audit_trail();
    const std::string verdict = v.first_broken_id == 0
                                    ? "the hash chain holds"
                                    : "BROKEN at row " + std::to_string(v.first_broken_id) + ": " + v.reason;
    std::printf("audit trail: %s rows checked, %s (%.1f s)\n", thousands(v.rows).c_str(), verdict.c_str(),
                seconds_since(start));
  }
  std::printf("peak RSS of the measuring process: %.0f MiB\n", static_cast<double>(peak_rss_kib(RUSAGE_SELF)) / 1024);
  return 0;
}
