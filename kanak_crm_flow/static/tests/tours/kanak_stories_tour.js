/* Copyright 2026 Kanak CRM Flow contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";

// The stories of the seed articles as a salesperson or a team leader walks them.
// Each ends on what the person sees: a notification, a card in its column, a ribbon.
const initiativesColumn = ".o_kanban_group:has(.o_column_title:contains('Initiatives'))";
const newColumn = ".o_kanban_group:has(.o_column_title:contains('New'))";

// An own-documents salesperson qualifies an initiative for a colleague, from the form
// (choosing her in the dialog) and by dragging a card: no access error, the
// notification names the new owner, and the screen is one they may read.
registry.category("web_tour.tours").add("kanak_qualify_for_colleague_tour", {
    steps: () => [
        {
            trigger: ".o_list_view .o_data_cell:contains('Card for Marta')",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name=action_qualify_as_opportunity]",
            run: "click",
        },
        {
            trigger: ".modal div[name=user_id] input",
            run: "edit Marta",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Marta Sales Manager')",
            run: "click",
        },
        {
            trigger: ".modal button[name=action_qualify]",
            run: "click",
        },
        {
            trigger: ".o_notification:contains('now an opportunity of Marta Sales Manager')",
        },
        {
            // Back on the Initiatives list, which no longer holds the card.
            trigger: ".o_list_view:not(:has(.o_data_cell:contains('Card for Marta')))",
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
            trigger: `${initiativesColumn} .o_kanban_record:contains('Dragged to Marta')`,
            run: `drag_and_drop (${newColumn})`,
        },
        {
            trigger: ".o_notification:contains('now an opportunity of Marta Sales Manager')",
        },
        {
            trigger: `${newColumn} .o_kanban_record:contains('Dragged to Marta')`,
        },
    ],
});

// Disqualify in the initiatives' own words, then restore.
registry.category("web_tour.tours").add("kanak_disqualify_restore_tour", {
    steps: () => [
        {
            trigger: ".o_list_view .o_data_cell:contains('The painter')",
            run: "click",
        },
        {
            trigger: ".o_form_statusbar button:contains('Disqualify')",
            run: "click",
        },
        {
            trigger: ".modal .o_form_view:not(:contains('Mark as Lost'))",
        },
        {
            trigger: ".modal div[name=lost_reason_id] span:contains('Contacted us by mistake')",
            run: "click",
        },
        {
            trigger: ".modal button[name=action_lost_reason_apply]:contains('Disqualify')",
            run: "click",
        },
        {
            trigger: ".o_form_view .ribbon:contains('Disqualified')",
        },
        {
            trigger: ".o_form_statusbar button[name=action_restore]",
            run: "click",
        },
        {
            trigger: ".o_form_view:not(:has(.ribbon)) button[name=action_qualify_as_opportunity]",
        },
    ],
});

// The team leader sets the team's minimum score on the team form.
registry.category("web_tour.tours").add("kanak_minimum_score_tour", {
    steps: () => [
        {
            trigger: ".o_form_view div[name=qualification_min_score] input",
            run: "edit 2",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view:not(:has(.o_form_button_save:visible))",
        },
    ],
});
