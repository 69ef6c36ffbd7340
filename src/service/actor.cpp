#include "service/actor.hpp"

namespace xuefeng::service::access {

core::Status require_admin(const Actor& actor) {
  if (actor.is_admin()) return core::Ok{};
  return core::fail(core::Error::forbidden({"只有管理员可以执行此操作", "only an administrator may do this"}));
}

core::Status require_self_or_admin(const Actor& actor, core::Id person_id, const core::Text& not_found_detail) {
  if (actor.is_admin() || actor.is_person(person_id)) return core::Ok{};
  return core::fail(core::Error::not_found(not_found_detail));
}

}  // namespace xuefeng::service::access
