#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "http/message.hpp"

namespace xuefeng::server {

/// The size limits a request is read under: ServerConfig's max_header_bytes and max_body_bytes.
struct RequestLimits {
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 8 * 1024 * 1024;
};

/// How reading one request from the start of some bytes ended.
enum class ReadStatus {
  kComplete,    // `request` holds it
  kIncomplete,  // the bytes end inside the request: a connection would wait for more
  kRefused,     // `refusal` says why (400, 413 or 431); a connection answers that and closes
  kFailed,      // any other parse failure: a connection closes without an answer
};

struct ReadResult {
  ReadStatus status = ReadStatus::kIncomplete;
  /// The request as handlers see it, when complete.
  http::Request request;
  /// kBadRequest, kPayloadTooLarge or kHeadersTooLarge, when refused.
  core::ErrorCode refusal = core::ErrorCode::kBadRequest;
  /// The client asked to keep the connection open after this request.
  bool keep_alive = false;
  /// The client waits for "100 Continue" before it sends the body.
  bool expects_continue = false;
  /// Bytes of the input the request took; a pipelined request starts right after them.
  std::size_t consumed = 0;
};

/// Parses one HTTP/1.1 request from `bytes` with the parser, limits and conversion a connection uses
/// on its socket, so the parsing path can be tested (and fuzzed, tests/fuzz) without one. The header
/// is free of Beast, like every header outside src/server.
ReadResult read_request(std::string_view bytes, const RequestLimits& limits, std::string remote_address = {});

}  // namespace xuefeng::server
