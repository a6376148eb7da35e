# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from ast import literal_eval
from datetime import datetime

from odoo.tests import tagged

from odoo.addons.kanak_crm_flow.tests.test_mail_gateway import MailGatewayCommon
from odoo.addons.kanak_crm_flow.tests.test_mail_gateway import build_email

LOST_ON = datetime(2026, 3, 2, 10, 0)


@tagged("post_install", "-at_install", "contact_again")
class TestLostCampaigns(MailGatewayCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lost_audience = cls.env.ref(
            "kanak_crm_flow_mass_mailing.mailing_filter_lost_may_be_contacted"
        )
        cls.unanswered_audience = cls.env.ref(
            "kanak_crm_flow_mass_mailing.mailing_filter_open_initiatives_not_answered"
        )
        Lead = cls.env["crm.lead"]
        cls.lost = Lead.browse()
        for email, reason in (
            ("later@example.com", "kanak_crm_flow.lost_reason_not_now"),
            ("rival@example.com", "kanak_crm_flow.lost_reason_competitor"),
            ("silence@example.com", "kanak_crm_flow.lost_reason_do_not_contact"),
            ("blocked@example.com", "kanak_crm_flow.lost_reason_competitor"),
        ):
            lead = Lead.create({"name": email, "email_from": email, "team_id": cls.team_europe.id})
            lead.action_set_lost(lost_reason_id=cls.env.ref(reason).id)
            cls.lost |= lead
        cls.env["mail.blacklist"]._add("blocked@example.com")
        cls.unanswered = Lead.create(
            {"name": "Waiting", "email_from": "waiting@example.com", "team_id": cls.team_europe.id}
        )
        cls.answered = Lead.create(
            {
                "name": "Answered",
                "email_from": "answered@example.com",
                "team_id": cls.team_europe.id,
            }
        )
        cls.answered.with_user(cls.user_salesman_own).message_post(
            body="Thanks, we call you tomorrow.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def audience(self, mailing_filter):
        """The addresses of this test's records the audience's domain finds."""
        domain = literal_eval(mailing_filter.mailing_domain)
        mine = (self.lost | self.unanswered | self.answered).mapped("email_normalized")
        return set(
            self.env["crm.lead"]
            .search([*domain, ("email_normalized", "in", mine)])
            .mapped("email_normalized")
        )

    def test_the_ready_audiences(self):
        self.assertEqual(self.lost_audience.mailing_model_name, "crm.lead")
        self.assertEqual(
            self.audience(self.lost_audience), {"later@example.com", "rival@example.com"}
        )
        self.assertIn("waiting@example.com", self.audience(self.unanswered_audience))
        self.assertNotIn("answered@example.com", self.audience(self.unanswered_audience))
        self.assertFalse(
            self.audience(self.unanswered_audience) & self.audience(self.lost_audience)
        )

    def test_a_reply_to_the_campaign_brings_the_record_back_with_it(self):
        campaign = self.env["utm.campaign"].create({"name": "Spring 2027 relaunch"})
        mailing = self.env["mailing.mailing"].create(
            {
                "subject": "Our new paints are here",
                "body_html": "<p>Hello, we have news for you.</p>",
                "mailing_model_id": self.env["ir.model"]._get_id("crm.lead"),
                "mailing_domain": self.lost_audience.mailing_domain,
                "campaign_id": campaign.id,
                "reply_to_mode": "update",
            }
        )
        mailing.action_send_mail()
        lead = self.lost.filtered(lambda lead: lead.email_normalized == "later@example.com")
        trace = mailing.mailing_trace_ids.filtered(lambda trace: trace.res_id == lead.id)
        self.assertTrue(trace.message_id, "the mailing reached the lost contact")
        sent = mailing.mailing_trace_ids.filtered(lambda trace: trace.trace_status != "cancel")
        self.assertFalse({"silence@example.com", "blocked@example.com"} & set(sent.mapped("email")))

        reply = build_email(
            self.catchall_address(),
            sender="later@example.com",
            subject="Re: Our new paints are here",
            body="Now we have a budget: call me.",
            headers={"In-Reply-To": trace.message_id, "References": trace.message_id},
        )
        self.assertEqual(self.process(reply), lead.id)
        self.assertTrue(lead.active)
        self.assertEqual(lead.came_back_trigger, "reply")
        self.assertEqual(lead.campaign_id, campaign)
        self.assertEqual(lead.source_id, mailing.source_id)
        self.assertEqual(lead.medium_id, mailing.medium_id)
        self.assertIn("call me", str(lead.message_ids.mapped("body")))
        self.env.flush_all()
        brought_back = self.env["kanak.crm.flow.report"]._read_group(
            [("came_back_count", "=", 1)], ["campaign_id"], ["came_back_count:sum"]
        )
        self.assertEqual(brought_back, [(campaign, 1)])

    def catchall_address(self):
        return self.company_main.alias_domain_id.catchall_email
