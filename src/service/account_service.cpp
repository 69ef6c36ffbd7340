#include <algorithm>

#include "core/access.hpp"
#include "core/text.hpp"
#include "service/access.hpp"
#include "service/crypto.hpp"
#include "service/paging.hpp"
#include "service/services.hpp"

namespace xuefeng::service {
namespace {

using core::AccountRole;
using core::Error;
using core::fail;
using core::FieldErrors;
using core::Permission;

const core::Text kNoSuchAccount{"账号不存在", "no such account"};

void check_login(const std::string& login, FieldErrors& errors) {
  const bool ok_chars = std::all_of(login.begin(), login.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-' || c == '@';
  });
  if (login.size() < 2 || login.size() > 64 || !ok_chars) {
    errors.add("login", {"登录名应为 2 到 64 位字母、数字或 . _ - @", "login must be 2–64 letters, digits or . _ - @"});
  }
}

void check_password(const std::string& field, const std::string& password, FieldErrors& errors) {
  if (core::utf8_length(password) < 8) {
    errors.add(field, {"密码至少 8 位", "password must have at least 8 characters"});
  } else if (password.size() > 256) {
    errors.add(field, {"密码过长", "password is too long"});
  }
}

// The shape of a grant: scoped roles name an org, admin and member do not.
void check_grant_shape(const core::Grant& g, const std::string& field, FieldErrors& errors) {
  if (core::role_is_scoped(g.role) && !g.org_id) {
    errors.add(field + ".org_id", {"该角色须指定组织", "this role is granted on an organization"});
  } else if (!core::role_is_scoped(g.role) && g.org_id) {
    errors.add(field + ".org_id", {"该角色不针对组织，不能指定组织", "this role is not granted on an organization"});
  }
}

Error bad_credentials() {
  return Error::unauthenticated({"登录名或密码不正确", "login or password is incorrect"});
}

Error no_session() {
  return Error::unauthenticated({"登录已失效，请重新登录", "the session has ended; please log in again"});
}

Error throttled(std::int64_t wait) {
  Error e{core::ErrorCode::kTooManyRequests,
          {"登录失败次数过多，请 " + std::to_string(wait) + " 秒后再试",
           "too many failed logins; try again in " + std::to_string(wait) + " seconds"},
          {},
          {}};
  e.retry_after_seconds = wait;
  return e;
}

Error above_own_role() {
  return Error::forbidden({"不能授予高于自己的角色", "you cannot grant a role above your own"});
}

// Verified when the login is unknown, so that case costs as much as a wrong password and timing does
// not tell which logins exist.
const std::string& dummy_hash() {
  static const std::string hash = crypto::hash_password("not a real password");
  return hash;
}

// May the actor grant (or take away) `g`? 422 for an org they cannot see, 403 for one they do not manage
// or a role above their own there.
Status check_grant_allowed(Repositories& repos, Access& access, const core::Grant& g, const std::string& field) {
  if (!g.org_id) {
    // admin and member: an admin may hand out both; member needs only the right to manage the person.
    if (g.role == AccountRole::kAdmin && !access.reach(Permission::kManageAccounts).everywhere) {
      return fail(above_own_role());
    }
    return core::Ok{};
  }
  if (!repos.orgs().find(*g.org_id) || !access.reads_org(*g.org_id)) {
    return fail(Error::validation(field + ".org_id", {"组织不存在", "no such organization"}));
  }
  if (!access.can_org(Permission::kManageAccounts, *g.org_id)) return fail(forbidden_action());
  if (core::role_rank(g.role) > access.rank_at(*g.org_id)) return fail(above_own_role());
  return core::Ok{};
}

// An account is the actor's business if it is theirs, or if they manage accounts over its person or over
// one of its grants' orgs.
bool manages(Access& access, const core::Account& account) {
  if (access.reach(Permission::kManageAccounts).everywhere) return true;
  if (account.person_id && access.can_person(Permission::kManageAccounts, *account.person_id)) return true;
  return std::any_of(account.grants.begin(), account.grants.end(), [&](const core::Grant& g) {
    return g.org_id && access.can_org(Permission::kManageAccounts, *g.org_id);
  });
}

Result<core::Account> load_managed(Repositories& repos, Access& access, core::Id account_id) {
  auto account = repos.accounts().find(account_id);
  if (!account || !manages(access, *account)) return fail(Error::not_found(kNoSuchAccount));
  return std::move(*account);
}

}  // namespace

Result<core::Account> AccountService::insert(const Actor& actor, const NewAccount& input) {
  FieldErrors errors;
  check_login(input.login, errors);
  check_password("password", input.password, errors);
  if (input.grants.empty()) errors.add("roles", {"至少指定一个角色", "at least one role is required"});
  for (std::size_t i = 0; i < input.grants.size(); ++i) {
    check_grant_shape(input.grants[i], "grants[" + std::to_string(i) + "]", errors);
  }
  const bool member = std::any_of(input.grants.begin(), input.grants.end(),
                                  [](const core::Grant& g) { return g.role == AccountRole::kMember; });
  if (member && !input.person_id) {
    errors.add("person_id", {"成员账号须关联一名人员", "a member account must name its person"});
  }
  if (!errors.empty()) return fail(std::move(errors).to_error());

  // Hashing is deliberately slow; do it before, not inside, the write transaction.
  const std::string hash = crypto::hash_password(input.password);
  return write(ctx_.db(), ctx_.write_context(actor, "accounts.create"), [&](Repositories& repos) -> Result<core::Account> {
    Access access(actor, repos, ctx_.today());
    XF_TRY(access.require_somewhere(Permission::kManageAccounts));
    if (input.person_id) {
      if (!repos.people().find(*input.person_id) || !access.reads_person(*input.person_id)) {
        return fail(Error::validation("person_id", {"人员不存在", "no such person"}));
      }
      if (!access.can_person(Permission::kManageAccounts, *input.person_id)) return fail(forbidden_action());
    }
    for (std::size_t i = 0; i < input.grants.size(); ++i) {
      XF_TRY(check_grant_allowed(repos, access, input.grants[i], "grants[" + std::to_string(i) + "]"));
    }
    if (repos.accounts().find_by_login(input.login)) {
      return fail(Error::conflict({"登录名 " + input.login + " 已被使用", "login " + input.login + " is taken"}));
    }
    core::Account account;
    account.login = input.login;
    account.person_id = input.person_id;
    account.grants = input.grants;
    account.created_at = ctx_.now();
    account.id = repos.accounts().insert(account, hash);
    return account;
  });
}

Result<core::Account> AccountService::create_admin(const std::string& login, const std::string& password) {
  return insert(Actor::system(), {login, password, std::nullopt, {{AccountRole::kAdmin, std::nullopt}}});
}

Result<core::Account> AccountService::create(const Actor& actor, const NewAccount& input) { return insert(actor, input); }

Result<core::Account> AccountService::get(const Actor& actor, core::Id account_id) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<core::Account> {
    if (account_id == actor.account_id) {
      if (auto own = repos.accounts().find(account_id)) return std::move(*own);
    }
    Access access(actor, repos, ctx_.today());
    return load_managed(repos, access, account_id);
  });
}

Result<Page<core::Account>> AccountService::list(const Actor& actor, const PageRequest& page) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<Page<core::Account>> {
    Access access(actor, repos, ctx_.today());
    XF_TRY(access.require_somewhere(Permission::kManageAccounts));
    const auto reach = access.reach(Permission::kManageAccounts);
    return make_page(repos.accounts().list({reach.everywhere, reach.roots, std::nullopt, ctx_.today()}, page), page.limit,
                     [](const core::Account& a) { return Cursor{0, a.id}; });
  });
}

Result<core::Account> AccountService::add_grant(const Actor& actor, core::Id account_id, const core::Grant& grant) {
  FieldErrors errors;
  check_grant_shape(grant, "grant", errors);
  if (!errors.empty()) return fail(std::move(errors).to_error());
  return write(ctx_.db(), ctx_.write_context(actor, "accounts.add_grant"), [&](Repositories& repos) -> Result<core::Account> {
    Access access(actor, repos, ctx_.today());
    XF_TRY_ASSIGN(auto account, load_managed(repos, access, account_id));
    XF_TRY(check_grant_allowed(repos, access, grant, "grant"));
    if (grant.role == AccountRole::kMember && !account.person_id) {
      return fail(Error::validation("role", {"成员角色须关联人员", "a member role needs the account's person"}));
    }
    if (repos.accounts().add_grant(account_id, grant)) account.grants.push_back(grant);
    return account;
  });
}

Result<core::Account> AccountService::remove_grant(const Actor& actor, core::Id account_id, const core::Grant& grant) {
  return write(ctx_.db(), ctx_.write_context(actor, "accounts.remove_grant"), [&](Repositories& repos) -> Result<core::Account> {
    Access access(actor, repos, ctx_.today());
    XF_TRY_ASSIGN(auto account, load_managed(repos, access, account_id));
    XF_TRY(check_grant_allowed(repos, access, grant, "grant"));
    if (grant.role == AccountRole::kAdmin && repos.accounts().count_with_role(AccountRole::kAdmin) <= 1 &&
        std::find(account.grants.begin(), account.grants.end(), grant) != account.grants.end()) {
      return fail(Error::conflict({"这是最后一个系统管理员，不能取消", "this is the last administrator"}));
    }
    if (!repos.accounts().remove_grant(account_id, grant)) {
      return fail(Error::not_found({"该账号没有此授权", "the account has no such grant"}));
    }
    std::erase(account.grants, grant);
    return account;
  });
}

Status AccountService::reset_password(const Actor& actor, core::Id account_id, const std::string& password) {
  FieldErrors errors;
  check_password("password", password, errors);
  if (!errors.empty()) return fail(std::move(errors).to_error());
  const std::string hash = crypto::hash_password(password);
  return ctx_.db().write(ctx_.write_context(actor, "accounts.reset_password"), [&](Repositories& repos) -> Status {
    Access access(actor, repos, ctx_.today());
    XF_TRY(load_managed(repos, access, account_id));
    repos.accounts().set_password(account_id, hash);
    repos.accounts().remove_sessions(account_id, "");  // whoever knew the old password is out
    return core::Ok{};
  });
}

Status AccountService::change_password(const Actor& actor, const std::string& token, const std::string& current,
                                       const std::string& replacement) {
  FieldErrors errors;
  check_password("new_password", replacement, errors);
  if (!errors.empty()) return fail(std::move(errors).to_error());
  auto stored = read(ctx_.db(), [&](Repositories& repos) -> Result<std::string> {
    return repos.accounts().password_hash(actor.account_id);
  });
  if (!stored) return fail(std::move(stored).error());
  if (!crypto::verify_password(current, *stored)) {
    return fail(Error::validation("current_password", {"当前密码不正确", "the current password is incorrect"}));
  }
  const std::string hash = crypto::hash_password(replacement);
  return ctx_.db().write(ctx_.write_context(actor, "session.change_password"), [&](Repositories& repos) -> Status {
    repos.accounts().set_password(actor.account_id, hash);
    // Other sessions may have been opened with the old password: they end; this one goes on.
    repos.accounts().remove_sessions(actor.account_id, crypto::hash_token(token));
    return core::Ok{};
  });
}

Result<LoginResult> AccountService::login(const std::string& login, const std::string& password,
                                          const std::string& address, const std::string& previous_token) {
  const auto now = ctx_.now();
  if (const auto wait = throttle_.wait_seconds(login, address, now); wait > 0) return fail(throttled(wait));
  auto stored = read(ctx_.db(), [&](Repositories& repos) -> Result<std::optional<StoredAccount>> {
    return repos.accounts().find_by_login(login);
  });
  if (!stored) return fail(std::move(stored).error());
  const bool ok = crypto::verify_password(password, *stored ? (*stored)->password_hash : dummy_hash());
  if (!ok || !*stored) {
    throttle_.failed(login, address, now);
    return fail(bad_credentials());
  }
  throttle_.succeeded(login);

  LoginResult result;
  result.token = crypto::random_token();
  result.account = (*stored)->account;
  result.issued_at = now;
  result.expires_at = now.plus_seconds(ctx_.config().session_absolute_seconds);
  const Actor who{result.account.id, result.account.login, result.account.person_id, result.account.grants, address};
  XF_TRY(ctx_.db().write(ctx_.write_context(who, "session.login"), [&](Repositories& repos) -> Status {
    repos.accounts().remove_expired_sessions(now, now.plus_seconds(-ctx_.config().session_idle_seconds));
    // A new login gets a new session: a token from before it (perhaps planted) does not carry over.
    if (!previous_token.empty()) repos.accounts().remove_session(crypto::hash_token(previous_token));
    repos.accounts().insert_session(crypto::hash_token(result.token),
                                    {result.account.id, now, now, result.expires_at});
    return core::Ok{};
  }));
  return result;
}

Status AccountService::logout(const Actor& actor, const std::string& token, bool everywhere) {
  return ctx_.db().write(ctx_.write_context(actor, everywhere ? "session.logout_all" : "session.logout"),
                         [&](Repositories& repos) -> Status {
                           if (everywhere) repos.accounts().remove_sessions(actor.account_id, "");
                           else repos.accounts().remove_session(crypto::hash_token(token));
                           return core::Ok{};
                         });
}

Result<Actor> AccountService::authenticate(const std::string& token) {
  if (token.empty()) return fail(Error::unauthenticated({"请先登录", "please log in"}));
  const std::string token_hash = crypto::hash_token(token);
  const auto now = ctx_.now();
  bool touch = false;
  auto actor = read(ctx_.db(), [&](Repositories& repos) -> Result<Actor> {
    const auto session = repos.accounts().find_session(token_hash);
    if (!session || now >= session->expires_at ||
        now > session->last_seen_at.plus_seconds(ctx_.config().session_idle_seconds)) {
      return fail(no_session());
    }
    const auto account = repos.accounts().find(session->account_id);
    if (!account) return fail(no_session());
    // Recording activity is a write; once a minute per session is enough for the idle timeout.
    touch = now > session->last_seen_at.plus_seconds(60);
    return Actor{account->id, account->login, account->person_id, account->grants, {}};
  });
  if (actor && touch) {
    // Not audited: "still here" is not a change anyone reviews (sessions' updates have no trigger).
    XF_TRY(ctx_.db().write(ctx_.write_context(*actor, "session.touch"), [&](Repositories& repos) -> Status {
      repos.accounts().touch_session(token_hash, now);
      return core::Ok{};
    }));
  }
  return actor;
}

Result<core::Account> AccountService::current(const Actor& actor) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<core::Account> {
    auto account = repos.accounts().find(actor.account_id);
    if (!account) return fail(no_session());
    return *account;
  });
}

}  // namespace xuefeng::service
