#include "service/fact_cache.hpp"

#include <algorithm>

namespace xuefeng::service {
namespace {

// Further behind than this many trail rows (a roster import, a restore), dropping everything is cheaper
// than reading what each row touched.
constexpr std::int64_t kCatchUpLimit = 200'000;
// Lists of bound subjects kept at most; each is one set over one subtree in one year.
constexpr std::size_t kSubjectLists = 4'096;

}  // namespace

FactCache::FactCache(std::size_t capacity) : capacity_(capacity) {}

std::int64_t FactCache::catch_up(ComplianceQueries& queries) {
  const auto mark = queries.change_mark();
  if (capacity_ == 0) return mark;
  std::int64_t seen = 0;
  {
    std::lock_guard lock(mutex_);
    if (mark <= mark_) return mark;  // up to date, or this transaction is older than the cache
    if (mark_ < 0) {
      mark_ = mark;  // empty: nothing to drop
      return mark;
    }
    if (mark - mark_ > kCatchUpLimit) {
      clear();
      counters_.clears += 1;
      mark_ = mark;
      return mark;
    }
    seen = mark_;
  }
  // Read outside the lock: the other readers go on meanwhile (and cannot store while behind `mark`).
  const auto touched = queries.touched(seen, mark);
  std::lock_guard lock(mutex_);
  // Another reader may have caught up meanwhile: to `mark` or past it (nothing left to do), or part of the
  // way, which what was read here covers too.
  if (mark_ >= mark || mark_ < seen) return mark;
  counters_.catch_ups += 1;
  for (const auto id : touched.people) erase(people_, id);
  for (const auto id : touched.orgs) erase(orgs_, id);
  if (touched.subjects) {
    bound_people_.clear();
    bound_orgs_.clear();
  }
  mark_ = mark;
  return mark;
}

void FactCache::clear() {
  people_ = {};
  orgs_ = {};
  bound_people_.clear();
  bound_orgs_.clear();
}

template <typename Facts>
void FactCache::erase(Shelf<Facts>& shelf, Id id) {
  const auto it = shelf.by_id.find(id);
  if (it == shelf.by_id.end()) return;
  shelf.size -= it->second.size();
  counters_.invalidated += static_cast<std::int64_t>(it->second.size());
  shelf.by_id.erase(it);
}

template <typename Facts>
void FactCache::store(Shelf<Facts>& shelf, Id id, int year, std::shared_ptr<const Facts> facts) {
  auto& years = shelf.by_id[id];
  const auto same = std::find_if(years.begin(), years.end(), [&](const auto& y) { return y.first == year; });
  if (same != years.end()) {
    same->second = std::move(facts);  // another reader at the same mark read the same
    return;
  }
  years.emplace_back(year, std::move(facts));
  shelf.size += 1;
  shelf.order.emplace_back(id, year);
  while (shelf.size > capacity_ && !shelf.order.empty()) {
    const Id old_id = shelf.order.front().first;
    const int old_year = shelf.order.front().second;
    shelf.order.pop_front();
    const auto it = shelf.by_id.find(old_id);
    if (it == shelf.by_id.end()) continue;  // dropped by a write since
    auto& v = it->second;
    const auto y = std::find_if(v.begin(), v.end(), [&](const auto& e) { return e.first == old_year; });
    if (y == v.end()) continue;
    v.erase(y);
    shelf.size -= 1;
    if (v.empty()) shelf.by_id.erase(it);
  }
  // Entries dropped by writes leave their place in the queue behind; once those outnumber the live ones,
  // the queue is rebuilt (the live entries' relative age is lost, which only affects which goes first).
  if (shelf.order.size() > 2 * capacity_ + 1'024) {
    shelf.order.clear();
    for (const auto& [key, v] : shelf.by_id) {
      for (const auto& e : v) shelf.order.emplace_back(key, e.first);
    }
  }
}

template <typename Facts, typename Read>
std::vector<std::shared_ptr<const Facts>> FactCache::lookup(Shelf<Facts>& shelf, std::int64_t mark,
                                                            const std::vector<Id>& ids, core::DateSpan year, Read read) {
  const int y = year.from.year();
  std::vector<std::shared_ptr<const Facts>> out(ids.size());
  std::vector<Id> missing;
  std::vector<std::size_t> missing_at;
  {
    std::lock_guard lock(mutex_);
    // A transaction older than the cache must see its own snapshot, not what later writes left here.
    const bool current = capacity_ > 0 && mark == mark_;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (current) {
        const auto it = shelf.by_id.find(ids[i]);
        if (it != shelf.by_id.end()) {
          const auto f = std::find_if(it->second.begin(), it->second.end(), [&](const auto& e) { return e.first == y; });
          if (f != it->second.end()) {
            out[i] = f->second;
            continue;
          }
        }
      }
      missing.push_back(ids[i]);
      missing_at.push_back(i);
    }
    counters_.hits += static_cast<std::int64_t>(ids.size() - missing.size());
    counters_.misses += static_cast<std::int64_t>(missing.size());
  }
  if (missing.empty()) return out;
  auto read_facts = read(missing);  // outside the lock: other readers go on meanwhile
  std::lock_guard lock(mutex_);
  const bool keep = capacity_ > 0 && mark == mark_;
  for (std::size_t j = 0; j < missing.size(); ++j) {
    auto found = read_facts.find(missing[j]);
    auto facts = std::make_shared<const Facts>(found == read_facts.end() ? Facts{} : std::move(found->second));
    if (keep) store(shelf, missing[j], y, facts);
    out[missing_at[j]] = std::move(facts);
  }
  return out;
}

std::vector<FactCache::PersonFactsPtr> FactCache::person_facts(ComplianceQueries& queries, std::int64_t mark,
                                                               const std::vector<Id>& people, core::DateSpan year) {
  return lookup(people_, mark, people, year,
                [&](const std::vector<Id>& ids) { return queries.person_facts(ids, year); });
}

std::vector<FactCache::OrgFactsPtr> FactCache::org_facts(ComplianceQueries& queries, std::int64_t mark,
                                                         const std::vector<Id>& orgs, core::DateSpan year) {
  return lookup(orgs_, mark, orgs, year, [&](const std::vector<Id>& ids) { return queries.org_facts(ids, year); });
}

namespace {

template <typename List, typename Read>
List cached_list(std::mutex& mutex, std::size_t capacity, std::int64_t mark, const std::int64_t& cache_mark,
                 std::map<std::tuple<Id, std::int64_t, Id, int>, List>& lists,
                 const std::tuple<Id, std::int64_t, Id, int>& key, std::int64_t& reads, Read read) {
  if (capacity > 0) {
    std::lock_guard lock(mutex);
    const auto it = lists.find(key);
    if (mark == cache_mark && it != lists.end()) return it->second;
  }
  List list = read();
  std::lock_guard lock(mutex);
  reads += 1;
  if (capacity > 0 && mark == cache_mark) {
    // Lists are bounded in entries as the facts are in person-years: a province's lists can hold millions.
    std::size_t entries = list->size();
    for (const auto& [k, l] : lists) entries += l->size();
    if (lists.size() >= kSubjectLists || entries > capacity) lists.clear();
    lists[key] = list;
  }
  return list;
}

}  // namespace

FactCache::BoundPeople FactCache::bound_people(ComplianceQueries& queries, std::int64_t mark, Id set_id,
                                               std::int64_t version, Id root, const core::SubjectFilter& subject,
                                               core::DateSpan year) {
  return cached_list(mutex_, capacity_, mark, mark_, bound_people_, {set_id, version, root, year.from.year()},
                     counters_.subject_reads, [&] {
                       return std::make_shared<const std::vector<BoundPerson>>(
                           queries.bound_people(root, subject, year, std::nullopt));
                     });
}

FactCache::BoundOrgs FactCache::bound_orgs(ComplianceQueries& queries, std::int64_t mark, Id set_id,
                                           std::int64_t version, Id set_org, Id root,
                                           const core::SubjectFilter& subject) {
  return cached_list(mutex_, capacity_, mark, mark_, bound_orgs_, {set_id, version, root, 0}, counters_.subject_reads,
                     [&] {
                       return std::make_shared<const std::vector<BoundOrg>>(queries.bound_orgs(set_org, root, subject));
                     });
}

FactCache::Counters FactCache::counters() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

}  // namespace xuefeng::service
