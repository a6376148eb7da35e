"""Inbound email: messages to a team alias processed by Odoo's mail gateway."""

from email.message import EmailMessage

from bench.seed import bench_teams

ALIAS_DOMAIN = "bench.example.com"


class ProcessInboundEmails:
    """Stock and project process the same RFC 822 messages, sent to a team alias;
    on the project side they become initiatives in the Initiatives stage. With
    known > 0, that many of them come from contacts who already have an open
    initiative (prepared on both sides): on the project side they land on it."""

    goal = 1.05
    min_repeat = 5

    def __init__(self, total=500, known=0):
        self.total = total
        self.known = known
        self.name = f"process {total} inbound emails through a team alias" + (
            f", {known} from contacts with an open record" if known else ""
        )

    def prepare(self, env):
        domain = env["mail.alias.domain"].search([("name", "=", ALIAS_DOMAIN)]) or env[
            "mail.alias.domain"
        ].create({"name": ALIAS_DOMAIN})
        env.company.alias_domain_id = domain
        team = bench_teams(env)[0]
        team.write({"alias_name": "bench-team", "alias_domain_id": domain.id, "use_leads": True})
        env["crm.lead"].create(
            [
                {
                    "name": f"Open request of known sender {index}",
                    "type": "lead",
                    "team_id": team.id,
                    "email_from": f"known.{index}@example.com",
                }
                for index in range(self.known)
            ]
        )
        to = f"bench-team@{ALIAS_DOMAIN}"
        messages = []
        for index in range(self.total):
            sender = f"known.{index}" if index < self.known else f"sender.{index}"
            message = EmailMessage()
            message["From"] = f'"Sender {index}" <{sender}@example.com>'
            message["To"] = to
            message["Subject"] = f"Request {index}: quotation for paint"
            message["Message-ID"] = f"<bench-inbound-{index}@example.com>"
            message["Date"] = "Mon, 02 Nov 2026 10:00:00 +0100"
            message.set_content(f"Hello, we would like a quotation (request {index}).\nThanks")
            messages.append(message.as_bytes())
        return {"messages": messages}

    def split(self, state, size=25):
        """Slices of 25 emails (a second or two), for the interleaved measure."""
        messages = state["messages"]
        return [
            {"messages": messages[start : start + size]} for start in range(0, len(messages), size)
        ]

    def run(self, env, state):
        Thread = env["mail.thread"]
        for raw in state["messages"]:
            Thread.message_process("crm.lead", raw)


SCENARIOS = [ProcessInboundEmails(), ProcessInboundEmails(known=250)]
