# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import UserError
from odoo.tests import HttpCase
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KanakCrmCommon


@tagged("post_install", "-at_install", "lead_manage")
class TestStageRule(KanakCrmCommon):
    """Moving an initiative to a pipeline stage is a qualification request, whatever
    the path: it qualifies, or it raises and writes nothing."""

    def assertUntouched(self, lead, priority="0"):
        self.assertEqual(lead.type, "lead")
        self.assertEqual(lead.stage_id, self.stage_initiatives)
        self.assertEqual(lead.priority, priority, "the other values of the write are not kept")

    def test_stage_write_qualifies_with_the_other_values(self):
        lead = self._create_initiative(
            name="Scripted", partner_name="Größ Lacke", user_id=self.user_salesman_own.id
        )
        result = lead.with_user(self.user_salesman_own).write(
            {"stage_id": self.stage_proposition.id, "priority": "2"}
        )
        self.assertTrue(result)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.stage_id, self.stage_proposition)
        self.assertEqual(lead.priority, "2")
        self.assertEqual(lead.user_id, self.user_salesman_own)
        self.assertTrue(lead.date_conversion)
        self.assertTrue(lead.partner_id, "converted through Odoo's own wizard")

    def test_without_salesperson_the_least_loaded_member_is_proposed(self):
        # Olga already carries one open initiative; the manager none.
        self._create_initiative(name="Olga's", user_id=self.user_salesman_own.id)
        lead = self._create_initiative(name="Nobody's", user_id=False)
        lead.with_user(self.user_salesman_all).write({"stage_id": self.stage_new.id})
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.user_id, self.user_sales_manager)
        self.flush_tracking()  # the note rides on the tracking message
        self.env.invalidate_all()
        notes = lead.message_ids.filtered(lambda m: "No salesperson was set" in str(m.body))
        self.assertEqual(len(notes), 1)
        qualified = lead.message_ids.filtered(lambda m: "Qualified as opportunity" in str(m.body))
        self.assertEqual(len(qualified), 1, "said once")
        self.assertIn(self.user_sales_manager.name, str(notes.body))

    def test_no_salesperson_and_nobody_to_propose_is_refused(self):
        empty_team = self.env["crm.team"].create({"name": "Empty", "use_leads": True})
        lead = self._create_initiative(name="Orphan", user_id=False, team_id=empty_team.id)
        with self.assertRaisesRegex(UserError, "no sales team member to propose"):
            lead.write({"stage_id": self.stage_new.id, "priority": "3"})
        self.assertUntouched(lead)
        no_team = self._create_initiative(name="No team", user_id=False, team_id=False)
        with self.assertRaisesRegex(UserError, "Assign a salesperson or a sales team"):
            no_team.write({"stage_id": self.stage_new.id})
        self.assertUntouched(no_team)

    def test_gate_refuses_and_writes_nothing(self):
        self.team_europe.qualification_min_score = 2
        lead = self._create_initiative(name="Weak", user_id=self.user_salesman_own.id)
        with self.assertRaisesRegex(UserError, "scores 0 of 4.*from 2"):
            lead.write({"stage_id": self.stage_new.id, "priority": "3"})
        self.assertUntouched(lead)
        # Ticks written with the stage count for the gate.
        lead.write(
            {
                "stage_id": self.stage_new.id,
                "qualification_need": True,
                "qualification_budget": True,
            }
        )
        self.assertEqual(lead.type, "opportunity")

    def test_batch_is_all_or_nothing(self):
        self.team_europe.qualification_min_score = 1
        good = self._create_initiative(
            name="Good", user_id=self.user_salesman_own.id, qualification_need=True
        )
        weak = self._create_initiative(name="Weak", user_id=self.user_salesman_own.id)
        with self.assertRaisesRegex(UserError, "Weak"):
            (good | weak).write({"stage_id": self.stage_new.id, "priority": "1"})
        self.assertUntouched(good)
        self.assertUntouched(weak)

    def test_mixed_batch_moves_opportunities_and_qualifies_initiatives(self):
        lead = self._create_initiative(name="Initiative", user_id=self.user_salesman_own.id)
        opportunity = self.env["crm.lead"].create(
            {"name": "Opportunity", "type": "opportunity", "stage_id": self.stage_new.id}
        )
        (lead | opportunity).write({"stage_id": self.stage_qualified.id})
        self.assertEqual((lead | opportunity).stage_id, self.stage_qualified)
        self.assertEqual(lead.type, "opportunity")

    def test_won_stage_qualifies_and_wins(self):
        lead = self._create_initiative(name="Won at once", user_id=self.user_salesman_own.id)
        lead.action_set_won()
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.stage_id, self.stage_won)
        self.assertEqual(lead.won_status, "won")
        self.assertEqual(lead.probability, 100)

    def test_server_action_goes_through_the_same_rule(self):
        self.team_europe.qualification_min_score = 4
        lead = self._create_initiative(name="Automated", user_id=self.user_salesman_own.id)
        action = self.env["ir.actions.server"].create(
            {
                "name": "Move to New",
                "model_id": self.env.ref("crm.model_crm_lead").id,
                "state": "object_write",
                "update_path": "stage_id",
                "resource_ref": f"crm.stage,{self.stage_new.id}",
            }
        )
        with self.assertRaisesRegex(UserError, "scores 0 of 4"):
            action.with_context(active_model="crm.lead", active_ids=lead.ids).run()
        self.assertUntouched(lead)
        self.team_europe.qualification_min_score = 0
        action.with_context(active_model="crm.lead", active_ids=lead.ids).run()
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.stage_id, self.stage_new)

    def test_import_update_goes_through_the_same_rule(self):
        lead = self._create_initiative(name="Imported", user_id=self.user_salesman_own.id)
        xmlid = lead.export_data(["id"])["datas"][0][0]  # as an export gives it
        result = self.env["crm.lead"].load(["id", "stage_id/id"], [[xmlid, "crm.stage_lead2"]])
        self.assertFalse(result["messages"])
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.stage_id, self.stage_qualified)

    def test_internal_paths_keep_working(self):
        # Merge, assignment and the stock wizard carry the type: no qualification request.
        own = self.user_salesman_own.id
        lead = self._create_initiative(name="Dup A", email_from="dup@example.com", user_id=own)
        other = self._create_initiative(name="Dup B", email_from="dup@example.com", user_id=own)
        merged = (lead | other).merge_opportunity(auto_unlink=False)
        self.assertEqual(merged.type, "lead")
        self.assertEqual(merged.stage_id, self.stage_initiatives)


@tagged("post_install", "-at_install", "lead_manage")
class TestStageRuleOverRpc(KanakCrmCommon, HttpCase):
    """The same rule as an integration meets it: JSON-RPC write, as each sales role."""

    def rpc_write(self, login, lead, values):
        """The JSON-RPC answer, error included: what an integration reads."""
        self.authenticate(login, login)
        params = {"model": "crm.lead", "method": "write", "args": [lead.ids, values], "kwargs": {}}
        with mute_logger("odoo.http"):
            response = self.opener.post(
                f"{self.base_url()}/web/dataset/call_kw/crm.lead/write",
                json={"id": 0, "jsonrpc": "2.0", "method": "call", "params": params},
                timeout=30,
            )
        response.raise_for_status()
        answer = response.json()
        self.env.invalidate_all()
        return answer

    def assertWritten(self, login, lead, values):
        answer = self.rpc_write(login, lead, values)
        self.assertIs(answer.get("result"), True, answer.get("error"))

    def assertRefused(self, login, lead, values, error_name, message):
        answer = self.rpc_write(login, lead, values)
        self.assertIn("error", answer, "never a silent True")
        self.assertEqual(answer["error"]["data"]["name"], error_name)
        self.assertIn(message, answer["error"]["data"]["message"])
        self.assertEqual(lead.type, "lead")
        self.assertEqual(lead.stage_id, self.stage_initiatives)

    def test_own_documents_salesperson(self):
        new_stage = {"stage_id": self.stage_new.id}
        mine = self._create_initiative(name="Mine", user_id=self.user_salesman_own.id)
        self.assertWritten("kanak_salesman_own", mine, new_stage)
        self.assertEqual((mine.type, mine.stage_id), ("opportunity", self.stage_new))

        unassigned = self._create_initiative(name="Unassigned", user_id=False)
        self.assertWritten("kanak_salesman_own", unassigned, new_stage)
        self.assertEqual(unassigned.type, "opportunity")
        self.assertIn(unassigned.user_id, self.team_europe.member_ids)

        theirs = self._create_initiative(
            name="Theirs", user_id=self.user_salesman_all.id, team_id=self.team_latam.id
        )
        self.assertRefused(
            "kanak_salesman_own",
            theirs,
            new_stage,
            "odoo.exceptions.AccessError",
            f"Olga Own Documents (id={self.user_salesman_own.id}) doesn't have 'read' access",
        )

    def test_all_documents_salesperson_on_a_gated_team(self):
        self.team_europe.qualification_min_score = 2
        lead = self._create_initiative(name="Gated", user_id=self.user_salesman_own.id)
        self.assertRefused(
            "kanak_salesman_all",
            lead,
            {"stage_id": self.stage_new.id},
            "odoo.exceptions.UserError",
            "“Gated” scores 0 of 4, and team Kanak Test Europe qualifies initiatives from 2",
        )
        lead.write({"qualification_need": True, "qualification_authority": True})
        self.assertWritten("kanak_salesman_all", lead, {"stage_id": self.stage_new.id})
        self.assertEqual(lead.type, "opportunity")

    def test_manager_without_salesperson(self):
        lonely = self.env["crm.team"].create({"name": "Nobody's team", "use_leads": True})
        lead = self._create_initiative(name="Lonely", user_id=False, team_id=lonely.id)
        self.assertRefused(
            "kanak_sales_manager",
            lead,
            {"stage_id": self.stage_proposition.id},
            "odoo.exceptions.UserError",
            "no sales team member to propose",
        )
        self.assertWritten(
            "kanak_sales_manager",
            lead,
            {"stage_id": self.stage_proposition.id, "user_id": self.user_salesman_all.id},
        )
        self.assertEqual((lead.type, lead.stage_id), ("opportunity", self.stage_proposition))
        self.assertEqual(lead.user_id, self.user_salesman_all)
