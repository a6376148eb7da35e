#!/usr/bin/env bash
# Each stock test that make test-stock excludes (tools/stock-tests-excluded.txt) is
# explained in README.md (Stock tests changed on purpose). Run by make lint and the
# pre-commit hook.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
missing=0
while read -r tag _reason; do
    grep -qF "\`$tag\`" README.md || { echo "    $tag: not in README.md (Stock tests changed on purpose)"; missing=1; }
done < <(grep -vE '^\s*(#|$)' tools/stock-tests-excluded.txt || true)
exit "$missing"
