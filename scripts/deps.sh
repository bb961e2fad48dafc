#!/usr/bin/env bash
# Installs the Debian packages winnow builds with, if any is missing.
# Safe to run again: it installs nothing when everything is there.
set -euo pipefail
packages=(g++ cmake ninja-build pkg-config libgumbo-dev libre2-dev libicu-dev
          libgtest-dev libcli11-dev libsimdjson-dev libcld2-dev libtbb-dev libzstd-dev
          libdeflate-dev zlib1g-dev python3 time)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
