#include "server/server.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <ctime>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "http/problem.hpp"
#include "server/beast_request.hpp"

namespace xuefeng::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using SteadyClock = std::chrono::steady_clock;

// Errors come back as values so that a timeout or a vanished peer is a branch, not an exception.
constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);

constexpr std::size_t kFirstReadBytes = 4096;
// A refused client may still be sending; read and discard this much for this long so that closing
// does not reset the connection (and destroy the refusal) before the client has read it.
constexpr std::size_t kLingerBytes = 256 * 1024;
constexpr auto kLingerTime = std::chrono::seconds{1};
// Accept fails repeatedly while the process is out of descriptors; pausing keeps that from spinning.
constexpr auto kAcceptBackoff = std::chrono::milliseconds{100};

using BeastResponse = bhttp::response<bhttp::string_body>;

/// IMF-fixdate (RFC 9110 section 5.6.7), written by hand because strftime follows the C locale.
std::string http_date(std::chrono::system_clock::time_point now) {
  static constexpr std::array<std::string_view, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} GMT", kDays[static_cast<std::size_t>(utc.tm_wday)], utc.tm_mday,
                     kMonths[static_cast<std::size_t>(utc.tm_mon)], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                     utc.tm_sec);
}

/// Framing is the server's job: a handler's Content-Length or Connection could contradict what is
/// actually written and desynchronise the client.
bool is_framing_header(std::string_view name) {
  return http::iequals(name, "Content-Length") || http::iequals(name, "Transfer-Encoding") ||
         http::iequals(name, "Connection") || http::iequals(name, "Keep-Alive");
}

/// A CR or LF in a header would let a handler (or whatever it copied from user input) inject
/// headers or a whole response.
bool is_safe_header(const http::Header& header) {
  if (header.name.empty()) return false;
  const auto unsafe = [](char c) { return c == '\r' || c == '\n' || c == '\0'; };
  for (char c : header.name) {
    if (unsafe(c) || c == ':' || c == ' ' || c == '\t') return false;
  }
  for (char c : header.value) {
    if (unsafe(c)) return false;
  }
  return true;
}

/// Builds the Beast message. A HEAD response keeps the Content-Length the GET would have but no body.
BeastResponse to_beast(http::Response& response, unsigned version, bool keep_alive, bool head_request) {
  BeastResponse message;
  message.version(version);
  message.result(static_cast<unsigned>(response.status));
  if (!response.content_type.empty()) message.set(bhttp::field::content_type, response.content_type);
  for (const auto& header : response.headers) {
    if (is_framing_header(header.name)) continue;
    if (!is_safe_header(header)) {
      spdlog::error("server: dropped response header with forbidden characters ({} bytes)", header.name.size());
      continue;
    }
    message.insert(header.name, header.value);
  }
  if (message.find(bhttp::field::date) == message.end()) {
    message.set(bhttp::field::date, http_date(std::chrono::system_clock::now()));
  }
  // RFC 9110 section 8.6: these statuses have no content, so no Content-Length either.
  const bool bodiless_status = response.status == 204 || response.status == 304;
  if (!bodiless_status) {
    message.content_length(response.body.size());
    if (!head_request) message.body() = std::move(response.body);
  }
  message.keep_alive(keep_alive);
  return message;
}

core::Error refusal(core::ErrorCode code, const ServerConfig& config) {
  switch (code) {
    case core::ErrorCode::kPayloadTooLarge: {
      const auto limit = std::to_string(config.max_body_bytes);
      return {code,
              {"请求内容超过 " + limit + " 字节的上限", "the request body exceeds the limit of " + limit + " bytes"},
              {},
              {}};
    }
    case core::ErrorCode::kHeadersTooLarge: {
      const auto limit = std::to_string(config.max_header_bytes);
      return {code,
              {"请求头超过 " + limit + " 字节的上限", "the request headers exceed the limit of " + limit + " bytes"},
              {},
              {}};
    }
    case core::ErrorCode::kRequestTimeout:
      return {code, {"请求未能在规定时间内发送完毕", "the request did not arrive in time"}, {}, {}};
    case core::ErrorCode::kServiceUnavailable:
      // Sent both when the connection limit is reached and while shutting down.
      return {code,
              {"服务器暂时无法处理请求，请稍后重试", "the server cannot take requests right now; try again later"},
              {},
              {}};
    default:
      return {core::ErrorCode::kBadRequest, {"无法解析的 HTTP 请求", "the HTTP request could not be parsed"}, {}, {}};
  }
}

struct AccessEntry {
  std::string_view remote;
  std::string_view method;
  std::string_view target;
  int status = 0;
  std::size_t bytes = 0;
  double duration_ms = 0;
  std::int64_t account_id = 0;
  std::string_view problem;
};

std::shared_ptr<spdlog::logger> access_logger() {
  // Servers may be created from several threads (tests); the registry rejects a second "access".
  static std::mutex mutex;
  const std::lock_guard lock(mutex);
  if (auto existing = spdlog::get("access")) return existing;
  try {
    auto logger = spdlog::stdout_logger_mt("access");
    logger->set_pattern("%v");
    return logger;
  } catch (const spdlog::spdlog_ex&) {
    // Someone outside this function registered it in the meantime; theirs wins.
    if (auto existing = spdlog::get("access")) return existing;
    throw;
  }
}

void write_access(spdlog::logger& logger, const AccessEntry& entry) {
  // Assembled by hand so that duration_ms reads 12.345 rather than Boost.JSON's 1.2345E1; strings
  // still go through Boost.JSON, which escapes them.
  const auto quoted = [](std::string_view text) {
    return json::serialize(json::string_view(text.data(), text.size()));
  };
  std::string line =
      fmt::format(R"({{"time":{},"remote":{},"method":{},"target":{},"status":{},"bytes":{},"duration_ms":{:.3f})",
                  quoted(core::SystemClock().now().to_rfc3339(core::UtcOffset{0})), quoted(entry.remote),
                  quoted(entry.method), quoted(entry.target), entry.status, entry.bytes, entry.duration_ms);
  if (entry.account_id != 0) line += fmt::format(R"(,"account_id":{})", entry.account_id);
  if (!entry.problem.empty()) line += R"(,"problem":)" + quoted(entry.problem);
  line += '}';
  logger.info(spdlog::string_view_t(line.data(), line.size()));
}

double milliseconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

/// Logs what escaped a connection coroutine; there is nobody else to tell.
void log_escaped(std::exception_ptr failure) {
  if (!failure) return;
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    spdlog::error("server: connection task failed: {}", e.what());
  } catch (...) {
    spdlog::error("server: connection task failed with a non-standard exception");
  }
}

/// Sends a refusal and closes. After a refusal the rest of the request (if any) is unread, so the
/// connection cannot carry another request.
asio::awaitable<void> refuse_and_close(beast::tcp_stream& stream, const core::Error& error, http::Language language,
                                       const ServerConfig& config, spdlog::logger& access_log, AccessEntry entry,
                                       SteadyClock::time_point started) {
  http::Response response = http::problem_response(error, language);
  if (error.code == core::ErrorCode::kServiceUnavailable) response.set_header("Retry-After", "1");
  http::add_security_headers(response);
  entry.status = response.status;
  entry.problem = response.problem_code;
  entry.bytes = response.body.size();
  BeastResponse message = to_beast(response, 11, false, false);
  stream.expires_after(config.write_timeout);
  co_await bhttp::async_write(stream, message, kAwait);
  entry.duration_ms = milliseconds_since(started);
  write_access(access_log, entry);

  error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream.expires_after(kLingerTime);
  std::array<char, 4096> sink;
  std::size_t drained = 0;
  while (drained < kLingerBytes) {
    auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), kAwait);
    if (ec) break;
    drained += n;
  }
  stream.close();
}

class Session;

/// Everything behind Server: the listener, the I/O context, the worker pool and the live sessions.
class Core {
 public:
  Core(ServerConfig config, http::Handler handler);

  void listen();
  std::uint16_t port() const { return port_.load(); }
  void run(std::chrono::seconds drain_timeout);
  void stop();

  const ServerConfig& config() const { return config_; }
  bool stopping() const { return stopping_.load(); }
  spdlog::logger& access_log() { return *access_log_; }
  asio::thread_pool& workers() { return workers_; }
  /// Runs on a worker thread. Never throws: a failing handler becomes a 500.
  http::Response call_handler(const http::Request& request) const;

  void remove_session(const Session* session);

 private:
  enum class CloseMode { kIdleOnly, kAll };

  asio::awaitable<void> accept_loop();
  void run_io();
  void close_sessions(CloseMode mode);

  const ServerConfig config_;
  const http::Handler handler_;
  const std::shared_ptr<spdlog::logger> access_log_;

  std::mutex mutex_;
  std::condition_variable changed_;
  // Weak, so that a session in its destructor (refcount already zero) is skipped, not revived.
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions_;
  bool stop_requested_ = false;
  bool ran_ = false;

  std::atomic<bool> stopping_{false};
  std::atomic<std::uint16_t> port_{0};

  asio::thread_pool workers_;
  asio::io_context io_;
  // The acceptor and the signal set are touched by the accept loop and by shutdown; the strand keeps
  // them on one thread at a time when io_threads > 1.
  asio::strand<asio::io_context::executor_type> control_;
  tcp::acceptor acceptor_;
};

/// One client connection. Runs on its own strand; every member is touched only from it.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Core& core, tcp::socket socket, std::string remote)
      : core_(core), stream_(std::move(socket)), watchdog_(stream_.get_executor()), remote_(std::move(remote)) {}
  ~Session() { core_.remove_session(this); }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  asio::any_io_executor executor() { return stream_.get_executor(); }

  static asio::awaitable<void> serve(std::shared_ptr<Session> self) {
    while (co_await self->serve_one()) {
    }
    error_code ignored;
    self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    self->stream_.close();
  }

  /// For shutdown: a connection waiting for its next request has nothing in flight to finish.
  void close_if_idle() {
    if (!idle_) return;
    error_code ignored;
    stream_.socket().cancel(ignored);
  }

  /// For shutdown after the drain time: whatever is in progress is abandoned.
  void close_now() { stream_.close(); }

 private:
  /// Reads, handles and answers one request; false when the connection should be closed.
  asio::awaitable<bool> serve_one();
  asio::awaitable<bool> answer(RequestParser& parser, SteadyClock::time_point started);
  void arm_watchdog(std::chrono::steady_clock::duration timeout);
  void disarm_watchdog();

  Core& core_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  // Bounds the whole read of one request. tcp_stream's own timeout cannot do this: it closes the
  // socket, and a 408 could no longer be sent.
  asio::steady_timer watchdog_;
  unsigned watchdog_generation_ = 0;
  bool read_timed_out_ = false;
  bool idle_ = false;
  int served_ = 0;
  std::string remote_;
};

asio::awaitable<bool> Session::serve_one() {
  const ServerConfig& config = core_.config();
  if (buffer_.size() == 0) {
    // Checked on the strand right before the read starts, so a shutdown that races with it either
    // sees idle_ set and cancels the read, or was already visible here.
    if (core_.stopping()) co_return false;
    idle_ = true;
    stream_.expires_after(config.idle_timeout);
    auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(kFirstReadBytes), kAwait);
    idle_ = false;
    // Idle timeout, the peer closing, or shutdown: there is no request to answer.
    if (ec) co_return false;
    buffer_.commit(n);
  }

  const auto started = SteadyClock::now();
  stream_.expires_never();
  arm_watchdog(config.read_timeout);

  RequestParser parser;
  apply_limits(parser, RequestLimits{config.max_header_bytes, config.max_body_bytes});

  auto [ec, n] = co_await bhttp::async_read_header(stream_, buffer_, parser, kAwait);
  if (!ec && !parser.is_done()) {
    const auto& header = parser.get();
    // Only now, with the headers accepted (a Content-Length over the limit already failed above),
    // is the client invited to send the body.
    if (expects_continue(header)) {
      bhttp::response<bhttp::empty_body> interim{bhttp::status::continue_, 11};
      stream_.expires_after(config.write_timeout);
      auto [write_ec, written] = co_await bhttp::async_write(stream_, interim, kAwait);
      stream_.expires_never();
      if (write_ec) {
        disarm_watchdog();
        co_return false;
      }
    }
    std::tie(ec, n) = co_await bhttp::async_read(stream_, buffer_, parser, kAwait);
  }
  disarm_watchdog();

  if (ec) {
    const std::optional<core::ErrorCode> code = read_timed_out_ ? core::ErrorCode::kRequestTimeout : refusal_for(ec);
    // Anything else is an I/O failure or a peer that left mid-request: nobody to answer.
    if (!code) co_return false;

    // Beast checks Content-Length against the body limit only after every field is parsed, so the
    // fields are complete in that case too.
    const bool headers_parsed = parser.is_header_done() || *code == core::ErrorCode::kPayloadTooLarge;
    const auto& header = parser.get();
    const auto language =
        headers_parsed ? http::preferred_language(header[bhttp::field::accept_language]) : http::Language::kZh;
    AccessEntry entry;
    entry.remote = remote_;
    if (headers_parsed) {
      entry.method = header.method_string();
      entry.target = header.target();
    }
    co_await refuse_and_close(stream_, refusal(*code, config), language, config, core_.access_log(), entry, started);
    co_return false;
  }

  co_return co_await answer(parser, started);
}

asio::awaitable<bool> Session::answer(RequestParser& parser, SteadyClock::time_point started) {
  const ServerConfig& config = core_.config();
  BeastRequest message = parser.release();
  const bool head_request = message.method() == bhttp::verb::head;
  const unsigned version = message.version();
  const std::string method(message.method_string());
  const std::string target(message.target());
  // A timed-out read shut our receive side, so even a request that made it cannot be followed by another.
  const bool client_keeps_alive = message.keep_alive() && !read_timed_out_;
  const http::Request request = to_request(std::move(message), remote_);

  // The handler may block on the database, so it runs on the worker pool; this coroutine resumes on
  // the connection's strand when the response is ready.
  http::Response response = co_await asio::co_spawn(
      core_.workers(), [this, &request]() -> asio::awaitable<http::Response> { co_return core_.call_handler(request); },
      asio::use_awaitable);

  ++served_;
  const bool keep_alive = client_keeps_alive && served_ < config.max_requests_per_connection && !core_.stopping();
  AccessEntry entry;
  entry.remote = remote_;
  entry.method = method;
  entry.target = target;
  entry.status = response.status;
  entry.account_id = response.account_id;
  entry.problem = response.problem_code;
  BeastResponse reply = to_beast(response, version, keep_alive, head_request);
  entry.bytes = reply.body().size();

  stream_.expires_after(config.write_timeout);
  auto [ec, n] = co_await bhttp::async_write(stream_, reply, kAwait);
  stream_.expires_never();
  entry.duration_ms = milliseconds_since(started);
  write_access(core_.access_log(), entry);
  co_return !ec && keep_alive;
}

void Session::arm_watchdog(std::chrono::steady_clock::duration timeout) {
  const unsigned generation = ++watchdog_generation_;
  read_timed_out_ = false;
  watchdog_.expires_after(timeout);
  watchdog_.async_wait([self = shared_from_this(), generation](const error_code& ec) {
    // A stale expiry can still be queued after the read finished and the timer was re-armed.
    if (ec || generation != self->watchdog_generation_) return;
    self->read_timed_out_ = true;
    error_code ignored;
    self->stream_.socket().cancel(ignored);
    // cancel() misses a read that Beast starts after this point (between two steps of its composed
    // read); a shut receive side makes that read, and every later one, end at once.
    self->stream_.socket().shutdown(tcp::socket::shutdown_receive, ignored);
  });
}

void Session::disarm_watchdog() {
  ++watchdog_generation_;
  watchdog_.cancel();
}

/// Rejects a configuration the server cannot honour, before any thread is started for it.
ServerConfig validated(ServerConfig config) {
  if (config.io_threads < 1 || config.worker_threads < 1) {
    throw std::invalid_argument("server: io_threads and worker_threads must be at least 1");
  }
  if (config.max_connections < 1 || config.max_requests_per_connection < 1) {
    throw std::invalid_argument("server: max_connections and max_requests_per_connection must be at least 1");
  }
  // Beast's header limit is 32-bit.
  if (config.max_header_bytes == 0 || config.max_header_bytes > std::numeric_limits<std::uint32_t>::max()) {
    throw std::invalid_argument("server: max_header_bytes is out of range");
  }
  if (config.read_timeout.count() <= 0 || config.idle_timeout.count() <= 0 || config.write_timeout.count() <= 0) {
    throw std::invalid_argument("server: timeouts must be positive");
  }
  return config;
}

http::Handler checked(http::Handler handler) {
  if (!handler) throw std::invalid_argument("server: no handler");
  return handler;
}

Core::Core(ServerConfig config, http::Handler handler)
    : config_(validated(std::move(config))),
      handler_(checked(std::move(handler))),
      access_log_(access_logger()),
      workers_(static_cast<std::size_t>(config_.worker_threads)),
      io_(config_.io_threads),
      control_(asio::make_strand(io_)),
      acceptor_(control_) {}

void Core::listen() {
  const auto fail = [this](const error_code& ec, const std::string& what) {
    error_code ignored;
    acceptor_.close(ignored);
    throw std::system_error(std::error_code(ec), what + " " + config_.address + ":" + std::to_string(config_.port));
  };
  error_code ec;
  tcp::resolver resolver(io_);
  const auto results = resolver.resolve(config_.address, std::to_string(config_.port),
                                        tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec) fail(ec, "cannot resolve");
  if (results.empty()) fail(asio::error::host_not_found, "cannot resolve");
  const tcp::endpoint endpoint = results.begin()->endpoint();
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) fail(ec, "cannot open socket for");
  // Lets a restarted server bind while connections of the previous one are in TIME_WAIT.
  acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) fail(ec, "cannot set SO_REUSEADDR on");
  acceptor_.bind(endpoint, ec);
  if (ec) fail(ec, "cannot bind");
  acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) fail(ec, "cannot listen on");
  const auto local = acceptor_.local_endpoint(ec);
  if (ec) fail(ec, "cannot read the bound address of");
  port_ = local.port();
}

void Core::run(std::chrono::seconds drain_timeout) {
  {
    const std::lock_guard lock(mutex_);
    // The worker pool is joined on the way out and cannot be restarted.
    if (ran_) throw std::logic_error("server: run() may be called only once");
    ran_ = true;
  }
  if (!acceptor_.is_open()) listen();

  asio::signal_set signals(control_, SIGINT, SIGTERM);
  signals.async_wait([this](const error_code& ec, int) {
    if (ec) return;
    spdlog::info("server: signal received, shutting down");
    stop();
  });
  asio::co_spawn(control_, accept_loop(), log_escaped);
  spdlog::info("server: listening on {}:{}", config_.address, port());

  std::vector<std::thread> io_threads;
  io_threads.reserve(static_cast<std::size_t>(config_.io_threads));
  for (int i = 0; i < config_.io_threads; ++i) io_threads.emplace_back([this] { run_io(); });

  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return stop_requested_; });
  }

  stopping_ = true;
  asio::post(control_, [this, &signals] {
    error_code ignored;
    acceptor_.close(ignored);
    signals.cancel(ignored);
  });
  close_sessions(CloseMode::kIdleOnly);

  const auto deadline = SteadyClock::now() + drain_timeout;
  bool drained = false;
  {
    std::unique_lock lock(mutex_);
    drained = changed_.wait_until(lock, deadline, [this] { return sessions_.empty(); });
  }
  if (!drained) {
    spdlog::warn("server: requests still in progress after {}s; closing their connections", drain_timeout.count());
    close_sessions(CloseMode::kAll);
  }

  // The I/O threads return once every connection task has ended. A handler that is still running
  // cannot be interrupted, so this waits for it; its connection is closed and its answer discarded.
  for (auto& thread : io_threads) thread.join();
  workers_.join();
  spdlog::info("server: stopped");
}

void Core::stop() {
  {
    const std::lock_guard lock(mutex_);
    stop_requested_ = true;
  }
  changed_.notify_all();
}

void Core::run_io() {
  for (;;) {
    try {
      io_.run();
      return;
    } catch (const std::exception& e) {
      // Keep the thread serving; one failing completion handler should not cost an I/O thread.
      spdlog::error("server: I/O thread caught: {}", e.what());
    }
  }
}

http::Response Core::call_handler(const http::Request& request) const {
  const auto language = http::preferred_language(request.header("Accept-Language"));
  std::string failure;
  try {
    http::Response response = handler_(request);
    if (response.status >= 200 && response.status <= 599) return response;
    failure = "handler returned status " + std::to_string(response.status);
  } catch (const std::exception& e) {
    failure = e.what();
  } catch (...) {
    failure = "non-standard exception";
  }
  spdlog::error("server: handler failed on {} {}: {}", http::method_name(request.method), request.target, failure);
  auto response = http::problem_response(core::Error::internal(failure), language);
  http::add_security_headers(response);
  return response;
}

void Core::remove_session(const Session* session) {
  bool now_empty = false;
  {
    const std::lock_guard lock(mutex_);
    sessions_.erase(session);
    now_empty = sessions_.empty();
  }
  if (now_empty) changed_.notify_all();
}

void Core::close_sessions(CloseMode mode) {
  // Collected under the lock but posted (and released) outside it: dropping what may be the last
  // reference runs ~Session, which takes the lock itself.
  std::vector<std::shared_ptr<Session>> live;
  {
    const std::lock_guard lock(mutex_);
    live.reserve(sessions_.size());
    for (const auto& entry : sessions_) {
      if (auto session = entry.second.lock()) live.push_back(std::move(session));
    }
  }
  for (auto& session : live) {
    const auto executor = session->executor();
    asio::post(executor, [session = std::move(session), mode] {
      if (mode == CloseMode::kAll) {
        session->close_now();
      } else {
        session->close_if_idle();
      }
    });
  }
}

asio::awaitable<void> Core::accept_loop() {
  for (;;) {
    // Each connection gets its own strand so that with several I/O threads its handlers never overlap.
    const asio::any_io_executor connection_executor = asio::make_strand(io_);
    auto [ec, socket] = co_await acceptor_.async_accept(connection_executor, kAwait);
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
      spdlog::warn("server: accept failed: {}", ec.message());
      asio::steady_timer pause(co_await asio::this_coro::executor, kAcceptBackoff);
      co_await pause.async_wait(kAwait);
      continue;
    }

    error_code endpoint_ec;
    const auto peer = socket.remote_endpoint(endpoint_ec);
    std::string remote = endpoint_ec ? std::string() : peer.address().to_string();

    bool full = false;
    {
      const std::lock_guard lock(mutex_);
      full = sessions_.size() >= static_cast<std::size_t>(config_.max_connections);
    }
    if (full || stopping()) {
      // Accepting just to refuse gives the client a clear answer instead of a hanging connect.
      asio::co_spawn(
          connection_executor,
          [this, socket = std::move(socket), remote = std::move(remote)]() mutable -> asio::awaitable<void> {
            beast::tcp_stream stream(std::move(socket));
            AccessEntry entry;
            entry.remote = remote;
            co_await refuse_and_close(stream, refusal(core::ErrorCode::kServiceUnavailable, config_),
                                      http::Language::kZh, config_, *access_log_, entry, SteadyClock::now());
          },
          log_escaped);
      continue;
    }

    auto session = std::make_shared<Session>(*this, std::move(socket), std::move(remote));
    {
      const std::lock_guard lock(mutex_);
      sessions_.emplace(session.get(), session);
    }
    const auto executor = session->executor();
    asio::co_spawn(executor, Session::serve(std::move(session)), log_escaped);
  }
}

}  // namespace

struct Server::Impl {
  Impl(ServerConfig config, http::Handler handler) : core(std::move(config), std::move(handler)) {}
  Core core;
};

Server::Server(ServerConfig config, http::Handler handler)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(handler))) {}

Server::~Server() = default;

void Server::listen() { impl_->core.listen(); }

std::uint16_t Server::port() const { return impl_->core.port(); }

void Server::run(std::chrono::seconds drain_timeout) { impl_->core.run(drain_timeout); }

void Server::stop() { impl_->core.stop(); }

}  // namespace xuefeng::server
