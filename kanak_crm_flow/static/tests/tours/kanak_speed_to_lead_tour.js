/* Copyright 2026 Kanak CRM Flow contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

const card = ".o_kanban_record:contains('Card from the Frankfurt fair')";

// The manager's morning look: an initiative past its first response deadline is red
// on the Sales Flow, and the "Response overdue" filter finds it.
registry.category("web_tour.tours").add("kanak_speed_to_lead_manager_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("crm.crm_menu_root"),
        { trigger: 'button[data-menu-xmlid="crm.crm_menu_sales"]', run: "click" },
        { trigger: 'a[data-menu-xmlid="kanak_crm_flow.menu_sales_flow"]', run: "click" },
        { trigger: `${card} div[name=kanak_response].text-danger:contains('Overdue by')` },
        { trigger: ".o_searchview_dropdown_toggler", run: "click" },
        {
            trigger: ".o_filter_menu .o-dropdown-item:contains('Response overdue')",
            run: "click",
        },
        { trigger: ".o_searchview_facet:contains('Response overdue')" },
        { trigger: `${card} div[name=kanak_response].text-danger` },
    ],
});

// The salesperson calls the contact and logs it: the initiative turns answered.
registry.category("web_tour.tours").add("kanak_speed_to_lead_salesperson_tour", {
    url: "/odoo/action-kanak_crm_flow.action_sales_flow",
    steps: () => [
        { trigger: `${card} div[name=kanak_response].text-danger`, run: "click" },
        { trigger: ".o_form_view div[name=kanak_response] .text-danger:contains('Overdue by')" },
        { trigger: ".o-mail-Chatter button:contains('Activity')", run: "click" },
        { trigger: ".modal .o_selection_badge span:contains('Call')", run: "click" },
        { trigger: ".modal .o_selection_badge.active span:contains('Call')" },
        { trigger: ".modal div[name='summary'] input", run: "edit Called Klaus: visit next week" },
        { trigger: ".modal button.btn-secondary:contains('Mark Done')", run: "click" },
        { trigger: ".o-mail-Message:contains('Called Klaus')" },
        // The form says so at once, without a reload.
        { trigger: ".o_form_view div[name=kanak_response] .text-success:contains('Answered in')" },
        { trigger: ".o_breadcrumb a:contains('Sales Flow')", run: "click" },
        { trigger: `${card} div[name=kanak_response].text-success:contains('Answered in')` },
    ],
});
