# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import logging

from odoo import api
from odoo import models
from odoo import tools

_logger = logging.getLogger(__name__)

# Headers by which mail servers, autoresponders and mailing lists mark mail that
# no person wrote (RFC 3834, RFC 2369, and common vendor headers).
AUTOMATED_HEADERS = (
    "X-Autoreply",
    "X-Autorespond",
    "List-Id",
    "List-Unsubscribe",
    "X-Loop",
)
AUTOMATED_PRECEDENCE = ("bulk", "junk", "list", "auto_reply")
# Senders of delivery reports (bounces).
DELIVERY_REPORT_SENDERS = ("mailer-daemon", "postmaster")


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def _message_route_process(self, message, message_dict, routes):
        automated = self._kanak_is_automated_message(message, message_dict)
        if automated:
            # Out-of-office replies, bounces and list mail to a team's address are not
            # contacts waiting for a person: no initiative (nor its promise, escalated
            # later). A reply on a thread we started still lands on its record.
            new_initiatives = [route for route in routes if route[0] == "crm.lead" and not route[1]]
            if new_initiatives:
                _logger.info(
                    "Automated mail from %s with Message-Id %s (%s) to a sales team: "
                    "no initiative created",
                    message_dict.get("email_from"),
                    message_dict.get("message_id"),
                    automated,
                )
                routes = [route for route in routes if route not in new_initiatives]
                if not routes:
                    return False
        # No acknowledgement to a sender who asked for none (the raw headers are only
        # at hand here; message_new reads it from the context).
        no_auto_response = bool(automated or message.get("X-Auto-Response-Suppress"))
        thread = self.with_context(kanak_mail_is_automated=no_auto_response)
        # A contact who writes again while their record is open: no second initiative,
        # the mail lands on that record as if it were a reply.
        Lead = thread.env["crm.lead"]
        continued = Lead.sudo()
        closed = Lead.sudo()
        routes = list(routes)
        for index, route in enumerate(routes):
            model, thread_id, custom_values, user_id, alias = route
            if model != "crm.lead" or thread_id:
                continue
            team = thread.env["crm.team"].sudo().browse((custom_values or {}).get("team_id"))
            open_record, closed = Lead._get_contact_records(
                team, team.company_id or thread.env.company, message_dict.get("email_from")
            )
            if open_record:
                routes[index] = (model, open_record.id, custom_values, user_id, alias)
                continued |= open_record
        # Replies of a person on a lost record's thread: brought back after the message
        # is on it (a mail from our own side is no contact coming back). Only through
        # the mail gateway (the fetchmail job, the mailgate script as an administrator):
        # message_process is public, and a user faking a reply must not wake a record.
        lost = Lead.sudo()
        if not automated and (self.env.su or self.env.user._is_system()):
            lost = (
                Lead.sudo()
                .browse([route[1] for route in routes if route[0] == "crm.lead" and route[1]])
                .filtered(lambda lead: not lead.active and lead.won_status == "lost")
            )
            if lost and self._kanak_is_employee_address(message_dict.get("email_from")):
                lost = Lead.sudo()
        result = super(MailThread, thread)._message_route_process(message, message_dict, routes)
        for record in lost - continued:
            record._bring_back_on_reply(message_dict)
        # As the gateway's own records: the system's.
        for record in continued:
            record.with_context(kanak_mail_is_automated=no_auto_response)._continue_with_contact(
                thread.env._("email")
            )
        if closed and result and routes[-1][0] == "crm.lead" and result not in continued.ids:
            # The last route made a new initiative of a contact whose records are closed.
            Lead.sudo().browse(result)._note_earlier_records(closed)
        return result

    @api.model
    def _kanak_is_employee_address(self, email):
        """Whether this address is one of our users' (a colleague, or a spoofed one)."""
        address = tools.email_normalize(email or "")
        return bool(
            address
            and self.env["res.users"]
            .sudo()
            .search_count([("share", "=", False), ("email_normalized", "=", address)], limit=1)
        )

    @api.model
    def _kanak_is_automated_message(self, message, message_dict=None):
        """Why this mail was written by no person (auto-reply, bounce, list mail), or
        an empty string."""
        # Parsing a header costs more than listing them: only the present are read.
        present = {name.lower() for name in message}
        if "auto-submitted" in present:
            auto_submitted = (message.get("Auto-Submitted") or "no").strip().lower()
            if auto_submitted != "no":
                return f"Auto-Submitted: {auto_submitted}"
        if "precedence" in present:
            precedence = (message.get("Precedence") or "").strip().lower()
            if precedence in AUTOMATED_PRECEDENCE:
                return f"Precedence: {precedence}"
        for header in AUTOMATED_HEADERS:
            if header.lower() in present and message.get(header):
                return header
        if "content-type" in present and message.get_content_type() == "multipart/report":
            return "delivery report"
        sender = (message_dict or {}).get("email_from") or message.get("From") or ""
        address = tools.email_normalize(sender) or ""
        if address.split("@")[0] in DELIVERY_REPORT_SENDERS:
            return "delivery report"
        return ""
