#pragma once

#include <memory>
#include <string>

#include "core/time.hpp"
#include "http/api.hpp"
#include "http/requirement_codec.hpp"
#include "http/static_site.hpp"
#include "server/server.hpp"
#include "service/services.hpp"
#include "store/sqlite/database.hpp"

namespace xuefeng::app {

/// Everything the process needs, from command-line settings.
struct AppConfig {
  std::string db_path;
  store::sqlite::Durability durability = store::sqlite::Durability::kFull;
  core::UtcOffset offset;
  std::string public_url;
  bool secure_cookies = false;
  /// Serve the web UI from this directory instead of the copy built into the binary (UI development).
  std::string web_root;
  server::ServerConfig server;
};

/// The composition root: store -> services -> API. The only place that knows every layer.
class Application {
 public:
  explicit Application(const AppConfig& config);
  ~Application();

  service::Services& services() { return *services_; }
  store::sqlite::SqliteDatabase& database() { return *database_; }
  const http::Api& api() const { return *api_; }

  /// Serves HTTP until SIGINT/SIGTERM; writes the bound port to `port_file` if given.
  int serve(const std::string& port_file);
  /// The HTTP server over this application's API, not yet listening (for benchmarks and tests).
  std::unique_ptr<server::Server> make_server() const;

 private:
  AppConfig config_;
  core::SystemClock clock_;
  std::unique_ptr<store::sqlite::SqliteDatabase> database_;
  std::unique_ptr<service::ServiceContext> context_;
  http::JsonRequirementCodec requirement_codec_;
  http::StaticSite site_;
  std::unique_ptr<service::Services> services_;
  std::unique_ptr<http::Api> api_;
};

}  // namespace xuefeng::app
