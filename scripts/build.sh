#!/usr/bin/env bash
# Configures and builds winnow (Release) into build/. Extra arguments go to
# cmake, e.g. scripts/build.sh -DWINNOW_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
ninja -C build -j2
