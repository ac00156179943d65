#!/usr/bin/env bash
# The test command: install what the tests need, then lint, type-check and run the suite.
#   bash scripts/check.sh            everything (about 3 minutes)
#   bash scripts/check.sh tests/loaders -x     pytest arguments are passed on
# As root, the Debian packages of .ci/apt-packages are installed when missing; otherwise a
# missing one is named in one line, with the command that installs it.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t wanted < <(grep -v '^\s*#' .ci/apt-packages | grep -v '^\s*$')
missing=()
for p in "${wanted[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "missing Debian packages: ${missing[*]} — install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

python -m pip install -q -e '.[test]'
python -m ruff check .
python scripts/package_tree.py 2>/dev/null
python -m mypy
python -m pytest -q "$@"
