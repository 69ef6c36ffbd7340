#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "http_client.hpp"

namespace xuefeng::testing {

/// The path of the `xuefeng` binary under test (set by CMake).
const char* xuefeng_binary();

struct ServerOptions {
  /// Arguments added to `xuefeng serve` (e.g. {"--durability", "normal"}).
  std::vector<std::string> serve_args;
  std::string admin_login = "admin";
  std::string admin_password = "admin-password";
};

/// A real `xuefeng serve` on a loopback port with its own fresh SQLite file in a temporary directory,
/// initialised with an administrator. Stopped (SIGTERM) and cleaned up on destruction.
class ServerProcess {
 public:
  explicit ServerProcess(ServerOptions options = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  /// Starts serving on the same database (after stop() or kill9()); waits until it accepts requests.
  void start();
  /// SIGTERM and wait: a graceful stop.
  int stop();
  /// SIGKILL and wait: a crash.
  void kill9();

  std::uint16_t port() const { return port_; }
  const std::string& db_path() const { return db_path_; }
  const std::string& dir() const { return dir_; }
  /// What the server printed (access log and errors).
  std::string log() const;

  /// A client without a session / logged in as the administrator.
  HttpClient client() const { return HttpClient(port_); }
  HttpClient admin() const;

  /// Runs `xuefeng <args...>` to completion with the given environment additions; returns its exit
  /// status and fills `output` with stdout and stderr together.
  static int run_cli(const std::vector<std::string>& args, std::string* output,
                     const std::vector<std::string>& env = {});

 private:
  ServerOptions options_;
  std::string dir_;
  std::string db_path_;
  std::string port_file_;
  std::string log_path_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace xuefeng::testing
