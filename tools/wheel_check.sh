#!/usr/bin/env bash
# Part of make test: install the wheels of make dist the way an administrator does,
# in a fresh virtualenv next to Odoo (Odoo's requirements, then the wheels, without
# the repository on the addons path), and install the addons on a scratch database.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"; source "$here/lib.sh"
addons="$(project_addons)"
work="$(mktemp -d)"
scratch_db kanak_wheels "rm -rf '$work'"
step "Wheels: building them, installing them in a fresh virtualenv (log: $log)"
"$here/dist.sh" "$work/dist" >> "$log" 2>&1
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet -r "$KANAK_REPO/requirements.txt" >> "$log" 2>&1
"$work/venv/bin/pip" install --quiet --no-deps "$work"/dist/*.whl >> "$log" 2>&1
for addon in ${addons//,/ }; do
    found="$(PYTHONPATH="$ODOO_PYPATH" "$work/venv/bin/python" -c \
        "import odoo.addons.$addon as m; print(m.__path__[0])")"
    case "$found" in "$work"/venv/*) info "$addon comes from its wheel" ;;
        *) echo "error: $addon imported from $found, not from its wheel" >&2; exit 1 ;; esac
done
PYTHONPATH="$ODOO_PYPATH" "$work/venv/bin/python" -m odoo -c "$KANAK_CONF" -d "$db" \
    --addons-path "$ODOO_PYPATH/odoo/addons" -i "$addons" --stop-after-init \
    --log-level=warn --logfile= >> "$log" 2>&1
installed="$(psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$db" -tAc \
    "SELECT count(*) FROM ir_module_module WHERE state = 'installed' AND name = ANY(string_to_array('$addons', ','))")"
if [ "$installed" != "$(tr , '\n' <<<"$addons" | wc -l)" ]; then
    echo "error: the wheels did not install ($installed installed); see $log" >&2
    exit 1
fi
info "wheels ok: $addons installed from their wheels"
