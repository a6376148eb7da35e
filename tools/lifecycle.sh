#!/usr/bin/env bash
# Part of make test: the addon's lifecycle on a scratch database that already holds
# stock CRM data (1,000 leads, 500 opportunities), with counts and a user's edits
# checked after each step: install, upgrade (-u), uninstall, reinstall.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"; source "$here/lib.sh"
addons="$(project_addons)"
state="$(mktemp)"
scratch_db kanak_lifecycle "rm -f '$state'"
check() { PYTHONPATH="$ODOO_PYPATH" "$KANAK_VENV/bin/python" "$here/lifecycle_check.py" --config "$KANAK_CONF" --db "$db" --state "$state" "$@"; }
odoo_step() { "$here/odoo" -d "$db" "$@" --stop-after-init --log-level=warn --logfile= >> "$log" 2>&1; }

step "Lifecycle: stock CRM on $db, with 1,000 leads and 500 opportunities (log: $log)"
odoo_step -i crm
check seed
step "Lifecycle: install $addons"
odoo_step -i "$addons"
check install
step "Lifecycle: upgrade $addons (-u)"
odoo_step -u "$addons"
check upgraded
step "Lifecycle: uninstall $addons"
# Bridges first: each depends on the core.
for addon in $(tr , '\n' <<<"$addons" | sort -r); do
    "$here/odoo" module uninstall -d "$db" "$addon" >> "$log" 2>&1
done
check uninstalled
step "Lifecycle: reinstall $addons"
odoo_step -i "$addons"
check reinstalled
if grep -E ' (ERROR|CRITICAL) ' "$log"; then
    echo "errors in the log: $log" >&2
    exit 1
fi
info "lifecycle ok"
