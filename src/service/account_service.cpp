#include <algorithm>

#include "core/text.hpp"
#include "service/crypto.hpp"
#include "service/paging.hpp"
#include "service/services.hpp"

namespace xuefeng::service {
namespace {

using core::Error;
using core::fail;
using core::FieldErrors;

void check_login(const std::string& login, FieldErrors& errors) {
  const bool ok_chars = std::all_of(login.begin(), login.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-' || c == '@';
  });
  if (login.size() < 2 || login.size() > 64 || !ok_chars) {
    errors.add("login", {"登录名应为 2 到 64 位字母、数字或 . _ - @", "login must be 2–64 letters, digits or . _ - @"});
  }
}

void check_password(const std::string& password, FieldErrors& errors) {
  if (core::utf8_length(password) < 8) {
    errors.add("password", {"密码至少 8 位", "password must have at least 8 characters"});
  } else if (password.size() > 256) {
    errors.add("password", {"密码过长", "password is too long"});
  }
}

Error bad_credentials() {
  return Error::unauthenticated({"登录名或密码不正确", "login or password is incorrect"});
}

Error no_session() {
  return Error::unauthenticated({"登录已失效，请重新登录", "the session has ended; please log in again"});
}

// Verified when the login is unknown, so that case costs as much as a wrong password and timing does
// not tell which logins exist.
const std::string& dummy_hash() {
  static const std::string hash = crypto::hash_password("not a real password");
  return hash;
}

}  // namespace

Result<core::Account> AccountService::insert(const NewAccount& input) {
  FieldErrors errors;
  check_login(input.login, errors);
  check_password(input.password, errors);
  if (input.roles.empty()) errors.add("roles", {"至少指定一个角色", "at least one role is required"});
  if (std::find(input.roles.begin(), input.roles.end(), core::AccountRole::kMember) != input.roles.end() &&
      !input.person_id) {
    errors.add("person_id", {"成员账号须关联一名人员", "a member account must name its person"});
  }
  if (!errors.empty()) return fail(std::move(errors).to_error());

  // Hashing is deliberately slow; do it before, not inside, the write transaction.
  const std::string hash = crypto::hash_password(input.password);
  return write(ctx_.db(), [&](Repositories& repos) -> Result<core::Account> {
    if (repos.accounts().find_by_login(input.login)) {
      return fail(Error::conflict({"登录名 " + input.login + " 已被使用", "login " + input.login + " is taken"}));
    }
    if (input.person_id && !repos.people().find(*input.person_id)) {
      return fail(Error::validation("person_id", {"人员不存在", "no such person"}));
    }
    core::Account account;
    account.login = input.login;
    account.person_id = input.person_id;
    account.roles = input.roles;
    account.created_at = ctx_.now();
    account.id = repos.accounts().insert(account, hash);
    return account;
  });
}

Result<core::Account> AccountService::create_admin(const std::string& login, const std::string& password) {
  return insert({login, password, std::nullopt, {core::AccountRole::kAdmin}});
}

Result<core::Account> AccountService::create(const Actor& actor, const NewAccount& input) {
  XF_TRY(access::require_admin(actor));
  return insert(input);
}

Result<Page<core::Account>> AccountService::list(const Actor& actor, const PageRequest& page) {
  XF_TRY(access::require_admin(actor));
  return read(ctx_.db(), [&](Repositories& repos) -> Result<Page<core::Account>> {
    return make_page(repos.accounts().list(page), page.limit,
                     [](const core::Account& a) { return Cursor{0, a.id}; });
  });
}

Result<LoginResult> AccountService::login(const std::string& login, const std::string& password) {
  auto stored = read(ctx_.db(), [&](Repositories& repos) -> Result<std::optional<StoredAccount>> {
    return repos.accounts().find_by_login(login);
  });
  if (!stored) return fail(std::move(stored).error());
  const bool ok = crypto::verify_password(password, *stored ? (*stored)->password_hash : dummy_hash());
  if (!ok || !*stored) return fail(bad_credentials());

  LoginResult result;
  result.token = crypto::random_token();
  result.account = (*stored)->account;
  const auto now = ctx_.now();
  result.issued_at = now;
  result.expires_at = now.plus_seconds(ctx_.config().session_absolute_seconds);
  XF_TRY(ctx_.db().write([&](Repositories& repos) -> Status {
    repos.accounts().remove_expired_sessions(now, now.plus_seconds(-ctx_.config().session_idle_seconds));
    repos.accounts().insert_session(crypto::hash_token(result.token),
                                    {result.account.id, now, now, result.expires_at});
    return core::Ok{};
  }));
  return result;
}

Status AccountService::logout(const std::string& token) {
  return ctx_.db().write([&](Repositories& repos) -> Status {
    repos.accounts().remove_session(crypto::hash_token(token));
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
    return Actor{account->id, account->login, account->person_id, account->roles};
  });
  if (actor && touch) {
    XF_TRY(ctx_.db().write([&](Repositories& repos) -> Status {
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
