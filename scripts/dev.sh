#!/usr/bin/env bash
# kkpham developer entry points. Work on a fresh Debian 12 with only apt and npm: whatever is
# missing is installed first (apt-get, with sudo when not root; `npm ci` for the browser tests).
#
#   scripts/dev.sh serve   build the web app (workflow `app`) and serve build/wasm/dist on
#                          http://127.0.0.1:${PORT:-8080}/                        (= npm start)
#   scripts/dev.sh test    workflows `native` then `wasm`: doctest (g++ and em++/node), CLI
#                          tests, wasm/JS tests incl. native-vs-wasm byte parity, browser e2e
#                          (= npm test, = .ci/run), plus clang-tidy + cppcheck on core/, the `asan`
#                          workflow and a fuzz smoke (KKPHAM_TEST_ANALYSIS=0, KKPHAM_TEST_ASAN=0,
#                          KKPHAM_TEST_FUZZ=0 skip them).
#   scripts/dev.sh asan    workflow `asan`: the native tests under AddressSanitizer + UBSan (clang)
#   scripts/dev.sh deps    only install what is missing
#
# Exit status: non-zero if any step failed (every workflow still runs, so one failure does not
# hide another).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

if [[ -t 2 ]]; then
  log() { printf '\033[1m[dev.sh]\033[0m %s\n' "$*" >&2; }
else
  log() { printf '[dev.sh] %s\n' "$*" >&2; }
fi
die() { log "error: $*"; exit 1; }

usage() {
  sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# ---- dependencies ---------------------------------------------------------------------------
# Each entry: "<apt package>:<binary name, or absolute path (glob allowed) proving it is installed>".
BASE_DEPS=(
  "cmake:cmake"
  "g++:g++"
  "make:make"
  "emscripten:em++"
  "nlohmann-json3-dev:/usr/include/nlohmann/json.hpp"
  "doctest-dev:/usr/include/doctest/doctest.h"
  "pkg-config:pkg-config"
  "libzip-dev:/usr/include/zip.h"
  "libssl-dev:/usr/include/openssl/evp.h"
)
TEST_DEPS=(
  "chromium:/usr/bin/chromium"
  "clang:clang++"
  "libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.asan-x86_64.a"
  "clang-tidy:clang-tidy"
  "cppcheck:cppcheck"
)

missing_packages() {
  local entry pkg probe
  for entry in "$@"; do
    pkg=${entry%%:*}
    probe=${entry#*:}
    if [[ $probe == /* ]]; then
      compgen -G "$probe" >/dev/null && continue   # a path, possibly with a glob
    else
      command -v "$probe" >/dev/null 2>&1 && continue
    fi
    printf '%s\n' "$pkg"
  done
}

apt_install() {
  (($# > 0)) || return 0
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "need root or sudo to install: $*"
    sudo=(sudo)
  fi
  log "installing Debian packages: $*"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_deps() { # ensure_deps <with test deps: 0|1>
  local with_test=$1
  local -a want=("${BASE_DEPS[@]}")
  want+=("npm:npm") # the app build copies its npm dependency (idb) from node_modules/
  if ((with_test)); then want+=("${TEST_DEPS[@]}"); fi
  want+=("nodejs:node")
  local -a pkgs
  mapfile -t pkgs < <(missing_packages "${want[@]}")
  apt_install "${pkgs[@]}"

  # CMakePresets.json version 6 needs CMake 3.25 (Debian 12's).
  local v
  v=$(cmake --version | sed -n 's/^cmake version \([0-9]*\.[0-9]*\).*/\1/p')
  [[ $(printf '%s\n' 3.25 "$v" | sort -V | head -n1) == 3.25 ]] || die "CMake >= 3.25 needed, found $v"
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  ((major >= 20)) || log "warning: Node $major found; the tests are written for Node >= 20"

  # npm ci: idb (the app's IndexedDB wrapper, copied into the app by the build) for `serve` and
  # `test`, and playwright-core + axe-core for the tests. No browser download: Debian's chromium.
  if [[ ! -f node_modules/idb/package.json ]] || { ((with_test)) &&
       [[ ! -f node_modules/playwright-core/package.json || ! -f node_modules/axe-core/package.json ]]; }; then
    log "npm ci (idb for the app; playwright-core, axe-core for the tests; no browser download)"
    npm ci --no-audit --no-fund
  fi
}

export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc 2>/dev/null || echo 2)}"

workflow() { # workflow <preset> [quiet]: runs it; returns its exit status
  local start=$SECONDS rc=0
  log "cmake --workflow --preset $1"
  cmake --workflow --preset "$1" || rc=$?
  # After the last workflow of `test`, print nothing: CTest's summary stays the closing output.
  if [[ ${2:-} != quiet || $rc -ne 0 ]]; then log "workflow $1: $((SECONDS - start)) s, exit $rc"; fi
  return "$rc"
}

# ---- commands -------------------------------------------------------------------------------
cmd=${1:-}
case "$cmd" in
  serve)
    ensure_deps 0
    workflow app
    log "serving build/wasm/dist on http://127.0.0.1:${PORT:-8080}/"
    exec node scripts/serve.mjs build/wasm/dist "${PORT:-8080}" 127.0.0.1
    ;;
  test)
    ensure_deps 1
    rc=0
    workflow native || rc=$?
    # clang-tidy + cppcheck on core/ (needs the native compile database; KKPHAM_TEST_ANALYSIS=0 skips it).
    if [[ ${KKPHAM_TEST_ANALYSIS:-1} == 1 ]]; then
      log "static analysis: tests/analysis/run.sh"
      bash tests/analysis/run.sh || rc=$?
    fi
    # The native suite again under AddressSanitizer + UBSan (clang); KKPHAM_TEST_ASAN=0 skips it.
    if [[ ${KKPHAM_TEST_ASAN:-1} == 1 ]]; then workflow asan || rc=$?; fi
    # A short libFuzzer smoke over every harness (tests/fuzz/run.sh; KKPHAM_TEST_FUZZ=0 skips it),
    # one harness per core: each libFuzzer process is single-threaded.
    if [[ ${KKPHAM_TEST_FUZZ:-1} == 1 ]]; then
      log "fuzz smoke: tests/fuzz/run.sh ${KKPHAM_FUZZ_RUNS:-20000}"
      KKPHAM_FUZZ_JOBS=${KKPHAM_FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)} \
        bash tests/fuzz/run.sh "${KKPHAM_FUZZ_RUNS:-20000}" || rc=$?
    fi
    workflow wasm quiet || rc=$?   # last: its CTest summary closes the output
    exit "$rc"
    ;;
  asan)
    ensure_deps 1
    workflow asan
    ;;
  deps)
    ensure_deps 1
    ;;
  -h | --help | help)
    usage
    ;;
  *)
    usage >&2
    exit 2
    ;;
esac
