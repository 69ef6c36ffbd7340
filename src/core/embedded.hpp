#pragma once

#include <span>
#include <string_view>

namespace xuefeng::embedded {

/// A file compiled into the binary (see cmake/embed.cmake): its path relative to its source folder.
struct EmbeddedFile {
  std::string_view name;
  std::string_view bytes;
};

/// migrations/sqlite/*.sql, in file-name order.
std::span<const EmbeddedFile> sqlite_migrations();

/// data/requirement_templates/*.json, in file-name order.
std::span<const EmbeddedFile> requirement_templates();

/// The built web UI (web/, built by Vite into the build tree) with its precompressed .gz files; empty
/// when built with -DXUEFENG_WEB=OFF. Linked into xuefeng_app only.
std::span<const EmbeddedFile> web_files();

}  // namespace xuefeng::embedded
