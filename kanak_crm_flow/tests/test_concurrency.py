# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import threading
import time
import uuid

import psycopg2.errors

from odoo import SUPERUSER_ID
from odoo import api
from odoo import sql_db
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.orm.environments import Transaction
from odoo.tests import BaseCase
from odoo.tests import tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger


@tagged("post_install", "-at_install", "lead_internals")
class TestConcurrentQualification(BaseCase):
    """Two salespeople qualify the same initiative at the same moment, in two real
    transactions on two connections (no test cursor): one opportunity results."""

    def setUp(self):
        super().setUp()
        self.db = sql_db.db_connect(get_db_name())
        self.registry = Registry(get_db_name())
        self.tag = uuid.uuid4().hex[:8]
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            group = env.ref("sales_team.group_sale_salesman_all_leads")
            users = (
                env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    [
                        {
                            "name": f"Racer {name} {self.tag}",
                            "login": f"kanak_racer_{name}_{self.tag}",
                            "group_ids": [(6, 0, group.ids)],
                        }
                        for name in ("a", "b")
                    ]
                )
            )
            team = env["crm.team"].create(
                {"name": f"Race {self.tag}", "use_leads": True, "member_ids": [(6, 0, users.ids)]}
            )
            lead = env["crm.lead"].create(
                {
                    "name": f"Race initiative {self.tag}",
                    "type": "lead",
                    "team_id": team.id,
                    "partner_name": f"Race Customer {self.tag}",
                    "contact_name": "Rita Race",
                    "email_from": f"rita.{self.tag}@example.com",
                }
            )
            self.user_a, self.user_b, self.lead_id = users[0].id, users[1].id, lead.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["crm.lead"].with_context(active_test=False).browse(self.lead_id).unlink()
            env["res.partner"].search([("email", "=", f"rita.{self.tag}@example.com")]).unlink()
            env["res.users"].browse([self.user_a, self.user_b]).action_archive()

    def environment(self, cr, uid):
        # Bound to the loaded registry: while tests run, the server holds the registry
        # lock, and a thread asking for the registry by name would wait forever.
        cr.transaction = Transaction(self.registry)
        return api.Environment(cr, uid, {})

    def qualify(self, cr, uid):
        env = api.Environment(cr, uid, {})
        # The initiative has no salesperson yet: each takes it through the dialog.
        wizard = env["kanak.crm.lead.qualify"].create({"lead_id": self.lead_id, "user_id": uid})
        return wizard.action_qualify()

    def wait_until_blocked(self, pid, timeout=30):
        """True once PostgreSQL reports the backend waiting on a lock; polled, since
        a lock wait has no event to subscribe to."""
        deadline = time.monotonic() + timeout
        with self.db.cursor() as cr:
            while time.monotonic() < deadline:
                cr.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
                row = cr.fetchone()
                if row and row[0] == "Lock":
                    return True
                cr.rollback()  # a fresh snapshot of pg_stat_activity
        return False

    def test_second_qualifier_gets_a_clear_message(self):
        outcome = {}

        def second_salesperson():
            # What Odoo's RPC layer does around every call (odoo.service.model.retrying,
            # which cannot be used from a thread while the test server holds the
            # registry lock): on a serialization failure, roll back and call again.
            outcome["conflicts"] = 0
            with self.db.cursor() as cr:
                cr.execute("SELECT pg_backend_pid()")
                outcome["pid"] = cr.fetchone()[0]
                started.set()
                for _attempt in range(5):
                    self.environment(cr, self.user_b)
                    try:
                        self.qualify(cr, self.user_b)
                        cr.flush()
                        break
                    except psycopg2.errors.SerializationFailure:
                        outcome["conflicts"] += 1
                        cr.rollback()
                    except UserError as error:
                        outcome["error"] = str(error)
                        cr.rollback()
                        break

        started = threading.Event()
        with self.db.cursor() as cr_a:
            self.qualify(cr_a, self.user_a)
            cr_a.flush()
            racer = threading.Thread(target=second_salesperson)
            with mute_logger("odoo.service.model", "odoo.sql_db"):
                racer.start()
                self.assertTrue(started.wait(timeout=30), "the second qualifier started")
                self.assertTrue(
                    self.wait_until_blocked(outcome["pid"]),
                    "the second qualifier waits on the first one's lock",
                )
                cr_a.commit()
                racer.join(timeout=60)
        self.assertFalse(racer.is_alive())

        self.assertEqual(outcome["conflicts"], 1, "the second one met the first one's update")
        self.assertIn("already an opportunity", outcome.get("error", ""))
        self.assertIn(f"Racer a {self.tag}", outcome["error"], "says who has it")
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            lead = env["crm.lead"].browse(self.lead_id)
            self.assertEqual(lead.type, "opportunity")
            self.assertEqual(lead.user_id.id, self.user_a)
            partners = env["res.partner"].search([("email", "=", f"rita.{self.tag}@example.com")])
            # One conversion makes a company and its contact person (stock): one of each.
            self.assertEqual(
                sorted(partners.mapped("is_company")), [False, True], "not one per qualifier"
            )
            notes = lead.message_ids.filtered(lambda m: "Qualified as opportunity" in str(m.body))
            self.assertEqual(len(notes), 1)
