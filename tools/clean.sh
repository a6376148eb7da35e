#!/usr/bin/env bash
# make clean: drop the workspace's databases and its local state folder.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"; source "$here/lib.sh"
for db in $(psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -tAc \
        "select datname from pg_database where datname ~ '^(kanak_|bench_kanak_)'"); do
    step "Dropping database $db"; drop_db "$db"
done
rm -rf "$KANAK_STATE"
info "removed $KANAK_STATE (the Odoo download in $KANAK_CACHE is kept)"
