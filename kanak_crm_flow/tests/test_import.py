# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import shutil
import tempfile
from pathlib import Path

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests import users
from odoo.tools import mute_logger

from .common import KanakCrmCommon

DATA = Path(__file__).parent / "data"
TEMPLATES = Path(__file__).parents[1] / "static" / "xls"
MIMETYPES = {
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class KanakImportCommon(KanakCrmCommon):
    """Imports driven as the import dialog drives them: parse_preview on the file,
    the columns it maps, then execute_import (test run or import)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The templates name the seeded team; the test files name the test team.
        cls.team_europe_seeded = cls.env.ref("kanak_crm_flow.team_europe")
        cls.tag_purchased_list = cls.env.ref("kanak_crm_flow.tag_source_purchased_list")

    def _preview(self, path, **options):
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "crm.lead",
                "file": path.read_bytes(),
                "file_name": path.name,
                "file_type": MIMETYPES[path.suffix],
            }
        )
        base = {
            "has_headers": True,
            "quoting": '"',
            "separator": "",
            "encoding": "",
            "sheet": "",
            "date_format": "",
            "datetime_format": "",
            "float_thousand_separator": ",",
            "float_decimal_separator": ".",
            "fields": [],
            "limit": 2000,
            "skip": 0,
            "tracking_disable": True,
            "name_create_enabled_fields": {},
            "import_set_empty_fields": [],
            "import_skip_records": [],
            "fallback_values": {},
        }
        base.update(options)
        preview = wizard.parse_preview(base)
        self.assertNotIn("error", preview, preview.get("error"))
        return wizard, preview

    def _import(self, path, dryrun=False, **options):
        wizard, preview = self._preview(path, **options)
        matches = preview["matches"] or {}
        fields = [
            "/".join(matches[index]) if index in matches else False
            for index in range(len(preview["headers"]))
        ]
        columns = [header.strip().lower() for header in preview["headers"]]
        return wizard.execute_import(fields, columns, preview["options"], dryrun=dryrun)

    def _tmp_csv(self, lines):
        folder = Path(tempfile.mkdtemp(prefix="kanak_import_"))
        self.addCleanup(shutil.rmtree, folder)
        path = folder / "rows.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def _leads(self, *emails):
        return (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            .search([("email_normalized", "in", list(emails))], order="id")
        )

    def _messages(self, result, kind):
        return [message["message"] for message in result["messages"] if message["type"] == kind]


@tagged("post_install", "-at_install", "lead_manage", "kanak_import")
class TestImportTemplates(KanakImportCommon):
    def test_templates_offered(self):
        templates = self.env["crm.lead"].get_import_templates()
        paths = [template["template"] for template in templates]
        self.assertEqual(
            paths[:4],
            [
                "/kanak_crm_flow/static/xls/kanak_initiatives.xlsx",
                "/kanak_crm_flow/static/xls/kanak_initiatives.csv",
                "/kanak_crm_flow/static/xls/kanak_iniciativas.xlsx",
                "/kanak_crm_flow/static/xls/kanak_iniciativas.csv",
            ],
        )
        self.assertIn("/crm/static/xls/crm_lead.xls", paths, "stock's template stays")
        for path in paths[:4]:
            self.assertTrue((TEMPLATES / Path(path).name).is_file(), path)

    def _check_template_round_trip(self, filename):
        path = TEMPLATES / filename
        _wizard, preview = self._preview(path)
        self.assertEqual(
            ["/".join(preview["matches"][index]) for index in range(10)],
            [
                "name",
                "contact_name",
                "email_from",
                "phone",
                "partner_name",
                "country_id",
                "team_id",
                "tag_ids",
                "priority",
                "description",
            ],
            "every header maps by itself",
        )
        result = self._import(path)
        self.assertEqual(result["messages"], [])
        self.assertEqual(len(result["ids"]), 2)
        card, painter = self.env["crm.lead"].browse(result["ids"])
        self.assertRecordValues(
            card,
            [
                {
                    "name": "Frankfurt fair: business card of Klaus Becker",
                    "type": "lead",
                    "stage_id": self.stage_initiatives.id,
                    "team_id": self.team_europe_seeded.id,
                    "country_id": self.env.ref("base.de").id,
                    "priority": "3",
                    "email_normalized": "k.becker@becker-anlagenbau.example.de",
                }
            ],
        )
        self.assertEqual(
            set(card.tag_ids.mapped("name")),
            {"Trade fair", "Business card", "Interest: Industrial paints"},
        )
        self.assertEqual(painter.priority, "0")
        self.assertEqual(painter.tag_ids.mapped("name"), ["Website form"])

        again = self._import(path)
        self.assertEqual(again["ids"], [], "re-importing the file creates nothing")
        warnings = self._messages(again, "warning")
        self.assertEqual(len(warnings), 2)
        self.assertIn("Frankfurt fair: business card of Klaus Becker", warnings[0])
        self.assertIn("k.becker@becker-anlagenbau.example.de", warnings[0])
        self.assertIn("not imported", warnings[0])

    @users("kanak_sales_manager")
    def test_template_round_trip_excel(self):
        self._check_template_round_trip("kanak_initiatives.xlsx")

    @users("kanak_sales_manager")
    def test_template_round_trip_csv(self):
        self._check_template_round_trip("kanak_initiatives.csv")

    def test_spanish_template_round_trip(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["base", "crm", "sales_team", "kanak_crm_flow"], ["es_ES"], overwrite=True
        )
        self.user_sales_manager.lang = "es_ES"
        self.env = self.env(user=self.user_sales_manager, context={"lang": "es_ES"})
        path = TEMPLATES / "kanak_iniciativas.xlsx"
        _wizard, preview = self._preview(path)
        self.assertEqual(len(preview["matches"]), 10, "every Spanish header maps by itself")
        result = self._import(path)
        self.assertEqual(result["messages"], [])
        card, painter = self.env["crm.lead"].browse(result["ids"])
        self.assertEqual(card.name, "Feria de Fráncfort: tarjeta de Klaus Becker")
        self.assertEqual(card.priority, "3")
        self.assertEqual(card.country_id, self.env.ref("base.de"))
        self.assertEqual(card.team_id, self.team_europe_seeded)
        self.assertEqual(len(card.tag_ids), 3)
        self.assertEqual(painter.country_id, self.env.ref("base.es"))
        self.assertEqual(painter.priority, "0")


@tagged("post_install", "-at_install", "lead_manage", "kanak_import")
class TestImportDuplicates(KanakImportCommon):
    @users("kanak_salesman_all")
    def test_new_rows_are_initiatives_of_a_purchased_list(self):
        result = self._import(DATA / "fair_list_utf8.csv")
        leads = self.env["crm.lead"].browse(result["ids"])
        self.assertEqual(len(leads), 3, "row 3 repeats row 1")
        self.assertEqual(set(leads.mapped("type")), {"lead"})
        self.assertEqual(leads.stage_id, self.stage_initiatives)
        by_name = {lead.name: lead for lead in leads}
        self.assertEqual(by_name["Düsseldorf fair: Jürgen Größ"].tag_ids, self.tag_purchased_list)
        self.assertEqual(
            by_name["Lyon fair: Hélène Mercier"].tag_ids,
            self.env.ref("kanak_crm_flow.tag_source_trade_fair"),
            "a row with tags keeps its own",
        )

    @users("kanak_salesman_all")
    def test_earlier_row_of_the_same_file(self):
        result = self._import(DATA / "fair_list_utf8.csv")
        warnings = self._messages(result, "warning")
        self.assertEqual(len(warnings), 1)
        self.assertIn("Düsseldorf fair again: J. Gross", warnings[0])
        self.assertIn("earlier row", warnings[0])
        self.assertIn("Düsseldorf fair: Jürgen Größ", warnings[0])
        self.assertEqual(len(self._leads("j.gross@gross-lacke.example.de")), 1)

    def test_open_records_not_created_again(self):
        colleague_opportunity = self.env["crm.lead"].create(
            {
                "name": "Größ Lacke: repaint of the plant",
                "type": "opportunity",
                "email_from": "J.GROSS@gross-lacke.example.de",
                "user_id": self.user_salesman_all.id,
                "team_id": self.team_latam.id,
            }
        )
        by_phone = self._create_initiative(
            name="Called by Ana", phone="+34 911 000 111", user_id=False
        )
        self.env = self.env(user=self.user_salesman_own)
        result = self._import(DATA / "fair_list_utf8.csv")
        self.assertEqual(len(result["ids"]), 1, "only Hélène is new")
        warnings = self._messages(result, "warning")
        self.assertEqual(len(warnings), 3)
        # A colleague's record the importing salesperson may not read: not named, nor
        # its salesperson (the import is no oracle of who handles whom).
        self.assertIn("already on an open initiative or opportunity", warnings[0])
        self.assertNotIn("Größ Lacke", warnings[0])
        self.assertNotIn("Adrian All Documents", warnings[0])
        self.assertIn("Düsseldorf fair again: J. Gross", warnings[1])
        self.assertIn("+34911000111", warnings[2])
        self.assertIn("the initiative “Called by Ana”", warnings[2], "readable: named")
        self.assertEqual(self._leads("j.gross@gross-lacke.example.de"), colleague_opportunity)
        self.assertEqual(
            self.env["crm.lead"].sudo().search_count([("phone_sanitized", "=", "+34911000111")]),
            1,
        )
        self.assertEqual(by_phone.name, "Called by Ana")

    @users("kanak_salesman_all")
    def test_test_run_shows_the_policy(self):
        self.env["crm.lead"].create({"name": "Known", "email_from": "helene.mercier@example.fr"})
        before = self.env["crm.lead"].search_count([])
        result = self._import(DATA / "fair_list_utf8.csv", dryrun=True)
        self.assertEqual(self.env["crm.lead"].search_count([]), before, "a test run writes nothing")
        warnings = self._messages(result, "warning")
        self.assertEqual(len(warnings), 2)
        self.assertIn("Lyon fair: Hélène Mercier", warnings[0])
        self.assertIn("“Known”", warnings[0])
        self.assertFalse(self._messages(result, "error"))

    def test_lost_records_do_not_block(self):
        lost = self._create_initiative(
            name="Hélène, last year", email_from="helene.mercier@example.fr"
        )
        lost.action_set_lost(lost_reason_id=self.env.ref("crm.lost_reason_1").id)
        won = self.env["crm.lead"].create(
            {
                "name": "Jürgen's first order",
                "type": "opportunity",
                "email_from": "j.gross@gross-lacke.example.de",
                "user_id": self.user_salesman_all.id,
            }
        )
        won.action_set_won()
        self.env = self.env(user=self.user_salesman_all)
        result = self._import(DATA / "fair_list_utf8.csv")
        self.assertEqual(len(result["ids"]), 3)
        new_helene = self._leads("helene.mercier@example.fr") - lost
        self.assertEqual(len(new_helene), 1)
        self.assertTrue(new_helene.active)
        self.assertFalse(lost.active, "the lost one is kept as it was")
        warnings = self._messages(result, "warning")
        self.assertTrue(
            any("“Hélène, last year”" in warning and "was lost" in warning for warning in warnings)
        )
        self.assertEqual(len(self._leads("j.gross@gross-lacke.example.de")), 2, "won: new business")

    def test_other_company_records_do_not_block(self):
        self.env["crm.lead"].create(
            {
                "name": "Company 2's Hélène",
                "email_from": "helene.mercier@example.fr",
                "company_id": self.company_2.id,
                "team_id": self.team_company_2.id,
            }
        )
        self.env = self.env(user=self.user_salesman_all)
        result = self._import(DATA / "fair_list_utf8.csv")
        self.assertEqual(len(result["ids"]), 3)
        self.assertEqual(len(self._messages(result, "warning")), 1, "only the in-file repeat")

    def test_update_by_external_id(self):
        path = DATA / "fair_list_utf8.csv"
        content = path.read_text(encoding="utf-8").splitlines()
        with_ids = ["id," + content[0]] + [
            f"fair_row_{index}," + line for index, line in enumerate(content[1:])
        ]
        first = self._import(self._tmp_csv(with_ids))
        self.assertEqual(len(first["ids"]), 3)
        changed = [with_ids[0], with_ids[1].replace("Stand visit", "Visited twice")]
        second = self._import(self._tmp_csv(changed))
        self.assertEqual(second["messages"], [], "an update by External ID is not a duplicate")
        lead = self.env.ref("__import__.fair_row_0")
        self.assertEqual(second["ids"], lead.ids)
        self.assertIn("Visited twice", lead.description)

    def test_opportunity_row(self):
        result = self._import(
            self._tmp_csv(["Name,Email,Type", "Ready to buy,ready@example.com,Opportunity"])
        )
        lead = self.env["crm.lead"].browse(result["ids"])
        self.assertEqual(lead.type, "opportunity")
        self.assertFalse(lead.stage_id.is_qualification)

    def test_batches_continue_after_a_skipped_last_row(self):
        self._create_initiative(name="Known", email_from="helene.mercier@example.fr")
        result = self._import(DATA / "fair_list_utf8.csv", limit=2)
        self.assertEqual(len(result["ids"]), 1)
        self.assertEqual(result["nextrow"], 2, "the dialog resumes after the skipped row")
        rest = self._import(DATA / "fair_list_utf8.csv", limit=2, skip=2)
        self.assertEqual(len(rest["ids"]), 1, "row 3 repeats row 1 (now in the database)")
        self.assertIn("Düsseldorf fair: Jürgen Größ", self._messages(rest, "warning")[0])
        imported = self.env["crm.lead"].browse(result["ids"] + rest["ids"])
        self.assertEqual(
            imported.mapped("name"), ["Düsseldorf fair: Jürgen Größ", "Phone only: Ana Núñez"]
        )


@tagged("post_install", "-at_install", "lead_manage", "kanak_import")
class TestImportContacts(KanakImportCommon):
    def test_known_contact_linked(self):
        helene = self.env["res.partner"].create(
            {
                "name": "Hélène Mercier",
                "email": "Helene.Mercier@example.fr",
                "street": "12 quai Saint-Antoine",
                "city": "Lyon",
            }
        )
        self.env = self.env(user=self.user_salesman_all)
        result = self._import(DATA / "fair_list_utf8.csv")
        lead = self._leads("helene.mercier@example.fr")
        self.assertEqual(lead.partner_id, helene)
        self.assertEqual(lead.street, "12 quai Saint-Antoine", "the address follows the contact")
        self.assertEqual(len(result["ids"]), 3)

    def test_several_contacts_link_none(self):
        self.env["res.partner"].create(
            [
                {"name": "Jürgen Größ", "email": "j.gross@gross-lacke.example.de"},
                {
                    "name": "Größ Lacke GmbH",
                    "email": "j.gross@gross-lacke.example.de",
                    "is_company": True,
                },
            ]
        )
        self.env = self.env(user=self.user_salesman_all)
        result = self._import(DATA / "fair_list_utf8.csv")
        lead = self._leads("j.gross@gross-lacke.example.de")
        self.assertFalse(lead.partner_id)
        self.assertTrue(
            any(
                "2 contacts have the email" in warning
                for warning in self._messages(result, "warning")
            )
        )


@tagged("post_install", "-at_install", "lead_manage", "kanak_import")
class TestImportFiles(KanakImportCommon):
    def test_spanish_excel_cp1252_semicolons(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["base", "crm"], ["es_ES"], overwrite=True)
        self.env = self.env(user=self.user_salesman_all, context={"lang": "es_ES"})
        path = DATA / "excel_es_cp1252_semicolon.csv"
        _wizard, preview = self._preview(path)
        self.assertEqual(preview["options"]["separator"], ";")
        self.assertEqual(preview["headers"][2], "Correo electrónico")
        result = self._import(path)
        self.assertEqual(result["messages"], [])
        leads = self.env["crm.lead"].browse(result["ids"])
        self.assertEqual(
            leads.mapped("name"),
            ["Pinturas Núñez: ampliación de nave", "Señalización vial Peñalara"],
        )
        self.assertEqual(leads[0].contact_name, "Begoña Núñez")
        self.assertEqual(leads[0].priority, "2")
        self.assertIn("€", leads[1].description)

    @users("kanak_salesman_all")
    def test_latin1(self):
        result = self._import(DATA / "contacts_latin1.csv")
        leads = self.env["crm.lead"].browse(result["ids"])
        self.assertEqual(leads.mapped("contact_name"), ["Renée Müller", "François Lefèvre"])
        self.assertEqual(leads.mapped("partner_name"), ["Café Müller", "Crème & Cie"])

    @users("kanak_salesman_all")
    @mute_logger("odoo.addons.base_import.models.base_import")
    def test_bad_rows(self):
        before = self.env["crm.lead"].search_count([])
        result = self._import(DATA / "bad_rows.csv")
        self.assertIs(result["ids"], False, "all or nothing")
        self.assertEqual(self.env["crm.lead"].search_count([]), before)
        errors = {
            (message["field"], message["record"]): message["message"]
            for message in result["messages"]
            if message["type"] == "error"
        }
        self.assertIn("not an email address", errors["email_from", 1])
        self.assertIn("Atlantis Sales", errors["team_id", 2])
        self.assertIn("No Such Tag", errors["tag_ids", 3])
        self.assertIn("Five stars", errors["priority", 4])
        self.assertIn("Nobody Known", errors["user_id", 5])
        self.assertNotIn(0, {record for _field, record in errors}, "the good row is fine")


@tagged("post_install", "-at_install", "lead_manage", "kanak_import")
class TestImportRoles(KanakImportCommon):
    @mute_logger("odoo.addons.base_import.models.base_import")
    def test_own_documents_salesperson_imports_only_own_rows(self):
        self.env = self.env(user=self.user_salesman_own)
        result = self._import(DATA / "for_a_colleague.csv")
        self.assertIs(result["ids"], False)
        (error,) = self._messages(result, "error")
        self.assertIn("not for Adrian All Documents", error)
        self.assertFalse(self._leads("mine@example.com"))

        own = self._import(
            self._tmp_csv(
                ["Initiative,Email,Salesperson", "Mine,mine@example.com,Olga Own Documents"]
            )
        )
        self.assertEqual(self.env["crm.lead"].browse(own["ids"]).user_id, self.user_salesman_own)

    def test_all_documents_salesperson_imports_for_colleagues(self):
        self.env = self.env(user=self.user_salesman_all)
        result = self._import(DATA / "for_a_colleague.csv")
        self.assertEqual(result["messages"], [])
        self.assertEqual(
            self.env["crm.lead"].browse(result["ids"]).user_id,
            self.user_salesman_own | self.user_salesman_all,
        )

    def test_portal_cannot_import(self):
        self.env = self.env(user=self.user_portal)
        with self.assertRaises(AccessError):
            self._import(DATA / "for_a_colleague.csv")


@tagged("post_install", "-at_install", "lead_manage", "kanak_import")
class TestImportQueries(KanakImportCommon):
    """Duplicate detection is looked up per chunk of rows, never per row."""

    def _load_duplicates(self, count):
        data = [[f"Repeat {index}", f"known{index}@example.com"] for index in range(count)]
        return (
            self.env["crm.lead"].with_context(import_file=True).load(["name", "email_from"], data)
        )

    def test_screening_queries_do_not_grow_with_the_file(self):
        self.env["crm.lead"].create(
            [
                {"name": f"Known {index}", "email_from": f"known{index}@example.com"}
                for index in range(200)
            ]
        )
        self._load_duplicates(1)  # warm caches (the import channel's record)
        self.env.flush_all()
        with self.assertQueryCount(5):
            result = self._load_duplicates(50)
        self.assertEqual(len(result["messages"]), 50)
        with self.assertQueryCount(5):
            result = self._load_duplicates(200)
        self.assertEqual(len(result["messages"]), 200)
        self.assertEqual(result["ids"], [])
