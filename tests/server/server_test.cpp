// The server is exercised through real sockets with hand-written HTTP, so these tests see exactly
// the bytes a client would and do not share Beast's assumptions with the code under test.

#include "server/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <future>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace xuefeng::server {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Only to turn a hang into a failure; no test expects anything to take nearly this long.
constexpr auto kHang = 10s;

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

struct RawResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  /// The value of the first header of that name, or nullopt.
  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (lower(key) == lower(name)) return value;
    }
    return std::nullopt;
  }
};

/// A blocking TCP client with a receive timeout, so a missing response fails instead of hanging.
class Client {
 public:
  explicit Client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket() failed");
    timeval timeout{};
    timeout.tv_sec = std::chrono::duration_cast<std::chrono::seconds>(kHang).count();
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      throw std::runtime_error("connect() failed");
    }
  }
  ~Client() {
    if (fd_ >= 0) ::close(fd_);
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  int fd() const { return fd_; }

  bool send(std::string_view data) {
    while (!data.empty()) {
      const auto n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  /// Reads one response. `head_request` because a HEAD response's Content-Length announces no body.
  std::optional<RawResponse> read_response(bool head_request = false) {
    std::size_t end = std::string::npos;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return std::nullopt;
    }
    const std::string head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);

    RawResponse response;
    std::istringstream lines(head);
    std::string line;
    std::getline(lines, line);
    if (line.rfind("HTTP/1.", 0) != 0 || line.size() < 12) return std::nullopt;
    response.status = std::stoi(line.substr(9, 3));
    while (std::getline(lines, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const auto colon = line.find(':');
      if (colon == std::string::npos) return std::nullopt;
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      response.headers.emplace_back(line.substr(0, colon), value);
    }
    if (head_request || response.status / 100 == 1 || response.status == 204 || response.status == 304) {
      return response;
    }
    const auto length = response.header("Content-Length");
    if (!length) return std::nullopt;  // this server always frames with Content-Length
    const auto size = static_cast<std::size_t>(std::stoul(*length));
    while (buffer_.size() < size) {
      if (!fill()) return std::nullopt;
    }
    response.body = buffer_.substr(0, size);
    buffer_.erase(0, size);
    return response;
  }

  /// True if the server closes the connection (EOF or reset) without sending anything more.
  bool closed_without_data() {
    if (!buffer_.empty()) return false;
    char byte = 0;
    const auto n = ::recv(fd_, &byte, 1, 0);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
  }

  /// Everything until the peer closes (or the receive timeout).
  std::string read_to_end() {
    while (fill()) {
    }
    return std::exchange(buffer_, {});
  }

 private:
  bool fill() {
    char chunk[4096];
    const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string buffer_;
};

std::string get(std::string_view target, std::string_view extra_headers = {}) {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers) + "\r\n";
}

std::string post(std::string_view target, std::string_view body, std::string_view extra_headers = {}) {
  return "POST " + std::string(target) + " HTTP/1.1\r\nHost: test\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n" + std::string(extra_headers) + "\r\n" + std::string(body);
}

ServerConfig small_config() {
  ServerConfig config;
  config.address = "127.0.0.1";
  config.port = 0;
  config.io_threads = 2;
  config.worker_threads = 4;
  config.max_body_bytes = 4096;
  config.max_header_bytes = 1024;
  config.read_timeout = 1s;
  config.idle_timeout = 5s;
  config.write_timeout = 5s;
  config.max_connections = 16;
  config.max_requests_per_connection = 100;
  return config;
}

/// Echoes what it was given, so the tests can see the request as the handler saw it.
http::Response echo(const http::Request& request) {
  if (request.target == "/throw") throw std::runtime_error("handler exploded");
  http::Response response;
  response.content_type = "text/plain; charset=utf-8";
  response.set_header("X-Method", std::string(http::method_name(request.method)));
  response.set_header("X-Target", request.target);
  response.set_header("X-Remote", request.remote_address);
  response.set_header("X-Foo", std::string(request.header("X-Foo")));
  response.set_header("X-Header-Count", std::to_string(request.headers.size()));
  response.body = request.body.empty() ? "hello" : request.body;
  return response;
}

/// The server under test, run() on a background thread as the application's main() would.
class RunningServer {
 public:
  RunningServer(ServerConfig config, http::Handler handler, std::chrono::seconds drain = 5s)
      : server_(std::move(config), std::move(handler)) {
    server_.listen();
    runner_ = std::async(std::launch::async, [this, drain] { server_.run(drain); });
  }
  ~RunningServer() {
    server_.stop();
    if (runner_.valid() && !wait_stopped(kHang)) {
      // Failing beats blocking forever in the future's destructor.
      std::cerr << "server did not stop within " << kHang.count() << "s\n";
      std::abort();
    }
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  std::uint16_t port() const { return server_.port(); }
  void stop() { server_.stop(); }

  /// True once run() has returned; rethrows what run() threw.
  bool wait_stopped(Clock::duration timeout) {
    if (!runner_.valid()) return true;
    if (runner_.wait_for(timeout) != std::future_status::ready) return false;
    runner_.get();
    return true;
  }

 private:
  Server server_;
  std::future<void> runner_;
};

TEST(Server, GetRoundTripCarriesHeadersAndBody) {
  RunningServer server(small_config(), echo);
  Client client(server.port());
  ASSERT_TRUE(client.send(get("/api/v1/people?q=%E5%BC%A0", "X-Foo: bar\r\n")));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(response->header("Content-Length"), "5");
  EXPECT_EQ(response->header("X-Method"), "GET");
  EXPECT_EQ(response->header("X-Target"), "/api/v1/people?q=%E5%BC%A0");
  EXPECT_EQ(response->header("X-Remote"), "127.0.0.1");
  EXPECT_EQ(response->header("X-Foo"), "bar");
  EXPECT_EQ(response->header("X-Header-Count"), "2");
  EXPECT_TRUE(response->header("Date"));
  EXPECT_FALSE(response->header("Server"));
  EXPECT_EQ(response->body, "hello");
}

TEST(Server, PostBodyReachesHandler) {
  RunningServer server(small_config(), echo);
  Client client(server.port());
  const std::string body = R"({"name":"张三","note":"a\u0000b"})";
  ASSERT_TRUE(client.send(post("/api/v1/people", body, "Content-Type: application/json\r\n")));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->header("X-Method"), "POST");
  EXPECT_EQ(response->body, body);
}

TEST(Server, KeepAliveServesSeveralRequestsOnOneConnection) {
  RunningServer server(small_config(), echo);
  Client client(server.port());
  for (const char* target : {"/first", "/second", "/third"}) {
    ASSERT_TRUE(client.send(get(target)));
    const auto response = client.read_response();
    ASSERT_TRUE(response) << target;
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->header("X-Target"), target);
    EXPECT_NE(lower(response->header("Connection").value_or("")), "close");
  }
}

TEST(Server, PipelinedRequestsAreAnsweredInOrder) {
  RunningServer server(small_config(), echo);
  Client client(server.port());
  ASSERT_TRUE(client.send(get("/a") + post("/b", "body-b") + get("/c")));
  for (const char* target : {"/a", "/b", "/c"}) {
    const auto response = client.read_response();
    ASSERT_TRUE(response) << target;
    EXPECT_EQ(response->header("X-Target"), target);
  }
}

TEST(Server, Http10ClosesUnlessKeepAliveIsAsked) {
  RunningServer server(small_config(), echo);
  Client client(server.port());
  ASSERT_TRUE(client.send("GET /old HTTP/1.0\r\n\r\n"));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "hello");
  EXPECT_TRUE(client.closed_without_data());
}

TEST(Server, HeadSendsHeadersOnly) {
  RunningServer server(small_config(), echo);
  Client client(server.port());
  ASSERT_TRUE(client.send("HEAD /page HTTP/1.1\r\nHost: test\r\n\r\n"));
  const auto head = client.read_response(/*head_request=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->header("X-Method"), "HEAD");
  EXPECT_EQ(head->header("Content-Length"), "5");
  // Had the body been sent, it would now be read as the start of this response and fail to parse.
  ASSERT_TRUE(client.send(get("/after")));
  const auto next = client.read_response();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
  EXPECT_EQ(next->header("X-Target"), "/after");
}

// The server's own refusals never reach the API, so they must add these headers themselves.
template <typename Answer>
void expect_security_headers(const Answer& response) {
  EXPECT_EQ(response.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(response.header("Cache-Control"), "no-store");
  EXPECT_TRUE(response.header("Content-Security-Policy").has_value());
}

TEST(Server, OversizedBodyIs413ProblemAndCloses) {
  RunningServer server(small_config(), echo);
  Client client(server.port());
  ASSERT_TRUE(client.send(post("/upload", std::string(5000, 'x'))));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->header("Content-Type"), "application/problem+json");
  EXPECT_NE(response->body.find(R"("code":"payload_too_large")"), std::string::npos) << response->body;
  EXPECT_NE(response->body.find("请求内容过大"), std::string::npos) << response->body;
  EXPECT_EQ(lower(response->header("Connection").value_or("")), "close");
  expect_security_headers(*response);
  EXPECT_TRUE(client.closed_without_data());
}

TEST(Server, OversizedChunkedBodyIs413InTheClientsLanguage) {
  RunningServer server(small_config(), echo);
  Client client(server.port());
  const std::string chunk(3000, 'y');
  std::string request =
      "POST /upload HTTP/1.1\r\nHost: test\r\nAccept-Language: en-US,en;q=0.9\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 2; ++i) request += "bb8\r\n" + chunk + "\r\n";
  request += "0\r\n\r\n";
  ASSERT_TRUE(client.send(request));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_NE(response->body.find(R"("code":"payload_too_large")"), std::string::npos) << response->body;
  EXPECT_NE(response->body.find("Payload too large"), std::string::npos) << response->body;
}

TEST(Server, OversizedHeaderIs431) {
  RunningServer server(small_config(), echo);
  Client client(server.port());
  ASSERT_TRUE(client.send(get("/", "X-Big: " + std::string(2000, 'h') + "\r\n")));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
  EXPECT_EQ(response->header("Content-Type"), "application/problem+json");
  EXPECT_NE(response->body.find(R"("code":"headers_too_large")"), std::string::npos) << response->body;
  expect_security_headers(*response);
}

TEST(Server, GarbageRequestLineIs400) {
  RunningServer server(small_config(), echo);
  Client client(server.port());
  ASSERT_TRUE(client.send("this is not http at all\r\n\r\n"));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_NE(response->body.find(R"("code":"bad_request")"), std::string::npos) << response->body;
  EXPECT_TRUE(client.closed_without_data());
}

TEST(Server, SlowlorisIsCutOffWhileOthersAreServed) {
  auto config = small_config();
  config.read_timeout = 2s;
  RunningServer server(config, echo);

  Client slow(server.port());
  const auto started = Clock::now();
  ASSERT_TRUE(slow.send("GET / HTTP/1.1\r\nHost: test\r\nX-Slow: "));
  std::atomic<bool> cut_off{false};
  Clock::time_point cut_at{};
  // The header never ends: without the read timeout this client would be served never and held forever.
  std::thread dribbler([&] {
    while (Clock::now() - started < kHang) {
      pollfd readable{slow.fd(), POLLIN, 0};
      if (::poll(&readable, 1, 300) != 0) break;  // the server answered or closed
      if (::send(slow.fd(), "a", 1, MSG_NOSIGNAL) != 1) break;
    }
    cut_at = Clock::now();
    cut_off = true;
  });

  std::this_thread::sleep_for(300ms);
  {
    Client normal(server.port());
    ASSERT_TRUE(normal.send(get("/normal")));
    const auto response = normal.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_FALSE(cut_off.load()) << "the normal client was served only after the slow one was cut off";
  }

  dribbler.join();
  const auto elapsed = cut_at - started;
  EXPECT_GE(elapsed, 1s);
  EXPECT_LT(elapsed, 8s) << "the slow client was not cut off by the read timeout";
  const std::string rest = slow.read_to_end();
  if (!rest.empty()) {
    EXPECT_EQ(rest.rfind("HTTP/1.1 408", 0), 0u) << rest;
    EXPECT_NE(rest.find(R"("code":"request_timeout")"), std::string::npos) << rest;
  }
}

TEST(Server, IdleKeptAliveConnectionIsClosedSilently) {
  auto config = small_config();
  config.idle_timeout = 1s;
  RunningServer server(config, echo);
  Client client(server.port());
  ASSERT_TRUE(client.send(get("/")));
  ASSERT_TRUE(client.read_response());
  const auto started = Clock::now();
  EXPECT_TRUE(client.closed_without_data());
  const auto elapsed = Clock::now() - started;
  EXPECT_GE(elapsed, 500ms);
  EXPECT_LT(elapsed, 8s);
}

TEST(Server, ConnectionsBeyondTheLimitGet503) {
  auto config = small_config();
  config.max_connections = 2;
  RunningServer server(config, echo);

  auto first = std::make_unique<Client>(server.port());
  Client second(server.port());
  for (Client* client : {first.get(), &second}) {
    ASSERT_TRUE(client->send(get("/")));
    const auto response = client->read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
  }

  {
    Client third(server.port());
    ASSERT_TRUE(third.send(get("/")));
    const auto response = third.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 503);
    EXPECT_EQ(response->header("Retry-After"), "1");
    EXPECT_NE(response->body.find(R"("code":"service_unavailable")"), std::string::npos) << response->body;
    expect_security_headers(*response);
    EXPECT_TRUE(third.closed_without_data());
  }

  // The limit counts open connections, so closing one makes room again.
  first.reset();
  int status = 0;
  const auto deadline = Clock::now() + kHang;
  while (status != 200 && Clock::now() < deadline) {
    Client retry(server.port());
    ASSERT_TRUE(retry.send(get("/")));
    const auto response = retry.read_response();
    ASSERT_TRUE(response);
    status = response->status;
    if (status != 200) std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(status, 200);
}

TEST(Server, ThrowingHandlerGives500AndServingContinues) {
  RunningServer server(small_config(), echo);
  Client client(server.port());
  ASSERT_TRUE(client.send(get("/throw", "Accept-Language: en\r\n")));
  const auto failed = client.read_response();
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->status, 500);
  EXPECT_EQ(failed->header("Content-Type"), "application/problem+json");
  EXPECT_NE(failed->body.find(R"("code":"internal")"), std::string::npos) << failed->body;
  EXPECT_EQ(failed->body.find("exploded"), std::string::npos) << "the exception text leaked to the client";

  ASSERT_TRUE(client.send(get("/fine")));
  const auto next = client.read_response();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);

  Client other(server.port());
  ASSERT_TRUE(other.send(get("/fine")));
  const auto fresh = other.read_response();
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->status, 200);
}

TEST(Server, ExpectContinueGetsInterimResponseBeforeTheBody) {
  RunningServer server(small_config(), echo);
  Client client(server.port());
  const std::string body(2000, 'b');
  ASSERT_TRUE(
      client.send("POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 2000\r\n"
                  "Expect: 100-continue\r\n\r\n"));
  const auto interim = client.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(client.send(body));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, body);
}

TEST(Server, ExpectContinueOverTheLimitGets413Directly) {
  RunningServer server(small_config(), echo);
  Client client(server.port());
  ASSERT_TRUE(
      client.send("POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 50000\r\n"
                  "Expect: 100-continue\r\n\r\n"));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_NE(response->body.find(R"("code":"payload_too_large")"), std::string::npos) << response->body;
}

TEST(Server, ConnectionClosesAfterMaxRequests) {
  auto config = small_config();
  config.max_requests_per_connection = 2;
  RunningServer server(config, echo);
  Client client(server.port());
  ASSERT_TRUE(client.send(get("/1")));
  const auto first = client.read_response();
  ASSERT_TRUE(first);
  EXPECT_NE(lower(first->header("Connection").value_or("")), "close");
  ASSERT_TRUE(client.send(get("/2")));
  const auto second = client.read_response();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(lower(second->header("Connection").value_or("")), "close");
  EXPECT_TRUE(client.closed_without_data());
}

TEST(Server, BlockedHandlerDoesNotBlockOtherConnections) {
  auto config = small_config();
  config.io_threads = 1;
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  RunningServer server(config, [&](const http::Request& request) {
    if (request.target == "/block") {
      entered.set_value();
      released.wait();
    }
    return echo(request);
  });

  Client blocked(server.port());
  ASSERT_TRUE(blocked.send(get("/block")));
  ASSERT_EQ(entered.get_future().wait_for(kHang), std::future_status::ready);

  // With one I/O thread, this is answered only if the blocked handler is not on it.
  Client other(server.port());
  ASSERT_TRUE(other.send(get("/other")));
  const auto response = other.read_response();
  release.set_value();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);

  const auto late = blocked.read_response();
  ASSERT_TRUE(late);
  EXPECT_EQ(late->header("X-Target"), "/block");
}

TEST(Server, StopFinishesTheRequestInFlight) {
  std::promise<void> entered;
  RunningServer server(small_config(), [&](const http::Request& request) {
    if (request.target == "/slow") {
      entered.set_value();
      std::this_thread::sleep_for(500ms);
    }
    return echo(request);
  });
  Client client(server.port());
  ASSERT_TRUE(client.send(get("/slow")));
  ASSERT_EQ(entered.get_future().wait_for(kHang), std::future_status::ready);

  std::thread([&server] { server.stop(); }).join();

  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->header("X-Target"), "/slow");
  EXPECT_EQ(lower(response->header("Connection").value_or("")), "close");
  EXPECT_TRUE(server.wait_stopped(kHang));
}

TEST(Server, StopClosesIdleConnectionsWithoutWaitingForTheirTimeout) {
  auto config = small_config();
  config.idle_timeout = 60s;
  RunningServer server(config, echo, /*drain=*/30s);
  Client idle(server.port());
  ASSERT_TRUE(idle.send(get("/")));
  ASSERT_TRUE(idle.read_response());

  server.stop();
  // Far below both the idle timeout and the drain time: only closing the idle connection explains it.
  EXPECT_TRUE(server.wait_stopped(8s));
  EXPECT_TRUE(idle.closed_without_data());
}

TEST(Server, SigtermStopsTheServer) {
  RunningServer server(small_config(), echo);
  // A served request proves run() has installed its signal handler, so SIGTERM cannot kill the test.
  Client client(server.port());
  ASSERT_TRUE(client.send(get("/")));
  ASSERT_TRUE(client.read_response());
  ASSERT_EQ(::kill(::getpid(), SIGTERM), 0);
  EXPECT_TRUE(server.wait_stopped(kHang));
}

TEST(Server, StopBeforeRunMakesRunReturn) {
  Server server(small_config(), echo);
  server.listen();
  server.stop();
  auto runner = std::async(std::launch::async, [&server] { server.run(1s); });
  EXPECT_EQ(runner.wait_for(kHang), std::future_status::ready);
}

TEST(Server, ListenReportsABusyPort) {
  RunningServer first(small_config(), echo);
  auto config = small_config();
  config.port = first.port();
  Server second(config, echo);
  EXPECT_THROW(second.listen(), std::system_error);
}

TEST(Server, PortZeroPicksAPort) {
  Server server(small_config(), echo);
  server.listen();
  EXPECT_NE(server.port(), 0);
}

/// Captures the "access" logger for one test; the registry is global, so it is put back afterwards.
class AccessLogCapture {
 public:
  AccessLogCapture() {
    spdlog::drop("access");
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_);
    auto logger = std::make_shared<spdlog::logger>("access", sink);
    logger->set_pattern("%v");
    spdlog::register_logger(logger);
  }
  ~AccessLogCapture() { spdlog::drop("access"); }
  AccessLogCapture(const AccessLogCapture&) = delete;
  AccessLogCapture& operator=(const AccessLogCapture&) = delete;

  std::vector<boost::json::object> lines() {
    spdlog::get("access")->flush();
    std::vector<boost::json::object> out;
    std::istringstream text(stream_.str());
    std::string line;
    while (std::getline(text, line)) out.push_back(boost::json::parse(line).as_object());
    return out;
  }

 private:
  std::ostringstream stream_;
};

TEST(Server, AccessLogWritesOneJsonObjectPerRequest) {
  AccessLogCapture capture;
  {
    RunningServer server(small_config(), [](const http::Request& request) {
      http::Response response = echo(request);
      if (request.target == "/mine") {
        response.status = 409;
        response.account_id = 42;
        response.problem_code = "conflict";
      }
      return response;
    });
    Client client(server.port());
    ASSERT_TRUE(client.send(get("/plain?x=\"y\"")));
    ASSERT_TRUE(client.read_response());
    ASSERT_TRUE(client.send(get("/mine")));
    ASSERT_TRUE(client.read_response());
  }

  const auto lines = capture.lines();
  ASSERT_EQ(lines.size(), 2u);
  const auto& plain = lines[0];
  EXPECT_EQ(plain.at("method").as_string(), "GET");
  EXPECT_EQ(plain.at("target").as_string(), "/plain?x=\"y\"");
  EXPECT_EQ(plain.at("remote").as_string(), "127.0.0.1");
  EXPECT_EQ(plain.at("status").to_number<int>(), 200);
  EXPECT_EQ(plain.at("bytes").to_number<int>(), 5);
  EXPECT_TRUE(plain.at("duration_ms").is_double());
  const std::string time(plain.at("time").as_string());
  EXPECT_EQ(time.size(), 20u) << time;
  EXPECT_EQ(time.back(), 'Z') << time;
  EXPECT_FALSE(plain.contains("account_id"));
  EXPECT_FALSE(plain.contains("problem"));

  const auto& mine = lines[1];
  EXPECT_EQ(mine.at("status").to_number<int>(), 409);
  EXPECT_EQ(mine.at("account_id").to_number<int>(), 42);
  EXPECT_EQ(mine.at("problem").as_string(), "conflict");
}

}  // namespace
}  // namespace xuefeng::server
