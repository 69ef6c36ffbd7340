#pragma once

#include <optional>

#include "core/model.hpp"
#include "core/result.hpp"

namespace xuefeng::service {

/// If-Match: the client's version must be the stored one, or the write is refused.
inline core::Status check_version(std::optional<core::Version> if_match, core::Version current) {
  if (if_match && *if_match != current) return core::fail(core::Error::version_mismatch(current));
  return core::Ok{};
}

}  // namespace xuefeng::service
