#!/usr/bin/env bash
# make screenshots: PNGs of the addon's screens, taken by headless Chromium on the
# demo database (created or upgraded as make run does), with Spanish loaded, on a
# server of its own on a free loopback port. Writes docs/screenshots/ (or $1).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"; source "$here/lib.sh"
require_browser_tools
out="${1:-$KANAK_REPO/docs/screenshots}"
addons="$(project_addons)"
mkdir -p "$KANAK_STATE/logs"
log="$KANAK_STATE/logs/screenshots.log"
if ! db_exists "$KANAK_DEMO_DB"; then
    step "Creating demo database $KANAK_DEMO_DB"
    "$here/odoo" -d "$KANAK_DEMO_DB" -i "$addons" --with-demo --stop-after-init --logfile= > "$log" 2>&1
else
    step "Upgrading $addons on $KANAK_DEMO_DB"
    "$here/odoo" -d "$KANAK_DEMO_DB" -u "$addons" --stop-after-init --logfile= > "$log" 2>&1
fi
step "Loading Spanish"
"$here/odoo" i18n loadlang -d "$KANAK_DEMO_DB" -l es_ES >> "$log" 2>&1
port="$(free_port)"
"$here/odoo" -d "$KANAK_DEMO_DB" --db-filter "^$KANAK_DEMO_DB\$" --http-port "$port" \
    --workers=0 --logfile= >> "$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
url="http://127.0.0.1:$port"
for _ in $(seq 120); do curl -sf "$url/web/login" >/dev/null && break; sleep 1; done
step "Taking the pictures into $out"
"$KANAK_VENV/bin/python" "$here/screenshots.py" --url "$url" --db "$KANAK_DEMO_DB" --out "$out" "${@:2}"
# The Apps listing (static/description/index.html) shows two of them.
if [ "$out" = "$KANAK_REPO/docs/screenshots" ]; then
    cp "$out/sales_flow.png" "$out/qualify_dialog.png" "$KANAK_REPO/kanak_crm_flow/static/description/"
fi
