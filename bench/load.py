"""Load on several Odoo servers: the project's personas at work, at once, over HTTP.

Clients talk to Odoo as its web client does (a session cookie, `/web/action/load`,
`get_views`, `/web/dataset/call_kw` and `call_button`), so that what only reads
goes where Odoo sends read-only requests: the replica, when the servers have one
(`db_replica_host`). Each client spreads its requests over every server given,
round robin, on one session: the sessions live in the shared data folder, nothing
in a server's memory.

- salespeople (own documents; the first one sees all documents) create initiatives,
  open the Initiatives list and the Sales Flow board, qualify four in five and
  disqualify the fifth through the Disqualify dialog;
- a sales manager opens the reports (Sales Flow Analysis, Speed to Lead, Initiative
  Funnel) and the Workload screen, again and again while the salespeople work;
- the mail gateway (as odoo-mailgate does, over `/jsonrpc`) delivers RFC 822
  emails to a team alias, a fifth of them second emails of the same senders;
- public visitors post the website's contact form, a fifth of them twice.

A call that meets a conflict Odoo could not retry away is retried by the client, up
to 3 times, and counted; anything else is an error. At the end the database must
hold exactly what the clients did: every record, every email's message, every
form's text, and one open record per contact (the one-contact rule).

Usage (see tools/load.sh): load.py --url URL [--url URL2] --db DB
    [--salespeople 6] [--initiatives 600] [--emails 200] [--forms 100]
    [--primary-port P --replica-port R]   (the share of reads the replica served)
"""

import argparse
import ast
import http.cookiejar
import itertools
import json
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree
from datetime import datetime
from datetime import timezone
from email.message import EmailMessage
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import results

CONFLICT_MARKERS = ("could not serialize", "concurrent update", "deadlock detected")
SCREENS = {
    "Initiatives list": "kanak_crm_flow.action_initiatives",
    "Sales Flow board": "kanak_crm_flow.action_sales_flow",
    "Sales Flow Analysis": "kanak_crm_flow.kanak_crm_flow_report_action",
    "Speed to Lead": "kanak_crm_flow.kanak_crm_flow_report_action_response",
    "Initiative Funnel": "kanak_crm_flow.kanak_crm_flow_report_action_funnel",
    "Workload": "kanak_crm_flow.kanak_crm_team_member_action_workload",
}


class RpcError(Exception):
    pass


class Session:
    """One browser: a cookie jar, requests spread over the servers round robin."""

    def __init__(self, urls, offset=0):
        self.urls = itertools.cycle(urls[offset % len(urls) :] + urls[: offset % len(urls)])
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.lock = threading.Lock()

    def next_url(self):
        with self.lock:
            return next(self.urls)

    def json(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "params": params}
        request = urllib.request.Request(
            f"{self.next_url()}{path}",
            json.dumps(payload).encode(),
            {"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=300) as response:
            answer = json.loads(response.read())
        if "error" in answer:
            data = answer["error"].get("data") or {}
            raise RpcError(f"{data.get('name', '')}: {data.get('message', answer['error'])}")
        return answer["result"]

    def post_form(self, path, fields):
        request = urllib.request.Request(
            f"{self.next_url()}{path}", urllib.parse.urlencode(fields).encode()
        )
        with self.opener.open(request, timeout=300) as response:
            return response.read()

    def authenticate(self, db, login, password):
        info = self.json(
            "/web/session/authenticate", {"db": db, "login": login, "password": password}
        )
        self.context = info["user_context"]
        return info["uid"]

    def call(self, model, method, args, kwargs=None):
        kwargs = dict(kwargs or {})
        kwargs["context"] = {**self.context, **kwargs.get("context", {})}
        return self.json(
            f"/web/dataset/call_kw/{model}.{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def button(self, model, method, ids, context=None):
        return self.json(
            f"/web/dataset/call_button/{model}.{method}",
            {
                "model": model,
                "method": method,
                "args": [ids],
                "kwargs": {"context": {**self.context, **(context or {})}},
            },
        )


def literal(text, default):
    """An action's domain or context as the web client evaluates it, for the
    literal ones (ours are)."""
    try:
        return ast.literal_eval(text) if text else default
    except (ValueError, SyntaxError):
        return default


def open_screen(session, xmlid):
    """What the web client asks to draw an action's first view."""
    action = session.json("/web/action/load", {"action_id": xmlid})
    model = action["res_model"]
    context = literal(action.get("context"), {})
    context = {k: v for k, v in context.items() if not k.startswith(("search_", "default_"))}
    domain = literal(action.get("domain"), [])
    view_id, view_type = action["views"][0]
    views = session.call(model, "get_views", [], {"views": [[view_id, view_type]]})
    arch = ElementTree.fromstring(views["views"][view_type]["arch"])
    fields = views["models"][model]["fields"]
    spec = {
        name: {"fields": {"display_name": {}}} if info["type"] == "many2one" else {}
        for name, info in fields.items()
        if info["type"] not in ("one2many", "many2many", "properties", "properties_definition")
    }
    call_context = {"context": context}
    group_by = context.get("group_by") or arch.get("default_group_by")
    if view_type in ("list", "kanban") and group_by:
        session.call(
            model,
            "web_read_group",
            [domain, [group_by] if isinstance(group_by, str) else group_by, []],
            {
                "auto_unfold": view_type == "kanban",
                "unfold_read_specification": spec,
                "unfold_read_default_limit": 80,
                **call_context,
            },
        )
    elif view_type in ("list", "kanban"):
        session.call(model, "web_search_read", [domain, spec], {"limit": 80, "count_limit": 10001})
    else:
        rows, cols, measures = [], [], []
        for node in arch.iter("field"):
            name = node.get("name")
            if node.get("interval"):
                name = f"{name}:{node.get('interval')}"
            {"row": rows, "col": cols, "measure": measures}.get(node.get("type"), []).append(name)
        measures = context.get("pivot_measures") or measures or ["__count"]
        aggregates = [
            m if m == "__count" else f"{m}:{fields.get(m, {}).get('aggregator') or 'sum'}"
            for m in measures
        ]
        groupings = [[], rows, cols, rows + cols] if view_type == "pivot" else [rows + cols]
        for grouping in groupings:
            session.call(model, "formatted_read_group", [domain, grouping, aggregates])


class Worker(threading.Thread):
    """One persona's client; self.work() does its share."""

    def __init__(self, urls, db, login, index):
        super().__init__()
        self.session = Session(urls, index)
        self.db, self.login = db, login
        self.timings, self.conflicts, self.errors = {}, {}, []

    def timed(self, kind, function, *args, **kwargs):
        for attempt in range(4):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            except RpcError as error:
                if any(marker in str(error) for marker in CONFLICT_MARKERS) and attempt < 3:
                    self.conflicts[kind] = self.conflicts.get(kind, 0) + 1
                    time.sleep(0.1 * (attempt + 1))
                    continue
                self.errors.append(f"{kind}: {error}")
                return None
            except OSError as error:
                self.errors.append(f"{kind}: {error!r}")
                return None
            finally:
                self.timings.setdefault(kind, []).append(time.perf_counter() - started)
        return None

    def run(self):
        try:
            self.work()
        except Exception as error:  # a client that dies is an error to report
            self.errors.append(f"client {self.login}: {error!r}")


class Salesperson(Worker):
    def __init__(self, urls, db, login, index, count, team_id, lost_reason_id, prefix):
        super().__init__(urls, db, login, index)
        self.count, self.team_id, self.prefix = count, team_id, prefix
        self.lost_reason_id = lost_reason_id
        self.created, self.qualified, self.disqualified = [], [], []

    def work(self):
        uid = self.session.authenticate(self.db, self.login, self.login)
        call = self.session.call
        for index in range(self.count):
            values = {
                "name": f"{self.prefix} {self.login} {index}",
                "user_id": uid,
                "team_id": self.team_id,
                "email_from": f"{self.login}.{index}@example.com",
                "contact_name": f"Load contact {index}",
            }
            lead_id = self.timed(
                "create",
                call,
                "crm.lead",
                "create",
                [values],
                {"context": {"default_type": "lead"}},
            )
            if not lead_id:
                continue
            self.created.append(lead_id)
            if index % 5 == 0:
                self.timed(
                    "Initiatives list", open_screen, self.session, SCREENS["Initiatives list"]
                )
            if index % 5 == 4:
                self.disqualify(lead_id)
            elif (
                self.timed(
                    "qualify",
                    self.session.button,
                    "crm.lead",
                    "action_qualify_as_opportunity",
                    [lead_id],
                )
                is not None
            ):
                self.qualified.append(lead_id)
            if index % 5 == 2:
                self.timed(
                    "Sales Flow board", open_screen, self.session, SCREENS["Sales Flow board"]
                )

    def disqualify(self, lead_id):
        """The Disqualify dialog: a crm.lead.lost for the record, then its button."""
        context = {"active_ids": [lead_id], "default_lead_ids": [lead_id]}
        wizard_id = self.timed(
            "disqualify",
            self.session.call,
            "crm.lead.lost",
            "create",
            [{"lost_reason_id": self.lost_reason_id}],
            {"context": context},
        )
        if wizard_id and (
            self.timed(
                "disqualify",
                self.session.button,
                "crm.lead.lost",
                "action_lost_reason_apply",
                [wizard_id],
                context,
            )
            is not None
        ):
            self.disqualified.append(lead_id)


class Manager(Worker):
    """Reads the reports while the others work; stops when told."""

    def __init__(self, urls, db, login, index, done):
        super().__init__(urls, db, login, index)
        self.done = done

    def work(self):
        self.session.authenticate(self.db, self.login, self.login)
        names = ["Sales Flow Analysis", "Speed to Lead", "Initiative Funnel", "Workload"]
        while not self.done.is_set():
            for name in names:
                self.timed(name, open_screen, self.session, SCREENS[name])


class Mailgate(Worker):
    """Delivers emails as odoo-mailgate does: mail.thread.message_process over /jsonrpc,
    as the administrator."""

    def __init__(self, urls, db, index, messages):
        super().__init__(urls, db, "mailgate", index)
        self.messages = messages

    def work(self):
        uid = self.session.json(
            "/jsonrpc",
            {"service": "common", "method": "login", "args": [self.db, "admin", "admin"]},
        )
        for raw in self.messages:
            self.timed(
                "inbound email",
                self.session.json,
                "/jsonrpc",
                {
                    "service": "object",
                    "method": "execute_kw",
                    "args": [self.db, uid, "admin", "mail.thread", "message_process", [False, raw]],
                },
            )


class Visitor(Worker):
    """Public visitors posting the Contact Us form, as the browser posts it."""

    def __init__(self, urls, db, index, forms):
        super().__init__(urls, db, "visitor", index)
        self.forms = forms

    def work(self):
        for fields in self.forms:
            answer = self.timed(
                "website form", self.session.post_form, "/website/form/crm.lead", fields
            )
            if answer is not None and b'"id"' not in answer:
                self.errors.append(f"website form: refused: {answer[:200]!r}")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else 0.0


def emails(prefix, alias, total):
    """RFC 822 messages; the last fifth are second emails of the first senders."""
    repeats = total // 5
    senders = total - repeats
    messages = []
    for index in range(total):
        sender = index if index < senders else index - senders
        message = EmailMessage()
        message["From"] = f'"Load sender {sender}" <{prefix}.sender.{sender}@example.com>'
        message["To"] = alias
        message["Subject"] = f"Request {index}: quotation for paint"
        message["Message-ID"] = f"<{prefix}-mail-{index}@example.com>"
        message["Date"] = "Mon, 02 Nov 2026 10:00:00 +0100"
        message.set_content(f"Hello, we would like a quotation. Token {prefix}-mail-{index}.\n")
        messages.append(message.as_string())
    return messages, senders


def forms(prefix, total):
    repeats = total // 5
    visitors = total - repeats
    posted = []
    for index in range(total):
        visitor = index if index < visitors else index - visitors
        posted.append(
            {
                "contact_name": f"Load visitor {visitor}",
                "email_from": f"{prefix}.visitor.{visitor}@example.com",
                "phone": f"+34 600 {visitor:06d}",
                "partner_name": f"Load company {visitor % 20}",
                "name": f"{prefix} form {index}",
                "description": f"We would like a quotation. Token {prefix}-form-{index}.",
            }
        )
    return posted, visitors


class Statements:
    """Read statements counted by each server's pg_stat_statements, for one database."""

    QUERY = """
        SELECT coalesce(sum(calls), 0), coalesce(sum(total_exec_time), 0)
          FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
         WHERE d.datname = %s AND s.query ~* '^\\s*(select|with)\\M'
    """

    def __init__(self, db, ports):
        import psycopg2

        self.db = db
        self.connections = {
            name: psycopg2.connect(host="127.0.0.1", port=port, dbname=db, user="postgres")
            for name, port in ports.items()
        }
        for connection in self.connections.values():
            connection.autocommit = True

    def reset(self):
        for connection in self.connections.values():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_stat_statements_reset()")

    def reads(self):
        counts = {}
        for name, connection in self.connections.items():
            with connection.cursor() as cursor:
                cursor.execute(self.QUERY, [self.db])
                calls, milliseconds = cursor.fetchone()
                counts[name] = (int(calls), float(milliseconds))
        return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", action="append", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--salespeople", type=int, default=6)
    parser.add_argument("--initiatives", type=int, default=600)
    parser.add_argument("--emails", type=int, default=200)
    parser.add_argument("--forms", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--primary-port", type=int)
    parser.add_argument("--replica-port", type=int)
    args = parser.parse_args()
    urls = args.url

    admin = Session(urls)
    admin.authenticate(args.db, "admin", "admin")
    stamp = datetime.now(timezone.utc).strftime("%H%M%S")
    prefix = f"load{stamp}"
    group_xmlids = ["sales_team.group_sale_salesman", "sales_team.group_sale_salesman_all_leads"]
    groups = {
        xmlid: admin.call("ir.model.data", "check_object_reference", xmlid.split("."))[1]
        for xmlid in [*group_xmlids, "sales_team.group_sale_manager"]
    }
    logins = [f"{prefix}_salesperson_{index}" for index in range(args.salespeople)]
    user_ids = [
        admin.call(
            "res.users",
            "create",
            [
                {
                    "name": login,
                    "login": login,
                    "password": login,
                    "group_ids": [(6, 0, [groups[group_xmlids[index == 0]]])],
                }
            ],
        )
        for index, login in enumerate(logins)
    ]
    manager_login = f"{prefix}_manager"
    admin.call(
        "res.users",
        "create",
        [
            {
                "name": manager_login,
                "login": manager_login,
                "password": manager_login,
                "group_ids": [(6, 0, [groups["sales_team.group_sale_manager"]])],
            }
        ],
    )
    alias_domain = admin.call("mail.alias.domain", "search", [[]], {"limit": 1}) or [
        admin.call("mail.alias.domain", "create", [{"name": "load.example.com"}])
    ]
    domain_name = admin.call("mail.alias.domain", "read", [alias_domain, ["name"]])[0]["name"]
    team_id = admin.call(
        "crm.team",
        "create",
        [
            {
                "name": f"Load team {stamp}",
                "use_leads": True,
                "member_ids": [(6, 0, user_ids)],
                "alias_name": f"{prefix}-team",
                "alias_domain_id": alias_domain[0],
            }
        ],
    )
    lost_reason_id = admin.call("crm.lost.reason", "create", [{"name": f"Load reason {stamp}"}])

    share = [
        args.initiatives // args.salespeople + (index < args.initiatives % args.salespeople)
        for index in range(args.salespeople)
    ]
    salespeople = [
        Salesperson(urls, args.db, login, index, count, team_id, lost_reason_id, prefix)
        for index, (login, count) in enumerate(zip(logins, share, strict=True))
    ]
    messages, senders = emails(prefix, f"{prefix}-team@{domain_name}", args.emails)
    posted, visitors = forms(prefix, args.forms)
    done = threading.Event()
    manager = Manager(urls, args.db, manager_login, len(salespeople), done)
    others = [
        Mailgate(urls, args.db, len(salespeople) + 1, messages),
        Visitor(urls, args.db, len(salespeople) + 2, posted),
    ]
    statements = None
    if args.primary_port and args.replica_port:
        statements = Statements(
            args.db, {"primary": args.primary_port, "replica": args.replica_port}
        )
        statements.reset()

    started = time.perf_counter()
    for worker in [*salespeople, manager, *others]:
        worker.start()
    for worker in [*salespeople, *others]:
        worker.join()
    done.set()
    manager.join()
    elapsed = time.perf_counter() - started
    reads = statements.reads() if statements else None

    workers = [*salespeople, manager, *others]
    errors = [error for worker in workers for error in worker.errors]
    checks = check_exactness(admin, prefix, salespeople, messages, senders, posted, visitors)
    exact = all(ok for ok, _text in checks) and not errors

    kinds = list(dict.fromkeys(kind for worker in workers for kind in worker.timings))
    rows = []
    for kind in kinds:
        timings = [t for worker in workers for t in worker.timings.get(kind, [])]
        failed = sum(1 for error in errors if error.startswith(f"{kind}:"))
        retried = sum(worker.conflicts.get(kind, 0) for worker in workers)
        p50 = statistics.median(timings) * 1000 if timings else 0
        p95 = percentile(timings, 0.95) * 1000
        rows.append(f"| {kind} | {len(timings)} | {failed} | {retried} | {p50:.0f} | {p95:.0f} |")
    if reads:
        (replica_calls, replica_ms), (primary_calls, primary_ms) = (
            reads["replica"],
            reads["primary"],
        )
        share_text = (
            "Read statements (SELECT/WITH) of this database, from each server's "
            f"pg_stat_statements: {replica_calls} on the replica, {primary_calls} on the "
            f"primary (the reads inside writes stay there): the replica served "
            f"{100 * replica_calls / max(replica_calls + primary_calls, 1):.0f}% of them, "
            f"{100 * replica_ms / max(replica_ms + primary_ms, 1):.0f}% of their execution time."
        )
        topology = (
            f"{len(urls)} Odoo servers (--workers={args.workers} each, crons on the first), "
            "a PostgreSQL primary and a streaming replica (db_replica_host), on loopback"
        )
    else:
        share_text = "No replica: every statement went to the one PostgreSQL server."
        topology = (
            f"{len(urls)} Odoo server (--workers={args.workers}), one PostgreSQL, on loopback"
        )
    report = "\n".join(
        [
            f"{topology}; {len(salespeople)} salespeople (one with all documents), a sales "
            f"manager, the mail gateway and website visitors at once: {args.initiatives} "
            f"initiatives created (four in five qualified, one disqualified), {args.emails} "
            f"emails, {args.forms} website forms; {elapsed:.0f} s in all "
            f"(last run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC).",
            "",
            "| call | requests | errors | retried conflicts | p50 ms | p95 ms |",
            "|---|---:|---:|---:|---:|---:|",
            *rows,
            "",
            share_text,
            "",
            *[f"- {text}" for _ok, text in checks],
            "",
            f"Errors: {len(errors)}. {'Exact' if exact else 'NOT EXACT'}.",
        ]
    )
    print(report)
    for error in errors[:20]:
        print(f"    error: {error}")
    section = "load-replica" if reads else "load"
    title = "Load on two servers and a replica (make load)" if reads else "Load (make load)"
    results.write_section(section, f"## {title}\n\n{report}")
    print(f"\nwritten: {results.RESULTS}")
    return 0 if exact else 1


def check_exactness(admin, prefix, salespeople, messages, senders, posted, visitors):
    """[(ok, sentence)]: what the database holds against what the clients did."""
    context = {"active_test": False}

    def count(model, domain):
        return admin.call(model, "search_count", [domain], {"context": context})

    created = sum(len(s.created) for s in salespeople)
    qualified = sum(len(s.qualified) for s in salespeople)
    disqualified = sum(len(s.disqualified) for s in salespeople)
    mine = [("name", "=like", f"{prefix} {prefix}_salesperson_%")]
    in_db = count("crm.lead", mine)
    in_db_qualified = count(
        "crm.lead", [*mine, ("type", "=", "opportunity"), ("date_conversion", "!=", False)]
    )
    in_db_lost = count("crm.lead", [*mine, ("active", "=", False), ("won_status", "=", "lost")])
    checks = [
        (
            in_db == created and in_db_qualified == qualified and in_db_lost == disqualified,
            f"Salespeople: {created} created, {qualified} qualified, {disqualified} "
            f"disqualified; the database holds {in_db}, {in_db_qualified} opportunities, "
            f"{in_db_lost} lost.",
        )
    ]
    for kind, sent, people, address in (
        ("emails", messages, senders, f"{prefix}.sender."),
        ("website forms", posted, visitors, f"{prefix}.visitor."),
    ):
        groups = admin.call(
            "crm.lead",
            "formatted_read_group",
            [[("email_normalized", "=like", f"{address}%")], ["email_normalized"], ["__count"]],
            {"context": context},
        )
        doubled = sum(1 for group in groups if group["__count"] > 1)
        token = f"{prefix}-{'mail' if kind == 'emails' else 'form'}-"
        # The texts wherever they are kept: a new record's description, or the
        # chatter of the record a second email or form landed on.
        kept = len(
            {
                text
                for model, field in (("mail.message", "body"), ("crm.lead", "description"))
                for row in admin.call(
                    model,
                    "search_read",
                    [[(field, "ilike", token)], [field]],
                    {"context": context},
                )
                for text in _tokens(row[field] or "", token)
            }
        )
        checks.append(
            (
                len(groups) == people and not doubled and kept == len(sent),
                f"{kind.capitalize()}: {len(sent)} sent by {people} people; {len(groups)} "
                f"have a record, {doubled} have more than one; {kept} of {len(sent)} texts "
                "kept (on a record or in its chatter).",
            )
        )
    return checks


def _tokens(html, token):
    """The 'Token <prefix>-mail-N' markers in a text."""
    found = set()
    start = html.find(token)
    while start != -1:
        end = start + len(token)
        while end < len(html) and html[end].isdigit():
            end += 1
        found.add(html[start:end])
        start = html.find(token, end)
    return found


if __name__ == "__main__":
    sys.exit(main())
