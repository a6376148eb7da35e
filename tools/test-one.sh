#!/usr/bin/env bash
# make test-one T=...: run some tests quickly on a kept development database.
# T is an Odoo test tag: a class (TestInstall), a method (TestInstall.test_x),
# or a full spec (/kanak_crm_flow:TestInstall.test_x, /crm). The addons are
# upgraded first so that the tests run against the current code.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"; source "$here/lib.sh"
spec="${1:?usage: make test-one T=TestClass[.test_method]}"
case "$spec" in /*|*:*) ;; *) spec="/kanak_crm_flow:$spec" ;; esac
db="${KANAK_DEV_DB:-kanak_dev}"
addons="$(project_addons)"
require_browser_tools
# Odoo runs post_install tests of the modules it updates: update the one named too.
module="$(sed -nE 's|^/([a-z0-9_]+).*|\1|p' <<<"$spec")"
if db_exists "$db"; then mode=(-u "$addons${module:+,$module}"); else mode=(-i "$addons"); fi
mkdir -p "$KANAK_STATE/logs"
log="$KANAK_STATE/logs/test-one.log"
step "Running $spec on $db (log: $log)"
set +e
"$here/odoo" -d "$db" "${mode[@]}" --http-port "$(free_port)" --test-enable --test-tags "$spec" --stop-after-init --logfile= > "$log" 2>&1
set -e
show_log_lines 'Starting [A-Za-z0-9_]+\.test| (ERROR|CRITICAL) |^(AssertionError|Traceback)' "$log"
summarise_test_log "$log"
