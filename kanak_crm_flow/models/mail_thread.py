from odoo import api
from odoo import models

# Headers by which mail servers, autoresponders and mailing lists mark mail that
# no person wrote (RFC 3834, RFC 2369, and common vendor headers).
AUTOMATED_HEADERS = (
    "X-Autoreply",
    "X-Autorespond",
    "X-Auto-Response-Suppress",
    "List-Id",
    "List-Unsubscribe",
    "X-Loop",
)
AUTOMATED_PRECEDENCE = ("bulk", "junk", "list", "auto_reply")


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def _message_route_process(self, message, message_dict, routes):
        # The raw headers are only at hand here; message_new reads the verdict from
        # the context (message_dict goes to message_post, which takes no extra key).
        automated = self._kanak_is_automated_message(message)
        return super(
            MailThread, self.with_context(kanak_mail_is_automated=automated)
        )._message_route_process(message, message_dict, routes)

    @api.model
    def _kanak_is_automated_message(self, message):
        """True for auto-replies, bounces and list mail: nothing to acknowledge."""
        auto_submitted = (message.get("Auto-Submitted") or "no").strip().lower()
        precedence = (message.get("Precedence") or "").strip().lower()
        return (
            auto_submitted != "no"
            or precedence in AUTOMATED_PRECEDENCE
            or any(message.get(header) for header in AUTOMATED_HEADERS)
        )
