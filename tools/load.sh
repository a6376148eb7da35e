#!/usr/bin/env bash
# make load: Odoo in multi-worker mode on loopback, 8 concurrent JSON-RPC clients
# creating and qualifying 2,000 initiatives (bench/load.py), then the server is
# stopped. Prints requests, errors, retried conflicts and p50/p95 per call, checks
# the database holds exactly what the clients did, and writes bench/results.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"; source "$here/lib.sh"
db="kanak_load"
addons="$(project_addons)"
workers="${KANAK_LOAD_WORKERS:-2}"
mkdir -p "$KANAK_STATE/logs"
log="$KANAK_STATE/logs/load.log"
drop_db "$db"
step "Building $db with $addons (log: $log)"
"$here/odoo" -d "$db" -i "$addons" --stop-after-init --log-level=warn --logfile= > "$log" 2>&1
host=127.0.0.1  # loopback only
port="$(free_port)"
url="http://$host:$port"
step "Starting Odoo on $url with --workers=$workers"
"$here/odoo" -d "$db" --db-filter="^$db\$" --workers="$workers" --max-cron-threads=0 \
    --http-interface="$host" --http-port="$port" --gevent-port="$(free_port)" \
    --limit-time-real=600 --limit-time-cpu=600 --log-level=warn --logfile= >> "$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 120); do
    curl -sf "$url/web/login" > /dev/null && break
    kill -0 "$server" 2>/dev/null || { echo "Odoo did not start; see $log" >&2; exit 1; }
    sleep 1
done
step "Running ${KANAK_LOAD_CLIENTS:-8} clients, ${KANAK_LOAD_TOTAL:-2000} initiatives"
"$KANAK_VENV/bin/python" "$KANAK_REPO/bench/load.py" --url "$url" --db "$db" \
    --clients "${KANAK_LOAD_CLIENTS:-8}" --total "${KANAK_LOAD_TOTAL:-2000}" --workers "$workers"
