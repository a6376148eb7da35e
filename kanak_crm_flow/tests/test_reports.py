# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import datetime
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError
from odoo.exceptions import UserError
from odoo.tests import Form
from odoo.tests import HttpCase
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools import unique

from odoo.addons.kanak_crm_flow.report import kanak_crm_flow_report as report_module

from .common import KanakCrmCommon

# The analysis keeps lost records and leaves out those merely archived.
IN_ANALYSIS = ["|", ("active", "=", True), ("won_status", "=", "lost")]

# Report filter -> the same filter on crm.lead.
MATCHING_FILTERS = [
    ([], []),
    ([("lead_type", "=", "lead")], [("type", "=", "lead")]),
    ([("lead_type", "=", "opportunity")], [("type", "=", "opportunity")]),
    ([("won_status", "=", "pending")], [("won_status", "=", "pending")]),
    ([("won_status", "=", "lost")], [("won_status", "=", "lost")]),
    ([("won_status", "=", "won")], [("won_status", "=", "won")]),
    ([("user_id", "=", False)], [("user_id", "=", False)]),
]


class KanakReportCommon(KanakCrmCommon):
    """A small sales organisation with records in every column of the flow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lead = cls.env["crm.lead"].with_context(tracking_disable=True, mail_create_nolog=True)
        olga, adrian, marta = cls.user_salesman_own, cls.user_salesman_all, cls.user_sales_manager
        europe, latam = cls.team_europe, cls.team_latam

        def initiatives(count, user, team, **values):
            return Lead.create(
                [
                    {
                        "name": f"{user.name or 'Nobody'} initiative {index}",
                        "type": "lead",
                        "user_id": user.id,
                        "team_id": team.id,
                        **values,
                    }
                    for index in range(count)
                ]
            )

        def opportunities(count, user, team, stage, **values):
            return Lead.create(
                [
                    {
                        "name": f"{user.name} opportunity {index}",
                        "type": "opportunity",
                        "user_id": user.id,
                        "team_id": team.id,
                        "stage_id": stage.id,
                        "expected_revenue": 1000.0,
                        **values,
                    }
                    for index in range(count)
                ]
            )

        cls.olga_initiatives = initiatives(5, olga, europe)
        cls.marta_initiatives = initiatives(1, marta, europe)
        cls.unassigned_initiatives = initiatives(2, cls.env["res.users"], europe)
        cls.olga_opportunities = opportunities(2, olga, europe, cls.stage_new)
        cls.olga_won = opportunities(1, olga, europe, cls.stage_won)
        cls.olga_lost = initiatives(1, olga, europe)
        cls.olga_lost.action_set_lost(
            lost_reason_id=cls.env.ref("kanak_crm_flow.lost_reason_by_mistake").id
        )
        cls.adrian_opportunities = opportunities(3, adrian, latam, cls.stage_proposition)
        cls.adrian_lost = opportunities(1, adrian, latam, cls.stage_qualified)
        cls.adrian_lost.action_set_lost()
        cls.archived = initiatives(1, adrian, latam)
        cls.archived.action_archive()
        cls.company_2_initiatives = (
            cls.env["crm.lead"]
            .with_company(cls.company_2)
            .create(
                [
                    {
                        "name": f"Company 2 initiative {index}",
                        "type": "lead",
                        "user_id": cls.user_company_2.id,
                        "team_id": cls.team_company_2.id,
                        "company_id": cls.company_2.id,
                    }
                    for index in range(2)
                ]
            )
        )
        cls.dataset = Lead.with_context(active_test=False).search(
            [("team_id", "in", (europe | latam | cls.team_company_2).ids)]
        )
        cls.personas = (
            cls.user_salesman_own,
            cls.user_salesman_all,
            cls.user_sales_manager,
            cls.user_company_2,
        )

    def report_as(self, user):
        return self.env["kanak.crm.flow.report"].with_user(user)

    def leads_as(self, user):
        return self.env["crm.lead"].with_user(user).with_context(active_test=False)

    def in_dataset(self, domain):
        return [("id", "in", self.dataset.ids), *domain]


@tagged("post_install", "-at_install", "crm_reports")
class TestSalesFlowAnalysis(KanakReportCommon):
    def test_counts_equal_crm_lead_counts_for_every_persona(self):
        for user in self.personas:
            for report_domain, lead_domain in MATCHING_FILTERS:
                with self.subTest(user=user.login, filter=report_domain):
                    report_count = self.report_as(user).search_count(report_domain)
                    lead_count = self.leads_as(user).search_count([*IN_ANALYSIS, *lead_domain])
                    self.assertEqual(report_count, lead_count)

    def test_default_pivot_cells_equal_crm_lead_records(self):
        for user in self.personas:
            with self.subTest(user=user.login):
                cells = {
                    (salesperson, column): count
                    for salesperson, column, count in self.report_as(user)._read_group(
                        self.in_dataset([]), ["user_id", "flow_stage"], ["__count"]
                    )
                }
                expected = {}
                for lead in self.leads_as(user).search(self.in_dataset(IN_ANALYSIS)):
                    column = (
                        "lost"
                        if lead.won_status == "lost"
                        else self.env["kanak.crm.flow.report"]._flow_stage_key(
                            lead.stage_id.sequence, lead.stage_id.id
                        )
                    )
                    key = (lead.user_id.with_user(user), column)
                    expected[key] = expected.get(key, 0) + 1
                self.assertEqual(cells, expected)

    def test_manager_sees_who_holds_the_initiatives(self):
        report = self.report_as(self.user_sales_manager)
        per_salesperson = dict(
            report._read_group(
                self.in_dataset([("lead_type", "=", "lead"), ("won_status", "=", "pending")]),
                ["user_id"],
                ["__count"],
            )
        )
        self.assertEqual(per_salesperson[self.user_salesman_own], 5)
        self.assertEqual(per_salesperson[self.user_sales_manager], 1)
        self.assertEqual(per_salesperson[self.env["res.users"]], 2)
        self.assertNotIn(self.user_company_2, per_salesperson, "another company's")

    def test_columns_follow_the_flow_and_lost_comes_last(self):
        report = self.report_as(self.user_sales_manager)
        columns = [
            column for (column,) in report._read_group(self.in_dataset([]), ["flow_stage"], [])
        ]
        labels = dict(report._fields["flow_stage"]._description_selection(report.env))
        self.assertEqual(
            [labels[column] for column in columns],
            [
                self.stage_initiatives.name,
                self.stage_new.name,
                self.stage_proposition.name,
                self.stage_won.name,
                "Lost",
            ],
        )
        lost_rows = report.search(self.in_dataset([("flow_stage", "=", "lost")]))
        self.assertEqual(lost_rows.lead_id, self.olga_lost | self.adrian_lost)
        self.assertNotIn(self.archived, report.search([]).lead_id, "archived, not lost")

    def test_groups_come_in_the_order_of_their_records(self):
        # The report groups by the salesperson's id alone, yet orders the groups as
        # crm.lead's do: by name (not by id: Olga was created first), nobody last, the
        # other way round when descending; in every grouping set of the pivot.
        report = self.report_as(self.user_sales_manager)
        leads = self.leads_as(self.user_sales_manager)
        salespeople = [self.user_salesman_all, self.user_sales_manager, self.user_salesman_own]
        for order, expected in (
            ("user_id", [*salespeople, False]),
            ("user_id desc", [False, *reversed(salespeople)]),
        ):
            groups = report.formatted_read_group(
                self.in_dataset([]), ["user_id"], ["__count"], order=order
            )
            self.assertEqual(
                [group["user_id"] and group["user_id"][0] for group in groups],
                [user and user.id for user in expected],
            )
            stock = leads.formatted_read_group(
                self.in_dataset(IN_ANALYSIS), ["user_id"], ["__count"], order=order
            )
            self.assertEqual([group["user_id"] for group in groups], [g["user_id"] for g in stock])
        _total, rows, _columns, cells = report.formatted_read_grouping_sets(
            self.in_dataset([]), [[], ["user_id"], ["flow_stage"], ["user_id", "flow_stage"]]
        )
        expected = [user and user.id for user in [*salespeople, False]]
        self.assertEqual([group["user_id"] and group["user_id"][0] for group in rows], expected)
        self.assertEqual(
            list(unique(group["user_id"] and group["user_id"][0] for group in cells)), expected
        )
        # Past a few thousand salespeople, the ORM's own order: the same.
        with patch.object(report_module, "ORDERED_IDS_MAX", 1):
            groups = report.formatted_read_group(self.in_dataset([]), ["user_id"], ["__count"])
        self.assertEqual([group["user_id"] and group["user_id"][0] for group in groups], expected)

    def test_measures(self):
        report = self.report_as(self.user_sales_manager)
        [(revenue, prorated)] = report._read_group(
            self.in_dataset([("user_id", "=", self.user_salesman_all.id)]),
            [],
            ["expected_revenue:sum", "prorated_revenue:sum"],
        )
        self.assertEqual(
            revenue, sum((self.adrian_opportunities | self.adrian_lost).mapped("expected_revenue"))
        )
        self.assertAlmostEqual(prorated, sum(self.adrian_opportunities.mapped("prorated_revenue")))

        created = datetime(2026, 3, 2, 9, 0)
        qualified = created + timedelta(days=2, hours=12)
        closed = created + timedelta(days=10)
        won = self.olga_won
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s, date_conversion = %s, date_closed = %s "
            "WHERE id = %s",
            (created, qualified, closed, won.id),
        )
        row = report.search([("lead_id", "=", won.id)])
        self.assertAlmostEqual(row.days_in_qualification, 2.5)
        self.assertAlmostEqual(row.days_open, 10.0)
        not_qualified = report.search([("lead_id", "=", self.olga_initiatives[0].id)])
        self.assertFalse(not_qualified.days_in_qualification)

    def test_drill_down_opens_the_record(self):
        row = self.report_as(self.user_salesman_own).search(
            [("lead_id", "=", self.olga_initiatives[0].id)]
        )
        action = row.action_open_lead()
        self.assertEqual((action["res_model"], action["res_id"]), ("crm.lead", row.lead_id.id))

    def test_own_documents_salesperson_gets_own_and_unassigned_by_every_path(self):
        report = self.report_as(self.user_salesman_own)
        mine = self.olga_initiatives | self.olga_opportunities | self.olga_won | self.olga_lost
        expected = mine | self.unassigned_initiatives
        self.assertEqual(report.search(self.in_dataset([])).lead_id, expected)
        rows = report.search_read(self.in_dataset([]), ["lead_id"])
        self.assertEqual({row["id"] for row in rows}, set(expected.ids))
        groups = report.formatted_read_group(self.in_dataset([]), [], ["__count"])
        self.assertEqual(groups[0]["__count"], len(expected))
        # Export is a right of its own in Odoo 19: given here to see what it exports.
        self.user_salesman_own.group_ids |= self.env.ref("base.group_allow_export")
        exported = report.search(self.in_dataset([])).export_data(["name"])["datas"]
        self.assertEqual(len(exported), len(expected))
        # By id, a row of someone else's record is refused.
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_rule"):
            report.browse(self.adrian_opportunities[0].id).read(["name"])
        self.assertFalse(report.name_search("Adrian"))

    def test_second_company_sees_only_its_own(self):
        report = self.report_as(self.user_company_2)
        self.assertEqual(report.search(self.in_dataset([])).lead_id, self.company_2_initiatives)
        # Grouped and ordered by salesperson with the median (both read as the system
        # apart from the rows): only this company's salesperson.
        groups = report.formatted_read_group(
            self.in_dataset([]),
            ["user_id"],
            ["__count", "response_hours_median:avg"],
            order="user_id desc",
        )
        self.assertEqual(
            [(group["user_id"][0], group["__count"]) for group in groups],
            [(self.user_company_2.id, len(self.company_2_initiatives))],
        )
        main = self.report_as(self.user_sales_manager).search(self.in_dataset([])).lead_id
        self.assertFalse(main & self.company_2_initiatives)
        both = self.user_sales_manager
        both.company_ids |= self.company_2
        in_both = (
            self.env["kanak.crm.flow.report"]
            .with_user(both)
            .with_context(allowed_company_ids=[self.company_main.id, self.company_2.id])
            .search(self.in_dataset([]))
        )
        self.assertEqual(
            in_both.lead_id, self.dataset.filtered(lambda lead: lead not in self.archived)
        )
        by_company = dict(
            in_both._read_group([("id", "in", in_both.ids)], ["company_id"], ["__count"])
        )
        self.assertEqual(by_company[self.company_2], 2)

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_portal_public_and_users_without_sales_get_nothing(self):
        public = self.env.ref("base.public_user")
        employee = self.env["res.users"].create(
            {
                "name": "No Sales",
                "login": "kanak_no_sales",
                "group_ids": [(6, 0, self.env.ref("base.group_user").ids)],
            }
        )
        for user in (self.user_portal, public, employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.report_as(user).search_read([], ["name"])
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.report_as(user).formatted_read_group([], ["user_id"], ["__count"])

    def test_menus_are_for_managers(self):
        menus = self.env.ref("kanak_crm_flow.menu_sales_flow_analysis") | self.env.ref(
            "kanak_crm_flow.menu_workload"
        )
        Menu = self.env["ir.ui.menu"]
        for user, visible in (
            (self.user_salesman_own, False),
            (self.user_salesman_all, False),
            (self.user_sales_manager, True),
        ):
            with self.subTest(user=user.login):
                shown = Menu.with_user(user)._visible_menu_ids()
                self.assertEqual(set(menus.ids) <= shown, visible)


@tagged("post_install", "-at_install", "crm_reports")
class TestWorkload(KanakReportCommon):
    def members(self, user):
        return (
            self.env["crm.team.member"]
            .with_user(user)
            .search([("crm_team_id", "in", (self.team_europe | self.team_latam).ids)])
        )

    def test_workload_per_salesperson_and_imbalance(self):
        activity_type = self.env.ref("mail.mail_activity_data_call")
        today = fields.Date.context_today(self.env.user)
        for lead, days in (
            (self.olga_initiatives[0], -3),
            (self.olga_initiatives[1], -1),
            (self.olga_initiatives[2], 2),
            (self.olga_lost, -5),
        ):
            lead.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=today + timedelta(days=days),
                user_id=self.user_salesman_own.id,
            )
        members = {member.user_id: member for member in self.members(self.user_sales_manager)}
        olga, marta = members[self.user_salesman_own], members[self.user_sales_manager]
        self.assertEqual(
            (olga.workload_initiative_count, olga.workload_opportunity_count, olga.workload_total),
            (5, 2, 7),
        )
        self.assertEqual(olga.workload_overdue_activity_count, 2, "past due, on open records")
        self.assertEqual((marta.workload_total, marta.workload_overdue_activity_count), (1, 0))
        self.assertEqual(
            olga.workload_last_assignment_date,
            max(
                (
                    self.olga_initiatives | self.olga_opportunities | self.olga_won | self.olga_lost
                ).mapped("date_open")
            ),
        )
        self.assertEqual(self.team_europe.workload_imbalance, 7.0)
        self.assertTrue(olga.team_workload_is_imbalanced)
        self.team_europe.workload_imbalance_threshold = 8.0
        self.team_europe.invalidate_recordset(["workload_is_imbalanced"])
        self.assertFalse(self.team_europe.workload_is_imbalanced)
        self.assertEqual(self.team_latam.workload_imbalance, 1.0, "one member")

    def test_one_workload_for_a_member_of_two_teams(self):
        # Adrián works Latin America's three opportunities and now joins Europe too:
        # the proposal, the Workload screen and Rebalance all count his three.
        self.env["ir.config_parameter"].sudo().set_param("sales_team.membership_multi", True)
        self.env["crm.team.member"].create(
            {"crm_team_id": self.team_europe.id, "user_id": self.user_salesman_all.id}
        )
        manager = self.user_sales_manager
        members = {member.user_id: member for member in self.members(manager)}
        adrian_in_europe = self.team_europe.crm_team_member_ids.filtered(
            lambda member: member.user_id == self.user_salesman_all
        )
        self.assertEqual(adrian_in_europe.with_user(manager).workload_total, 3)
        self.assertEqual(members[self.user_salesman_own].workload_total, 7)
        self.assertEqual(members[manager].workload_total, 1)
        self.assertEqual(self.team_europe._get_proposed_salesperson(), manager)
        olga = members[self.user_salesman_own]
        wizard = Form(
            self.env["kanak.crm.lead.rebalance"]
            .with_user(manager)
            .with_context(**olga.action_open_rebalance()["context"])
        )
        self.assertEqual(wizard.user_id, manager, "Marta holds 1, Adrián 3")
        self.assertEqual(len(wizard.lead_ids), 3, "half the gap of 7 and 1")
        self.assertEqual(wizard.save().lead_ids.team_id, self.team_europe)

    def test_workload_figures_respect_record_rules(self):
        # An own-documents salesperson who reaches the members' list counts only what
        # they may read.
        members = {member.user_id: member for member in self.members(self.user_salesman_own)}
        self.assertEqual(members[self.user_salesman_own].workload_total, 7)
        self.assertEqual(members[self.user_sales_manager].workload_total, 0)
        self.assertEqual(members[self.user_salesman_all].workload_total, 0)

    def test_rebalance_moves_logs_and_notifies(self):
        moving = self.olga_initiatives[:2] | self.olga_opportunities[:1]
        wizard = (
            self.env["kanak.crm.lead.rebalance"]
            .with_user(self.user_sales_manager)
            .with_context(
                default_team_id=self.team_europe.id,
                default_source_user_id=self.user_salesman_own.id,
            )
            .create({"user_id": self.user_sales_manager.id, "lead_ids": [(6, 0, moving.ids)]})
        )
        # The new salesperson is not the one moving them: use another manager's view.
        wizard.user_id = self.user_salesman_all
        wizard.action_rebalance()
        self.assertEqual(moving.user_id, self.user_salesman_all)
        for lead in moving:
            notes = lead.message_ids.filtered(lambda message: "Rebalanced by" in str(message.body))
            self.assertEqual(len(notes), 1)
            self.assertIn("Olga Own Documents", str(notes.body))
            # Notifications are not part of the chatter: look them up directly.
            assigned = self.env["mail.message"].search(
                [
                    ("model", "=", "crm.lead"),
                    ("res_id", "=", lead.id),
                    ("message_type", "=", "user_notification"),
                    ("partner_ids", "in", self.user_salesman_all.partner_id.ids),
                ]
            )
            self.assertTrue(assigned, "the new salesperson is notified")
        members = {member.user_id: member for member in self.members(self.user_sales_manager)}
        self.assertEqual(members[self.user_salesman_own].workload_total, 4)

    def test_rebalance_refuses_what_it_should_not_move(self):
        Rebalance = self.env["kanak.crm.lead.rebalance"].with_user(self.user_sales_manager)
        with self.assertRaisesRegex(UserError, "Won or lost"):
            Rebalance.create(
                {"user_id": self.user_sales_manager.id, "lead_ids": [(6, 0, self.olga_won.ids)]}
            ).action_rebalance()
        with self.assertRaisesRegex(UserError, "Only records of"):
            Rebalance.create(
                {
                    "source_user_id": self.user_salesman_own.id,
                    "user_id": self.user_sales_manager.id,
                    "lead_ids": [(6, 0, self.adrian_opportunities[:1].ids)],
                }
            ).action_rebalance()
        self.assertEqual(self.olga_won.user_id, self.user_salesman_own)
        self.assertEqual(self.adrian_opportunities[0].user_id, self.user_salesman_all)

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_rebalance_is_for_managers(self):
        for user in (self.user_salesman_own, self.user_salesman_all, self.user_portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["kanak.crm.lead.rebalance"].with_user(user).create(
                    {"user_id": user.id, "lead_ids": [(6, 0, self.olga_initiatives[:1].ids)]}
                )
        self.assertEqual(self.olga_initiatives[0].user_id, self.user_salesman_own)


@tagged("post_install", "-at_install", "crm_reports", "security")
class TestReportOverRpc(HttpCase):
    """The report's access as a browser or an integration reaches it: JSON-RPC."""

    def call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def test_rpc_access_per_persona(self):
        from odoo.addons.mail.tests.common import mail_new_test_user

        own = mail_new_test_user(
            self.env, login="kanak_rpc_own", groups="sales_team.group_sale_salesman"
        )
        other = mail_new_test_user(
            self.env, login="kanak_rpc_other", groups="sales_team.group_sale_salesman"
        )
        mail_new_test_user(self.env, login="kanak_rpc_portal", groups="base.group_portal")
        team = self.env["crm.team"].create({"name": "Kanak RPC Team", "use_leads": True})
        Lead = self.env["crm.lead"]
        mine = Lead.create(
            {"name": "RPC mine", "type": "lead", "team_id": team.id, "user_id": own.id}
        )
        theirs = Lead.create(
            {"name": "RPC theirs", "type": "lead", "team_id": team.id, "user_id": other.id}
        )
        domain = [("team_id", "=", team.id)]

        self.authenticate("kanak_rpc_own", "kanak_rpc_own")
        rows = self.call("kanak.crm.flow.report", "search_read", domain, ["name"])
        self.assertEqual([row["id"] for row in rows], mine.ids)
        groups = self.call(
            "kanak.crm.flow.report", "formatted_read_group", domain, ["user_id"], ["__count"]
        )
        self.assertEqual(
            [(group["user_id"][0], group["__count"]) for group in groups], [(own.id, 1)]
        )
        # The median read apart and the groups' order read as the system: the order,
        # the measures and the grouping sets an attacker picks show no one else's.
        for order in (
            "user_id desc",
            "user_id asc, __count desc",
            "response_hours_median:avg desc",
        ):
            with self.subTest(order=order):
                groups = self.call(
                    "kanak.crm.flow.report",
                    "formatted_read_group",
                    domain,
                    ["user_id"],
                    ["__count", "response_hours_median:avg"],
                    order=order,
                )
                self.assertEqual(
                    [(group["user_id"][0], group["__count"]) for group in groups], [(own.id, 1)]
                )
        _total, rows, _columns, cells = self.call(
            "kanak.crm.flow.report",
            "formatted_read_grouping_sets",
            domain,
            [[], ["user_id"], ["team_id"], ["user_id", "flow_stage"]],
            ["__count", "response_hours_median:avg"],
        )
        self.assertEqual([group["user_id"][0] for group in rows], [own.id])
        self.assertEqual({group["user_id"][0] for group in cells}, {own.id})
        muted = mute_logger("odoo.http", "odoo.addons.base.models.ir_rule")
        with muted, self.assertRaises(Exception) as refused:
            self.call("kanak.crm.flow.report", "read", theirs.ids, ["name"])
        self.assertIn("AccessError", str(refused.exception))

        self.authenticate("kanak_rpc_portal", "kanak_rpc_portal")
        muted = mute_logger("odoo.http", "odoo.addons.base.models.ir_model")
        with muted, self.assertRaises(Exception) as refused:
            self.call("kanak.crm.flow.report", "search_read", domain, ["name"])
        self.assertIn("AccessError", str(refused.exception))
