# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import ValidationError

# Ten years: a longer delay is no plan to contact anyone again.
MAX_CONTACT_AGAIN_DAYS = 3650


class CrmLostReason(models.Model):
    _inherit = "crm.lost.reason"

    do_not_contact = fields.Boolean(
        help="Losing an initiative or opportunity with this reason adds the contact's "
        "email and phone to the blacklists, so that no mailing or call reaches them again.",
    )
    contact_again_days = fields.Integer(
        "Contact Again After (Days)",
        help="Records lost with this reason come back as initiatives this many days after "
        "they were lost, with a Contact Again activity. 0: never. A change applies to "
        "records lost from then on.",
    )

    @api.constrains("do_not_contact", "contact_again_days")
    def _check_contact_again_days(self):
        for reason in self:
            if not 0 <= reason.contact_again_days <= MAX_CONTACT_AGAIN_DAYS:
                raise ValidationError(
                    self.env._(
                        "“%(reason)s”: contact again after 0 (never) to %(max)s days.",
                        reason=reason.name,
                        max=MAX_CONTACT_AGAIN_DAYS,
                    )
                )
            if reason.do_not_contact and reason.contact_again_days:
                raise ValidationError(
                    self.env._(
                        "“%(reason)s” means the contact asked not to be contacted: it cannot "
                        "bring them back after %(days)s days. Set the days to 0, or untick "
                        "the blacklisting.",
                        reason=reason.name,
                        days=reason.contact_again_days,
                    )
                )
