#!/usr/bin/env bash
# Write the workspace's Odoo configuration from the settings in tools/env.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
mkdir -p "$KANAK_STATE/data"
cat > "$KANAK_CONF" <<CONF
[options]
addons_path = $ODOO_ADDONS_PATH
data_dir = $KANAK_STATE/data
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_password = $PGPASSWORD
http_port = $KANAK_HTTP_PORT
http_interface = ${KANAK_HTTP_INTERFACE:-127.0.0.1}
admin_passwd = ${KANAK_MASTER_PASSWORD:-admin}
CONF
