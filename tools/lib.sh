# Helpers shared by the workspace scripts (sourced, after env.sh).
step() { printf '\n==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }

# The project's addons: every folder of the repo root with a manifest.
project_addons() {
    local names=()
    for manifest in "$KANAK_REPO"/*/__manifest__.py; do
        names+=("$(basename "$(dirname "$manifest")")")
    done
    (IFS=,; echo "${names[*]}")
}

db_exists() {
    psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -tAc \
        "select 1 from pg_database where datname = '$1'" | grep -q 1
}

drop_db() {
    db_exists "$1" || return 0
    "$KANAK_REPO/tools/odoo" db drop "$1" >/dev/null 2>&1 \
        || dropdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --if-exists "$1"
    rm -rf "$KANAK_STATE/data/filestore/$1"
}

# Browser tests are skipped by Odoo, not failed, when these are missing.
require_browser_tools() {
    "$KANAK_VENV/bin/python" -c 'import websocket' 2>/dev/null \
        || { echo "error: websocket-client is missing from $KANAK_VENV: run 'make setup'" >&2; return 1; }
    command -v chromium >/dev/null || command -v google-chrome >/dev/null \
        || { echo "error: Chromium is not installed: run 'make setup'" >&2; return 1; }
}

# Summarise an Odoo test log: prints 'N passed, N failed, N skipped' and
# returns non-zero on any failure, error, skipped test or missing result line.
summarise_test_log() {
    local log="$1" result failed errors total skipped
    result="$(grep -E 'odoo\.tests\.result: [0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$log" | tail -n1)"
    if [ -z "$result" ]; then
        echo "error: no test result in $log (Odoo stopped before running the tests)" >&2
        grep -E ' (ERROR|CRITICAL) ' "$log" | tail -n 20 >&2
        echo "0 passed, 1 failed"
        return 1
    fi
    read -r failed errors total < <(sed -E 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1 \2 \3/' <<<"$result")
    skipped="$(grep -cE ' INFO .*: skipped .* : ' "$log" || true)"
    local bad=$((failed + errors))
    local passed=$((total - bad - skipped))
    if [ "$skipped" -gt 0 ]; then
        echo "Skipped tests (a skipped test fails the run):" >&2
        grep -E ' INFO .*: skipped .* : ' "$log" | sed 's/^/    /' >&2
    fi
    if [ "$bad" -gt 0 ]; then
        echo "Failures and errors:" >&2
        grep -E ' (ERROR|CRITICAL) .*(FAIL|ERROR):' "$log" | sed 's/^/    /' >&2
    fi
    echo "$passed passed, $bad failed, $skipped skipped"
    [ "$bad" -eq 0 ] && [ "$skipped" -eq 0 ]
}

# A free loopback port: each test run serves its browser tests on its own, so
# that it can run beside 'make run' or another test run.
free_port() {
    "$KANAK_VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Lines of an Odoo log matching PATTERN, without the timestamp and pid, indented.
show_log_lines() {  # show_log_lines PATTERN LOG
    grep -E "$1" "$2" | sed -E 's/^[0-9-]+ [0-9:,]+ [0-9]+ //' | sed 's/^/    /' || true
}

# A throwaway database PREFIX_<time>_<pid> and its log file, both named in $db and
# $log; the database is dropped when the script exits (plus EXTRA, a command).
scratch_db() {  # scratch_db PREFIX [EXTRA]
    db="$1_$(date +%s)_$$"
    mkdir -p "$KANAK_STATE/logs"
    log="$KANAK_STATE/logs/$db.log"
    # shellcheck disable=SC2064  # expanded now, on purpose: the names are fixed
    trap "drop_db '$db'; ${2:-:}" EXIT
}
