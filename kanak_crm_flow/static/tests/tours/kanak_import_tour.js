/* Copyright 2026 Kanak CRM Flow contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";

const FILE = [
    "Initiative,Email",
    "New fair card,new.card@example.com",
    "Wrote again,already.open@example.com",
].join("\n");

// A list with a row that repeats an open initiative: the import succeeds (one record
// imported, said as a success) and the skipped row is said as a warning, not as a
// blocking error.
registry.category("web_tour.tours").add("kanak_import_with_a_skipped_row_tour", {
    url: "/odoo/action-kanak_crm_flow.action_initiatives",
    steps: () => [
        { trigger: ".o_control_panel .o_cp_action_menus button", run: "click" },
        { trigger: ".o-dropdown-item:contains('Import records')", run: "click" },
        {
            // The file input is hidden behind "Upload Data File": given the file as a
            // browser's file picker gives it.
            trigger: "button.o_import_file",
            run() {
                const input = document.querySelector("input.o_input_file");
                const transfer = new DataTransfer();
                transfer.items.add(new File([FILE], "fair_list.csv", { type: "text/csv" }));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        { trigger: ".o_import_action .o_import_data_content:contains('new.card@example.com')" },
        { trigger: ".o_control_panel button:contains('Test')", run: "click" },
        { trigger: ".o_import_action .alert-warning:contains('already on')" },
        { trigger: ".o_import_action:not(:has(.alert-danger))" },
        { trigger: ".o_control_panel button:contains('Import')", run: "click" },
        { trigger: ".o_notification:contains('1 records successfully imported')" },
        { trigger: ".o_notification:contains('Import warnings'):contains('already on')" },
        { trigger: ".o_list_view .o_data_row:contains('New fair card')" },
    ],
});
