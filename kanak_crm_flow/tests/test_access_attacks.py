# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""An attacker's sweep, kept: each hole found over JSON-RPC, attacked again the same
way (call_kw with the specification, context, field order or values an attacker
chooses), as the persona that found it. Each test asserts what stock Odoo gives."""

import json

from odoo.tests import HttpCase
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import KanakCrmCommon
from .test_mail_gateway import ALIAS_DOMAIN
from .test_mail_gateway import build_email

SECRET = "Secret colleague deal"


class RpcAttackCommon(KanakCrmCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_colleague = mail_new_test_user(
            cls.env,
            login="kanak_attack_colleague",
            name="Cora Colleague",
            email="cora.colleague@example.com",
            company_id=cls.company_main.id,
            groups="sales_team.group_sale_salesman",
        )
        cls.user_internal = mail_new_test_user(
            cls.env, login="kanak_attack_internal", name="Ines Internal", groups="base.group_user"
        )
        # A team whose only member is the colleague: qualifying its unassigned
        # initiatives hands them to her.
        cls.team_colleague = cls.env["crm.team"].create(
            {
                "name": "Kanak Attack Team",
                "company_id": cls.company_main.id,
                "use_leads": True,
                "member_ids": [(6, 0, cls.user_colleague.ids)],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Attack Customer", "email": "buyer@customer.example.com"}
        )
        cls.secret = cls.env["crm.lead"].create(
            {
                "name": SECRET,
                "type": "opportunity",
                "stage_id": cls.stage_new.id,
                "user_id": cls.user_colleague.id,
                "team_id": cls.team_colleague.id,
                "partner_id": cls.customer.id,
                "expected_revenue": 987650,
            }
        )

    def call(self, login, model, method, *args, context=None, **kwargs):
        """The JSON-RPC answer as an integration reads it: result, or error."""
        self.authenticate(login, login)
        if context is not None:
            kwargs["context"] = context
        params = {"model": model, "method": method, "args": list(args), "kwargs": kwargs}
        with mute_logger("odoo.http", "odoo.addons.base.models.ir_rule"):
            response = self.opener.post(
                f"{self.base_url()}/web/dataset/call_kw/{model}/{method}",
                json={"id": 0, "jsonrpc": "2.0", "method": "call", "params": params},
                timeout=60,
            )
        response.raise_for_status()
        self.env.invalidate_all()
        return response.json()

    def assertRpcError(self, answer, name, message=None):
        self.assertIn("error", answer, f"refused, never a success: {answer.get('result')}")
        self.assertEqual(answer["error"]["data"]["name"], name, answer["error"]["data"])
        if message:
            self.assertIn(message, answer["error"]["data"]["message"])

    def assertResult(self, answer):
        self.assertNotIn("error", answer, answer.get("error"))
        # A method answering None comes back without a result.
        return answer.get("result")


@tagged("post_install", "-at_install", "security")
class TestAccessAttacks(RpcAttackCommon):
    # 1. web_save answered with a superuser read shaped by the client.
    def test_web_save_answers_nothing_the_user_may_not_read(self):
        initiative = self.env["crm.lead"].create(
            {
                "name": "Unassigned card",
                "type": "lead",
                "user_id": False,
                "team_id": self.team_colleague.id,
                "partner_id": self.customer.id,
            }
        )
        # What the Sales Flow board asks, and what an attacker adds: the customer's
        # other deals, through the relations.
        specification = {
            "name": {},
            "expected_revenue": {},
            "stage_id": {"fields": {"display_name": {}}},
            "user_id": {"fields": {"display_name": {}}},
            "tag_ids": {"fields": {"display_name": {}, "color": {}}},
            "partner_id": {
                "fields": {
                    "display_name": {},
                    "opportunity_ids": {"fields": {"name": {}, "expected_revenue": {}}},
                }
            },
        }
        answer = self.call(
            "kanak_salesman_own",
            "crm.lead",
            "web_save",
            initiative.ids,
            {"stage_id": self.stage_new.id},
            specification,
        )
        [card] = self.assertResult(answer)
        self.assertEqual(
            (initiative.type, initiative.user_id), ("opportunity", self.user_colleague)
        )
        self.assertEqual(card["stage_id"]["id"], self.stage_new.id, "the card shows where it went")
        self.assertEqual(card["user_id"]["display_name"], "Cora Colleague")
        self.assertEqual(card["partner_id"]["id"], self.customer.id)
        self.assertEqual(card["partner_id"]["opportunity_ids"], [], "none the user may read")
        self.assertNotIn(SECRET, json.dumps(card))
        self.assertNotIn("987650", json.dumps(card))

    # 2. The Qualify dialog read any lead as superuser.
    def test_qualify_dialog_refuses_leads_the_user_may_not_qualify(self):
        theirs = self.env["crm.lead"].create(
            {
                "name": "Colleague's initiative",
                "type": "lead",
                "user_id": self.user_colleague.id,
                "team_id": self.team_colleague.id,
            }
        )
        other_company = self.env["crm.lead"].create(
            {
                "name": "Second company initiative",
                "type": "lead",
                "team_id": self.team_company_2.id,
                "company_id": self.company_2.id,
            }
        )
        spec = {
            "lead_id": {"fields": {"display_name": {}}},
            "team_id": {"fields": {"display_name": {}}},
            "user_id": {"fields": {"display_name": {}}},
            "company_id": {"fields": {"display_name": {}}},
            "qualification_score": {},
        }
        Wizard = "kanak.crm.lead.qualify"
        for lead in theirs | other_company:
            with self.subTest(lead=lead.name):
                answer = self.call(
                    "kanak_salesman_own",
                    Wizard,
                    "onchange",
                    [],
                    {},
                    [],
                    spec,
                    context={"default_lead_id": lead.id},
                )
                self.assertRpcError(answer, "odoo.exceptions.AccessError")
                self.assertNotIn(lead.name, json.dumps(answer))
                answer = self.call("kanak_salesman_own", Wizard, "create", [{"lead_id": lead.id}])
                self.assertRpcError(answer, "odoo.exceptions.AccessError")
        # Created with a salesperson given (no proposal computed): refused all the same.
        for lead in theirs | other_company:
            answer = self.call(
                "kanak_salesman_own",
                Wizard,
                "create",
                [{"lead_id": lead.id, "user_id": self.user_salesman_own.id}],
            )
            self.assertRpcError(answer, "odoo.exceptions.AccessError")
        # Another user's dialog, on a lead they may qualify, is theirs alone.
        [manager_wizard] = self.assertResult(
            self.call("kanak_sales_manager", Wizard, "create", [{"lead_id": theirs.id}])
        )
        rows = self.assertResult(
            self.call("kanak_salesman_own", Wizard, "search_read", [], ["lead_id", "team_id"])
        )
        self.assertNotIn(manager_wizard, [row["id"] for row in rows])
        self.assertNotIn(theirs.name, json.dumps(rows))
        # The dialog still proposes on what the user may qualify, created by RPC
        # without a salesperson too (computed before insert).
        mine = self._create_initiative(name="Unassigned of my team", user_id=False)
        [wizard_id] = self.assertResult(
            self.call("kanak_salesman_own", Wizard, "create", [{"lead_id": mine.id}])
        )
        self.assertTrue(self.env[Wizard].browse(wizard_id).user_id)

    # 3. Anyone's address to the global blacklists, and an administrator overruled.
    def test_do_not_contact_blacklists_own_records_and_never_undoes_an_administrator(self):
        reason = self.env.ref("kanak_crm_flow.lost_reason_do_not_contact")
        lead = self._create_initiative(
            name="Asked for silence",
            email_from="quiet@example.com",
            user_id=self.user_salesman_own.id,
        )
        self.assertResult(
            self.call(
                "kanak_salesman_own",
                "crm.lead",
                "action_set_lost",
                lead.ids,
                lost_reason_id=reason.id,
            )
        )
        entry = self.env["mail.blacklist"].search([("email", "=", "quiet@example.com")])
        self.assertTrue(entry.active)
        self.assertIn("Asked for silence", str(entry.message_ids.mapped("body")), "says why")
        self.assertIn("Olga Own Documents", str(entry.message_ids.mapped("body")), "and who")

        # An administrator takes it off; the salesperson repeats the trick.
        entry._remove("quiet@example.com", message="The contact called us back.")
        again = self._create_initiative(
            name="Asked again?", email_from="quiet@example.com", user_id=self.user_salesman_own.id
        )
        self.assertResult(
            self.call(
                "kanak_salesman_own",
                "crm.lead",
                "action_set_lost",
                again.ids,
                lost_reason_id=reason.id,
            )
        )
        self.assertFalse(entry.active, "an administrator's decision stands")
        self.assertTrue(
            again.message_ids.filtered(lambda m: "is not put back" in str(m.body)),
            "the chatter says why nothing was blacklisted",
        )

        # A colleague's record: refused, nothing blacklisted.
        theirs = self.env["crm.lead"].create(
            {
                "name": "Colleague's contact",
                "type": "lead",
                "email_from": "colleague.contact@example.com",
                "user_id": self.user_colleague.id,
                "team_id": self.team_colleague.id,
            }
        )
        answer = self.call(
            "kanak_salesman_own",
            "crm.lead",
            "action_set_lost",
            theirs.ids,
            lost_reason_id=reason.id,
        )
        self.assertRpcError(answer, "odoo.exceptions.AccessError")
        self.assertFalse(
            self.env["mail.blacklist"].search([("email", "=", "colleague.contact@example.com")])
        )

    # 5. Workload figures computed as superuser through a related field.
    def test_workload_figures_do_not_depend_on_the_field_order(self):
        self._create_initiative(name="Load", user_id=self.user_salesman_own.id)
        self.env["crm.lead"].create(
            {
                "name": "Load 2",
                "type": "opportunity",
                "stage_id": self.stage_new.id,
                "team_id": self.team_europe.id,
                "user_id": self.user_sales_manager.id,
            }
        )
        domain = [("crm_team_id", "=", self.team_europe.id)]
        figures = ["workload_initiative_count", "workload_total", "workload_last_assignment_date"]
        for order in (["team_workload_imbalance", *figures], [*figures, "team_workload_imbalance"]):
            with self.subTest(order=order[0]):
                rows = self.assertResult(
                    self.call(
                        "kanak_attack_internal", "crm.team.member", "search_read", domain, order
                    )
                )
                self.assertTrue(rows)
                for row in rows:
                    self.assertEqual(
                        (row["workload_total"], row["workload_last_assignment_date"]),
                        (0, False),
                        "not their figures, whatever the order",
                    )
                rows = self.assertResult(
                    self.call(
                        "kanak_sales_manager", "crm.team.member", "search_read", domain, order
                    )
                )
                self.assertEqual(sorted(row["workload_total"] for row in rows), [1, 1])

    # 6. The import's dry run as an enumeration oracle.
    def test_import_warnings_name_only_what_the_user_may_read(self):
        lost = self.env["crm.lead"].create(
            {
                "name": "Colleague's lost deal",
                "type": "lead",
                "email_from": "came.back@example.com",
                "user_id": self.user_colleague.id,
                "team_id": self.team_colleague.id,
            }
        )
        reason = self.env.ref("kanak_crm_flow.lost_reason_competitor")
        lost.action_set_lost(lost_reason_id=reason.id)
        content = (
            "name,email_from\nRow one,buyer@customer.example.com\nRow two,came.back@example.com\n"
        )
        [import_id] = self.assertResult(
            self.call(
                "kanak_salesman_own",
                "base_import.import",
                "create",
                [
                    {
                        "res_model": "crm.lead",
                        "file": content,
                        "file_name": "contacts.csv",
                        "file_type": "text/csv",
                    }
                ],
            )
        )
        options = {
            "has_headers": True,
            "separator": ",",
            "quoting": '"',
            "encoding": "utf-8",
            "dryrun": True,
        }
        result = self.assertResult(
            self.call(
                "kanak_salesman_own",
                "base_import.import",
                "execute_import",
                [import_id],
                ["name", "email_from"],
                ["name", "email_from"],
                options,
            )
        )
        messages = " ".join(message["message"] for message in result["messages"])
        self.assertIn("already on an open initiative or opportunity", messages)
        for secret in (SECRET, "Cora Colleague", "Colleague's lost deal", reason.name):
            self.assertNotIn(secret, messages)

    # 8. The gate and the response figures forged by RPC.
    def test_gate_holds_on_every_conversion_path(self):
        self.team_europe.qualification_min_score = 3
        lead = self._create_initiative(name="Score zero", user_id=self.user_salesman_own.id)
        forged = [
            ("write", [lead.ids, {"type": "opportunity", "stage_id": self.stage_new.id}], {}),
            ("write", [lead.ids, {"type": "opportunity"}], {}),
            (
                "convert_opportunity",
                [lead.ids, False],
                {"context": {"kanak_conversion_team_id": self.team_latam.id}},
            ),
        ]
        for method, args, kwargs in forged:
            with self.subTest(method=method, args=args[1:]):
                answer = self.call("kanak_salesman_own", "crm.lead", method, *args, **kwargs)
                self.assertRpcError(answer, "odoo.exceptions.UserError", "scores 0 of 4")
                self.assertEqual((lead.type, lead.stage_id), ("lead", self.stage_initiatives))

    def test_recorded_response_fields_are_the_systems(self):
        self.team_europe.first_response_hours = 8
        lead = self._create_initiative(name="Unanswered", user_id=self.user_salesman_own.id)
        deadline = lead.response_deadline
        self.assertTrue(deadline)
        forged = {
            "first_response_date": "2026-11-30 09:00:00",
            "first_response_user_id": self.user_sales_manager.id,
            "response_escalated": True,
            "response_deadline": "2030-01-01 00:00:00",
            "qualification_score": 4,
        }
        for field, value in forged.items():
            with self.subTest(field=field):
                answer = self.call(
                    "kanak_salesman_own", "crm.lead", "write", lead.ids, {field: value}
                )
                self.assertRpcError(answer, "odoo.exceptions.AccessError", "recorded by the system")
                answer = self.call(
                    "kanak_salesman_own",
                    "crm.lead",
                    "create",
                    [{"name": "Forged", "type": "lead", field: value}],
                )
                self.assertRpcError(answer, "odoo.exceptions.AccessError")
        self.assertRecordValues(
            lead,
            [
                {
                    "first_response_date": False,
                    "response_escalated": False,
                    "response_deadline": deadline,
                    "qualification_score": 0,
                }
            ],
        )
        # A sales manager corrects them (said in the access matrix).
        self.assertResult(
            self.call(
                "kanak_sales_manager",
                "crm.lead",
                "write",
                lead.ids,
                {"response_escalated": True},
            )
        )
        self.assertTrue(lead.response_escalated)


@tagged("post_install", "-at_install", "security")
class TestAcknowledgementAbuse(RpcAttackCommon):
    """Lesser: a spoofed employee address writing to a team alias."""

    def test_spoofed_employee_address_gets_no_acknowledgement(self):
        domain = self.env["mail.alias.domain"].create({"name": ALIAS_DOMAIN})
        self.company_main.alias_domain_id = domain
        self.team_latam.write(
            {
                "alias_name": "kanak-attack-latam",
                "alias_domain_id": domain.id,
                "acknowledge_new_initiatives": True,
            }
        )
        spoofed = build_email(
            f"kanak-attack-latam@{ALIAS_DOMAIN}",
            sender=f"Marta <{self.user_sales_manager.email}>",
        )
        strangers = [
            build_email(
                f"kanak-attack-latam@{ALIAS_DOMAIN}",
                sender="Stranger <stranger@example.com>",
                subject=f"Request {number}",
            )
            for number in (1, 2)
        ]
        with self.mock_mail_gateway(), mute_logger("odoo.addons.mail.models.mail_thread"):
            for message in (spoofed, *strangers):
                self.env["mail.thread"].message_process("crm.lead", message.as_bytes())
        self.assertFalse(self._new_mails.filtered(lambda m: "marta" in (m.email_to or "")))
        self.assertEqual(
            len(self._new_mails.filtered(lambda m: "stranger@" in (m.email_to or ""))),
            1,
            "one acknowledgement per address a day",
        )
