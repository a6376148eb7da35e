# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

{
    "name": "Kanak CRM Flow",
    "version": "19.0.1.7.0",
    "category": "Sales/CRM",
    "summary": "Initiatives qualified before they become opportunities: "
    "a disciplined sales flow on top of Odoo CRM",
    "author": "Kanak CRM Flow contributors",
    "website": "https://github.com/kanak-crm-flow/kanak_crm_flow",
    "license": "LGPL-3",
    "depends": ["crm", "base_import"],
    "data": [
        "security/ir.model.access.csv",
        "security/kanak_crm_flow_security.xml",
        "data/res_groups_data.xml",
        "data/crm_stage_data.xml",
        "data/crm_lost_reason_data.xml",
        "data/crm_tag_data.xml",
        "data/crm_team_data.xml",
        "data/mail_template_data.xml",
        "data/mail_activity_plan_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "data/base_import_mapping_data.xml",
        "data/utm_medium_data.xml",
        "data/crm_stock_labels_data.xml",
        "wizard/crm_lead_lost_views.xml",
        "wizard/crm_lead_qualify_views.xml",
        "wizard/crm_lead_rebalance_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_stage_views.xml",
        "views/crm_team_views.xml",
        "views/crm_lost_reason_views.xml",
        "views/crm_team_member_views.xml",
        "views/res_config_settings_views.xml",
        "report/kanak_crm_flow_report_views.xml",
        "views/crm_menu_views.xml",
    ],
    "demo": [
        "demo/crm_lead_demo.xml",
    ],
    "pre_init_hook": "pre_init_hook",
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "assets": {
        "web.assets_backend": [
            "kanak_crm_flow/static/src/**/*",
        ],
        "web.assets_tests": [
            "kanak_crm_flow/static/tests/tours/**/*",
        ],
    },
}
