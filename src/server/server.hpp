#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "http/message.hpp"

namespace xuefeng::server {

/// Limits and threads of the HTTP listener. Defaults suit one district's deployment on a small machine.
struct ServerConfig {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; see Server::port()
  int io_threads = 1;
  /// Threads that run the handler (which may wait on the database). Bounds the requests in progress.
  int worker_threads = 32;
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  std::size_t max_header_bytes = 16 * 1024;
  /// A request's headers and body must arrive within this time once its first byte has.
  std::chrono::seconds read_timeout{30};
  /// A kept-alive connection with no request in progress is closed after this long.
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds write_timeout{30};
  int max_connections = 1024;
  /// Requests served on one connection before it is closed, so one client cannot hold a worker forever.
  int max_requests_per_connection = 10000;
};

/// The Beast/Asio HTTP/1.1 server. Owns the I/O threads and the worker pool; hands every request to
/// the handler on a worker thread and writes the response back on the I/O thread.
class Server {
 public:
  Server(ServerConfig config, http::Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds and listens; throws std::system_error if the address cannot be bound.
  void listen();
  /// The bound port (useful after listening on port 0).
  std::uint16_t port() const;
  /// Serves until stop() is called or SIGINT/SIGTERM arrives, then finishes requests in progress
  /// (for at most `drain_timeout`) and returns.
  void run(std::chrono::seconds drain_timeout = std::chrono::seconds{10});
  /// Thread-safe; makes run() return after draining.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xuefeng::server
