#include <algorithm>
#include <map>
#include <set>

#include "core/rules.hpp"
#include "core/text.hpp"
#include "service/access.hpp"
#include "service/checks.hpp"
#include "service/crypto.hpp"
#include "service/paging.hpp"
#include "service/services.hpp"

namespace xuefeng::service {
namespace {

using core::Activity;
using core::AttendanceStatus;
using core::Error;
using core::fail;
using core::FieldErrors;
using core::Id;
using core::Permission;

const core::Text kNoSuchActivity{"学习活动不存在", "no such activity"};

std::string n(std::size_t v) { return std::to_string(v); }

// Ids that must name existing people: host, speakers, invitees. One lookup for all of them.
void check_people_exist(Repositories& repos, const Activity& a, FieldErrors& errors) {
  std::vector<Id> ids;
  if (a.host_id) ids.push_back(*a.host_id);
  for (const auto& s : a.speakers) ids.push_back(s.person_id);
  ids.insert(ids.end(), a.invitees.begin(), a.invitees.end());
  if (ids.empty()) return;
  std::set<Id> known;
  for (const auto& p : repos.people().find_many(ids)) known.insert(p.id);
  const core::Text missing{"人员不存在", "no such person"};
  if (a.host_id && !known.count(*a.host_id)) errors.add("host_id", missing);
  for (std::size_t i = 0; i < a.speakers.size(); ++i) {
    if (!known.count(a.speakers[i].person_id)) errors.add("speakers[" + n(i) + "].person_id", missing);
  }
  for (std::size_t i = 0; i < a.invitees.size(); ++i) {
    if (!known.count(a.invitees[i])) errors.add("invitees[" + n(i) + "]", missing);
  }
}

// A plan and topic, when named, must belong together, to the activity's org and to its year.
void check_plan_and_topic(Repositories& repos, const Activity& a, FieldErrors& errors) {
  if (a.topic_id && !a.plan_id) {
    errors.add("topic_id", {"指定专题时须同时指定学习计划", "topic_id needs plan_id"});
    return;
  }
  if (!a.plan_id) return;
  const auto plan = repos.plans().find(*a.plan_id);
  if (!plan) {
    errors.add("plan_id", {"学习计划不存在", "no such plan"});
    return;
  }
  if (plan->org_id != a.org_id) {
    errors.add("plan_id", {"该学习计划不属于本组织", "the plan belongs to another organization"});
  }
  if (plan->year != a.starts_on.year()) {
    errors.add("plan_id", {"活动日期不在该计划的年度内", "the activity is not in the plan's year"});
  }
  if (a.topic_id && std::none_of(plan->topics.begin(), plan->topics.end(),
                                 [&](const core::Topic& t) { return t.id == *a.topic_id; })) {
    errors.add("topic_id", {"该专题不属于此学习计划", "the topic is not part of the plan"});
  }
}

std::map<Id, std::string> names_for(Repositories& repos, const std::vector<Activity>& activities) {
  std::vector<Id> ids;
  for (const auto& a : activities) {
    if (a.host_id) ids.push_back(*a.host_id);
    for (const auto& s : a.speakers) ids.push_back(s.person_id);
  }
  std::map<Id, std::string> names;
  if (ids.empty()) return names;
  for (auto& p : repos.people().find_many(ids)) names.emplace(p.id, std::move(p.name));
  return names;
}

std::vector<ActivityView> views_of(Repositories& repos, std::vector<Activity> activities) {
  const auto names = names_for(repos, activities);
  std::vector<ActivityView> views;
  views.reserve(activities.size());
  for (auto& a : activities) {
    ActivityView v{std::move(a), {}};
    if (v.activity.host_id) {
      if (auto it = names.find(*v.activity.host_id); it != names.end()) v.person_names.insert(*it);
    }
    for (const auto& s : v.activity.speakers) {
      if (auto it = names.find(s.person_id); it != names.end()) v.person_names.insert(*it);
    }
    views.push_back(std::move(v));
  }
  return views;
}

Activity shifted(const Activity& a, std::int32_t days) {
  Activity copy = a;
  copy.starts_on = a.starts_on.add_days(days);
  copy.ends_on = a.ends_on.add_days(days);
  if (a.starts_at) copy.starts_at = a.starts_at->plus_seconds(days * 86400LL);
  if (a.ends_at) copy.ends_at = a.ends_at->plus_seconds(days * 86400LL);
  return copy;
}

Error not_in_audience() {
  return Error::forbidden({"您不在本次活动的参学人员名单中", "you are not expected at this activity"});
}

Error no_person() {
  return Error::forbidden({"此账号未关联人员，无法签到或请假", "this account has no person to check in or ask leave for"});
}

}  // namespace

Result<core::Activity> ActivityService::load_visible(Repositories& repos, Access& access, Id id,
                                                     std::optional<Permission> needed) {
  auto activity = repos.activities().find(id);
  if (!activity) return fail(Error::not_found(kNoSuchActivity));
  // Visible with `read` on its org, or to anyone taking part in it.
  const bool visible = access.can_org(Permission::kRead, activity->org_id) ||
                       (access.actor().person_id && repos.activities().involves(id, *access.actor().person_id));
  if (!visible) return fail(Error::not_found(kNoSuchActivity));
  if (needed && !access.can_org(*needed, activity->org_id)) return fail(forbidden_action());
  return std::move(*activity);
}

Result<std::vector<ActivityView>> ActivityService::create(const Actor& actor, Activity activity,
                                                          const std::optional<Repeat>& repeat) {
  FieldErrors errors;
  core::check_activity(activity, ctx_.config().offset, errors);
  std::vector<core::Date> dates{activity.starts_on};
  if (repeat) {
    if (repeat->until < activity.starts_on) {
      errors.add("repeat.until", {"重复截止日期不能早于开始日期", "repeat.until must not be before starts_on"});
    } else {
      dates = core::series_dates(activity.starts_on, repeat->every, repeat->until);
      if (dates.size() > static_cast<std::size_t>(core::kMaxSeriesLength)) {
        errors.add("repeat.until", {"一次最多创建 " + n(core::kMaxSeriesLength) + " 次活动",
                                    "at most " + n(core::kMaxSeriesLength) + " activities can be created at once"});
      }
    }
  }
  if (!errors.empty()) return fail(std::move(errors).to_error());

  return write(ctx_.db(), ctx_.write_context(actor, "activities.create"),
               [&](Repositories& repos) -> Result<std::vector<ActivityView>> {
    Access access(actor, repos, ctx_.today());
    XF_TRY(access.require_somewhere(Permission::kPlan));
    if (!repos.orgs().find(activity.org_id) || !access.reads_org(activity.org_id)) {
      return fail(Error::validation("org_id", {"组织不存在", "no such organization"}));
    }
    if (!access.can_org(Permission::kPlan, activity.org_id)) return fail(forbidden_action());
    FieldErrors checks;
    check_people_exist(repos, activity, checks);
    for (const auto& date : dates) {
      check_plan_and_topic(repos, shifted(activity, date - activity.starts_on), checks);
      if (!checks.empty()) break;
    }
    if (!checks.empty()) return fail(std::move(checks).to_error());
    const auto now = ctx_.now();
    std::optional<Id> series_id;
    if (dates.size() > 1) series_id = repos.activities().next_series_id();
    std::vector<Activity> created;
    for (const auto& date : dates) {
      Activity a = shifted(activity, date - activity.starts_on);
      a.series_id = series_id;
      a.created_at = a.updated_at = now;
      a.version = 1;
      a.id = repos.activities().insert(a, crypto::random_token());
      created.push_back(std::move(a));
    }
    return views_of(repos, std::move(created));
  });
}

Result<ActivityView> ActivityService::get(const Actor& actor, Id id) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<ActivityView> {
    Access access(actor, repos, ctx_.today());
    XF_TRY_ASSIGN(auto activity, load_visible(repos, access, id, std::nullopt));
    return std::move(views_of(repos, {std::move(activity)}).front());
  });
}

Result<Page<ActivityView>> ActivityService::list(const Actor& actor, const ActivityQuery& query,
                                                 const PageRequest& page) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<Page<ActivityView>> {
    ActivityFilter filter;
    filter.from = query.from;
    filter.to = query.to;
    filter.kind = query.kind;
    filter.org_id = query.org_id;
    filter.descendants = query.descendants;
    if (query.unmarked) filter.unmarked_by = ctx_.today();
    filter.visible = Access(actor, repos, ctx_.today()).visibility();
    auto rows = repos.activities().list(filter, page);
    auto activities = make_page(std::move(rows), page.limit, [](const Activity& a) {
      return Cursor{a.starts_on.days_since_epoch(), a.id};
    });
    Page<ActivityView> out;
    out.next = activities.next;
    out.items = views_of(repos, std::move(activities.items));
    return out;
  });
}

Result<ActivityView> ActivityService::update(const Actor& actor, Id id, const ActivityPatch& patch,
                                             std::optional<Version> if_match) {
  return write(ctx_.db(), ctx_.write_context(actor, "activities.update"), [&](Repositories& repos) -> Result<ActivityView> {
    Access access(actor, repos, ctx_.today());
    XF_TRY_ASSIGN(Activity a, load_visible(repos, access, id, Permission::kPlan));
    XF_TRY(check_version(if_match, a.version));
    const Activity before = a;
    if (patch.plan_id) a.plan_id = *patch.plan_id;
    if (patch.topic_id) a.topic_id = *patch.topic_id;
    if (patch.kind) a.kind = *patch.kind;
    if (patch.title) a.title = *patch.title;
    if (patch.starts_on) {
      // Moving the start moves the whole activity unless the client also says where it ends: "next
      // Tuesday instead" keeps its length and its hours.
      const std::int32_t shift = *patch.starts_on - a.starts_on;
      a = shifted(a, shift);
    }
    if (patch.ends_on) a.ends_on = *patch.ends_on;
    if (patch.starts_at) a.starts_at = *patch.starts_at;
    if (patch.ends_at) a.ends_at = *patch.ends_at;
    if (patch.location) a.location = *patch.location;
    if (patch.host_id) a.host_id = *patch.host_id;
    if (patch.credit_hours) a.credit_hours = *patch.credit_hours;
    if (patch.speakers) a.speakers = *patch.speakers;
    if (patch.invitees) a.invitees = *patch.invitees;
    FieldErrors errors;
    core::check_activity(a, ctx_.config().offset, errors);
    if (errors.empty()) {
      check_people_exist(repos, a, errors);
      check_plan_and_topic(repos, a, errors);
    }
    if (!errors.empty()) return fail(std::move(errors).to_error());
    if (a == before) return std::move(views_of(repos, {std::move(a)}).front());  // nothing to change
    a.updated_at = ctx_.now();
    repos.activities().update(a);
    if (a.speakers != before.speakers || a.invitees != before.invitees) repos.activities().replace_people(a);
    a.version += 1;
    return std::move(views_of(repos, {std::move(a)}).front());
  });
}

Status ActivityService::remove(const Actor& actor, Id id, std::optional<Version> if_match) {
  return ctx_.db().write(ctx_.write_context(actor, "activities.delete"), [&](Repositories& repos) -> Status {
    Access access(actor, repos, ctx_.today());
    XF_TRY_ASSIGN(const Activity a, load_visible(repos, access, id, Permission::kPlan));
    XF_TRY(check_version(if_match, a.version));
    const Usage usage = repos.activities().usage(id);
    if (usage.attendance > 0 || usage.archive_entries > 0) {
      return fail(Error::conflict({"该活动已有考勤记录或学习档案引用，不能删除",
                                   "the activity has attendance marks or archive entries and cannot be deleted"}));
    }
    repos.activities().remove(id);
    return core::Ok{};
  });
}

Result<AttendanceSheet> ActivityService::sheet(Repositories& repos, const Activity& activity) {
  AttendanceSheet sheet;
  sheet.activity_id = activity.id;
  sheet.activity = activity;
  if (const auto org = repos.orgs().find(activity.org_id)) sheet.org_name = org->name;
  const auto audience = repos.activities().audience(activity.id);
  const auto marks = repos.attendance().marks(activity.id);
  const auto leave = repos.leave().list(activity.id);
  std::map<Id, AttendanceItem> items;
  for (const Id person : audience) items[person].person_id = person;
  for (const auto& m : marks) {
    auto [it, inserted] = items.try_emplace(m.person_id);
    auto& item = it->second;
    item.person_id = m.person_id;
    item.expected = !inserted;
    item.status = m.status;
    item.checked_in_at = m.checked_in_at;
    item.note = m.note;
  }
  for (const auto& l : leave) {
    if (auto it = items.find(l.person_id); it != items.end()) it->second.leave = l;
  }
  std::vector<Id> ids;
  ids.reserve(items.size());
  for (const auto& [id, _] : items) ids.push_back(id);
  std::map<Id, core::Person> people;
  for (auto& p : repos.people().find_many(ids)) people.emplace(p.id, std::move(p));
  sheet.expected = static_cast<std::int64_t>(audience.size());
  for (auto& [id, item] : items) {
    if (auto it = people.find(id); it != people.end()) {
      item.name = std::move(it->second.name);
      item.post = std::move(it->second.post);
    }
    if (item.expected && item.status && core::attended(*item.status)) ++sheet.attended;
    sheet.items.push_back(std::move(item));
  }
  sheet.participation_rate = core::participation_rate(sheet.attended, sheet.expected);
  return sheet;
}

Result<AttendanceSheet> ActivityService::attendance(const Actor& actor, Id id) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<AttendanceSheet> {
    Access access(actor, repos, ctx_.today());
    XF_TRY_ASSIGN(const Activity activity, load_visible(repos, access, id, Permission::kRead));
    return sheet(repos, activity);
  });
}

Result<AttendanceSheet> ActivityService::set_marks(const Actor& actor, Id id, const std::vector<MarkInput>& marks) {
  FieldErrors errors;
  if (marks.size() > kMaxMarksPerRequest) {
    const std::string max = std::to_string(kMaxMarksPerRequest);
    return fail(Error::validation("body", {"一次最多登记 " + max + " 人", "at most " + max + " marks per request"}));
  }
  std::set<Id> seen;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    if (!seen.insert(marks[i].person_id).second) {
      errors.add("[" + n(i) + "].person_id", {"同一人出现了两次", "the same person appears twice"});
    }
    core::check_text_length("[" + n(i) + "].note", marks[i].note, 500, errors);
  }
  if (!errors.empty()) return fail(std::move(errors).to_error());
  const auto now = ctx_.now();
  const auto today = ctx_.today();
  return write(ctx_.db(), ctx_.write_context(actor, "attendance.set"), [&](Repositories& repos) -> Result<AttendanceSheet> {
    Access access(actor, repos, ctx_.today());
    XF_TRY_ASSIGN(const Activity loaded, load_visible(repos, access, id, Permission::kTakeAttendance));
    const Activity* activity = &loaded;
    const auto audience = repos.activities().audience(id);
    const std::set<Id> expected(audience.begin(), audience.end());
    const bool started = activity->starts_on <= today;
    FieldErrors checks;
    for (std::size_t i = 0; i < marks.size(); ++i) {
      if (!expected.count(marks[i].person_id)) {
        checks.add("[" + n(i) + "].person_id", {"此人不在本次活动的参学人员名单中", "this person is not expected at "
                                                                                  "the activity"});
      }
      if (!started && marks[i].status && *marks[i].status != AttendanceStatus::kExcused) {
        checks.add("[" + n(i) + "].status", {"活动尚未开始，只能登记请假", "the activity has not started; only "
                                                                           "excused can be marked"});
      }
    }
    if (!checks.empty()) return fail(std::move(checks).to_error());
    for (const auto& in : marks) {
      if (!in.status) {
        repos.attendance().remove(id, in.person_id);
        continue;
      }
      core::AttendanceMark mark;
      mark.activity_id = id;
      mark.person_id = in.person_id;
      mark.status = *in.status;
      mark.note = in.note;
      mark.updated_at = now;
      if (const auto old = repos.attendance().find(id, in.person_id)) mark.checked_in_at = old->checked_in_at;
      repos.attendance().upsert(mark);
    }
    return sheet(repos, *activity);
  });
}

Result<AttendanceSheet> ActivityService::mark_unmarked_absent(const Actor& actor, Id id) {
  const auto now = ctx_.now();
  return write(ctx_.db(), ctx_.write_context(actor, "attendance.mark_absent"), [&](Repositories& repos) -> Result<AttendanceSheet> {
    Access access(actor, repos, ctx_.today());
    XF_TRY_ASSIGN(const Activity loaded, load_visible(repos, access, id, Permission::kTakeAttendance));
    const Activity* activity = &loaded;
    if (now < core::activity_end(*activity, ctx_.config().offset)) {
      return fail(Error::validation("activity", {"活动结束后才能把未签到人员记为缺席",
                                                 "unmarked people can be marked absent only after the activity ends"}));
    }
    // A pending leave request is the secretary's to decide, not to overrule by default.
    std::set<Id> skip;
    for (const auto& m : repos.attendance().marks(id)) skip.insert(m.person_id);
    for (const auto& l : repos.leave().list(id)) {
      if (l.state == core::LeaveState::kPending) skip.insert(l.person_id);
    }
    for (const Id person : repos.activities().audience(id)) {
      if (skip.count(person)) continue;
      repos.attendance().upsert({id, person, AttendanceStatus::kAbsent, std::nullopt, "", now});
    }
    return sheet(repos, *activity);
  });
}

Result<CheckInCode> ActivityService::check_in_code(const Actor& actor, Id id) {
  const auto now = ctx_.now();
  return read(ctx_.db(), [&](Repositories& repos) -> Result<CheckInCode> {
    Access access(actor, repos, ctx_.today());
    XF_TRY_ASSIGN(const Activity loaded, load_visible(repos, access, id, Permission::kTakeAttendance));
    const Activity* activity = &loaded;
    const auto& policy = ctx_.config().check_in;
    const auto step = core::check_in_step(now, policy);
    const auto window = core::check_in_window(*activity, ctx_.config().offset, policy);
    return CheckInCode{crypto::check_in_code(repos.activities().check_in_secret(id), step),
                       core::Timestamp::from_seconds((step + 1) * policy.code_period_seconds), window.opens,
                       window.closes};
  });
}

Result<CheckInResult> ActivityService::check_in(const Actor& actor, Id id, const std::string& code) {
  if (!actor.person_id) return fail(no_person());
  const Id person = *actor.person_id;
  const auto now = ctx_.now();
  const auto& policy = ctx_.config().check_in;
  return write(ctx_.db(), ctx_.write_context(actor, "attendance.check_in"), [&](Repositories& repos) -> Result<CheckInResult> {
    auto activity = repos.activities().find(id);
    if (!activity) return fail(Error::not_found(kNoSuchActivity));
    if (!repos.activities().expects(id, person)) return fail(not_in_audience());
    const auto existing = repos.attendance().find(id, person);
    if (existing && core::attended(existing->status)) {
      return CheckInResult{existing->status, existing->checked_in_at.value_or(existing->updated_at), true};
    }
    const auto window = core::check_in_window(*activity, ctx_.config().offset, policy);
    if (now < window.opens) {
      return fail(Error::validation("code", {"签到尚未开始（" + window.opens.to_rfc3339(ctx_.config().offset) + " 起）",
                                             "check-in has not opened yet (opens " +
                                                 window.opens.to_rfc3339(ctx_.config().offset) + ")"}));
    }
    if (now >= window.closes) {
      return fail(Error::validation("code", {"活动已结束，签到已关闭", "the activity is over; check-in is closed"}));
    }
    const std::string secret = repos.activities().check_in_secret(id);
    const auto step = core::check_in_step(now, policy);
    const bool valid = crypto::equal_constant_time(code, crypto::check_in_code(secret, step)) ||
                       crypto::equal_constant_time(code, crypto::check_in_code(secret, step - 1));
    if (!valid) {
      return fail(Error::validation("code", {"签到码已过期，请重新扫描现场的二维码",
                                             "the code has expired; scan the QR code in the room again"}));
    }
    core::AttendanceMark mark;
    mark.activity_id = id;
    mark.person_id = person;
    mark.status = core::check_in_status(*activity, now, policy);
    mark.checked_in_at = now;
    mark.updated_at = now;
    if (existing) mark.note = existing->note;
    repos.attendance().upsert(mark);
    return CheckInResult{mark.status, now, false};
  });
}

Result<core::LeaveRequest> ActivityService::request_leave(const Actor& actor, Id id, const std::string& reason) {
  if (!actor.person_id) return fail(no_person());
  FieldErrors errors;
  core::check_required_text("reason", reason, 500, errors);
  if (!errors.empty()) return fail(std::move(errors).to_error());
  const Id person = *actor.person_id;
  const auto now = ctx_.now();
  return write(ctx_.db(), ctx_.write_context(actor, "leave.request"), [&](Repositories& repos) -> Result<core::LeaveRequest> {
    auto activity = repos.activities().find(id);
    if (!activity) return fail(Error::not_found(kNoSuchActivity));
    if (!repos.activities().expects(id, person)) return fail(not_in_audience());
    if (now >= core::activity_end(*activity, ctx_.config().offset)) {
      return fail(Error::validation("activity", {"活动已结束，不能再请假", "the activity is over; leave can no longer be "
                                                                         "requested"}));
    }
    if (const auto mark = repos.attendance().find(id, person); mark && core::attended(mark->status)) {
      return fail(Error::conflict({"您已签到，无需请假", "you have already checked in"}));
    }
    if (const auto old = repos.leave().find(id, person); old && old->state == core::LeaveState::kApproved) {
      return fail(Error::conflict({"请假已获批准", "leave has already been approved"}));
    }
    core::LeaveRequest request{id, person, std::string(core::trim(reason)), core::LeaveState::kPending, now,
                               std::nullopt, std::nullopt};
    repos.leave().upsert(request);
    return request;
  });
}

Result<core::LeaveRequest> ActivityService::decide_leave(const Actor& actor, Id id, Id person_id, bool approve) {
  const auto now = ctx_.now();
  return write(ctx_.db(), ctx_.write_context(actor, approve ? "leave.approve" : "leave.reject"),
               [&](Repositories& repos) -> Result<core::LeaveRequest> {
    Access access(actor, repos, ctx_.today());
    XF_TRY(load_visible(repos, access, id, Permission::kDecideLeave));
    auto request = repos.leave().find(id, person_id);
    if (!request) return fail(Error::not_found({"没有此人的请假申请", "no leave request from this person"}));
    const bool was_approved = request->state == core::LeaveState::kApproved;
    request->state = approve ? core::LeaveState::kApproved : core::LeaveState::kRejected;
    request->decided_at = now;
    if (actor.account_id != 0) request->decided_by = actor.account_id;  // 0: the system (command line)
    repos.leave().upsert(*request);
    const auto mark = repos.attendance().find(id, person_id);
    if (approve && !(mark && core::attended(mark->status))) {
      // Someone who came after all keeps their presence; otherwise the approval excuses them.
      repos.attendance().upsert({id, person_id, AttendanceStatus::kExcused, std::nullopt,
                                 mark ? mark->note : std::string(), now});
    } else if (!approve && was_approved && mark && mark->status == AttendanceStatus::kExcused) {
      // Withdrawing an approval takes back the excuse it gave; an excuse the secretary entered by hand stays.
      repos.attendance().remove(id, person_id);
    }
    return *request;
  });
}

Result<std::vector<core::LeaveRequest>> ActivityService::leave_requests(const Actor& actor, Id id) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<std::vector<core::LeaveRequest>> {
    Access access(actor, repos, ctx_.today());
    XF_TRY_ASSIGN(const Activity activity, load_visible(repos, access, id, std::nullopt));
    auto requests = repos.leave().list(id);
    // Someone who only takes part reads their own request (to see whether it was approved), not others'.
    if (!access.can_org(Permission::kRead, activity.org_id)) {
      std::erase_if(requests, [&](const core::LeaveRequest& l) { return !actor.is_person(l.person_id); });
    }
    return requests;
  });
}

}  // namespace xuefeng::service
