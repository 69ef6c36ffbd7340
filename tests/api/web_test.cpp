// The web UI as the real binary serves it: the copy built into it (when built with XUEFENG_WEB) and a
// directory given with --web-root, next to the API on the same port.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "server_process.hpp"

namespace xuefeng::testing {
namespace {

TEST(WebUi, ServedFromADirectoryBesideTheApi) {
  const auto root = std::filesystem::temp_directory_path() / ("xuefeng-web-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "<!doctype html><p>界面</p>";
  std::ofstream(root / "assets" / "app-1a2b.js") << "export {}";
  ServerProcess server({.serve_args = {"--web-root", root.string()}});
  auto client = server.client();

  const auto page = client.get("/activities/42?from=qr");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, "<!doctype html><p>界面</p>");
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.header("Cache-Control"), "no-cache");
  EXPECT_NE(page.header("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(page.header("X-Frame-Options"), "DENY");

  const auto script = client.get("/assets/app-1a2b.js");
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.header("Cache-Control"), "public, max-age=31536000, immutable");

  // The API keeps its own answers: unknown API paths are still problems, not the page.
  const auto unknown = client.get("/api/v1/nothing-here");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(client.get("/healthz").json().at("status"), "ok");
  // Only GET and HEAD reach the site.
  EXPECT_EQ(client.request("POST", "/activities/42", "{}", {{"Content-Type", "application/json"}}).status, 404);
  EXPECT_EQ(client.request("HEAD", "/").status, 200);
  EXPECT_EQ(client.get("/assets/missing-9.js").status, 404);
  std::filesystem::remove_all(root);
}

#ifdef XUEFENG_WEB_BUILT
TEST(WebUi, TheBuiltInCopyIsCompleteAndCompressed) {
  ServerProcess server;
  auto client = server.client();
  const auto index = client.get("/");
  ASSERT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("<div id=\"app\">"), std::string::npos);
  // Every script and style sheet index.html names is served, compressed for a client that accepts gzip.
  const std::regex asset(R"re((?:src|href)="(/assets/[^"]+\.(?:js|css))")re");
  int assets = 0;
  for (auto it = std::sregex_iterator(index.body.begin(), index.body.end(), asset); it != std::sregex_iterator(); ++it) {
    const std::string path = (*it)[1];
    const auto plain = client.get(path);
    EXPECT_EQ(plain.status, 200) << path;
    EXPECT_EQ(plain.header("Content-Encoding"), "") << path;
    const auto gz = client.request("GET", path, {}, {{"Accept-Encoding", "gzip"}});
    EXPECT_EQ(gz.status, 200) << path;
    if (plain.body.size() > 4096) {
      EXPECT_EQ(gz.header("Content-Encoding"), "gzip") << path;
      EXPECT_LT(gz.body.size(), plain.body.size()) << path;
    }
    ++assets;
  }
  EXPECT_GE(assets, 2);
  // The check-in link of a QR code opens the page, not a 404.
  EXPECT_EQ(client.get("/check-in/7?code=abc").body, index.body);
}
#endif

}  // namespace
}  // namespace xuefeng::testing
