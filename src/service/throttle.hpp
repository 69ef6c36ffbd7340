#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/time.hpp"

namespace xuefeng::service {

/// Slows down password guessing: after a few failures for a login (the fifth starts a 1 s wait), or many
/// from one client address,
/// each further attempt must wait, twice as long after every failure (up to a cap). Attempts during a
/// wait are refused without checking the password. Success clears the login's count. Kept in memory:
/// one server process serves a deployment, and a restart only forgives.
class LoginThrottle {
 public:
  struct Policy {
    int free_failures_per_login = 5;
    /// Offices share one address behind NAT, so an address gets more room than a login.
    int free_failures_per_address = 30;
    std::int64_t first_delay_seconds = 1;
    std::int64_t max_delay_seconds = 15 * 60;
    /// Failures are forgotten this long after the last one: a day's typos in a large office behind one
    /// address must not add up to a lockout.
    std::int64_t forget_after_seconds = 15 * 60;
    std::size_t max_tracked = 100000;
  };

  LoginThrottle() = default;
  explicit LoginThrottle(Policy policy) : policy_(policy) {}

  /// Seconds before `login` may be tried again from `address`; 0 if it may be tried now.
  std::int64_t wait_seconds(std::string_view login, std::string_view address, core::Timestamp now);
  void failed(std::string_view login, std::string_view address, core::Timestamp now);
  void succeeded(std::string_view login);

 private:
  struct Failures {
    int count = 0;
    core::Timestamp last;
  };
  std::int64_t wait(const Failures& f, int free, core::Timestamp now) const;
  void forget_old(core::Timestamp now);

  Policy policy_;
  std::mutex mutex_;
  std::unordered_map<std::string, Failures> by_login_;
  std::unordered_map<std::string, Failures> by_address_;
};

}  // namespace xuefeng::service
