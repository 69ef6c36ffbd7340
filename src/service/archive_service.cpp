#include <set>

#include "core/rules.hpp"
#include "core/text.hpp"
#include "service/access.hpp"
#include "service/checks.hpp"
#include "service/services.hpp"

namespace xuefeng::service {
namespace {

using core::Error;
using core::fail;
using core::FieldErrors;
using core::Id;
using core::Permission;

const core::Text kNoSuchPerson{"人员不存在", "no such person"};
const core::Text kNoSuchEntry{"学习档案记录不存在", "no such archive entry"};

// A linked activity must exist and be one the person could have taken part in.
void check_linked_activity(Repositories& repos, const core::ArchiveEntry& entry, FieldErrors& errors) {
  if (!entry.activity_id) return;
  if (!repos.activities().find(*entry.activity_id)) {
    errors.add("activity_id", {"学习活动不存在", "no such activity"});
  } else if (!repos.activities().involves(*entry.activity_id, entry.person_id)) {
    errors.add("activity_id", {"此人未参加该活动（不在参学名单中）", "the person was not expected at that activity"});
  }
}

// Writing in an archive: the person's own, or one the actor keeps for others (secretaries, org admins).
Status require_archive_writer(Access& access, const Actor& actor, Id person_id, const core::Text& not_found) {
  if (actor.is_person(person_id)) return core::Ok{};
  return access.require_person(Permission::kWriteArchive, person_id, not_found);
}

}  // namespace

Result<core::ArchiveEntry> ArchiveService::load(Repositories& repos, Access& access, Id person_id, Id entry_id) {
  XF_TRY(access.require_person(Permission::kRead, person_id, kNoSuchEntry));
  auto entry = repos.archive().find(entry_id);
  if (!entry || entry->person_id != person_id) return fail(Error::not_found(kNoSuchEntry));
  return std::move(*entry);
}

Result<core::ArchiveEntry> ArchiveService::create(const Actor& actor, core::ArchiveEntry entry) {
  FieldErrors errors;
  core::check_archive_entry(entry, errors);
  if (!errors.empty()) return fail(std::move(errors).to_error());
  return write(ctx_.db(), ctx_.write_context(actor, "archive.create"), [&](Repositories& repos) -> Result<core::ArchiveEntry> {
    if (!repos.people().find(entry.person_id)) return fail(Error::not_found(kNoSuchPerson));
    Access access(actor, repos, ctx_.today());
    XF_TRY(require_archive_writer(access, actor, entry.person_id, kNoSuchPerson));
    FieldErrors checks;
    check_linked_activity(repos, entry, checks);
    if (!checks.empty()) return fail(std::move(checks).to_error());
    entry.credit_hours = core::round_credit_hours(entry.credit_hours);
    entry.created_at = entry.updated_at = ctx_.now();
    entry.version = 1;
    entry.review_status.reset();
    entry.reviews.clear();
    entry.id = repos.archive().insert(entry);
    return entry;
  });
}

Result<core::ArchiveEntry> ArchiveService::get(const Actor& actor, Id person_id, Id entry_id) {
  return read(ctx_.db(), [&](Repositories& repos) {
    Access access(actor, repos, ctx_.today());
    return load(repos, access, person_id, entry_id);
  });
}

Result<core::ArchiveEntry> ArchiveService::update(const Actor& actor, Id person_id, Id entry_id,
                                                  const ArchivePatch& patch, std::optional<Version> if_match) {
  return write(ctx_.db(), ctx_.write_context(actor, "archive.update"), [&](Repositories& repos) -> Result<core::ArchiveEntry> {
    Access access(actor, repos, ctx_.today());
    XF_TRY_ASSIGN(auto entry, load(repos, access, person_id, entry_id));
    XF_TRY(require_archive_writer(access, actor, person_id, kNoSuchEntry));
    XF_TRY(check_version(if_match, entry.version));
    const core::ArchiveEntry before = entry;
    if (patch.kind) entry.kind = *patch.kind;
    if (patch.date) entry.date = *patch.date;
    if (patch.title) entry.title = *patch.title;
    if (patch.content) entry.content = *patch.content;
    if (patch.credit_hours) entry.credit_hours = core::round_credit_hours(*patch.credit_hours);
    if (patch.activity_id) entry.activity_id = *patch.activity_id;
    if (patch.venue) entry.venue = *patch.venue;
    FieldErrors errors;
    core::check_archive_entry(entry, errors);
    if (patch.activity_id) check_linked_activity(repos, entry, errors);
    if (!errors.empty()) return fail(std::move(errors).to_error());
    if (entry == before) return before;  // nothing to change: no new version, the review stands
    // What was reviewed is no longer what is there: it awaits a new review. The history stays.
    entry.review_status.reset();
    entry.updated_at = ctx_.now();
    repos.archive().update(entry);
    entry.version += 1;
    return entry;
  });
}

Status ArchiveService::remove(const Actor& actor, Id person_id, Id entry_id, std::optional<Version> if_match) {
  return ctx_.db().write(ctx_.write_context(actor, "archive.delete"), [&](Repositories& repos) -> Status {
    Access access(actor, repos, ctx_.today());
    XF_TRY_ASSIGN(auto entry, load(repos, access, person_id, entry_id));
    XF_TRY(require_archive_writer(access, actor, person_id, kNoSuchEntry));
    XF_TRY(check_version(if_match, entry.version));
    // A verified entry is part of the record: only those who keep archives for others may remove it.
    if (entry.review_status == core::ReviewVerdict::kVerified &&
        !access.can_person(Permission::kWriteArchive, person_id)) {
      return fail(Error::forbidden({"已审核的记录只能由管理员删除", "a verified entry can be deleted only by an administrator"}));
    }
    repos.archive().remove(entry_id);
    return core::Ok{};
  });
}

Result<core::ArchiveEntry> ArchiveService::review(const Actor& actor, Id person_id, Id entry_id,
                                                  core::ReviewVerdict verdict, const std::string& comment) {
  FieldErrors errors;
  core::check_text_length("comment", comment, 2000, errors);
  if (verdict == core::ReviewVerdict::kReturned && core::trim(comment).empty()) {
    errors.add("comment", {"退回时请写明原因", "say why the entry is returned"});
  }
  if (!errors.empty()) return fail(std::move(errors).to_error());
  return write(ctx_.db(), ctx_.write_context(actor, "archive.review"), [&](Repositories& repos) -> Result<core::ArchiveEntry> {
    Access access(actor, repos, ctx_.today());
    XF_TRY_ASSIGN(auto entry, load(repos, access, person_id, entry_id));
    // Reviewing is a secretary's act, even on one's own entry.
    XF_TRY(access.require_person(Permission::kReviewArchive, person_id, kNoSuchEntry));
    core::ArchiveReview review;
    review.entry_id = entry_id;
    review.reviewer_account_id = actor.account_id;
    review.reviewer_login = actor.login;
    review.verdict = verdict;
    review.comment = std::string(core::trim(comment));
    review.reviewed_at = ctx_.now();
    review.id = repos.archive().add_review(review);
    entry.review_status = verdict;
    entry.reviews.push_back(review);
    entry.version += 1;  // the entry now reads differently (its review status), so it has a new version
    return entry;
  });
}

Result<ArchiveYear> ArchiveService::year(const Actor& actor, Id person_id, int year) {
  if (year < 2000 || year > 2100) return fail(Error::validation("year", {"年度应在 2000 到 2100 之间", "year must be 2000–2100"}));
  return read(ctx_.db(), [&](Repositories& repos) -> Result<ArchiveYear> {
    Access access(actor, repos, ctx_.today());
    XF_TRY_ASSIGN(auto person, readable_person(repos, access, person_id));
    return year_in(repos, std::move(person), year);
  });
}

Result<PersonView> ArchiveService::readable_person(Repositories& repos, Access& access, Id person_id) {
  auto person = repos.people().find(person_id);
  if (!person) return fail(Error::not_found(kNoSuchPerson));
  XF_TRY(access.require_person(Permission::kRead, person_id, kNoSuchPerson));
  const bool details =
      access.actor().is_person(person_id) || access.can_person(Permission::kReadSensitive, person_id);
  return PersonView::shown(std::move(*person), details);
}

ArchiveYear ArchiveService::year_in(Repositories& repos, PersonView person, int year) const {
  const auto from = *core::Date::from_ymd(year, 1, 1);
  const auto to = *core::Date::from_ymd(year, 12, 31);
  const auto today = ctx_.today();
  const Id person_id = person.person.id;
  ArchiveYear out;
  out.person = std::move(person);
  out.year = year;
  out.attendance = repos.reports().attendance_of_person(person_id, from, to);
  out.speeches = repos.reports().speeches_of_person(person_id, from, to);
  out.entries = repos.archive().list(person_id, from, to);
  std::set<Id> attended_activities;
  for (const auto& pa : out.attendance) {
    // Only sessions that have taken place are expected so far; upcoming ones are listed, not counted.
    if (pa.activity.starts_on > today) continue;
    ++out.totals.expected;
    if (pa.status && core::attended(*pa.status)) {
      ++out.totals.attended;
      out.totals.study_days += pa.activity.days();
      out.totals.credit_hours += pa.activity.credit_hours;
      attended_activities.insert(pa.activity.id);
    }
  }
  for (const auto& e : out.entries) {
    ++out.totals.entries_by_kind[e.kind];
    // An entry about an activity already counted (a reflection on a lecture) adds no hours twice.
    if (!e.activity_id || !attended_activities.count(*e.activity_id)) out.totals.credit_hours += e.credit_hours;
  }
  out.totals.credit_hours = core::round_credit_hours(out.totals.credit_hours);
  return out;
}

}  // namespace xuefeng::service
