# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api
from odoo import models
from odoo.exceptions import ValidationError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.constrains("opportunity_id")
    def _check_opportunity_is_qualified(self):
        for order in self:
            if order.opportunity_id.type == "lead":
                raise ValidationError(
                    self.env._(
                        "“%(name)s” is an initiative: qualify it as an opportunity before "
                        "quoting it.",
                        name=order.opportunity_id.name,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        # Every way a quotation is sent ends here: the email composer and "Mark as sent"
        # both write the state.
        if vals.get("state") == "sent":
            self.opportunity_id._advance_to_proposition()
        return result

    def _confirmation_error_message(self):
        # Refused before anything is confirmed: an order that would win an opportunity
        # its user may not change.
        error = super()._confirmation_error_message()
        # sudo: only to read whether the confirmation would move it.
        if not error and self.opportunity_id.sudo()._is_won_by_order_confirmation():
            error = self.opportunity_id._get_order_move_error(self.env._("Won"))
        return error

    def action_confirm(self):
        result = super().action_confirm()
        for order in self.filtered("opportunity_id"):
            order.opportunity_id._win_from_order(order)
        return result
