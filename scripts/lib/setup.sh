# Shared by scripts/demo and scripts/test: install what a fresh Debian 12 lacks, configure, build.
# Sourced, not run. Idempotent: a second run installs nothing and rebuilds only what changed.

set -euo pipefail

XUEFENG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
XUEFENG_BUILD="$XUEFENG_ROOT/build"

# Debian 12 packages the build and the tests need. Boost 1.81 is named explicitly: the default
# libboost-dev is 1.74, and -all-dev would pull in hundreds of packages. The fuzz targets need clang,
# libFuzzer and the sanitizer runtimes (libclang-rt-14-dev, only recommended by clang, so named), and
# llvm-14 for llvm-symbolizer, without which a crash report has no function names. libxlsxwriter writes
# the Excel exports; the tests read them back with libzip (the package, from memory) and pugixml (its XML).
XUEFENG_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libsodium-dev libqrencode-dev libxlsxwriter-dev libicu-dev
  libzip-dev libpugixml-dev
  libspdlog-dev libfmt-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  librapidcheck-dev
  clang libclang-rt-14-dev llvm-14
)
# Only ./scripts/test needs these: the browser tests drive Debian's Chromium, and the CJK fonts let it
# draw Chinese in screenshots.
XUEFENG_BROWSER_PACKAGES=(chromium fonts-noto-cjk)

# The web UI is built with the machine's Node.js and npm (Vite needs Node 20.19 or later). A machine
# without them gets Debian's; where Node.js comes from elsewhere (its npm inside), nothing is installed.
ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    ensure_packages nodejs npm
  fi
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 20 ]; then
    echo "Node.js $(node --version) is too old for the web UI (Vite needs 20.19 or later) / Node.js 版本过旧" >&2
    return 1
  fi
}

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "需要 root 权限安装软件包 / root is needed to install packages: $*" >&2; return 1
  fi
}

ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# build [target...]: configure once (the "default" preset), then build the given targets (all if none).
build() {
  cd "$XUEFENG_ROOT"
  if [ ! -f "$XUEFENG_BUILD/build.ninja" ]; then
    log "configuring (cmake --preset default)"
    cmake --preset default >/dev/null
  fi
  local start=$SECONDS
  if [ $# -gt 0 ]; then
    log "building $*"
    cmake --build --preset default --target "$@"
  else
    log "building everything"
    cmake --build --preset default
  fi
  log "build finished in $((SECONDS - start)) s"
}
