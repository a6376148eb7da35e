# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import AccessError
from odoo.tests import Form
from odoo.tests import tagged
from odoo.tests import users
from odoo.tools import mute_logger

from .common import KanakCrmCommon


@tagged("post_install", "-at_install", "lead_manage")
class TestDisqualify(KanakCrmCommon):
    @users("kanak_salesman_own")
    def test_disqualify_keeps_the_record_and_its_history(self):
        lead = self._create_initiative(
            name="Looking for a painter",
            user_id=self.user_salesman_own.id,
            email_from="painter.seeker@example.com",
        )
        lead.message_post(body="Called: he wanted someone to paint his flat.")
        messages_before = lead.message_ids
        reason = self.env.ref("kanak_crm_flow.lost_reason_by_mistake")
        wizard = Form(
            self.env["crm.lead.lost"].with_context(active_ids=lead.ids, default_lead_ids=lead.ids)
        )
        wizard.lost_reason_id = reason
        wizard.save().action_lost_reason_apply()

        self.assertFalse(lead.active)
        self.assertEqual(lead.won_status, "lost")
        self.assertEqual(lead.lost_reason_id, reason)
        self.assertEqual(lead.stage_id, self.stage_initiatives)
        self.assertLessEqual(messages_before, lead.message_ids, "history is kept")
        lost_filter = [("won_status", "=", "lost"), ("active", "=", False)]
        found = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([*lost_filter, ("id", "=", lead.id)])
        )
        self.assertEqual(found, lead, "found under the Lost / Disqualified filter")

        lead.action_restore()
        self.assertTrue(lead.active)
        self.assertEqual(lead.type, "lead")
        self.assertEqual(lead.stage_id, self.stage_initiatives)
        self.assertFalse(lead.lost_reason_id)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models.unlink")
    def test_only_managers_delete(self):
        for user in (self.user_salesman_own, self.user_salesman_all):
            lead = self._create_initiative(name="Keep me", user_id=user.id)
            with self.assertRaises(AccessError):
                lead.with_user(user).unlink()
            self.assertTrue(lead.exists())
        lead = self._create_initiative(name="Delete me", user_id=False)
        lead.with_user(self.user_sales_manager).unlink()
        self.assertFalse(lead.exists())

    def test_do_not_contact_reason_blacklists_email_and_phone(self):
        lead = self._create_initiative(
            name="Stop calling me",
            email_from="Stop Me <stop.me@example.com>",
            phone="+32 456 12 34 56",
            country_id=self.env.ref("base.be").id,
        )
        reason = self.env.ref("kanak_crm_flow.lost_reason_do_not_contact")
        self.assertTrue(reason.do_not_contact)
        lead.with_user(self.user_salesman_all).action_set_lost(lost_reason_id=reason.id)

        email = self.env["mail.blacklist"].sudo().search([("email", "=", "stop.me@example.com")])
        self.assertTrue(email.active)
        phone = self.env["phone.blacklist"].sudo().search([("number", "=", lead.phone_sanitized)])
        self.assertTrue(phone.active)
        self.assertTrue(
            lead.message_ids.filtered(lambda m: "added to the blacklist" in (m.body or ""))
        )

        newcomer = self._create_initiative(name="Again", email_from="stop.me@example.com")
        self.assertTrue(newcomer.is_blacklisted, "the form shows the blacklist warning")

    def test_ordinary_reason_blacklists_nothing(self):
        lead = self._create_initiative(name="No budget", email_from="nobudget@example.com")
        lead.action_set_lost(lost_reason_id=self.env.ref("kanak_crm_flow.lost_reason_no_budget").id)
        self.assertFalse(
            self.env["mail.blacklist"].sudo().search([("email", "=", "nobudget@example.com")])
        )
