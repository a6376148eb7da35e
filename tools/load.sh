#!/usr/bin/env bash
# make load: the project under load as a team grown out of one machine runs it.
#
# By default (the topology): a PostgreSQL primary and a streaming replica of their own
# (initdb + pg_basebackup, own ports, under .workspace/load-cluster; the system
# PostgreSQL is not touched), two Odoo servers in prefork mode on the primary with the
# replica as db_replica_host (crons on the first only), and bench/load.py's clients
# spread over both. KANAK_LOAD_TOPOLOGY=0: one server on the workspace's PostgreSQL,
# for a laptop. Sizes: KANAK_LOAD_SALESPEOPLE, _INITIATIVES, _EMAILS, _FORMS, _WORKERS.
# Prints p50/p95 per call, errors, the replica's share of reads and the exactness
# checks, and writes its section of bench/results.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"; source "$here/lib.sh"
db="kanak_load"
addons="$(project_addons)"
workers="${KANAK_LOAD_WORKERS:-2}"
topology="${KANAK_LOAD_TOPOLOGY:-1}"
host=127.0.0.1  # loopback only
mkdir -p "$KANAK_STATE/logs"
log="$KANAK_STATE/logs/load.log"
: > "$log"
pids=()
cluster="$KANAK_STATE/load-cluster"
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"

# PostgreSQL refuses to run as root: the clusters belong to the postgres account then.
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ "$topology" = 1 ]; then
        for node in replica primary; do
            [ -f "$cluster/$node/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$cluster/$node" -m fast stop >> "$log" 2>&1 || true
        done
    fi
}
trap stop_all EXIT

db_args=()
if [ "$topology" = 1 ]; then
    [ -x "$pgbin/initdb" ] && [ -x "$pgbin/pg_basebackup" ] \
        || { echo "error: PostgreSQL server binaries (initdb, pg_basebackup) not found under /usr/lib/postgresql" >&2; exit 1; }
    primary_port="$(free_port)"; replica_port="$(free_port)"
    step "PostgreSQL primary on $host:$primary_port and streaming replica on $host:$replica_port ($cluster)"
    for node in replica primary; do
        [ -f "$cluster/$node/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$cluster/$node" -m immediate stop >> "$log" 2>&1 || true
    done
    rm -rf "$cluster"; mkdir -p "$cluster"
    [ "$(id -u)" = 0 ] && { chown postgres "$cluster"; chmod o+x "$KANAK_STATE"; }
    as_pg "$pgbin/initdb" -D "$cluster/primary" -U postgres -A trust --no-sync >> "$log" 2>&1
    cat >> "$cluster/primary/postgresql.conf" <<EOF
listen_addresses = '$host'
port = $primary_port
unix_socket_directories = '$cluster'
max_connections = 200
wal_level = replica
max_wal_senders = 4
hot_standby = on
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
EOF
    as_pg "$pgbin/pg_ctl" -D "$cluster/primary" -l "$cluster/primary.log" -w start >> "$log" 2>&1
    # The replica: a base backup of the primary, streaming from it (-R writes the
    # standby signal and primary_conninfo); only its port differs.
    as_pg "$pgbin/pg_basebackup" -h "$host" -p "$primary_port" -U postgres -D "$cluster/replica" -R -X stream >> "$log" 2>&1
    echo "port = $replica_port" >> "$cluster/replica/postgresql.conf"
    as_pg "$pgbin/pg_ctl" -D "$cluster/replica" -l "$cluster/replica.log" -w start >> "$log" 2>&1
    psql -h "$host" -p "$primary_port" -U postgres -d postgres -qc \
        "CREATE ROLE \"$PGUSER\" LOGIN CREATEDB PASSWORD '$PGPASSWORD'" >> "$log"
    db_args=(--db_host="$host" --db_port="$primary_port")
    server_args=(--db_replica_host="$host" --db_replica_port="$replica_port")
    servers=2
else
    server_args=()
    servers=1
    drop_db "$db"
fi
rm -rf "$KANAK_STATE/data/filestore/$db"

step "Building $db with $addons (log: $log)"
"$here/odoo" "${db_args[@]}" -d "$db" -i "$addons" --stop-after-init --log-level=warn --logfile= >> "$log" 2>&1
if [ "$topology" = 1 ]; then
    # Counts each server's statements (created on the primary, replicated).
    psql -h "$host" -p "$primary_port" -U postgres -d "$db" -qc "CREATE EXTENSION pg_stat_statements" >> "$log"
fi

urls=()
for index in $(seq "$servers"); do
    port="$(free_port)"
    crons=0; [ "$index" = 1 ] && crons=1
    step "Odoo server $index on http://$host:$port: --workers=$workers, cron threads $crons"
    "$here/odoo" "${db_args[@]}" "${server_args[@]}" -d "$db" --db-filter="^$db\$" \
        --workers="$workers" --max-cron-threads="$crons" \
        --http-interface="$host" --http-port="$port" --gevent-port="$(free_port)" \
        --limit-time-real=600 --limit-time-cpu=600 --log-level=warn --logfile= >> "$log" 2>&1 &
    pids+=("$!")
    urls+=(--url "http://$host:$port")
    for _ in $(seq 120); do
        curl -sf "http://$host:$port/web/login" > /dev/null && break
        kill -0 "${pids[-1]}" 2>/dev/null || { echo "Odoo did not start; see $log" >&2; exit 1; }
        sleep 1
    done
done

replica_args=()
[ "$topology" = 1 ] && replica_args=(--primary-port "$primary_port" --replica-port "$replica_port")
step "Clients at work"
"$KANAK_VENV/bin/python" "$KANAK_REPO/bench/load.py" "${urls[@]}" --db "$db" --workers "$workers" \
    --salespeople "${KANAK_LOAD_SALESPEOPLE:-6}" --initiatives "${KANAK_LOAD_INITIATIVES:-600}" \
    --emails "${KANAK_LOAD_EMAILS:-200}" --forms "${KANAK_LOAD_FORMS:-100}" "${replica_args[@]}"
