# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import datetime
from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .test_mail_gateway import MailGatewayCommon
from .test_mail_gateway import build_email

LOST_ON = datetime(2026, 3, 2, 10, 0)  # a Monday
LUCIA = "lucia.fernandez@example.com"


@tagged("post_install", "-at_install", "contact_again")
class TestContactAgain(MailGatewayCommon):
    """Lost records come back as initiatives: once their reason's delay has passed
    (the daily scheduled action), or at once when the contact replies on their thread."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason_not_now = cls.env.ref("kanak_crm_flow.lost_reason_not_now")
        cls.reason_competitor = cls.env.ref("kanak_crm_flow.lost_reason_competitor")
        cls.activity_type = cls.env.ref("kanak_crm_flow.mail_activity_type_contact_again")

    def lose_opportunity(self, reason=None, email=LUCIA, when=LOST_ON, **values):
        with self.mock_datetime_and_now(when):
            lead = self.env["crm.lead"].create(
                {
                    "name": f"Paint for {email}",
                    "type": "opportunity",
                    "team_id": self.team_europe.id,
                    "user_id": self.user_salesman_own.id,
                    "stage_id": self.stage_proposition.id,
                    "email_from": email,
                    **values,
                }
            )
            lead.action_set_lost(lost_reason_id=(reason or self.reason_not_now).id)
            self.env.flush_all()  # computed at the flush: at the frozen moment
        return lead

    def run_cron(self, when):
        with self.mock_datetime_and_now(when):
            self.env["crm.lead"]._cron_contact_lost_again()
            self.env.flush_all()

    def activities(self, lead):
        return self.env["mail.activity"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)]
        )

    def bodies(self, lead):
        return " ".join(str(body) for body in lead.message_ids.mapped("body"))

    # ---- the reasons ----

    def test_a_do_not_contact_reason_never_has_a_delay(self):
        reason = self.env.ref("kanak_crm_flow.lost_reason_do_not_contact")
        with self.assertRaisesRegex(ValidationError, "asked not to be contacted"):
            reason.contact_again_days = 30
        Reason = self.env["crm.lost.reason"]
        with self.assertRaisesRegex(ValidationError, r"0 \(never\) to 3650 days"):
            Reason.create({"name": "Yesterday", "contact_again_days": -1})
        with self.assertRaisesRegex(ValidationError, r"0 \(never\) to 3650 days"):
            Reason.create({"name": "In a billion days", "contact_again_days": 10**9})
        with self.assertRaisesRegex(ValidationError, "cannot bring them back"):
            Reason.create({"name": "Silence", "do_not_contact": True, "contact_again_days": 30})

    def test_the_date_is_fixed_at_the_loss(self):
        lead = self.lose_opportunity()
        self.assertEqual(lead.contact_again_date, LOST_ON + timedelta(days=90))
        # The closing date is the user's to edit; the loss is the system's moment.
        lead.with_user(self.user_salesman_own).date_closed = datetime(2019, 1, 1)
        self.assertEqual(lead.contact_again_date, LOST_ON + timedelta(days=90))
        # A delay changed later holds for records lost from then on.
        self.reason_not_now.contact_again_days = 10
        self.assertEqual(lead.contact_again_date, LOST_ON + timedelta(days=90))
        never = self.lose_opportunity(self.reason_competitor, email="other@example.com")
        self.assertFalse(never.contact_again_date)

    # ---- the scheduled action ----

    def test_before_the_delay_nothing_after_it_exactly_once(self):
        lead = self.lose_opportunity()
        self.run_cron(LOST_ON + timedelta(days=89, hours=23))
        self.assertFalse(lead.active)
        self.assertFalse(self.activities(lead))

        back_on = LOST_ON + timedelta(days=90, hours=1)
        self.run_cron(back_on)
        self.assertTrue(lead.active)
        self.assertEqual(lead.won_status, "pending")
        self.assertEqual(lead.type, "lead", "an opportunity comes back to be qualified again")
        self.assertEqual(lead.stage_id, self.stage_initiatives)
        self.assertFalse(lead.lost_reason_id)
        self.assertFalse(lead.contact_again_date)
        self.assertEqual(lead.came_back_date, back_on)
        self.assertEqual(lead.came_back_reason_id, self.reason_not_now)
        self.assertEqual(lead.came_back_trigger, "delay")
        self.assertEqual(lead.user_id, self.user_salesman_own, "still in the team: theirs")
        activity = self.activities(lead)
        self.assertEqual(activity.activity_type_id, self.activity_type)
        self.assertEqual(activity.user_id, self.user_salesman_own)
        self.assertEqual(activity.date_deadline, back_on.date())
        self.assertIn("Lost on 03/02/2026 with reason “Not now / bad timing”", self.bodies(lead))
        self.assertIn("contact again after 90 days", self.bodies(lead))

        self.run_cron(back_on + timedelta(days=1))
        self.assertEqual(len(self.activities(lead)), 1, "the second run brings nothing back")

    def test_a_salesperson_who_left_the_team_hands_over_to_the_leader(self):
        lead = self.lose_opportunity()
        self.team_europe.member_ids = self.user_sales_manager
        self.run_cron(LOST_ON + timedelta(days=91))
        self.assertTrue(lead.active)
        self.assertFalse(lead.user_id)
        self.assertEqual(self.activities(lead).user_id, self.user_sales_manager)
        self.assertIn("Contact Again: Marta Sales Manager", self.bodies(lead))

    def test_blacklisted_contacts_never_come_back(self):
        lead = self.lose_opportunity()
        self.env["mail.blacklist"]._add(LUCIA)
        self.run_cron(LOST_ON + timedelta(days=91))
        self.assertFalse(lead.active)
        self.assertFalse(self.activities(lead))
        self.assertFalse(lead.contact_again_date, "done with: the next run skips it")
        self.assertIn("asked not to be contacted: it stays lost", self.bodies(lead))

    def test_a_reason_flagged_do_not_contact_since_holds(self):
        reason = self.env["crm.lost.reason"].create(
            {"name": "Call me in a month", "contact_again_days": 30}
        )
        lead = self.lose_opportunity(reason)
        reason.write({"contact_again_days": 0, "do_not_contact": True})
        self.run_cron(LOST_ON + timedelta(days=31))
        self.assertFalse(lead.active)
        self.assertFalse(self.activities(lead))

    def test_a_contact_with_an_open_record_stays_lost(self):
        lead = self.lose_opportunity()
        current = self._create_initiative(name="Lucía again", email_from=LUCIA)
        self.run_cron(LOST_ON + timedelta(days=91))
        self.assertFalse(lead.active)
        self.assertFalse(lead.contact_again_date)
        self.assertIn(f'data-oe-id="{current.id}"', self.bodies(lead))
        self.assertIn("one contact, one open record", self.bodies(lead))

    def test_two_lost_records_of_one_contact_bring_back_the_newest(self):
        older = self.lose_opportunity()
        newer = self.lose_opportunity(when=LOST_ON + timedelta(days=1))
        self.run_cron(LOST_ON + timedelta(days=95))
        self.assertTrue(newer.active)
        self.assertFalse(older.active)

    def test_restored_or_lost_again_since(self):
        lead = self.lose_opportunity()
        with self.mock_datetime_and_now(LOST_ON + timedelta(days=10)):
            lead.action_restore()
            self.env.flush_all()
        self.assertFalse(lead.contact_again_date)
        # Lost again, with a reason that says never: it stays lost for good.
        with self.mock_datetime_and_now(LOST_ON + timedelta(days=20)):
            lead.action_set_lost(lost_reason_id=self.reason_competitor.id)
            self.env.flush_all()
        self.run_cron(LOST_ON + timedelta(days=200))
        self.assertFalse(lead.active)
        # Lost again with a delay: counted from the new loss.
        second_loss = LOST_ON + timedelta(days=30)
        with self.mock_datetime_and_now(second_loss):
            lead.action_restore()
            lead.action_set_lost(lost_reason_id=self.reason_not_now.id)
            self.env.flush_all()
        self.run_cron(second_loss + timedelta(days=89))
        self.assertFalse(lead.active)
        self.run_cron(second_loss + timedelta(days=90))
        self.assertTrue(lead.active)

    def test_batches_keep_their_queries_whatever_their_size(self):
        def queries_for(count, prefix):
            leads = self.env["crm.lead"]
            for index in range(count):
                leads |= self.lose_opportunity(email=f"{prefix}{index}@example.com")
            self.env.flush_all()
            self.env.invalidate_all()
            with self.mock_datetime_and_now(LOST_ON + timedelta(days=91)):
                before = self.env.cr.sql_log_count
                self.env["crm.lead"]._contact_lost_again(limit=100)
                self.env.flush_all()
                spent = self.env.cr.sql_log_count - before
            self.assertTrue(all(leads.mapped("active")))
            return spent

        queries_for(2, "warm")  # caches of the first run: the activity type, the model
        self.assertEqual(queries_for(5, "small"), queries_for(25, "large"))

    # ---- replies through the mail gateway ----

    def first_email(self):
        first = build_email(self.europe_address)
        lead = self.env["crm.lead"].browse(self.process(first))
        with self.mock_datetime_and_now(LOST_ON):
            lead.action_set_lost(lost_reason_id=self.reason_competitor.id)
            self.env.flush_all()
        return first, lead

    def reply_to(self, first, sender='"Lucía" <lucia.fernandez@example.com>', headers=None):
        return build_email(
            self.europe_address,
            sender=sender,
            subject="Re: Quotation for road marking paint",
            body="The competitor let us down: can you still deliver in May?",
            headers={"In-Reply-To": first["Message-ID"], **(headers or {})},
        )

    def test_a_reply_on_a_lost_thread_brings_it_back_at_once(self):
        first, lead = self.first_email()
        reply = self.reply_to(first)
        with self.mock_datetime_and_now(LOST_ON + timedelta(days=7)):
            self.assertEqual(self.process(reply), lead.id)
        self.assertTrue(lead.active)
        self.assertEqual(lead.type, "lead")
        self.assertEqual(lead.came_back_trigger, "reply")
        self.assertEqual(lead.came_back_reason_id, self.reason_competitor)
        message = lead.message_ids.filtered(lambda m: m.message_id == reply["Message-ID"])
        self.assertIn("deliver in May", str(message.body))
        self.assertIn("the contact wrote again: back as an initiative", self.bodies(lead))
        # No salesperson on the initiative: the team's leader is told.
        self.assertEqual(self.activities(lead).user_id, self.user_sales_manager)

    def test_an_auto_reply_or_our_own_mail_leaves_it_lost(self):
        first, lead = self.first_email()
        self.process(self.reply_to(first, headers={"Auto-Submitted": "auto-replied"}))
        self.assertFalse(lead.active)
        colleague = f'"{self.user_salesman_own.name}" <{self.user_salesman_own.email}>'
        self.process(self.reply_to(first, sender=colleague))
        self.assertFalse(lead.active)
        self.assertFalse(self.activities(lead))

    def test_a_reply_while_another_record_is_open_tells_its_holder(self):
        first, lead = self.first_email()
        current = self._create_initiative(
            name="Lucía's new request", email_from=LUCIA, user_id=self.user_salesman_own.id
        )
        self.process(self.reply_to(first))
        self.assertFalse(lead.active, "one contact, one open record")
        self.assertIn(f'data-oe-id="{lead.id}"', self.bodies(current))
        self.assertEqual(self.activities(current).user_id, self.user_salesman_own)

    def test_a_user_faking_a_reply_over_rpc_wakes_nothing(self):
        first, lead = self.first_email()
        faker = self.user_salesman_own
        marketing = self.env.ref("mass_mailing.group_mass_mailing_user", raise_if_not_found=False)
        if marketing:  # mass_mailing's trace lookup would refuse them before
            faker.group_ids |= marketing
        reply = self.reply_to(first)
        # message_process is public: the gateway's own path, not a user's.
        self.env["mail.thread"].with_user(faker).message_process("crm.lead", reply.as_bytes())
        self.assertIn(reply["Message-ID"], lead.message_ids.mapped("message_id"), "routed")
        self.assertFalse(lead.active)
        self.assertFalse(lead.came_back_date)

    def test_the_scheduled_job_is_not_a_salesperson_s(self):
        cron = self.env.ref("kanak_crm_flow.ir_cron_contact_lost_again")
        with self.assertRaisesRegex(AccessError, "Only the scheduled action"):
            cron.ir_actions_server_id.with_user(self.user_salesman_all).run()
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.user_salesman_own).with_context(
                default_came_back_date="2020-01-01 00:00:00", default_came_back_trigger="reply"
            ).create({"name": "Forged", "team_id": self.team_europe.id})

    # ---- access and reports ----

    def test_the_own_documents_salesperson_finds_what_came_back_to_them(self):
        lead = self.lose_opportunity()
        self.run_cron(LOST_ON + timedelta(days=91))
        as_own = self.env["crm.lead"].with_user(self.user_salesman_own)
        self.assertEqual(as_own.search([("came_back_date", "!=", False)]), lead)
        activity = (
            self.env["mail.activity"]
            .with_user(self.user_salesman_own)
            .search([("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)])
        )
        self.assertEqual(activity.activity_type_id, self.activity_type)
        # Recorded by the system: nobody brings a record back by writing the date.
        with self.assertRaises(AccessError):
            lead.with_user(self.user_salesman_own).write({"came_back_date": False})
        as_other_company = self.env["crm.lead"].with_user(self.user_company_2)
        self.assertFalse(as_other_company.search([("came_back_date", "!=", False)]))

    def test_reports_count_what_came_back_by_reason_and_source(self):
        source = self.env["utm.source"].create({"name": "Fair 2025"})
        self.lose_opportunity(source_id=source.id)
        self.lose_opportunity(self.reason_competitor, email="never@example.com")
        self.run_cron(LOST_ON + timedelta(days=91))
        self.env.flush_all()
        groups = (
            self.env["kanak.crm.flow.report"]
            .with_user(self.user_sales_manager)
            ._read_group(
                [("team_id", "=", self.team_europe.id)],
                ["came_back_reason_id", "source_id"],
                ["came_back_count:sum"],
            )
        )
        counts = {(reason.name, source.name): count for reason, source, count in groups}
        self.assertEqual(counts, {("Not now / bad timing", "Fair 2025"): 1, (False, False): 0})
