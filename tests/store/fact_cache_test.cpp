// The fact cache against no cache: after every kind of write, compliance read through the cache must be
// exactly what a reading of the database alone gives. A write whose changes the cache failed to notice
// shows here as a stale figure.

#include <gtest/gtest.h>

#include <atomic>
#include <sstream>
#include <thread>

#include "compliance_fixture.hpp"

namespace xuefeng::testing {
namespace {

using S = core::ComplianceStatus;

std::string describe(const service::Compliance& c) {
  std::ostringstream out;
  out << c.year << ' ' << c.as_of.to_string() << '\n';
  for (const auto& s : c.subjects) {
    out << "set " << s.set->id << " v" << s.set->version << ' ' << core::code(s.kind) << ' ' << s.subject_id << ' '
        << s.name << ' ' << core::code(s.result.status) << " score " << s.assessment.score << '\n';
    for (const auto& i : s.result.items) {
      out << "  " << i.item->code << ' ' << i.required << ' ' << (i.actual ? std::to_string(*i.actual) : "-") << ' '
          << core::code(i.status) << " [";
      for (const auto& p : i.periods) {
        out << p.span.from.to_string() << ".." << p.span.to.to_string() << ' ' << p.required << '/'
            << (p.actual ? std::to_string(*p.actual) : "-") << ' ' << core::code(p.status) << "; ";
      }
      out << "] activities";
      for (const auto id : i.records.activities) out << ' ' << id;
      out << " entries";
      for (const auto id : i.records.archive_entries) out << ' ' << id;
      out << '\n';
    }
    for (const auto& m : s.result.make_up) {
      out << "  make-up " << m.activity_id << " due " << m.due_on.to_string() << " entry "
          << (m.entry_id ? std::to_string(*m.entry_id) : "-") << (m.overdue ? " overdue" : "") << '\n';
    }
  }
  return out.str();
}

std::string describe(const service::UnitsCompliance& u) {
  std::ostringstream out;
  for (const auto& unit : u.units) {
    out << unit.rank << ' ' << unit.org.name << ' ' << unit.compliant << '/' << unit.people;
    for (const auto& s : unit.most_behind) out << ' ' << s.code << ':' << s.people;
    out << '\n';
  }
  return out.str();
}

class FactCache : public ComplianceFixture {
 protected:
  void SetUp() override {
    ComplianceFixture::SetUp();
    open_uncached();
  }
  void TearDown() override {
    uncached_.reset();
    uncached_context_.reset();
    ComplianceFixture::TearDown();
  }
  void open_uncached() {
    service::ServiceConfig config;
    config.fact_cache_capacity = 0;
    uncached_context_ = std::make_unique<service::ServiceContext>(*db_, clock_, config);
    uncached_ = std::make_unique<service::Services>(*uncached_context_, codec_);
  }

  /// Every view the cache feeds, through `services`.
  std::string views(service::Services& services) {
    std::string out;
    for (const auto as_of : {std::optional<core::Date>{}, std::optional<core::Date>{date("2026-12-31")}}) {
      // The district, and the township within it: sets attached above an org are evaluated over its subtree.
      out += describe(ok(services.requirements.org_compliance(admin_, district, 2026, as_of)));
      out += describe(ok(services.requirements.org_compliance(admin_, township, 2026, as_of)));
      out += describe(ok(services.requirements.units(admin_, district, 2026, as_of,
                                                     service::UnitOrder::kCompliantShare, false)));
      for (const auto p : people) out += describe(ok(services.requirements.person_compliance(admin_, p, 2026, as_of)));
    }
    return out;
  }

  /// The cached views equal the uncached ones, read twice so that the second comes from the cache.
  void expect_current(const std::string& after) {
    SCOPED_TRACE("after " + after);
    const auto truth = views(*uncached_);
    EXPECT_EQ(views(*services_), truth);
    EXPECT_EQ(views(*services_), truth);
    // A unit's participation, summed from its orgs' facts, is what the org's statistics count in SQL.
    const auto units = ok(services_->requirements.units(admin_, district, 2026, std::nullopt,
                                                        service::UnitOrder::kCompliantShare, false));
    for (const auto& unit : units.units) {
      const auto stats = ok(services_->stats.org_year(admin_, unit.org.id, 2026, true));
      const auto rate = stats.expected > 0 ? std::optional<double>(static_cast<double>(stats.attended) /
                                                                   static_cast<double>(stats.expected))
                                           : std::nullopt;
      EXPECT_EQ(unit.participation_rate, rate) << unit.org.name;
    }
    // So are the review's totals.
    const auto review = ok(services_->requirements.review(admin_, district, 2026, std::nullopt));
    const auto stats = ok(services_->stats.org_year(admin_, district, 2026, true));
    EXPECT_EQ(review.totals.activities, stats.activities);
    EXPECT_EQ(review.totals.upcoming, stats.upcoming);
    EXPECT_EQ(review.totals.study_days, stats.study_days);
    EXPECT_EQ(core::round_credit_hours(review.totals.credit_hours), stats.credit_hours);
    EXPECT_EQ(review.totals.expected, stats.expected);
    EXPECT_EQ(review.totals.attended, stats.attended);
    EXPECT_EQ(review.totals.activities_by_kind, stats.activities_by_kind);
    std::int64_t expected = 0;
    for (const auto& a : review.activities) expected += a.expected;
    EXPECT_EQ(expected, stats.expected) << "each activity's audience adds up to the total";
  }

  std::vector<Id> people;
  std::unique_ptr<service::ServiceContext> uncached_context_;
  std::unique_ptr<service::Services> uncached_;
};

TEST_F(FactCache, EveryKindOfWriteShowsAtOnce) {
  build();
  const Id cadence = from_template(township, "township_cadence");
  people = {zhou, wu, zheng};
  expect_current("building");
  const auto warm = services_->requirements.fact_cache().counters();
  EXPECT_GT(warm.hits, 0) << "the second reading must come from the cache";

  mark(q2_study, {{wu, AttendanceStatus::kPresent}});
  expect_current("a mark changed");

  const Id keynote = entry(wu, ArchiveKind::kKeynote, "2026-05-20");
  expect_current("a new archive entry");

  const auto zhou_year = ok(services_->archive.year(admin_, zhou, 2026));
  const Id article = std::find_if(zhou_year.entries.begin(), zhou_year.entries.end(), [](const core::ArchiveEntry& e) {
                       return e.kind == ArchiveKind::kArticle;
                     })->id;
  service::ArchivePatch moved;
  moved.date = date("2025-12-20");
  ok(services_->archive.update(admin_, zhou, article, moved, std::nullopt));
  expect_current("an entry moved out of the year");

  ok(services_->archive.review(admin_, wu, keynote, core::ReviewVerdict::kVerified, "好"));
  expect_current("an entry verified");

  ASSERT_TRUE(services_->archive.remove(admin_, wu, keynote, std::nullopt));
  expect_current("an entry removed");

  service::ActivityPatch speakers;
  speakers.speakers = std::vector<core::Speaker>{{zhou, "发言"}, {wu, "交流"}};
  ok(services_->activities.update(admin_, q1_study, speakers, std::nullopt));
  expect_current("a speaker added");

  service::ActivityPatch invited;
  invited.invitees = std::vector<Id>{zheng};
  ok(services_->activities.update(admin_, training, invited, std::nullopt));
  expect_current("an invitee added");

  const Id q4_study = activity(group, ActivityKind::kCentralizedStudy, "2026-10-15", "2026-10-16");
  expect_current("an activity created");

  service::ActivityPatch later;
  later.starts_on = date("2026-07-07");
  ok(services_->activities.update(admin_, q2_study, later, std::nullopt));
  expect_current("an activity moved to another quarter");

  service::ActivityPatch kind;
  kind.kind = ActivityKind::kSeminar;
  ok(services_->activities.update(admin_, q3_study, kind, std::nullopt));
  expect_current("an activity's kind changed");

  ASSERT_TRUE(services_->activities.remove(admin_, q4_study, std::nullopt));
  expect_current("an activity removed");

  const Id qian = person("钱立新", "1975-01-01", district);
  member(group, qian, "2026-03-01");
  people.push_back(qian);
  expect_current("a leader joined");

  ok(services_->orgs.end_membership(admin_, group, wu, date("2026-06-30")));
  expect_current("a leader left");

  service::PersonPatch older;
  older.birth_date = std::optional<core::Date>{date("1955-06-01")};
  ok(services_->people.update(admin_, zhou, older, std::nullopt));
  expect_current("a birth date corrected");

  core::Org village;
  village.name = "柳塘村党支部";
  village.kind = core::OrgKind::kBranch;
  village.parent_id = township;
  const Id village_id = ok(services_->orgs.create(admin_, village)).id;
  member(village_id, qian, "2026-04-01");
  expect_current("an org created with a member");

  service::OrgPatch moved_org;
  moved_org.parent_id = std::optional<Id>{branch};
  ok(services_->orgs.update(admin_, village_id, moved_org, std::nullopt));
  expect_current("an org moved");

  const Id weekly = activity(township, ActivityKind::kReadingClub, "2026-06-01", "2026-06-01");
  member(township, zheng, "2026-01-01");
  mark(weekly, {{zheng, AttendanceStatus::kPresent}});
  expect_current("an org's own activity marked");

  auto set = ok(services_->requirements.get(admin_, eight_ones));
  set.document.items.front().value = 2;
  ok(services_->requirements.update(admin_, eight_ones, set.document, std::nullopt));
  expect_current("a requirement set changed");

  ASSERT_TRUE(services_->requirements.remove(admin_, cadence, std::nullopt));
  ASSERT_TRUE(services_->requirements.remove(admin_, egov, std::nullopt));
  expect_current("requirement sets removed");

  // The highest id is handed out again: a new set of the same kind of subject takes the cadence's place.
  EXPECT_EQ(from_template(district, "central_group_year"), cadence);
  expect_current("a set created with a removed one's id");

  const auto after = services_->requirements.fact_cache().counters();
  EXPECT_GT(after.invalidated, warm.invalidated) << "writes must drop what they touched";
  EXPECT_GT(after.catch_ups, 0);
}

TEST_F(FactCache, AWriteThroughAnotherConnectionShowsToo) {
  build();
  people = {zhou, wu};
  expect_current("building");
  // Another process (the command line) writing to the same file: its own database object and connections.
  store::sqlite::SqliteOptions options;
  options.path = dir_ + "/test.db";
  options.durability = store::sqlite::Durability::kNormal;
  store::sqlite::SqliteDatabase other_db(options);
  service::ServiceContext other_context(other_db, clock_, service::ServiceConfig{});
  service::Services other(other_context, codec_);
  ok(other.activities.set_marks(admin_, q2_study, {{wu, AttendanceStatus::kPresent, ""}}));
  const auto c = ok(services_->requirements.person_compliance(admin_, wu, 2026, date("2026-06-30")));
  EXPECT_EQ(item(subject(c, eight_ones, wu), "quarterly_centralized_study").actual, 2.0) << "Q1 and now Q2";
  expect_current("a write through another connection");
}

TEST_F(FactCache, ReadersRacingAWriterEndCurrent) {
  build();
  people = {zhou, wu};
  expect_current("building");
  std::atomic<bool> done = false;
  std::atomic<int> readings = 0;
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!done) {
        auto c = services_->requirements.org_compliance(admin_, district, 2026, std::nullopt);
        if (c) readings += 1;
      }
    });
  }
  for (int i = 0; i < 40; ++i) {
    mark(q2_study, {{wu, i % 2 == 0 ? AttendanceStatus::kPresent : AttendanceStatus::kAbsent}});
    entry(zhou, ArchiveKind::kNote, "2026-06-01");
  }
  done = true;
  for (auto& r : readers) r.join();
  EXPECT_GT(readings.load(), 0);
  expect_current("racing readers");
}

TEST_F(FactCache, ASmallCacheDropsTheOldestAndStaysRight) {
  service::ServiceConfig config;
  config.fact_cache_capacity = 1;
  context_ = std::make_unique<service::ServiceContext>(*db_, clock_, config);
  services_ = std::make_unique<service::Services>(*context_, codec_);
  build();
  people = {zhou, wu, zheng};
  expect_current("with room for one person-year");
  mark(q2_study, {{wu, AttendanceStatus::kPresent}});
  expect_current("a mark changed");
}

}  // namespace
}  // namespace xuefeng::testing
