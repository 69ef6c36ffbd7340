#include "server/request_reader.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <cstdint>
#include <iterator>
#include <limits>
#include <utility>

#include "server/beast_request.hpp"

namespace xuefeng::server {
namespace {

namespace bhttp = boost::beast::http;
using boost::system::error_code;

http::Method to_method(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get: return http::Method::kGet;
    case bhttp::verb::head: return http::Method::kHead;
    case bhttp::verb::post: return http::Method::kPost;
    case bhttp::verb::put: return http::Method::kPut;
    case bhttp::verb::patch: return http::Method::kPatch;
    case bhttp::verb::delete_: return http::Method::kDelete;
    case bhttp::verb::options: return http::Method::kOptions;
    default: return http::Method::kOther;
  }
}

/// Beast's request syntax errors, as opposed to I/O failures and the size limits, which get other answers.
bool is_malformed(const error_code& ec) {
  using bhttp::error;
  static constexpr std::array kMalformed{
      error::bad_line_ending,
      error::bad_method,
      error::bad_target,
      error::bad_version,
      error::bad_field,
      error::bad_value,
      error::bad_content_length,
      error::bad_transfer_encoding,
      error::multiple_content_length,
      error::bad_chunk,
      error::bad_chunk_extension,
      error::bad_obs_fold,
  };
  for (const auto e : kMalformed) {
    if (ec == e) return true;
  }
  return false;
}

}  // namespace

void apply_limits(RequestParser& parser, const RequestLimits& limits) {
  constexpr std::size_t kMaxHeaderLimit = std::numeric_limits<std::uint32_t>::max();
  parser.header_limit(static_cast<std::uint32_t>(std::min(limits.max_header_bytes, kMaxHeaderLimit)));
  parser.body_limit(static_cast<std::uint64_t>(limits.max_body_bytes));
}

std::optional<core::ErrorCode> refusal_for(const error_code& ec) {
  if (ec == bhttp::error::body_limit) return core::ErrorCode::kPayloadTooLarge;
  if (ec == bhttp::error::header_limit) return core::ErrorCode::kHeadersTooLarge;
  if (is_malformed(ec)) return core::ErrorCode::kBadRequest;
  return std::nullopt;
}

bool expects_continue(const bhttp::request_header<>& header) {
  return header.version() >= 11 && http::iequals(header[bhttp::field::expect], "100-continue");
}

http::Request to_request(BeastRequest&& message, const std::string& remote_address) {
  http::Request request;
  request.method = to_method(message.method());
  request.target = std::string(message.target());
  request.headers.reserve(static_cast<std::size_t>(std::distance(message.begin(), message.end())));
  for (const auto& field : message) {
    request.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  }
  request.body = std::move(message.body());
  request.remote_address = remote_address;
  return request;
}

ReadResult read_request(std::string_view bytes, const RequestLimits& limits, std::string remote_address) {
  RequestParser parser;
  apply_limits(parser, limits);
  // Parse the body in the same call as the header, as a connection's read does once it has the bytes.
  parser.eager(true);

  ReadResult result;
  while (!parser.is_done()) {
    error_code ec;
    const std::string_view rest = bytes.substr(result.consumed);
    const std::size_t used = parser.put(boost::asio::const_buffer(rest.data(), rest.size()), ec);
    result.consumed += used;
    if (parser.is_header_done()) result.expects_continue = expects_continue(parser.get());
    if (ec == bhttp::error::need_more || (!ec && used == 0)) {
      if (used == 0) return result;  // kIncomplete: nothing more can be parsed from these bytes
      continue;
    }
    if (ec) {
      const auto refusal = refusal_for(ec);
      result.status = refusal ? ReadStatus::kRefused : ReadStatus::kFailed;
      if (refusal) result.refusal = *refusal;
      return result;
    }
  }
  result.status = ReadStatus::kComplete;
  result.keep_alive = parser.get().keep_alive();
  result.request = to_request(parser.release(), remote_address);
  return result;
}

}  // namespace xuefeng::server
