#!/usr/bin/env bash
# make test-stock: Odoo's own crm and sales_team test suites on a database where
# the project's addons are installed. The tests this project deliberately
# changes are listed in README.md ("Stock tests changed on purpose") and excluded here.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"; source "$here/lib.sh"
require_browser_tools
addons="$(project_addons)"
db="kanak_stock_$(date +%s)_$$"
mkdir -p "$KANAK_STATE/logs"
log="$KANAK_STATE/logs/$db.log"
trap 'drop_db "$db"' EXIT
# Keep in step with the README's table.
excluded="$(grep -vE '^\s*(#|$)' "$here/stock-tests-excluded.txt" | cut -d' ' -f1 | sed 's/^/-/' | paste -sd, -)"
tags="/crm,/sales_team${excluded:+,$excluded}"

step "Installing $addons on $db"
"$here/odoo" -d "$db" -i "$addons" --stop-after-init --log-level=warn --logfile= > "$log" 2>&1
step "Running stock tests: $tags (about 3 minutes; log: $log)"
set +e
"$here/odoo" -d "$db" --test-enable --test-tags "$tags" --stop-after-init --logfile= >> "$log" 2>&1
set -e
grep -E ' (ERROR|CRITICAL) .*(FAIL|ERROR):|tests\.stats' "$log" | sed -E 's/^[0-9-]+ [0-9:,]+ [0-9]+ //' | sed 's/^/    /' || true
summarise_test_log "$log"
