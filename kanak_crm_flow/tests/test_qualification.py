# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import datetime

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import Form
from odoo.tests import tagged
from odoo.tests import users
from odoo.tools import mute_logger

from .common import KanakCrmCommon


@tagged("post_install", "-at_install", "lead_manage")
class TestQualification(KanakCrmCommon):
    @users("kanak_salesman_own")
    def test_score_from_the_form(self):
        form = Form(self.env["crm.lead"].with_context(default_type="lead"))
        form.name = "Frankfurt card"
        form.team_id = self.team_europe
        self.assertEqual(form.qualification_score, 0)
        form.qualification_need = True
        form.qualification_budget = True
        form.qualification_timing = True
        self.assertEqual(form.qualification_score, 3)
        form.qualification_note = "<p>Budget approved for Q1.</p>"
        lead = form.save()
        self.assertEqual(lead.qualification_score, 3)
        lead.qualification_budget = False
        self.assertEqual(lead.qualification_score, 2)

    @mute_logger("odoo.sql_db")
    def test_team_minimum_score_is_bounded(self):
        self.assertEqual(self.team_europe.qualification_min_score, 0)
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.team_europe.qualification_min_score = 5
            self.env.flush_all()

    @users("kanak_salesman_own")
    def test_qualify_button_with_salesperson(self):
        lead = self._create_initiative(
            name="Frankfurt card",
            contact_name="Klaus Becker",
            email_from="klaus.becker@example.com",
            user_id=self.user_salesman_own.id,
            qualification_need=True,
        )
        action = lead.action_qualify_as_opportunity()
        self.assertEqual(action["tag"], "soft_reload", "the form shows the opportunity")
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.stage_id, self.stage_new, "the team's first opportunity stage")
        self.assertEqual(lead.user_id, self.user_salesman_own)
        self.assertTrue(lead.date_conversion)
        self.assertEqual(
            lead.partner_id.email,
            "klaus.becker@example.com",
            "the customer is created as the stock conversion does",
        )
        self.flush_tracking()  # the note rides on the tracking message
        self.env.invalidate_all()
        note = lead.message_ids.filtered(lambda m: "Qualified as opportunity" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("Olga Own Documents", note.body)
        self.assertIn("score 1 of 4", note.body)

    def test_qualify_button_without_salesperson_proposes_least_loaded(self):
        team = self.team_europe
        busy, free = self.user_salesman_own, self.user_sales_manager
        for index in range(2):
            self._create_initiative(name=f"Busy {index}", user_id=busy.id)
        lead = self._create_initiative(name="Unassigned card", user_id=False)
        action = lead.with_user(self.user_salesman_own).action_qualify_as_opportunity()
        self.assertEqual(action["res_model"], "kanak.crm.lead.qualify")
        self.assertEqual(lead.type, "lead", "nothing converted before the salesperson is chosen")

        wizard = Form(
            self.env["kanak.crm.lead.qualify"]
            .with_user(self.user_salesman_own)
            .with_context(**action["context"])
        )
        self.assertEqual(wizard.user_id, free)
        self.assertEqual(team._get_proposed_salesperson(), free)
        wizard.save().action_qualify()
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.user_id, free)

    def test_proposal_tie_goes_to_oldest_assignment(self):
        team = self.env["crm.team"].create(
            {
                "name": "Tie team",
                "member_ids": [(6, 0, (self.user_salesman_own | self.user_sales_manager).ids)],
            }
        )
        old = self._create_initiative(
            name="Old", team_id=team.id, user_id=self.user_salesman_own.id
        )
        recent = self._create_initiative(
            name="Recent", team_id=team.id, user_id=self.user_sales_manager.id
        )
        self.env.cr.execute(
            "UPDATE crm_lead SET date_open = %s WHERE id = %s", (datetime(2020, 1, 1), old.id)
        )
        self.env.cr.execute(
            "UPDATE crm_lead SET date_open = %s WHERE id = %s", (datetime(2025, 1, 1), recent.id)
        )
        self.env.invalidate_all()
        self.assertEqual(team._get_proposed_salesperson(), self.user_salesman_own)

    def test_gate_refuses_below_team_minimum(self):
        self.team_europe.qualification_min_score = 3
        lead = self._create_initiative(
            name="Weak", user_id=self.user_salesman_own.id, qualification_need=True
        )
        with self.assertRaisesRegex(UserError, "scores 1 of 4"):
            lead.with_user(self.user_salesman_own).action_qualify_as_opportunity()
        self.assertEqual(lead.type, "lead")
        self.assertEqual(lead.stage_id, self.stage_initiatives)
        lead.write({"qualification_budget": True, "qualification_authority": True})
        lead.with_user(self.user_salesman_own).action_qualify_as_opportunity()
        self.assertEqual(lead.type, "opportunity")

    def test_stock_convert_wizard_obeys_gate_and_stage(self):
        self.team_europe.qualification_min_score = 2
        lead = self._create_initiative(name="Via stock wizard", user_id=self.user_salesman_own.id)
        Wizard = (
            self.env["crm.lead2opportunity.partner"]
            .with_user(self.user_salesman_own)
            .with_context(active_model="crm.lead", active_id=lead.id, active_ids=lead.ids)
        )
        wizard = Wizard.create({"lead_id": lead.id, "name": "convert", "action": "create"})
        with self.assertRaisesRegex(UserError, "qualifies initiatives from 2"):
            wizard.action_apply()
        self.assertEqual(lead.type, "lead")
        lead.write({"qualification_need": True, "qualification_timing": True})
        wizard.action_apply()
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.stage_id, self.stage_new)
        self.flush_tracking()  # the note rides on the tracking message
        self.env.invalidate_all()
        self.assertEqual(
            len(lead.message_ids.filtered(lambda m: "Qualified as opportunity" in (m.body or ""))),
            1,
        )

    def test_drag_to_new_qualifies(self):
        lead = self._create_initiative(
            name="Dragged", contact_name="Klaus Becker", user_id=self.user_salesman_own.id
        )
        lead.with_user(self.user_salesman_own).write({"stage_id": self.stage_new.id})
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.stage_id, self.stage_new)
        self.assertTrue(lead.partner_id)

    def test_drag_to_a_later_stage_lands_there(self):
        lead = self._create_initiative(name="Dragged far", user_id=self.user_salesman_own.id)
        lead.with_user(self.user_salesman_own).write({"stage_id": self.stage_proposition.id})
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.stage_id, self.stage_proposition)

    def test_drag_below_gate_is_refused(self):
        self.team_europe.qualification_min_score = 1
        lead = self._create_initiative(name="Weak", user_id=self.user_salesman_own.id)
        with self.assertRaisesRegex(UserError, "scores 0 of 4"):
            lead.with_user(self.user_salesman_all).write({"stage_id": self.stage_new.id})
        self.assertEqual(lead.type, "lead")
        self.assertEqual(lead.stage_id, self.stage_initiatives)

    def test_lost_initiative_cannot_be_qualified(self):
        lead = self._create_initiative(name="Lost one", user_id=self.user_salesman_own.id)
        lead.action_set_lost()
        with self.assertRaisesRegex(UserError, "restore it before"):
            lead.action_qualify_as_opportunity()

    def test_rule_based_assignment_leaves_unqualified_initiatives(self):
        team = self.team_europe
        team.qualification_min_score = 2
        team.crm_team_member_ids.write({"assignment_max": 30, "assignment_domain": False})
        weak = self._create_initiative(name="Weak", user_id=False, qualification_need=True)
        strong = self._create_initiative(
            name="Strong", user_id=False, qualification_need=True, qualification_budget=True
        )
        team._action_assign_leads(force_quota=True)
        self.assertEqual(strong.type, "opportunity")
        self.assertTrue(strong.user_id)
        self.assertEqual(weak.type, "lead")
        self.assertFalse(weak.user_id)
        self.assertEqual(weak.stage_id, self.stage_initiatives)

    def test_stage_reorder_moves_where_qualified_initiatives_land(self):
        # Warm the cached lookup, then reorder: New folds away, Qualified comes first.
        self.env["crm.stage"]._get_first_opportunity_stage_id(self.team_europe.id)
        self.stage_new.fold = True
        lead = self._create_initiative(name="After reorder", user_id=self.user_salesman_own.id)
        lead.action_qualify_as_opportunity()
        self.assertEqual(lead.stage_id, self.stage_qualified)

    def test_stock_wizard_gate_follows_the_target_team(self):
        self.team_europe.qualification_min_score = 3
        lead = self._create_initiative(name="Moving team", user_id=self.user_salesman_all.id)
        wizard = (
            self.env["crm.lead2opportunity.partner"]
            .with_context(active_model="crm.lead", active_id=lead.id, active_ids=lead.ids)
            .create(
                {
                    "lead_id": lead.id,
                    "name": "convert",
                    "action": "create",
                    "user_id": self.user_salesman_all.id,
                    "team_id": self.team_latam.id,
                }
            )
        )
        wizard.action_apply()
        self.assertEqual(lead.type, "opportunity", "Latin America has no gate")
        self.assertEqual(lead.team_id, self.team_latam)

    def test_qualification_note_rides_on_the_conversion_tracking(self):
        lead = self._create_initiative(name="Earlier card", user_id=self.user_salesman_own.id)
        self.env.cr.flush()  # created in an earlier transaction, as in real use
        lead.with_user(self.user_salesman_own).action_qualify_as_opportunity()
        self.flush_tracking()
        self.env.invalidate_all()
        notes = lead.message_ids.filtered(lambda m: "Qualified as opportunity" in str(m.body))
        self.assertEqual(len(notes), 1, "one chatter entry, not a note beside the tracking")
        self.assertIn("stage_id", notes.tracking_value_ids.field_id.mapped("name"))
        self.assertEqual(notes.author_id, self.user_salesman_own.partner_id)
