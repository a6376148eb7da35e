# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import UserError
from odoo.exceptions import ValidationError
from odoo.tests import Form
from odoo.tests import tagged
from odoo.tests import users
from odoo.tools import mute_logger

from .common import KanakCrmCommon

INCOMING_EMAIL = """\
Return-Path: <lucia.fernandez@example.com>
From: =?utf-8?q?Luc=C3=ADa_Fern=C3=A1ndez?= <lucia.fernandez@example.com>
To: sales@example.com
Subject: Quotation for road marking paint
Message-ID: <kanak-invariant-1@example.com>
Date: Mon, 02 Nov 2026 10:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

We need 2,000 litres before March.
"""


@tagged("post_install", "-at_install", "lead_internals")
class TestStageInvariant(KanakCrmCommon):
    """An initiative is always in the qualification stage, an opportunity never,
    whatever the entry path."""

    def assertInitiative(self, lead):
        self.assertEqual(lead.type, "lead")
        self.assertEqual(lead.stage_id, self.stage_initiatives)

    def assertOpportunityOutsideQualification(self, lead):
        self.assertEqual(lead.type, "opportunity")
        self.assertTrue(lead.stage_id)
        self.assertFalse(lead.stage_id.is_qualification)

    def test_stages_in_order(self):
        stages = self.env["crm.stage"].search([("team_ids", "=", False)])
        names = stages.mapped("name")
        expected = ["Initiatives", "New", "Qualified", "Proposition", "Won"]
        self.assertEqual([name for name in names if name in expected], expected)
        self.assertTrue(self.stage_initiatives.is_qualification)
        self.assertTrue(self.stage_won.is_won)

    @users("kanak_salesman_own")
    def test_form(self):
        form = Form(self.env["crm.lead"].with_context(default_type="lead"))
        form.name = "Frankfurt card"
        form.team_id = self.team_europe
        lead = form.save()
        self.assertInitiative(lead)

    def test_rpc_create(self):
        lead = self.env["crm.lead"].create({"name": "RPC lead", "type": "lead"})
        self.assertInitiative(lead)
        opportunity = self.env["crm.lead"].create({"name": "RPC opp", "type": "opportunity"})
        self.assertOpportunityOutsideQualification(opportunity)

    def test_create_without_type_follows_the_user_setting(self):
        # Initiatives are on for internal users: a bare create is an initiative.
        lead = self.env["crm.lead"].with_user(self.user_salesman_own).create({"name": "Bare"})
        self.assertInitiative(lead)

    def test_quick_create_in_sales_flow_columns(self):
        # The Sales Flow's quick create sends no type: the column decides.
        Lead = self.env["crm.lead"]
        in_initiatives = Lead.with_context(default_stage_id=self.stage_initiatives.id).create(
            {"name": "Quick initiative"}
        )
        self.assertInitiative(in_initiatives)
        in_new = Lead.with_context(default_stage_id=self.stage_new.id).create(
            {"name": "Quick opportunity", "user_id": self.user_salesman_own.id}
        )
        self.assertEqual(in_new.type, "opportunity")
        self.assertEqual(in_new.stage_id, self.stage_new)

    def test_initiative_created_in_a_pipeline_stage_starts_in_initiatives(self):
        # Integrations and imports that do not know the Initiatives stage.
        lead = self.env["crm.lead"].create(
            {"name": "Lead in New", "type": "lead", "stage_id": self.stage_new.id}
        )
        self.assertInitiative(lead)
        lead = (
            self.env["crm.lead"]
            .with_context(default_type="lead", default_stage_id=self.stage_qualified.id)
            .create({"name": "Lead by defaults"})
        )
        self.assertInitiative(lead)

    def test_opportunity_created_in_initiatives_starts_in_the_first_pipeline_stage(self):
        # The same callers (stock's own helpers among them) create opportunities in
        # "the first stage", which is Initiatives: alike, the opportunity starts where
        # a qualified initiative lands.
        opportunity = self.env["crm.lead"].create(
            {
                "name": "Opp in Initiatives",
                "type": "opportunity",
                "stage_id": self.stage_initiatives.id,
                "team_id": self.sales_team_1.id,
            }
        )
        self.assertEqual(opportunity.type, "opportunity")
        self.assertEqual(opportunity.stage_id, self.stage_new)
        opportunity = (
            self.env["crm.lead"]
            .with_context(default_type="opportunity", default_stage_id=self.stage_initiatives.id)
            .create({"name": "Opp by defaults"})
        )
        self.assertEqual(opportunity.stage_id, self.stage_new)

    @mute_logger("odoo.sql_db")
    def test_contradictions_are_refused(self):
        lead = self._create_initiative(name="Initiative")
        with (
            self.assertRaisesRegex(ValidationError, "stays in the Initiatives stage"),
            self.env.cr.savepoint(),
        ):
            lead.write({"type": "lead", "stage_id": self.stage_new.id})
        self.assertInitiative(lead)

    def test_import(self):
        result = self.env["crm.lead"].load(
            ["name", "type", "email_from"],
            [
                ["Imported initiative", "lead", "imported@example.com"],
                ["Imported opportunity", "opportunity", "imported.opp@example.com"],
            ],
        )
        self.assertFalse(result["messages"])
        lead, opportunity = self.env["crm.lead"].browse(result["ids"])
        self.assertInitiative(lead)
        self.assertOpportunityOutsideQualification(opportunity)

    @mute_logger("odoo.sql_db", "odoo.models")
    def test_import_rows_with_the_other_kinds_stage_are_placed(self):
        # An export from a CRM without Initiatives puts an opportunity in its first
        # stage, another's initiative in a pipeline stage: both are placed, not refused.
        result = self.env["crm.lead"].load(
            ["name", "type", "stage_id/id"],
            [
                ["Initiative in New", "lead", "crm.stage_lead1"],
                ["Opportunity in Initiatives", "opportunity", "kanak_crm_flow.stage_initiatives"],
            ],
        )
        self.assertFalse(result["messages"])
        initiative, opportunity = self.env["crm.lead"].browse(result["ids"])
        self.assertInitiative(initiative)
        self.assertOpportunityOutsideQualification(opportunity)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_mail_gateway(self):
        lead_id = self.env["mail.thread"].message_process(
            "crm.lead", INCOMING_EMAIL, custom_values={"team_id": self.team_latam.id}
        )
        lead = self.env["crm.lead"].browse(lead_id)
        self.assertEqual(lead.name, "Quotation for road marking paint")
        self.assertEqual(lead.team_id, self.team_latam)
        self.assertInitiative(lead)

    def test_copy(self):
        lead = self._create_initiative(name="Original")
        self.assertInitiative(lead.copy())
        opportunity = self.env["crm.lead"].create(
            {"name": "Opportunity", "type": "opportunity", "stage_id": self.stage_proposition.id}
        )
        copied = opportunity.copy()
        self.assertOpportunityOutsideQualification(copied)

    def test_merge(self):
        own = self.user_salesman_own.id
        lead_a = self._create_initiative(name="Lead A", email_from="same@example.com", user_id=own)
        lead_b = self._create_initiative(name="Lead B", email_from="same@example.com", user_id=own)
        merged = (lead_a | lead_b).merge_opportunity(auto_unlink=False)
        self.assertInitiative(merged)

        lead_c = self._create_initiative(name="Lead C", email_from="other@example.com")
        opportunity = self.env["crm.lead"].create(
            {
                "name": "Opp",
                "type": "opportunity",
                "email_from": "other@example.com",
                "stage_id": self.stage_qualified.id,
            }
        )
        merged = (lead_c | opportunity).merge_opportunity(auto_unlink=False)
        self.assertEqual(merged, opportunity)
        self.assertEqual(merged.stage_id, self.stage_qualified)

    def test_opportunity_cannot_go_back_to_initiatives(self):
        opportunity = self.env["crm.lead"].create(
            {"name": "Opp", "type": "opportunity", "stage_id": self.stage_qualified.id}
        )
        with self.assertRaisesRegex(UserError, "cannot go back to Initiatives"):
            opportunity.with_user(self.user_sales_manager).write(
                {"stage_id": self.stage_initiatives.id}
            )
        self.assertEqual(opportunity.stage_id, self.stage_qualified)

    def test_existing_leads_move_in_at_install(self):
        lead = self._create_initiative(name="Legacy lead")
        lost = self._create_initiative(name="Legacy lost lead")
        lost.action_set_lost()
        opportunity = self.env["crm.lead"].create(
            {"name": "Legacy opp", "type": "opportunity", "stage_id": self.stage_proposition.id}
        )
        # What a database looks like before the install: leads in stock stages.
        self.env.cr.execute(
            "UPDATE crm_lead SET stage_id = %s WHERE id IN %s",
            (self.stage_new.id, tuple((lead | lost).ids)),
        )
        self.env.invalidate_all()
        self.env["crm.lead"]._move_initiatives_to_qualification_stage()
        self.assertEqual(lead.stage_id, self.stage_initiatives)
        self.assertEqual(lost.stage_id, self.stage_initiatives)
        self.assertFalse(lost.active)
        self.assertEqual(opportunity.stage_id, self.stage_proposition)

    def test_pipeline_columns(self):
        stages = self.env["crm.stage"].search([])
        Lead = self.env["crm.lead"]
        pipeline = Lead._read_group_stage_ids(self.env["crm.stage"], [("type", "=", "opportunity")])
        self.assertNotIn(self.stage_initiatives, pipeline)
        self.assertIn(self.stage_new, pipeline)
        # The key only shapes the screen: which columns the Sales Flow shows.
        flow = Lead.with_context(kanak_sales_flow=True)._read_group_stage_ids(
            self.env["crm.stage"], []
        )
        self.assertEqual(flow[0], self.stage_initiatives)
        self.assertLessEqual(set(pipeline.ids), set(flow.ids))
        self.assertTrue(stages)

    def test_default_stages_recreated_without_overwriting(self):
        Stage = self.env["crm.stage"]
        self.stage_new.name = "Fresh"
        self.env["crm.lead"].search([("stage_id", "=", self.stage_proposition.id)]).unlink()
        self.stage_proposition.unlink()
        Stage._ensure_default_stages()
        self.assertEqual(self.stage_new.name, "Fresh", "a user's edit is kept")
        self.assertFalse(
            Stage.search([("name", "=", "New"), ("team_ids", "=", False)]),
            "an edited stage is not duplicated",
        )
        recreated = self.env.ref("kanak_crm_flow.default_stage_lead3")
        self.assertEqual(recreated.name, "Proposition")
        Stage._ensure_default_stages()
        self.assertEqual(
            Stage.search_count([("name", "=", "Proposition"), ("team_ids", "=", False)]), 1
        )

    def test_last_qualification_stage_cannot_be_deleted(self):
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            self.stage_initiatives.unlink()
        with self.assertRaisesRegex(UserError, "must stay the qualification stage"):
            self.stage_initiatives.is_qualification = False
        self.assertTrue(self.stage_initiatives.exists().is_qualification)
