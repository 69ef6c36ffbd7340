// The way into the server: raw bytes -> the connection's Beast parser with its limits and the
// conversion to http::Request (server::read_request) -> the API's target parsing (http::parse_target)
// -> routing over the real route table -> the query and header readers handlers share. Pipelined
// requests in one input are read one after another, as a kept-alive connection reads them.
// Each request is also handed to the real Api (over a database that refuses every transaction), whose
// answer must be a well-formed response: a valid status, headers without line breaks, and a JSON
// body that is UTF-8 and parses.

#include <spdlog/spdlog.h>

#include <boost/json/parse.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/text.hpp"
#include "core/time.hpp"
#include "fuzz_checks.hpp"
#include "http/api.hpp"
#include "http/requirement_codec.hpp"
#include "http/handler_support.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "server/request_reader.hpp"
#include "service/services.hpp"

namespace {

namespace core = xuefeng::core;
namespace http = xuefeng::http;
namespace server = xuefeng::server;
namespace service = xuefeng::service;

// Smaller than ServerConfig's defaults (16 KiB of headers, 8 MiB of body) so that inputs of the
// fuzzer's usual length reach both limits.
constexpr server::RequestLimits kLimits{2048, 4096};
constexpr int kMaxPipelined = 8;

/// The API needs use cases, and they need a database; this one refuses every transaction, so a request
/// goes as far as it can without data (authentication fails, login fails) and answers with an error.
class NoDatabase final : public service::Database {
 public:
  core::Status read(const service::TransactionWork&) override { return refuse(); }
  core::Status write(const service::WriteContext&, const service::TransactionWork&) override { return refuse(); }

 private:
  static core::Status refuse() { return core::fail(core::Error::internal("no database in the fuzz target")); }
};

/// The real Api, and a router with its routes in its order whose handlers do nothing.
struct Application {
  Application() {
    for (const auto& [method, pattern] : api.routes()) {
      router.add(method, pattern, http::Auth::kRequired,
                 [](http::RequestContext&) { return http::Response{}; });
    }
  }
  NoDatabase database;
  core::SystemClock clock;
  service::ServiceContext context{database, clock, service::ServiceConfig{}};
  http::JsonRequirementCodec codec;
  service::Services services{context, codec};
  http::Api api{services, http::ApiConfig{}};
  http::Router router;
};

Application& application() {
  static Application instance;
  return instance;
}

[[noreturn]] void fail(const char* what) {
  xuefeng::fuzz::fail("fuzz_http_request", what);
}

/// What Api::dispatch and the handlers read from a request before any use case runs.
void route(const http::Request& request) {
  const http::Language language = http::preferred_language(request.header("Accept-Language"));
  auto target = http::parse_target(request.target);
  if (!target) return;
  if (target->segments.empty()) fail("a parsed target without segments");
  auto match = application().router.match(request.method, target->segments);
  if (!match.handler && match.path_known && match.allowed.empty()) fail("a 405 that allows no method");

  http::RequestContext ctx{request, std::move(match.params), std::move(target->query), language, {}, {},
                           false};
  (void)ctx.id("id");
  (void)ctx.id("person_id");
  (void)http::page_request(ctx);
  (void)http::query_date(ctx, "from");
  (void)http::query_int(ctx, "year");
  (void)http::query_bool(ctx, "descendants", false);
  (void)http::if_match(ctx);
}

bool has_line_break(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

/// What the Api answers, checked as a client would read it.
void answer(const http::Request& request) {
  const http::Response response = application().api.handle(request);
  if (response.status < 200 || response.status > 599) fail("a status outside 200-599");
  for (const auto& header : response.headers) {
    if (header.name.empty() || has_line_break(header.name) || has_line_break(header.value)) {
      fail("a response header with a line break");
    }
  }
  if (response.content_type.find("json") == std::string::npos) return;
  if (!core::is_valid_utf8(response.body)) fail("a JSON response that is not UTF-8");
  boost::system::error_code ec;
  (void)boost::json::parse(response.body, ec);
  if (ec) fail("a JSON response that does not parse");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Failed transactions are logged as errors; thousands a second would only slow the fuzzer down.
  spdlog::set_level(spdlog::level::off);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < kMaxPipelined && !bytes.empty(); ++i) {
    const server::ReadResult result = server::read_request(bytes, kLimits, "127.0.0.1");
    if (result.consumed > bytes.size()) fail("consumed more bytes than there were");
    if (result.status != server::ReadStatus::kComplete) return 0;
    if (result.consumed == 0) fail("a complete request from no bytes");
    if (result.request.body.size() > kLimits.max_body_bytes) fail("a body over the limit was accepted");
    route(result.request);
    answer(result.request);
    if (!result.keep_alive) return 0;
    bytes.remove_prefix(result.consumed);
  }
  return 0;
}
