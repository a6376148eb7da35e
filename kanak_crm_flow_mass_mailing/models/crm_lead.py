# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models
from odoo import tools


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def _get_came_back_values(self, message_dict=None):
        # A reply to a mailing brings the record back with the mailing's campaign,
        # source and medium, as stock's gateway gives them to a record a reply creates
        # (mass_mailing's message_new): the funnel counts what a campaign brought back.
        values = super()._get_came_back_values(message_dict)
        references = (message_dict or {}).get("references") or (message_dict or {}).get(
            "in_reply_to"
        )
        message_ids = tools.mail.mail_header_msgid_re.findall(references or "")
        if not message_ids:
            return values
        trace = (
            self.env["mailing.trace"]
            .sudo()
            .search([("message_id", "in", message_ids), ("model", "=", self._name)], limit=1)
        )
        if trace:
            values.update(
                campaign_id=trace.campaign_id.id,
                source_id=trace.mass_mailing_id.source_id.id,
                medium_id=trace.mass_mailing_id.medium_id.id,
            )
        return values
