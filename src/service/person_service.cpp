#include <algorithm>
#include <set>

#include "core/rules.hpp"
#include "core/text.hpp"
#include "service/access.hpp"
#include "service/checks.hpp"
#include "service/paging.hpp"
#include "service/services.hpp"

namespace xuefeng::service {
namespace {

using core::Error;
using core::fail;
using core::FieldErrors;
using core::Permission;

const core::Text kNoSuchPerson{"人员不存在", "no such person"};

// The org that keeps the record must exist, be visible, and be one where the actor manages people.
Status check_keeping_org(Repositories& repos, Access& access, const std::optional<core::Id>& org_id) {
  if (!org_id) {
    if (access.reach(Permission::kManagePeople).everywhere) return core::Ok{};
    return fail(Error::validation("org_id", {"请指定人员所属组织", "say which organization keeps this person"}));
  }
  if (!repos.orgs().find(*org_id) || !access.reads_org(*org_id)) {
    return fail(Error::validation("org_id", {"组织不存在", "no such organization"}));
  }
  if (!access.can_org(Permission::kManagePeople, *org_id)) return fail(forbidden_action());
  return core::Ok{};
}

}  // namespace

PersonView PersonView::shown(core::Person person, bool sensitive_visible) {
  if (sensitive_visible) return {std::move(person), false};
  person.phone = core::mask_phone(person.phone);
  person.birth_date.reset();
  return {std::move(person), true};
}

Result<PersonView> PersonService::create(const Actor& actor, core::Person person) {
  person.name = std::string(core::trim(person.name));
  FieldErrors errors;
  core::check_person(person, ctx_.today(), errors);
  if (!errors.empty()) return fail(std::move(errors).to_error());
  return write(ctx_.db(), ctx_.write_context(actor, "people.create"), [&](Repositories& repos) -> Result<PersonView> {
    Access access(actor, repos, ctx_.today());
    XF_TRY(access.require_somewhere(Permission::kManagePeople));
    XF_TRY(check_keeping_org(repos, access, person.org_id));
    person.created_at = person.updated_at = ctx_.now();
    person.version = 1;
    person.id = repos.people().insert(person);
    return PersonView{person, false};
  });
}

Result<PersonView> PersonService::get(const Actor& actor, core::Id id) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<PersonView> {
    auto person = repos.people().find(id);
    if (!person) return fail(Error::not_found(kNoSuchPerson));
    Access access(actor, repos, ctx_.today());
    XF_TRY(access.require_person(Permission::kRead, id, kNoSuchPerson));
    return PersonView::shown(std::move(*person), actor.is_person(id) || access.can_person(Permission::kReadSensitive, id));
  });
}

Result<Page<PersonView>> PersonService::search(const Actor& actor, const std::string& query,
                                               const PageRequest& page) {
  const std::string q{core::trim(query)};
  return read(ctx_.db(), [&](Repositories& repos) -> Result<Page<PersonView>> {
    Access access(actor, repos, ctx_.today());
    auto people = make_page(repos.people().search(q, access.visibility(), page), page.limit,
                            [](const core::Person& p) { return Cursor{0, p.id}; });
    std::vector<core::Id> ids;
    for (const auto& p : people.items) ids.push_back(p.id);
    const auto sensitive = access.persons_with(Permission::kReadSensitive, ids);
    const std::set<core::Id> details(sensitive.begin(), sensitive.end());
    Page<PersonView> out;
    out.next = people.next;
    for (auto& p : people.items) {
      const bool visible = details.count(p.id) > 0 || actor.is_person(p.id);
      out.items.push_back(PersonView::shown(std::move(p), visible));
    }
    return out;
  });
}

Result<PersonView> PersonService::update(const Actor& actor, core::Id id, const PersonPatch& patch,
                                         std::optional<Version> if_match) {
  return write(ctx_.db(), ctx_.write_context(actor, "people.update"), [&](Repositories& repos) -> Result<PersonView> {
    auto person = repos.people().find(id);
    if (!person) return fail(Error::not_found(kNoSuchPerson));
    Access access(actor, repos, ctx_.today());
    XF_TRY(access.require_person(Permission::kManagePeople, id, kNoSuchPerson));
    XF_TRY(check_version(if_match, person->version));
    const core::Person before = *person;
    if (patch.name) person->name = std::string(core::trim(*patch.name));
    if (patch.gender) person->gender = *patch.gender;
    if (patch.birth_date) person->birth_date = *patch.birth_date;
    if (patch.party_member) person->party_member = *patch.party_member;
    if (patch.cadre_level) person->cadre_level = *patch.cadre_level;
    if (patch.post) person->post = *patch.post;
    if (patch.phone) person->phone = *patch.phone;
    if (patch.org_id && *patch.org_id != person->org_id) {
      XF_TRY(check_keeping_org(repos, access, *patch.org_id));
      person->org_id = *patch.org_id;
    }
    FieldErrors errors;
    core::check_person(*person, ctx_.today(), errors);
    if (!errors.empty()) return fail(std::move(errors).to_error());
    if (*person == before) return PersonView{before, false};  // nothing to change: no new version
    person->updated_at = ctx_.now();
    repos.people().update(*person, person->name != before.name);
    person->version += 1;
    return PersonView{*person, false};
  });
}

Status PersonService::remove(const Actor& actor, core::Id id, std::optional<Version> if_match) {
  return ctx_.db().write(ctx_.write_context(actor, "people.delete"), [&](Repositories& repos) -> Status {
    auto person = repos.people().find(id);
    if (!person) return fail(Error::not_found(kNoSuchPerson));
    XF_TRY(Access(actor, repos, ctx_.today()).require_person(Permission::kManagePeople, id, kNoSuchPerson));
    XF_TRY(check_version(if_match, person->version));
    if (repos.people().usage(id).any()) {
      return fail(Error::conflict({person->name + " 已有成员记录、考勤、学习档案或账号，不能删除；如已离开，请结束其成员身份",
                                   person->name + " has memberships, attendance, archive entries or an account and "
                                                  "cannot be deleted; end their membership instead"}));
    }
    repos.people().remove(id);
    return core::Ok{};
  });
}

}  // namespace xuefeng::service
