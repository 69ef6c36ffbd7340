#pragma once

// A hand-built district with the shipped requirement templates, through the real store and use cases.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "store_fixture.hpp"

namespace xuefeng::testing {

class ComplianceFixture : public StoreFixture {
 protected:
  using Id = core::Id;
  using ActivityKind = core::ActivityKind;
  using ArchiveKind = core::ArchiveKind;
  using AttendanceStatus = core::AttendanceStatus;

  Id org(const std::string& name, core::OrgKind kind, std::optional<Id> parent) {
    core::Org o;
    o.name = name;
    o.kind = kind;
    o.parent_id = parent;
    return ok(services_->orgs.create(admin_, o)).id;
  }
  Id person(const std::string& name, const char* born, Id keeper) {
    core::Person p;
    p.name = name;
    p.birth_date = date(born);
    p.org_id = keeper;
    return ok(services_->people.create(admin_, p)).person.id;
  }
  void member(Id org_id, Id person_id, const char* since) {
    ok(services_->orgs.add_member(admin_, org_id, {person_id, core::MemberRole::kMember, date(since), {}}));
  }
  Id activity(Id org_id, ActivityKind kind, const char* from, const char* to, std::vector<Id> speakers = {}) {
    core::Activity a;
    a.org_id = org_id;
    a.kind = kind;
    a.title = "学习活动";
    a.starts_on = date(from);
    a.ends_on = date(to);
    for (Id s : speakers) a.speakers.push_back({s, "发言"});
    return ok(services_->activities.create(admin_, a, std::nullopt)).front().activity.id;
  }
  void mark(Id activity_id, std::vector<std::pair<Id, AttendanceStatus>> marks) {
    std::vector<service::MarkInput> in;
    for (auto [p, s] : marks) in.push_back({p, s, ""});
    ok(services_->activities.set_marks(admin_, activity_id, in));
  }
  Id entry(Id person_id, ArchiveKind kind, const char* day, std::optional<Id> activity_id = std::nullopt) {
    core::ArchiveEntry e;
    e.person_id = person_id;
    e.kind = kind;
    e.date = date(day);
    e.title = "档案记录";
    e.activity_id = activity_id;
    return ok(services_->archive.create(admin_, e)).id;
  }
  Id from_template(Id org_id, const char* code) {
    return ok(services_->requirements.create(admin_, {org_id, std::string(code), std::nullopt})).id;
  }

  /// The subject of one set in a compliance answer.
  static const service::SubjectCompliance& subject(const service::Compliance& c, Id set, Id subject_id) {
    const auto it = std::find_if(c.subjects.begin(), c.subjects.end(), [&](const service::SubjectCompliance& s) {
      return s.set->id == set && s.subject_id == subject_id;
    });
    if (it == c.subjects.end()) throw std::runtime_error("no such subject in the answer");
    return *it;
  }
  static const core::ItemResult& item(const service::SubjectCompliance& s, const std::string& code) {
    const auto it = std::find_if(s.result.items.begin(), s.result.items.end(),
                                 [&](const core::ItemResult& i) { return i.item->code == code; });
    if (it == s.result.items.end()) throw std::runtime_error("no such item: " + code);
    return *it;
  }

  // 云溪区委 (district) with its central group (study_group), a government office branch and a township.
  // Leaders in the group: 周 (born 1970, since 2025), 吴 (born 1950, since 2025), 郑 (born 1980, joins
  // 2026-07-01). The clock stands at 2026-06-15; the fixture marks the August study after moving it on.
  void build() {
    district = org("云溪区委", core::OrgKind::kPartyCommittee, std::nullopt);
    group = org("区委理论学习中心组", core::OrgKind::kStudyGroup, district);
    branch = org("区政府办公室党支部", core::OrgKind::kBranch, district);
    township = org("柳塘镇党委", core::OrgKind::kPartyCommittee, district);
    zhou = person("周建国", "1970-03-01", district);
    wu = person("吴德明", "1950-05-01", district);
    zheng = person("郑晓光", "1980-08-08", district);
    member(group, zhou, "2025-01-01");
    member(group, wu, "2025-01-01");
    member(group, zheng, "2026-07-01");

    q1_study = activity(group, ActivityKind::kCentralizedStudy, "2026-02-10", "2026-02-10", {zhou});
    training = activity(group, ActivityKind::kTraining, "2026-03-24", "2026-03-27");
    q2_study = activity(group, ActivityKind::kCentralizedStudy, "2026-05-12", "2026-05-12");
    q3_study = activity(group, ActivityKind::kCentralizedStudy, "2026-08-20", "2026-08-20");
    lecture_given = activity(branch, ActivityKind::kPartyLecture, "2026-04-08", "2026-04-08", {zhou});
    mark(q1_study, {{zhou, AttendanceStatus::kPresent}, {wu, AttendanceStatus::kPresent}});
    mark(training, {{zhou, AttendanceStatus::kPresent}, {wu, AttendanceStatus::kAbsent}});
    mark(q2_study, {{zhou, AttendanceStatus::kLate}, {wu, AttendanceStatus::kExcused}});
    entry(zhou, ArchiveKind::kContactPoint, "2026-02-01");
    entry(zhou, ArchiveKind::kNote, "2026-03-01");
    entry(zhou, ArchiveKind::kArticle, "2026-04-01");

    eight_ones = from_template(district, "eight_ones");
    egov = from_template(district, "egov_training");
    central = from_template(district, "central_group_year");
  }
  void mark_august() {
    clock_.set(*core::Timestamp::parse_rfc3339("2026-08-21T10:00:00+08:00"));
    mark(q3_study, {{zhou, AttendanceStatus::kPresent}, {wu, AttendanceStatus::kPresent}, {zheng, AttendanceStatus::kPresent}});
  }

  Id district = 0, group = 0, branch = 0, township = 0, zhou = 0, wu = 0, zheng = 0;
  Id q1_study = 0, training = 0, q2_study = 0, q3_study = 0, lecture_given = 0;
  Id eight_ones = 0, egov = 0, central = 0;
};

}  // namespace xuefeng::testing
