#!/usr/bin/env bash
# make dist: one wheel per project addon, OCA's way (pyproject.toml with whool:
# odoo-addon-<name>, version from the manifest, requires Odoo 19.0), into dist/ (or $1).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"; source "$here/lib.sh"
out="${1:-$KANAK_REPO/dist}"
mkdir -p "$out"
rm -f "$out"/odoo_addon_kanak_*.whl
step "Building the wheels into $out"
for addon in $(project_addons | tr , ' '); do
    "$KANAK_VENV/bin/pip" wheel --quiet --no-deps --wheel-dir "$out" "$KANAK_REPO/$addon" \
        2>&1 | { grep -v 'is ignored: it is neither' || true; }
done
ls -1 "$out"/odoo_addon_kanak_*.whl | sed 's/^/    /'
