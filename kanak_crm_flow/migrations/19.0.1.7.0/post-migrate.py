# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""19.0.1.7.0: the seeded "No budget" reason becomes "No budget this year", contacted
again after 180 days, unless a user renamed it (seeded noupdate, hence this one-off).
Records lost with it before keep no date: the delay holds from now on."""

from odoo import SUPERUSER_ID
from odoo import api

SPANISH = "Sin presupuesto este año"


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    reason = env.ref("kanak_crm_flow.lost_reason_no_budget", raise_if_not_found=False)
    if not reason or reason.with_context(lang="en_US").name != "No budget":
        return
    reason.with_context(lang="en_US").write(
        {"name": "No budget this year", "contact_again_days": 180}
    )
    spanish = [code for code, _name in env["res.lang"].get_installed() if code.startswith("es")]
    if spanish:
        reason.update_field_translations("name", dict.fromkeys(spanish, SPANISH))
