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

    def action_confirm(self):
        # Refused before anything is confirmed: an order that would win an opportunity
        # its user may not change.
        for order in self:
            opportunity = order.opportunity_id
            # sudo: only to read whether the confirmation would move it.
            if opportunity.sudo()._is_won_by_order_confirmation():
                opportunity._check_order_may_move(self.env._("Won"))
        result = super().action_confirm()
        for order in self.filtered("opportunity_id"):
            order.opportunity_id._win_from_order(order)
        return result
