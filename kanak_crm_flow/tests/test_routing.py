# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import tagged
from odoo.tests import users

from .common import KanakCrmCommon
from .test_import import KanakImportCommon


class RoutingCommon(KanakCrmCommon):
    """Teams covering countries: an initiative without a team goes to the team of its
    country, whatever the way in. (Website forms: kanak_crm_flow_website's tests.)"""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.argentina = cls.env.ref("base.ar")
        cls.germany = cls.env.ref("base.de")
        cls.japan = cls.env.ref("base.jp")
        cls.team_latam.country_ids = cls.argentina
        cls.team_europe.country_ids = cls.germany
        cls.team_company_2.country_ids = cls.japan


@tagged("post_install", "-at_install", "lead_internals", "kanak_routing")
class TestRouting(RoutingCommon):
    def test_seeded_teams_cover_their_regions(self):
        europe = self.env.ref("kanak_crm_flow.team_europe")
        latam = self.env.ref("kanak_crm_flow.team_latin_america")
        self.assertIn(self.env.ref("base.es"), europe.country_ids)
        self.assertIn(self.env.ref("base.mx"), latam.country_ids)
        self.assertFalse(europe.country_ids & latam.country_ids)

    @users("kanak_salesman_own")
    def test_rpc_create_without_team(self):
        lead = self.env["crm.lead"].create(
            {"name": "Card from Buenos Aires", "type": "lead", "country_id": self.argentina.id}
        )
        self.assertEqual(lead.team_id, self.team_latam)
        self.assertEqual(lead.stage_id, self.stage_initiatives)

    def test_contact_country_when_the_lead_has_none(self):
        partner = self.env["res.partner"].create({"name": "Klaus", "country_id": self.germany.id})
        lead = self.env["crm.lead"].create(
            {"name": "Klaus again", "type": "lead", "partner_id": partner.id}
        )
        self.assertEqual(lead.team_id, self.team_europe)

    def test_a_given_team_is_kept(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Argentina, for Europe",
                "type": "lead",
                "country_id": self.argentina.id,
                "team_id": self.team_europe.id,
            }
        )
        self.assertEqual(lead.team_id, self.team_europe)

    def test_opportunities_and_uncovered_countries_as_stock(self):
        opportunity = self.env["crm.lead"].create(
            {
                "name": "Opportunity",
                "type": "opportunity",
                "country_id": self.argentina.id,
                "user_id": self.user_salesman_own.id,
            }
        )
        self.assertEqual(opportunity.team_id, self.team_europe, "stock: the salesperson's team")
        lead = (
            self.env["crm.lead"]
            .with_user(self.user_salesman_own)
            .create({"name": "From Japan", "type": "lead", "country_id": self.japan.id})
        )
        self.assertEqual(lead.team_id, self.team_europe, "company 2's team is not this company's")

    def test_other_company(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.user_company_2)
            .create({"name": "From Japan", "type": "lead", "country_id": self.japan.id})
        )
        self.assertEqual(lead.team_id, self.team_company_2)

    def test_email_through_an_alias_without_team(self):
        alias = self.env["mail.alias"].create(
            {
                "alias_name": "kanak-anyone",
                "alias_model_id": self.env["ir.model"]._get_id("crm.lead"),
                "alias_contact": "everyone",
                "alias_defaults": "{'type': 'lead'}",
            }
        )
        self.env["res.partner"].create(
            {"name": "Lucía", "email": "lucia@example.com.ar", "country_id": self.argentina.id}
        )
        with self.mock_mail_gateway():
            lead = self.format_and_process(
                "From: Lucía <lucia@example.com.ar>\nTo: {to}\nSubject: {subject}\n\nHola",
                "lucia@example.com.ar",
                alias.display_name,
                subject="Pintura vial",
                target_model="crm.lead",
            )
        self.assertEqual(lead.team_id, self.team_latam)


@tagged("post_install", "-at_install", "lead_manage", "kanak_routing")
class TestImportRouting(RoutingCommon, KanakImportCommon):
    @users("kanak_salesman_all")
    def test_import_rows_without_team(self):
        result = self._import(
            self._tmp_csv(
                [
                    "Initiative,Email,Country",
                    "Rosario,rosario@example.com.ar,Argentina",
                    "Köln,koeln@example.de,Germany",
                ]
            )
        )
        self.assertEqual(result["messages"], [])
        leads = self.env["crm.lead"].browse(result["ids"])
        self.assertEqual(leads.team_id, self.team_latam | self.team_europe)
        self.assertEqual(leads[0].team_id, self.team_latam)
