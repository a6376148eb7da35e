/* Copyright 2026 Kanak CRM Flow contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";

// A contact form set to "Create an Opportunity" in the website editor asks for the
// visitor's country too: it routes the initiative to the team that covers it.
const actions = registry.category("website.form_editor_actions");
const createLead = actions.get("create_lead");
const companyIndex = createLead.formFields.findIndex((field) => field.name === "partner_name");
actions.add(
    "create_lead",
    {
        ...createLead,
        formFields: [
            ...createLead.formFields.slice(0, companyIndex + 1),
            {
                type: "many2one",
                relation: "res.country",
                name: "country_id",
                string: _t("Your Country"),
            },
            ...createLead.formFields.slice(companyIndex + 1),
        ],
    },
    { force: true }
);
