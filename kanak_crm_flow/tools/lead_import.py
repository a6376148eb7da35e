# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The screening of crm.lead's import (crm.lead.load): rows checked, deduplicated
and completed by chunk, before stock creates them."""

from collections import defaultdict

from odoo.fields import Command

from odoo.addons.crm.models.crm_lead import PARTNER_ADDRESS_FIELDS_TO_SYNC

# Rows screened together: one lookup per chunk for external ids, duplicates and
# contacts, whatever the size of the file.
IMPORT_CHUNK_SIZE = 1000
LEAD_FIELDS_FOR_DUPLICATES = [
    "name",
    "type",
    "user_id",
    "email_normalized",
    "phone_sanitized",
    "active",
    "won_status",
    "lost_reason_id",
]


# What other CRMs write in their Lead Source column, by the seeded tag it means.
LEAD_SOURCE_TAGS = {
    "kanak_crm_flow.tag_source_trade_fair": (
        "trade show",
        "tradeshow",
        "trade fair",
        "fair",
        "event",
        "events",
        "exhibition",
        "feria",
        "feria comercial",
        "evento",
    ),
    "kanak_crm_flow.tag_source_business_card": ("business card", "tarjeta de visita"),
    "kanak_crm_flow.tag_source_website_form": (
        "web",
        "website",
        "web form",
        "web forms",
        "webform",
        "web site",
        "formulario web",
        "sitio web",
    ),
    "kanak_crm_flow.tag_source_email": ("email", "e-mail", "inbound email", "correo"),
    "kanak_crm_flow.tag_source_referral": (
        "referral",
        "referrals",
        "partner referral",
        "employee referral",
        "word of mouth",
        "recomendación",
        "referido",
    ),
    "kanak_crm_flow.tag_source_purchased_list": ("purchased list", "list", "lista comprada"),
}


class LeadImportScreening:
    """What an import of initiatives adds to stock's: new rows are initiatives
    tagged as a purchased list unless they say otherwise, known contacts are linked,
    rows that repeat an open record or an earlier row are not created again (a
    warning names what they repeat), and malformed emails or rows assigned to a
    colleague one may not assign to stop the import with a row-level error."""

    def __init__(self, leads, log):
        self.leads = leads
        self.env = leads.env
        self.log = log
        # Keys of the rows of this file already accepted: a later row repeating one
        # is a duplicate too.
        self.seen = {}
        self.default_tag = self.env.ref(
            "kanak_crm_flow.tag_source_purchased_list", raise_if_not_found=False
        )
        self.readable = set()
        # The file's channel: its name is the source of rows that name none.
        self.file_name = self.env.context.get("kanak_import_file_name") or ""
        self.medium = self.env.ref("kanak_crm_flow.utm_medium_import", raise_if_not_found=False)
        self.sources = {}
        self.source_tags = None
        self.may_assign_anyone = self.env.su or self.env.user.has_group(
            "sales_team.group_sale_salesman_all_leads"
        )

    def screen(self, rows):
        new_rows = self._new_rows(rows)
        for row in rows:
            self._read_other_crm_columns(row[2], id(row) in new_rows)
        keys = {}
        # A row refused here has its error logged, which fails the whole import:
        # it is not handed on, where it would only add stock's vaguer error.
        rows = [row for row in rows if self._check_row(row[2], row[3])]
        for row in rows:
            if id(row) in new_rows:
                keys[id(row)] = self._duplicate_key(row[2])
        open_matches, lost_matches = self._existing_records([key for key in keys.values() if key])
        kept = []
        for row in rows:
            _dbid, _xid, vals, info = row
            key = keys.get(id(row))
            if key and self._skip_duplicate(vals, info, key, open_matches):
                continue
            if key:
                self.seen[key] = vals
                self._warn_lost(vals, info, key, lost_matches.get(key, ()))
            kept.append(row)
        contacts = self._contacts_by_email(
            [
                keys[id(row)][1]
                for row in kept
                if keys.get(id(row))
                and keys[id(row)][0] == "email"
                and not row[2].get("partner_id")
            ]
        )
        for row in kept:
            if id(row) in new_rows:
                self._complete_new_row(row[2], row[3], keys.get(id(row)), contacts)
        return kept

    # -- which rows create records --------------------------------

    def _new_rows(self, rows):
        """Rows that create a record: no database id and no external id already
        known (those update, as stock does)."""
        module = self.env.context.get("_import_current_module") or "__import__"
        xids = {}
        for row in rows:
            dbid, xid, _vals, _info = row
            if not dbid and xid:
                xids[id(row)] = xid if "." in xid else f"{module}.{xid}"
        known = set()
        if xids:
            names = {xid.split(".", 1)[1] for xid in xids.values()}
            data = (
                self.env["ir.model.data"]
                .sudo()
                .search_fetch(
                    [("model", "=", "crm.lead"), ("name", "in", list(names))],
                    ["module", "name"],
                )
            )
            known = {f"{record.module}.{record.name}" for record in data}
        return {
            id(row): row
            for row in rows
            if not row[0] and (id(row) not in xids or xids[id(row)] not in known)
        }

    # -- another CRM's export -----------------------------------------

    def _read_other_crm_columns(self, vals, new):
        """An export of another CRM as it comes: First and Last Name make the contact,
        its Lead Source the channel (the seeded tag it means, and a source the funnel
        counts), and a row without a title is named after who it is and the channel."""
        first = (vals.pop("import_first_name", None) or "").strip()
        last = (vals.pop("import_last_name", None) or "").strip()
        lead_source = (vals.pop("import_lead_source", None) or "").strip()
        if (first or last) and not vals.get("contact_name"):
            vals["contact_name"] = " ".join(part for part in (first, last) if part)
        if not new:
            return
        channel = lead_source or self.file_name
        if channel and not vals.get("source_id"):
            vals["source_id"] = self._source_id(channel)
        if not vals.get("medium_id") and self.medium:
            vals["medium_id"] = self.medium.id
        tag = self._tag_for_lead_source(lead_source)
        if tag and not vals.get("tag_ids"):
            vals["tag_ids"] = [Command.set(tag.ids)]
        if not vals.get("name"):
            who = (
                vals.get("partner_name")
                or vals.get("contact_name")
                or vals.get("email_from")
                or vals.get("phone")
            )
            if who and channel:
                vals["name"] = self.env._("%(who)s (%(channel)s)", who=who, channel=channel)
            else:
                vals["name"] = who or channel or self.env._("Imported initiative")

    def _source_id(self, name):
        if name not in self.sources:
            source = self.env["utm.mixin"]._find_or_create_record("utm.source", name)
            self.sources[name] = source.id
        return self.sources[name]

    def _tag_for_lead_source(self, lead_source):
        """The seeded source tag a lead source names, in any language or CRM's words."""
        if not lead_source:
            return self.env["crm.tag"]
        if self.source_tags is None:
            self.source_tags = {}
            for xmlid, words in LEAD_SOURCE_TAGS.items():
                tag = self.env.ref(xmlid, raise_if_not_found=False)
                if not tag:
                    continue
                for word in (*words, *tag.with_context(lang="en_US").mapped("name"), tag.name):
                    self.source_tags.setdefault(word.strip().lower(), tag)
        return self.source_tags.get(lead_source.lower(), self.env["crm.tag"])

    # -- row checks -------------------------------------------------

    def _check_row(self, vals, info):
        email_error = self.leads._get_email_address_error(vals.get("email_from"))
        if email_error:
            self._report(info, "error", "email_from", email_error)
            return False
        user_id = vals.get("user_id")
        if user_id and user_id != self.env.uid and not self.may_assign_anyone:
            self._report(
                info,
                "error",
                "user_id",
                self.env._(
                    "You may import initiatives for yourself or unassigned, not for "
                    "%(salesperson)s: leave the Salesperson cell empty or ask a sales "
                    "manager to import this row.",
                    salesperson=self.env["res.users"].sudo().browse(user_id).name,
                ),
            )
            return False
        return True

    # -- duplicates -------------------------------------------------

    def _duplicate_key(self, vals):
        country = self.env["res.country"].browse(vals.get("country_id"))
        return self.leads._get_contact_key(vals.get("email_from"), vals.get("phone"), country)

    def _existing_records(self, keys):
        """Open and lost initiatives and opportunities of the user's companies with
        these emails or phones (crm.lead's one lookup of a contact's records, as the
        system: a colleague's record is a duplicate too, even one the importing
        salesperson may not read)."""
        open_matches, lost_matches = {}, defaultdict(list)
        if not keys:
            return open_matches, lost_matches
        by_key = self.leads._search_contact_records(
            keys, self.env.companies.ids, fields_to_fetch=LEAD_FIELDS_FOR_DUPLICATES
        )
        existing = self.env["crm.lead"].sudo().union(*by_key.values())
        # What the warnings may say of each: only records the importing user may read
        # are named, with their salesperson (else the file is an oracle of who handles
        # whom).
        self.readable = set(existing.with_env(self.env)._filtered_access("read").ids)
        for key, records in by_key.items():
            for record in records:
                if record.won_status == "lost":
                    lost_matches[key].append(record)
                elif record.won_status == "pending" and record.active:
                    open_matches.setdefault(key, record)
        return open_matches, lost_matches

    def _skip_duplicate(self, vals, info, key, open_matches):
        existing = open_matches.get(key)
        if existing and existing.id not in self.readable:
            message = self.env._(
                "“%(row)s” not imported: its %(what)s %(value)s is already on an open "
                "initiative or opportunity, handled by the sales team.",
                row=vals.get("name") or key[1],
                what=self._what(key),
                value=key[1],
            )
        elif existing:
            message = self.env._(
                "“%(row)s” not imported: its %(what)s %(value)s is already on %(kind)s "
                "“%(existing)s” (%(salesperson)s).",
                row=vals.get("name") or key[1],
                what=self._what(key),
                value=key[1],
                kind=self._kind(existing),
                existing=existing.name,
                salesperson=existing.user_id.name or self.env._("unassigned"),
            )
        elif key in self.seen:
            message = self.env._(
                "“%(row)s” not imported: its %(what)s %(value)s is already on an earlier "
                "row of this file (“%(earlier)s”).",
                row=vals.get("name") or key[1],
                what=self._what(key),
                value=key[1],
                earlier=self.seen[key].get("name") or key[1],
            )
        else:
            return False
        # Marked as skipped: load() reads the skipped rows from its messages.
        self._warn(info, key, message, skipped=True)
        return True

    def _warn(self, info, key, message, skipped=False):
        field = "email_from" if key[0] == "email" else "phone"
        self._report(info, "warning", field, message, skipped=skipped)

    def _report(self, info, level, field, message, skipped=False):
        """A message of the import dialog about the row of info, in the column of field."""
        self.log(dict(info, type=level, field=field, message=message, skipped=skipped))

    def _warn_lost(self, vals, info, key, lost_records):
        for lost in lost_records:
            if lost.id not in self.readable:
                continue
            self._warn(
                info,
                key,
                self.env._(
                    "“%(row)s” imported; %(kind)s “%(existing)s” with the same %(what)s was "
                    "lost (%(reason)s): the contact came back.",
                    row=vals.get("name") or key[1],
                    kind=self._kind(lost),
                    existing=lost.name,
                    what=self._what(key),
                    reason=lost.lost_reason_id.name or self.env._("no reason"),
                ),
            )

    def _kind(self, lead):
        return (
            self.env._("the initiative") if lead.type == "lead" else self.env._("the opportunity")
        )

    def _what(self, key):
        return self.env._("email") if key[0] == "email" else self.env._("phone")

    # -- new rows ---------------------------------------------------

    def _contacts_by_email(self, emails):
        """Contacts the user may read, by normalized email."""
        if not emails:
            return {}
        partners = self.env["res.partner"].search_fetch(
            [("email_normalized", "in", list(set(emails)))], ["email_normalized"]
        )
        return partners.grouped("email_normalized")

    def _complete_new_row(self, vals, info, key, contacts):
        vals.setdefault("type", "lead")
        if not vals.get("tag_ids") and self.default_tag:
            vals["tag_ids"] = [Command.set(self.default_tag.ids)]
        if vals.get("partner_id") or not key or key[0] != "email":
            return
        partners = contacts.get(key[1])
        if partners and len(partners) == 1:
            vals["partner_id"] = partners.id
            # The contact's address, all of it as CRM syncs it, wins over the row's:
            # a row giving only a country would otherwise keep CRM from taking it.
            # (Without an address on the contact, CRM keeps the record's: the row's.)
            if any(partners[fname] for fname in PARTNER_ADDRESS_FIELDS_TO_SYNC):
                address = self.leads._prepare_address_values_from_partner(partners)
                vals.update(self.leads._convert_to_write(address))
        elif partners:
            self._report(
                info,
                "warning",
                "email_from",
                self.env._(
                    "“%(row)s” imported without a customer: %(count)s contacts have the "
                    "email %(email)s (%(names)s). Choose the right one on the initiative.",
                    row=vals.get("name") or key[1],
                    count=len(partners),
                    email=key[1],
                    names=", ".join(partners.mapped("display_name")),
                ),
            )
