# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""19.0.1.2.0: sales teams cover countries; the seeded Europe and Latin America
teams get theirs once here (at install, their data file does it)."""

from odoo import SUPERUSER_ID
from odoo import api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["crm.team"]._set_default_countries()
