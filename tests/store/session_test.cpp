// Sessions: they end after 8 idle hours and at the latest 7 days after login; a login starts a new one;
// logging out everywhere, changing or resetting a password ends the others.

#include "store_fixture.hpp"

namespace xuefeng::testing {
namespace {

class Sessions : public StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    ok(services_->accounts.create(admin_, {"zhang", "password-1", std::nullopt, {{core::AccountRole::kAdmin, std::nullopt}}}));
  }
  std::string login(const std::string& password = "password-1", const std::string& previous = "") {
    return ok(services_->accounts.login("zhang", password, "10.0.0.1", previous)).token;
  }
  bool open(const std::string& token) { return services_->accounts.authenticate(token).has_value(); }
};

TEST_F(Sessions, EndAfterEightIdleHoursButNotWhileInUse) {
  const auto token = login();
  clock_.advance_seconds(7 * 3600);
  EXPECT_TRUE(open(token));  // in use: the idle clock starts again
  clock_.advance_seconds(7 * 3600);
  EXPECT_TRUE(open(token));
  clock_.advance_seconds(8 * 3600 + 1);
  EXPECT_FALSE(open(token));
  EXPECT_EQ(services_->accounts.authenticate(token).error().code, core::ErrorCode::kUnauthenticated);
}

TEST_F(Sessions, EndSevenDaysAfterLoginHoweverBusy) {
  const auto token = login();
  for (int hour = 6; hour < 7 * 24; hour += 6) {  // up to 162 h after login
    clock_.advance_seconds(6 * 3600);
    EXPECT_TRUE(open(token)) << hour;
  }
  clock_.advance_seconds(6 * 3600);
  EXPECT_FALSE(open(token));
}

TEST_F(Sessions, LoginRotatesLogoutEverywhereAndPasswordsEndOthers) {
  const auto planted = login();
  const auto fresh = login("password-1", planted);  // the token presented at login is not kept
  EXPECT_NE(fresh, planted);
  EXPECT_FALSE(open(planted));
  EXPECT_TRUE(open(fresh));

  const auto phone = login();
  const auto laptop = login();
  auto actor = ok(services_->accounts.authenticate(laptop));
  ASSERT_TRUE(services_->accounts.logout(actor, laptop, true));
  EXPECT_FALSE(open(fresh));
  EXPECT_FALSE(open(phone));
  EXPECT_FALSE(open(laptop));

  const auto desk = login();
  const auto tablet = login();
  actor = ok(services_->accounts.authenticate(desk));
  EXPECT_EQ(services_->accounts.change_password(actor, desk, "wrong-password", "password-2").error().code,
            core::ErrorCode::kValidationFailed);
  ASSERT_TRUE(services_->accounts.change_password(actor, desk, "password-1", "password-2"));
  EXPECT_TRUE(open(desk));     // the session that changed it goes on
  EXPECT_FALSE(open(tablet));  // the others end
  EXPECT_FALSE(services_->accounts.login("zhang", "password-1", "10.0.0.1", ""));
  const auto after = login("password-2");

  // A reset by someone who manages the account ends every session.
  ASSERT_TRUE(services_->accounts.reset_password(admin_, actor.account_id, "password-3"));
  EXPECT_FALSE(open(desk));
  EXPECT_FALSE(open(after));
  EXPECT_TRUE(services_->accounts.login("zhang", "password-3", "10.0.0.1", ""));
}

TEST_F(Sessions, TheLastAdministratorCannotBeRemovedAndNoOneGrantsAboveThemself) {
  // zhang (admin) and the system's admin grant: remove zhang's, then the check must hold for the last.
  core::Org o;
  o.name = "党支部";
  o.kind = core::OrgKind::kBranch;
  const auto org = ok(services_->orgs.create(admin_, o)).id;
  ok(services_->accounts.create(admin_, {"oa", "password-oa", std::nullopt, {{core::AccountRole::kOrgAdmin, org}}}));
  const auto oa = ok(services_->accounts.authenticate(ok(services_->accounts.login("oa", "password-oa", "t", "")).token));
  const auto target = ok(services_->accounts.create(oa, {"sec", "password-sec", std::nullopt, {{core::AccountRole::kSecretary, org}}}));
  EXPECT_EQ(services_->accounts.add_grant(oa, target.id, {core::AccountRole::kAdmin, std::nullopt}).error().code,
            core::ErrorCode::kForbidden);
  EXPECT_TRUE(services_->accounts.add_grant(oa, target.id, {core::AccountRole::kOrgAdmin, org}));
  const auto zhang = ok(services_->accounts.authenticate(login()));
  const auto last = services_->accounts.remove_grant(admin_, zhang.account_id, {core::AccountRole::kAdmin, std::nullopt});
  ASSERT_FALSE(last);
  EXPECT_EQ(last.error().code, core::ErrorCode::kConflict);
}

}  // namespace
}  // namespace xuefeng::testing
