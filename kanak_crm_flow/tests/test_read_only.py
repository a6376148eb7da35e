# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

import psycopg2.errors
from lxml import etree

from odoo import api
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import KanakCrmCommon

# (action, view types) of every screen the addon adds or changes.
SCREENS = [
    ("kanak_crm_flow.action_initiatives", ("list", "kanban", "form")),
    ("kanak_crm_flow.action_sales_flow", ("kanban", "list", "form")),
    ("crm.crm_lead_action_pipeline", ("kanban", "list")),
    ("kanak_crm_flow.kanak_crm_flow_report_action", ("pivot", "graph", "list")),
    ("kanak_crm_flow.kanak_crm_flow_report_action_response", ("pivot", "list")),
    ("kanak_crm_flow.kanak_crm_flow_report_action_funnel", ("pivot", "list")),
    ("kanak_crm_flow.kanak_crm_team_member_action_workload", ("list",)),
]


@tagged("post_install", "-at_install", "read_only")
class TestReadPathsReadOnly(KanakCrmCommon):
    """Odoo 19 serves the web client's reads (lists, kanban, pivot, form reads) in a
    read-only transaction, on a read replica when one is configured: each screen of
    the addon reads there without writing or flushing anything."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_europe.first_response_hours = 8
        Lead = cls.env["crm.lead"]
        cls.initiative = Lead.create(
            {
                "name": "Read-only initiative",
                "team_id": cls.team_europe.id,
                "email_from": "ro@example.com",
            }
        )
        cls.second = Lead.create(
            {"name": "Same contact", "team_id": cls.team_europe.id, "email_from": "ro@example.com"}
        )
        cls.opportunity = Lead.create(
            {
                "name": "Read-only opportunity",
                "type": "opportunity",
                "team_id": cls.team_europe.id,
                "user_id": cls.user_salesman_own.id,
                "stage_id": cls.stage_new.id,
                "expected_revenue": 1000,
            }
        )
        lost = Lead.create(
            {
                "name": "Read-only lost",
                "team_id": cls.team_europe.id,
                "email_from": "lost@example.com",
            }
        )
        lost.action_set_lost(lost_reason_id=cls.env.ref("kanak_crm_flow.lost_reason_not_now").id)
        cls.answered = Lead.create({"name": "Answered", "team_id": cls.team_europe.id})
        cls.answered.with_user(cls.user_salesman_own).message_post(
            body="Hello", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        # A deadline already past: the overdue state is computed at read.
        cls.initiative.sudo().response_deadline = cls.initiative.create_date - timedelta(hours=1)

    def setUp(self):
        super().setUp()
        self.env.flush_all()
        self.registry_enter_test_mode()

    def read_screen(self, user, action_xmlid, view_type):
        """What the web client asks to draw this screen, in a read-only transaction."""
        with self.registry.cursor(readonly=True) as cr:
            env = api.Environment(cr, user.id, {"lang": "en_US", "tz": "Europe/Madrid"})
            action = env["ir.actions.act_window"]._for_xml_id(action_xmlid)
            context = safe_eval(action.get("context") or "{}", {"uid": user.id})
            domain = safe_eval(action.get("domain") or "[]", {"uid": user.id})
            Model = env[action["res_model"]].with_context(**context)
            views = Model.get_views([(False, view_type)])
            arch = etree.fromstring(views["views"][view_type]["arch"])
            spec = {name: {} for name in views["models"][Model._name]["fields"]}
            if view_type == "form":
                record = Model.search(domain, limit=1)
                return record.web_read(spec)
            if view_type in ("pivot", "graph"):
                rows = [
                    node.get("name") for node in arch.iter("field") if node.get("type") != "measure"
                ]
                aggregates = [
                    f"{name}:{field.aggregator}"
                    for name, field in Model._fields.items()
                    if field.aggregator and field.store is not False and name != "id"
                ]
                return Model.formatted_read_grouping_sets(
                    domain, [[], rows[:1], rows, ["team_id"]], ["__count", *aggregates]
                )[0]
            groupby = context.get("group_by") or (["stage_id"] if view_type == "kanban" else [])
            if groupby:
                return Model.web_read_group(
                    domain,
                    [groupby] if isinstance(groupby, str) else groupby,
                    ["__count"],
                    auto_unfold=True,
                    unfold_read_specification=spec,
                )
            return Model.web_search_read(domain, spec, limit=80)

    def test_every_screen_reads_in_a_read_only_transaction(self):
        personas = {
            "own": self.user_salesman_own,
            "all": self.user_salesman_all,
            "manager": self.user_sales_manager,
        }
        for action_xmlid, view_types in SCREENS:
            reports = "report" in action_xmlid or "workload" in action_xmlid
            for persona, user in personas.items():
                if reports and persona != "manager":
                    continue
                for view_type in view_types:
                    with self.subTest(screen=action_xmlid, view=view_type, persona=persona):
                        drawn = self.read_screen(user, action_xmlid, view_type)
                        # Something to draw: the reads ran on the test's records.
                        self.assertTrue(drawn.get("length") if isinstance(drawn, dict) else drawn)

    def test_a_write_in_a_read_only_transaction_fails_here(self):
        # The check itself: a read path that wrote would fail, not pass unseen.
        with (
            self.assertRaises(psycopg2.errors.ReadOnlySqlTransaction),
            mute_logger("odoo.sql_db"),
            self.registry.cursor(readonly=True) as cr,
        ):
            env = api.Environment(cr, self.user_sales_manager.id, {})
            env["crm.lead"].browse(self.initiative.id).write({"priority": "2"})
            env.flush_all()
