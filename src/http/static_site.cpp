#include "http/static_site.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <system_error>

#include "http/problem.hpp"

namespace xuefeng::http {
namespace {

std::string_view content_type_of(std::string_view name) {
  const auto dot = name.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? std::string_view{} : name.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "ico") return "image/x-icon";
  if (ext == "webp") return "image/webp";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "ttf") return "font/ttf";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

// Whether an Accept-Encoding value admits gzip: "gzip", "x-gzip" or "*", unless given q=0.
bool accepts_gzip(std::string_view header) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const auto semi = item.find(';');
    std::string_view coding = item.substr(0, semi);
    while (!coding.empty() && (coding.front() == ' ' || coding.front() == '\t')) coding.remove_prefix(1);
    while (!coding.empty() && (coding.back() == ' ' || coding.back() == '\t')) coding.remove_suffix(1);
    if (!iequals(coding, "gzip") && !iequals(coding, "x-gzip") && coding != "*") continue;
    if (semi == std::string_view::npos) return true;
    std::string_view params = item.substr(semi + 1);
    const auto q = params.find("q=");
    if (q == std::string_view::npos) return true;
    params.remove_prefix(q + 2);
    // q=0, q=0.0, q=0.000 refuse; any other digit makes it acceptable.
    const bool zero = !params.empty() && params.front() == '0' &&
                      params.substr(1).find_first_not_of(".0 \t") == std::string_view::npos;
    return !zero;
  }
  return false;
}

// A strong validator per representation: the same bytes always give the same tag.
std::string entity_tag(std::string_view bytes, bool gzip) {
  return fmt::format("\"{:016x}{}\"", std::hash<std::string_view>{}(bytes), gzip ? "-gz" : "");
}

bool matches(std::string_view if_none_match, std::string_view tag) {
  if (if_none_match.empty()) return false;
  if (if_none_match.find('*') != std::string_view::npos) return true;
  return if_none_match.find(tag) != std::string_view::npos;
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A name is a relative path of plain segments: no "..", no ".", no hidden files, no empty segments.
bool plain_name(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t start = 0; start <= name.size();) {
    const auto slash = name.find('/', start);
    const auto segment = name.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (segment.empty() || segment.front() == '.' || segment.find('\\') != std::string_view::npos ||
        segment.find('\0') != std::string_view::npos) {
      return false;
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

}  // namespace

StaticSite::File StaticSite::make_file(std::string bytes, std::optional<std::string> gzip) {
  File file;
  file.plain.tag = entity_tag(bytes, false);
  file.plain.bytes = std::move(bytes);
  if (gzip) {
    file.gzip = Representation{std::move(*gzip), ""};
    file.gzip->tag = entity_tag(file.gzip->bytes, true);
  }
  return file;
}

StaticSite StaticSite::embedded(std::span<const embedded::EmbeddedFile> files) {
  // Tags are computed once here, so a request only copies the representation it sends.
  std::map<std::string_view, std::string_view> gzipped;
  for (const auto& file : files) {
    if (file.name.ends_with(".gz")) gzipped.emplace(file.name.substr(0, file.name.size() - 3), file.bytes);
  }
  StaticSite site;
  for (const auto& file : files) {
    if (file.name.ends_with(".gz")) continue;
    const auto gz = gzipped.find(file.name);
    site.files_.emplace(std::string(file.name),
                        make_file(std::string(file.bytes), gz == gzipped.end() ? std::nullopt
                                                                                : std::optional<std::string>(gz->second)));
  }
  return site;
}

StaticSite StaticSite::directory(std::filesystem::path root) {
  StaticSite site;
  site.root_ = std::move(root);
  return site;
}

const StaticSite::File* StaticSite::find(std::string_view name, std::optional<File>& storage) const {
  if (!plain_name(name)) return nullptr;
  if (root_.empty()) {
    const auto it = files_.find(name);
    return it == files_.end() ? nullptr : &it->second;
  }
  auto bytes = read_file(root_ / std::string(name));
  if (!bytes) return nullptr;
  storage = make_file(std::move(*bytes), read_file(root_ / (std::string(name) + ".gz")));
  return &*storage;
}

Response StaticSite::serve(const Request& request, std::string_view path) const {
  std::string_view name = path;
  while (!name.empty() && name.front() == '/') name.remove_prefix(1);
  if (name.empty()) name = "index.html";

  std::optional<File> storage;
  const File* file = find(name, storage);
  if (!file) {
    // A path whose last segment looks like a file is a missing file; anything else is a page of the
    // client's router, which index.html handles.
    const auto last = name.substr(name.rfind('/') == std::string_view::npos ? 0 : name.rfind('/') + 1);
    const bool looks_like_file = last.find('.') != std::string_view::npos;
    if (!looks_like_file) {
      name = "index.html";
      file = find(name, storage);
    }
    if (!file) {
      return problem_response(
          core::Error::not_found({"没有这个文件：" + std::string(path), "no such file: " + std::string(path)}),
          preferred_language(request.header("Accept-Language")));
    }
  }

  Response response;
  response.content_type = std::string(content_type_of(name));
  const bool immutable = name.starts_with("assets/");
  response.set_header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (name.ends_with(".html")) response.set_header("Content-Security-Policy", std::string(kSitePolicy));
  const bool gzip = file->gzip && accepts_gzip(request.header("Accept-Encoding"));
  if (file->gzip) response.set_header("Vary", "Accept-Encoding");
  const Representation& sent = gzip ? *file->gzip : file->plain;
  response.set_header("ETag", sent.tag);
  if (gzip) response.set_header("Content-Encoding", "gzip");
  if (matches(request.header("If-None-Match"), sent.tag)) {
    response.status = 304;
    return response;
  }
  response.body = sent.bytes;
  return response;
}

}  // namespace xuefeng::http
