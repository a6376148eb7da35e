# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.modules.module import get_manifest
from odoo.tests import tagged

from .common import KanakCrmCommon


@tagged("post_install", "-at_install", "lead_internals")
class TestInstall(KanakCrmCommon):
    def test_module_installed_on_crm(self):
        module = self.env["ir.module.module"].search([("name", "=", "kanak_crm_flow")])
        self.assertEqual(module.state, "installed")
        self.assertIn("crm", module.dependencies_id.mapped("name"))
        manifest = get_manifest("kanak_crm_flow")
        self.assertEqual(module.installed_version, manifest["version"])
        self.assertTrue(manifest["version"].startswith("19.0."))

    def test_personas_have_their_sales_role(self):
        own, all_docs, manager = (
            self.user_salesman_own,
            self.user_salesman_all,
            self.user_sales_manager,
        )
        self.assertTrue(own.has_group("sales_team.group_sale_salesman"))
        self.assertFalse(own.has_group("sales_team.group_sale_salesman_all_leads"))
        self.assertTrue(all_docs.has_group("sales_team.group_sale_salesman_all_leads"))
        self.assertFalse(all_docs.has_group("sales_team.group_sale_manager"))
        self.assertTrue(manager.has_group("sales_team.group_sale_manager"))
        self.assertFalse(self.user_portal._is_internal())
        self.assertEqual(self.user_company_2.company_ids, self.company_2)

    def test_own_documents_salesman_sees_only_own_and_unassigned(self):
        Lead = self.env["crm.lead"]
        mine = Lead.create(
            {"name": "Mine", "user_id": self.user_salesman_own.id, "team_id": self.team_europe.id}
        )
        unassigned = Lead.create(
            {"name": "Unassigned", "user_id": False, "team_id": self.team_europe.id}
        )
        other = Lead.create(
            {"name": "Other's", "user_id": self.user_salesman_all.id, "team_id": self.team_latam.id}
        )
        visible = Lead.with_user(self.user_salesman_own).search(
            [("id", "in", (mine | unassigned | other).ids)]
        )
        self.assertEqual(visible, mine | unassigned)
        visible_all = Lead.with_user(self.user_salesman_all).search(
            [("id", "in", (mine | unassigned | other).ids)]
        )
        self.assertEqual(visible_all, mine | unassigned | other)
