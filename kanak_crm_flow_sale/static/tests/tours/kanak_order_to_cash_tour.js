/* Copyright 2026 Kanak CRM Flow contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";

// Order to cash (seed 003): from an opportunity, a quotation is made, sent and
// confirmed; the Sales Flow then shows the opportunity in Won, without anyone
// moving it by hand.
registry.category("web_tour.tours").add("kanak_order_to_cash_tour", {
    steps: () => [
        {
            trigger: ".o_form_view button[name=action_sale_quotations_new]",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name=order_line] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=product_id] input, .o_field_widget[name=product_template_id] input",
            run: "edit Road marking paint",
        },
        {
            trigger: ".ui-menu-item > a:contains('Road marking paint')",
            run: "click",
        },
        {
            // The line is priced: the product's onchange is done before sending.
            trigger: ".o_field_widget[name=tax_totals]:contains('100.00')",
        },
        {
            trigger: ".o_statusbar_buttons > button[name=action_quotation_send]",
            run: "click",
        },
        {
            // Enabled once the quotation's PDF is attached.
            trigger: ".modal .o_mail_send:enabled",
            run: "click",
        },
        {
            trigger: ".o_statusbar_buttons > button[name=action_confirm]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Sales Order')",
        },
        {
            trigger: 'button[data-menu-xmlid="crm.crm_menu_sales"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="kanak_crm_flow.menu_sales_flow"]',
            run: "click",
        },
        {
            // Won starts folded in the Sales Flow: open it.
            trigger: ".o_kanban_group.o_column_folded:has(.o_column_title:contains('Won'))",
            run: "click",
        },
        {
            trigger:
                ".o_kanban_group:has(.o_column_title:contains('Won')) .o_kanban_record:contains('Paint for the bridge')",
        },
    ],
});
