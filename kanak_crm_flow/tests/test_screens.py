# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import re

from odoo.tests import Form
from odoo.tests import tagged

from .common import KanakCrmCommon


@tagged("post_install", "-at_install", "lead_manage")
class TestScreens(KanakCrmCommon):
    """What the screens offer: one entry point per thing, no dead end."""

    def test_qualify_dialog_offers_the_team_first_then_every_salesperson(self):
        lead = self._create_initiative(
            name="No company", user_id=False, company_id=False, team_id=False
        )
        self.assertFalse(lead.company_id)
        action = lead.with_user(self.user_salesman_own).action_qualify_as_opportunity()
        wizard = Form(
            self.env["kanak.crm.lead.qualify"]
            .with_user(self.user_salesman_own)
            .with_context(**action["context"])
        )
        # A salesperson of another team can be picked (the domain no longer needs a company).
        wizard.user_id = self.user_salesman_all
        self.assertEqual(wizard.user_id, self.user_salesman_all)

        view = self.env["kanak.crm.lead.qualify"].get_views([(False, "form")])
        arch = view["views"]["form"]["arch"]
        self.assertIn("kanak_team_members_first", arch)
        salesman = self.env.ref("sales_team.group_sale_salesman")
        domain = [("share", "=", False), ("all_group_ids", "in", salesman.ids)]
        Users = self.env["res.users"].with_user(self.user_salesman_own)
        found = Users.with_context(kanak_team_members_first=self.team_europe.id).name_search(
            "", domain, limit=100
        )
        ids = [user_id for user_id, _name in found]
        members = self.team_europe.member_ids
        self.assertEqual(set(ids[: len(members)]), set(members.ids), "the team first")
        self.assertIn(self.user_salesman_all.id, ids, "then the others")
        self.assertNotIn(self.user_portal.id, ids)

    def test_qualifying_for_a_colleague_ends_on_a_readable_screen(self):
        lead = self._create_initiative(name="For a colleague", user_id=False)
        wizard = (
            self.env["kanak.crm.lead.qualify"]
            .with_user(self.user_salesman_own)
            .create({"lead_id": lead.id, "user_id": self.user_sales_manager.id})
        )
        action = wizard.action_qualify()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("now an opportunity of Marta Sales Manager", action["params"]["message"])
        self.assertEqual(action["params"]["next"]["xml_id"], "kanak_crm_flow.action_initiatives")
        # From the Sales Flow, back to the Sales Flow.
        other = self._create_initiative(name="From the board", user_id=False)
        wizard = (
            self.env["kanak.crm.lead.qualify"]
            .with_user(self.user_salesman_own)
            .with_context(kanak_sales_flow=1)
            .create({"lead_id": other.id, "user_id": self.user_sales_manager.id})
        )
        action = wizard.action_qualify()
        self.assertEqual(action["params"]["next"]["xml_id"], "kanak_crm_flow.action_sales_flow")
        # For oneself: the form reloads on the opportunity (no second breadcrumb).
        mine = self._create_initiative(name="Mine", user_id=self.user_salesman_own.id)
        action = mine.with_user(self.user_salesman_own).action_qualify_as_opportunity()
        self.assertEqual(action, {"type": "ir.actions.client", "tag": "soft_reload"})
        self.assertEqual(mine.type, "opportunity")

    def test_drag_for_a_colleague_answers_instead_of_an_access_error(self):
        # Olga carries more than the manager: the proposal goes to the manager.
        self._create_initiative(name="Olga's", user_id=self.user_salesman_own.id)
        lead = self._create_initiative(name="Dragged", user_id=False)
        result = (
            self.env["crm.lead"]
            .with_user(self.user_salesman_own)
            .browse(lead.id)
            .web_save({"stage_id": self.stage_new.id}, {"stage_id": {}, "user_id": {}})
        )
        self.assertEqual(lead.user_id, self.user_sales_manager)
        self.assertEqual(result[0]["stage_id"], self.stage_new.id)
        self.assertEqual(result[0]["user_id"], self.user_sales_manager.id)

    def test_one_entry_point_and_stock_words_relabelled(self):
        leads_menu = self.env.ref("crm.crm_menu_leads")
        self.assertEqual(leads_menu.name, "Initiatives")
        self.assertEqual(leads_menu.action, self.env.ref("kanak_crm_flow.action_initiatives"))
        stages_menu = self.env.ref("crm.menu_crm_lead_stage_act")
        self.assertIn(self.env.ref("sales_team.group_sale_manager"), stages_menu.group_ids)
        self.assertNotIn(self.env.ref("base.group_no_one"), stages_menu.group_ids)

        form = self.env["crm.lead"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('title="Disqualified"', form)
        disqualify = self.env.ref("kanak_crm_flow.action_disqualify")
        self.assertIn(f'name="{disqualify.id}"', form)
        lost_form = self.env["crm.lead.lost"].get_views(
            [(self.env.ref("kanak_crm_flow.crm_lead_lost_view_form_disqualify").id, "form")]
        )["views"]["form"]["arch"]
        self.assertNotIn("Mark as Lost", lost_form)
        self.assertIn('string="Disqualify"', lost_form)

        search = self.env["crm.lead"].get_views([(False, "search")], {"load_filters": False})[
            "views"
        ]["search"]["arch"]
        self.assertEqual(search.count(">Lost<") + search.count('string="Lost"'), 0)
        team_group_bys = re.findall(r"group_by['\"]\s*:\s*['\"]team_id['\"]", search)
        self.assertEqual(len(team_group_bys), 1, "Sales Team once")

    def test_qualification_stays_on_the_opportunity(self):
        lead = self._create_initiative(
            name="Kept", user_id=self.user_salesman_own.id, qualification_need=True
        )
        lead.qualification_note = "<p>Needs 2,000 litres</p>"
        lead.action_qualify_as_opportunity()
        form = Form(lead)
        self.assertTrue(form.qualification_need)
        self.assertIn("2,000 litres", str(form.qualification_note))
        arch = self.env["crm.lead"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn('name="kanak_qualification" invisible', arch)

    def test_rebalance_proposes_what_evens_the_team(self):
        own, manager = self.user_salesman_own, self.user_sales_manager
        initiatives = self.env["crm.lead"]
        for index in range(6):
            initiatives |= self._create_initiative(name=f"Olga {index}", user_id=own.id)
        self._create_initiative(name="Marta's", user_id=manager.id)
        member = self.team_europe.crm_team_member_ids.filtered(lambda m: m.user_id == own)
        action = member.with_user(manager).action_open_rebalance()
        wizard = Form(
            self.env["kanak.crm.lead.rebalance"]
            .with_user(manager)
            .with_context(**action["context"])
        )
        self.assertEqual(wizard.user_id, manager, "to the least-loaded colleague")
        self.assertEqual(len(wizard.lead_ids), 2, "half the gap of 6 and 1, rounded down")
        self.assertTrue(set(wizard.lead_ids.ids) <= set(initiatives.ids))
        wizard.save().action_rebalance()
        self.assertEqual(len(initiatives.filtered(lambda lead: lead.user_id == manager)), 2)

    def test_sales_flow_folds_won(self):
        self._create_initiative(name="Open one", user_id=self.user_salesman_own.id)
        won = self.env["crm.lead"].create(
            {
                "name": "Won one",
                "type": "opportunity",
                "stage_id": self.stage_new.id,
                "team_id": self.team_europe.id,
            }
        )
        won.action_set_won()
        self.assertEqual(won.stage_id, self.stage_won)

        def folded(context):
            result = (
                self.env["crm.lead"]
                # As the kanban asks: every column, with its folding.
                .with_context(**context, read_group_expand=True)
                .web_read_group(
                    [],
                    ["stage_id"],
                    ["__count"],
                    auto_unfold=True,
                    unfold_read_specification={"name": {}},
                )
            )
            return {group["stage_id"][0]: "__records" not in group for group in result["groups"]}

        flow = folded({"kanak_sales_flow": 1})
        self.assertTrue(flow[self.stage_won.id], "Won starts folded in the Sales Flow")
        self.assertFalse(flow[self.stage_initiatives.id])
        self.assertFalse(folded({})[self.stage_won.id], "stock screens unchanged")
