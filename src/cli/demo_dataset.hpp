#pragma once

#include <string>

#include "core/result.hpp"
#include "service/services.hpp"

namespace xuefeng::cli {

/// Loads the demo dataset (see README: a district committee and its study group, a county government
/// office branch, a township committee, a district training) through the use cases, relative to today,
/// into an empty database. Creates the demo accounts with `password`. Returns what to print: the
/// accounts and what each shows.
core::Result<std::string> load_demo_dataset(service::Services& services, const std::string& password);

}  // namespace xuefeng::cli
