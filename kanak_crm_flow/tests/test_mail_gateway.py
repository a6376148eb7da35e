# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from email.message import EmailMessage
from email.utils import formataddr
from email.utils import make_msgid

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.crm.tests.common import INCOMING_EMAIL

from .common import KanakCrmCommon

ALIAS_DOMAIN = "kanak-test.example.com"


def build_email(
    to,
    sender='"Fernández, Lucía" <lucia.fernandez@example.com>',
    subject="Quotation for road marking paint",
    body="We need 2,000 litres before March.\nRegards, Lucía",
    headers=None,
    attachments=(),
    charset="utf-8",
):
    """A real RFC 822 message, as a mail server hands it to the gateway."""
    message = EmailMessage()
    if sender is not None:
        message["From"] = sender
    message["To"] = to
    if subject is not None:
        message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="example.com")
    message["Date"] = "Mon, 02 Nov 2026 10:00:00 +0100"
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body, charset=charset)
    for filename, content in attachments:
        message.add_attachment(
            content, maintype="application", subtype="octet-stream", filename=filename
        )
    return message


class MailGatewayCommon(KanakCrmCommon):
    """Two teams of the main company with aliases on a test alias domain."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        domain = cls.env["mail.alias.domain"].create({"name": ALIAS_DOMAIN})
        cls.company_main.alias_domain_id = domain
        cls.team_europe.write({"alias_name": "kanak-europe", "alias_domain_id": domain.id})
        cls.team_latam.write({"alias_name": "kanak-latam", "alias_domain_id": domain.id})
        cls.latam_address = f"kanak-latam@{ALIAS_DOMAIN}"
        cls.europe_address = f"kanak-europe@{ALIAS_DOMAIN}"

    def process(self, message, model="crm.lead"):
        raw = message if isinstance(message, (str, bytes)) else message.as_bytes()
        with mute_logger("odoo.addons.mail.models.mail_thread", "odoo.models.unlink"):
            return self.env["mail.thread"].message_process(model, raw)

    def setUp(self):
        super().setUp()
        # MailCase: every mail.mail the gateway creates is kept in self._new_mails.
        self.enterContext(self.mock_mail_gateway())

    def mails_to(self, email):
        return self._new_mails.filtered(lambda mail: email in (mail.email_to or ""))


@tagged("post_install", "-at_install", "mail_gateway")
class TestMailGateway(MailGatewayCommon):
    def test_seeded_teams_have_their_aliases(self):
        europe = self.env.ref("kanak_crm_flow.team_europe")
        latam = self.env.ref("kanak_crm_flow.team_latin_america")
        self.assertEqual((europe.alias_name, latam.alias_name), ("europe", "americalatina"))
        self.assertTrue(europe.use_leads and latam.use_leads)

    def test_email_to_a_team_alias_becomes_an_initiative(self):
        message = build_email(self.latam_address, attachments=[("specs.pdf", b"%PDF-1.4 test")])
        lead = self.env["crm.lead"].browse(self.process(message))
        self.assertEqual(lead.team_id, self.team_latam)
        self.assertEqual(lead.type, "lead")
        self.assertEqual(lead.stage_id, self.stage_initiatives)
        self.assertEqual(lead.name, "Quotation for road marking paint")
        self.assertIn("2,000 litres", lead.description)
        self.assertEqual(lead.contact_name, "Fernández, Lucía")
        self.assertEqual(lead.email_normalized, "lucia.fernandez@example.com")
        self.assertEqual(lead.medium_id, self.env.ref("utm.utm_medium_email"))
        self.assertEqual(lead.source_id.name, self.latam_address)
        self.assertFalse(lead.user_id)
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)]
        )
        self.assertEqual(attachments.mapped("name"), ["specs.pdf"])

    def test_source_follows_the_team_address(self):
        # The team keeps its address's source; a renamed alias gets the new one, and
        # a source someone deleted is found or made again by name.
        self.assertEqual(self.team_latam.alias_source_id.name, self.latam_address)
        self.team_latam.alias_name = "ventas-latam"
        new_address = self.team_latam.alias_email
        self.assertNotEqual(new_address, self.latam_address)
        self.assertEqual(self.team_latam.alias_source_id.name, new_address)
        self.team_latam.alias_source_id.unlink()
        self.assertFalse(self.team_latam.alias_source_id)
        lead = self.env["crm.lead"].browse(self.process(build_email(new_address)))
        self.assertEqual(lead.source_id.name, new_address)
        self.assertEqual(lead.team_id, self.team_latam)

    def test_stock_incoming_email_template(self):
        # crm's own test message, through MailCase's format_and_process.
        lead = self.format_and_process(
            INCOMING_EMAIL,
            # Not stock's own Amy Wong: TestCrmCommon gives her an open lead already.
            '"Amy Wong" <amy.wong.kanak@test.example.com>',
            self.europe_address,
            subject="Spacecraft request",
            target_model="crm.lead",
        )
        self.assertEqual((lead.type, lead.stage_id), ("lead", self.stage_initiatives))
        self.assertEqual(lead.team_id, self.team_europe)
        self.assertEqual(lead.contact_name, "Amy Wong")

    def test_known_sender_is_linked(self):
        partner = self.env["res.partner"].create(
            {"name": "Lucía Fernández", "email": "lucia.fernandez@example.com"}
        )
        lead = self.env["crm.lead"].browse(self.process(build_email(self.latam_address)))
        self.assertEqual(lead.partner_id, partner)

    def test_sender_never_becomes_the_salesperson(self):
        sender = formataddr((self.user_salesman_own.name, self.user_salesman_own.email))
        lead = self.env["crm.lead"].browse(self.process(build_email(self.europe_address, sender)))
        self.assertFalse(lead.user_id)
        # Unless the team says who takes its new initiatives.
        self.team_latam.alias_defaults = str(
            {"type": "lead", "team_id": self.team_latam.id, "user_id": self.user_salesman_all.id}
        )
        sender = formataddr((self.user_sales_manager.name, self.user_sales_manager.email))
        lead = self.env["crm.lead"].browse(self.process(build_email(self.latam_address, sender)))
        self.assertEqual(lead.user_id, self.user_salesman_all)

    def test_reply_stays_in_its_thread(self):
        first = build_email(self.latam_address)
        lead = self.env["crm.lead"].browse(self.process(first))
        reply = build_email(
            self.latam_address,
            subject="Re: Quotation for road marking paint",
            body="Also 500 litres of primer.",
            headers={"In-Reply-To": first["Message-ID"]},
        )
        self.assertEqual(self.process(reply), lead.id)
        self.assertIn(reply["Message-ID"], lead.message_ids.mapped("message_id"))
        self.assertEqual(
            self.env["crm.lead"].search_count(
                [("email_normalized", "=", "lucia.fernandez@example.com")]
            ),
            1,
        )

        # Not a reply, another subject: while the initiative is open, the same contact's
        # record (TestOneContactByEmail).
        other = self.process(build_email(self.latam_address, subject="Another project: a bridge"))
        self.assertEqual(other, lead.id)

    def test_acknowledgement_once_and_only_to_people(self):
        self.team_latam.acknowledge_new_initiatives = True
        first = build_email(self.latam_address)
        lead = self.env["crm.lead"].browse(self.process(first))
        lucia = '"Fernández, Lucía" <lucia.fernandez@example.com>'
        self.assertMailMailWEmails(
            [lucia],
            "outgoing",
            # Not the sender's own subject: the acknowledgement echoes nothing they wrote.
            fields_values={"subject": f"{self.company_main.name}: we received your request"},
        )
        sent = self._find_mail_mail_wemail(lucia, "outgoing")
        self.assertIn("auto-replied", sent.headers)
        self.assertTrue(
            lead.message_ids.filtered(lambda m: "Acknowledgement sent" in (m.body or ""))
        )

        reply = build_email(
            self.latam_address,
            subject="Re: quotation",
            headers={"In-Reply-To": first["Message-ID"]},
        )
        self.process(reply)
        self.assertEqual(len(self.mails_to("lucia.fernandez@example.com")), 1, "never twice")

    def test_acknowledgement_reaches_a_contact_without_partner(self):
        # Found by the lifecycle check: the template once named a field crm.lead lacks,
        # which only showed for initiatives without a contact record.
        lead = self.env["crm.lead"].create(
            {"name": "Card", "type": "lead", "email_from": "klaus.becker@example.com"}
        )
        self.assertFalse(lead.partner_id)
        template = self.env.ref("kanak_crm_flow.mail_template_initiative_acknowledgement")
        rendered = template._render_field("email_to", lead.ids)[lead.id]
        self.assertEqual(rendered, "klaus.becker@example.com")

    def test_no_acknowledgement_to_our_addresses_or_blacklist(self):
        self.team_latam.acknowledge_new_initiatives = True
        cases = {
            "our own alias": build_email(self.latam_address, sender=self.europe_address),
            "asks for no auto-response": build_email(
                self.latam_address,
                sender="Outlook <outlook.user@example.com>",
                headers={"X-Auto-Response-Suppress": "All"},
            ),
        }
        self.env["mail.blacklist"].sudo()._add("blocked@example.com")
        cases["blacklisted"] = build_email(
            self.latam_address, sender="Blocked <blocked@example.com>"
        )
        for case, message in cases.items():
            with self.subTest(case=case):
                lead = self.env["crm.lead"].browse(self.process(message))
                self.assertEqual(lead.type, "lead", "the initiative is still created")
                self.assertNoMail([], email_to=lead.email_normalized or "")

    def test_no_acknowledgement_when_the_team_option_is_off(self):
        lead = self.env["crm.lead"].browse(self.process(build_email(self.latam_address)))
        self.assertTrue(lead)
        self.assertFalse(self.mails_to("lucia.fernandez@example.com"))

    def test_headers_and_body_cannot_choose_routing(self):
        message = build_email(
            self.latam_address,
            body="team_id: 1\nuser_id: 2\npriority: 3\nstage: Won",
            headers={
                "X-Priority": "1 (Highest)",
                "Importance": "High",
                "X-Odoo-Objects": f"crm.team-{self.team_europe.id}",
            },
        )
        lead = self.env["crm.lead"].browse(self.process(message))
        self.assertEqual(lead.team_id, self.team_latam)
        self.assertEqual(lead.company_id, self.company_main)
        self.assertEqual(lead.stage_id, self.stage_initiatives)
        self.assertEqual(lead.priority, "0")
        self.assertFalse(lead.user_id)

    def test_alias_contact_policy_is_respected(self):
        self.team_latam.alias_contact = "partners"
        self.assertFalse(
            self.process(build_email(self.latam_address, sender="Who <who@example.com>"))
        )
        self.assertFalse(
            self.env["crm.lead"].search([("email_normalized", "=", "who@example.com")])
        )
        self.assertTrue(self.mails_to("who@example.com"), "the sender gets a bounce")

    def test_archived_team_bounces_clearly(self):
        self.team_latam.action_archive()
        self.assertFalse(self.process(build_email(self.latam_address)))
        self.assertFalse(
            self.env["crm.lead"].search([("email_normalized", "=", "lucia.fernandez@example.com")])
        )
        bounce = self.mails_to("lucia.fernandez@example.com")
        self.assertEqual(len(bounce), 1)
        self.assertIn("archived", bounce.body_html)

    def test_two_companies_keep_their_initiatives_apart(self):
        domain_2 = self.env["mail.alias.domain"].create({"name": "second.example.com"})
        self.company_2.alias_domain_id = domain_2
        self.team_company_2.write({"alias_name": "kanak-c2", "alias_domain_id": domain_2.id})
        lead_main = self.env["crm.lead"].browse(self.process(build_email(self.latam_address)))
        lead_2 = self.env["crm.lead"].browse(
            self.process(
                build_email("kanak-c2@second.example.com", subject="For the second company")
            )
        )
        self.assertEqual(lead_main.company_id, self.company_main)
        self.assertEqual(lead_2.company_id, self.company_2)
        self.assertEqual(lead_2.team_id, self.team_company_2)
        Lead = self.env["crm.lead"]
        self.assertEqual(
            Lead.with_user(self.user_company_2).search([("id", "in", (lead_main | lead_2).ids)]),
            lead_2,
        )
        self.assertEqual(
            Lead.with_user(self.user_salesman_all).search([("id", "in", (lead_main | lead_2).ids)]),
            lead_main,
        )


@tagged("post_install", "-at_install", "mail_gateway")
class TestMailGatewayBadInput(MailGatewayCommon):
    """Bad mail becomes a correct initiative or a logged bounce; never a crash or a
    half-written record."""

    def assertInitiative(self, lead_id):
        lead = self.env["crm.lead"].browse(lead_id)
        self.assertTrue(lead.exists())
        self.assertEqual(
            (lead.type, lead.stage_id, lead.team_id),
            ("lead", self.stage_initiatives, self.team_latam),
        )
        return lead

    def test_missing_subject_and_empty_body(self):
        lead = self.assertInitiative(
            self.process(build_email(self.latam_address, subject=None, body=""))
        )
        self.assertEqual(lead.name, "No Subject")
        self.assertFalse(lead.description)

    def test_huge_body(self):
        body = "Paint specification line.\n" * 40000  # about 1 MB
        lead = self.assertInitiative(self.process(build_email(self.latam_address, body=body)))
        self.assertGreater(len(lead.description), 500000)

    def test_latin1_and_windows1252(self):
        for charset, text in (
            ("latin-1", "Presupuesto para pintura: año, señal, café"),
            ("cp1252", "Quote “premium” paint – 25 € per litre"),  # noqa: RUF001 cp1252 on purpose
        ):
            with self.subTest(charset=charset):
                # One sender each: a second mail of one contact lands on their first.
                message = build_email(
                    self.latam_address,
                    sender=f"Sender <{charset}@example.com>",
                    subject=f"Charset {charset}",
                    body=text,
                    charset=charset,
                )
                raw = message.as_bytes()
                self.assertNotIn(text.encode("utf-8"), raw, "really sent in that charset")
                lead = self.assertInitiative(self.process(raw))
                self.assertIn(text, lead.description)

    def test_malformed_or_missing_from(self):
        lead = self.assertInitiative(
            self.process(build_email(self.latam_address, sender="not an address"))
        )
        self.assertFalse(lead.email_normalized)
        lead = self.assertInitiative(self.process(build_email(self.latam_address, sender=None)))
        self.assertFalse(lead.partner_id)

    def test_broken_mime(self):
        raw = (
            f"From: Lucia <lucia.fernandez@example.com>\r\nTo: {self.latam_address}\r\n"
            "Subject: Broken multipart\r\nMessage-ID: <broken-mime@example.com>\r\n"
            'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="XYZ"\r\n\r\n'
            "--XYZ\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe text part survives.\r\n"
            '--XYZ\r\nContent-Type: application/pdf; name="cut.pdf"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK%%%not-base64"
        )
        lead = self.assertInitiative(self.process(raw))
        self.assertIn("The text part survives.", lead.description)

    def test_odd_attachment_names(self):
        names = ["../../etc/passwd", "x" * 300 + ".pdf", "ñandú 📎.txt", ""]
        message = build_email(
            self.latam_address, attachments=[(name, b"content") for name in names]
        )
        lead = self.assertInitiative(self.process(message))
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)]
        )
        self.assertEqual(len(attachments), len(names), "no attachment dropped")
        self.assertTrue(all(attachment.name for attachment in attachments))


@tagged("post_install", "-at_install", "mail_gateway")
class TestAliasDomainWarning(KanakCrmCommon):
    def test_team_form_and_settings_warn_without_alias_domain(self):
        team_form = (
            self.env["crm.team"]
            .with_user(self.user_sales_manager)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertRegex(
            team_form,
            r'name="kanak_no_alias_domain"[^>]*invisible="alias_domain_id"'
            r'|invisible="alias_domain_id"[^>]*name="kanak_no_alias_domain"',
        )
        settings = self.env["res.config.settings"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        self.assertIn("No alias domain is configured", settings)
        self.assertIn('invisible="alias_domain_id"', settings)
