# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""19.0.1.7.0: "Contact Again On" is new and empty for every record lost before (no
reason had a delay then): the column is made here so that the upgrade does not
compute it over every initiative and opportunity."""

from odoo.tools import SQL
from odoo.tools import sql


def migrate(cr, version):
    if not sql.column_exists(cr, "crm_lead", "contact_again_date"):
        cr.execute(SQL("ALTER TABLE crm_lead ADD COLUMN contact_again_date timestamp"))
