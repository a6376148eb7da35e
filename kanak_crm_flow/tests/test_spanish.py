from pathlib import Path

import polib

from odoo.tests import tagged

from ..hooks import uninstall_hook
from .common import KanakCrmCommon

I18N = Path(__file__).parents[1] / "i18n"


@tagged("post_install", "-at_install", "lead_internals")
class TestSpanish(KanakCrmCommon):
    """Spanish everywhere, and "Iniciativa" where CRM's own Spanish says "Lead"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("es_ES", "es_419"):
            cls.env["res.lang"]._activate_lang(lang)
        # As Settings > Languages > Update does: every module, CRM first.
        cls.env["ir.module.module"]._load_module_terms(
            ["crm", "kanak_crm_flow"], ["es_ES", "es_419"], overwrite=True
        )

    def test_key_words(self):
        for lang in ("es_ES", "es_419"):
            with self.subTest(lang=lang):
                env = self.env(context=dict(self.env.context, lang=lang))
                self.assertEqual(env.ref("kanak_crm_flow.stage_initiatives").name, "Iniciativas")
                self.assertEqual(env.ref("crm.crm_menu_leads").name, "Iniciativas")
                self.assertEqual(env.ref("kanak_crm_flow.menu_sales_flow").name, "Flujo de ventas")
                self.assertEqual(env.ref("kanak_crm_flow.action_initiatives").name, "Iniciativas")
                types = dict(env["crm.lead"]._fields["type"]._description_selection(env))
                self.assertEqual(types["lead"], "Iniciativa")
                form = env["crm.lead"].get_views([(False, "form")])["views"]["form"]["arch"]
                self.assertIn("Calificar como oportunidad", form)
                self.assertIn("Descalificar", form)
                search = env["crm.lead"].get_views(
                    [(env.ref("crm.view_crm_case_leads_filter").id, "search")]
                )["views"]["search"]["arch"]
                self.assertIn('string="Buscar iniciativas"', search)
                self.assertIn('string="Iniciativa"', search)

    def test_every_term_translated(self):
        pot = polib.pofile(str(I18N / "kanak_crm_flow.pot"))
        spanish = {entry.msgid: entry.msgstr for entry in polib.pofile(str(I18N / "es.po"))}
        missing = [entry.msgid for entry in pot if not spanish.get(entry.msgid)]
        self.assertFalse(missing, "terms without Spanish")

    def test_uninstall_gives_crm_its_own_spanish_back(self):
        uninstall_hook(self.env)
        spanish = self.env(context=dict(self.env.context, lang="es_ES"))
        self.assertEqual(spanish.ref("crm.crm_menu_leads").name, "Leads")
        types = dict(spanish["crm.lead"]._fields["type"]._description_selection(spanish))
        self.assertEqual(types["lead"], "Lead")
