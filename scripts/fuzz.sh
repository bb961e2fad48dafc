#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) into build-fuzz/ and
# runs each for SECONDS (default 20) on seeds from corpus/ and fuzz/seeds/.
# A crash, leak, sanitizer report or hang (over 10 s on one input) fails the
# run and leaves the input in build-fuzz/findings/: add it as a regression
# test (fuzz/regressions/<target>/, run by this script before fuzzing).
#
#   scripts/fuzz.sh            # the short run CI does: 6 targets x 20 s
#   scripts/fuzz.sh 3600       # a longer hunt: an hour per target
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
scripts/deps.sh
# clang and its libFuzzer runtime, if missing.
missing=()
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DWINNOW_FUZZ=ON -DWINNOW_BUILD_TESTS=OFF >/dev/null
ninja -C build-fuzz -j2 extract_fuzzer text_fuzzer decode_fuzzer warc_fuzzer jsonl_fuzzer screen_fuzzer
mkdir -p build-fuzz/findings
declare -A seeds=(
  [extract]="corpus/html"
  [text]="corpus/text"
  [decode]="corpus/html"
  [warc]="fuzz/seeds/warc"
  [jsonl]="fuzz/seeds/jsonl"
  [screen]="corpus/text"
)
for t in extract text decode warc jsonl screen; do
  work=build-fuzz/corpus-$t
  mkdir -p "$work"
  # Regressions first: every input that ever failed must pass.
  if [[ -d fuzz/regressions/$t ]] && compgen -G "fuzz/regressions/$t/*" >/dev/null; then
    build-fuzz/${t}_fuzzer -timeout=10 -rss_limit_mb=4096 fuzz/regressions/$t/*
  fi
  echo "fuzzing $t for ${seconds}s"
  build-fuzz/${t}_fuzzer "$work" ${seeds[$t]} -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=4096 -max_len=262144 -print_final_stats=1 \
    -artifact_prefix=build-fuzz/findings/$t- 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|INFO: seed corpus)" || true
  if compgen -G "build-fuzz/findings/$t-*" >/dev/null; then
    echo "fuzz: $t found a failing input: $(ls build-fuzz/findings/$t-*)" >&2
    exit 1
  fi
done
echo "fuzz: no findings"
