# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import HttpCase
from odoo.tests import tagged

from .common import KanakCrmCommon


@tagged("post_install", "-at_install", "crm_tour")
class TestFrankfurtTour(HttpCase):
    def test_frankfurt_story_through_the_ui(self):
        """The Sales Flow as a salesperson meets it: quick create, Qualify, drag."""
        admin = self.env.ref("base.user_admin")
        team = self.env["crm.team"].create(
            {
                "name": "Kanak Tour Europe",
                "sequence": 0,
                "use_leads": True,
                "member_ids": [(6, 0, admin.ids)],
            }
        )
        painter = self.env["crm.lead"].create(
            {
                "name": "Painter asks for a quote",
                "type": "lead",
                "team_id": team.id,
                "user_id": False,
            }
        )
        self.start_tour("/odoo", "kanak_frankfurt_tour", login="admin")

        self.assertEqual(painter.type, "opportunity")
        self.assertEqual(painter.stage_id, self.env.ref("crm.stage_lead1"))
        self.assertEqual(painter.user_id, admin, "the team's only member, proposed")
        self.assertTrue(
            painter.message_ids.filtered(lambda m: "No salesperson was set" in str(m.body))
        )

        lead = self.env["crm.lead"].search([("name", "=", "Frankfurt fair: card of Klaus Becker")])
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.stage_id, self.env.ref("crm.stage_lead1"))
        self.assertEqual(lead.priority, "3")
        self.assertEqual(lead.tag_ids, self.env.ref("kanak_crm_flow.tag_source_trade_fair"))
        self.assertEqual(lead.user_id, admin)
        self.assertEqual(lead.team_id, team)
        self.assertTrue(lead.date_conversion)


@tagged("post_install", "-at_install", "crm_tour")
class TestManagerReportsTour(HttpCase):
    def test_manager_reads_the_reports_and_rebalances(self):
        salesman = self.env.ref("sales_team.group_sale_salesman")
        ana, bruno = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                [
                    {"name": name, "login": login, "group_ids": [(6, 0, salesman.ids)]}
                    for name, login in (
                        ("Ana Tour", "kanak_ana_tour"),
                        ("Bruno Tour", "kanak_bruno_tour"),
                    )
                ]
            )
        )
        team = self.env["crm.team"].create(
            {
                "name": "Kanak Tour Reports",
                "use_leads": True,
                "member_ids": [(6, 0, (ana | bruno).ids)],
            }
        )
        Lead = self.env["crm.lead"]
        initiatives = Lead.create(
            [
                {
                    "name": f"Tour initiative {index}",
                    "type": "lead",
                    "team_id": team.id,
                    "user_id": ana.id,
                }
                for index in range(1, 6)
            ]
        )
        Lead.create({"name": "Bruno's", "type": "lead", "team_id": team.id, "user_id": bruno.id})
        Lead.create(
            {"name": "Tour lost", "type": "lead", "team_id": team.id, "user_id": bruno.id}
        ).action_set_lost()

        self.start_tour("/odoo", "kanak_manager_reports_tour", login="admin")

        moved = initiatives.filtered(lambda lead: lead.user_id == bruno)
        self.assertEqual(moved.mapped("name"), ["Tour initiative 4", "Tour initiative 5"])
        self.assertEqual((initiatives - moved).user_id, ana)
        self.assertTrue(moved.message_ids.filtered(lambda m: "Rebalanced by" in str(m.body)))


@tagged("post_install", "-at_install", "crm_tour")
class TestStoryTours(KanakCrmCommon, HttpCase):
    """One tour per story of issue 17, each checked in the database afterwards. The
    personas of common.py: Olga (own documents) and Marta (the manager, her
    colleague in team_europe, and its leader)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.olga, cls.marta = cls.user_salesman_own, cls.user_sales_manager
        cls.team = cls.team_europe
        cls.Lead = cls.env["crm.lead"]

    def test_own_documents_salesperson_qualifies_for_a_colleague(self):
        card = self.Lead.create(
            {"name": "Card for Marta", "type": "lead", "team_id": self.team.id, "user_id": False}
        )
        dragged = self.Lead.create(
            {"name": "Dragged to Marta", "type": "lead", "team_id": self.team.id, "user_id": False}
        )
        # Olga carries more, so dragging proposes Marta.
        self.Lead.create(
            [
                {
                    "name": f"Olga's {i}",
                    "type": "lead",
                    "team_id": self.team.id,
                    "user_id": self.olga.id,
                }
                for i in range(3)
            ]
        )
        self.start_tour(
            "/odoo/action-kanak_crm_flow.action_initiatives",
            "kanak_qualify_for_colleague_tour",
            login="kanak_salesman_own",
        )
        for lead in card | dragged:
            self.assertEqual((lead.type, lead.user_id), ("opportunity", self.marta))
        self.assertEqual(dragged.stage_id, self.env.ref("crm.stage_lead1"))

    def test_disqualify_and_restore(self):
        lead = self.Lead.create(
            {
                "name": "The painter",
                "type": "lead",
                "team_id": self.team.id,
                "user_id": self.olga.id,
            }
        )
        self.start_tour(
            "/odoo/action-kanak_crm_flow.action_initiatives",
            "kanak_disqualify_restore_tour",
            login="kanak_salesman_own",
        )
        self.assertTrue(lead.active)
        self.assertEqual(lead.won_status, "pending")
        lost = self.env.ref("crm.mt_lead_lost")
        self.assertEqual(len(lead.message_ids.filtered(lambda m: m.subtype_id == lost)), 1)
        self.assertEqual(lead.stage_id, self.env.ref("kanak_crm_flow.stage_initiatives"))

    def test_manager_sets_a_contact_again_delay(self):
        self.start_tour("/odoo", "kanak_contact_again_tour", login="kanak_sales_manager")
        self.assertEqual(
            self.env.ref("kanak_crm_flow.lost_reason_competitor").contact_again_days, 60
        )
        self.assertEqual(
            self.env.ref("kanak_crm_flow.lost_reason_do_not_contact").contact_again_days, 0
        )

    def test_team_leader_sets_the_minimum_score(self):
        self.start_tour(
            f"/odoo/action-sales_team.crm_team_action_config/{self.team.id}",
            "kanak_minimum_score_tour",
            login="kanak_sales_manager",
        )
        self.assertEqual(self.team.qualification_min_score, 2)


@tagged("post_install", "-at_install", "crm_tour")
class TestSpeedToLeadTour(HttpCase):
    def test_overdue_initiative_red_then_answered_by_a_logged_call(self):
        """The manager sees the overdue initiative in red; the salesperson logs a call."""
        admin = self.env.ref("base.user_admin")
        salesperson = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Sofia Tour Salesperson",
                    "login": "kanak_sofia_tour",
                    "password": "kanak_sofia_tour",
                    "group_ids": [
                        (6, 0, self.env.ref("sales_team.group_sale_salesman_all_leads").ids)
                    ],
                }
            )
        )
        team = self.env["crm.team"].create(
            {
                "name": "Kanak Tour Speed",
                "sequence": 0,
                "use_leads": True,
                "user_id": admin.id,
                "first_response_hours": 8,
                "member_ids": [(6, 0, (admin | salesperson).ids)],
            }
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Card from the Frankfurt fair",
                "type": "lead",
                "team_id": team.id,
                "user_id": salesperson.id,
                "contact_name": "Klaus Becker",
                "email_from": "klaus.becker@example.com",
            }
        )
        self.assertTrue(lead.response_deadline)
        self.env.flush_all()
        # Arrived three weeks ago: whatever the calendar, its 8 working hours are past.
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = create_date - interval '21 days', "
            "response_deadline = response_deadline - interval '21 days' WHERE id = %s",
            [lead.id],
        )
        lead.invalidate_recordset()
        self.assertTrue(lead.response_overdue)

        self.start_tour("/odoo", "kanak_speed_to_lead_manager_tour", login="admin")
        self.start_tour(
            "/odoo/action-kanak_crm_flow.action_sales_flow",
            "kanak_speed_to_lead_salesperson_tour",
            login="kanak_sofia_tour",
        )
        lead.invalidate_recordset()
        self.assertEqual(lead.first_response_user_id, salesperson)
        self.assertTrue(lead.first_response_date)
        self.assertEqual(lead.response_state, "answered")
        self.assertEqual(lead.type, "lead", "answered, still an initiative to qualify")


@tagged("post_install", "-at_install", "crm_tour", "kanak_import")
class TestImportTour(KanakCrmCommon, HttpCase):
    def test_import_with_a_skipped_row_reads_as_a_success(self):
        open_one = self._create_initiative(
            name="Open", email_from="already.open@example.com", user_id=False
        )
        self.start_tour(
            "/odoo/action-kanak_crm_flow.action_initiatives",
            "kanak_import_with_a_skipped_row_tour",
            login="admin",
        )
        imported = self.env["crm.lead"].search([("email_from", "=", "new.card@example.com")])
        self.assertEqual(imported.name, "New fair card")
        self.assertEqual(
            self.env["crm.lead"].search([("email_normalized", "=", "already.open@example.com")]),
            open_one,
            "not created twice",
        )
