# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""19.0.1.2.0: sales teams cover countries; the seeded Europe and Latin America
teams get theirs once here, unless someone already gave them some (at install,
their data file does it). The lists as they were in that version."""

from odoo import SUPERUSER_ID
from odoo import api

TEAM_COUNTRIES = {
    "kanak_crm_flow.team_europe": (
        "AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MC "
        "MD ME MK MT NL NO PL PT RO RS SE SI SK SM UA VA"
    ),
    "kanak_crm_flow.team_latin_america": (
        "AR BO BR CL CO CR CU DO EC GT HN MX NI PA PE PR PY SV UY VE"
    ),
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, codes in TEAM_COUNTRIES.items():
        team = env.ref(xmlid, raise_if_not_found=False)
        if team and not team.country_ids:
            team.country_ids = env["res.country"].search([("code", "in", codes.split())])
