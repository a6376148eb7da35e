# Workspace settings, sourced by every script in tools/. Each can be overridden
# from the environment; the defaults suit a fresh machine of this project's kind.
KANAK_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Downloads shared by every clone on the machine (the Odoo package, unpacked).
KANAK_CACHE="${KANAK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kanak_crm_flow}"
# Per clone, ignored by git: the venv, the Odoo config, filestore and logs.
KANAK_VENV="${KANAK_VENV:-$KANAK_REPO/.venv}"
KANAK_STATE="${KANAK_STATE:-$KANAK_REPO/.workspace}"
KANAK_CONF="$KANAK_STATE/odoo.conf"
# The folder that holds the 'odoo' Python package: an Odoo 19 source tree
# (git checkout or unpacked package) given as ODOO_SRC, or Debian's package unpacked here.
if [ -n "${ODOO_SRC:-}" ]; then
    ODOO_PYPATH="$ODOO_SRC"
    [ -f "$ODOO_SRC/odoo/release.py" ] || ODOO_PYPATH="$(dirname "$ODOO_SRC")"
else
    ODOO_PYPATH="$KANAK_CACHE/odoo-19/usr/lib/python3/dist-packages"
fi
ODOO_ADDONS_PATH="$KANAK_REPO,$ODOO_PYPATH/odoo/addons"
[ -f "$ODOO_PYPATH/odoo-bin" ] && ODOO_ADDONS_PATH="$ODOO_ADDONS_PATH,$ODOO_PYPATH/addons"
# PostgreSQL: the server to use and the login role Odoo connects as.
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-kanak}"
PGPASSWORD="${PGPASSWORD:-kanak}"
KANAK_DEMO_DB="${KANAK_DEMO_DB:-kanak_demo}"
KANAK_HTTP_PORT="${KANAK_HTTP_PORT:-8069}"
export KANAK_REPO KANAK_CACHE KANAK_VENV KANAK_STATE KANAK_CONF ODOO_PYPATH ODOO_ADDONS_PATH
export PGHOST PGPORT PGUSER PGPASSWORD KANAK_DEMO_DB KANAK_HTTP_PORT
