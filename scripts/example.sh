#!/usr/bin/env bash
# Builds winnow and cleans the bundled example page: a news story with a
# lead-generation widget in the middle of it. Prints the article text.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >&2
build/winnow corpus/html/seed-globaldata.html
