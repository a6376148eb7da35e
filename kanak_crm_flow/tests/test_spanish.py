# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from pathlib import Path

import polib
from lxml import etree

from odoo.tests import tagged
from odoo.tests import users

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


@tagged("post_install", "-at_install", "lead_internals")
class TestOneNamePerThing(KanakCrmCommon):
    """Stock's words that sat next to "Initiative": one name per thing, and crm's own
    names back at uninstall."""

    def _labels(self, lang):
        env = self.env(context=dict(self.env.context, lang=lang))

        def search_arch(xmlid):
            arch = env["crm.lead"].get_view(env.ref(xmlid).id, "search")["arch"]
            return etree.fromstring(arch).xpath("//field[@name='name']/@string")

        list_arch = env["crm.lead"].get_view(
            env.ref("kanak_crm_flow.crm_lead_view_list_initiatives").id, "list"
        )["arch"]
        return {
            "selection_buttons": etree.fromstring(list_arch).xpath("//header/button/@string"),
            "mass_qualify": env.ref("crm.action_crm_send_mass_convert").name,
            "report_menu": env.ref("crm.crm_opportunity_report_menu_lead").name,
            "lost": env.ref("crm.mt_lead_lost").description,
            "restored": env.ref("crm.mt_lead_restored").description,
            "leads_search": search_arch("crm.view_crm_case_leads_filter"),
            "flow_search": search_arch("crm.view_crm_case_opportunities_filter"),
        }

    def test_english_and_spanish(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["crm", "kanak_crm_flow"], ["es_ES"], overwrite=True
        )
        for lang, expected in (
            (
                "en_US",
                (
                    ["Disqualify"],
                    "Qualify as Opportunities",
                    "Initiatives",
                    "Lost or disqualified",
                    "Restored",
                    ["Initiative"],
                    ["Initiative or Opportunity"],
                ),
            ),
            (
                "es_ES",
                (
                    ["Descalificar"],
                    "Calificar como oportunidades",
                    "Iniciativas",
                    "Perdida o descalificada",
                    "Recuperada",
                    ["Iniciativa"],
                    ["Iniciativa u oportunidad"],
                ),
            ),
        ):
            with self.subTest(lang=lang):
                labels = self._labels(lang)
                # The selection's lost button on the Initiatives list (stock: Mark Lost;
                # others, such as crm_iap_mine's when installed, stay).
                self.assertIn(expected[0][0], labels["selection_buttons"])
                self.assertFalse(
                    {"Mark Lost", "Marcar como perdido"} & set(labels["selection_buttons"])
                )
                self.assertEqual(labels["mass_qualify"], expected[1])
                self.assertEqual(labels["report_menu"], expected[2])
                self.assertEqual(labels["lost"], expected[3])
                self.assertEqual(labels["restored"], expected[4])
                self.assertEqual(labels["leads_search"], expected[5])
                self.assertEqual(labels["flow_search"], expected[6])

    def _subtypes(self, lead):
        messages = self.env["mail.message"].search(
            [("model", "=", "crm.lead"), ("res_id", "=", lead.id)]
        )
        return messages.subtype_id

    @users("kanak_sales_manager")
    def test_one_way_out(self):
        bound = self.env["ir.actions.actions"].get_bindings("crm.lead")["action"]
        self.assertNotIn(self.env.ref("crm.crm_lead_lost_action").id, [a["id"] for a in bound])
        self.assertIn(self.env.ref("crm.action_crm_send_mass_convert").id, [a["id"] for a in bound])
        # A read-only active field: the web client offers no Archive beside Disqualify.
        self.assertTrue(self.env["crm.lead"].fields_get(["active"])["active"]["readonly"])

        initiative = self._create_initiative(name="Fair card")
        self.flush_tracking()
        initiative.action_set_lost(lost_reason_id=self.env.ref("crm.lost_reason_1").id)
        self.flush_tracking()
        self.assertFalse(initiative.active)
        self.assertIn(self.env.ref("crm.mt_lead_lost"), self._subtypes(initiative))
        initiative.action_restore()
        self.flush_tracking()
        self.assertTrue(initiative.active)
        self.assertIn(self.env.ref("crm.mt_lead_restored"), self._subtypes(initiative))

    def test_uninstall_gives_stock_names_back(self):
        uninstall_hook(self.env)
        english = self.env(context=dict(self.env.context, lang="en_US"))
        self.assertEqual(
            english.ref("crm.action_crm_send_mass_convert").name, "Convert to opportunities"
        )
        self.assertEqual(english.ref("crm.crm_opportunity_report_menu_lead").name, "Leads")
        self.assertEqual(
            english.ref("crm.crm_lead_lost_action").binding_model_id,
            english.ref("crm.model_crm_lead"),
        )
        self.assertEqual(english.ref("crm.mt_lead_lost").description, "Opportunity lost")
        self.assertEqual(english.ref("crm.mt_lead_restored").name, "Opportunity Restored")
