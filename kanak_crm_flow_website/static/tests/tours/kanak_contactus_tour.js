/* Copyright 2026 Kanak CRM Flow contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";

// Seed 000: a contact form from Latin America goes straight to that team. A visitor
// fills the real Contact Us page (set to create leads in the website editor), with a
// country, and sends it.
registry.category("web_tour.tours").add("kanak_contactus_tour", {
    url: "/contactus",
    steps: () => [
        {
            trigger: "form#contactus_form[data-model_name='crm.lead'] input[name=contact_name]",
            run: "edit Valentina Ríos",
        },
        {
            trigger: "input[name=phone]",
            run: "edit +54 11 4000 0000",
        },
        {
            trigger: "input[name=email_from]",
            run: "edit valentina.rios@example.com.ar",
        },
        {
            trigger: "input[name=partner_name]",
            run: "edit Pinturas del Plata",
        },
        {
            trigger: "select[name=country_id]",
            run: "selectByLabel Argentina",
        },
        {
            trigger: "input[name=name]",
            run: "edit Road marking paint for Rosario",
        },
        {
            trigger: "textarea[name=description]",
            run: "edit 2,000 litres of white road marking paint, delivery in March.",
        },
        {
            trigger: ".s_website_form_send",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The visitor lands on the thank-you page",
            trigger: "#wrap:has(h1:contains('Thank You!'))",
        },
    ],
});

// The sales manager finds it in the Latin America team's Initiatives column of the
// Sales Flow.
const initiativesColumn = ".o_kanban_group:has(.o_column_title:contains('Initiatives'))";
registry.category("web_tour.tours").add("kanak_contactus_in_sales_flow_tour", {
    steps: () => [
        {
            trigger: ".o_searchview_input",
            run: "edit Latin America",
        },
        {
            trigger: ".o_searchview_autocomplete .o-dropdown-item:contains('Sales Team')",
            run: "click",
        },
        {
            trigger: `${initiativesColumn} .o_kanban_record:contains('Road marking paint for Rosario')`,
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=team_id]:contains('Latin America'), .o_form_view .o_field_widget[name=team_id] input:value('Latin America')",
        },
    ],
});
