#include "http/router.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <charconv>

#include "core/text.hpp"

namespace xuefeng::http {
namespace {

std::vector<std::string> split_pattern(std::string_view pattern) {
  std::vector<std::string> out;
  std::size_t pos = 1;  // skip the leading '/'
  while (pos <= pattern.size()) {
    const std::size_t end = std::min(pattern.find('/', pos), pattern.size());
    out.emplace_back(pattern.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

std::optional<std::string> RequestContext::query_value(std::string_view key) const {
  for (const auto& [k, v] : query) {
    if (k == key) return v;
  }
  return std::nullopt;
}

core::Result<core::Id> RequestContext::id(std::string_view name) const {
  const auto it = path_params.find(name);
  core::Id value = 0;
  if (it != path_params.end()) {
    const auto& text = it->second;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size() && value > 0) return value;
  }
  return core::fail(core::Error::not_found({"未找到", "not found"}));
}

core::Result<ParsedTarget> parse_target(std::string_view target) {
  const auto url = boost::urls::parse_origin_form(target);
  if (!url) return core::fail(core::Error::bad_request({"请求地址格式错误", "malformed request target"}));
  ParsedTarget parsed;
  // The path goes into messages (the 404's), which are JSON and so UTF-8: escapes that do not decode to
  // UTF-8 ("/%BC%A0", half a character) are shown as sent.
  parsed.path = std::string(url->path());
  if (!core::is_valid_utf8(parsed.path)) parsed.path = std::string(url->encoded_path());
  for (const auto& s : url->segments()) parsed.segments.push_back(s);
  if (parsed.segments.empty()) parsed.segments.emplace_back();
  for (const auto& p : url->params()) parsed.query.emplace_back(p.key, p.value);
  return parsed;
}

void Router::add(Method method, std::string pattern, Auth auth, RouteHandler handler) {
  auto segments = split_pattern(pattern);
  routes_.push_back({method, std::move(pattern), std::move(segments), auth, std::move(handler)});
}

Router::Match Router::match(Method method, const std::vector<std::string>& segments) const {
  Match result;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string, std::less<>> params;
    bool ok = true;
    for (std::size_t i = 0; i < segments.size() && ok; ++i) {
      if (is_param(route.segments[i])) {
        params.emplace(route.segments[i].substr(1, route.segments[i].size() - 2), segments[i]);
      } else {
        ok = route.segments[i] == segments[i];
      }
    }
    if (!ok) continue;
    const bool method_ok = route.method == method || (method == Method::kHead && route.method == Method::kGet);
    if (!method_ok) {
      result.path_known = true;
      result.allowed.push_back(route.method);
      if (route.method == Method::kGet) result.allowed.push_back(Method::kHead);
      continue;
    }
    result.handler = &route.handler;
    result.auth = route.auth;
    result.params = std::move(params);
    return result;
  }
  return result;
}

std::vector<std::pair<Method, std::string>> Router::routes() const {
  std::vector<std::pair<Method, std::string>> out;
  for (const auto& r : routes_) out.emplace_back(r.method, r.pattern);
  return out;
}

}  // namespace xuefeng::http
