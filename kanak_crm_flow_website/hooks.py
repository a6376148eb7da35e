# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tools import SQL


def uninstall_hook(env):
    """Stock website forms cannot post a lead's country: take back the whitelisting."""
    env.cr.execute(
        SQL(
            "UPDATE ir_model_fields SET website_form_blacklisted = true "
            "WHERE model = 'crm.lead' AND name = 'country_id'"
        )
    )
