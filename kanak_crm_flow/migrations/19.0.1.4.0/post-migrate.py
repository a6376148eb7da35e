# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""19.0.1.4.0: the Sales Flow Analysis is read as the reading user (no database view
any more); the acknowledgement no longer repeats the sender's subject, nor a name
that is a link, nor signs with a salesperson's name (a website form's sender could
choose all three). Changed on the seeded template only where nobody edited it."""

import json

from odoo.tools import SQL
from odoo.tools import drop_view_if_exists

OLD_SUBJECTS = {
    "We received your request: {{ object.name }}": (
        "{{ (object.company_id or user.company_id).name }}: we received your request"
    ),
    "Hemos recibido su solicitud: {{ object.name }}": (
        "{{ (object.company_id or user.company_id).name }}: hemos recibido su solicitud"
    ),
}
# Old text of the template: what replaces it.
BODY_CHANGES = {
    "object.user_id.name or object.team_id.name": "object.team_id.name",
    "object.contact_name or object.partner_id.name": "object._get_acknowledgement_name()",
}


def migrate(cr, version):
    drop_view_if_exists(cr, "kanak_crm_flow_report")
    cr.execute(
        SQL(
            """SELECT t.id, t.subject, t.body_html FROM mail_template t
               JOIN ir_model_data d ON d.res_id = t.id AND d.model = 'mail.template'
               WHERE d.module = 'kanak_crm_flow'
                 AND d.name = 'mail_template_initiative_acknowledgement'"""
        )
    )
    for template_id, subject, body in cr.fetchall():
        subject = {lang: OLD_SUBJECTS.get(text, text) for lang, text in (subject or {}).items()}
        body = dict(body or {})
        for lang, text in body.items():
            for old, new in BODY_CHANGES.items():
                text = text.replace(old, new)
            body[lang] = text
        cr.execute(
            SQL(
                "UPDATE mail_template SET subject = %s::jsonb, body_html = %s::jsonb WHERE id = %s",
                json.dumps(subject),
                json.dumps(body),
                template_id,
            )
        )
