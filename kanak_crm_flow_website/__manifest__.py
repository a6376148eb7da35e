# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

{
    "name": "Kanak CRM Flow - Website Forms",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Website contact forms become initiatives of the team that covers the "
    "visitor's country",
    "author": "Kanak CRM Flow contributors",
    "website": "https://github.com/kanak-crm-flow/kanak_crm_flow",
    "license": "LGPL-3",
    "depends": ["kanak_crm_flow", "website_crm"],
    "data": [
        "data/ir_model_data.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "kanak_crm_flow_website/static/src/xml/website_form_country.xml",
        ],
        "website.website_builder_assets": [
            "kanak_crm_flow_website/static/src/js/kanak_crm_flow_website_editor.js",
        ],
        "web.assets_tests": [
            "kanak_crm_flow_website/static/tests/tours/**/*",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "auto_install": True,
}
