from odoo import api
from odoo import fields
from odoo import models


class CrmLeadQualify(models.TransientModel):
    _name = "kanak.crm.lead.qualify"
    _description = "Qualify an initiative as opportunity: pick the salesperson"

    lead_id = fields.Many2one("crm.lead", "Initiative", required=True, ondelete="cascade")
    team_id = fields.Many2one(related="lead_id.team_id")
    qualification_score = fields.Integer(related="lead_id.qualification_score")
    user_id = fields.Many2one(
        "res.users",
        "Salesperson",
        required=True,
        compute="_compute_user_id",
        store=True,
        readonly=False,
        help="Proposed: the team member with the fewest open initiatives and opportunities.",
    )
    company_id = fields.Many2one(related="lead_id.company_id")

    @api.depends("lead_id")
    def _compute_user_id(self):
        for wizard in self:
            wizard.user_id = (
                wizard.lead_id.user_id or wizard.lead_id.team_id._get_proposed_salesperson()
            )

    def action_qualify(self):
        self.ensure_one()
        self.lead_id._qualify_as_opportunity(self.user_id)
        return self.lead_id._action_after_qualification()
