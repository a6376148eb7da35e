# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import UserError


class KanakCrmLeadRebalance(models.TransientModel):
    """Hand open initiatives or opportunities from one salesperson to another."""

    _name = "kanak.crm.lead.rebalance"
    _description = "Rebalance Initiatives and Opportunities"

    team_id = fields.Many2one("crm.team", "Sales Team")
    source_user_id = fields.Many2one(
        "res.users", "From", help="Only this salesperson's records are offered."
    )
    lead_ids = fields.Many2many(
        "crm.lead",
        string="Initiatives and Opportunities",
        domain="[('won_status', '=', 'pending')]"
        " + ([('team_id', '=', team_id)] if team_id else [])"
        " + ([('user_id', '=', source_user_id)] if source_user_id else [])",
        compute="_compute_proposal",
        store=True,
        readonly=False,
        precompute=True,
    )
    user_id = fields.Many2one(
        "res.users",
        "To",
        required=True,
        domain="[('share', '=', False)]"
        " + ([('crm_team_ids', 'in', team_id)] if team_id else [])"
        " + ([('id', '!=', source_user_id)] if source_user_id else [])",
        help="The salesperson who takes them over.",
        compute="_compute_proposal",
        store=True,
        readonly=False,
        precompute=True,
    )

    @api.depends("team_id", "source_user_id")
    def _compute_proposal(self):
        # Launched from a list of leads, the selection comes as default_lead_ids
        # and is kept: a computed field given a value is not computed.
        for wizard in self:
            proposal = {}
            if wizard.team_id and wizard.source_user_id:
                proposal = wizard._propose_move(wizard.team_id.id, wizard.source_user_id.id)
            wizard.user_id = proposal.get("user_id", False)
            wizard.lead_ids = proposal.get("lead_ids", [(5, 0, 0)])

    @api.model
    def _propose_move(self, team_id, source_user_id):
        """What evens the team: to its least-loaded other member, half the gap between
        the two workloads (crm.team.member's `_get_workload_by_user`), records of this
        team, initiatives first, newest first. A proposal to edit."""
        memberships = self.env["crm.team"].browse(team_id).crm_team_member_ids
        workload = memberships.filtered("user_id.active")._get_workload_by_user()
        load = {user.id: count for user, count in workload.items()}
        others = [user_id for user_id in load if user_id != source_user_id]
        if source_user_id not in load or not others:
            return {}
        target = min(others, key=lambda user_id: (load[user_id], user_id))
        count = (load[source_user_id] - load[target]) // 2
        if count <= 0:
            return {"user_id": target}
        leads = self.env["crm.lead"].search(
            [
                ("team_id", "=", team_id),
                ("user_id", "=", source_user_id),
                ("won_status", "=", "pending"),
            ],
            order="type, create_date desc, id desc",
            limit=count,
        )
        return {"user_id": target, "lead_ids": [(6, 0, leads.ids)]}

    def action_rebalance(self):
        self.ensure_one()
        leads = self.lead_ids
        if not leads:
            raise UserError(self.env._("Select the initiatives or opportunities to move."))
        closed = leads.filtered(lambda lead: lead.won_status != "pending")
        if closed:
            raise UserError(
                self.env._(
                    "Won or lost records are not rebalanced: %(names)s. Remove them from "
                    "the selection.",
                    names=", ".join(closed.mapped("display_name")),
                )
            )
        if self.source_user_id and leads.filtered(lambda lead: lead.user_id != self.source_user_id):
            raise UserError(
                self.env._(
                    "Only records of %(salesperson)s can be moved from here.",
                    salesperson=self.source_user_id.name,
                )
            )
        moving = leads.filtered(lambda lead: lead.user_id != self.user_id)
        previous = {lead: lead.user_id for lead in moving}
        # The stock write notifies the new salesperson (assignment email) and
        # records the change of salesperson in the tracking.
        moving.write({"user_id": self.user_id.id})
        for lead in moving:
            lead.message_post(
                body=self.env._(
                    "Rebalanced by %(manager)s: from %(previous)s to %(salesperson)s.",
                    manager=self.env.user.name,
                    previous=previous[lead].name or self.env._("nobody"),
                    salesperson=self.user_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s record(s) moved to %(salesperson)s.",
                    count=len(moving),
                    salesperson=self.user_id.name,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
