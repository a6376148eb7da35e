#!/usr/bin/env bash
# make run: serve Odoo with the project's addons and demo data on the demo
# database, creating it on first run and upgrading the addons when their code changed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"; source "$here/lib.sh"

addons="$(project_addons)"
stamp="$KANAK_STATE/$KANAK_DEMO_DB.addons.sha"
code_hash() { (cd "$KANAK_REPO" && find ${addons//,/ } -type f ! -name '*.pyc' -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -d' ' -f1); }

extra=()
if ! db_exists "$KANAK_DEMO_DB"; then
    step "Creating demo database $KANAK_DEMO_DB with $addons and demo data (about a minute)"
    "$here/odoo" -d "$KANAK_DEMO_DB" -i "$addons" --with-demo --stop-after-init --log-level=warn
    code_hash > "$stamp"
elif [ "$(cat "$stamp" 2>/dev/null)" != "$(code_hash)" ]; then
    step "Addon code changed since the last start: upgrading $addons on $KANAK_DEMO_DB"
    extra=(-u "$addons")
    code_hash > "$stamp"
else
    step "Demo database $KANAK_DEMO_DB is up to date"
fi

step "Odoo is starting: http://localhost:$KANAK_HTTP_PORT  (login admin, password admin; Ctrl-C stops it)"
exec "$here/odoo" -d "$KANAK_DEMO_DB" --db-filter "^$KANAK_DEMO_DB\$" "${extra[@]}"
