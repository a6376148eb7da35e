# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields
from odoo import models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    won_on_order_confirmation = fields.Boolean(
        "Won When an Order Is Confirmed",
        default=True,
        help="Confirming the first order of an opportunity of this team marks it won (a "
        "lost one is restored first). Off: the salesperson marks it won by hand.",
    )
