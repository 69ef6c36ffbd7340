#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/embedded.hpp"
#include "http/message.hpp"

namespace xuefeng::http {

/// The web UI's built files (index.html, assets/…, favicon): served for every GET or HEAD outside the
/// API, with `index.html` for any path that names no file, so client routes survive a reload.
///
/// - Hashed files under `assets/` are cached for a year (their name changes with their content);
///   everything else, index.html first, is revalidated on each use (`no-cache` with an ETag).
/// - A `<file>.gz` beside a file (written at build time) is sent to clients that accept gzip.
/// - The pages get a Content-Security-Policy that lets them load only from this origin.
class StaticSite {
 public:
  /// Files compiled into the binary (see cmake/embed_dir.cmake); empty when the UI was not built.
  static StaticSite embedded(std::span<const embedded::EmbeddedFile> files);
  /// Files read from `root` on each request, for UI development (`xuefeng serve --web-root DIR`).
  static StaticSite directory(std::filesystem::path root);

  /// True when there is a UI to serve (embedded files or a directory).
  bool enabled() const { return !root_.empty() || !files_.empty(); }

  /// The answer for `path` (decoded, starting with '/'): the file, index.html for a client route, or a
  /// 404 problem for a missing file.
  Response serve(const Request& request, std::string_view path) const;

 private:
  /// One way of sending a file: its bytes and their entity tag.
  struct Representation {
    std::string bytes;
    std::string tag;
  };
  struct File {
    Representation plain;
    std::optional<Representation> gzip;
  };
  static File make_file(std::string bytes, std::optional<std::string> gzip);
  /// The file called `name`: an embedded one in place, or one read from the directory into `storage`.
  const File* find(std::string_view name, std::optional<File>& storage) const;

  std::map<std::string, File, std::less<>> files_;
  std::filesystem::path root_;
};

/// The policy of the UI's pages: scripts, styles, images and requests from this origin only; inline
/// styles allowed (component libraries set style attributes); never framed.
inline constexpr std::string_view kSitePolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

}  // namespace xuefeng::http
