#!/usr/bin/env bash
# make lint: ruff and pylint-odoo on Python, every XML file parses, the translations
# are complete and current, the README matches the stock-test exclusions and the
# access matrix. .pre-commit-config.yaml runs the same checks before a commit.
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
"$KANAK_VENV/bin/pylint" --rcfile=.pylintrc $(project_addons | tr , ' ')
info "ok"
step "Lint: XML well-formedness"
"$KANAK_VENV/bin/python" tools/check_xml.py
missing=0
step "Lint: every term of each addon's .pot translated in its .po files (make pot regenerates)"
"$KANAK_VENV/bin/python" "$here/i18n_merge.py" --check $(project_addons | tr , ' ') || missing=1
step "Lint: each addon's .pot holds the terms of its code (Odoo's export on a scratch database)"
"$here/pot.sh" --check || missing=1
step "Lint: stock tests excluded by make test-stock are documented in README.md"
"$here/check_stock_exclusions.sh" || missing=1
[ "$missing" = 0 ] && info "ok"
step "Lint: README.md's access table matches kanak_crm_flow/tests/access_matrix.csv"
"$KANAK_VENV/bin/python" tools/access_matrix.py --check || missing=1
exit "$missing"
