from odoo import models


class CrmLead2opportunityPartner(models.TransientModel):
    _inherit = "crm.lead2opportunity.partner"

    def _convert_and_allocate(self, leads, user_ids, team_id=False):
        initiatives = leads.filtered(lambda lead: lead.type == "lead" and lead.active)
        # Stock converts without the team and assigns it afterwards: the gate in
        # convert_opportunity must judge against the team the lead is going to.
        leads = leads.with_context(kanak_conversion_team_id=team_id)
        result = super()._convert_and_allocate(leads, user_ids, team_id=team_id)
        # Logged once the salesperson is assigned, which the wizard does last.
        initiatives._log_qualification()
        return result
