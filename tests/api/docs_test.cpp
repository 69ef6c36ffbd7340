// docs/api.md documents every route the server registers, and nothing else: each route has a heading
// "### METHOD /path" (route_table.hpp reads the registrations from src/http).

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "route_table.hpp"

namespace xuefeng::testing {
namespace {

const std::filesystem::path kSource = XUEFENG_SOURCE_DIR;

TEST(Docs, TheRouteTableReaderFindsTheRegistrations) {
  const auto routes = registered_routes(kSource);
  std::set<std::string> keys;
  for (const auto& r : routes) keys.insert(r.key());
  EXPECT_EQ(keys.size(), routes.size()) << "a route is registered twice";
  // Spot checks, including both sides of the approve/reject conditional and the unauthenticated ones.
  for (const char* expected : {"GET /healthz", "POST /api/v1/session", "GET /api/v1/orgs/{id}/tree",
                               "POST /api/v1/activities/{id}/leave/{person_id}/approve",
                               "POST /api/v1/activities/{id}/leave/{person_id}/reject",
                               "POST /api/v1/people/{id}/archive/{entry_id}/review"}) {
    EXPECT_TRUE(keys.count(expected)) << expected;
  }
  for (const auto& r : routes) {
    const bool open = r.key() == "GET /healthz" || r.key() == "POST /api/v1/session";
    EXPECT_EQ(r.auth_required, !open) << r.key();
  }
}

TEST(Docs, EveryRouteIsDocumentedAndEveryDocumentedRouteExists) {
  const std::string markdown = read_text_file(kSource / "docs/api.md");
  const auto documented_list = documented_routes(markdown);
  const std::set<std::string> documented(documented_list.begin(), documented_list.end());
  EXPECT_EQ(documented.size(), documented_list.size()) << "a route is documented twice";

  std::set<std::string> registered;
  for (const auto& r : registered_routes(kSource)) registered.insert(r.key());
  ASSERT_FALSE(registered.empty());

  std::vector<std::string> undocumented, unknown;
  std::set_difference(registered.begin(), registered.end(), documented.begin(), documented.end(),
                      std::back_inserter(undocumented));
  std::set_difference(documented.begin(), documented.end(), registered.begin(), registered.end(),
                      std::back_inserter(unknown));
  for (const auto& r : undocumented) ADD_FAILURE() << "not documented in docs/api.md: " << r;
  for (const auto& r : unknown) ADD_FAILURE() << "documented in docs/api.md but not registered: " << r;
}

TEST(Docs, EveryStableErrorCodeIsDocumented) {
  const std::string markdown = read_text_file(kSource / "docs/api.md");
  const std::string source = read_text_file(kSource / "src/core/error.cpp");
  const std::regex name(R"re(return "([a-z_]+)";)re");
  int codes = 0;
  for (std::sregex_iterator it(source.begin(), source.end(), name), end; it != end; ++it) {
    ++codes;
    EXPECT_NE(markdown.find("`" + std::string((*it)[1]) + "`"), std::string::npos) << (*it)[1];
  }
  EXPECT_GE(codes, 15);
}

}  // namespace
}  // namespace xuefeng::testing
