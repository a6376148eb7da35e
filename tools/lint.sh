#!/usr/bin/env bash
# make lint: ruff on Python; every XML and CSV data file of the addons parses.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"; source "$here/lib.sh"
cd "$KANAK_REPO"
step "Lint: ruff"
"$KANAK_VENV/bin/ruff" check --quiet .
"$KANAK_VENV/bin/ruff" format --quiet --check .
info "ok"
step "Lint: pylint-odoo"
# Not an OCA module (no OCA author), and its docs are readme/ fragments, not README.rst.
"$KANAK_VENV/bin/pylint" --load-plugins=pylint_odoo --disable=all --enable=odoolint \
    --disable=manifest-required-author,missing-readme --valid-odoo-versions=19.0 \
    --score=n $(project_addons | tr , ' ')
info "ok"
step "Lint: XML well-formedness"
"$KANAK_VENV/bin/python" - <<'PY'
import pathlib, sys
from lxml import etree
bad = 0
files = [p for p in pathlib.Path(".").rglob("*.xml") if not any(part.startswith(".") for part in p.parts)]
for path in files:
    try:
        etree.parse(str(path))
    except etree.XMLSyntaxError as exc:
        bad += 1
        print(f"    {path}: {exc}")
print(f"    {len(files)} files, {bad} malformed")
sys.exit(1 if bad else 0)
PY
missing=0
step "Lint: every term of each addon's .pot translated in its .po files (make pot regenerates)"
"$KANAK_VENV/bin/python" "$here/i18n_merge.py" --check $(project_addons | tr , ' ') || missing=1
step "Lint: each addon's .pot holds the terms of its code (Odoo's export on a scratch database)"
"$here/pot.sh" --check || missing=1
step "Lint: stock tests excluded by make test-stock are documented in README.md"
while read -r tag _reason; do
    grep -qF "\`$tag\`" README.md || { echo "    $tag: not in README.md (Stock tests changed on purpose)"; missing=1; }
done < <(grep -vE '^\s*(#|$)' tools/stock-tests-excluded.txt || true)
[ "$missing" = 0 ] && info "ok"
step "Lint: README.md's access table matches kanak_crm_flow/tests/access_matrix.csv"
"$KANAK_VENV/bin/python" tools/access_matrix.py --check || missing=1
exit "$missing"
