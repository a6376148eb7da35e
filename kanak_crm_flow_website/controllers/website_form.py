# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import json

from odoo.api import SUPERUSER_ID
from odoo.http import request

from odoo.addons.website_crm.controllers.website_form import WebsiteForm

# Relations a contact form may post, checked before stock reads them (it reads the
# team's lead properties first, and would answer with a technical error).
FORM_RELATIONS = {"team_id": "crm.team", "country_id": "res.country"}


# The fields of the website's Contact Us form (an email to the company, website's
# stock form) and their place on an initiative.
CONTACT_FORM_AS_LEAD = {
    "name": "contact_name",
    "company": "partner_name",
    "subject": "name",
    "phone": "phone",
    "email_from": "email_from",
    "description": "description",
}


class KanakWebsiteForm(WebsiteForm):
    def _handle_website_form(self, model_name, **kwargs):
        if model_name == "mail.mail" and (kwargs.get("email_from") or kwargs.get("phone")):
            # Every request from the website lands in CRM: a contact form that would
            # email the company makes an initiative instead.
            model_name, kwargs = "crm.lead", self._contact_request_as_lead(kwargs)
        if model_name != "crm.lead":
            return super()._handle_website_form(model_name, **kwargs)
        unknown = [
            name
            for name, model in FORM_RELATIONS.items()
            if str(kwargs.get(name) or "").isdigit()
            and not request.env[model].sudo().browse(int(kwargs[name])).exists()
        ]
        if unknown:
            return json.dumps({"error_fields": unknown})
        return self._answer_without_record(super()._handle_website_form(model_name, **kwargs))

    def _answer_without_record(self, answer):
        """The visitor learns that the form was recorded, and nothing of the record
        that took it: its id would tell a known contact (an old id), and so would any
        counter the recording moves by a different amount (message ids). The form's
        script only asks whether there is an id; the record stays in the session, as
        stock keeps it (form_builder_id)."""
        result = json.loads(answer)
        if isinstance(result, dict) and result.get("id"):
            answer = json.dumps({**result, "id": True})
        return answer

    def _contact_request_as_lead(self, kwargs):
        """The Contact Us form's fields under an initiative's names; the recipient
        (email_to) goes, other fields stay (they end up in the description)."""
        lead_kwargs = {
            CONTACT_FORM_AS_LEAD.get(name, name): value
            for name, value in kwargs.items()
            if name != "email_to"
        }
        # Stock's handlers read the request's parameters too.
        request.params.clear()
        request.params.update(lead_kwargs)
        return lead_kwargs

    def insert_record(self, request, model_sudo, values, custom, meta=None):
        if model_sudo.model != "crm.lead":
            return super().insert_record(request, model_sudo, values, custom, meta=meta)
        # The visitor is public: the system records it, as stock creates the record.
        Lead = request.env["crm.lead"].with_user(SUPERUSER_ID)
        company = (
            Lead.env["res.company"].browse(values.get("company_id")) or request.website.company_id
        )
        open_record, closed = Lead._get_contact_records(
            Lead.env["crm.team"].browse(values.get("team_id")),
            company,
            values.get("email_from"),
            values.get("phone"),
            Lead.env["res.country"].browse(values.get("country_id")),
        )
        if open_record:
            # A contact who writes again: no second initiative, the form on the open one.
            open_record._post_website_form(values, custom)
            open_record._continue_with_contact(Lead.env._("website form"))
            return open_record.id
        record_id = super().insert_record(request, model_sudo, values, custom, meta=meta)
        lead = Lead.browse(record_id)
        lead._note_earlier_records(closed)
        # As for email: the team's acknowledgement, with the same protections.
        lead._acknowledge_new_initiative()
        return record_id
