"""Website contact forms: 200 submissions posted to the website's form route, as the
Contact Us page posts them, by public visitors, through Odoo's WSGI application in
this process (the whole HTTP stack but the socket; each request commits, as a real
one does). Stock: website_crm creates the lead. Project: kanak_crm_flow_website
checks the input, routes by country and makes an initiative. The same forms on both
sides; the created records are deleted after each repetition."""

from werkzeug.test import Client

import odoo.http

COUNTRIES = ("base.ar", "base.de", "base.mx", "base.es", "base.us")


class WebsiteForms:
    goal = 1.2
    http = True

    def __init__(self, total=200, known=0):
        self.total = total
        # The first `known` visitors already have an open initiative (prepared on both
        # sides): on the project side their form lands on it.
        self.known = known
        self.name = f"{total} website form submissions" + (
            f", {known} from contacts with an open record" if known else ""
        )

    def prepare(self, env):
        env["crm.lead"].create(
            [
                {
                    "name": f"Bench known {index}",
                    "type": "lead",
                    "email_from": f"bench.visitor.{index}@example.com",
                }
                for index in range(self.known)
            ]
        )
        return {"countries": [env.ref(xmlid).id for xmlid in COUNTRIES]}

    def run_http(self, dbname, state):
        client = Client(odoo.http.root)
        # The session names the database, as the database selector would.
        client.get(f"/web/login?db={dbname}")
        for index in range(self.total):
            response = client.post(
                "/website/form/crm.lead",
                data={
                    "contact_name": f"Bench visitor {index}",
                    "email_from": f"bench.visitor.{index}@example.com",
                    "phone": f"+34 600 {index:06d}",
                    "partner_name": f"Bench company {index % 50}",
                    "name": f"Bench form {index}",
                    "description": "We would like a quotation for road marking paint.",
                    "country_id": state["countries"][index % len(COUNTRIES)],
                },
            )
            if b'"id"' not in response.data:
                raise RuntimeError(f"form {index} refused: {response.data[:300]!r}")

    def cleanup(self, env):
        leads = env["crm.lead"].with_context(active_test=False)
        leads.search(
            ["|", ("name", "=like", "Bench form %"), ("name", "=like", "Bench known %")]
        ).unlink()
        env["website.visitor"].search([]).unlink()
        env["mail.mail"].search([]).unlink()


SCENARIOS = [WebsiteForms(), WebsiteForms(known=100)]
