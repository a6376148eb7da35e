# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

{
    "name": "Kanak CRM Flow - Sales",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Order to cash in the sales flow: a sent quotation moves its opportunity "
    "to Proposition, a confirmed order wins it",
    "author": "Kanak CRM Flow contributors",
    "website": "https://github.com/kanak-crm-flow/kanak_crm_flow",
    "license": "LGPL-3",
    "depends": ["kanak_crm_flow", "sale_crm"],
    "data": [
        "views/crm_stage_views.xml",
        "views/crm_team_views.xml",
        "report/kanak_crm_flow_report_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "kanak_crm_flow_sale/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
    "auto_install": True,
}
