#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/result.hpp"
#include "service/services.hpp"

namespace xuefeng::http {

namespace json = boost::json;

// Every request body the API accepts, decoded strictly from parsed JSON into the input of one use case:
// unknown keys, missing required keys, wrong types and unknown codes all become field errors of one 422.
// Pure functions (no I/O), so each is fuzzed on its own (tests/fuzz).

struct LoginInput {
  std::string login;
  std::string password;
};
core::Result<LoginInput> decode_login(const json::value& body);
/// {"login", "password", "person_id", "roles": [...] (roles held without an org), "grants": [{"role",
/// "org_id"}]}: roles and grants together make the account's grants.
core::Result<service::NewAccount> decode_new_account(const json::value& body);
/// {"role", "org_id"}
core::Result<core::Grant> decode_grant(const json::value& body);
/// {"password"} (a reset by someone who manages the account).
core::Result<std::string> decode_password_reset(const json::value& body);
struct PasswordChange {
  std::string current_password;
  std::string new_password;
};
core::Result<PasswordChange> decode_password_change(const json::value& body);

core::Result<core::Org> decode_new_org(const json::value& body);
core::Result<service::OrgPatch> decode_org_patch(const json::value& body);
core::Result<service::NewMembership> decode_new_membership(const json::value& body);

core::Result<core::Person> decode_new_person(const json::value& body);
core::Result<service::PersonPatch> decode_person_patch(const json::value& body);

struct NewPlan {
  core::Id org_id = 0;
  int year = 0;
  std::string title;
  std::vector<service::TopicInput> topics;
};
core::Result<NewPlan> decode_new_plan(const json::value& body);
core::Result<service::PlanPatch> decode_plan_patch(const json::value& body);

struct NewActivity {
  core::Activity activity;
  std::optional<service::Repeat> repeat;
};
core::Result<NewActivity> decode_new_activity(const json::value& body);
core::Result<service::ActivityPatch> decode_activity_patch(const json::value& body);
core::Result<std::vector<service::MarkInput>> decode_marks(const json::value& body);
/// {"code"} of a self check-in.
core::Result<std::string> decode_check_in(const json::value& body);
/// {"reason"} of a leave request.
core::Result<std::string> decode_leave_request(const json::value& body);

/// A new archive entry; the person comes from the path.
core::Result<core::ArchiveEntry> decode_new_archive_entry(const json::value& body);
core::Result<service::ArchivePatch> decode_archive_patch(const json::value& body);
struct ReviewInput {
  core::ReviewVerdict verdict = core::ReviewVerdict::kVerified;
  std::string comment;
};
core::Result<ReviewInput> decode_review(const json::value& body);

}  // namespace xuefeng::http
