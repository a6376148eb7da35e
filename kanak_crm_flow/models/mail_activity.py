# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api
from odoo import models

# Activity types whose completion means the contact was spoken to.
RESPONSE_ACTIVITY_CATEGORIES = ("phonecall", "meeting")


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # Read before super: done activities are archived or deleted.
        calls = self.filtered(
            lambda activity: (
                activity.res_model == "crm.lead"
                and activity.activity_category in RESPONSE_ACTIVITY_CATEGORIES
            )
        )
        leads = self.env["crm.lead"].sudo().browse(calls.mapped("res_id")).exists()
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        leads._register_first_response(self.env.user)
        return result

    @api.readonly
    @api.model
    def get_activity_data(self, res_model, domain, limit=None, offset=0, fetch_done=False):
        # The escalation's type is archived so that nobody picks it by hand; the
        # Activity view still gives its activities a column.
        result = super().get_activity_data(
            res_model, domain, limit=limit, offset=offset, fetch_done=fetch_done
        )
        overdue = self.env.ref(
            "kanak_crm_flow.mail_activity_type_overdue_initiative", raise_if_not_found=False
        )
        listed = {activity_type["id"] for activity_type in result["activity_types"]}
        used = {type_id for by_type in result["grouped_activities"].values() for type_id in by_type}
        if overdue and overdue.id in used - listed:
            result["activity_types"].append(
                {"id": overdue.id, "name": overdue.name, "template_ids": []}
            )
        return result
