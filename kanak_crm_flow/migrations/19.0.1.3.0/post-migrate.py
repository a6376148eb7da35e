# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""19.0.1.3.0: a first response promise per team; the seeded Europe and Latin
America teams promise 8 working hours, as at install. Initiatives that arrived
before have no deadline: the promise starts with the upgrade."""

from odoo import SUPERUSER_ID
from odoo import api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["crm.team"]._set_default_first_response_hours()
