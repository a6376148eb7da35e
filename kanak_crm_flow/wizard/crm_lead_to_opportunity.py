# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class CrmLead2opportunityPartner(models.TransientModel):
    _inherit = "crm.lead2opportunity.partner"

    def _convert_and_allocate(self, leads, user_ids, team_id=False):
        initiatives = leads.filtered(lambda lead: lead.type == "lead" and lead.active)
        # Stock converts first and moves the lead to the chosen team afterwards: moved
        # first, the conversion's gate (crm.lead.write) judges it by the team it joins.
        moving = initiatives.filtered(lambda lead: team_id and lead.team_id.id != team_id)
        if moving:
            moving.write({"team_id": team_id})
        result = super()._convert_and_allocate(leads, user_ids, team_id=team_id)
        # Logged once the salesperson is assigned, which the wizard does last.
        initiatives._log_qualification()
        return result
