/* Copyright 2026 Kanak CRM Flow contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// The manager's round: who holds the initiatives, by team, and handing one
// initiative from the busiest salesperson to the least busy one.
const reportingMenu = 'button[data-menu-xmlid="crm.crm_menu_report"]';

registry.category("web_tour.tours").add("kanak_manager_reports_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("crm.crm_menu_root"),
        { trigger: reportingMenu, run: "click" },
        {
            trigger: 'a[data-menu-xmlid="kanak_crm_flow.menu_sales_flow_analysis"]',
            run: "click",
        },
        { trigger: ".o_pivot th:contains('Initiatives')" },
        { trigger: ".o_pivot th:contains('Lost')" },
        { trigger: ".o_pivot th:contains('Ana Tour')" },
        { trigger: "button.o_switch_view.o_graph", run: "click" },
        { trigger: ".o_graph_renderer canvas" },
        { trigger: ".o_searchview_dropdown_toggler", run: "click" },
        {
            trigger: ".o_group_by_menu .o-dropdown-item:contains('Sales Team')",
            run: "click",
        },
        { trigger: ".o_searchview_facet:contains('Sales Team')" },
        { trigger: reportingMenu, run: "click" },
        { trigger: 'a[data-menu-xmlid="kanak_crm_flow.menu_workload"]', run: "click" },
        // Teams come unfolded: an imbalance is seen without a click.
        { trigger: ".o_group_header:contains('Kanak Tour Reports')" },
        { trigger: ".o_data_row:contains('Ana Tour') td.text-danger, .o_data_row.text-danger:contains('Ana Tour')" },
        {
            trigger: ".o_data_row:contains('Ana Tour') button[name=action_open_rebalance]",
            run: "click",
        },
        // The dialog proposes what evens the team: two of Ana's five to Bruno.
        { trigger: ".modal div[name=user_id] input:value(Bruno Tour)" },
        { trigger: ".modal div[name=lead_ids] .o_data_row:contains('Tour initiative 5')" },
        { trigger: ".modal div[name=lead_ids] .o_data_row:contains('Tour initiative 4')" },
        { trigger: ".modal button[name=action_rebalance]", run: "click" },
        { trigger: ".o_notification:contains('2 record(s) moved to Bruno Tour')" },
    ],
});
