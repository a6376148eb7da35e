/* Copyright 2026 Kanak CRM Flow contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// The Frankfurt trade fair story: a business card entered on the spot as an
// initiative from the Sales Flow, three stars, a tag, qualified as opportunity;
// then an initiative without salesperson dragged to New.
const initiativesColumn = ".o_kanban_group:has(.o_column_title:contains('Initiatives'))";
const newColumn = ".o_kanban_group:has(.o_column_title:contains('New'))";

registry.category("web_tour.tours").add("kanak_frankfurt_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("crm.crm_menu_root"),
        {
            trigger: 'button[data-menu-xmlid="crm.crm_menu_sales"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="kanak_crm_flow.menu_sales_flow"]',
            run: "click",
        },
        {
            trigger: `${initiativesColumn} .o_kanban_quick_add`,
            run: "click",
        },
        {
            trigger: ".o_kanban_quick_create div[name=name] input",
            run: "edit Frankfurt fair: card of Klaus Becker",
        },
        {
            trigger: ".o_kanban_quick_create div[name=priority] .o_priority_star:eq(2)",
            run: "click",
        },
        {
            trigger: ".o_kanban_quick_create .o_kanban_edit",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name=kanak_qualification_score]",
        },
        {
            trigger: ".o_form_view div[name=tag_ids] input",
            run: "edit Trade fair",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Trade fair')",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name=tag_ids] .o_tag:contains('Trade fair')",
        },
        {
            // Initiatives are disqualified, not "lost": the stock button gives way.
            trigger: ".o_form_statusbar button:contains('Disqualify')",
        },
        {
            trigger: "button[name=action_qualify_as_opportunity]",
            run: "click",
        },
        {
            // Typed by the manager, the card belongs to nobody yet: the dialog proposes
            // the team's least-loaded member, and says the score is empty.
            trigger: ".modal div[name=kanak_empty_score]",
        },
        {
            trigger: ".modal button[name=action_qualify]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('New')",
        },
        {
            // The same form, reloaded: the record is not a second breadcrumb.
            trigger: ".o_breadcrumb:not(:has(.breadcrumb-item:contains('Frankfurt fair')))",
        },
        {
            trigger: ".breadcrumb-item a:contains('Sales Flow')",
            run: "click",
        },
        {
            // An opportunity's card no longer shows the initiative's score.
            trigger: `${newColumn} .o_kanban_record:contains('Frankfurt fair: card of Klaus Becker'):not(:contains('Initiative, score'))`,
        },
        {
            // Dragging an initiative to New qualifies it, with the Qualify button's
            // rules: no salesperson yet, so the team's least-loaded member gets it.
            trigger: `${initiativesColumn} .o_kanban_record:contains('Painter asks for a quote')`,
            run: `drag_and_drop (${newColumn})`,
        },
        {
            trigger: `${newColumn} .o_kanban_record:contains('Painter asks for a quote'):not(:contains('Initiative, score'))`,
        },
    ],
});
