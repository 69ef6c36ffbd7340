// read_request: the connection's parser, limits and conversion on bytes, without a socket.

#include "server/request_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace xuefeng::server {
namespace {

ReadResult read(std::string_view bytes, RequestLimits limits = {}) {
  return read_request(bytes, limits, "10.0.0.7");
}

TEST(RequestReader, ConvertsAGetWithQueryAndHeaders) {
  const std::string bytes =
      "GET /api/v1/people?q=%E5%BC%A0 HTTP/1.1\r\n"
      "Host: a\r\nAccept-Language: en\r\nX-Two: 1\r\nX-Two: 2\r\n\r\n";
  const auto r = read(bytes);
  ASSERT_EQ(r.status, ReadStatus::kComplete);
  EXPECT_EQ(r.request.method, http::Method::kGet);
  EXPECT_EQ(r.request.target, "/api/v1/people?q=%E5%BC%A0");
  EXPECT_EQ(r.request.header("accept-language"), "en");
  EXPECT_EQ(r.request.headers.size(), 4u);  // repeated fields stay separate, in order
  EXPECT_EQ(r.request.remote_address, "10.0.0.7");
  EXPECT_TRUE(r.keep_alive);
  EXPECT_EQ(r.consumed, bytes.size());
}

TEST(RequestReader, ReadsContentLengthAndChunkedBodies) {
  auto r = read("POST /x HTTP/1.1\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
  ASSERT_EQ(r.status, ReadStatus::kComplete);
  EXPECT_EQ(r.request.method, http::Method::kPost);
  EXPECT_EQ(r.request.body, "{\"a\":1}");

  r = read(
      "PATCH /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4;ext=1\r\n\":1}\r\n0\r\n\r\n");
  ASSERT_EQ(r.status, ReadStatus::kComplete);
  EXPECT_EQ(r.request.method, http::Method::kPatch);
  EXPECT_EQ(r.request.body, "{\"a\":1}");
}

TEST(RequestReader, StopsAtTheEndOfOneRequestSoPipelinedOnesFollow) {
  const std::string first = "GET /a HTTP/1.1\r\n\r\n";
  const std::string bytes = first + "GET /b HTTP/1.1\r\n\r\n";
  const auto r = read(bytes);
  ASSERT_EQ(r.status, ReadStatus::kComplete);
  EXPECT_EQ(r.consumed, first.size());
  const auto next = read(std::string_view(bytes).substr(r.consumed));
  ASSERT_EQ(next.status, ReadStatus::kComplete);
  EXPECT_EQ(next.request.target, "/b");
}

TEST(RequestReader, AnUnfinishedRequestIsIncomplete) {
  EXPECT_EQ(read("").status, ReadStatus::kIncomplete);
  EXPECT_EQ(read("GET /a HTTP/1.1\r\nHost: a\r\n").status, ReadStatus::kIncomplete);
  const auto r = read("POST /a HTTP/1.1\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n12345");
  EXPECT_EQ(r.status, ReadStatus::kIncomplete);
  EXPECT_TRUE(r.expects_continue);
}

TEST(RequestReader, RefusesWhatTheServerRefuses) {
  const RequestLimits small{64, 8};
  auto r = read("POST /a HTTP/1.1\r\nContent-Length: 9\r\n\r\n123456789", small);
  EXPECT_EQ(r.status, ReadStatus::kRefused);
  EXPECT_EQ(r.refusal, core::ErrorCode::kPayloadTooLarge);

  r = read("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n123456789\r\n0\r\n\r\n", small);
  EXPECT_EQ(r.status, ReadStatus::kRefused);
  EXPECT_EQ(r.refusal, core::ErrorCode::kPayloadTooLarge);

  r = read("GET /a HTTP/1.1\r\nX-Long: " + std::string(100, 'x') + "\r\n\r\n", small);
  EXPECT_EQ(r.status, ReadStatus::kRefused);
  EXPECT_EQ(r.refusal, core::ErrorCode::kHeadersTooLarge);

  r = read("HELLO\r\n\r\n");
  EXPECT_EQ(r.status, ReadStatus::kRefused);
  EXPECT_EQ(r.refusal, core::ErrorCode::kBadRequest);

  r = read("POST /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
  EXPECT_EQ(r.status, ReadStatus::kRefused);
  EXPECT_EQ(r.refusal, core::ErrorCode::kBadRequest);
}

TEST(RequestReader, Http10KeepsAliveOnlyWhenAsked) {
  EXPECT_FALSE(read("GET / HTTP/1.0\r\n\r\n").keep_alive);
  EXPECT_TRUE(read("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keep_alive);
  EXPECT_FALSE(read("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").keep_alive);
}

}  // namespace
}  // namespace xuefeng::server
