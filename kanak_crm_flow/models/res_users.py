# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api
from odoo import models
from odoo.fields import Domain


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        # The Qualify dialog lists the initiative's team first (a screen's order,
        # asked for by its field's context), then every other salesperson allowed.
        team_id = self.env.context.get("kanak_team_members_first")
        if not team_id:
            return super().name_search(name, domain, operator, limit)
        members = self.env["crm.team"].browse(team_id).member_ids
        base = Domain(domain or Domain.TRUE)
        first = super().name_search(name, base & Domain("id", "in", members.ids), operator, limit)
        if limit and len(first) >= limit:
            return first
        rest_domain = base & Domain("id", "not in", [user_id for user_id, _name in first])
        rest = super().name_search(
            name, rest_domain, operator, limit - len(first) if limit else limit
        )
        return first + rest
