#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <thread>

#include "core/embedded.hpp"
#include "service/crypto.hpp"

namespace xuefeng::app {

Application::Application(const AppConfig& config)
    : config_(config),
      site_(config.web_root.empty() ? http::StaticSite::embedded(embedded::web_files())
                                    : http::StaticSite::directory(config.web_root)) {
  service::crypto::init();
  store::sqlite::SqliteOptions options;
  options.path = config_.db_path;
  options.durability = config_.durability;
  options.readers = std::max(4, config_.server.worker_threads / 4);
  database_ = std::make_unique<store::sqlite::SqliteDatabase>(options);
  service::ServiceConfig service_config;
  service_config.offset = config_.offset;
  context_ = std::make_unique<service::ServiceContext>(*database_, clock_, service_config);
  services_ = std::make_unique<service::Services>(*context_, requirement_codec_);
  http::ApiConfig api_config;
  api_config.offset = config_.offset;
  api_config.public_url = config_.public_url;
  api_config.secure_cookies = config_.secure_cookies;
  api_config.site = &site_;
  api_ = std::make_unique<http::Api>(*services_, api_config);
}

Application::~Application() = default;

std::unique_ptr<server::Server> Application::make_server() const {
  return std::make_unique<server::Server>(config_.server,
                                          [this](const http::Request& request) { return api_->handle(request); });
}

int Application::serve(const std::string& port_file) {
  const auto server_ptr = make_server();
  server::Server& server = *server_ptr;
  server.listen();
  spdlog::info("xuefeng listening on http://{}:{} (database {}, schema version {})", config_.server.address,
               server.port(), config_.db_path, database_->schema_version());
  if (!port_file.empty()) {
    // Written after listen(), so whoever waits for the file can connect at once.
    const std::string tmp = port_file + ".tmp";
    std::ofstream(tmp) << server.port() << "\n";
    std::rename(tmp.c_str(), port_file.c_str());
  }
  server.run();
  spdlog::info("xuefeng stopped");
  return 0;
}

}  // namespace xuefeng::app
