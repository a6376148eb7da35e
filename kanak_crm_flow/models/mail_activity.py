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
