/* Copyright 2026 Kanak CRM Flow contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A manager sets "contact again after" on a lost reason, and is told why a reason
// that blacklists cannot have one.
const row = (name) => `.o_list_renderer .o_data_row:contains('${name}')`;

registry.category("web_tour.tours").add("kanak_contact_again_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("crm.crm_menu_root"),
        { trigger: 'button[data-menu-xmlid="crm.crm_menu_config"]', run: "click" },
        { trigger: 'a[data-menu-xmlid="crm.menu_crm_lost_reason"]', run: "click" },
        { trigger: `${row("Not now / bad timing")} td[name=contact_again_days]:contains(90)` },
        { trigger: `${row("Chose a competitor")} td[name=contact_again_days]`, run: "click" },
        // The row in edit: its name is in an input, no longer text.
        { trigger: ".o_selected_row td[name=contact_again_days] input", run: "edit 60" },
        { trigger: ".o_list_button_save", run: "click" },
        { trigger: `${row("Chose a competitor")} td[name=contact_again_days]:contains(60)` },
        { trigger: `${row("Asked not to be contacted")} td[name=contact_again_days]`, run: "click" },
        { trigger: ".o_selected_row td[name=contact_again_days] input", run: "edit 30" },
        { trigger: ".o_list_button_save", run: "click" },
        { trigger: ".modal:contains('cannot bring them back after 30 days')" },
        { trigger: ".modal .modal-footer .btn-primary", run: "click" },
        { trigger: ".o_list_button_discard", run: "click" },
        { trigger: `${row("Asked not to be contacted")} td[name=contact_again_days]:contains(0)` },
    ],
});
