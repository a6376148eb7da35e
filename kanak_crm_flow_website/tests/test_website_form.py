# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import re
import shutil
import tempfile
from pathlib import Path

from odoo import http
from odoo.tests import HttpCase
from odoo.tests import tagged
from odoo.tools import config

from odoo.addons.kanak_crm_flow.tests.common import KanakCrmCommon


class WebsiteFormCommon(HttpCase, KanakCrmCommon):
    """Forms posted over HTTP to the website's form route, as the Contact Us page
    posts them, by a public visitor (no session) unless stated."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env.ref("website.default_website")
        cls.team_europe_seeded = cls.env.ref("kanak_crm_flow.team_europe")
        cls.team_latam_seeded = cls.env.ref("kanak_crm_flow.team_latin_america")
        # What the issue met: the website's default team works with opportunities only,
        # and a default salesperson is set.
        cls.team_website = cls.env["crm.team"].create(
            {
                "name": "Kanak Test Website",
                "use_leads": False,
                "use_opportunities": True,
                "user_id": cls.user_sales_manager.id,
                "member_ids": [(6, 0, cls.user_salesman_all.ids)],
            }
        )
        cls.website.write(
            {
                "crm_default_team_id": cls.team_website.id,
                "crm_default_user_id": cls.user_salesman_all.id,
            }
        )
        cls.argentina = cls.env.ref("base.ar")
        cls.germany = cls.env.ref("base.de")

    def post_form(self, **fields):
        data = {
            "contact_name": "Lucía Fernández",
            "email_from": "lucia.fernandez@example.com.ar",
            "name": "Road paint for Rosario",
            "description": "We need 2,000 litres of road marking paint.",
            **fields,
        }
        data = {key: value for key, value in data.items() if value is not None}
        response = self.url_open("/website/form/crm.lead", data=data)
        self.assertEqual(response.status_code, 200, response.text[:500])
        return response.json()

    def posted_lead(self, answer):
        # The answer names no record (TestOneContactByForm): the record that took the
        # form is where stock keeps it, in the visitor's session on the server.
        self.assertEqual(answer, {"id": True})
        session = http.root.session_store.get(self.opener.cookies["session_id"])
        return self.env["crm.lead"].browse(session["form_builder_id"])


@tagged("post_install", "-at_install", "kanak_website")
class TestWebsiteForm(WebsiteFormCommon):
    def test_form_is_an_initiative_of_the_website_team(self):
        lead = self.posted_lead(self.post_form())
        self.assertRecordValues(
            lead,
            [
                {
                    "type": "lead",
                    "stage_id": self.stage_initiatives.id,
                    "team_id": self.team_website.id,
                    "user_id": False,
                    "medium_id": self.env.ref("utm.utm_medium_website").id,
                    "contact_name": "Lucía Fernández",
                    "email_from": "lucia.fernandez@example.com.ar",
                }
            ],
        )
        self.assertIn("2,000 litres", lead.description)

    def test_form_routed_by_country(self):
        lead = self.posted_lead(self.post_form(country_id=self.argentina.id))
        self.assertEqual(lead.team_id, self.team_latam_seeded)
        self.assertEqual(lead.country_id, self.argentina)
        self.assertFalse(lead.user_id, "no team leader forced either")
        lead = self.posted_lead(
            self.post_form(country_id=self.germany.id, email_from="k.becker@example.de")
        )
        self.assertEqual(lead.team_id, self.team_europe_seeded)
        lead = self.posted_lead(
            self.post_form(
                country_id=self.germany.id,
                team_id=self.team_latam.id,
                email_from="m.weber@example.de",
            )
        )
        self.assertEqual(lead.team_id, self.team_europe_seeded, "the country over the form's team")

    def test_form_own_team_when_no_team_covers_the_country(self):
        self.team_latam_seeded.country_ids = False
        lead = self.posted_lead(
            self.post_form(country_id=self.argentina.id, team_id=self.team_latam.id)
        )
        self.assertEqual(lead.team_id, self.team_latam, "the form's own team")
        lead = self.posted_lead(
            self.post_form(country_id=self.argentina.id, email_from="pedro@example.com.ar")
        )
        self.assertEqual(lead.team_id, self.team_website, "else the website's default team")

    def test_country_of_the_known_visitor(self):
        self.user_portal.partner_id.country_id = self.germany
        self.authenticate("kanak_portal", "kanak_portal")
        page = self.url_open("/contactus").text
        csrf_token = re.search(r'csrf_token: "([^"]+)"', page).group(1)
        lead = self.posted_lead(
            self.post_form(csrf_token=csrf_token, email_from=self.user_portal.email)
        )
        self.assertEqual(lead.team_id, self.team_europe_seeded)
        self.assertEqual(lead.country_id, self.germany, "the visitor's country, recorded")

    def test_acknowledged_like_email(self):
        self.team_latam_seeded.acknowledge_new_initiatives = True
        with self.mock_mail_gateway():
            lead = self.posted_lead(self.post_form(country_id=self.argentina.id))
            own_address = self.team_latam_seeded.alias_email
            self.assertTrue(own_address)
            self.posted_lead(self.post_form(country_id=self.argentina.id, email_from=own_address))
            self.env["mail.blacklist"]._add("blocked@example.com")
            self.posted_lead(
                self.post_form(country_id=self.argentina.id, email_from="blocked@example.com")
            )
        sent = self._new_mails.filtered(lambda mail: "lucia.fernandez" in (mail.email_to or ""))
        self.assertEqual(len(sent), 1)
        self.assertIn("auto-replied", sent.headers)
        self.assertEqual(len(self._new_mails), 1, "not to our own alias, not to the blacklist")
        self.assertTrue(
            lead.message_ids.filtered(lambda m: "Acknowledgement sent" in (m.body or ""))
        )

    def test_form_is_no_mail_relay(self):
        """A script posting forms to make the company mail an address it chose: one
        acknowledgement a day for that address, signed by the team, echoing none of
        the posted text, whatever salesperson the post names."""
        self.team_latam_seeded.acknowledge_new_initiatives = True
        with self.mock_mail_gateway():
            for number in range(3):
                self.posted_lead(
                    self.post_form(
                        country_id=self.argentina.id,
                        email_from="victim@example.org",
                        contact_name="Win a prize at http://spam.example.net",
                        name=f"CLICK http://spam.example.net/{number}",
                        team_id=self.team_latam_seeded.id,
                        user_id=self.user_sales_manager.id,
                    )
                )
        sent = self._new_mails.filtered(lambda mail: "victim@example.org" in (mail.email_to or ""))
        self.assertEqual(len(sent), 1, "one acknowledgement per address a day")
        self.assertIn("Hello,", sent.body_html, "a link is no name to greet")
        # Nor does the post choose whom Odoo notifies: no salesperson, no assignment mail.
        leads = self.env["crm.lead"].search([("email_normalized", "=", "victim@example.org")])
        self.assertEqual(len(leads), 1, "one contact, one open record")
        self.assertFalse(leads.user_id)
        self.assertFalse(
            self._new_mails.filtered(
                lambda mail: self.user_sales_manager.partner_id in mail.recipient_ids
            )
        )
        self.assertNotIn("spam.example.net", sent.subject)
        self.assertNotIn("spam.example.net", sent.body_html)
        self.assertNotIn(self.user_sales_manager.name, sent.body_html)
        self.assertIn(self.team_latam_seeded.name, sent.body_html, "signed by the team")

    def test_no_acknowledgement_when_the_team_option_is_off(self):
        with self.mock_mail_gateway():
            self.posted_lead(self.post_form(country_id=self.argentina.id))
        self.assertFalse(self._new_mails)

    def test_burst_of_submissions(self):
        before = self.env["crm.lead"].search_count([])
        answers = [
            self.post_form(email_from=f"visitor{index}@example.com", name=f"Burst {index}")
            for index in range(30)
        ]
        self.assertEqual(answers, [{"id": True}] * 30)
        self.assertEqual(self.env["crm.lead"].search_count([]), before + 30)
        self.assertEqual(
            self.env["crm.lead"].search_count(
                [("name", "=like", "Burst %"), ("type", "=", "lead")]
            ),
            30,
        )


@tagged("post_install", "-at_install", "kanak_website")
class TestWebsiteFormBadInput(WebsiteFormCommon):
    def assert_refused(self, answer, fields):
        self.assertEqual(answer.get("error_fields"), fields)
        self.assertNotIn("id", answer)

    def test_bad_values_are_named_back_and_nothing_created(self):
        before = self.env["crm.lead"].search_count([])
        cases = {
            "invalid email": ({"email_from": "lucia at example"}, ["email_from"]),
            "300-character name": ({"contact_name": "L" * 300}, ["contact_name"]),
            "unknown team": ({"team_id": 999999}, ["team_id"]),
            "unknown country": ({"country_id": 999999}, ["country_id"]),
            "no email nor phone": ({"email_from": None}, ["email_from"]),
        }
        for case, (fields, refused) in cases.items():
            with self.subTest(case=case):
                self.assert_refused(self.post_form(**fields), refused)
        self.assertEqual(self.env["crm.lead"].search_count([]), before)

    def test_form_without_subject(self):
        lead = self.posted_lead(self.post_form(name=None))
        self.assertEqual(lead.name, "Website form: Lucía Fernández")
        lead = self.posted_lead(
            self.post_form(name=None, contact_name=None, email_from="pedro@example.com.ar")
        )
        self.assertEqual(lead.name, "Website form: pedro@example.com.ar")

    def test_not_a_number_for_a_relation(self):
        self.assert_refused(self.post_form(country_id="Argentina"), ["country_id"])

    def test_html_and_script_are_not_stored_as_markup(self):
        lead = self.posted_lead(
            self.post_form(
                contact_name='<img src=x onerror="alert(1)">Lucía',
                description="<script>alert('x')</script><b>Bold</b> request",
            )
        )
        self.assertNotIn("<script", lead.description)
        self.assertIn("request", lead.description)
        # A plain text field keeps the text as typed: the web client shows it as text.
        self.assertEqual(lead.contact_name, '<img src=x onerror="alert(1)">Lucía')
        for body in lead.message_ids.mapped("body"):
            self.assertNotIn("onerror", body or "", "no markup of the visitor's in the chatter")


@tagged("post_install", "-at_install", "kanak_website")
class TestSecondWebsite(WebsiteFormCommon):
    def test_second_website_default_team(self):
        second = self.env["website"].create(
            {
                "name": "Kanak Second Website",
                "domain": self.base_url(),
                "crm_default_team_id": self.team_europe.id,
            }
        )
        self.assertEqual(second.company_id, self.company_main)
        lead = self.posted_lead(self.post_form())
        self.assertEqual(lead.team_id, self.team_europe, "the second website's default team")
        lead = self.posted_lead(
            self.post_form(country_id=self.argentina.id, email_from="pedro@example.com.ar")
        )
        self.assertEqual(lead.team_id, self.team_latam_seeded, "the country first")


@tagged("post_install", "-at_install", "kanak_website")
class TestContactUsAndGeoip(WebsiteFormCommon):
    """The website's own Contact Us form, as a browser posts it, and a visitor who
    leaves the Country empty."""

    def post_contact_us(self, **fields):
        # website.contactus: an email to the company (mail.mail), its own field names.
        data = {
            "name": "Lucía Fernández",
            "phone": "+56 2 2345 6789",
            "email_from": "lucia.fernandez@pinturasdelsur.example.cl",
            "company": "Pinturas del Sur",
            "subject": "Road paint for Valparaíso",
            "description": "We need 2,000 litres before March.",
            "email_to": "info@yourcompany.example.com",
            **fields,
        }
        response = self.url_open("/website/form/mail.mail", data=data)
        self.assertEqual(response.status_code, 200, response.text[:500])
        return response.json()

    def use_geoip_database(self, country_code, time_zone):
        """A real GeoIP2 city database (what Odoo reads first), built for the test:
        loopback in the country."""
        from mmdb_writer import MMDBWriter  # a test-only tool (requirements-dev.txt)
        from netaddr import IPSet

        folder = Path(tempfile.mkdtemp(prefix="kanak_geoip_"))
        self.addCleanup(shutil.rmtree, folder)
        writer = MMDBWriter(ip_version=4, database_type="GeoIP2-City", languages=["en"])
        writer.insert_network(
            IPSet(["127.0.0.0/8"]),
            {
                "country": {"iso_code": country_code},
                "continent": {"code": "SA"},
                "location": {"time_zone": time_zone},
            },
        )
        path = folder / "city.mmdb"
        writer.to_db_file(str(path))
        previous = config["geoip_city_db"]
        config["geoip_city_db"] = str(path)
        http.root.__dict__.pop("geoip_city_db", None)

        def restore():
            config["geoip_city_db"] = previous
            http.root.__dict__.pop("geoip_city_db", None)

        self.addCleanup(restore)

    def test_contact_us_makes_an_initiative(self):
        mails_before = self.env["mail.mail"].search_count([])
        answer = self.post_contact_us()
        lead = self.posted_lead(answer)
        self.assertRecordValues(
            lead,
            [
                {
                    "type": "lead",
                    "name": "Road paint for Valparaíso",
                    "contact_name": "Lucía Fernández",
                    "partner_name": "Pinturas del Sur",
                    "email_from": "lucia.fernandez@pinturasdelsur.example.cl",
                    "stage_id": self.stage_initiatives.id,
                    "medium_id": self.env.ref("utm.utm_medium_website").id,
                }
            ],
        )
        self.assertIn("2,000 litres", lead.description)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before, "no email instead")

    def test_contact_us_with_a_malformed_email_is_named_back(self):
        answer = self.post_contact_us(email_from="lucia@@example")
        self.assertEqual(answer, {"error_fields": ["email_from"]})

    def test_visitor_without_a_country_is_placed_by_geoip(self):
        self.use_geoip_database("CL", "America/Santiago")
        lead = self.posted_lead(self.post_form())
        self.assertEqual(lead.country_id, self.env.ref("base.cl"))
        self.assertEqual(lead.team_id, self.team_latam_seeded, "Chile's team")
        # What the visitor chose wins over where they are.
        lead = self.posted_lead(
            self.post_form(country_id=self.germany.id, email_from="k.becker@example.de")
        )
        self.assertEqual(lead.team_id, self.team_europe_seeded)

    def test_without_geoip_no_country_is_invented(self):
        lead = self.posted_lead(self.post_form())
        self.assertFalse(lead.country_id)
        self.assertEqual(lead.team_id, self.team_website, "the website's team, as the rules say")


@tagged("post_install", "-at_install", "kanak_website")
class TestOneContactByForm(WebsiteFormCommon):
    """A contact who posts a form again while their record is open."""

    def test_second_form_lands_on_the_open_initiative(self):
        first = self.post_form(country_id=self.argentina.id)
        lead = self.posted_lead(first)
        second = self.post_form(
            country_id=self.argentina.id,
            email_from="Lucia.Fernandez@Example.com.AR",
            name="Primer for a bridge",
            description="Also 500 litres of primer.",
            phone="+54 11 4321 0000",
        )
        self.assertEqual(self.posted_lead(second), lead, "no second record")
        self.assertEqual(
            self.env["crm.lead"].search_count(
                [("email_normalized", "=", "lucia.fernandez@example.com.ar")]
            ),
            1,
        )
        message = lead.message_ids.filtered(lambda m: "Primer for a bridge" in str(m.body))
        self.assertEqual(message.message_type, "comment")
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertIn("500 litres of primer", str(message.body))
        self.assertNotIn("&lt;p&gt;", str(message.body), "the visitor's text, not its HTML")
        self.assertIn("+54 11 4321 0000", str(message.body))
        self.assertIn("Argentina", str(message.body))
        self.assertIn(
            "The contact wrote again (website form)", str(lead.message_ids.mapped("body"))
        )
        self.assertEqual(lead.name, "Road paint for Rosario", "the record is kept")
        self.assertIn("2,000 litres", lead.description)

    def test_the_answer_does_not_tell_a_known_contact(self):
        # Found by the attacker's sweep: message ids as the answer moved by 1 for a new
        # address and by 2 or 3 for a known one. Now no number at all.
        known = self.posted_lead(self.post_form())
        lost = self.posted_lead(self.post_form(email_from="lost.one@example.com"))
        lost.action_set_lost()
        answers = {
            "new": self.post_form(email_from="first.time@example.com"),
            "known": self.post_form(name="Again"),
            "lost before": self.post_form(email_from="lost.one@example.com"),
            "new by phone": self.post_form(email_from=None, phone="+54 341 555 0199"),
            "known by phone": self.post_form(email_from=None, phone="+54 341 555 0199"),
        }
        for case, answer in answers.items():
            with self.subTest(case=case):
                self.assertEqual(answer, {"id": True})
        self.assertEqual(self.posted_lead(answers["known by phone"]).phone, "+54 341 555 0199")
        self.assertEqual(
            self.env["crm.lead"].search(
                [("email_normalized", "=", "lucia.fernandez@example.com.ar")]
            ),
            known,
        )

    def test_a_visitor_cannot_sign_as_a_colleague(self):
        # A form typed with an employee's address, landing on an open record of that
        # address: the message is signed with the typed address, not as the employee.
        address = self.user_sales_manager.email
        lead = self.posted_lead(self.post_form(email_from=address))
        self.post_form(email_from=address, name="Please call me")
        message = lead.message_ids.filtered(lambda m: "Please call me" in str(m.body))
        self.assertFalse(message.author_id)
        self.assertEqual(message.email_from, address)

    def test_form_after_an_email(self):
        by_email = self.env["crm.lead"].create(
            {
                "name": "Quotation by email",
                "type": "lead",
                "team_id": self.team_latam_seeded.id,
                "email_from": "lucia.fernandez@example.com.ar",
            }
        )
        self.assertEqual(self.posted_lead(self.post_form(country_id=self.argentina.id)), by_email)

    def test_phone_without_email(self):
        first = self.posted_lead(self.post_form(email_from=None, phone="+54 341 555 0101"))
        again = self.posted_lead(
            self.post_form(email_from=None, phone="+54 341 555 0101", name="Call me back")
        )
        self.assertEqual(again, first)

    def test_team_that_wants_one_record_per_request(self):
        self.team_website.one_record_per_contact = False
        first = self.posted_lead(self.post_form())
        self.assertNotEqual(self.posted_lead(self.post_form()), first)

    def test_after_a_lost_record_a_new_initiative_names_it(self):
        lost = self.posted_lead(self.post_form())
        lost.action_set_lost()
        new = self.posted_lead(self.post_form(name="Back with a new project"))
        self.assertNotEqual(new, lost)
        self.assertIn("This contact came back", str(new.message_ids.mapped("body")))
