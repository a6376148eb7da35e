#!/usr/bin/env bash
# make bench: build a stock-CRM database (crm, sale_crm) and a project database from the same
# seed data, run the scenarios of bench/ against both in one process, and
# write bench/results.md. Arguments: scenario names (default: all).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"; source "$here/lib.sh"
stock_db="bench_kanak_stock"
project_db="bench_kanak_project"
addons="$(project_addons)"
mkdir -p "$KANAK_STATE/logs"
# Rebuilt every run, so that both databases match the current code and seed.
for db in "$stock_db" "$project_db"; do drop_db "$db"; done
# sale_crm, website_crm and mass_mailing_crm on both sides: the bridges compare with them.
step "Building $stock_db (crm, sale_crm, website_crm, mass_mailing_crm)"
"$here/odoo" -d "$stock_db" -i crm,sale_crm,website_crm,mass_mailing_crm --stop-after-init --log-level=warn --logfile= > "$KANAK_STATE/logs/bench-build.log" 2>&1
step "Building $project_db (crm + $addons)"
"$here/odoo" -d "$project_db" -i "$addons" --stop-after-init --log-level=warn --logfile= >> "$KANAK_STATE/logs/bench-build.log" 2>&1
step "Running scenarios (median of ${KANAK_BENCH_REPEAT:-3} repetitions each)"
cd "$KANAK_REPO"
PYTHONPATH="$ODOO_PYPATH:$KANAK_REPO" "$KANAK_VENV/bin/python" bench/run.py --config "$KANAK_CONF" \
    --stock-db "$stock_db" --project-db "$project_db" --repeat "${KANAK_BENCH_REPEAT:-3}" "$@"
