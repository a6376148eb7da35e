#!/usr/bin/env bash
# make pot: regenerate each project addon's i18n/<addon>.pot with Odoo's own export
# (odoo i18n export, on a scratch database where the addons are installed), then
# bring every i18n/*.po onto the new template (tools/i18n_merge.py): translations
# kept, new terms added empty, terms gone from the code dropped.
# With --check (make lint): export to a temporary folder and fail when a committed
# .pot lacks a term of the code or holds one the code no longer has.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"; source "$here/lib.sh"
addons="$(project_addons)"
fresh="$(mktemp -d)"
scratch_db kanak_pot "rm -rf '$fresh'"
step "Installing $addons on scratch database $db (log: $log)"
"$here/odoo" -d "$db" -i "$addons" --without-demo=all --stop-after-init --logfile= > "$log" 2>&1
step "Exporting the templates"
for addon in ${addons//,/ }; do
    "$here/odoo" i18n export -d "$db" -l pot -o "$fresh/$addon.pot" "$addon" >> "$log" 2>&1
done
if [ "${1:-}" = "--check" ]; then
    "$KANAK_VENV/bin/python" "$here/i18n_merge.py" --stale "$fresh" ${addons//,/ }
    exit
fi
for addon in ${addons//,/ }; do
    cp "$fresh/$addon.pot" "$KANAK_REPO/$addon/i18n/$addon.pot"
done
step "Merging the translations"
"$KANAK_VENV/bin/python" "$here/i18n_merge.py" ${addons//,/ }
