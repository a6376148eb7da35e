from odoo.tests import tagged

from ..hooks import KEPT
from ..hooks import MODULE
from ..hooks import pre_init_hook
from ..hooks import uninstall_hook
from .common import KanakCrmCommon


@tagged("post_install", "-at_install")
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
        self.assertFalse(
            self.xmlids(MODULE).filtered(
                lambda d: d.model in ("crm.stage", "crm.tag", "crm.lost.reason", "crm.team")
            )
        )
        kept = self.xmlids(KEPT)
        self.assertEqual(len(kept.filtered(lambda d: d.model == "crm.tag")), seed_count)
        self.assertIn(
            self.stage_initiatives,
            kept.filtered(lambda d: d.model == "crm.stage").mapped(
                lambda d: self.env["crm.stage"].browse(d.res_id)
            ),
        )
        self.assertTrue(all(kept.mapped("noupdate")))

        pre_init_hook(self.env)
        self.assertFalse(self.xmlids(KEPT))
        self.assertEqual(self.env.ref("kanak_crm_flow.tag_source_trade_fair"), tag)
        self.assertEqual(tag.name, "Fair (edited by a user)")
        self.assertEqual(lead.tag_ids, tag)
