#!/usr/bin/env bash
# make test-stock: Odoo's own crm, sales_team and sale_crm test suites on a database where
# the project's addons are installed, in two phases:
#  1. a fresh database: the project's addons installed with the stock tests on,
#     as Odoo's runbot does (at_install tests while each module installs,
#     post_install tests with every module loaded);
#  2. crm's at_install tests again, in the full registry, so that they run
#     against the project's overrides too.
# Tests this project deliberately changes are listed in README.md ("Stock tests
# changed on purpose", source tools/stock-tests-excluded.txt) and excluded.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"; source "$here/lib.sh"
require_browser_tools
addons="$(project_addons)"
db="kanak_stock_$(date +%s)_$$"
mkdir -p "$KANAK_STATE/logs"
db2="${db}_full"
trap 'drop_db "$db"; drop_db "$db2"' EXIT
excluded="$( { grep -vE '^\s*(#|$)' "$here/stock-tests-excluded.txt" || true; } | cut -d' ' -f1 | sed 's/^/-/' | paste -sd, -)"
tags="/crm,/sales_team,/sale_crm,/website_crm${excluded:+,$excluded}"
crm_tags="/crm${excluded:+,$excluded}"
show() { show_log_lines ' (ERROR|CRITICAL) .*(FAIL|ERROR):|tests\.stats' "$1"; }

log1="$KANAK_STATE/logs/$db.install.log"
step "Phase 1: installing $addons on $db with the stock tests on ($tags; log: $log1)"
set +e
"$here/odoo" -d "$db" -i "$addons" --http-port "$(free_port)" --test-enable --test-tags "$tags" --stop-after-init --logfile= > "$log1" 2>&1
set -e
show "$log1"
rc=0; summary1="$(summarise_test_log "$log1")" || rc=1
echo "phase 1: $summary1"

log2="$KANAK_STATE/logs/$db.full-registry.log"
# sales_team's own at_install tests cannot run once crm is loaded (crm makes
# crm.team.alias_id required), with or without this project: phase 1 runs them.
# A database of its own: phase 1's browser tests commit data of their own.
step "Phase 2: crm at_install tests again, with $addons loaded, on $db2 (log: $log2)"
"$here/odoo" -d "$db2" -i "$addons" --stop-after-init --logfile= > "$log2" 2>&1
set +e
PYTHONPATH="$ODOO_PYPATH" "$KANAK_VENV/bin/python" "$here/run_at_install_tests.py" "$KANAK_CONF" "$db2" crm "$crm_tags" >> "$log2" 2>&1
set -e
show "$log2"
summary2="$(summarise_test_log "$log2")" || rc=1
echo "phase 2: $summary2"

step "Result"
read -r p1 _ f1 _ s1 _ <<<"${summary1//,/}"
read -r p2 _ f2 _ s2 _ <<<"${summary2//,/}"
echo "$((p1 + p2)) passed, $((f1 + f2)) failed, $((s1 + s2)) skipped"
exit $rc
