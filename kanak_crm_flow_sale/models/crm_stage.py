# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields
from odoo import models


class CrmStage(models.Model):
    _inherit = "crm.stage"

    is_proposition = fields.Boolean(
        "Quotation Sent Stage",
        help="An opportunity in an earlier stage moves here when one of its quotations is "
        "sent (by email or marked as sent). One per team, or shared.",
    )
