"""Multi-worker load: concurrent JSON-RPC clients create and qualify initiatives.

Each client logs in as its own salesperson and, for its share of the total,
creates an initiative then qualifies it (the Qualify as Opportunity button's
method). A call that meets a conflict (a serialization failure Odoo could not
retry away, or a record someone else changed) is retried by the client, up to
3 times, and counted; anything else is an error. At the end the database must
hold exactly what the clients report having done.

Usage (see tools/load.sh): load.py --url URL --db DB [--clients 8] [--total 2000]
"""

import argparse
import json
import statistics
import sys
import threading
import time
import urllib.request
from datetime import datetime
from datetime import timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import results

CONFLICT_MARKERS = ("could not serialize", "concurrent update", "deadlock detected")


class RpcError(Exception):
    pass


def rpc(url, service, method, *args):
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"service": service, "method": method, "args": args},
    }
    request = urllib.request.Request(
        f"{url}/jsonrpc", json.dumps(payload).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=300) as response:
        answer = json.loads(response.read())
    if "error" in answer:
        data = answer["error"].get("data") or {}
        raise RpcError(f"{data.get('name', '')}: {data.get('message', answer['error'])}")
    return answer["result"]


class Client(threading.Thread):
    def __init__(self, url, db, login, count, team_id, prefix):
        super().__init__()
        self.url, self.db, self.login, self.count = url, db, login, count
        self.team_id, self.prefix = team_id, prefix
        self.timings = {"create": [], "qualify": []}
        self.conflicts = {"create": 0, "qualify": 0}
        self.errors = []
        self.created, self.qualified = [], []

    def call(self, kind, model, method, *args):
        for attempt in range(4):
            started = time.perf_counter()
            try:
                result = rpc(
                    self.url,
                    "object",
                    "execute_kw",
                    self.db,
                    self.uid,
                    self.login,
                    model,
                    method,
                    list(args),
                )
            except RpcError as error:
                if any(marker in str(error) for marker in CONFLICT_MARKERS) and attempt < 3:
                    self.conflicts[kind] += 1
                    time.sleep(0.1 * (attempt + 1))
                    continue
                self.errors.append(f"{kind}: {error}")
                return None
            finally:
                self.timings[kind].append(time.perf_counter() - started)
            return result
        return None

    def run(self):
        self.uid = rpc(self.url, "common", "login", self.db, self.login, self.login)
        for index in range(self.count):
            name = f"{self.prefix} {self.login} {index}"
            values = {
                "name": name,
                "type": "lead",
                "user_id": self.uid,
                "team_id": self.team_id,
                "email_from": f"{self.login}.{index}@example.com",
                "contact_name": f"Load contact {index}",
            }
            lead_id = self.call("create", "crm.lead", "create", values)
            if not lead_id:
                continue
            self.created.append(lead_id)
            if (
                self.call("qualify", "crm.lead", "action_qualify_as_opportunity", [lead_id])
                is not None
            ):
                self.qualified.append(lead_id)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--total", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    admin = rpc(args.url, "common", "login", args.db, "admin", "admin")

    def as_admin(model, method, *call_args):
        return rpc(
            args.url,
            "object",
            "execute_kw",
            args.db,
            admin,
            "admin",
            model,
            method,
            list(call_args),
        )

    stamp = datetime.now(timezone.utc).strftime("%H%M%S")
    prefix = f"Load initiative {stamp}"
    group = as_admin(
        "ir.model.data", "check_object_reference", "sales_team", "group_sale_salesman"
    )[1]
    logins = [f"load_salesperson_{stamp}_{index}" for index in range(args.clients)]
    user_ids = [
        as_admin(
            "res.users",
            "create",
            {"name": login, "login": login, "password": login, "group_ids": [(6, 0, [group])]},
        )
        for login in logins
    ]
    team_id = as_admin(
        "crm.team",
        "create",
        {"name": f"Load team {stamp}", "use_leads": True, "member_ids": [(6, 0, user_ids)]},
    )

    share = [
        args.total // args.clients + (1 if index < args.total % args.clients else 0)
        for index in range(args.clients)
    ]
    clients = [
        Client(args.url, args.db, login, count, team_id, prefix)
        for login, count in zip(logins, share, strict=True)
    ]
    started = time.perf_counter()
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    elapsed = time.perf_counter() - started

    created = sum(len(client.created) for client in clients)
    qualified = sum(len(client.qualified) for client in clients)
    errors = [error for client in clients for error in client.errors]
    in_db_leads = as_admin("crm.lead", "search_count", [("name", "=like", f"{prefix} %")])
    in_db_opportunities = as_admin(
        "crm.lead",
        "search_count",
        [
            ("name", "=like", f"{prefix} %"),
            ("type", "=", "opportunity"),
            ("date_conversion", "!=", False),
        ],
    )
    in_db_initiatives = as_admin(
        "crm.lead", "search_count", [("name", "=like", f"{prefix} %"), ("type", "=", "lead")]
    )

    rows = []
    for kind in ("create", "qualify"):
        timings = [t for client in clients for t in client.timings[kind]]
        failed = sum(1 for error in errors if error.startswith(kind))
        retried = sum(client.conflicts[kind] for client in clients)
        p50 = statistics.median(timings) * 1000 if timings else 0
        p95 = percentile(timings, 0.95) * 1000
        rows.append(f"| {kind} | {len(timings)} | {failed} | {retried} | {p50:.0f} | {p95:.0f} |")
    consistent = (
        in_db_leads == created
        and in_db_opportunities == qualified
        and in_db_initiatives == created - qualified
        and created == args.total
        and qualified == args.total
        and not errors
    )
    report = "\n".join(
        [
            f"{args.clients} JSON-RPC clients, {args.total} initiatives created then qualified, "
            f"Odoo with --workers={args.workers} on loopback, {elapsed:.0f} s in all "
            f"(last run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC).",
            "",
            "| call | requests | errors | retried conflicts | p50 ms | p95 ms |",
            "|---|---:|---:|---:|---:|---:|",
            *rows,
            "",
            f"Clients report {created} created and {qualified} qualified; the database holds "
            f"{in_db_leads} records, {in_db_opportunities} qualified opportunities, "
            f"{in_db_initiatives} initiatives: "
            f"{'exact' if consistent else 'MISMATCH'}.",
        ]
    )
    print(report)
    for error in errors[:20]:
        print(f"    error: {error}")
    results.write_section("load", f"## Load (make load)\n\n{report}")
    print(f"\nwritten: {results.RESULTS}")
    return 0 if consistent else 1


if __name__ == "__main__":
    sys.exit(main())
