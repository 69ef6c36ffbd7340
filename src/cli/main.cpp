// The `xuefeng` command: serve, init, demo, import-roster, check, review, audit, backup.

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "app/app.hpp"
#include "cli/compliance_table.hpp"
#include "cli/demo_dataset.hpp"
#include "core/error.hpp"
#include "export/exports.hpp"

namespace {

using xuefeng::app::AppConfig;
using xuefeng::app::Application;

// Command-line output is for the person at the terminal, who reads Chinese first.
void print_error(const xuefeng::core::Error& error) {
  std::cerr << "错误 / error: " << error.detail.zh << " / " << error.detail.en << "\n";
  // Messages about table rows already name their row; others get their field in front.
  for (const auto& f : error.fields) {
    std::cerr << "  ";
    if (f.row == 0 && !f.field.empty()) std::cerr << f.field << ": ";
    std::cerr << f.message.zh << " / " << f.message.en << "\n";
  }
}

std::string read_password(const std::string& prompt) {
  if (const char* env = std::getenv("XUEFENG_ADMIN_PASSWORD"); env && *env) return env;
  if (!isatty(STDIN_FILENO)) {
    std::string line;
    std::getline(std::cin, line);
    return line;
  }
  std::cerr << prompt << std::flush;
  termios old_attrs{};
  tcgetattr(STDIN_FILENO, &old_attrs);
  termios no_echo = old_attrs;
  no_echo.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &no_echo);
  std::string line;
  std::getline(std::cin, line);
  tcsetattr(STDIN_FILENO, TCSANOW, &old_attrs);
  std::cerr << "\n";
  return line;
}

/// `--as-of` and the like: empty is "not given"; anything else must be a date, or the command ends (2).
bool parse_day(const std::string& text, const char* option, std::optional<xuefeng::core::Date>& out) {
  if (text.empty()) return true;
  out = xuefeng::core::Date::parse(text);
  if (!out) std::cerr << "错误 / error: " << option << " 应形如 2007-04-09 / must look like 2007-04-09\n";
  return out.has_value();
}

/// What `review --out` writes, told by the file's extension (in any case).
enum class ReviewFile { kXlsx, kHtml, kUnknown };

ReviewFile review_file(const std::string& path) {
  const auto ends_with = [&](std::string_view suffix) {
    if (path.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i) {
      const auto c = static_cast<unsigned char>(path[path.size() - suffix.size() + i]);
      if (std::tolower(c) != suffix[i]) return false;
    }
    return true;
  };
  if (ends_with(".xlsx")) return ReviewFile::kXlsx;
  if (ends_with(".html") || ends_with(".htm")) return ReviewFile::kHtml;
  return ReviewFile::kUnknown;
}

bool parse_listen(const std::string& listen, AppConfig& config) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  config.server.address = listen.substr(0, colon);
  try {
    const int port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535) return false;
    config.server.port = static_cast<std::uint16_t>(port);
  } catch (const std::exception&) {
    return false;
  }
  return !config.server.address.empty();
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("xuefeng"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");

  CLI::App cli{"xuefeng (学风) — 学习型组织建设管理平台 / study programs of learning-oriented organizations"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", "xuefeng 0.1.0");

  AppConfig config;
  std::string listen = "127.0.0.1:8080";
  std::string offset = "+08:00";
  std::string durability = "full";
  std::string port_file;
  auto add_db = [&](CLI::App* cmd) {
    cmd->add_option("--db", config.db_path, "SQLite database file (created if missing)")->required();
  };

  auto* serve = cli.add_subcommand("serve", "Serve the API over HTTP until SIGINT/SIGTERM");
  add_db(serve);
  serve->add_option("--listen", listen, "Address and port to listen on")->capture_default_str();
  serve->add_option("--public-url", config.public_url, "Public base URL for links in QR codes (default: from Host)");
  serve->add_option("--utc-offset", offset, "The deployment's UTC offset")->capture_default_str();
  serve->add_option("--durability", durability, "full: fsync every commit; normal: fsync at checkpoints")
      ->check(CLI::IsMember({"full", "normal"}))
      ->capture_default_str();
  serve->add_option("--workers", config.server.worker_threads, "Request worker threads")->capture_default_str();
  serve->add_option("--port-file", port_file, "Write the bound port to this file once listening");
  serve->add_flag("--secure-cookies", config.secure_cookies, "Mark the session cookie Secure (behind HTTPS)");
  serve->add_option("--web-root", config.web_root,
                    "Serve the web UI from this directory (a Vite build) instead of the built-in copy")
      ->check(CLI::ExistingDirectory);
  int read_timeout = static_cast<int>(config.server.read_timeout.count());
  serve->add_option("--read-timeout", read_timeout, "Seconds a request may take to arrive once it has begun")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve->add_option("--max-connections", config.server.max_connections, "Connections served at once")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();

  std::string admin_login;
  auto* init = cli.add_subcommand("init", "Create the database and its first administrator");
  add_db(init);
  init->add_option("--admin", admin_login, "Login of the administrator to create")->required();

  std::string demo_password = "xuefeng-demo";
  auto* demo = cli.add_subcommand("demo", "Load the demo dataset into an empty database");
  add_db(demo);
  demo->add_option("--password", demo_password, "Password of the demo accounts")->capture_default_str();

  std::string roster_file;
  std::int64_t org_id = 0;
  std::string since;
  bool dry_run = false;
  auto* import_roster = cli.add_subcommand("import-roster", "Import a member roster (CSV) into an organization");
  add_db(import_roster);
  import_roster->add_option("file", roster_file, "CSV file, UTF-8 or GBK")->required()->check(CLI::ExistingFile);
  import_roster->add_option("--org", org_id, "Organization id")->required();
  import_roster->add_option("--since", since, "Membership start date (YYYY-MM-DD; default today)");
  import_roster->add_flag("--dry-run", dry_run, "Check the file and report, writing nothing");

  std::int64_t check_org = 0;
  int check_year = 0;
  std::string check_as_of;
  auto* check = cli.add_subcommand("check", "Print the compliance table of an organization's subtree");
  add_db(check);
  check->add_option("--org", check_org, "Organization id")->required();
  check->add_option("--year", check_year, "Year")->required();
  check->add_option("--as-of", check_as_of, "Evaluate as at the end of this day (YYYY-MM-DD; default today)");

  std::int64_t review_org = 0;
  int review_year = 0;
  std::string review_as_of;
  std::string review_out;
  auto* review =
      cli.add_subcommand("review", "Write the year-end review (学习讲评) of an organization's subtree to a file");
  add_db(review);
  review->add_option("--org", review_org, "Organization id")->required();
  review->add_option("--year", review_year, "Year")->required();
  review->add_option("--as-of", review_as_of, "Evaluate as at the end of this day (YYYY-MM-DD; default today)");
  review->add_option("--out", review_out, "File to write: .xlsx for the workbook, .html for the page to print")
      ->required();

  auto* audit = cli.add_subcommand("audit", "The audit trail");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "Check the audit trail's hash chain from first row to last");
  add_db(audit_verify);

  std::string backup_to;
  auto* backup = cli.add_subcommand("backup", "Copy the database consistently, even while the server runs");
  add_db(backup);
  backup->add_option("--to", backup_to, "File to write the copy to")->required();

  CLI11_PARSE(cli, argc, argv);

  const auto parsed_offset = xuefeng::core::UtcOffset::parse(offset);
  if (!parsed_offset) {
    std::cerr << "错误 / error: --utc-offset 应形如 +08:00 / must look like +08:00\n";
    return 2;
  }
  config.offset = *parsed_offset;
  config.durability =
      durability == "normal" ? xuefeng::store::sqlite::Durability::kNormal : xuefeng::store::sqlite::Durability::kFull;
  // Before the database is opened: a file that cannot be written is no reason to create one.
  if (*review && review_file(review_out) == ReviewFile::kUnknown) {
    std::cerr << "错误 / error: --out 应以 .xlsx（工作簿）或 .html（打印页）结尾 / "
                 "must end in .xlsx (workbook) or .html (page to print): "
              << review_out << "\n";
    return 2;
  }

  try {
    if (*serve) {
      config.server.read_timeout = std::chrono::seconds(read_timeout);
      if (!parse_listen(listen, config)) {
        std::cerr << "错误 / error: --listen 应形如 127.0.0.1:8080 / must look like 127.0.0.1:8080\n";
        return 2;
      }
      Application app(config);
      return app.serve(port_file);
    }
    Application app(config);
    if (*init) {
      const std::string password = read_password("管理员密码 / administrator password: ");
      const auto account = app.services().accounts.create_admin(admin_login, password);
      if (!account) {
        print_error(account.error());
        return 1;
      }
      std::cout << "已创建管理员 / created administrator: " << account->login << " (id " << account->id << ")\n";
      return 0;
    }
    if (*demo) {
      const auto summary = xuefeng::cli::load_demo_dataset(app.services(), demo_password);
      if (!summary) {
        print_error(summary.error());
        return 1;
      }
      std::cout << *summary;
      return 0;
    }
    if (*check) {
      std::optional<xuefeng::core::Date> as_of;
      if (!parse_day(check_as_of, "--as-of", as_of)) return 2;
      const auto result =
          app.services().requirements.org_compliance(xuefeng::service::Actor::system(), check_org, check_year, as_of);
      if (!result) {
        print_error(result.error());
        return 1;
      }
      std::cout << xuefeng::cli::compliance_table(*result);
      return 0;
    }
    if (*review) {
      std::optional<xuefeng::core::Date> as_of;
      if (!parse_day(review_as_of, "--as-of", as_of)) return 2;
      const auto result =
          app.services().requirements.review(xuefeng::service::Actor::system(), review_org, review_year, as_of);
      if (!result) {
        print_error(result.error());
        return 1;
      }
      const auto document = review_file(review_out) == ReviewFile::kHtml
                                ? xuefeng::exports::review_html(*result)
                                : xuefeng::exports::review_workbook(*result);
      if (!document) {
        print_error(document.error());
        return 1;
      }
      std::ofstream out(review_out, std::ios::binary | std::ios::trunc);
      out.write(document->bytes.data(), static_cast<std::streamsize>(document->bytes.size()));
      out.close();
      if (!out) {
        std::cerr << "错误 / error: 无法写入文件 / cannot write the file: " << review_out << "\n";
        return 1;
      }
      std::cout << "已写入 / written: " << review_out << " (" << document->bytes.size() << " bytes)\n";
      return 0;
    }
    if (*import_roster) {
      std::optional<xuefeng::core::Date> since_date;
      if (!parse_day(since, "--since", since_date)) return 2;
      std::ifstream in(roster_file, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      const auto result = app.services().orgs.import_roster(xuefeng::service::Actor::system(), org_id, bytes,
                                                            since_date, dry_run);
      if (!result) {
        print_error(result.error());
        return 1;
      }
      std::cout << (dry_run ? "检查通过（未写入）/ checked, nothing written" : "已导入 / imported") << ": "
                << result->rows << " 行 rows, " << result->people_created << " 新增人员 people created, "
                << result->people_matched << " 已有人员 people matched, " << result->memberships_created
                << " 新增成员 memberships created, " << result->memberships_unchanged
                << " 已是成员 already members\n";
      return 0;
    }
    if (*audit_verify) {
      const auto v = app.database().verify_audit_trail();
      if (v.first_broken_id != 0) {
        std::cout << "审计记录被改动 / audit trail BROKEN at row " << v.first_broken_id << ": " << v.reason << "\n";
        return 1;
      }
      std::cout << "审计记录完整 / audit trail intact: " << v.rows << " rows, last hash " << v.head_hash << "\n";
      return 0;
    }
    if (*backup) {
      app.database().backup_to(backup_to);
      std::cout << "已备份 / backed up to " << backup_to << "\n";
      return 0;
    }
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }
  return 0;
}
