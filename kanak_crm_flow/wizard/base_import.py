# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class BaseImportImport(models.TransientModel):
    _inherit = "base_import.import"

    def execute_import(self, fields, columns, options, dryrun=False):
        # The file's name is the source of the initiatives it brings that name none
        # (crm.lead's import screening); only this wizard knows it.
        wizard = self
        if self.res_model == "crm.lead":
            wizard = self.with_context(kanak_import_file_name=self.file_name)
        return super(BaseImportImport, wizard).execute_import(
            fields, columns, options, dryrun=dryrun
        )
