/* Copyright 2026 Kanak CRM Flow contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { markup } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { escape } from "@web/core/utils/strings";
import { patch } from "@web/core/utils/patch";
import { ImportAction } from "@base_import/import_action/import_action";
import { BaseImportModel } from "@base_import/import_model";

// Stock's import dialog reads any message as a failure. Rows skipped with a warning
// (the contact is already on an open record, or repeats an earlier row) do not make
// an import that created its records fail: the count is shown as a success, the
// skipped rows as warnings.
patch(BaseImportModel.prototype, {
    async executeImport(isTest) {
        this.warningsOfImportedRows = [];
        const result = await super.executeImport(...arguments);
        if (this.warningsOfImportedRows.length) {
            const heading = isTest
                ? _t("Warnings about some rows (each says what its import would do):")
                : _t("%s records imported. Warnings about some rows:", result.res.ids.length);
            this._addMessage("warning", [
                heading,
                ...this.warningsOfImportedRows.map((message) => message.message),
            ]);
        }
        return result;
    },

    async _callImport() {
        const result = await super._callImport(...arguments);
        const messages = result.messages || [];
        // ids is false when the import failed; a list (maybe empty) when it did not.
        if (result.ids && messages.length && messages.every((m) => m.type === "warning")) {
            this.warningsOfImportedRows.push(...messages);
            result.messages = [];
        }
        return result;
    },
});

patch(ImportAction.prototype, {
    async handleImport(isTest = true) {
        await super.handleImport(...arguments);
        const warnings = this.model.warningsOfImportedRows || [];
        if (!isTest && warnings.length) {
            // The success notification opens the records: the skipped rows stay on screen.
            const lines = warnings.map((message) => escape(message.message));
            this.notification.add(markup(lines.join("<br/>")), {
                title: _t("Import warnings"),
                type: "warning",
                sticky: true,
            });
        }
    },
});
