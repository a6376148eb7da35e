# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields
from odoo import models
from odoo.tools import SQL


class KanakCrmFlowReport(models.Model):
    _inherit = "kanak.crm.flow.report"

    # Merged by Odoo with the report's own dependencies on crm.lead.
    _depends = {
        "sale.order": ["opportunity_id", "state", "amount_untaxed", "currency_rate"],
    }

    quotation_count = fields.Integer("Quotations", readonly=True, aggregator="sum")
    quotation_amount = fields.Monetary(
        "Quoted",
        currency_field="company_currency",
        readonly=True,
        aggregator="sum",
        help="Untaxed total of the open quotations (draft or sent), in company currency.",
    )
    ordered_amount = fields.Monetary(
        "Ordered",
        currency_field="company_currency",
        readonly=True,
        aggregator="sum",
        help="Untaxed total of the confirmed orders, in company currency.",
    )

    def _select(self):
        return SQL(
            """%s,
                COALESCE(so.quotation_count, 0) AS quotation_count,
                COALESCE(so.quotation_amount, 0) AS quotation_amount,
                COALESCE(so.ordered_amount, 0) AS ordered_amount
            """,
            super()._select(),
        )

    def _from(self):
        # One row per opportunity: its orders are summed before the join. currency_rate
        # is the company-to-order rate of each order, so dividing gives company currency.
        # Only the orders the reader may read count, as in stock's figures on the
        # opportunity (sale.order's record rules: an own-documents salesperson's own
        # orders, the allowed companies').
        Order = self.env["sale.order"]
        if not Order.has_access("read"):
            readable_orders = SQL("SELECT NULL::int WHERE FALSE")
        else:
            readable_orders = Order._search([("opportunity_id", "!=", False)]).subselect()
        return SQL(
            """%s
            LEFT JOIN (
                SELECT
                    opportunity_id,
                    COUNT(*) FILTER (WHERE state IN ('draft', 'sent')) AS quotation_count,
                    SUM(amount_untaxed / COALESCE(NULLIF(currency_rate, 0), 1))
                        FILTER (WHERE state IN ('draft', 'sent')) AS quotation_amount,
                    SUM(amount_untaxed / COALESCE(NULLIF(currency_rate, 0), 1))
                        FILTER (WHERE state = 'sale') AS ordered_amount
                FROM sale_order
                WHERE opportunity_id IS NOT NULL AND id IN %s
                GROUP BY opportunity_id
            ) so ON so.opportunity_id = l.id
            """,
            super()._from(),
            readable_orders,
        )
