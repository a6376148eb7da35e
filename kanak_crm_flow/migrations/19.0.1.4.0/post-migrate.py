"""19.0.1.4.0: the Sales Flow Analysis is read as the reading user (no database view
any more); the acknowledgement no longer repeats the sender's subject nor signs with
a salesperson's name (the sender could choose both on a website form). Changed on the
seeded template only where nobody edited it."""

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
OLD_SIGNATURE = "object.user_id.name or object.team_id.name"
NEW_SIGNATURE = "object.team_id.name"


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
        body = {
            lang: text.replace(OLD_SIGNATURE, NEW_SIGNATURE) for lang, text in (body or {}).items()
        }
        cr.execute(
            SQL(
                "UPDATE mail_template SET subject = %s::jsonb, body_html = %s::jsonb WHERE id = %s",
                json.dumps(subject),
                json.dumps(body),
                template_id,
            )
        )
