#!/bin/sh
# Installs what carcinize needs to build and test, on Debian 12 (bookworm).
# Idempotent: only missing packages are installed; nothing runs when all are
# present. Works as root, or through sudo.
#
#   tools/bootstrap.sh             build and test dependencies
#   tools/bootstrap.sh --optional  also the real consumers the end-to-end tests
#                                  drive when present (valgrind, pre-commit,
#                                  chromium, Node.js for the SARIF validator)
set -eu

REQUIRED="build-essential cmake ninja-build ccache git python3
llvm-19-dev libclang-19-dev libclang-cpp19-dev clang-19
libcli11-dev libyaml-cpp-dev libgtest-dev libgmock-dev valgrind"
OPTIONAL="pre-commit chromium nodejs npm libclang-rt-19-dev"

packages="$REQUIRED"
for arg in "$@"; do
  case "$arg" in
    --optional) packages="$REQUIRED $OPTIONAL" ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "bootstrap.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  echo "bootstrap: all dependencies are installed"
  exit 0
fi

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
