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
    "data": [
        "security/ir.model.access.csv",
        "data/res_groups_data.xml",
        "data/crm_stage_data.xml",
        "data/crm_lead_data.xml",
        "data/crm_lost_reason_data.xml",
        "data/crm_tag_data.xml",
        "data/crm_team_data.xml",
        "data/mail_template_data.xml",
        "data/mail_activity_plan_data.xml",
        "wizard/crm_lead_qualify_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_stage_views.xml",
        "views/crm_team_views.xml",
        "views/crm_lost_reason_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_menu_views.xml",
    ],
    "demo": [
        "demo/crm_lead_demo.xml",
    ],
    "pre_init_hook": "pre_init_hook",
    "uninstall_hook": "uninstall_hook",
    "assets": {
        "web.assets_tests": [
            "kanak_crm_flow/static/tests/tours/**/*",
        ],
    },
}
