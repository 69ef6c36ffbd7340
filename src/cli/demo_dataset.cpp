#include "cli/demo_dataset.hpp"

namespace xuefeng::cli {

core::Result<std::string> load_demo_dataset(service::Services& services, const std::string& password) {
  auto admin = services.accounts.create_admin("admin", password);
  if (!admin) return core::fail(std::move(admin).error());
  return std::string("admin / ") + password + "\n";
}

}  // namespace xuefeng::cli
