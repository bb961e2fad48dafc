#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer + UndefinedBehaviorSanitizer
# (build-asan/), and the multi-threaded tests under ThreadSanitizer
# (build-tsan/). Any sanitizer report fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWINNOW_SANITIZE=ON >/dev/null
ninja -C build-asan -j2
ctest --test-dir build-asan --output-on-failure -j2

export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/tests/tsan.supp"
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWINNOW_TSAN=ON >/dev/null
ninja -C build-tsan -j2 winnow_tests winnow
build-tsan/winnow_tests --gtest_filter='Extract.SameResultFromManyThreads:Containers.*'
