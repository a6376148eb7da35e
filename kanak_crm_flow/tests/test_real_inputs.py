# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""What real people and other systems bring to the ways in: a double @ typed by
hand, an out-of-office reply, a bounce, a card with only a title, a card typed by a
manager for nobody in particular, a contact whose language nobody set."""

from email.message import EmailMessage
from email.utils import make_msgid

from odoo.exceptions import UserError
from odoo.exceptions import ValidationError
from odoo.tests import Form
from odoo.tests import tagged
from odoo.tests import users

from .test_import import DATA
from .test_import import KanakImportCommon
from .test_mail_gateway import MailGatewayCommon
from .test_mail_gateway import build_email

MALFORMED = ("pierre.dupont@@example", "pierre.dupont@", "@example.com", "pierre@example")


@tagged("post_install", "-at_install", "kanak_real_inputs")
class TestMalformedEmail(KanakImportCommon):
    def test_manual_entry_names_the_address(self):
        for email in MALFORMED:
            with (
                self.subTest(email=email),
                self.assertRaisesRegex(ValidationError, f"“{email}” is not an email address"),
            ):
                self._create_initiative(name="Typed by hand", email_from=email)
        lead = self._create_initiative(name="Typed by hand", email_from="Pierre <p@example.fr>")
        self.assertEqual(lead.email_normalized, "p@example.fr")

    def test_import_stops_at_the_row_and_column(self):
        path = self._tmp_csv(
            [
                "Initiative,Email",
                "Good row,good.row@example.com",
                "Pierre's card,pierre.dupont@@example",
            ]
        )
        before = self.env["crm.lead"].search_count([])
        for dryrun in (True, False):
            with self.subTest(dryrun=dryrun):
                result = self._import(path, dryrun=dryrun)
                self.assertIs(result["ids"], False)
                [error] = [m for m in result["messages"] if m["type"] == "error"]
                self.assertEqual((error["field"], error["record"]), ("email_from", 1))
                self.assertIn("“pierre.dupont@@example” is not an email address", error["message"])
        self.assertEqual(self.env["crm.lead"].search_count([]), before, "nothing half-imported")

    def test_bad_rows_file_still_names_its_malformed_email(self):
        result = self._import(DATA / "bad_rows.csv")
        messages = [m["message"] for m in result["messages"] if m["field"] == "email_from"]
        self.assertIn("“not-an-email” is not an email address", messages[0])


@tagged("post_install", "-at_install", "kanak_real_inputs")
class TestAutomatedMail(MailGatewayCommon):
    """Real RFC 822 messages of machines to a team's address."""

    def out_of_office(self):
        return build_email(
            self.latam_address,
            sender="Jürgen Größ <j.gross@gross-lacke.example.de>",
            subject="Automatische Antwort: Ihre Anfrage",
            body="Ich bin bis zum 14. Dezember nicht im Büro.",
            headers={"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"},
        )

    def bounce(self):
        report = EmailMessage()
        report["From"] = "Mail Delivery System <MAILER-DAEMON@mx.example.net>"
        report["To"] = self.latam_address
        report["Subject"] = "Undelivered Mail Returned to Sender"
        report["Message-ID"] = make_msgid(domain="mx.example.net")
        report.set_content("This is the mail system at host mx.example.net.")
        report.add_attachment(
            "Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; nobody@example.org\n"
            "Action: failed\nStatus: 5.1.1\n",
            subtype="delivery-status",
        )
        report.replace_header("Content-Type", report["Content-Type"].replace("mixed", "report"))
        return report

    def test_no_initiative_from_machines(self):
        self.team_latam.first_response_hours = 8
        cases = {
            "out of office": self.out_of_office(),
            "bounce": self.bounce(),
            "bulk": build_email(
                self.latam_address, sender="News <news@example.com>", headers={"Precedence": "bulk"}
            ),
            "mailing list": build_email(
                self.latam_address,
                sender="List <list@example.com>",
                headers={"List-Id": "<paint.lists.example.com>"},
            ),
        }
        before = self.env["crm.lead"].with_context(active_test=False).search_count([])
        for case, message in cases.items():
            with self.subTest(case=case):
                self.assertFalse(self.process(message))
        after = self.env["crm.lead"].with_context(active_test=False).search_count([])
        self.assertEqual(after, before, "nothing waits for a person, nothing to escalate")
        self.assertFalse(self._new_mails, "and nobody is answered")

    def test_an_auto_reply_on_our_thread_lands_on_its_record(self):
        first = build_email(self.latam_address)
        lead = self.env["crm.lead"].browse(self.process(first))
        reply = self.out_of_office()
        reply["In-Reply-To"] = first["Message-ID"]
        self.assertEqual(self.process(reply), lead.id)
        self.assertIn("nicht im Büro", str(lead.message_ids[0].body))
        self.assertEqual(
            self.env["crm.lead"].search_count([("team_id", "=", self.team_latam.id)]), 1
        )


@tagged("post_install", "-at_install", "kanak_real_inputs")
class TestCardsAndLanguage(KanakImportCommon):
    def test_title_only_card_qualifies_without_a_contact(self):
        partners = self.env["res.partner"].search_count([])
        lead = self._create_initiative(
            name="Tank lining, Rotterdam", user_id=self.user_sales_manager.id
        )
        lead.action_qualify_as_opportunity()
        self.assertEqual(lead.type, "opportunity")
        self.assertFalse(lead.partner_id)
        self.assertFalse(lead.contact_name, "not overwritten with the title")
        self.assertEqual(self.env["res.partner"].search_count([]), partners, "nobody to create")

    def test_card_with_a_person_still_makes_its_contact(self):
        lead = self._create_initiative(
            name="Card", contact_name="Klaus Becker", user_id=self.user_sales_manager.id
        )
        lead.action_qualify_as_opportunity()
        self.assertEqual(lead.partner_id.name, "Klaus Becker")

    @users("kanak_sales_manager")
    def test_cards_belong_to_nobody_until_someone_chooses(self):
        initiatives = self.env.ref("kanak_crm_flow.stage_initiatives")
        Lead = self.env["crm.lead"].with_context(kanak_sales_flow=1)
        # The Sales Flow's quick create in the Initiatives column, as the manager.
        with Form(
            Lead.with_context(default_stage_id=initiatives.id),
            view="kanak_crm_flow.crm_lead_view_form_quick_create",
        ) as card:
            card.name = "Fair card"
        self.assertEqual((card.record.type, card.record.user_id.id), ("lead", False))
        # The initiative form, and an integration's create.
        with Form(self.env["crm.lead"].with_context(default_type="lead")) as form:
            form.name = "Typed in the form"
        self.assertFalse(form.record.user_id)
        rpc = self.env["crm.lead"].create({"name": "By RPC", "type": "lead"})
        self.assertFalse(rpc.user_id)
        # Typed in directly: its channel says so (the funnel opens by channel).
        direct = self.env.ref("utm.utm_medium_direct")
        self.assertEqual((card.record.medium_id, form.record.medium_id), (direct, direct))
        self.assertEqual(rpc.medium_id, direct)
        # Chosen: kept. A card in a pipeline column is an opportunity: stock's default.
        chosen = self.env["crm.lead"].create(
            {"name": "Mine", "type": "lead", "user_id": self.env.uid}
        )
        self.assertEqual(chosen.user_id, self.env.user)
        with Form(
            Lead.with_context(default_stage_id=self.stage_new.id),
            view="kanak_crm_flow.crm_lead_view_form_quick_create",
        ) as card:
            card.name = "Deal"
        self.assertEqual((card.record.type, card.record.user_id), ("opportunity", self.env.user))

    def test_imported_rows_belong_to_nobody(self):
        self.env = self.env(user=self.user_sales_manager)
        path = self._tmp_csv(["Initiative,Email", "Row,row.nobody@example.com"])
        result = self._import(path)
        self.assertEqual(self.env["crm.lead"].browse(result["ids"]).user_id.ids, [])

    def test_acknowledgement_in_the_contacts_language_else_the_companys(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["kanak_crm_flow"], ["es_ES"], overwrite=True
        )
        self.company_main.partner_id.lang = "en_US"
        self.user_sales_manager.lang = "es_ES"
        german = self._create_initiative(
            name="Anfrage", contact_name="Jürgen", email_from="juergen@example.de", user_id=False
        )
        spanish = self._create_initiative(
            name="Consulta",
            contact_name="Lucía",
            email_from="lucia@example.com.ar",
            lang_id=self.env["res.lang"]._lang_get("es_ES").id,
            user_id=False,
        )
        with self.mock_mail_gateway():
            for lead in german | spanish:
                lead.with_user(self.user_sales_manager).with_context(
                    lang="es_ES"
                ).action_send_acknowledgement()
        to_german = self._find_mail_mail_wemail("juergen@example.de", "outgoing")
        self.assertIn("we received your request", to_german.subject, "the company's language")
        to_spanish = self._find_mail_mail_wemail("lucia@example.com.ar", "outgoing")
        self.assertIn("hemos recibido su solicitud", to_spanish.subject, "the contact's")


@tagged("post_install", "-at_install", "kanak_real_inputs", "kanak_import")
class TestOtherCrmExports(KanakImportCommon):
    """Exports of the big CRMs' lead lists, as they come: no hand mapping, no title
    column."""

    def imported(self, path, expected_count):
        tags_before = self.env["crm.tag"].search_count([])
        _wizard, preview = self._preview(path)
        result = self._import(path)
        self.assertFalse(self._messages(result, "error"), result["messages"])
        self.assertEqual(len(result["ids"]), expected_count)
        self.assertEqual(self.env["crm.tag"].search_count([]), tags_before, "no new tag")
        leads = self.env["crm.lead"].browse(result["ids"])
        self.assertEqual(set(leads.mapped("type")), {"lead"})
        self.assertFalse(leads.user_id, "belong to nobody until someone chooses")
        self.assertEqual(leads.medium_id, self.env.ref("kanak_crm_flow.utm_medium_import"))
        return preview, leads.sorted("id")

    def matched(self, preview):
        matches = preview["matches"]
        return {
            header: "/".join(matches[index]) if index in matches else None
            for index, header in enumerate(preview["headers"])
        }

    def test_salesforce_lead_export(self):
        preview, (klaus, lucia, pierre) = self.imported(DATA / "salesforce_leads_export.csv", 3)
        self.assertEqual(
            self.matched(preview),
            {
                "First Name": "import_first_name",
                "Last Name": "import_last_name",
                "Title": "function",
                "Company": "partner_name",
                "Email": "email_from",
                "Phone": "phone",
                "Lead Source": "import_lead_source",
                "Lead Status": None,
                "Lead Owner": None,
                "Country": "country_id",
            },
        )
        self.assertRecordValues(
            klaus,
            [
                {
                    "name": "Becker Anlagenbau GmbH (Trade Show)",
                    "contact_name": "Klaus Becker",
                    "partner_name": "Becker Anlagenbau GmbH",
                    "function": "Einkaufsleiter",
                    "country_id": self.env.ref("base.de").id,
                    "tag_ids": self.env.ref("kanak_crm_flow.tag_source_trade_fair").ids,
                }
            ],
        )
        self.assertEqual(klaus.source_id.name, "Trade Show", "the funnel counts it")
        self.assertEqual(lucia.tag_ids, self.env.ref("kanak_crm_flow.tag_source_website_form"))
        self.assertEqual(lucia.contact_name, "Lucía Fernández")
        self.assertEqual(pierre.name, "Pierre Dupont (Partner Referral)")
        self.assertEqual(pierre.tag_ids, self.env.ref("kanak_crm_flow.tag_source_referral"))

    def test_hubspot_contact_export(self):
        preview, (anna, jurgen, tintas) = self.imported(DATA / "hubspot_contacts_export.csv", 3)
        matched = self.matched(preview)
        self.assertEqual(matched["Phone Number"], "phone")
        self.assertEqual(matched["Company Name"], "partner_name")
        self.assertEqual(matched["Original Source"], "import_lead_source")
        self.assertEqual(matched["Country/Region"], "country_id")
        self.assertEqual(anna.name, "Farby Polska (Offline Sources)")
        self.assertEqual(anna.tag_ids, self.tag_purchased_list, "no seeded tag says it")
        self.assertEqual(jurgen.contact_name, "Jürgen Größ")
        self.assertEqual(tintas.name, "Tintas Brasil (Referrals)")
        self.assertFalse(tintas.contact_name)
        self.assertEqual(tintas.country_id, self.env.ref("base.br"))

    def test_spanish_hubspot_export(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["base"], ["es_ES"], overwrite=False)
        self.env = self.env(context=dict(self.env.context, lang="es_ES"))
        _preview, lead = self.imported(DATA / "hubspot_contacts_export_es.csv", 1)
        self.assertRecordValues(
            lead,
            [
                {
                    "name": "Pinturas López (Feria)",
                    "contact_name": "María López",
                    "email_from": "maria.lopez@pinturas.example.es",
                    "country_id": self.env.ref("base.es").id,
                    "tag_ids": self.env.ref("kanak_crm_flow.tag_source_trade_fair").ids,
                }
            ],
        )

    def test_pipedrive_lead_export(self):
        _preview, lead = self.imported(DATA / "pipedrive_leads_export.csv", 1)
        self.assertRecordValues(
            lead,
            [
                {
                    "name": "Anticorrosive coating for the Valparaíso port",
                    "contact_name": "Diego Rojas",
                    "partner_name": "Puerto Valparaíso",
                    "tag_ids": self.env.ref("kanak_crm_flow.tag_source_website_form").ids,
                }
            ],
        )

    def test_rows_without_a_source_take_the_file(self):
        path = self._tmp_csv(["Company,Email", "Nordlack AG,info@nordlack.example.de"])
        _preview, lead = self.imported(path, 1)
        self.assertEqual(lead.source_id.name, "rows.csv")
        self.assertEqual(lead.name, "Nordlack AG (rows.csv)")

    def test_the_columns_are_for_imports_only(self):
        lead = self._create_initiative(name="Typed")
        with self.assertRaisesRegex(UserError, "columns of an imported file"):
            lead.write({"import_first_name": "Klaus"})
