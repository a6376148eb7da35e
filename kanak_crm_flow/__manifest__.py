{
    "name": "Kanak CRM Flow",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Initiatives qualified before they become opportunities: "
    "a disciplined sales flow on top of Odoo CRM",
    "author": "Kanak CRM Flow contributors",
    "website": "https://github.com/kanak-crm-flow/kanak_crm_flow",
    "license": "LGPL-3",
    "depends": ["crm"],
    "data": [],
    "demo": [],
    "installable": True,
    "application": False,
}
