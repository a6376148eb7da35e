# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The README's access table, cell by cell: generated from access_matrix.csv, the
table's source, so the two cannot drift apart (make lint checks the README)."""

import csv
from pathlib import Path

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KanakCrmCommon

MATRIX = list(csv.DictReader((Path(__file__).parent / "access_matrix.csv").open(newline="")))
PERSONAS = ("own", "all", "manager", "portal", "public", "internal", "company_2")
MAIN_COMPANY_SALESPEOPLE = ("own", "all", "manager")
LEAD_TYPES = {"initiative": "lead", "opportunity": "opportunity"}


@tagged("post_install", "-at_install", "security")
class TestAccessMatrix(KanakCrmCommon):
    """Each cell: "yes" works on someone else's record; "own" works on the persona's
    own and unassigned records and is refused on someone else's; "no" is refused,
    on the persona's own record where it has one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_public = cls.env.ref("base.public_user")
        cls.user_internal = cls.env["res.users"].create(
            {
                "name": "Ines Internal",
                "login": "kanak_internal",
                "group_ids": [(6, 0, cls.env.ref("base.group_user").ids)],
            }
        )
        # A colleague whose records are "someone else's" for every persona.
        cls.user_colleague = cls.env["res.users"].create(
            {
                "name": "Cora Colleague",
                "login": "kanak_colleague",
                "group_ids": [(6, 0, cls.env.ref("sales_team.group_sale_salesman").ids)],
            }
        )
        cls.team_latam.member_ids |= cls.user_colleague
        cls.matrix_stage = cls.env["crm.stage"].create({"name": "Matrix Stage", "sequence": 50})
        cls.matrix_tag = cls.env["crm.tag"].create({"name": "Matrix Tag"})
        cls.matrix_reason = cls.env["crm.lost.reason"].create({"name": "Matrix Reason"})

    def persona(self, name):
        return {
            "own": self.user_salesman_own,
            "all": self.user_salesman_all,
            "manager": self.user_sales_manager,
            "portal": self.user_portal,
            "public": self.user_public,
            "internal": self.user_internal,
            "company_2": self.user_company_2,
        }[name]

    # Records, created as superuser, in the main company.
    def lead(self, lead_type, user):
        team = self.team_europe if user != self.user_colleague else self.team_latam
        values = {"name": f"Matrix {lead_type} of {user.name or 'nobody'}", "type": lead_type}
        values.update(user_id=user.id, team_id=team.id, partner_name="Matrix Customer")
        if lead_type == "opportunity":
            values["stage_id"] = self.stage_new.id
        return self.env["crm.lead"].create(values)

    def targets(self, expected, persona):
        """(user to act on behalf of, may it?) for a cell."""
        actor = self.persona(persona)
        if expected == "yes":
            return [(self.user_colleague, True)]
        if expected == "own":
            return [(actor, True), (self.env["res.users"], True), (self.user_colleague, False)]
        own_record = persona in MAIN_COMPANY_SALESPEOPLE
        return [(actor if own_record else self.user_colleague, False)]

    # ------------------------------------------------------------------
    # Operations: each takes (actor, owner of the target) and does the thing.
    # ------------------------------------------------------------------

    def do_initiative_create(self, actor, owner):
        values = {"name": "Matrix new", "type": "lead", "user_id": owner.id}
        values["team_id"] = self.team_europe.id  # the main company's
        self.env["crm.lead"].with_user(actor).create(values)

    def do_initiative_read(self, actor, owner):
        self._read_lead(actor, self.lead("lead", owner))

    def do_opportunity_read(self, actor, owner):
        self._read_lead(actor, self.lead("opportunity", owner))

    def _read_lead(self, actor, lead):
        lead.message_post(body="Matrix note")
        as_actor = lead.with_user(actor)
        as_actor.read(["name", "email_from"])
        # Every other way in must agree with read.
        Lead = self.env["crm.lead"].with_user(actor)
        self.assertEqual(Lead.search([("id", "=", lead.id)]), lead)
        self.assertIn(lead.id, [lead_id for lead_id, _name in Lead.name_search(lead.name)])
        self.assertEqual(Lead._read_group([("id", "=", lead.id)], [], ["__count"]), [(1,)])
        as_actor.message_ids.read(["body"])

    def _refused_lead_paths(self, actor, lead):
        """With the model's access but not the record's: nothing leaks by search."""
        Lead = self.env["crm.lead"].with_user(actor)
        self.assertFalse(Lead.search([("id", "=", lead.id)]))
        self.assertFalse(Lead.name_search(lead.name))
        self.assertEqual(Lead._read_group([("id", "=", lead.id)], [], ["__count"]), [(0,)])
        # Export (a right of its own in Odoo 19, given here) reads like read.
        actor.group_ids |= self.env.ref("base.group_allow_export")
        with self.assertRaises(AccessError):
            Lead.browse(lead.id).export_data(["name"])

    def do_initiative_write(self, actor, owner):
        self.lead("lead", owner).with_user(actor).write({"description": "Matrix"})

    def do_opportunity_write(self, actor, owner):
        self.lead("opportunity", owner).with_user(actor).write({"stage_id": self.stage_won.id})

    def do_initiative_unlink(self, actor, owner):
        self.lead("lead", owner).with_user(actor).unlink()

    def do_opportunity_unlink(self, actor, owner):
        self.lead("opportunity", owner).with_user(actor).unlink()

    def do_initiative_qualify(self, actor, owner):
        lead = self.lead("lead", owner)
        lead.with_user(actor).action_qualify_as_opportunity()

    def do_initiative_disqualify(self, actor, owner):
        lead = self.lead("lead", owner)
        lead.with_user(actor).action_set_lost(
            lost_reason_id=self.env.ref("kanak_crm_flow.lost_reason_by_mistake").id
        )
        self.assertEqual(lead.won_status, "lost")
        self.assertTrue(lead.exists())

    def do_initiative_do_not_contact(self, actor, owner):
        email = f"{owner.login or 'nobody'}.{actor.login or 'public'}@silence.example.com"
        lead = self.lead("lead", owner)
        lead.email_from = email
        lead.with_user(actor).action_set_lost(
            lost_reason_id=self.env.ref("kanak_crm_flow.lost_reason_do_not_contact").id
        )
        entry = self.env["mail.blacklist"].search([("email", "=", email)])
        self.assertTrue(entry.active)
        self.assertIn(lead.name, str(entry.message_ids.mapped("body")))

    def do_initiative_import(self, actor, owner):
        """The import dialog's path: a file with one row for owner, through base_import.
        A refused import answers with error messages (nothing created), here raised."""
        columns = ["name", "email_from", "user_id/.id", "team_id/.id"]
        email = f"{owner.login or 'nobody'}@import.example.com"  # one per subtest: no duplicate
        row = f"Matrix import,{email},{owner.id or ''},{self.team_europe.id}"
        wizard = (
            self.env["base_import.import"]
            .with_user(actor)
            .create(
                {
                    "res_model": "crm.lead",
                    "file": f"{','.join(columns)}\n{row}\n".encode(),
                    "file_name": "matrix.csv",
                    "file_type": "text/csv",
                }
            )
        )
        options = {"has_headers": True, "separator": ",", "quoting": '"', "encoding": "utf-8"}
        result = wizard.execute_import(columns, columns, options)
        if result["ids"] is False:
            raise AccessError("; ".join(message["message"] for message in result["messages"]))
        imported = self.env["crm.lead"].browse(result["ids"])
        self.assertRecordValues(imported, [{"user_id": owner.id, "type": "lead"}])

    def do_attachment_read(self, actor, owner):
        lead = self.lead("lead", owner)
        attachment = self.env["ir.attachment"].create(
            {"name": "card.txt", "raw": b"Klaus", "res_model": "crm.lead", "res_id": lead.id}
        )
        [values] = attachment.with_user(actor).read(["raw"])
        self.assertEqual(values["raw"], b"Klaus")

    def do_stage_read(self, actor, owner):
        self.matrix_stage.with_user(actor).read(["name", "is_qualification"])

    def do_stage_write(self, actor, owner):
        self.matrix_stage.with_user(actor).write({"fold": True})

    def do_stage_create(self, actor, owner):
        self.env["crm.stage"].with_user(actor).create({"name": "Matrix Created"})

    def do_stage_unlink(self, actor, owner):
        self.matrix_stage.with_user(actor).unlink()

    def do_tag_read(self, actor, owner):
        self.matrix_tag.with_user(actor).read(["name"])

    def do_tag_create(self, actor, owner):
        self.env["crm.tag"].with_user(actor).create({"name": "Matrix Created Tag"})

    def do_tag_unlink(self, actor, owner):
        self.matrix_tag.with_user(actor).unlink()

    def do_lost_reason_read(self, actor, owner):
        self.matrix_reason.with_user(actor).read(["name", "do_not_contact"])

    def do_lost_reason_write(self, actor, owner):
        self.matrix_reason.with_user(actor).write({"do_not_contact": True})

    def do_lost_reason_create(self, actor, owner):
        self.env["crm.lost.reason"].with_user(actor).create({"name": "Matrix Created Reason"})

    def do_team_read(self, actor, owner):
        self.team_europe.with_user(actor).read(["name", "qualification_min_score"])

    def do_team_write(self, actor, owner):
        self.team_europe.with_user(actor).write({"qualification_min_score": 2})

    def do_team_alias_write(self, actor, owner):
        self.team_europe.with_user(actor).write({"alias_name": "matrix-europe"})
        self.assertEqual(self.team_europe.alias_name, "matrix-europe")

    def do_team_promise_write(self, actor, owner):
        self.team_europe.with_user(actor).write({"first_response_hours": 4})
        self.assertEqual(self.team_europe.first_response_hours, 4)

    def do_response_read(self, actor, owner):
        (self.team_europe | self.team_latam).first_response_hours = 8
        lead = self.lead("lead", owner)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET response_deadline = now() AT TIME ZONE 'UTC' - interval '1 hour' "
            "WHERE id = %s",
            [lead.id],
        )
        lead.invalidate_recordset()
        values = lead.with_user(actor).read(
            ["response_deadline", "response_summary", "response_state", "first_response_date"]
        )
        self.assertEqual(values[0]["response_state"], "overdue")
        overdue = self.env["crm.lead"].with_user(actor).search([("response_overdue", "=", True)])
        self.assertIn(lead, overdue)

    def do_response_write(self, actor, owner):
        lead = self.lead("lead", owner)
        lead.with_user(actor).write({"response_escalated": True})
        self.assertTrue(lead.response_escalated)

    def came_back_lead(self, owner):
        lead = self.lead("opportunity", owner)
        lead.action_set_lost(lost_reason_id=self.env.ref("kanak_crm_flow.lost_reason_not_now").id)
        lead._bring_back("delay")
        return lead

    def do_came_back_read(self, actor, owner):
        lead = self.came_back_lead(owner).with_user(actor)
        values = lead.read(["came_back_date", "came_back_reason_id", "came_back_trigger"])
        self.assertEqual(values[0]["came_back_trigger"], "delay")
        activity = lead.activity_ids
        self.assertEqual(
            activity.activity_type_id.get_external_id()[activity.activity_type_id.id],
            "kanak_crm_flow.mail_activity_type_contact_again",
        )

    def do_came_back_write(self, actor, owner):
        lead = self.came_back_lead(owner)
        lead.with_user(actor).write({"came_back_date": False, "came_back_trigger": False})
        self.assertFalse(lead.came_back_date)

    def do_response_report_read(self, actor, owner):
        lead = self.lead("lead", owner)
        lead.message_post(body="Hello", message_type="comment", subtype_xmlid="mail.mt_comment")
        self.env["kanak.crm.flow.report"].browse(lead.id).with_user(actor).read(
            [
                "response_hours",
                "answered_in_time_rate",
                "qualification_rate",
                "funnel_initiative_count",
            ]
        )

    def do_report_read(self, actor, owner):
        lead = self.lead("opportunity", owner)
        self.env["kanak.crm.flow.report"].browse(lead.id).with_user(actor).read(["name"])

    def do_contact_warning_read(self, actor, owner):
        self.lead("lead", owner).email_from = "matrix.contact@example.com"
        typed = (
            self.env["crm.lead"]
            .with_user(actor)
            .new({"name": "Typed", "type": "lead", "email_from": "Matrix.Contact@example.com"})
        )
        if not typed.contact_open_record_warning:
            # A test's own signal of "refused", never shown to a user.
            raise AccessError("the form says nothing of the contact's open record")  # pylint: disable=translation-required

    def do_workload_read(self, actor, owner):
        members = self.team_europe.crm_team_member_ids
        members.with_user(actor).read(["workload_total", "team_workload_imbalance"])

    def do_rebalance_use(self, actor, owner):
        lead = self.lead("lead", owner)
        wizard = (
            self.env["kanak.crm.lead.rebalance"]
            .with_user(actor)
            .create({"user_id": self.user_sales_manager.id, "lead_ids": [(6, 0, lead.ids)]})
        )
        wizard.action_rebalance()
        self.assertEqual(lead.user_id, self.user_sales_manager)

    def do_qualify_wizard_use(self, actor, owner):
        lead = self.lead("lead", owner)
        wizard = (
            self.env["kanak.crm.lead.qualify"]
            .with_user(actor)
            .create({"lead_id": lead.id, "user_id": (owner or actor).id})
        )
        wizard.action_qualify()
        self.assertEqual(lead.type, "opportunity")

    def do_settings_use(self, actor, owner):
        self.env["res.config.settings"].with_user(actor).create({}).execute()

    # ------------------------------------------------------------------

    def check_cell(self, row, persona):
        expected = row[persona]
        operation = getattr(self, f"do_{row['subject']}_{row['operation']}")
        actor = self.persona(persona)
        for owner, allowed in self.targets(expected, persona):
            with self.subTest(owner=owner.login or "nobody", allowed=allowed):
                if allowed:
                    operation(actor, owner)
                    continue
                muted = mute_logger(
                    "odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule"
                )
                with muted, self.assertRaises(AccessError):
                    operation(actor, owner)
                reads_a_lead = row["operation"] == "read" and row["subject"] in LEAD_TYPES
                if reads_a_lead and (expected == "own" or persona == "company_2"):
                    lead = self.lead(LEAD_TYPES[row["subject"]], owner)
                    self._refused_lead_paths(actor, lead)


def _make_cell_test(row, persona):
    def test(self):
        self.check_cell(row, persona)

    test.__doc__ = f"{row['subject']} {row['operation']} as {persona}: {row[persona]}"
    return test


for _row in MATRIX:
    for _persona in PERSONAS:
        _name = f"test_{_row['subject']}_{_row['operation']}_{_persona}"
        setattr(TestAccessMatrix, _name, _make_cell_test(_row, _persona))
