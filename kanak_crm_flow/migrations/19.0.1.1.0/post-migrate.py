"""19.0.1.1.0: the move of misplaced initiatives into the qualification stage used
to run at every upgrade (a <function> in a data file); it now runs at install and,
for databases upgraded from 19.0.1.0.0, once here."""

from odoo import SUPERUSER_ID
from odoo import api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["crm.lead"]._move_initiatives_to_qualification_stage()
