// The way into the server: raw bytes -> the connection's Beast parser with its limits and the
// conversion to http::Request (server::read_request) -> the API's target parsing (http::parse_target)
// -> routing over the real route table -> the query and header readers handlers share. Pipelined
// requests in one input are read one after another, as a kept-alive connection reads them.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "core/time.hpp"
#include "http/api.hpp"
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

/// Only there so that an Api can be built to list its routes; no handler runs, so it is never asked.
class NoDatabase final : public service::Database {
 public:
  core::Status read(const service::TransactionWork&) override { return refuse(); }
  core::Status write(const service::TransactionWork&) override { return refuse(); }

 private:
  static core::Status refuse() { return core::fail(core::Error::internal("no database in the fuzz target")); }
};

/// A router with the API's routes, in the API's order, whose handlers do nothing.
std::unique_ptr<http::Router> real_routes() {
  NoDatabase database;
  const core::SystemClock clock;
  const service::ServiceContext context(database, clock, service::ServiceConfig{});
  service::Services services(context);
  const http::Api api(services, http::ApiConfig{});
  auto router = std::make_unique<http::Router>();
  for (const auto& [method, pattern] : api.routes()) {
    router->add(method, pattern, http::Auth::kRequired,
                [](http::RequestContext&) { return http::Response{}; });
  }
  return router;
}

const http::Router& router() {
  static const std::unique_ptr<http::Router> instance = real_routes();
  return *instance;
}

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "fuzz_http_request: %s\n", what);
  std::abort();
}

/// What Api::dispatch and the handlers read from a request before any use case runs.
void route(const http::Request& request) {
  const http::Language language = http::preferred_language(request.header("Accept-Language"));
  auto target = http::parse_target(request.target);
  if (!target) return;
  if (target->segments.empty()) fail("a parsed target without segments");
  auto match = router().match(request.method, target->segments);
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < kMaxPipelined && !bytes.empty(); ++i) {
    const server::ReadResult result = server::read_request(bytes, kLimits, "127.0.0.1");
    if (result.consumed > bytes.size()) fail("consumed more bytes than there were");
    if (result.status != server::ReadStatus::kComplete) return 0;
    if (result.consumed == 0) fail("a complete request from no bytes");
    if (result.request.body.size() > kLimits.max_body_bytes) fail("a body over the limit was accepted");
    route(result.request);
    if (!result.keep_alive) return 0;
    bytes.remove_prefix(result.consumed);
  }
  return 0;
}
