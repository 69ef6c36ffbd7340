#include "core/rules.hpp"
#include "core/text.hpp"
#include "service/checks.hpp"
#include "service/paging.hpp"
#include "service/services.hpp"

namespace xuefeng::service {
namespace {

using core::Error;
using core::fail;
using core::FieldErrors;

const core::Text kNoSuchPerson{"人员不存在", "no such person"};

}  // namespace

Result<core::Person> PersonService::create(const Actor& actor, core::Person person) {
  XF_TRY(access::require_admin(actor));
  person.name = std::string(core::trim(person.name));
  FieldErrors errors;
  core::check_person(person, ctx_.today(), errors);
  if (!errors.empty()) return fail(std::move(errors).to_error());
  return write(ctx_.db(), [&](Repositories& repos) -> Result<core::Person> {
    person.created_at = person.updated_at = ctx_.now();
    person.version = 1;
    person.id = repos.people().insert(person);
    return person;
  });
}

Result<core::Person> PersonService::get(const Actor& actor, core::Id id) {
  XF_TRY(access::require_self_or_admin(actor, id, kNoSuchPerson));
  return read(ctx_.db(), [&](Repositories& repos) -> Result<core::Person> {
    auto person = repos.people().find(id);
    if (!person) return fail(Error::not_found(kNoSuchPerson));
    return *person;
  });
}

Result<Page<core::Person>> PersonService::search(const Actor& actor, const std::string& query,
                                                 const PageRequest& page) {
  const std::string q{core::trim(query)};
  return read(ctx_.db(), [&](Repositories& repos) -> Result<Page<core::Person>> {
    const auto cursor_of = [](const core::Person& p) { return Cursor{0, p.id}; };
    if (actor.is_admin()) return make_page(repos.people().search(q, page), page.limit, cursor_of);
    // A member sees only themself.
    std::vector<core::Person> people;
    if (actor.person_id && (!page.after || page.after->id < *actor.person_id)) {
      if (auto self = repos.people().find(*actor.person_id);
          self && core::ascii_lower(self->name).find(core::ascii_lower(q)) != std::string::npos) {
        people.push_back(std::move(*self));
      }
    }
    return make_page(std::move(people), page.limit, cursor_of);
  });
}

Result<core::Person> PersonService::update(const Actor& actor, core::Id id, const PersonPatch& patch,
                                           std::optional<Version> if_match) {
  XF_TRY(access::require_admin(actor));
  return write(ctx_.db(), [&](Repositories& repos) -> Result<core::Person> {
    auto person = repos.people().find(id);
    if (!person) return fail(Error::not_found(kNoSuchPerson));
    XF_TRY(check_version(if_match, person->version));
    const core::Person before = *person;
    if (patch.name) person->name = std::string(core::trim(*patch.name));
    if (patch.gender) person->gender = *patch.gender;
    if (patch.birth_date) person->birth_date = *patch.birth_date;
    if (patch.party_member) person->party_member = *patch.party_member;
    if (patch.cadre_level) person->cadre_level = *patch.cadre_level;
    if (patch.post) person->post = *patch.post;
    if (patch.phone) person->phone = *patch.phone;
    FieldErrors errors;
    core::check_person(*person, ctx_.today(), errors);
    if (!errors.empty()) return fail(std::move(errors).to_error());
    if (*person == before) return before;  // nothing to change: no new version
    person->updated_at = ctx_.now();
    repos.people().update(*person);
    person->version += 1;
    return *person;
  });
}

Status PersonService::remove(const Actor& actor, core::Id id, std::optional<Version> if_match) {
  XF_TRY(access::require_admin(actor));
  return ctx_.db().write([&](Repositories& repos) -> Status {
    auto person = repos.people().find(id);
    if (!person) return fail(Error::not_found(kNoSuchPerson));
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
