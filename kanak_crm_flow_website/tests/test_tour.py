# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import HttpCase
from odoo.tests import tagged


@tagged("post_install", "-at_install", "kanak_website", "crm_tour")
class TestContactUsTour(HttpCase):
    def test_contact_form_reaches_the_country_team(self):
        latam = self.env.ref("kanak_crm_flow.team_latin_america")
        self.env.ref("website.default_website").crm_default_team_id = self.env.ref(
            "sales_team.team_sales_department"
        )
        # The administrator sets the Contact Us form to "Create an Opportunity" in the
        # website editor (website_crm's own tour): the form it makes asks for the country.
        self.start_tour(
            self.env["website"].get_client_action_url("/contactus"),
            "website_crm_pre_tour",
            login="admin",
        )
        self.start_tour("/contactus", "kanak_contactus_tour")

        lead = self.env["crm.lead"].search([("email_from", "=", "valentina.rios@example.com.ar")])
        self.assertRecordValues(
            lead,
            [
                {
                    "type": "lead",
                    "team_id": latam.id,
                    "stage_id": self.env.ref("kanak_crm_flow.stage_initiatives").id,
                    "contact_name": "Valentina Ríos",
                    "partner_name": "Pinturas del Plata",
                    "country_id": self.env.ref("base.ar").id,
                    "user_id": False,
                }
            ],
        )
        self.assertIn("white road marking paint", lead.description)

        self.start_tour(
            "/odoo/action-kanak_crm_flow.action_sales_flow",
            "kanak_contactus_in_sales_flow_tour",
            login="admin",
        )
