# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

{
    "name": "Kanak CRM Flow - Email Marketing",
    "version": "19.0.1.0.0",
    "category": "Marketing/Email Marketing",
    "summary": "Campaigns for lost contacts: ready audiences, and replies that bring "
    "lost records back with their campaign",
    "author": "Kanak CRM Flow contributors",
    "website": "https://github.com/kanak-crm-flow/kanak_crm_flow",
    "license": "LGPL-3",
    "depends": ["kanak_crm_flow", "mass_mailing_crm"],
    "data": [
        "data/mailing_filter_data.xml",
    ],
    "auto_install": True,
}
