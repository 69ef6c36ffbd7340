#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "http/static_site.hpp"

namespace xuefeng::http {
namespace {

Request get(std::string accept_encoding = "", std::string if_none_match = "") {
  Request r;
  r.method = Method::kGet;
  if (!accept_encoding.empty()) r.headers.push_back({"Accept-Encoding", std::move(accept_encoding)});
  if (!if_none_match.empty()) r.headers.push_back({"If-None-Match", std::move(if_none_match)});
  return r;
}

std::string header(const Response& r, std::string_view name) {
  for (const auto& h : r.headers) {
    if (iequals(h.name, name)) return h.value;
  }
  return {};
}

const std::vector<embedded::EmbeddedFile> kFiles = {
    {"index.html", "<!doctype html><title>学风</title>"},
    {"assets/index-AbC123.js", "console.log('学风')"},
    {"assets/index-AbC123.js.gz", "GZIPPED-JS"},
    {"favicon.svg", "<svg/>"},
};

TEST(StaticSite, ServesFilesWithTheirTypes) {
  const auto site = StaticSite::embedded(kFiles);
  ASSERT_TRUE(site.enabled());
  const auto js = site.serve(get(), "/assets/index-AbC123.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js.body, "console.log('学风')");
  const auto svg = site.serve(get(), "/favicon.svg");
  EXPECT_EQ(svg.content_type, "image/svg+xml");
  EXPECT_EQ(svg.body, "<svg/>");
}

TEST(StaticSite, HashedAssetsAreCachedForAYearAndPagesRevalidated) {
  const auto site = StaticSite::embedded(kFiles);
  EXPECT_EQ(header(site.serve(get(), "/assets/index-AbC123.js"), "Cache-Control"), "public, max-age=31536000, immutable");
  const auto index = site.serve(get(), "/");
  EXPECT_EQ(header(index, "Cache-Control"), "no-cache");
  EXPECT_EQ(header(index, "Content-Security-Policy"), kSitePolicy);
  EXPECT_EQ(header(site.serve(get(), "/favicon.svg"), "Cache-Control"), "no-cache");
}

TEST(StaticSite, ClientRoutesGetIndexAndMissingFilesA404) {
  const auto site = StaticSite::embedded(kFiles);
  for (const char* route : {"/", "/activities/12", "/check-in/3", "/orgs", "/archive/7/"}) {
    const auto r = site.serve(get(), route);
    EXPECT_EQ(r.status, 200) << route;
    EXPECT_EQ(r.body, "<!doctype html><title>学风</title>") << route;
  }
  for (const char* missing : {"/assets/gone-123.js", "/robots.txt", "/../etc/passwd.txt", "/.env.js"}) {
    const auto r = site.serve(get(), missing);
    EXPECT_EQ(r.status, 404) << missing;
    EXPECT_EQ(r.content_type, "application/problem+json") << missing;
  }
}

TEST(StaticSite, SendsThePrecompressedFileToClientsThatAcceptGzip) {
  const auto site = StaticSite::embedded(kFiles);
  const auto gz = site.serve(get("gzip, deflate, br"), "/assets/index-AbC123.js");
  EXPECT_EQ(gz.body, "GZIPPED-JS");
  EXPECT_EQ(header(gz, "Content-Encoding"), "gzip");
  EXPECT_EQ(header(gz, "Vary"), "Accept-Encoding");
  EXPECT_EQ(gz.content_type, "text/javascript; charset=utf-8");

  for (const char* refuses : {"", "br", "gzip;q=0", "gzip; q=0.000, br", "identity"}) {
    const auto plain = site.serve(get(refuses), "/assets/index-AbC123.js");
    EXPECT_EQ(plain.body, "console.log('学风')") << refuses;
    EXPECT_EQ(header(plain, "Content-Encoding"), "") << refuses;
    EXPECT_EQ(header(plain, "Vary"), "Accept-Encoding") << refuses;
  }
  EXPECT_EQ(site.serve(get("*"), "/assets/index-AbC123.js").body, "GZIPPED-JS");
  EXPECT_EQ(site.serve(get("GZIP;q=0.5"), "/assets/index-AbC123.js").body, "GZIPPED-JS");
  // No .gz beside it: always the file itself, and no Vary.
  const auto svg = site.serve(get("gzip"), "/favicon.svg");
  EXPECT_EQ(svg.body, "<svg/>");
  EXPECT_EQ(header(svg, "Vary"), "");
}

TEST(StaticSite, AnswersNotModifiedToItsOwnEntityTag) {
  const auto site = StaticSite::embedded(kFiles);
  const auto first = site.serve(get(), "/");
  const std::string tag = header(first, "ETag");
  ASSERT_FALSE(tag.empty());
  const auto again = site.serve(get("", tag), "/");
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(site.serve(get("", "\"other\""), "/").status, 200);
  // The compressed and the plain bytes are different representations with different tags.
  const auto gz = site.serve(get("gzip"), "/assets/index-AbC123.js");
  const auto plain = site.serve(get(), "/assets/index-AbC123.js");
  EXPECT_NE(header(gz, "ETag"), header(plain, "ETag"));
  EXPECT_EQ(site.serve(get("", header(plain, "ETag")), "/assets/index-AbC123.js").status, 304);
}

TEST(StaticSite, AnEmptyBuildServesNothing) {
  EXPECT_FALSE(StaticSite::embedded({}).enabled());
}

TEST(StaticSite, ReadsADirectoryOnEachRequest) {
  const auto root = std::filesystem::temp_directory_path() / ("xuefeng-site-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "v1";
  std::ofstream(root / "assets" / "a-1.css") << "body{}";
  std::ofstream(root.parent_path() / "secret.txt") << "secret";
  const auto site = StaticSite::directory(root);
  ASSERT_TRUE(site.enabled());
  EXPECT_EQ(site.serve(get(), "/plans").body, "v1");
  EXPECT_EQ(site.serve(get(), "/assets/a-1.css").content_type, "text/css; charset=utf-8");
  std::ofstream(root / "index.html") << "v2";  // a rebuild shows without a restart
  EXPECT_EQ(site.serve(get(), "/").body, "v2");
  EXPECT_EQ(site.serve(get(), "/../secret.txt").status, 404);
  EXPECT_EQ(site.serve(get(), "/assets/../../secret.txt").status, 404);
  std::filesystem::remove_all(root);
  std::filesystem::remove(root.parent_path() / "secret.txt");
}

}  // namespace
}  // namespace xuefeng::http
