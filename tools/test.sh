#!/usr/bin/env bash
# make test: lint, then the project's whole test suite on a throwaway database
# (install of every project addon, at_install and post_install tests, tours),
# then drop the database; then the lifecycle check (tools/lifecycle.sh: install,
# upgrade, uninstall, reinstall over stock data) and the wheel install check
# (tools/wheel_check.sh). Ends with 'N passed, N failed, N skipped'.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"; source "$here/lib.sh"

"$here/lint.sh"
require_browser_tools

addons="$(project_addons)"
scratch_db kanak_test

step "Installing $addons on throwaway database $db and running their tests"
info "full log: $log"
set +e
"$here/odoo" -d "$db" -i "$addons" --http-port "$(free_port)" --test-enable --test-tags "$(sed 's/\([^,]*\)/\/\1/g' <<<"$addons")" \
    --stop-after-init --log-level=info --logfile= > "$log" 2>&1
odoo_rc=$?
set -e
show_log_lines 'Starting [A-Za-z0-9_]+\.test|tests\.result|tests\.stats| (ERROR|CRITICAL) ' "$log"

lifecycle_rc=0
"$here/lifecycle.sh" || lifecycle_rc=$?
wheels_rc=0
"$here/wheel_check.sh" || wheels_rc=$?

step "Result"
[ "$lifecycle_rc" -eq 0 ] || echo "the lifecycle check failed (see above)" >&2
[ "$wheels_rc" -eq 0 ] || echo "the wheel install check failed (see above)" >&2
[ "$odoo_rc" -eq 0 ] || echo "Odoo exited with status $odoo_rc; full log: $log" >&2
if summarise_test_log "$log" && [ "$odoo_rc" -eq 0 ] && [ "$lifecycle_rc" -eq 0 ] \
    && [ "$wheels_rc" -eq 0 ]; then exit 0; fi
exit 1
