# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import threading
import uuid
from datetime import timedelta

import psycopg2.errors

from odoo import SUPERUSER_ID
from odoo import api
from odoo import sql_db
from odoo.modules.registry import Registry
from odoo.orm.environments import Transaction
from odoo.tests import BaseCase
from odoo.tests import Form
from odoo.tests import tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

from .test_mail_gateway import MailGatewayCommon
from .test_mail_gateway import build_email

LUCIA = "lucia.fernandez@example.com"


@tagged("post_install", "-at_install", "mail_gateway")
class TestOneContactByEmail(MailGatewayCommon):
    """A contact who writes again, by real RFC 822 mail to a team's alias, while their
    initiative or opportunity is open."""

    def leads_of(self, email=LUCIA):
        return (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("email_normalized", "=", email)], order="id")
        )

    def first_initiative(self):
        return self.env["crm.lead"].browse(self.process(build_email(self.latam_address)))

    def test_second_email_lands_on_the_open_initiative(self):
        lead = self.first_initiative()
        second = build_email(
            self.latam_address,
            # Another display name, another case: the same address.
            sender='"Lucía F." <Lucia.Fernandez@EXAMPLE.com>',
            subject="Another project: a bridge",
            body="Also paint for a bridge in Córdoba.",
        )
        self.assertEqual(self.process(second), lead.id)
        self.assertEqual(self.leads_of(), lead, "no second record")
        message = lead.message_ids.filtered(lambda m: m.message_id == second["Message-ID"])
        self.assertEqual(message.message_type, "email")
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertIn("bridge in Córdoba", str(message.body))
        self.assertIn("The contact wrote again (email)", str(lead.message_ids.mapped("body")))
        self.assertEqual(lead.name, "Quotation for road marking paint", "the record is kept")

    def test_unassigned_the_team_leader_gets_an_activity(self):
        self.team_latam.user_id = self.user_sales_manager
        lead = self.first_initiative()
        self.process(build_email(self.latam_address, subject="Second request"))
        activity = lead.activity_ids
        self.assertEqual(activity.user_id, self.user_sales_manager)
        self.assertEqual(activity.summary, "The contact wrote again")

    def test_salesperson_who_follows_is_notified_by_the_message(self):
        lead = self.first_initiative()
        lead.user_id = self.user_salesman_all
        self.assertIn(self.user_salesman_all.partner_id, lead.message_partner_ids)
        second = build_email(self.latam_address, subject="Second request")
        self.process(second)
        message = lead.message_ids.filtered(lambda m: m.message_id == second["Message-ID"])
        self.assertIn(self.user_salesman_all.partner_id, message.notified_partner_ids)
        self.assertFalse(lead.activity_ids, "a follower is told by the message itself")

    def test_an_opportunity_takes_the_mail_too(self):
        lead = self.first_initiative()
        lead.write({"type": "opportunity", "user_id": self.user_salesman_all.id})
        self.assertEqual(self.process(build_email(self.latam_address, subject="News")), lead.id)

    def test_team_that_wants_one_record_per_request(self):
        self.team_latam.one_record_per_contact = False
        lead = self.first_initiative()
        other = self.process(build_email(self.latam_address, subject="Second request"))
        self.assertNotEqual(other, lead.id)
        self.assertEqual(len(self.leads_of()), 2)

    def test_another_companys_record_is_another_contact(self):
        self.env["crm.lead"].create(
            {
                "name": "Second company's initiative",
                "type": "lead",
                "team_id": self.team_company_2.id,
                "email_from": LUCIA,
            }
        )
        lead = self.first_initiative()
        self.assertEqual(lead.company_id, self.company_main)
        self.assertEqual(len(self.leads_of()), 2)

    def test_after_lost_and_won_a_new_initiative_names_them(self):
        lost_reason = self.env["crm.lost.reason"].create({"name": "Bought elsewhere"})
        lost = self.first_initiative()
        lost.action_set_lost(lost_reason_id=lost_reason.id)
        won = self.env["crm.lead"].create(
            {
                "name": "Paint order 2025",
                "type": "opportunity",
                "team_id": self.team_latam.id,
                "user_id": self.user_salesman_all.id,
                "email_from": LUCIA,
            }
        )
        won.action_set_won()
        new = self.env["crm.lead"].browse(
            self.process(build_email(self.latam_address, subject="Back again"))
        )
        self.assertNotIn(new, lost | won)
        self.assertEqual((new.type, new.active), ("lead", True))
        note = new.message_ids.filtered(lambda m: "This contact came back" in str(m.body))
        self.assertIn("Bought elsewhere", str(note.body))
        self.assertIn("Paint order 2025", str(note.body))
        self.assertIn(f'data-oe-id="{lost.id}"', str(note.body))

    def test_a_new_contact_has_no_history_note(self):
        lead = self.first_initiative()
        self.assertNotIn("This contact came back", str(lead.message_ids.mapped("body")))

    def test_returning_contact_is_acknowledged_as_a_new_one(self):
        self.team_latam.acknowledge_new_initiatives = True
        lead = self.first_initiative()
        self.assertEqual(len(self.mails_to(LUCIA)), 1)
        # The same day: one automatic answer per address a day, as for anyone.
        self.process(build_email(self.latam_address, subject="Second request"))
        self.assertEqual(len(self.mails_to(LUCIA)), 1)
        # Days later, also once it became an opportunity: answered as a new contact.
        lead.sudo().acknowledgement_date -= timedelta(days=2)
        lead.write({"type": "opportunity", "user_id": self.user_salesman_all.id})
        self.process(build_email(self.latam_address, subject="Third request"))
        self.assertEqual(len(self.mails_to(LUCIA)), 2)

    def test_blacklisted_contact_writing_again_gets_no_acknowledgement(self):
        self.team_latam.acknowledge_new_initiatives = True
        self.env["mail.blacklist"].sudo()._add(LUCIA)
        lead = self.first_initiative()
        self.assertEqual(self.process(build_email(self.latam_address, subject="Again")), lead.id)
        self.assertFalse(self.mails_to(LUCIA))

    def test_import_still_refuses_the_repeated_contact(self):
        lead = self.first_initiative()
        result = self.env["crm.lead"].load(
            ["name", "email_from"], [["Fair card", "Lucia.Fernandez@example.com"]]
        )
        self.assertEqual(result["ids"], [])
        self.assertIn(lead.name, result["messages"][0]["message"])
        self.assertEqual(self.leads_of(), lead)


@tagged("post_install", "-at_install", "lead_internals")
class TestOneContactTypedByHand(MailGatewayCommon):
    """A record typed by hand is allowed (a person decided); the form says where the
    contact is already followed."""

    def test_form_shows_the_open_record_before_and_after_saving(self):
        existing = self._create_initiative(
            name="Fair card Lucía", email_from=LUCIA, user_id=self.user_sales_manager.id
        )
        form = Form(self.env["crm.lead"].with_user(self.user_sales_manager))
        form.name = "Typed again"
        self.assertFalse(form.contact_open_record_warning)
        form.email_from = "LUCIA.fernandez@example.com"
        self.assertIn("Fair card Lucía", form.contact_open_record_warning)
        self.assertIn(self.user_sales_manager.name, form.contact_open_record_warning)
        typed = form.save()
        self.assertNotEqual(typed, existing, "allowed: a person decided")
        self.assertIn("Fair card Lucía", typed.contact_open_record_warning)
        self.assertIn("Typed again", existing.contact_open_record_warning)

    def test_own_documents_salesperson_learns_nothing_of_a_colleagues_record(self):
        self._create_initiative(
            name="Secret project of Marta", email_from=LUCIA, user_id=self.user_sales_manager.id
        )
        form = Form(self.env["crm.lead"].with_user(self.user_salesman_own))
        form.name = "Card"
        form.email_from = LUCIA
        warning = form.contact_open_record_warning
        self.assertIn("already has an open initiative or opportunity", warning)
        self.assertNotIn("Secret", warning)
        self.assertNotIn(self.user_sales_manager.name, warning)

    def test_lost_records_are_no_warning(self):
        lead = self._create_initiative(name="Lost card", email_from=LUCIA)
        lead.action_set_lost()
        form = Form(self.env["crm.lead"])
        form.name = "Card"
        form.email_from = LUCIA
        self.assertFalse(form.contact_open_record_warning)

    def test_phone_is_the_key_without_email(self):
        self._create_initiative(name="Phone card", phone="+34 612 345 678")
        form = Form(self.env["crm.lead"])
        form.name = "Card"
        form.phone = "+34612345678"
        self.assertIn("Phone card", form.contact_open_record_warning)


@tagged("post_install", "-at_install", "lead_internals")
class TestOneContactConcurrency(BaseCase):
    """Ten emails from one new address at the same moment, each in its own real
    transaction on its own connection (no test cursor): one initiative, every text."""

    SENDERS = 10

    def setUp(self):
        super().setUp()
        self.db = sql_db.db_connect(get_db_name())
        self.registry = Registry(get_db_name())
        self.email = f"rush.{uuid.uuid4().hex[:8]}@example.com"
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["crm.lead"].with_context(active_test=False).search(
                [("email_normalized", "=", self.email)]
            ).unlink()

    def send(self, number, barrier, outcome):
        message = build_email(
            "sales@example.com",
            sender=f"Rush <{self.email}>",
            subject=f"Request {number}",
            body=f"Text number {number}.",
        )
        with self.db.cursor() as cr:
            # As Odoo's RPC layer around message_process (odoo.service.model.retrying,
            # which a thread cannot use while the test server holds the registry lock):
            # on a serialization failure, roll back and process the mail again.
            barrier.wait(timeout=30)
            for _attempt in range(self.SENDERS + 1):
                cr.transaction = Transaction(self.registry)
                env = api.Environment(cr, SUPERUSER_ID, {})
                try:
                    env["mail.thread"].message_process("crm.lead", message.as_bytes())
                    # A real transaction of its own, as a worker's: it must commit.
                    cr.commit()  # pylint: disable=invalid-commit
                    outcome[number] = "done"
                    return
                except psycopg2.errors.SerializationFailure:
                    cr.rollback()
                    outcome.setdefault(f"retried {number}", 0)
                    outcome[f"retried {number}"] += 1

    def test_ten_emails_at_once_make_one_initiative(self):
        barrier = threading.Barrier(self.SENDERS)
        outcome = {}
        threads = [
            threading.Thread(target=self.send, args=(number, barrier, outcome))
            for number in range(self.SENDERS)
        ]
        with mute_logger("odoo.addons.mail.models.mail_thread", "odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        self.assertEqual(
            [outcome.get(number) for number in range(self.SENDERS)], ["done"] * self.SENDERS
        )
        self.assertTrue(
            any(isinstance(key, str) and key.startswith("retried") for key in outcome),
            "they met: at least one started over",
        )
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            leads = env["crm.lead"].search([("email_normalized", "=", self.email)])
            self.assertEqual(len(leads), 1)
            bodies = " ".join(str(body) for body in leads.message_ids.mapped("body"))
            bodies += str(leads.description)
            for number in range(self.SENDERS):
                self.assertIn(f"Text number {number}.", bodies)
