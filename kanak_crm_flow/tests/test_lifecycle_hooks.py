# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import importlib.util
from pathlib import Path

from odoo.tests import tagged

from ..hooks import KEPT
from ..hooks import MODULE
from ..hooks import pre_init_hook
from ..hooks import uninstall_hook
from .common import KanakCrmCommon


@tagged("post_install", "-at_install", "lead_internals")
class TestLifecycleHooks(KanakCrmCommon):
    """Uninstalling must not take the seed records (and the leads' links to them)
    away; reinstalling must reuse them. Here the two hooks themselves; a real
    uninstall and reinstall cannot run inside a test transaction."""

    def xmlids(self, module):
        return self.env["ir.model.data"].search([("module", "=", module)])

    def test_uninstall_parks_seed_xmlids_and_reinstall_takes_them_back(self):
        tag = self.env.ref("kanak_crm_flow.tag_source_trade_fair")
        tag.name = "Fair (edited by a user)"
        lead = self._create_initiative(name="Tagged", tag_ids=[(6, 0, tag.ids)])
        seed_count = len(self.xmlids(MODULE).filtered(lambda d: d.model == "crm.tag"))

        uninstall_hook(self.env)
        # Left with the module, for Odoo to delete: the Initiatives stage alone.
        self.assertEqual(
            self.xmlids(MODULE)
            .filtered(lambda d: d.model in ("crm.stage", "crm.tag", "crm.lost.reason", "crm.team"))
            .mapped("name"),
            ["stage_initiatives"],
        )
        kept = self.xmlids(KEPT)
        self.assertEqual(len(kept.filtered(lambda d: d.model == "crm.tag")), seed_count)
        # The Initiatives stage goes with the module: Odoo deletes it by its xml id.
        self.assertNotIn(
            self.stage_initiatives.id,
            kept.filtered(lambda d: d.model == "crm.stage").mapped("res_id"),
        )
        self.assertTrue(all(kept.mapped("noupdate")))

        pre_init_hook(self.env)
        self.assertFalse(self.xmlids(KEPT))
        self.assertEqual(self.env.ref("kanak_crm_flow.tag_source_trade_fair"), tag)
        self.assertEqual(tag.name, "Fair (edited by a user)")
        self.assertEqual(lead.tag_ids, tag)

    def test_uninstall_puts_initiatives_where_stock_keeps_leads(self):
        lead = self._create_initiative(name="Open")
        lost = self._create_initiative(name="Lost")
        lost.action_set_lost()
        opportunity = self.env["crm.lead"].create(
            {"name": "Opp", "type": "opportunity", "stage_id": self.stage_proposition.id}
        )
        uninstall_hook(self.env)
        self.assertEqual(self.env.ref("crm.crm_menu_leads").name, "Leads")
        self.assertEqual(
            self.env.ref("crm.crm_menu_leads").action, self.env.ref("crm.crm_lead_all_leads")
        )
        self.assertEqual((lead | lost).stage_id, self.stage_new)
        self.assertEqual(lead.type, "lead")
        self.assertFalse(lost.active)
        self.assertEqual(opportunity.stage_id, self.stage_proposition)
        self.assertFalse(
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search_count([("stage_id", "=", self.stage_initiatives.id)]),
            "nothing keeps the Initiatives stage from going with the module",
        )


@tagged("post_install", "-at_install", "lead_internals")
class TestMigration(KanakCrmCommon):
    """migrations/19.0.1.1.0: once, what used to run at every upgrade; and the
    acknowledgement's fixed body, unless someone edited it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        path = Path(__file__).parents[1] / "migrations" / "19.0.1.1.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("kanak_post_migrate_19_0_1_1_0", path)
        cls.migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(cls.migration)
        cls.template = cls.env.ref("kanak_crm_flow.mail_template_initiative_acknowledgement")

    def set_body(self, html):
        # As an older version left it in the database (no sanitizing on the way).
        self.env.cr.execute(
            "UPDATE mail_template SET body_html = jsonb_build_object('en_US', %s) WHERE id = %s",
            (html, self.template.id),
        )
        self.env.invalidate_all()

    def test_misplaced_initiative_moved_once(self):
        lead = self._create_initiative(name="Misplaced")
        self.env.cr.execute(
            "UPDATE crm_lead SET stage_id = %s WHERE id = %s", (self.stage_new.id, lead.id)
        )
        self.env.invalidate_all()
        self.migration.migrate(self.env.cr, "19.0.1.0.0")
        self.assertEqual(lead.stage_id, self.stage_initiatives)

    def test_unedited_acknowledgement_gets_the_fixed_body(self):
        old = f"<div><p>{self.migration.OLD_ACKNOWLEDGEMENT_GREETING}</p></div>"
        self.set_body(old)
        self.migration.migrate(self.env.cr, "19.0.1.0.0")
        self.env.invalidate_all()
        body = self.template.with_context(lang="en_US").body_html
        self.assertNotIn("there</t>,", body)
        self.assertIn("Hello,", body)

    def test_edited_acknowledgement_is_left_alone(self):
        self.set_body("<p>Our own words</p>")
        self.migration.migrate(self.env.cr, "19.0.1.0.0")
        self.env.invalidate_all()
        self.assertIn("Our own words", self.template.with_context(lang="en_US").body_html)
