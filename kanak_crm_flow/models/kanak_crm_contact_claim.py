# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api
from odoo import fields
from odoo import models
from odoo.tools import SQL
from odoo.tools.misc import hmac


class KanakCrmContactClaim(models.Model):
    """One row per contact of a company that came in by email or website form: the
    row each such way in writes before it looks for the contact's open record, so
    that two at once are serialized by PostgreSQL (the second one's write waits for
    the first and then fails as a serialization error, which Odoo retries with a
    snapshot that sees the first one's record). Keys are keyed hashes: no address is
    stored here, and the table goes with the module."""

    _name = "kanak.crm.contact.claim"
    _description = "Contact Being Recorded"
    _log_access = False

    key = fields.Char(required=True, readonly=True)

    _key_unique = models.Constraint("UNIQUE(key)", "One row per contact.")

    @api.model
    def _claim(self, company, contact_key, query):
        """Write this contact's row, in this transaction, or wait for the one that
        is writing it; return the rows of query (an SQL SELECT), run in the same
        statement. One round trip: in Odoo's repeatable-read transactions both parts
        read the same snapshot, and a claim that meets a row written concurrently
        fails the whole statement, which Odoo retries."""
        key = hmac(self.env(su=True), "kanak_crm_flow.contact", (company.id, *contact_key))
        return self.env.execute_query(
            SQL(
                """WITH claim AS (
                       INSERT INTO kanak_crm_contact_claim (key) VALUES (%s)
                       ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key
                   )
                   %s""",
                key,
                query,
            )
        )
