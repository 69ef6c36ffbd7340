#include "server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace xuefeng::testing {
namespace {

namespace fs = std::filesystem;

pid_t spawn(const std::vector<std::string>& args, const std::string& output_path,
            const std::vector<std::string>& env_additions) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
  env_strings.insert(env_strings.end(), env_additions.begin(), env_additions.end());
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("cannot start " + args[0]);
  if (pid == 0) {
    // In the child only async-signal-safe calls. If the test process dies (a crash, a kill), the server
    // goes with it instead of lingering on its port.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    const int out = open(output_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    const int in = open("/dev/null", O_RDONLY);
    if (out < 0 || in < 0) _exit(127);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    dup2(in, STDIN_FILENO);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

const char* xuefeng_binary() { return XUEFENG_BINARY; }

int ServerProcess::run_cli(const std::vector<std::string>& args, std::string* output,
                           const std::vector<std::string>& env) {
  char tmpl[] = "/tmp/xuefeng-cli-XXXXXX";
  const int fd = mkstemp(tmpl);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  close(fd);
  std::vector<std::string> argv{xuefeng_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  const int status = wait_for(spawn(argv, tmpl, env));
  if (output) *output = read_file(tmpl);
  fs::remove(tmpl);
  return status;
}

ServerProcess::ServerProcess(ServerOptions options) : options_(std::move(options)) {
  char tmpl[] = "/tmp/xuefeng-test-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  db_path_ = dir_ + "/xuefeng.db";
  port_file_ = dir_ + "/port";
  log_path_ = dir_ + "/server.log";
  std::string out;
  const int rc = run_cli({"init", "--db", db_path_, "--admin", options_.admin_login}, &out,
                         {"XUEFENG_ADMIN_PASSWORD=" + options_.admin_password});
  if (rc != 0) throw std::runtime_error("xuefeng init failed: " + out);
  start();
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void ServerProcess::start() {
  fs::remove(port_file_);
  std::vector<std::string> args{xuefeng_binary(), "serve", "--db", db_path_, "--listen", "127.0.0.1:0",
                                "--port-file", port_file_};
  args.insert(args.end(), options_.serve_args.begin(), options_.serve_args.end());
  pid_ = spawn(args, log_path_, {});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!fs::exists(port_file_)) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("xuefeng serve exited at start:\n" + log());
    }
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("xuefeng serve did not start:\n" + log());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  port_ = static_cast<std::uint16_t>(std::stoi(read_file(port_file_)));
}

int ServerProcess::stop() {
  if (pid_ <= 0) return 0;
  kill(pid_, SIGTERM);
  const int status = wait_for(pid_);
  pid_ = -1;
  return status;
}

void ServerProcess::kill9() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  wait_for(pid_);
  pid_ = -1;
}

std::string ServerProcess::log() const { return read_file(log_path_); }

HttpClient ServerProcess::admin() const {
  HttpClient c(port_);
  c.login(options_.admin_login, options_.admin_password);
  return c;
}

}  // namespace xuefeng::testing
