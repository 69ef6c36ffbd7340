#include "http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <stdexcept>

namespace xuefeng::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (beast::iequals(k, name)) return v;
  }
  return {};
}

boost::json::value HttpResponse::json() const { return boost::json::parse(body); }

struct HttpClient::Impl {
  explicit Impl(std::uint16_t p) : port(p), stream(io) {}
  std::uint16_t port;
  asio::io_context io;
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
  bool connected = false;

  void connect() {
    beast::error_code ec;
    stream.socket().close(ec);
    buffer.clear();
    stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    connected = true;
  }
};

HttpClient::HttpClient(std::uint16_t port) : impl_(std::make_unique<Impl>(port)) {}
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

HttpResponse HttpClient::request(std::string_view method, std::string_view target, std::string_view body,
                                 const std::vector<std::pair<std::string, std::string>>& headers) {
  bhttp::request<bhttp::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(impl_->port));
  if (!token.empty()) req.set(bhttp::field::authorization, "Bearer " + token);
  if (!language.empty()) req.set(bhttp::field::accept_language, language);
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = std::string(body);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") req.prepare_payload();

  // One retry on a fresh connection: the server may have closed an idle kept-alive one.
  for (int attempt = 0;; ++attempt) {
    try {
      if (!impl_->connected) impl_->connect();
      bhttp::write(impl_->stream, req);
      bhttp::response_parser<bhttp::string_body> parser;
      parser.body_limit(64 * 1024 * 1024);
      // A HEAD response announces the GET's Content-Length but has no body to wait for.
      if (method == "HEAD") parser.skip(true);
      bhttp::read(impl_->stream, impl_->buffer, parser);
      auto res = parser.release();
      HttpResponse out;
      out.status = static_cast<int>(res.result_int());
      for (const auto& f : res) out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
      out.body = std::move(res.body());
      if (!res.keep_alive()) impl_->connected = false;
      return out;
    } catch (const std::exception&) {
      impl_->connected = false;
      if (attempt >= 1) throw;
    }
  }
}

HttpResponse HttpClient::post(std::string_view target, const boost::json::value& body) {
  return request("POST", target, boost::json::serialize(body), {{"Content-Type", "application/json"}});
}

HttpResponse HttpClient::put(std::string_view target, const boost::json::value& body) {
  return request("PUT", target, boost::json::serialize(body), {{"Content-Type", "application/json"}});
}

HttpResponse HttpClient::patch(std::string_view target, const boost::json::value& body,
                               const std::vector<std::pair<std::string, std::string>>& headers) {
  auto all = headers;
  all.emplace_back("Content-Type", "application/json");
  return request("PATCH", target, boost::json::serialize(body), all);
}

void HttpClient::login(const std::string& login, const std::string& password) {
  const auto saved = token;
  token.clear();
  const auto res = post("/api/v1/session", boost::json::object{{"login", login}, {"password", password}});
  if (res.status != 200) {
    token = saved;
    throw std::runtime_error("login as " + login + " failed: " + std::to_string(res.status) + " " + res.body);
  }
  token = std::string(res.json().at("token").as_string());
}

}  // namespace xuefeng::testing
