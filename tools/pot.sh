#!/usr/bin/env bash
# make pot: regenerate each project addon's i18n/<addon>.pot with Odoo's own export
# (odoo i18n export, on a scratch database where the addons are installed), then
# bring every i18n/*.po onto the new template (tools/i18n_merge.py): translations
# kept, new terms added empty, terms gone from the code dropped.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"; source "$here/lib.sh"
addons="$(project_addons)"
scratch_db kanak_pot
step "Installing $addons on scratch database $db (log: $log)"
"$here/odoo" -d "$db" -i "$addons" --without-demo=all --stop-after-init --logfile= > "$log" 2>&1
step "Exporting the templates"
"$here/odoo" i18n export -d "$db" ${addons//,/ } >> "$log" 2>&1
step "Merging the translations"
"$KANAK_VENV/bin/python" "$here/i18n_merge.py" ${addons//,/ }
