#pragma once

// The routes the server registers, read from the source (src/http/api.cpp and src/http/*_routes.cpp)
// rather than from the running binary, so the documentation test and the authentication sweep need no
// hidden command. A registration is `add(Method::kX, <path literal(s)>, Auth::kY, handler)`; the path
// may be a conditional between literals (the leave approve/reject pair), so every literal starting
// with '/' between the method and the Auth argument is a route.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace xuefeng::testing {

struct RouteDecl {
  std::string method;  // "GET", "POST", ...
  std::string path;    // "/api/v1/orgs/{id}"
  bool auth_required = true;

  std::string key() const { return method + " " + path; }
};

inline std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return s;
}

/// Every route registered in the sources under `source_dir`, in file order.
inline std::vector<RouteDecl> registered_routes(const std::filesystem::path& source_dir) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files{source_dir / "src/http/api.cpp"};
  std::vector<fs::path> route_files;
  for (const auto& entry : fs::directory_iterator(source_dir / "src/http")) {
    const auto name = entry.path().filename().string();
    if (name.size() > 11 && name.ends_with("_routes.cpp")) route_files.push_back(entry.path());
  }
  std::sort(route_files.begin(), route_files.end());
  files.insert(files.end(), route_files.begin(), route_files.end());

  const std::regex registration(R"(add\(\s*Method::k(\w+)\s*,([^;]*?)Auth::k(\w+))");
  const std::regex literal(R"re("(/[^"]*)")re");
  std::vector<RouteDecl> routes;
  for (const auto& file : files) {
    const std::string source = read_text_file(file);
    for (std::sregex_iterator it(source.begin(), source.end(), registration), end; it != end; ++it) {
      const std::string paths = (*it)[2];
      for (std::sregex_iterator p(paths.begin(), paths.end(), literal); p != end; ++p) {
        routes.push_back({upper((*it)[1]), (*p)[1], (*it)[3] != "None"});
      }
    }
  }
  return routes;
}

/// "### METHOD /path" headings of a Markdown document.
inline std::vector<std::string> documented_routes(const std::string& markdown) {
  const std::regex heading(R"((?:^|\n)### (GET|HEAD|POST|PUT|PATCH|DELETE) (/[^\s]*)[ \t]*(?=\r?\n|$))");
  std::vector<std::string> out;
  for (std::sregex_iterator it(markdown.begin(), markdown.end(), heading), end; it != end; ++it) {
    out.push_back(std::string((*it)[1]) + " " + std::string((*it)[2]));
  }
  return out;
}

}  // namespace xuefeng::testing
