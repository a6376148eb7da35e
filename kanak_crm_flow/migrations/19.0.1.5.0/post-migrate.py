# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""19.0.1.5.0: the escalation's activity type is archived so that nobody picks it by
hand; only the escalation schedules it. Seeded noupdate, hence this one-off."""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(
        SQL(
            """UPDATE mail_activity_type SET active = FALSE
                WHERE id = (SELECT res_id FROM ir_model_data
                             WHERE module = 'kanak_crm_flow'
                               AND name = 'mail_activity_type_overdue_initiative')"""
        )
    )
