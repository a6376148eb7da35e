from odoo.tests import HttpCase
from odoo.tests import tagged


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

        moved = initiatives.filtered(lambda lead: lead.name == "Tour initiative 1")
        self.assertEqual(moved.user_id, bruno)
        self.assertEqual((initiatives - moved).user_id, ana)
        self.assertTrue(moved.message_ids.filtered(lambda m: "Rebalanced by" in str(m.body)))
