# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""19.0.1.1.0: the move of misplaced initiatives into the qualification stage used
to run at every upgrade (a <function> in a data file); it now runs at install and,
for databases upgraded from 19.0.1.0.0, once here. The acknowledgement template
gets its fixed body, when nobody has edited it."""

from odoo import SUPERUSER_ID
from odoo import api
from odoo.tools import convert_file


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["crm.lead"]._move_initiatives_to_qualification_stage()
    _refresh_acknowledgement(env)


# The acknowledgement's body before 19.0.1.1.0 ("Hello ," without a name, no
# signature without a salesperson). The template is noupdate: it is replaced only
# while nobody has edited it.
OLD_ACKNOWLEDGEMENT_GREETING = (
    "Hello <t t-out=\"object.contact_name or object.partner_id.name or ''\">there</t>,"
)


def _refresh_acknowledgement(env):
    template = env.ref(
        "kanak_crm_flow.mail_template_initiative_acknowledgement", raise_if_not_found=False
    )
    if not template or OLD_ACKNOWLEDGEMENT_GREETING not in (
        template.with_context(lang="en_US").body_html or ""
    ):
        return
    convert_file(
        env,
        "kanak_crm_flow",
        "data/mail_template_data.xml",
        None,
        mode="init",
        noupdate=False,
        kind="data",
    )
