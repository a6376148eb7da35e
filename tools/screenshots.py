"""PNG pictures of the addon's screens, taken by the real browser on the demo database.

Headless Chromium, driven over the DevTools protocol (websocket-client, already a
test requirement): log in through Odoo's own JSON-RPC, put the session cookie in
the browser, open each page, wait until the web client has drawn it, save a PNG.

Usage (see tools/screenshots.sh): screenshots.py --url URL --db DB --out DIR
"""

import argparse
import base64
import io
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket
from PIL import Image

# name: (login, language, path, a CSS selector that means "drawn", width)
PAGES = {
    "sales_flow": (
        "admin",
        "en_US",
        "/odoo/action-kanak_crm_flow.action_sales_flow",
        ".o_kanban_record",
        1600,
    ),
    "sales_flow_es": (
        "admin",
        "es_ES",
        "/odoo/action-kanak_crm_flow.action_sales_flow",
        ".o_kanban_record",
        1600,
    ),
    "initiatives": (
        "ana.torres",
        "en_US",
        "/odoo/action-kanak_crm_flow.action_initiatives",
        ".o_data_row",
        1440,
    ),
    "initiative_form": (
        "admin",
        "en_US",
        "/odoo/action-kanak_crm_flow.action_initiatives/{initiative}",
        ".o_form_view button[name=action_qualify_as_opportunity]",
        1440,
    ),
    "qualify_dialog": (
        "admin",
        "en_US",
        "/odoo/action-kanak_crm_flow.action_initiatives/{initiative}",
        ".modal div[name=user_id]",
        1440,
    ),
    "workload": (
        "admin",
        "en_US",
        "/odoo/action-kanak_crm_flow.kanak_crm_team_member_action_workload",
        ".o_data_row",
        1440,
    ),
    "import_dialog": (
        "admin",
        "en_US",
        "/odoo/action-kanak_crm_flow.action_initiatives/import?active_model=crm.lead",
        ".o_import_action a[href*='kanak_initiatives.xlsx']",
        1440,
    ),
    "contact_returned": (
        "admin",
        "en_US",
        "/odoo/action-kanak_crm_flow.action_initiatives/{returned}",
        ".o-mail-Message",
        1700,
    ),
    "came_back": (
        "admin",
        "en_US",
        "/odoo/action-kanak_crm_flow.action_initiatives/{came_back}",
        ".o-mail-Activity, .o-mail-Message",
        1700,
    ),
    "lost_reasons": (
        "admin",
        "es_ES",
        "/odoo/action-crm.crm_lost_reason_action",
        ".o_data_row td[name=contact_again_days]",
        1440,
    ),
    "team_countries": (
        "admin",
        "en_US",
        "/odoo/action-sales_team.crm_team_action_config/{team_europe}",
        ".o_form_view div[name=country_ids] .o_tag",
        1440,
    ),
    "analysis": (
        "admin",
        "en_US",
        "/odoo/action-kanak_crm_flow.kanak_crm_flow_report_action",
        ".o_pivot table",
        1440,
    ),
    "funnel": (
        "admin",
        "en_US",
        "/odoo/action-kanak_crm_flow.kanak_crm_flow_report_action_funnel",
        ".o_pivot table",
        1440,
    ),
    "speed_to_lead": (
        "admin",
        "en_US",
        "/odoo/action-kanak_crm_flow.kanak_crm_flow_report_action_response",
        ".o_pivot table",
        1440,
    ),
}


def rpc(url, route, params, cookie=None):
    request = urllib.request.Request(
        url + route,
        data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}).encode(),
        headers={"Content-Type": "application/json", **({"Cookie": cookie} if cookie else {})},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.loads(response.read())
        if "error" in answer:
            raise RuntimeError(answer["error"]["data"]["message"])
        return answer.get("result"), response.headers.get("Set-Cookie", "")


def login(url, db, user):
    password = user  # admin/admin and the demo salespeople (demo/crm_lead_demo.xml)
    _result, cookie = rpc(
        url, "/web/session/authenticate", {"db": db, "login": user, "password": password}
    )
    return cookie.split(";")[0].split("=", 1)[1]


def call(url, session, model, method, args, kwargs=None):
    result, _cookie = rpc(
        url,
        f"/web/dataset/call_kw/{model}/{method}",
        {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        cookie=f"session_id={session}",
    )
    return result


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="kanak-shots-")
        binary = shutil.which("chromium") or shutil.which("google-chrome")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        for _ in range(300):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json").read())
        page = next(target for target in targets if target["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0

    def send(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def shoot(self, url, session, path, ready, width, out, click=None):
        host = url.split("//", 1)[1].split(":")[0]
        self.send("Network.enable")
        self.send("Network.setCookie", name="session_id", value=session, domain=host, path="/")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=900,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.send("Page.navigate", url=url + path)
        if click:
            self.wait_for(click)
            self.send("Runtime.evaluate", expression=f"document.querySelector({click!r}).click()")
        self.wait_for(ready)
        time.sleep(0.5)  # the last animations (column counters, avatars) settle
        shot = self.send("Page.captureScreenshot", format="png")
        # 256 colours are plenty for a web client screen: a third of the bytes.
        image = Image.open(io.BytesIO(base64.b64decode(shot["data"])))
        image.convert("RGB").quantize(colors=256).save(out, optimize=True)

    def wait_for(self, selector, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.send(
                "Runtime.evaluate", expression=f"!!document.querySelector({selector!r})"
            )
            if found.get("result", {}).get("value"):
                return
            time.sleep(0.2)
        raise RuntimeError(f"{selector} did not appear")

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


# Lucía (demo data) writes again while her initiative is open: through Odoo's mail
# gateway, as a mail server would hand it over. Its fixed Message-ID makes a second
# run a no-op (the gateway ignores a message it already has).
RETURNING_CONTACT_EMAIL = """\
From: =?utf-8?q?Luc=C3=ADa_Fern=C3=A1ndez?= <lucia.fernandez@example.com.ar>
To: americalatina@example.com
Subject: =?utf-8?q?Tambi=C3=A9n_pintura_para_un_puente?=
Message-ID: <kanak-screenshot-contact-writes-again@example.com.ar>
Date: Mon, 30 Nov 2026 10:00:00 -0300
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Hola:
además de la pintura vial,
necesitamos 500 litros
para un puente en Rosario.
Lucía
"""


def contact_writes_again(url, admin):
    call(url, admin, "mail.thread", "message_process", ["crm.lead", RETURNING_CONTACT_EMAIL])
    found = call(
        url,
        admin,
        "crm.lead",
        "search",
        [[("email_normalized", "=", "lucia.fernandez@example.com.ar")]],
        {"limit": 1, "order": "id"},
    )
    return found[0] if found else ""


def lost_comes_back(url, admin):
    """A lost opportunity whose reason's delay has passed, brought back by the
    scheduled action itself (once: a later run shows the same record)."""
    email = "camille.martin@entrepots-rhone.example.com"
    back = call(
        url,
        admin,
        "crm.lead",
        "search",
        [[("email_from", "=", email), ("came_back_date", "!=", False)]],
        {"limit": 1},
    )
    if back:
        return back[0]
    reason = call(
        url, admin, "crm.lost.reason", "search", [[("name", "=", "Not now / bad timing")]]
    )
    team = call(url, admin, "crm.team", "search", [[("name", "=", "Europe")]], {"limit": 1})
    salesperson = call(
        url,
        admin,
        "crm.team.member",
        "search_read",
        [[("crm_team_id", "=", team[0])]],
        {"fields": ["user_id"], "limit": 1},
    )[0]["user_id"]
    lead = call(
        url,
        admin,
        "crm.lead",
        "create",
        [
            {
                "name": "Anti-slip coating for the Lyon depot",
                "type": "opportunity",
                "contact_name": "Camille Martin",
                "partner_name": "Entrepôts Rhône SAS",
                "email_from": email,
                "team_id": team[0],
                "user_id": salesperson[0],
            }
        ],
    )
    call(url, admin, "crm.lead", "action_set_lost", [[lead]], {"lost_reason_id": reason[0]})
    call(url, admin, "crm.lead", "write", [[lead], {"contact_again_date": "2026-01-01 08:00:00"}])
    cron = call(
        url, admin, "ir.cron", "search", [[("cron_name", "=like", "Sales Flow: bring back%")]]
    )
    call(url, admin, "ir.cron", "method_direct_trigger", [cron])
    return lead


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("names", nargs="*", help="pages (default: all)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sessions = {}
    admin = sessions["admin"] = login(args.url, args.db, "admin")
    initiative = call(
        args.url,
        admin,
        "crm.lead",
        "search",
        [[("type", "=", "lead"), ("name", "ilike", "Frankfurt")]],
        {"limit": 1},
    )
    team_europe = call(
        args.url, admin, "crm.team", "search", [[("name", "=", "Europe")]], {"limit": 1}
    )
    values = {
        "initiative": initiative[0] if initiative else "",
        "team_europe": team_europe[0] if team_europe else "",
        "returned": contact_writes_again(args.url, admin),
    }
    if not args.names or "came_back" in args.names:
        values["came_back"] = lost_comes_back(args.url, admin)
    browser = Browser()
    try:
        for name, (user, lang, path, ready, width) in PAGES.items():
            if args.names and name not in args.names:
                continue
            if user not in sessions:
                sessions[user] = login(args.url, args.db, user)
            user_id = call(
                args.url, sessions[user], "res.users", "search", [[("login", "=", user)]]
            )
            call(args.url, admin, "res.users", "write", [user_id, {"lang": lang}])
            click = (
                ".o_form_view button[name=action_qualify_as_opportunity]"
                if name == "qualify_dialog"
                else None
            )
            target = out / f"{name}.png"
            browser.shoot(
                args.url, sessions[user], path.format(**values), ready, width, target, click=click
            )
            call(args.url, admin, "res.users", "write", [user_id, {"lang": "en_US"}])
            print(f"    {target}")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
