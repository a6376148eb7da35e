#!/usr/bin/env bash
# Bootstrap the workspace: Odoo 19, the Python venv, PostgreSQL role, Chromium.
# Idempotent: every step checks first and only does what is missing.
# Settings (environment, with defaults): see tools/env.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=tools/env.sh
source "$here/env.sh"

step() { printf '\n==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "error: '$*' needs root; run it yourself or install sudo" >&2; exit 1; fi
}

apt_updated=""
apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    if [ ${#missing[@]} -eq 0 ]; then info "already installed: $*"; return; fi
    info "installing with apt: ${missing[*]}"
    if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# --------------------------------------------------------------------------
step "System packages (Debian): files Debian's Odoo package expects under /usr/share, Chromium for tours"
apt_install libjs-jquery libjs-jquery-form libjs-underscore fonts-font-awesome \
    fonts-roboto-unhinted fonts-ocr-b fonts-inconsolata libmagic1 chromium
# Odoo renders PDF reports (a quotation sent by email) with it.
apt_install wkhtmltopdf
command -v npm >/dev/null || apt_install npm

# --------------------------------------------------------------------------
# Debian's sid suite is the only registry source of Odoo 19 here. A private
# apt state keeps sid out of the system's sources: nothing gets installed
# from it, packages are only downloaded and unpacked.
sid_download() {  # sid_download PACKAGE DESTDIR
    local pkg="$1" dest="$2" state="$KANAK_CACHE/apt-sid"
    mkdir -p "$state/lists/partial" "$dest"
    local uri
    uri="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
    [ -n "$uri" ] || uri="$(awk '/^deb / && !/security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
    [ -n "$uri" ] || { echo "error: no Debian mirror found in the machine's apt sources" >&2; exit 1; }
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri sid main" > "$state/sources.list"
    local opts=(-o "Dir::Etc::SourceList=$state/sources.list" -o Dir::Etc::SourceParts=/dev/null
                -o "Dir::State::Lists=$state/lists" -o Debug::NoLocking=1)
    # apt's download user cannot write into a cache under a private home.
    [ "$(id -u)" = 0 ] && opts+=(-o APT::Sandbox::User=root)
    if [ -z "$(find "$state/lists" -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null)" ]; then
        info "refreshing the private package list of Debian sid"
        apt-get "${opts[@]}" update -qq
    fi
    (cd "$dest" && apt-get "${opts[@]}" download -qq "$pkg")
}

odoo_version_of() {  # release.py alone, without importing the odoo package
    python3 - "$1/odoo/release.py" <<'PY' 2>/dev/null || true
import sys
scope = {}
exec(open(sys.argv[1]).read(), scope)
print(scope["version"])
PY
}

step "Odoo 19 Community"
if [ -n "${ODOO_SRC:-}" ]; then
    [ -f "$ODOO_SRC/odoo/release.py" ] || [ -f "$ODOO_SRC/release.py" ] || {
        echo "error: ODOO_SRC=$ODOO_SRC is not an Odoo source tree (no odoo/release.py)" >&2; exit 1; }
    info "using ODOO_SRC=$ODOO_SRC"
else
    if [ ! -f "$ODOO_PYPATH/odoo/release.py" ]; then
        debdir="$KANAK_CACHE/debs"
        if ! ls "$debdir"/odoo-19_*.deb >/dev/null 2>&1; then
            info "downloading Debian's odoo-19 package (about 123 MB) into $debdir"
            sid_download odoo-19 "$debdir"
        fi
        deb="$(ls "$debdir"/odoo-19_*.deb | sort | tail -n1)"
        info "unpacking $(basename "$deb") into $KANAK_CACHE/odoo-19 (about 1.2 GB)"
        rm -rf "$KANAK_CACHE/odoo-19.partial"
        dpkg -x "$deb" "$KANAK_CACHE/odoo-19.partial"
        rm -rf "$KANAK_CACHE/odoo-19"
        mv "$KANAK_CACHE/odoo-19.partial" "$KANAK_CACHE/odoo-19"
    else
        info "already unpacked: $ODOO_PYPATH"
    fi
    addons="$ODOO_PYPATH/odoo/addons"
    # Debian swapped bundled web assets for relative links into /usr/share; after
    # dpkg -x they point inside the unpacked tree. Re-point them at the system files.
    fixed=0
    while IFS= read -r link; do
        target="$(readlink "$link")"
        case "$target" in /*) continue ;; esac
        sys="/usr/${target##*../}"
        if [ -e "$sys" ]; then ln -sfn "$sys" "$link"; fixed=$((fixed+1)); fi
    done < <(find "$ODOO_PYPATH" -xtype l -lname '*share/*')
    info "re-pointed $fixed dangling links at /usr/share"
    left="$(find "$ODOO_PYPATH" -xtype l | wc -l)"
    if [ "$left" -gt 0 ]; then
        if [ ! -d /usr/share/fonts/truetype/montserrat ] && [ ! -d "$KANAK_CACHE/montserrat" ]; then
            info "fetching Debian sid's fonts-montserrat for the remaining font links"
            sid_download fonts-montserrat "$KANAK_CACHE/debs" || true
            mdeb="$(ls "$KANAK_CACHE"/debs/fonts-montserrat_*.deb 2>/dev/null | tail -n1 || true)"
            [ -n "$mdeb" ] && dpkg -x "$mdeb" "$KANAK_CACHE/montserrat"
        fi
        while IFS= read -r link; do
            target="$(readlink "$link")"
            cand="$KANAK_CACHE/montserrat/usr/${target##*../}"
            [ -e "$cand" ] && ln -sfn "$cand" "$link"
        done < <(find "$ODOO_PYPATH" -xtype l)
        info "links still dangling: $(find "$ODOO_PYPATH" -xtype l | wc -l)"
    fi
    # Debian dropped this file; without it no web asset bundle builds.
    selfie="$addons/mail/static/lib/selfie_segmentation/selfie_segmentation.js"
    if [ ! -s "$selfie" ]; then
        info "restoring selfie_segmentation.js from its npm package"
        tmp="$(mktemp -d)"
        (cd "$tmp" && npm pack --silent @mediapipe/selfie_segmentation@0.1.1675465747 >/dev/null \
            && tar xzf mediapipe-selfie_segmentation-*.tgz)
        mkdir -p "$(dirname "$selfie")"
        cp "$tmp/package/selfie_segmentation.js" "$selfie"
        rm -rf "$tmp"
    fi
fi
ODOO_VERSION="$(odoo_version_of "$ODOO_PYPATH")"
case "$ODOO_VERSION" in 19.*) ;; *) echo "error: expected Odoo 19, found '${ODOO_VERSION:-nothing}' at $ODOO_PYPATH" >&2; exit 1 ;; esac
mkdir -p "$KANAK_STATE"
echo "$ODOO_VERSION $ODOO_PYPATH" > "$KANAK_STATE/odoo-version"
info "Odoo version in use: $ODOO_VERSION ($ODOO_PYPATH)"

# --------------------------------------------------------------------------
step "Python virtual environment ($KANAK_VENV)"
if [ ! -x "$KANAK_VENV/bin/python" ]; then
    info "creating it with $(python3 --version)"
    python3 -m venv "$KANAK_VENV"
fi
stamp="$KANAK_VENV/.requirements.sha"
want="$(cat "$KANAK_REPO/requirements.txt" "$KANAK_REPO/requirements-dev.txt" | sha1sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    info "installing requirements.txt and requirements-dev.txt"
    # grep: this machine's pip config names local index folders that may be absent.
    "$KANAK_VENV/bin/pip" install -q --upgrade pip wheel 2>&1 | { grep -v 'is ignored: it is neither' || true; }
    "$KANAK_VENV/bin/pip" install -q -r "$KANAK_REPO/requirements.txt" -r "$KANAK_REPO/requirements-dev.txt" \
        2>&1 | { grep -v 'is ignored: it is neither' || true; }
    [ "${PIPESTATUS[0]}" = 0 ] || { echo "error: pip install failed (see above)" >&2; exit 1; }
    echo "$want" > "$stamp"
else
    info "requirements already installed"
fi

# --------------------------------------------------------------------------
step "PostgreSQL at $PGHOST:$PGPORT"
pg_ready() { pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; }
if ! pg_ready; then
    if [ "$PGHOST" = 127.0.0.1 ] || [ "$PGHOST" = localhost ]; then
        info "no server answers: installing/starting Debian's postgresql"
        apt_install postgresql
        cluster="$(ls /etc/postgresql | sort -V | tail -n1)"
        as_root pg_ctlcluster --skip-systemctl-redirect "$cluster" main start || true
        for _ in $(seq 30); do pg_ready && break; sleep 1; done
    fi
    pg_ready || { echo "error: PostgreSQL does not answer at $PGHOST:$PGPORT" >&2; exit 1; }
fi
info "server answers"
# Odoo refuses the 'postgres' role; it gets a login role of its own.
if psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    info "role $PGUSER can log in"
else
    info "creating login role $PGUSER with CREATEDB"
    admin=(psql -h "$PGHOST" -p "$PGPORT" -U "${PGADMIN:-postgres}" -d postgres -v ON_ERROR_STOP=1 -q)
    if ! "${admin[@]}" -c 'select 1' >/dev/null 2>&1; then
        admin=(as_root runuser -u postgres -- psql -p "$PGPORT" -d postgres -v ON_ERROR_STOP=1 -q)
    fi
    "${admin[@]}" -c "CREATE ROLE \"$PGUSER\" LOGIN CREATEDB PASSWORD '$PGPASSWORD'"
fi

# --------------------------------------------------------------------------
step "Odoo configuration ($KANAK_CONF)"
"$here/write-config.sh"
info "written"

step "Ready: Odoo $ODOO_VERSION, $("$KANAK_VENV/bin/python" --version), $(chromium --version 2>/dev/null | head -n1)"
