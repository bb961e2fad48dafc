#!/usr/bin/env bash
# Builds winnow and runs every test: unit tests, the corpus, the command
# line. Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --test-dir build --output-on-failure -j2
