#include "core/vocabulary.hpp"

namespace xuefeng::core {
namespace {

constexpr Term<OrgKind> kOrgKinds[] = {
    {OrgKind::kPartyCommittee, "party_committee", "党委"},
    {OrgKind::kWorkingCommittee, "working_committee", "党工委"},
    {OrgKind::kLeadingGroup, "leading_group", "党组"},
    {OrgKind::kGeneralBranch, "general_branch", "党总支"},
    {OrgKind::kBranch, "branch", "党支部"},
    {OrgKind::kGroup, "group", "党小组"},
    {OrgKind::kStudyGroup, "study_group", "理论学习中心组"},
};

constexpr Term<Gender> kGenders[] = {
    {Gender::kMale, "male", "男"},
    {Gender::kFemale, "female", "女"},
};

constexpr Term<CadreLevel> kCadreLevels[] = {
    {CadreLevel::kBureau, "bureau", "厅局级"},
    {CadreLevel::kCounty, "county", "县处级"},
    {CadreLevel::kTownship, "township", "乡科级"},
};

constexpr Term<MemberRole> kMemberRoles[] = {
    {MemberRole::kSecretary, "secretary", "书记"},
    {MemberRole::kDeputySecretary, "deputy_secretary", "副书记"},
    {MemberRole::kCommitteeMember, "committee_member", "委员"},
    {MemberRole::kGroupLeader, "group_leader", "组长"},
    {MemberRole::kStudySecretary, "study_secretary", "学习秘书"},
    {MemberRole::kMember, "member", "成员"},
};

constexpr Term<ActivityKind> kActivityKinds[] = {
    {ActivityKind::kCentralizedStudy, "centralized_study", "集中学习"},
    {ActivityKind::kLecture, "lecture", "专题讲座"},
    {ActivityKind::kKeynote, "keynote", "中心发言"},
    {ActivityKind::kSeminar, "seminar", "交流研讨"},
    {ActivityKind::kReadingClub, "reading_club", "读书会"},
    {ActivityKind::kQuizContest, "quiz_contest", "知识竞赛"},
    {ActivityKind::kFilm, "film", "观看教育片"},
    {ActivityKind::kSiteVisit, "site_visit", "参观学习"},
    {ActivityKind::kFieldResearch, "field_research", "调研"},
    {ActivityKind::kPolicyBriefing, "policy_briefing", "政策解读"},
    {ActivityKind::kPartyLecture, "party_lecture", "党课"},
    {ActivityKind::kTraining, "training", "集中培训"},
    {ActivityKind::kGrassrootsVisit, "grassroots_visit", "深入基层"},
};

constexpr Term<AttendanceStatus> kAttendanceStatuses[] = {
    {AttendanceStatus::kPresent, "present", "出席"},
    {AttendanceStatus::kLate, "late", "迟到"},
    {AttendanceStatus::kExcused, "excused", "请假"},
    {AttendanceStatus::kAbsent, "absent", "缺席"},
};

constexpr Term<ArchiveKind> kArchiveKinds[] = {
    {ArchiveKind::kNote, "note", "学习笔记"},
    {ArchiveKind::kReflection, "reflection", "心得体会"},
    {ArchiveKind::kArticle, "article", "理论文章"},
    {ArchiveKind::kKeynote, "keynote", "中心发言稿"},
    {ArchiveKind::kPartyLectureGiven, "party_lecture_given", "讲党课"},
    {ArchiveKind::kYearEndSummary, "year_end_summary", "学习小结"},
    {ArchiveKind::kSelfStudy, "self_study", "自学"},
    {ArchiveKind::kResearchReport, "research_report", "调研报告"},
    {ArchiveKind::kContactPoint, "contact_point", "学习联系点"},
};

constexpr Term<ReviewVerdict> kReviewVerdicts[] = {
    {ReviewVerdict::kVerified, "verified", "已审核"},
    {ReviewVerdict::kReturned, "returned", "退回"},
};

constexpr Term<LeaveState> kLeaveStates[] = {
    {LeaveState::kPending, "pending", "待审批"},
    {LeaveState::kApproved, "approved", "已批准"},
    {LeaveState::kRejected, "rejected", "未批准"},
};

constexpr Term<AccountRole> kAccountRoles[] = {
    {AccountRole::kAdmin, "admin", "系统管理员"},
    {AccountRole::kOrgAdmin, "org_admin", "组织管理员"},
    {AccountRole::kSecretary, "secretary", "书记"},
    {AccountRole::kStudySecretary, "study_secretary", "学习秘书"},
    {AccountRole::kSupervisor, "supervisor", "督导"},
    {AccountRole::kMember, "member", "成员"},
};

constexpr Term<RepeatEvery> kRepeatEvery[] = {
    {RepeatEvery::kWeek, "week", "每周"},
    {RepeatEvery::kFortnight, "fortnight", "每两周"},
    {RepeatEvery::kMonth, "month", "每月"},
};

}  // namespace

std::span<const Term<OrgKind>> terms(OrgKind) { return kOrgKinds; }
std::span<const Term<Gender>> terms(Gender) { return kGenders; }
std::span<const Term<CadreLevel>> terms(CadreLevel) { return kCadreLevels; }
std::span<const Term<MemberRole>> terms(MemberRole) { return kMemberRoles; }
std::span<const Term<ActivityKind>> terms(ActivityKind) { return kActivityKinds; }
std::span<const Term<AttendanceStatus>> terms(AttendanceStatus) { return kAttendanceStatuses; }
std::span<const Term<ArchiveKind>> terms(ArchiveKind) { return kArchiveKinds; }
std::span<const Term<ReviewVerdict>> terms(ReviewVerdict) { return kReviewVerdicts; }
std::span<const Term<LeaveState>> terms(LeaveState) { return kLeaveStates; }
std::span<const Term<AccountRole>> terms(AccountRole) { return kAccountRoles; }
std::span<const Term<RepeatEvery>> terms(RepeatEvery) { return kRepeatEvery; }

bool attended(AttendanceStatus status) {
  return status == AttendanceStatus::kPresent || status == AttendanceStatus::kLate;
}

}  // namespace xuefeng::core
