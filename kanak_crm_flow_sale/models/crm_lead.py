# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from markupsafe import Markup

from odoo import models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def _advance_to_proposition(self):
        """A quotation of these opportunities was sent: each moves to its team's
        quotation-sent stage when it is in an earlier one; never backwards, never out
        of Won or Lost."""
        for opportunity in self:
            if opportunity.type != "opportunity" or opportunity.won_status != "pending":
                continue
            stage = opportunity._stage_find(domain=[("is_proposition", "=", True)])
            if not stage or opportunity.stage_id.sequence >= stage.sequence:
                continue
            opportunity._check_order_may_move(stage.name)
            opportunity.stage_id = stage

    def _win_from_order(self, order):
        """The order was confirmed: the first confirmation wins the opportunity through
        stock's action_set_won (probability, closing date, won status and scoring stay
        Odoo's); a lost one is restored first, since the customer decided."""
        self.ensure_one()
        if not self._is_won_by_order_confirmation():
            return
        notes = [self.env._("Won by order %(order)s.", order=order.name)]
        if self.won_status == "lost":
            self.action_restore()
            notes.insert(
                0,
                self.env._(
                    "Restored: order %(order)s was confirmed, the customer decided.",
                    order=order.name,
                ),
            )
        self.action_set_won()
        self._log_note(Markup("<br/>").join(notes))

    def _is_won_by_order_confirmation(self):
        return bool(
            self
            and self.won_status != "won"
            and self.type == "opportunity"
            and self.team_id.won_on_order_confirmation
        )

    def _check_order_may_move(self, where):
        error = self._get_order_move_error(where)
        if error:
            raise UserError(error)

    def _get_order_move_error(self, where):
        """Why the order's user may not move this opportunity to `where`, or False.
        The order's user moves the opportunity: only one they may write, so that an
        own-documents salesperson cannot win a colleague's opportunity through an
        order."""
        if self.has_access("write"):
            return False
        if self.has_access("read"):
            return self.env._(
                "This order would move the opportunity “%(name)s” of %(salesperson)s "
                "to %(stage)s, which you may not change. Ask %(salesperson)s or a "
                "sales manager, or remove the opportunity from the order.",
                name=self.name,
                salesperson=self.user_id.name or self.env._("nobody"),
                stage=where,
            )
        # One the user may not even read: nothing of it is told.
        return self.env._(
            "This order would move its opportunity to %(stage)s, which you may not "
            "change. Ask a sales manager, or remove the opportunity from the order.",
            stage=where,
        )
