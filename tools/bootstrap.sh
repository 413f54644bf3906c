#!/bin/sh
# Installs what carcinize needs to build and test, on Debian 12 (bookworm).
# Idempotent: only missing packages are installed; nothing runs when all are
# present. Works as root, or through sudo.
#
#   tools/bootstrap.sh             build and test dependencies
#   tools/bootstrap.sh --optional  also the real consumers the end-to-end tests
#                                  drive when present (valgrind, pre-commit,
#                                  chromium, Node.js for the SARIF validator,
#                                  Python's yaml module for the CI recipes,
#                                  cargo and rustc for the pilot kits),
#                                  and the SARIF validator itself (npm, per user)
set -eu

REQUIRED="build-essential cmake ninja-build ccache git python3
llvm-19-dev libclang-19-dev libclang-cpp19-dev clang-19
libcli11-dev libyaml-cpp-dev libgtest-dev libgmock-dev valgrind"
OPTIONAL="pre-commit chromium nodejs npm libclang-rt-19-dev python3-yaml make cargo rustc"

packages="$REQUIRED"
optional=0
for arg in "$@"; do
  case "$arg" in
    --optional) packages="$REQUIRED $OPTIONAL"; optional=1 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "bootstrap.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

# A package counts as present when dpkg has it, or, for Node.js and npm,
# when the command is already on the PATH (machines often carry Node.js from
# NodeSource or nvm, whose nodejs conflicts with Debian's npm package).
# Debian's cargo and rustc are installed even beside a rustup toolchain: the
# pilot tests build the generated crates with them (/usr/bin, Rust 1.63), the
# oldest Rust the kits promise to build with.
missing=""
for p in $packages; do
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  echo "bootstrap: all dependencies are installed"
else
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
  elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "bootstrap: missing packages:$missing; run as root or install sudo" >&2
    exit 2
  fi

  echo "bootstrap: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -q --no-install-recommends $missing
fi

# The official SARIF validator (Microsoft's SARIF Multitool), which the
# e2e.sarif.* tests run over `carcinize check --format sarif`. npm installs it
# for the current user, without sudo, where tests/e2e/sarif.cmake looks for it.
# The version is pinned: the test's configuration names its GitHub rules.
if [ "$optional" -eq 1 ]; then
  SARIF_MULTITOOL_VERSION=5.7.0
  sarif_dir="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/carcinize/sarif-multitool"
  sarif_installed() {
    for exe in "$sarif_dir"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool; do
      [ -f "$exe" ] && [ -f "$sarif_dir/node_modules/@microsoft/sarif-multitool/package.json" ] &&
        grep -q "\"version\": *\"$SARIF_MULTITOOL_VERSION\"" \
          "$sarif_dir/node_modules/@microsoft/sarif-multitool/package.json" && return 0
    done
    return 1
  }
  if sarif_installed; then
    echo "bootstrap: the SARIF validator is installed in $sarif_dir"
  elif ! command -v npm >/dev/null 2>&1; then
    echo "bootstrap: npm is missing: the SARIF validator is not installed (e2e.sarif.* will be skipped)" >&2
  else
    echo "bootstrap: installing the SARIF validator into $sarif_dir"
    mkdir -p "$sarif_dir"
    npm install --prefix "$sarif_dir" --no-audit --no-fund --no-save \
      "@microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION"
    # The platform package marks its executable in a postinstall script,
    # which npm may be configured not to run.
    for exe in "$sarif_dir"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool; do
      [ -f "$exe" ] && chmod u+x "$exe"
    done
    if ! sarif_installed; then
      echo "bootstrap: npm did not install the SARIF validator for this platform" >&2
      exit 2
    fi
  fi
fi
