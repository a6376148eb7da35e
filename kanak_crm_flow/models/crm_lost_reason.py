# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields
from odoo import models


class CrmLostReason(models.Model):
    _inherit = "crm.lost.reason"

    do_not_contact = fields.Boolean(
        help="Losing an initiative or opportunity with this reason adds the contact's "
        "email and phone to the blacklists, so that no mailing or call reaches them again.",
    )
