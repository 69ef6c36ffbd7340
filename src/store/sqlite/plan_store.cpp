#include <map>

#include "store/sqlite/columns.hpp"
#include "store/sqlite/repositories.hpp"

namespace xuefeng::store::sqlite {
namespace {

#define PLAN_COLUMNS "p.id, p.org_id, p.year, p.title, p.version, p.created_at, p.updated_at"

core::Plan read_plan(const Statement& s) {
  core::Plan p;
  p.id = s.int64(0);
  p.org_id = s.int64(1);
  p.year = s.int32(2);
  p.title = s.text(3);
  p.version = s.int64(4);
  p.created_at = s.timestamp(5);
  p.updated_at = s.timestamp(6);
  return p;
}

}  // namespace

void SqlitePlanRepository::load_topics(std::vector<core::Plan>& plans) {
  if (plans.empty()) return;
  std::vector<Id> ids;
  std::map<Id, core::Plan*> by_id;
  for (auto& p : plans) {
    ids.push_back(p.id);
    by_id[p.id] = &p;
  }
  auto s = c_.prepare("SELECT t.plan_id, t.id, t.title, t.description FROM topics t "
                      "WHERE t.plan_id IN (SELECT value FROM json_each(?)) ORDER BY t.plan_id, t.position");
  s.bind(1, id_array(ids));
  while (s.step()) by_id[s.int64(0)]->topics.push_back({s.int64(1), s.text(2), s.text(3)});
}

std::optional<core::Plan> SqlitePlanRepository::find(Id id) {
  std::vector<core::Plan> plans;
  {
    auto s = c_.prepare("SELECT " PLAN_COLUMNS " FROM plans p WHERE p.id = ?");
    s.bind(1, id);
    if (s.step()) plans.push_back(read_plan(s));
  }
  if (plans.empty()) return std::nullopt;
  load_topics(plans);
  return std::move(plans.front());
}

std::optional<core::Plan> SqlitePlanRepository::find_by_org_year(Id org_id, int year) {
  std::vector<core::Plan> plans;
  {
    auto s = c_.prepare("SELECT " PLAN_COLUMNS " FROM plans p WHERE p.org_id = ? AND p.year = ?");
    s.bind(1, org_id).bind(2, year);
    if (s.step()) plans.push_back(read_plan(s));
  }
  if (plans.empty()) return std::nullopt;
  load_topics(plans);
  return std::move(plans.front());
}

Id SqlitePlanRepository::insert(core::Plan& plan) {
  {
    auto s = c_.prepare(
        "INSERT INTO plans (org_id, year, title, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)");
    s.bind(1, plan.org_id).bind(2, plan.year).bind(3, plan.title).bind(4, plan.created_at).bind(5, plan.updated_at);
    s.run();
  }
  plan.id = c_.last_insert_id();
  int position = 0;
  for (auto& t : plan.topics) {
    auto s = c_.prepare("INSERT INTO topics (plan_id, position, title, description) VALUES (?, ?, ?, ?)");
    s.bind(1, plan.id).bind(2, position++).bind(3, t.title).bind(4, t.description).run();
    t.id = c_.last_insert_id();
  }
  return plan.id;
}

void SqlitePlanRepository::update(const core::Plan& plan) {
  auto s = c_.prepare("UPDATE plans SET title = ?, updated_at = ?, version = version + 1 WHERE id = ?");
  s.bind(1, plan.title).bind(2, plan.updated_at).bind(3, plan.id).run();
}

void SqlitePlanRepository::replace_topics(core::Plan& plan) {
  std::vector<Id> kept;
  for (const auto& t : plan.topics) {
    if (t.id != 0) kept.push_back(t.id);
  }
  {
    auto s = c_.prepare("DELETE FROM topics WHERE plan_id = ? AND id NOT IN (SELECT value FROM json_each(?))");
    s.bind(1, plan.id).bind(2, id_array(kept)).run();
  }
  int position = 0;
  for (auto& t : plan.topics) {
    if (t.id != 0) {
      auto s = c_.prepare("UPDATE topics SET position = ?, title = ?, description = ? WHERE id = ?");
      s.bind(1, position++).bind(2, t.title).bind(3, t.description).bind(4, t.id).run();
    } else {
      auto s = c_.prepare("INSERT INTO topics (plan_id, position, title, description) VALUES (?, ?, ?, ?)");
      s.bind(1, plan.id).bind(2, position++).bind(3, t.title).bind(4, t.description).run();
      t.id = c_.last_insert_id();
    }
  }
}

// Visible: everything (?4), in the visible subtrees (?5), or of an org the person (?6) belongs to on ?7.
#define PLAN_VISIBLE \
  " AND (?4 OR " IN_SUBTREES("p.org_id", "?5") " OR " MEMBER_OF("p.org_id", "?6", "?7") ")"

std::vector<core::Plan> SqlitePlanRepository::list(std::optional<Id> org_id, std::optional<int> year,
                                                   const service::Visibility& visible, const PageRequest& page) {
  const Id after = page.after ? page.after->id : 0;
  std::vector<core::Plan> plans;
  auto run = [&](Statement& s) {
    s.bind(3, after);
    bind_visibility(s, 4, 5, 6, visible);
    s.bind(7, visible.today).bind(8, page.limit + 1);
    while (s.step()) plans.push_back(read_plan(s));
  };
  if (org_id) {
    auto s = c_.prepare("SELECT " PLAN_COLUMNS " FROM plans p WHERE p.org_id = ?1 AND (?2 IS NULL OR p.year = ?2) "
                        "AND p.id > ?3" PLAN_VISIBLE " ORDER BY p.id LIMIT ?8");
    s.bind(1, *org_id).bind(2, year);
    run(s);
  } else if (year) {
    auto s = c_.prepare("SELECT " PLAN_COLUMNS " FROM plans p WHERE p.year = ?2 AND p.id > ?3" PLAN_VISIBLE
                        " ORDER BY p.id LIMIT ?8");
    s.bind(2, *year);
    run(s);
  } else {
    auto s = c_.prepare("SELECT " PLAN_COLUMNS " FROM plans p WHERE p.id > ?3" PLAN_VISIBLE " ORDER BY p.id LIMIT ?8");
    run(s);
  }
  load_topics(plans);
  return plans;
}

std::int64_t SqlitePlanRepository::topic_usage(Id topic_id) {
  auto s = c_.prepare("SELECT count(*) FROM activities WHERE topic_id = ?");
  s.bind(1, topic_id);
  return s.step() ? s.int64(0) : 0;
}

}  // namespace xuefeng::store::sqlite
