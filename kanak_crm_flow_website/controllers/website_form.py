import json

from odoo.api import SUPERUSER_ID
from odoo.http import request

from odoo.addons.website_crm.controllers.website_form import WebsiteForm

# Relations a contact form may post, checked before stock reads them (it reads the
# team's lead properties first, and would answer with a technical error).
FORM_RELATIONS = {"team_id": "crm.team", "country_id": "res.country"}


class KanakWebsiteForm(WebsiteForm):
    def _handle_website_form(self, model_name, **kwargs):
        if model_name == "crm.lead":
            unknown = [
                name
                for name, model in FORM_RELATIONS.items()
                if str(kwargs.get(name) or "").isdigit()
                and not request.env[model].sudo().browse(int(kwargs[name])).exists()
            ]
            if unknown:
                return json.dumps({"error_fields": unknown})
        return super()._handle_website_form(model_name, **kwargs)

    def insert_record(self, request, model_sudo, values, custom, meta=None):
        record_id = super().insert_record(request, model_sudo, values, custom, meta=meta)
        if model_sudo.model == "crm.lead" and record_id:
            # As for email: the team's acknowledgement, with the same protections. The
            # visitor is public: the system sends it, as stock created the record.
            request.env["crm.lead"].with_user(SUPERUSER_ID).browse(
                record_id
            )._acknowledge_new_initiative()
        return record_id
