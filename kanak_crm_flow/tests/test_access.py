# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KanakCrmCommon


@tagged("post_install", "-at_install", "security")
class TestAccess(KanakCrmCommon):
    """What each persona may do with initiatives and this module's configuration."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lead = cls.env["crm.lead"]
        cls.own_initiative = Lead.create(
            {
                "name": "Own",
                "type": "lead",
                "team_id": cls.team_europe.id,
                "user_id": cls.user_salesman_own.id,
            }
        )
        cls.unassigned_initiative = Lead.create(
            {"name": "Unassigned", "type": "lead", "team_id": cls.team_europe.id, "user_id": False}
        )
        cls.others_initiative = Lead.create(
            {
                "name": "Others'",
                "type": "lead",
                "team_id": cls.team_latam.id,
                "user_id": cls.user_salesman_all.id,
            }
        )
        cls.company_2_initiative = Lead.with_company(cls.company_2).create(
            {
                "name": "Company 2",
                "type": "lead",
                "team_id": cls.team_company_2.id,
                "company_id": cls.company_2.id,
                "user_id": cls.user_company_2.id,
            }
        )
        cls.all_initiatives = (
            cls.own_initiative
            | cls.unassigned_initiative
            | cls.others_initiative
            | cls.company_2_initiative
        )

    def visible_to(self, user):
        return self.env["crm.lead"].with_user(user).search([("id", "in", self.all_initiatives.ids)])

    def test_who_sees_which_initiatives(self):
        self.assertEqual(
            self.visible_to(self.user_salesman_own),
            self.own_initiative | self.unassigned_initiative,
        )
        main_company = self.own_initiative | self.unassigned_initiative | self.others_initiative
        self.assertEqual(self.visible_to(self.user_salesman_all), main_company)
        self.assertEqual(self.visible_to(self.user_sales_manager), main_company)
        self.assertEqual(self.visible_to(self.user_company_2), self.company_2_initiative)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_portal_user_gets_nothing(self):
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.user_portal).search([])
        with self.assertRaises(AccessError):
            self.own_initiative.with_user(self.user_portal).action_qualify_as_opportunity()
        with self.assertRaises(AccessError):
            self.env["kanak.crm.lead.qualify"].with_user(self.user_portal).create(
                {"lead_id": self.unassigned_initiative.id}
            )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_own_documents_salesperson_cannot_qualify_someone_elses(self):
        with self.assertRaises(AccessError):
            self.others_initiative.with_user(self.user_salesman_own).action_qualify_as_opportunity()
        self.assertEqual(self.others_initiative.type, "lead")

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_configuration_is_for_managers(self):
        stage = self.stage_initiatives
        reason = self.env.ref("kanak_crm_flow.lost_reason_competitor")
        for user in (self.user_salesman_own, self.user_salesman_all):
            with self.assertRaises(AccessError):
                stage.with_user(user).write({"name": "Renamed"})
            with self.assertRaises(AccessError):
                reason.with_user(user).write({"do_not_contact": True})
            with self.assertRaises(AccessError):
                self.team_europe.with_user(user).write({"qualification_min_score": 4})
        stage.with_user(self.user_sales_manager).write({"name": "Iniciativas"})
        reason.with_user(self.user_sales_manager).write({"do_not_contact": True})
        self.team_europe.with_user(self.user_sales_manager).write(
            {"qualification_min_score": 2, "acknowledge_new_initiatives": True}
        )
        self.assertEqual((stage.name, self.team_europe.qualification_min_score), ("Iniciativas", 2))

    def test_salespeople_read_what_their_screens_need(self):
        for user in (self.user_salesman_own, self.user_salesman_all):
            self.assertTrue(self.stage_initiatives.with_user(user).is_qualification)
            self.assertTrue(
                self.env.ref("kanak_crm_flow.lost_reason_do_not_contact")
                .with_user(user)
                .do_not_contact
            )
            self.assertEqual(self.team_europe.with_user(user).qualification_min_score, 0)

    def test_user_of_both_companies_sees_each_under_its_company(self):
        both = self.user_salesman_all
        both.company_ids |= self.company_2
        env = self.env(
            user=both, context={"allowed_company_ids": [self.company_main.id, self.company_2.id]}
        )
        leads = env["crm.lead"].search([("id", "in", self.all_initiatives.ids)])
        self.assertEqual(
            leads,
            self.own_initiative
            | self.unassigned_initiative
            | self.others_initiative
            | self.company_2_initiative,
        )
        self.assertEqual(
            {lead.name: lead.company_id for lead in leads}["Company 2"], self.company_2
        )
        teams = env["crm.team"].search([("id", "in", (self.team_europe | self.team_company_2).ids)])
        self.assertEqual(
            {team: team.company_id for team in teams},
            {self.team_europe: self.company_main, self.team_company_2: self.company_2},
        )
        # With only the main company selected, company 2's are out of sight again.
        main_only = env(context={"allowed_company_ids": [self.company_main.id]})
        self.assertNotIn(
            self.company_2_initiative,
            main_only["crm.lead"].search([("id", "in", self.all_initiatives.ids)]),
        )
        self.assertFalse(main_only["crm.team"].search([("id", "=", self.team_company_2.id)]))
