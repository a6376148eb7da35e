from odoo import models


class CrmLead2opportunityPartner(models.TransientModel):
    _inherit = "crm.lead2opportunity.partner"

    def action_apply(self):
        # Same gate as the Qualify button, against the team chosen in the wizard.
        self.lead_id.filtered(lambda lead: lead.type == "lead")._check_can_qualify(
            self.team_id or None
        )
        return super().action_apply()

    def _convert_and_allocate(self, leads, user_ids, team_id=False):
        initiatives = leads.filtered(lambda lead: lead.type == "lead" and lead.active)
        result = super()._convert_and_allocate(leads, user_ids, team_id=team_id)
        # Logged once the salesperson is assigned, which the wizard does last.
        initiatives._log_qualification()
        return result
