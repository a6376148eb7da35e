# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api
from odoo import fields
from odoo import models


class CrmTeamMember(models.Model):
    _inherit = "crm.team.member"

    # Computed as the reading user, so record rules shape the figures like any
    # other screen of leads.
    workload_initiative_count = fields.Integer(
        "Open Initiatives", compute="_compute_workload", help="Initiatives of this team held."
    )
    workload_opportunity_count = fields.Integer(
        "Open Opportunities",
        compute="_compute_workload",
        help="Opportunities of this team held, neither won nor lost.",
    )
    workload_total = fields.Integer(
        "Workload",
        compute="_compute_workload",
        help="Open initiatives and opportunities this salesperson holds, in every team: "
        "what the proposed salesperson and Rebalance compare.",
    )
    workload_overdue_activity_count = fields.Integer(
        "Overdue Activities",
        compute="_compute_workload",
        help="Activities assigned to this salesperson, on open records of this team, "
        "past their due date.",
    )
    workload_overdue_initiative_count = fields.Integer(
        "Overdue Initiatives",
        compute="_compute_workload",
        help="Initiatives of this team held by this salesperson and past their first "
        "response deadline unanswered.",
    )
    workload_last_assignment_date = fields.Datetime(
        "Last Assignment",
        compute="_compute_workload",
        help="When this salesperson last received an initiative or opportunity of this team.",
    )
    # As the reader too: a related field would compute them as the system, and its
    # figures would stay in the cache for the reader's own fields.
    team_workload_imbalance = fields.Float(
        related="crm_team_id.workload_imbalance", string="Team Imbalance", compute_sudo=False
    )
    team_workload_is_imbalanced = fields.Boolean(
        related="crm_team_id.workload_is_imbalanced", compute_sudo=False
    )
    workload_is_overloaded = fields.Boolean(
        "Overloaded",
        compute="_compute_workload_is_overloaded",
        help="The busiest member of a team whose imbalance is above its threshold: the one "
        "to rebalance.",
    )

    @api.depends_context("uid")
    def _compute_workload(self):
        Lead = self.env["crm.lead"]
        if not Lead.has_access("read"):
            # Team members are readable by every employee; the figures are not theirs.
            self.workload_initiative_count = self.workload_opportunity_count = 0
            self.workload_total = self.workload_overdue_activity_count = 0
            self.workload_overdue_initiative_count = 0
            self.workload_last_assignment_date = False
            return
        teams, users = self.crm_team_id, self.user_id
        scope = [("team_id", "in", teams.ids), ("user_id", "in", users.ids)]
        open_counts = {
            (user.id, team.id, lead_type): count
            for user, team, lead_type, count in Lead._read_group(
                [*scope, ("won_status", "=", "pending")],
                ["user_id", "team_id", "type"],
                ["__count"],
            )
        }
        last_assignment = {
            (user.id, team.id): date_open
            for user, team, date_open in Lead.with_context(active_test=False)._read_group(
                [*scope, ("date_open", "!=", False)], ["user_id", "team_id"], ["date_open:max"]
            )
        }
        overdue_initiatives = {
            (user.id, team.id): count
            for user, team, count in Lead._read_group(
                [*scope, ("response_overdue", "=", True)], ["user_id", "team_id"], ["__count"]
            )
        }
        overdue = self._get_overdue_activity_counts()
        workload = self._get_workload_by_user()
        for member in self:
            key = (member.user_id.id, member.crm_team_id.id)
            member.workload_initiative_count = open_counts.get((*key, "lead"), 0)
            member.workload_opportunity_count = open_counts.get((*key, "opportunity"), 0)
            member.workload_total = workload[member.user_id]
            member.workload_overdue_activity_count = overdue.get(key, 0)
            member.workload_overdue_initiative_count = overdue_initiatives.get(key, 0)
            member.workload_last_assignment_date = last_assignment.get(key, False)

    @api.depends_context("uid")
    def _compute_workload_is_overloaded(self):
        busiest = {}
        for member in self.crm_team_id.crm_team_member_ids:
            team = member.crm_team_id
            busiest[team] = max(busiest.get(team, 0), member.workload_total)
        for member in self:
            team = member.crm_team_id
            member.workload_is_overloaded = bool(
                team.workload_is_imbalanced and member.workload_total == busiest.get(team)
            )

    def _get_workload_by_user(self):
        """A salesperson's workload: the initiatives and opportunities they hold still
        open (neither won nor lost), in every team, since one person works them all.
        The one count behind the Workload screen, the proposed salesperson and
        Rebalance. Counted with the caller's rights: the proposal calls it as the
        system, the screens as their reader. {user: count}"""
        users = self.user_id
        counts = dict(
            self.env["crm.lead"]._read_group(
                [("user_id", "in", users.ids), ("won_status", "=", "pending")],
                ["user_id"],
                ["__count"],
            )
        )
        return {user: counts.get(user, 0) for user in users}

    def _get_overdue_activity_counts(self):
        # Overdue activities are few; their records are many: start from the activities.
        # mail.activity's search keeps only those on records the reader may read.
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "crm.lead"),
                ("user_id", "in", self.user_id.ids),
                ("date_deadline", "<", fields.Date.context_today(self)),
            ]
        )
        leads = self.env["crm.lead"].browse(set(activities.mapped("res_id")))
        team_of_open_lead = {
            lead.id: lead.team_id.id
            for lead in leads
            if lead.won_status == "pending" and lead.team_id in self.crm_team_id
        }
        counts = {}
        for activity in activities:
            if activity.res_id in team_of_open_lead:
                key = (activity.user_id.id, team_of_open_lead[activity.res_id])
                counts[key] = counts.get(key, 0) + 1
        return counts

    def action_open_rebalance(self):
        """Move some of this salesperson's open records of the team to a colleague."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Rebalance %(salesperson)s", salesperson=self.user_id.name),
            "res_model": "kanak.crm.lead.rebalance",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_team_id": self.crm_team_id.id,
                "default_source_user_id": self.user_id.id,
            },
        }
