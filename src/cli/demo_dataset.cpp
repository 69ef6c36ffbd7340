#include "cli/demo_dataset.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/demo_content.hpp"

namespace xuefeng::cli {
namespace {

using core::ActivityKind;
using core::ArchiveKind;
using core::AttendanceStatus;
using core::Date;
using core::Error;
using core::fail;
using core::Id;
using core::Status;
using core::Timestamp;
using service::Actor;
using service::MarkInput;

template <typename T>
using Result = core::Result<T>;

/// splitmix64 with a fixed seed: the same dataset on every run and every standard library (the std
/// distributions are not specified bit for bit, so they are not used).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// 0 <= result < n.
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  template <typename C>
  const auto& pick(const C& items) {
    return items[static_cast<std::size_t>(below(static_cast<int>(items.size())))];
  }

 private:
  std::uint64_t state_;
};

/// How people turn out at one kind of activity, per thousand.
struct Turnout {
  int absent = 0;
  int excused = 0;
  int late = 0;
};

constexpr Turnout kLeadersTurnout{0, 0, 40};
constexpr Turnout kTrainingTurnout{0, 0, 30};
constexpr Turnout kBranchTurnout{12, 35, 40};
constexpr Turnout kWeeklyReadingTurnout{25, 50, 50};
constexpr Turnout kTownshipTurnout{10, 35, 30};

constexpr std::array<std::string_view, 6> kExcuseNotes{
    "因公出差", "病假", "参加区里专项督查", "事假（家中有事）", "外出参加业务培训", "值班"};
constexpr std::array<std::string_view, 2> kAbsentNotes{"未请假", "未到会，事后已说明情况"};
constexpr std::array<std::string_view, 3> kLateNotes{"迟到约10分钟", "因处理急件迟到", "迟到约15分钟"};

constexpr std::array<std::string_view, 3> kNoteTemplates{
    "围绕“{T}”专题，记录了专题讲座和中心发言的主要观点，并结合分管工作梳理出三项需要跟进落实的任务。",
    "学习中感到，“{T}”既是理论问题更是实践问题。会后将组织分管部门对照查找差距，形成问题清单和责任清单。",
    "对“{T}”专题的学习体会：要把学习成果转化为推动工作的思路和举措，做到学以致用、用以促学。",
};

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string with_year(std::string_view text, int year) {
  return replace_all(std::string(text), "{Y}", std::to_string(year));
}

std::string with_topic(std::string_view text, std::string_view topic) {
  return replace_all(std::string(text), "{T}", topic);
}

/// The first day on or after `from` that falls on `iso_weekday` (1 = Monday).
Date next_weekday(Date from, int iso_weekday) {
  while (from.iso_weekday() != iso_weekday) from = from.add_days(1);
  return from;
}

/// The last working day (Monday to Friday) on or before `day`.
Date working_day_before(Date day) {
  while (day.iso_weekday() > 5) day = day.add_days(-1);
  return day;
}

/// The first start on or after `nominal` such that all `days` days fall on Monday to Friday.
Date working_days_from(Date nominal, int days) {
  while (nominal.iso_weekday() + days - 1 > 5) nominal = nominal.add_days(1);
  return nominal;
}

class DemoLoader {
 public:
  DemoLoader(service::Services& services, std::string password)
      : s_(services),
        password_(std::move(password)),
        offset_(services.context.config().offset),
        today_(services.context.today()),
        year_(today_.year()) {}

  /// True once something has been written: a failure after that leaves a partial dataset.
  bool wrote() const { return wrote_; }

  Result<std::string> run() {
    XF_TRY(create_admin());
    XF_TRY(create_orgs());
    XF_TRY(create_people());
    XF_TRY(create_plans());
    XF_TRY(create_training());
    XF_TRY(create_sessions());
    XF_TRY(create_branch_activities());
    XF_TRY(create_township_series());
    XF_TRY(create_member_accounts());
    XF_TRY(create_leave_requests());
    XF_TRY(create_leader_archives());
    XF_TRY(create_branch_reflections());
    XF_TRY(create_township_archive());
    XF_TRY(create_requirements());
    return summary();
  }

  /// The district's rules, from the shipped templates: the eight ones for its leaders, the central
  /// group's year, the e-government training; the township's own cadence.
  Status create_requirements() {
    for (const char* code : {"eight_ones", "central_group_year", "egov_training"}) {
      XF_TRY(s_.requirements.create(system_, {district_, std::string(code), std::nullopt}));
    }
    XF_TRY(s_.requirements.create(system_, {township_, std::string("township_cadence"), std::nullopt}));
    return core::Ok{};
  }

 private:
  // --- helpers --------------------------------------------------------------------------------------

  Date on(int month, int day) const { return *Date::from_ymd(year_, month, day); }
  Timestamp at(Date day, int hour, int minute) const {
    return Timestamp::start_of(day, offset_).plus_seconds(hour * 3600LL + minute * 60LL);
  }
  bool held(const core::Activity& a) const { return a.ends_on < today_; }
  /// Entries are written after the fact: nothing is dated later than today.
  bool written_by_now(Date date) const { return date <= today_; }

  core::Activity activity(Id org, ActivityKind kind, std::string title, Date starts_on, int days, int from_h,
                          int from_m, int to_h, int to_m, std::string location, double hours) const {
    core::Activity a;
    a.org_id = org;
    a.kind = kind;
    a.title = std::move(title);
    a.starts_on = starts_on;
    a.ends_on = starts_on.add_days(days - 1);
    a.starts_at = at(a.starts_on, from_h, from_m);
    a.ends_at = at(a.ends_on, to_h, to_m);
    a.location = std::move(location);
    a.credit_hours = hours;
    return a;
  }

  /// `keeper`: the org that keeps the person's record (none for outside lecturers).
  Result<Id> add_person(const demo::PersonSpec& spec, std::optional<Id> keeper) {
    core::Person p;
    p.org_id = keeper;
    p.name = std::string(spec.name);
    p.gender = spec.gender;
    p.birth_date = Date::from_ymd(year_ - spec.age, spec.birth_month, spec.birth_day);
    p.party_member = spec.party_member;
    p.cadre_level = spec.level;
    p.post = std::string(spec.post);
    XF_TRY_ASSIGN(auto person, s_.people.create(system_, std::move(p)));
    ++people_;
    return person.person.id;
  }

  Status add_member(Id org, Id person, const demo::PersonSpec& spec) {
    service::NewMembership m;
    m.person_id = person;
    m.role = spec.role;
    m.since = Date::from_ymd(year_ - spec.member_for, spec.joined_month, 1);
    XF_TRY(s_.orgs.add_member(system_, org, m));
    ++memberships_;
    return core::Ok{};
  }

  Result<core::Activity> add_activity(core::Activity a) {
    XF_TRY_ASSIGN(auto views, s_.activities.create(system_, std::move(a), std::nullopt));
    count_activity(views.front().activity);
    return std::move(views.front().activity);
  }

  Result<std::vector<core::Activity>> add_series(core::Activity a, core::RepeatEvery every, Date until) {
    XF_TRY_ASSIGN(auto views, s_.activities.create(system_, std::move(a), service::Repeat{every, until}));
    std::vector<core::Activity> out;
    for (auto& v : views) out.push_back(std::move(v.activity));
    return out;
  }

  void count_activity(const core::Activity& a) {
    ++activities_;
    if (held(a)) ++held_;
  }

  /// Marks everyone expected at a past activity: present unless the dice (or `overrides`) say otherwise.
  /// Activities that have not ended stay unmarked, so check-in can be tried live.
  Status take_attendance(const core::Activity& a, Turnout turnout,
                         const std::map<Id, MarkInput>& overrides = {}) {
    if (!held(a)) return core::Ok{};
    XF_TRY_ASSIGN(auto sheet, s_.activities.attendance(system_, a.id));
    std::vector<MarkInput> marks;
    for (const auto& item : sheet.items) {
      if (!item.expected) continue;
      if (auto it = overrides.find(item.person_id); it != overrides.end()) {
        marks.push_back(it->second);
        continue;
      }
      MarkInput m{item.person_id, AttendanceStatus::kPresent, ""};
      const int roll = rng_.below(1000);
      if (roll < turnout.absent) {
        m.status = AttendanceStatus::kAbsent;
        m.note = std::string(rng_.pick(kAbsentNotes));
      } else if (roll < turnout.absent + turnout.excused) {
        m.status = AttendanceStatus::kExcused;
        m.note = std::string(rng_.pick(kExcuseNotes));
      } else if (roll < turnout.absent + turnout.excused + turnout.late) {
        m.status = AttendanceStatus::kLate;
        m.note = std::string(rng_.pick(kLateNotes));
      }
      marks.push_back(std::move(m));
    }
    if (marks.empty()) return core::Ok{};
    for (const auto& m : marks) {
      if (m.status && !core::attended(*m.status)) missed_.insert({a.id, m.person_id});
    }
    XF_TRY(s_.activities.set_marks(system_, a.id, marks));
    marks_ += static_cast<std::int64_t>(marks.size());
    return core::Ok{};
  }

  Result<core::ArchiveEntry> add_entry(const Actor& actor, Id person, ArchiveKind kind, Date date,
                                       std::string title, std::string content, double hours = 0,
                                       std::optional<Id> activity_id = {}, std::string venue = {}) {
    core::ArchiveEntry e;
    e.person_id = person;
    e.kind = kind;
    e.date = date;
    e.title = std::move(title);
    e.content = std::move(content);
    e.credit_hours = hours;
    e.activity_id = activity_id;
    e.venue = std::move(venue);
    XF_TRY_ASSIGN(auto entry, s_.archive.create(actor, std::move(e)));
    ++entries_;
    return entry;
  }

  /// Reviews need a real reviewer account (the review names who did it), so the admin account does them.
  Status review(const core::ArchiveEntry& e, core::ReviewVerdict verdict, std::string comment = {}) {
    XF_TRY(s_.archive.review(admin_, e.person_id, e.id, verdict, comment));
    ++reviews_;
    return core::Ok{};
  }

  /// Older entries have mostly been reviewed by now; the last two weeks' are waiting.
  Status maybe_verify(const core::ArchiveEntry& e, int percent) {
    if (e.date > today_.add_days(-14) || rng_.below(100) >= percent) return core::Ok{};
    return review(e, core::ReviewVerdict::kVerified);
  }

  Actor actor_of(const core::Account& account) const {
    return Actor{account.id, account.login, account.person_id, account.grants, "cli"};
  }

  // --- steps ----------------------------------------------------------------------------------------

  Status create_admin() {
    XF_TRY_ASSIGN(auto admin, s_.accounts.create_admin("admin", password_));
    wrote_ = true;
    admin_ = actor_of(admin);
    ++accounts_;
    return core::Ok{};
  }

  Status create_orgs() {
    auto make = [&](std::string_view name, core::OrgKind kind, std::optional<Id> parent) -> Result<Id> {
      core::Org org;
      org.name = std::string(name);
      org.kind = kind;
      org.parent_id = parent;
      XF_TRY_ASSIGN(auto created, s_.orgs.create(system_, std::move(org)));
      return created.id;
    };
    XF_TRY_ASSIGN(district_, make(demo::kDistrictName, core::OrgKind::kPartyCommittee, std::nullopt));
    XF_TRY_ASSIGN(group_, make(demo::kStudyGroupName, core::OrgKind::kStudyGroup, district_));
    XF_TRY_ASSIGN(branch_, make(demo::kBranchName, core::OrgKind::kBranch, district_));
    XF_TRY_ASSIGN(township_, make(demo::kTownshipName, core::OrgKind::kPartyCommittee, district_));
    return core::Ok{};
  }

  Status create_people() {
    // Leaders' records are kept by the district committee (its organization department).
    for (const auto& spec : demo::kLeaders) {
      XF_TRY_ASSIGN(const Id id, add_person(spec, district_));
      XF_TRY(add_member(group_, id, spec));
      leaders_.push_back(id);
    }
    for (const auto& spec : demo::kOtherCountyLeaders) {
      XF_TRY_ASSIGN(const Id id, add_person(spec, district_));
      other_leaders_.push_back(id);
    }
    for (const auto& spec : demo::kExperts) {
      XF_TRY_ASSIGN(const Id id, add_person(spec, std::nullopt));
      experts_.push_back(id);
    }
    for (const auto& spec : demo::kBranchMembers) {
      XF_TRY_ASSIGN(const Id id, add_person(spec, branch_));
      XF_TRY(add_member(branch_, id, spec));
      branch_members_.push_back(id);
    }
    for (const auto& spec : demo::kTownshipMembers) {
      XF_TRY_ASSIGN(const Id id, add_person(spec, township_));
      XF_TRY(add_member(township_, id, spec));
      township_members_.push_back(id);
    }
    return core::Ok{};
  }

  template <std::size_t N>
  Result<core::Plan> add_plan(Id org, std::string title, const std::array<demo::TopicSpec, N>& topics) {
    std::vector<service::TopicInput> inputs;
    for (const auto& t : topics)
      inputs.push_back({std::nullopt, std::string(t.title), with_year(t.description, year_)});
    XF_TRY_ASSIGN(auto plan, s_.plans.create(system_, org, year_, std::move(title), inputs));
    ++plans_;
    return plan;
  }

  Status create_plans() {
    const std::string y = std::to_string(year_);
    XF_TRY_ASSIGN(group_plan_,
                  add_plan(group_, "区委理论学习中心组" + y + "年学习计划", demo::kStudyGroupTopics));
    XF_TRY_ASSIGN(branch_plan_,
                  add_plan(branch_, "区政府办公室党支部" + y + "年学习计划", demo::kBranchTopics));
    XF_TRY_ASSIGN(township_plan_,
                  add_plan(township_, "柳塘镇党委" + y + "年理论学习计划", demo::kTownshipTopics));
    return core::Ok{};
  }

  /// The district's four-day study for county-level leaders, late March: the central group's members and
  /// county-level leaders of other units, two expert lectures, 32 credit hours.
  Status create_training() {
    auto a = activity(district_, ActivityKind::kTraining, "云溪区县处级领导干部集中学习",
                      working_days_from(on(3, 23), 4), 4, 8, 30, 17, 30, "市委党校第二教学楼报告厅", 32);
    a.host_id = leaders_[demo::kSun];
    a.speakers = {{experts_[demo::kLin], "走好新时代党的群众路线，持续转作风、优服务"},
                  {experts_[demo::kDeng], "推进政府职能转变，提升基层治理效能"}};
    a.invitees = leaders_;
    a.invitees.push_back(township_members_[demo::kTownshipSecretary]);
    a.invitees.insert(a.invitees.end(), other_leaders_.begin(), other_leaders_.end());
    XF_TRY_ASSIGN(training_, add_activity(std::move(a)));
    // The deputy head and police chief was called away by an emergency on the first day.
    const Id excused = other_leaders_[2];
    XF_TRY(take_attendance(training_, kTrainingTurnout,
                           {{excused, {excused, AttendanceStatus::kExcused, "因处置突发事件请假"}}}));
    return core::Ok{};
  }

  /// The central group's seven centralized studies (15 days in all): the three-day study in early April
  /// with an expert lecture and three keynotes, the others with two keynotes each.
  Status create_sessions() {
    for (std::size_t i = 0; i < demo::kSessions.size(); ++i) {
      const auto& spec = demo::kSessions[i];
      const Date start = working_days_from(on(spec.month, spec.day), spec.days);
      auto a = activity(group_, ActivityKind::kCentralizedStudy,
                        "区委理论学习中心组" + std::to_string(year_) + "年第" +
                            std::string(demo::kOrdinals[i]) + "次集中学习",
                        start, spec.days, 8, 30, 17, 30, std::string(spec.location), spec.days * 6.0);
      a.plan_id = group_plan_.id;
      a.topic_id = group_plan_.topics[spec.topic].id;
      a.host_id = leaders_[demo::kZhou];
      if (spec.days == 3) a.speakers.push_back({experts_[demo::kHuang], std::string(demo::kAprilLecture)});
      for (std::size_t k = 0; k < spec.keynote_count; ++k) {
        a.speakers.push_back({leaders_[spec.keynotes[k].leader], with_year(spec.keynotes[k].title, year_)});
      }
      XF_TRY_ASSIGN(auto created, add_activity(std::move(a)));
      sessions_.push_back(std::move(created));
    }
    // Everyone attends (a couple arrive late), except one leader away on official business once.
    std::vector<std::size_t> held_sessions;
    for (std::size_t i = 0; i < sessions_.size(); ++i) {
      if (held(sessions_[i])) held_sessions.push_back(i);
    }
    std::optional<std::size_t> excused_at;
    if (!held_sessions.empty())
      excused_at = held_sessions[std::min<std::size_t>(2, held_sessions.size() - 1)];
    for (std::size_t i = 0; i < sessions_.size(); ++i) {
      std::map<Id, MarkInput> overrides;
      if (excused_at == i) {
        for (const auto who : {demo::kFeng, demo::kMa, demo::kGuo}) {
          if (speaks(sessions_[i], leaders_[who])) continue;
          overrides[leaders_[who]] = {leaders_[who], AttendanceStatus::kExcused,
                                      "因公出差（赴省里参加招商推介活动）"};
          break;
        }
      }
      XF_TRY(take_attendance(sessions_[i], kLeadersTurnout, overrides));
    }
    return core::Ok{};
  }

  bool missed(const core::Activity& a, Id person) const { return missed_.count({a.id, person}) > 0; }

  static bool speaks(const core::Activity& a, Id person) {
    return std::any_of(a.speakers.begin(), a.speakers.end(),
                       [&](const core::Speaker& s) { return s.person_id == person; });
  }

  /// Five centralized studies, five seminars, a reading club and a party lecture by a district leader.
  Status create_branch_activities() {
    for (const auto& spec : demo::kBranchActivities) {
      const bool study = spec.kind == ActivityKind::kCentralizedStudy;
      auto a = activity(branch_, spec.kind, std::string(spec.title),
                        working_days_from(on(spec.month, spec.day), 1), 1, study ? 14 : 15, study ? 30 : 0,
                        17, 30, study ? "区政府三楼会议室" : "区政府办公室会议室", study ? 3 : 2.5);
      a.plan_id = branch_plan_.id;
      a.topic_id = branch_plan_.topics[spec.topic].id;
      a.host_id = branch_members_[study ? demo::kLu : demo::kShen];
      XF_TRY_ASSIGN(auto created, add_activity(std::move(a)));
      branch_activities_.push_back(std::move(created));
    }

    auto reading = activity(branch_, ActivityKind::kReadingClub, std::string(demo::kReadingClubTitle),
                            working_days_from(on(4, 23), 1), 1, 15, 0, 17, 0, "区政府机关阅览室", 2);
    reading.plan_id = branch_plan_.id;
    reading.topic_id = branch_plan_.topics[3].id;
    reading.host_id = branch_members_[demo::kChen];
    reading.speakers = {{branch_members_[demo::kChen], "读《乡土中国》谈基层治理"},
                        {branch_members_[demo::kZhu], "从“礼治秩序”看机关规矩"}};
    XF_TRY_ASSIGN(reading_club_, add_activity(std::move(reading)));
    branch_activities_.push_back(reading_club_);

    auto lecture = activity(branch_, ActivityKind::kPartyLecture,
                            "七一专题党课：" + std::string(demo::kPartyLectureTitle),
                            working_days_from(on(6, 26), 1), 1, 15, 0, 17, 0, "区政府三楼会议室", 2);
    lecture.plan_id = branch_plan_.id;
    lecture.topic_id = branch_plan_.topics[2].id;
    lecture.host_id = branch_members_[demo::kLu];
    lecture.speakers = {{leaders_[demo::kWang], std::string(demo::kPartyLectureTitle)}};
    XF_TRY_ASSIGN(party_lecture_, add_activity(std::move(lecture)));
    branch_activities_.push_back(party_lecture_);

    std::sort(branch_activities_.begin(), branch_activities_.end(),
              [](const auto& x, const auto& y) { return x.starts_on < y.starts_on; });
    for (const auto& a : branch_activities_) XF_TRY(take_attendance(a, kBranchTurnout));
    return core::Ok{};
  }

  /// Weekly reading exchange, fortnightly policy briefings and monthly expert lectures, created as series
  /// from January to three weeks after today (within the year); each briefing and lecture then gets its
  /// own subject, and lectures falling on a weekend move to the Monday.
  Status create_township_series() {
    const Date until = std::min(today_.add_days(21), on(12, 31));

    auto reading = activity(township_, ActivityKind::kReadingClub, "“周三夜读”读书交流会",
                            next_weekday(on(1, 7), 3), 1, 19, 30, 21, 0, "柳塘镇党群服务中心二楼阅览室", 1.5);
    reading.plan_id = township_plan_.id;
    reading.topic_id = township_plan_.topics[0].id;
    reading.host_id = township_members_[5];
    XF_TRY_ASSIGN(auto readings, add_series(std::move(reading), core::RepeatEvery::kWeek, until));
    for (const auto& a : readings) {
      count_activity(a);
      XF_TRY(take_attendance(a, kWeeklyReadingTurnout));
    }
    last_township_reading_.reset();
    for (const auto& a : readings) {
      if (held(a) && !missed(a, township_members_[demo::kTownshipSecretary])) last_township_reading_ = a;
    }

    auto briefing = activity(township_, ActivityKind::kPolicyBriefing, "政策解读会",
                             next_weekday(on(1, 9), 5), 1, 15, 0, 17, 0, "柳塘镇政府一楼会议室", 2);
    briefing.plan_id = township_plan_.id;
    briefing.topic_id = township_plan_.topics[3].id;
    briefing.host_id = township_members_[1];
    XF_TRY_ASSIGN(auto briefings, add_series(std::move(briefing), core::RepeatEvery::kFortnight, until));
    for (std::size_t i = 0; i < briefings.size(); ++i) {
      service::ActivityPatch patch;
      patch.title = "政策解读：" + std::string(demo::kBriefingTitles[i % demo::kBriefingTitles.size()]);
      XF_TRY_ASSIGN(auto view, s_.activities.update(system_, briefings[i].id, patch, std::nullopt));
      count_activity(view.activity);
      XF_TRY(take_attendance(view.activity, kTownshipTurnout));
    }

    auto lecture = activity(township_, ActivityKind::kLecture, "专家讲座", on(1, 15), 1, 9, 0, 11, 30,
                            "柳塘镇新时代文明实践所", 2.5);
    lecture.plan_id = township_plan_.id;
    lecture.host_id = township_members_[2];
    XF_TRY_ASSIGN(auto lectures, add_series(std::move(lecture), core::RepeatEvery::kMonth, until));
    for (std::size_t i = 0; i < lectures.size(); ++i) {
      const auto& spec = demo::kMonthlyLectures[i % demo::kMonthlyLectures.size()];
      const Date day = working_days_from(lectures[i].starts_on, 1);
      service::ActivityPatch patch;
      patch.title = "专家讲座：" + std::string(spec.title);
      patch.topic_id = township_plan_.topics[spec.topic].id;
      patch.speakers = std::vector<core::Speaker>{{experts_[spec.expert], std::string(spec.title)}};
      patch.starts_on = day;
      patch.ends_on = day;
      patch.starts_at = at(day, 9, 0);
      patch.ends_at = at(day, 11, 30);
      XF_TRY_ASSIGN(auto view, s_.activities.update(system_, lectures[i].id, patch, std::nullopt));
      count_activity(view.activity);
      XF_TRY(take_attendance(view.activity, kTownshipTurnout));
    }
    return core::Ok{};
  }

  Status create_member_accounts() {
    // Every account acts for its person (member); some also hold a role on an org's subtree.
    auto make = [&](const demo::DemoLogin& login, Id person, std::optional<core::Grant> extra) -> Result<Actor> {
      service::NewAccount input{std::string(login.login), password_, person, {{core::AccountRole::kMember, std::nullopt}}};
      if (extra) input.grants.push_back(*extra);
      XF_TRY_ASSIGN(auto account, s_.accounts.create(system_, input));
      ++accounts_;
      return actor_of(account);
    };
    XF_TRY_ASSIGN(leader_, make(demo::kLeaderLogin, leaders_[demo::kWang], std::nullopt));
    XF_TRY_ASSIGN(branch_member_, make(demo::kBranchLogin, branch_members_[demo::kChen], std::nullopt));
    XF_TRY_ASSIGN(township_secretary_, make(demo::kTownshipLogin, township_members_[demo::kTownshipSecretary],
                                            core::Grant{core::AccountRole::kSecretary, township_}));
    XF_TRY(make(demo::kSupervisorLogin, leaders_[demo::kZhao], core::Grant{core::AccountRole::kSupervisor, district_}));
    return core::Ok{};
  }

  /// Leave is asked before an activity: the leader asks for the next central group session (left pending
  /// for the admin to decide); the branch member's request for the next branch activity is approved.
  Status create_leave_requests() {
    const auto next_of = [&](const std::vector<core::Activity>& list) -> std::optional<core::Activity> {
      for (const auto& a : list) {
        if (a.starts_on > today_) return a;
      }
      return std::nullopt;
    };
    if (const auto next = next_of(sessions_)) {
      XF_TRY(s_.activities.request_leave(leader_, next->id,
                                         "当天须赴市里参加全市重点项目推进会，特此请假，会后自学补课。"));
      ++leave_requests_;
      ++leave_pending_;
    }
    if (const auto next = next_of(branch_activities_)) {
      XF_TRY(s_.activities.request_leave(branch_member_, next->id,
                                         "当天随区督查组赴柳塘镇开展专项督查，申请请假。"));
      XF_TRY(s_.activities.decide_leave(admin_, next->id, branch_members_[demo::kChen], true));
      ++leave_requests_;
      ++marks_;  // the approval marks her excused
    }
    return core::Ok{};
  }

  /// The "eight ones" in the leaders' archives: notes, keynote drafts, articles, a party lecture given at
  /// a grassroots branch, a contact point, self-study with credit hours.
  Status create_leader_archives() {
    XF_TRY(create_wang_archive());
    for (std::size_t i = 0; i < leaders_.size(); ++i) {
      if (i == demo::kWang) continue;
      const Id person = leaders_[i];
      std::vector<core::ArchiveEntry> made;
      auto keep = [&](Result<core::ArchiveEntry> r) -> Status {
        if (!r) return fail(std::move(r).error());
        made.push_back(std::move(*r));
        return core::Ok{};
      };
      const Date contact = working_days_from(on(2, 10 + static_cast<int>(i)), 1);
      if (written_by_now(contact)) {
        const std::string point(demo::kContactPoints[i]);
        XF_TRY(keep(add_entry(
            system_, person, ArchiveKind::kContactPoint, contact, "联系指导" + point + "学习点",
            "全年到" + point +
                "参加学习活动不少于两次，指导制定学习计划、建立学习台账，帮助解决学习中遇到的实际问题。",
            0, std::nullopt, point)));
      }
      for (std::size_t k = 0; k < sessions_.size(); ++k) {
        const auto& session = sessions_[k];
        const auto& topic = group_plan_.topics[demo::kSessions[k].topic].title;
        const Date draft = working_day_before(session.starts_on.add_days(-3));
        for (const auto& sp : session.speakers) {
          if (sp.person_id != person || !written_by_now(draft)) continue;
          XF_TRY(
              keep(add_entry(system_, person, ArchiveKind::kKeynote, draft, "中心发言稿：" + sp.title,
                             "本发言围绕“" + topic +
                                 "”专题，分三部分：一是认识和把握其重要意义；二是分析分管领域的现状与不足；"
                                 "三是提出下一步工作的思路和措施。",
                             0, session.id)));
        }
        if (held(session) && !speaks(session, person) && !missed(session, person) && rng_.below(100) < 35) {
          XF_TRY(keep(add_entry(system_, person, ArchiveKind::kNote, session.ends_on, "学习笔记：" + topic,
                                with_topic(rng_.pick(kNoteTemplates), topic), 0, session.id)));
        }
      }
      for (const auto& article : demo::kArticles) {
        const Date day = working_days_from(on(article.month, 18), 1);
        if (article.leader != i || !written_by_now(day)) continue;
        XF_TRY(
            keep(add_entry(system_, person, ArchiveKind::kArticle, day, std::string(article.title),
                           "结合分管工作实际，谈了对“" + std::string(article.title) + "”的几点认识和做法。",
                           0, std::nullopt, std::string(article.venue))));
      }
      const std::array<std::pair<int, double>, 2> studies{
          {{2 + static_cast<int>(i % 4), 4.0 + static_cast<double>(i % 5)},
           {7 + static_cast<int>(i % 4), 3.0 + static_cast<double>((i * 2) % 4)}}};
      for (std::size_t k = 0; k < studies.size(); ++k) {
        const Date day = working_days_from(on(studies[k].first, 6 + static_cast<int>(i)), 1);
        if (!written_by_now(day)) continue;
        XF_TRY(keep(
            add_entry(system_, person, ArchiveKind::kSelfStudy, day,
                      std::string(demo::kSelfStudyTitles[(i * 3 + k * 5) % demo::kSelfStudyTitles.size()]),
                      "利用业余时间系统学习，做了读书摘录，撰写学习笔记一篇。", studies[k].second)));
      }
      for (const auto& e : made) XF_TRY(maybe_verify(e, 70));
    }
    return core::Ok{};
  }

  /// The leader with an account writes his own archive (as a member would).
  Status create_wang_archive() {
    const Id me = leaders_[demo::kWang];
    std::vector<core::ArchiveEntry> made;
    auto keep = [&](Result<core::ArchiveEntry> r) -> Status {
      if (!r) return fail(std::move(r).error());
      made.push_back(std::move(*r));
      return core::Ok{};
    };
    const auto& first = sessions_[0];
    const auto& april = sessions_[1];
    const Date contact = working_days_from(on(2, 26), 1);
    if (written_by_now(contact)) {
      XF_TRY(
          keep(add_entry(leader_, me, ArchiveKind::kContactPoint, contact, "联系指导柳塘镇青石村党支部学习点",
                         "与村党支部书记商定全年学习安排：每月一次集中学习，每季度一次党员大会专题学习；"
                         "帮助协调村党群服务中心添置图书200余册。",
                         0, std::nullopt, "柳塘镇青石村党群服务中心")));
    }
    if (held(first) && !missed(first, me)) {
      XF_TRY(keep(add_entry(leader_, me, ArchiveKind::kNote, first.ends_on,
                            "学习笔记：" + group_plan_.topics[5].title,
                            with_topic(kNoteTemplates[0], group_plan_.topics[5].title), 0, first.id)));
    }
    const Date self_study = working_days_from(on(3, 9), 1);
    if (written_by_now(self_study)) {
      XF_TRY(keep(add_entry(leader_, me, ArchiveKind::kSelfStudy, self_study,
                            std::string(demo::kSelfStudyTitles[2]),
                            "分章节研读，重点学习关于经济建设和党的建设的部分，做摘录笔记约一万字。", 6)));
    }
    if (held(training_)) {
      XF_TRY(keep(add_entry(
          leader_, me, ArchiveKind::kReflection, training_.ends_on.add_days(2),
          "参加全区县处级领导干部集中学习的体会",
          "四天的学习聆听了两场专题讲座，参加了交流研讨。最深的体会是：改进作风要从群众反映最强烈的问题改起，"
          "分管领域要建立问题清单、整改清单，按月对账销号。",
          0, training_.id)));
    }
    const Date draft = working_day_before(april.starts_on.add_days(-3));
    if (written_by_now(draft)) {
      XF_TRY(keep(add_entry(
          leader_, me, ArchiveKind::kKeynote, draft, "中心发言稿：" + april.speakers[1].title,
          "一、新型工业化是区域发展的主引擎；二、我区工业发展的基础与短板：规上企业数量少、研发投入偏低、"
          "园区配套不足；三、下一步举措：抓龙头企业培育、抓技术改造、抓园区提质、抓要素保障。",
          0, april.id)));
    }
    if (held(april) && !missed(april, me)) {
      XF_TRY(keep(add_entry(leader_, me, ArchiveKind::kNote, april.ends_on,
                            "学习笔记：" + std::string(demo::kAprilLecture),
                            "专题讲座提出，发展新质生产力不能一哄而上，要立足本地产业基础。结合我区实际，可从"
                            "传统产业数字化改造入手，"
                            "先选三至五家企业开展试点。",
                            0, april.id)));
    }
    for (const auto& article : demo::kArticles) {
      const Date day = working_days_from(on(article.month, 18), 1);
      if (article.leader != demo::kWang || !written_by_now(day)) continue;
      XF_TRY(keep(add_entry(leader_, me, ArchiveKind::kArticle, day, std::string(article.title),
                            "从算好发展账、算好民生账、算好生态账三个方面，谈推动新型工业化的思路。", 0,
                            std::nullopt, std::string(article.venue))));
    }
    if (held(party_lecture_)) {
      XF_TRY(keep(add_entry(leader_, me, ArchiveKind::kPartyLectureGiven, party_lecture_.starts_on,
                            "为区政府办公室党支部讲党课：" + std::string(demo::kPartyLectureTitle),
                            "党课分三部分：为什么要始终坚持为民宗旨；机关作风方面群众反映的主要问题；办公室党"
                            "员如何在办文办会办事中践行宗旨。"
                            "课后与支部党员座谈交流。",
                            2, party_lecture_.id, std::string(demo::kBranchName))));
    }
    const Date online = working_days_from(on(8, 20), 1);
    if (written_by_now(online)) {
      XF_TRY(keep(add_entry(leader_, me, ArchiveKind::kSelfStudy, online,
                            std::string(demo::kSelfStudyTitles[3]), "完成网络课程6讲并通过在线测试。", 8)));
    }
    const Date report = working_days_from(on(10, 16), 1);
    if (written_by_now(report)) {
      XF_TRY(keep(add_entry(
          leader_, me, ArchiveKind::kResearchReport, report, "关于全区规上工业企业转型升级情况的调研报告",
          "走访规上工业企业12家，梳理出融资难、用工难、技术改造投入不足等问题8个，提出对策建议5条。", 0,
          std::nullopt, "区经济开发区")));
    }
    const Date summary = on(12, 28);
    if (written_by_now(summary)) {
      XF_TRY(keep(add_entry(leader_, me, ArchiveKind::kYearEndSummary, summary,
                            std::to_string(year_) + "年个人学习小结",
                            "全年参加中心组集中学习和全区集中学习，作中心发言一次，讲党课一次，撰写理论文章一"
                            "篇，完成调研报告一篇。")));
    }
    for (const auto& e : made) XF_TRY(maybe_verify(e, 80));
    return core::Ok{};
  }

  /// Reflections on the branch's reading club in several members' archives, reviewed by the admin: most
  /// verified, one returned with a comment, one still waiting.
  Status create_branch_reflections() {
    if (!held(reading_club_)) return core::Ok{};
    for (const auto& spec : demo::kReflections) {
      const Date day = reading_club_.starts_on.add_days(spec.days_after);
      const Id person = branch_members_[spec.member];
      if (!written_by_now(day) || missed(reading_club_, person)) continue;
      const Actor& author = spec.member == demo::kChen ? branch_member_ : system_;
      XF_TRY_ASSIGN(auto entry,
                    add_entry(author, person, ArchiveKind::kReflection, day, std::string(spec.title),
                              std::string(spec.content), 0, reading_club_.id));
      if (spec.member == demo::kYuan) {
        XF_TRY(review(entry, core::ReviewVerdict::kReturned,
                      "心得以摘抄目录为主，请结合本科室工作谈出自己的体会后重新提交。"));
      } else if (spec.member != demo::kTian) {
        XF_TRY(review(entry, core::ReviewVerdict::kVerified, "已阅。"));
      }
    }
    // She also keeps notes of the branch's own studies.
    for (const auto& a : branch_activities_) {
      if (a.kind != ActivityKind::kCentralizedStudy || a.starts_on.month() != 4 || !held(a) ||
          missed(a, branch_members_[demo::kChen])) {
        continue;
      }
      XF_TRY(add_entry(branch_member_, branch_members_[demo::kChen], ArchiveKind::kNote, a.ends_on,
                       "学习笔记：公文处理规范要点",
                       "记录了公文格式、行文规则和审核把关的要点，整理出综合科常见差错清单12条。", 0, a.id));
    }
    return core::Ok{};
  }

  Status create_township_archive() {
    const Id me = township_members_[demo::kTownshipSecretary];
    std::vector<core::ArchiveEntry> made;
    auto keep = [&](Result<core::ArchiveEntry> r) -> Status {
      if (!r) return fail(std::move(r).error());
      made.push_back(std::move(*r));
      return core::Ok{};
    };
    if (held(training_) && !missed(training_, me)) {
      XF_TRY(keep(add_entry(township_secretary_, me, ArchiveKind::kReflection, training_.ends_on.add_days(3),
                            "县处级领导干部集中学习心得",
                            "作为镇党委书记，感到最紧迫的是把群众路线落到村组：全镇推行班子成员包村联户，每月"
                            "至少走访一次困难群众。",
                            0, training_.id)));
    }
    const Date self_study = working_days_from(on(4, 2), 1);
    if (written_by_now(self_study)) {
      XF_TRY(
          keep(add_entry(township_secretary_, me, ArchiveKind::kSelfStudy, self_study,
                         "自学《乡村振兴促进法》", "逐条学习，对照全镇产业发展和人才引进工作查找差距。", 4)));
    }
    const Date report = working_days_from(on(6, 12), 1);
    if (written_by_now(report)) {
      XF_TRY(keep(add_entry(township_secretary_, me, ArchiveKind::kResearchReport, report,
                            "关于柳塘镇村级集体经济发展情况的调研报告",
                            "全镇11个行政村中，集体经营性收入超过20万元的有4个，不足5万元的有3个。报告分析了"
                            "原因并提出“一村一策”发展建议。",
                            0, std::nullopt, "柳塘镇各行政村")));
    }
    if (last_township_reading_) {
      XF_TRY(keep(add_entry(township_secretary_, me, ArchiveKind::kNote, last_township_reading_->starts_on,
                            "读书交流笔记",
                            "本周领读章节的主要观点和大家发言中提到的三个村级治理问题，下周党委会研究。", 0,
                            last_township_reading_->id)));
    }
    for (const auto& e : made) XF_TRY(maybe_verify(e, 80));
    return core::Ok{};
  }

  // --- the printed summary --------------------------------------------------------------------------

  std::string summary() const {
    const auto n = [](std::int64_t v) { return std::to_string(v); };
    const std::string y = n(year_);
    const std::string pw = password_;
    std::string out;
    out += "演示数据已载入：" + y + " 年度，以今天 " + today_.to_string() + " 为准。\n";
    out += "  组织 4 个：" + std::string(demo::kDistrictName) + "（编号 " + n(district_) + "）、" +
           std::string(demo::kStudyGroupName) + "（编号 " + n(group_) + "）、" +
           std::string(demo::kBranchName) + "（编号 " + n(branch_) + "）、" +
           std::string(demo::kTownshipName) + "（编号 " + n(township_) + "）\n";
    out +=
        "  人员 " + n(people_) + " 名，成员关系 " + n(memberships_) + " 条，学习计划 " + n(plans_) + " 个\n";
    out += "  学习活动 " + n(activities_) + " 项（已结束 " + n(held_) + " 项，其余为今天及以后），考勤记录 " +
           n(marks_) + " 条，请假申请 " + n(leave_requests_) + " 条（待审批 " + n(leave_pending_) + " 条）\n";
    out += "  学习档案 " + n(entries_) + " 条，审核 " + n(reviews_) + " 次；账号 " + n(accounts_) + " 个\n";
    out +=
        "登录（先运行 xuefeng serve --db <数据库文件>，默认地址 http://127.0.0.1:8080/ ，接口前缀 "
        "/api/v1/）：\n";
    const auto row = [&](std::string_view login, std::string_view shows) {
      std::string padded(login);
      padded.resize(std::max<std::size_t>(padded.size(), 13), ' ');
      return "  " + padded + " 密码 " + pw + "  " + std::string(shows) + "\n";
    };
    out += row("admin", "管理员：全部组织、活动、考勤、统计，审批请假、审核学习档案");
    out += row(demo::kLeaderLogin.login, demo::kLeaderLogin.shows_zh);
    out += row(demo::kBranchLogin.login, demo::kBranchLogin.shows_zh);
    out += row(demo::kTownshipLogin.login, demo::kTownshipLogin.shows_zh);
    out += row(demo::kSupervisorLogin.login, demo::kSupervisorLogin.shows_zh);
    out += "\n";
    out += "Demo dataset loaded for " + y + ", relative to today (" + today_.to_string() + ").\n";
    out += "  4 orgs: Yunxi district committee (id " + n(district_) +
           "), its theory-study central group (id " + n(group_) +
           "), the district government office branch (id " + n(branch_) +
           "), Liutang township committee (id " + n(township_) + ")\n";
    out += "  " + n(people_) + " people, " + n(memberships_) + " memberships, " + n(plans_) + " plans\n";
    out += "  " + n(activities_) + " activities (" + n(held_) + " over, the rest today or later), " +
           n(marks_) + " attendance marks, " + n(leave_requests_) + " leave requests (" + n(leave_pending_) +
           " pending)\n";
    out +=
        "  " + n(entries_) + " archive entries, " + n(reviews_) + " reviews; " + n(accounts_) + " accounts\n";
    out +=
        "Logins (run xuefeng serve --db <file>; default http://127.0.0.1:8080/, API under /api/v1/), "
        "password " +
        pw + ":\n";
    const auto row_en = [&](std::string_view login, std::string_view shows) {
      std::string padded(login);
      padded.resize(std::max<std::size_t>(padded.size(), 13), ' ');
      return "  " + padded + " " + std::string(shows) + "\n";
    };
    out += row_en("admin",
                  "administrator: every org, activity, attendance sheet and statistic; approves leave, "
                  "reviews archives");
    out += row_en(demo::kLeaderLogin.login, demo::kLeaderLogin.shows_en);
    out += row_en(demo::kBranchLogin.login, demo::kBranchLogin.shows_en);
    out += row_en(demo::kTownshipLogin.login, demo::kTownshipLogin.shows_en);
    out += row_en(demo::kSupervisorLogin.login, demo::kSupervisorLogin.shows_en);
    return out;
  }

  service::Services& s_;
  std::string password_;
  core::UtcOffset offset_;
  Date today_;
  int year_;
  Rng rng_{20070409};
  bool wrote_ = false;

  Actor system_ = Actor::system();
  Actor admin_;
  Actor leader_;
  Actor branch_member_;
  Actor township_secretary_;

  Id district_ = 0, group_ = 0, branch_ = 0, township_ = 0;
  std::vector<Id> leaders_, other_leaders_, experts_, branch_members_, township_members_;
  core::Plan group_plan_, branch_plan_, township_plan_;
  core::Activity training_, reading_club_, party_lecture_;
  std::vector<core::Activity> sessions_, branch_activities_;
  std::optional<core::Activity> last_township_reading_;
  /// (activity, person) of everyone marked excused or absent, so no one keeps notes of a study they missed.
  std::set<std::pair<Id, Id>> missed_;

  std::int64_t people_ = 0, memberships_ = 0, plans_ = 0, activities_ = 0, held_ = 0, marks_ = 0,
               entries_ = 0, reviews_ = 0, accounts_ = 0, leave_requests_ = 0, leave_pending_ = 0;
};

}  // namespace

core::Result<std::string> load_demo_dataset(service::Services& services, const std::string& password) {
  const auto existing = services.accounts.list(Actor::system(), service::PageRequest{1, std::nullopt});
  if (!existing) return fail(existing.error());
  if (!existing->items.empty()) {
    return fail(
        Error::conflict({"数据库不是空的（已有账号），演示数据只能载入新建的空数据库",
                         "the database is not empty (it has accounts); the demo dataset loads only into a "
                         "new, empty database"}));
  }
  DemoLoader loader(services, password);
  auto loaded = loader.run();
  if (!loaded && loader.wrote()) {
    Error error = std::move(loaded).error();
    error.detail.zh = "载入演示数据失败，数据库中可能已写入部分数据，请删除该文件后重试：" + error.detail.zh;
    error.detail.en =
        "loading the demo dataset failed and may have left part of it in the database; delete the file "
        "and try again: " +
        error.detail.en;
    return fail(std::move(error));
  }
  return loaded;
}

}  // namespace xuefeng::cli
