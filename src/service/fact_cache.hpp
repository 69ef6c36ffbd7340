#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "service/repositories.hpp"

namespace xuefeng::service {

/// The inputs of compliance (who is bound, what each person and org did in a year) kept in memory
/// between requests, so that evaluating a whole province reads them from the database once.
///
/// It stays exact by reading the audit trail: every write leaves rows there in its own transaction, so a
/// read transaction first asks how far the trail reaches in its snapshot (its mark) and drops what the
/// rows since the last mark it saw may have changed (`ComplianceQueries::touched`): the people and orgs
/// a mark, entry, speaker, invitee, activity or membership belongs to; every list of bound subjects when
/// people, memberships or orgs changed. Writes from another process are seen the same way.
///
/// Only a transaction at the newest mark the cache has seen reads from it and stores what it read; an
/// older one (it began before a write another reader has already caught up with) reads the database
/// alone, so it sees its own snapshot and nothing older than the cache's mark ever enters it. Lists of
/// bound subjects are kept under the set's id and version and dropped whenever a set, a person, a
/// membership or an org changes (a deleted set's id may be handed out again). Thread-safe: reader threads
/// share one cache.
class FactCache {
 public:
  /// `capacity` person-years (and as many org-years) at most; the oldest go first. 0 turns caching off:
  /// every call reads the database, which is what tests compare the cache against.
  explicit FactCache(std::size_t capacity);

  /// Brings the cache up to this transaction's snapshot; call once per transaction, before the rest.
  std::int64_t catch_up(ComplianceQueries& queries);

  using BoundPeople = std::shared_ptr<const std::vector<BoundPerson>>;
  using BoundOrgs = std::shared_ptr<const std::vector<BoundOrg>>;
  using PersonFactsPtr = std::shared_ptr<const core::PersonFacts>;
  using OrgFactsPtr = std::shared_ptr<const core::OrgFacts>;

  /// `ComplianceQueries::bound_people` for everyone in the subtree of `root`; `set_id` and `version` name
  /// the subject filter.
  BoundPeople bound_people(ComplianceQueries& queries, std::int64_t mark, Id set_id, std::int64_t version, Id root,
                           const core::SubjectFilter& subject, core::DateSpan year);
  BoundOrgs bound_orgs(ComplianceQueries& queries, std::int64_t mark, Id set_id, std::int64_t version, Id set_org,
                       Id root, const core::SubjectFilter& subject);
  /// The facts of each of `people` in the year (in the order asked; `bound` left unset).
  std::vector<PersonFactsPtr> person_facts(ComplianceQueries& queries, std::int64_t mark, const std::vector<Id>& people,
                                           core::DateSpan year);
  std::vector<OrgFactsPtr> org_facts(ComplianceQueries& queries, std::int64_t mark, const std::vector<Id>& orgs,
                                     core::DateSpan year);

  struct Counters {
    std::int64_t hits = 0;            // person- and org-years found
    std::int64_t misses = 0;          // person- and org-years read from the database
    std::int64_t invalidated = 0;     // person- and org-years dropped because a write touched them
    std::int64_t subject_reads = 0;   // lists of bound subjects read from the database
    std::int64_t catch_ups = 0;       // times the trail was read for changes
    std::int64_t clears = 0;          // times everything was dropped (too far behind)
  };
  Counters counters() const;

 private:
  // Facts per id and year; erased per id, whatever the year.
  template <typename Facts>
  struct Shelf {
    std::unordered_map<Id, std::vector<std::pair<int, std::shared_ptr<const Facts>>>> by_id;
    std::deque<std::pair<Id, int>> order;  // insertion order, for dropping the oldest
    std::size_t size = 0;
  };
  template <typename Facts, typename Read>
  std::vector<std::shared_ptr<const Facts>> lookup(Shelf<Facts>& shelf, std::int64_t mark, const std::vector<Id>& ids,
                                                   core::DateSpan year, Read read);
  template <typename Facts>
  void store(Shelf<Facts>& shelf, Id id, int year, std::shared_ptr<const Facts> facts);
  template <typename Facts>
  void erase(Shelf<Facts>& shelf, Id id);
  void clear();

  using SubjectKey = std::tuple<Id, std::int64_t, Id, int>;  // set, version, root, year
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::int64_t mark_ = -1;  // -1: nothing seen yet
  Shelf<core::PersonFacts> people_;
  Shelf<core::OrgFacts> orgs_;
  std::map<SubjectKey, BoundPeople> bound_people_;
  std::map<SubjectKey, BoundOrgs> bound_orgs_;
  Counters counters_;
};

}  // namespace xuefeng::service
