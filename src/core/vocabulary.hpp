#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace xuefeng::core {

// The glossary of ../shared/domain/README.md as types. Each enumerator has exactly one wire code (the
// glossary's English code, used in the database, the API and UI label keys) and one Chinese label.

enum class OrgKind {
  kPartyCommittee, kWorkingCommittee, kLeadingGroup, kGeneralBranch, kBranch, kGroup, kStudyGroup,
};

enum class Gender { kMale, kFemale };

/// Ordered highest first, so `level <= CadreLevel::kCounty` means "county level or above".
enum class CadreLevel { kBureau, kCounty, kTownship };

enum class MemberRole {
  kSecretary, kDeputySecretary, kCommitteeMember, kGroupLeader, kStudySecretary, kMember,
};

enum class ActivityKind {
  kCentralizedStudy, kLecture, kKeynote, kSeminar, kReadingClub, kQuizContest, kFilm, kSiteVisit,
  kFieldResearch, kPolicyBriefing, kPartyLecture, kTraining, kGrassrootsVisit,
};

enum class AttendanceStatus { kPresent, kLate, kExcused, kAbsent };

enum class ArchiveKind {
  kNote, kReflection, kArticle, kKeynote, kPartyLectureGiven, kYearEndSummary, kSelfStudy, kResearchReport,
  kContactPoint,
};

enum class ReviewVerdict { kVerified, kReturned };

enum class LeaveState { kPending, kApproved, kRejected };

/// Account roles. `admin` holds everywhere; `org_admin`, `secretary`, `study_secretary` and `supervisor`
/// are granted on an org and hold in its subtree (core/access.hpp says what each may do); `member` acts
/// only for the account's own person.
enum class AccountRole { kAdmin, kOrgAdmin, kSecretary, kStudySecretary, kSupervisor, kMember };

enum class RepeatEvery { kWeek, kFortnight, kMonth };

template <typename E>
struct Term {
  E value;
  std::string_view code;
  std::string_view label_zh;
};

std::span<const Term<OrgKind>> terms(OrgKind);
std::span<const Term<Gender>> terms(Gender);
std::span<const Term<CadreLevel>> terms(CadreLevel);
std::span<const Term<MemberRole>> terms(MemberRole);
std::span<const Term<ActivityKind>> terms(ActivityKind);
std::span<const Term<AttendanceStatus>> terms(AttendanceStatus);
std::span<const Term<ArchiveKind>> terms(ArchiveKind);
std::span<const Term<ReviewVerdict>> terms(ReviewVerdict);
std::span<const Term<LeaveState>> terms(LeaveState);
std::span<const Term<AccountRole>> terms(AccountRole);
std::span<const Term<RepeatEvery>> terms(RepeatEvery);

/// The wire code of a value, e.g. code(ActivityKind::kCentralizedStudy) == "centralized_study".
template <typename E>
std::string_view code(E value) {
  for (const auto& t : terms(E{})) {
    if (t.value == value) return t.code;
  }
  return {};
}

template <typename E>
std::string_view label_zh(E value) {
  for (const auto& t : terms(E{})) {
    if (t.value == value) return t.label_zh;
  }
  return {};
}

/// The value for a wire code; nullopt for anything else (codes are case-sensitive).
template <typename E>
std::optional<E> parse_code(std::string_view text) {
  for (const auto& t : terms(E{})) {
    if (t.code == text) return t.value;
  }
  return std::nullopt;
}

/// The value for a wire code or a Chinese label, for human-made input such as a CSV roster.
template <typename E>
std::optional<E> parse_code_or_label(std::string_view text) {
  for (const auto& t : terms(E{})) {
    if (t.code == text || t.label_zh == text) return t.value;
  }
  return std::nullopt;
}

/// "centralized_study, lecture, ..." for error messages that list what is allowed.
template <typename E>
std::string allowed_codes() {
  std::string out;
  for (const auto& t : terms(E{})) {
    if (!out.empty()) out += ", ";
    out += t.code;
  }
  return out;
}

bool attended(AttendanceStatus status);

}  // namespace xuefeng::core
