from odoo.tests import HttpCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestFrankfurtTour(HttpCase):
    def test_frankfurt_story_through_the_ui(self):
        admin = self.env.ref("base.user_admin")
        team = self.env["crm.team"].create(
            {
                "name": "Kanak Tour Europe",
                "sequence": 0,
                "use_leads": True,
                "member_ids": [(6, 0, admin.ids)],
            }
        )
        self.start_tour("/odoo", "kanak_frankfurt_tour", login="admin")

        lead = self.env["crm.lead"].search([("name", "=", "Frankfurt fair: card of Klaus Becker")])
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.stage_id, self.env.ref("crm.stage_lead1"))
        self.assertEqual(lead.priority, "3")
        self.assertEqual(lead.tag_ids, self.env.ref("kanak_crm_flow.tag_source_trade_fair"))
        self.assertEqual(lead.user_id, admin)
        self.assertEqual(lead.team_id, team)
        self.assertTrue(lead.date_conversion)
