// Abuse on loopback against the real binary: password guessing, slow clients, oversized and deeply nested
// bodies. Each refusal must be a clean problem answer, and the server must keep serving everyone else.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <atomic>
#include <chrono>
#include <thread>

#include "api_fixture.hpp"

namespace xuefeng::testing {
namespace {

namespace json = boost::json;

TEST(Abuse, AThousandWrongPasswordsAreThrottled) {
  ServerProcess server;
  auto c = server.client();
  int unauthorized = 0, throttled = 0, retry_after_ok = 0;
  for (int i = 0; i < 1000; ++i) {
    const auto res = c.post("/api/v1/session", json::object{{"login", "admin"}, {"password", "guess-" + std::to_string(i)}});
    if (res.status == 401) ++unauthorized;
    if (res.status == 429) {
      ++throttled;
      if (res.json().at("code") == "too_many_requests" && !res.header("Retry-After").empty()) ++retry_after_ok;
    }
  }
  // Five free tries, then each failure doubles the wait (1 s, 2 s, 4 s ...): however slow this machine,
  // only a handful more are ever checked, and every refusal says when to come back.
  EXPECT_GE(unauthorized, 5);
  EXPECT_LE(unauthorized, 10);
  EXPECT_EQ(unauthorized + throttled, 1000);
  EXPECT_EQ(retry_after_ok, throttled);
  // While throttled, even the right password is not checked.
  const auto right = c.post("/api/v1/session", json::object{{"login", "admin"}, {"password", "admin-password"}});
  EXPECT_EQ(right.status, 429);
}

TEST(Abuse, ManyLoginsFromOneAddressAreThrottledToo) {
  ServerProcess server;
  auto c = server.client();
  int throttled = 0;
  for (int i = 0; i < 60; ++i) {
    const auto res = c.post("/api/v1/session", json::object{{"login", "user" + std::to_string(i)}, {"password", "wrong-password"}});
    if (res.status == 429) ++throttled;
  }
  // Thirty free failures per address (an office behind one NAT), then waits.
  EXPECT_GE(throttled, 25);
  EXPECT_LE(throttled, 30);
}

int connect_raw(std::uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

TEST(Abuse, ASlowlorisClientIsCutOffWhileOthersAreServed) {
  ServerOptions options;
  options.serve_args = {"--read-timeout", "2"};
  ServerProcess server(options);
  const int slow = connect_raw(server.port());
  ASSERT_GE(slow, 0);
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  std::atomic<bool> cut{false};
  std::thread slowloris([&] {
    for (std::size_t i = 0; i < 60; ++i) {  // one byte every 250 ms: 15 s if nobody stops it
      const char byte = i < request.size() ? request[i] : 'x';
      if (send(slow, &byte, 1, MSG_NOSIGNAL) != 1) {
        cut = true;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
  });
  // Meanwhile others are served at once, again and again.
  auto c = server.client();
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(c.get("/healthz").status, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  slowloris.join();
  char buf[512];
  const auto n = recv(slow, buf, sizeof buf, MSG_DONTWAIT);
  // Cut off: the send failed, or the server answered 408 and closed.
  EXPECT_TRUE(cut || (n > 0 && std::string(buf, static_cast<std::size_t>(n)).find("408") != std::string::npos));
  close(slow);
  EXPECT_EQ(c.get("/healthz").status, 200);
}

TEST(Abuse, OversizedBodiesAndDeeplyNestedJsonAreRefusedCleanly) {
  ServerProcess server;
  auto admin = server.admin();
  // A client that declares 9 MiB is refused before it sends them.
  const int fd = connect_raw(server.port());
  ASSERT_GE(fd, 0);
  const std::string head = "POST /api/v1/orgs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin.token +
                           "\r\nContent-Type: application/json\r\nContent-Length: 9437184\r\n\r\n";
  ASSERT_EQ(send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
  std::string answer;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) answer.append(buf, static_cast<std::size_t>(n));
  close(fd);
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer;
  EXPECT_NE(answer.find("application/problem+json"), std::string::npos);
  EXPECT_NE(answer.find("\"code\":\"payload_too_large\""), std::string::npos);
  auto fresh = server.admin();
  const std::string deep = std::string(5000, '[') + std::string(5000, ']');
  const auto nested = fresh.request("POST", "/api/v1/orgs", deep, {{"Content-Type", "application/json"}});
  EXPECT_EQ(nested.status, 422);
  EXPECT_EQ(nested.json().at("code"), "validation_failed");
  const auto too_many = fresh.put("/api/v1/activities/1/attendance", json::array(6000, json::object{{"person_id", 1}, {"status", "present"}}));
  EXPECT_EQ(too_many.status, 422);
  EXPECT_EQ(fresh.get("/healthz").status, 200);
}

}  // namespace
}  // namespace xuefeng::testing
