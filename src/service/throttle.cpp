#include "service/throttle.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace xuefeng::service {

std::int64_t LoginThrottle::wait(const Failures& f, int free, core::Timestamp now) const {
  if (f.count < free || now.seconds() - f.last.seconds() > policy_.forget_after_seconds) return 0;
  const int doublings = std::min(f.count - free, 30);
  const std::int64_t delay = std::min(policy_.first_delay_seconds << doublings, policy_.max_delay_seconds);
  const std::int64_t until = f.last.seconds() + delay;
  return std::max<std::int64_t>(0, until - now.seconds());
}

std::int64_t LoginThrottle::wait_seconds(std::string_view login, std::string_view address, core::Timestamp now) {
  std::lock_guard lock(mutex_);
  std::int64_t w = 0;
  if (const auto it = by_login_.find(core::ascii_lower(std::string(login))); it != by_login_.end()) {
    w = std::max(w, wait(it->second, policy_.free_failures_per_login, now));
  }
  if (const auto it = by_address_.find(std::string(address)); it != by_address_.end()) {
    w = std::max(w, wait(it->second, policy_.free_failures_per_address, now));
  }
  return w;
}

void LoginThrottle::failed(std::string_view login, std::string_view address, core::Timestamp now) {
  std::lock_guard lock(mutex_);
  if (by_login_.size() + by_address_.size() > policy_.max_tracked) forget_old(now);
  for (Failures* f : {&by_login_[core::ascii_lower(std::string(login))], &by_address_[std::string(address)]}) {
    if (now.seconds() - f->last.seconds() > policy_.forget_after_seconds) f->count = 0;
    ++f->count;
    f->last = now;
  }
}

void LoginThrottle::succeeded(std::string_view login) {
  std::lock_guard lock(mutex_);
  by_login_.erase(core::ascii_lower(std::string(login)));
}

void LoginThrottle::forget_old(core::Timestamp now) {
  const auto stale = [&](const auto& kv) {
    return now.seconds() - kv.second.last.seconds() > std::max(policy_.max_delay_seconds, policy_.forget_after_seconds);
  };
  std::erase_if(by_login_, stale);
  std::erase_if(by_address_, stale);
}

}  // namespace xuefeng::service
