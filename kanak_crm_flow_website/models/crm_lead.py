# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from markupsafe import Markup

from odoo import models
from odoo.exceptions import ValidationError
from odoo.tools import html_sanitize

from odoo.addons.base.models.ir_qweb_fields import nl2br_enclose

# Longer values are refused, not cut: a visitor's name or subject that long is
# pasted text, and a cut one would be stored as if it were right.
WEBSITE_FORM_MAX_LENGTH = 256
WEBSITE_FORM_TEXT_FIELDS = ("contact_name", "partner_name", "name", "phone", "email_from")
# What a form posted to an open record shows of itself, in this order.
WEBSITE_FORM_POSTED_FIELDS = (
    "name",
    "contact_name",
    "partner_name",
    "email_from",
    "phone",
    "country_id",
    "description",
)


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def website_form_input_filter(self, request, values):
        self._check_website_form_values(values)
        if not values.get("country_id"):
            # A visitor who chose no country: their contact's, else where Odoo's GeoIP
            # places them, if it knows.
            country = self._website_visitor_partner(request).country_id
            values["country_id"] = (country or self._website_geoip_country(request)).id
        # Routed by country as every initiative is, before stock gives the website's
        # default team; the country comes first, also over the form's own team.
        form_team_id = values.pop("team_id", False)
        values["type"] = "lead"
        self._route_initiatives_by_country([values], company=request.website.company_id)
        values.setdefault("team_id", form_team_id)
        values = super().website_form_input_filter(request, values)
        # Every form is an initiative, whatever the website's default team, and gets
        # its salesperson when it is qualified, as for email: stock would set the
        # website's default salesperson or the team leader, or the one the post names
        # (a stranger choosing whom Odoo notifies).
        values["type"] = "lead"
        values["user_id"] = False
        # A form without a subject (one built without that field, or a script)
        # still makes an initiative, named after the visitor.
        if not values.get("name"):
            values["name"] = self.env._(
                "Website form: %(visitor)s",
                visitor=values.get("contact_name") or values.get("email_from") or values["phone"],
            )
        return values

    def _website_geoip_country(self, request):
        code = request.geoip.country_code
        if not code:
            return self.env["res.country"]
        return self.env["res.country"].sudo().search([("code", "=", code)], limit=1)

    def _website_visitor_partner(self, request):
        """The known contact behind the form: the visitor's, else the logged-in user's."""
        visitor = request.env["website.visitor"]._get_visitor_from_request()
        if visitor.partner_id:
            return visitor.partner_id
        user = request.env.user
        return user.partner_id if not user._is_public() else self.env["res.partner"]

    def _check_website_form_values(self, values):
        """What a visitor (or a script) can post: wrong values are named back to the
        form (the fields turn red) instead of failing later or being stored."""
        wrong = [
            name
            for name in WEBSITE_FORM_TEXT_FIELDS
            if len(values.get(name) or "") > WEBSITE_FORM_MAX_LENGTH
        ]
        email = values.get("email_from")
        if self._get_email_address_error(email) or not (email or values.get("phone")):
            wrong.append("email_from")
        if wrong:
            raise ValidationError(sorted(set(wrong)))

    def _post_website_form(self, values, custom):
        """The form of a contact who wrote again, on their open record as their
        message: each field under its label, what the form added below."""
        self.ensure_one()
        lines = []
        for name in WEBSITE_FORM_POSTED_FIELDS:
            value = values.get(name)
            if not value:
                continue
            field = self._fields[name]
            if field.type == "many2one":
                value = self.env[field.comodel_name].browse(value).display_name
            # An html field's value is already the visitor's text as HTML (the form
            # converts it): sanitized, not escaped twice.
            shown = (
                html_sanitize(value) if field.type == "html" else nl2br_enclose(str(value), "span")
            )
            lines.append(
                Markup("<li><b>%s</b>: %s</li>") % (field._description_string(self.env), shown)
            )
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            self.env._("Sent again through the website form:"),
            Markup().join(lines),
        )
        if custom:
            body += nl2br_enclose(custom, "p")
        self.message_post(
            body=body,
            subject=values.get("name"),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            # Signed with what the visitor typed, never as a contact or colleague of
            # ours: anyone can type any address into a form.
            author_id=False,
            email_from=values.get("email_from")
            or values.get("contact_name")
            or values.get("phone"),
        )
