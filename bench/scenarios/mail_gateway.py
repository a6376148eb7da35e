"""Inbound email: messages to a team alias processed by Odoo's mail gateway."""

from email.message import EmailMessage

from bench.seed import bench_teams

ALIAS_DOMAIN = "bench.example.com"


class ProcessInboundEmails:
    """Stock and project process the same RFC 822 messages, sent to a team alias;
    on the project side they become initiatives in the Initiatives stage."""

    name = "process 500 inbound emails through a team alias"
    goal = 1.05
    min_repeat = 5

    def __init__(self, total=500):
        self.total = total

    def prepare(self, env):
        domain = env["mail.alias.domain"].search([("name", "=", ALIAS_DOMAIN)]) or env[
            "mail.alias.domain"
        ].create({"name": ALIAS_DOMAIN})
        env.company.alias_domain_id = domain
        team = bench_teams(env)[0]
        team.write({"alias_name": "bench-team", "alias_domain_id": domain.id, "use_leads": True})
        to = f"bench-team@{ALIAS_DOMAIN}"
        messages = []
        for index in range(self.total):
            message = EmailMessage()
            message["From"] = f'"Sender {index}" <sender.{index % 200}@example.com>'
            message["To"] = to
            message["Subject"] = f"Request {index}: quotation for paint"
            message["Message-ID"] = f"<bench-inbound-{index}@example.com>"
            message["Date"] = "Mon, 02 Nov 2026 10:00:00 +0100"
            message.set_content(f"Hello, we would like a quotation (request {index}).\nThanks")
            messages.append(message.as_bytes())
        return {"messages": messages}

    def run(self, env, state):
        Thread = env["mail.thread"]
        for raw in state["messages"]:
            Thread.message_process("crm.lead", raw)


SCENARIOS = [ProcessInboundEmails()]
