# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api
from odoo import fields
from odoo import models


class CrmLeadQualify(models.TransientModel):
    _name = "kanak.crm.lead.qualify"
    _description = "Qualify an initiative as opportunity: pick the salesperson"

    lead_id = fields.Many2one("crm.lead", "Initiative", required=True, ondelete="cascade")
    # Computed as the user, as stock's conversion wizard does: the dialog shows nothing
    # of an initiative the user may not qualify.
    team_id = fields.Many2one(related="lead_id.team_id", compute_sudo=False)
    qualification_score = fields.Integer(related="lead_id.qualification_score", compute_sudo=False)
    user_id = fields.Many2one(
        "res.users",
        "Salesperson",
        required=True,
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        compute_sudo=False,
        help="Proposed: the team member with the fewest open initiatives and opportunities.",
    )
    company_id = fields.Many2one(related="lead_id.company_id", compute_sudo=False)

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        # Qualifying changes the initiative: only one the user may change, whatever
        # the dialog is created with (a salesperson given skips the proposal).
        wizards.lead_id.check_access("write")
        return wizards

    @api.depends("lead_id")
    def _compute_user_id(self):
        # Also on the dialog's onchange, before anything is created.
        self.lead_id.check_access("write")
        for wizard in self:
            wizard.user_id = (
                wizard.lead_id.user_id or wizard.lead_id.team_id._get_proposed_salesperson()
            )

    def action_qualify(self):
        self.ensure_one()
        self.lead_id._qualify_as_opportunity(self.user_id)
        return self.lead_id._action_after_qualification()
