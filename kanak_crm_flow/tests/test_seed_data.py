# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import KanakCrmCommon

SEED_XMLIDS = [
    "stage_initiatives",
    "lost_reason_by_mistake",
    "lost_reason_not_now",
    "lost_reason_no_budget",
    "lost_reason_no_decision_maker",
    "lost_reason_competitor",
    "lost_reason_unreachable",
    "lost_reason_do_not_contact",
    "tag_source_trade_fair",
    "tag_source_business_card",
    "tag_source_website_form",
    "tag_source_email",
    "tag_source_referral",
    "tag_source_purchased_list",
    "tag_interest_paints",
    "mail_template_initiative_acknowledgement",
    "mail_activity_plan_qualify_initiative",
    "team_europe",
    "team_latin_america",
    "mail_activity_type_overdue_initiative",
    "ir_cron_escalate_overdue_initiatives",
    "mail_activity_type_contact_again",
    "ir_cron_contact_lost_again",
]


@tagged("post_install", "-at_install", "lead_internals")
class TestSeedData(KanakCrmCommon):
    def test_seed_records_exist_and_are_noupdate(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "kanak_crm_flow"), ("name", "in", SEED_XMLIDS)]
        )
        self.assertEqual(sorted(data.mapped("name")), sorted(SEED_XMLIDS))
        self.assertTrue(all(data.mapped("noupdate")), "an upgrade never overwrites user edits")

    def test_lost_reasons(self):
        names = set(self.env["crm.lost.reason"].search([]).mapped("name"))
        self.assertLessEqual(
            {
                "Too expensive",
                "We don't have people/skills",
                "Not enough stock",
                "Contacted us by mistake / not our business",
                "Not now / bad timing",
                "No budget this year",
                "No decision-maker reached",
                "Chose a competitor",
                "Unreachable",
                "Asked not to be contacted",
            },
            names,
        )
        flagged = self.env["crm.lost.reason"].search([("do_not_contact", "=", True)])
        self.assertEqual(flagged, self.env.ref("kanak_crm_flow.lost_reason_do_not_contact"))
        delays = {
            reason.get_external_id()[reason.id]: reason.contact_again_days
            for reason in self.env["crm.lost.reason"].search([("contact_again_days", ">", 0)])
        }
        self.assertEqual(
            delays,
            {
                "kanak_crm_flow.lost_reason_not_now": 90,
                "kanak_crm_flow.lost_reason_no_budget": 180,
            },
        )

    def test_initiatives_on_for_internal_users(self):
        self.assertTrue(self.user_salesman_own.has_group("crm.group_use_lead"))
        new_user = self.env["res.users"].create({"name": "Newcomer", "login": "kanak_newcomer"})
        self.assertTrue(new_user.has_group("crm.group_use_lead"))
        self.assertFalse(self.user_portal.has_group("crm.group_use_lead"))

    def test_acknowledgement_changes_nothing_but_the_chatter(self):
        lead = self._create_initiative(
            name="Fair card",
            contact_name="Klaus Becker",
            email_from="klaus@example.com",
            user_id=self.user_salesman_own.id,
        )
        partners_before = self.env["res.partner"].search_count([])
        with self.mock_mail_gateway():
            action = lead.with_user(self.user_salesman_own).action_send_acknowledgement()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)
        self.assertEqual((lead.contact_name, lead.partner_id.id), ("Klaus Becker", False))
        self.assertEqual(lead.email_from, "klaus@example.com")
        mail = self._find_mail_mail_wemail("klaus@example.com", "outgoing")
        self.assertEqual(mail.subject, f"{self.company_main.name}: we received your request")
        self.assertIn("Hello Klaus Becker,", mail.body_html)
        # Signed by the team: a website visitor could otherwise choose the salesperson.
        self.assertIn(self.team_europe.name, mail.body_html)
        self.assertNotIn("Olga Own Documents", mail.body_html)
        self.assertTrue(lead.message_ids.filtered(lambda m: "Acknowledgement sent" in str(m.body)))

    def test_acknowledgement_reads_well_without_names(self):
        lead = self._create_initiative(name="Bare", email_from="bare@example.com", user_id=False)
        with self.mock_mail_gateway():
            lead.action_send_acknowledgement()
        body = self._find_mail_mail_wemail("bare@example.com", "outgoing").body_html
        self.assertIn("Hello,", body)
        self.assertNotIn("Hello ,", body)
        self.assertIn(self.team_europe.name, body, "signed by the team")

    def test_acknowledgement_refused_without_email_or_when_blacklisted(self):
        lead = self._create_initiative(name="No email", user_id=False)
        with self.assertRaisesRegex(UserError, "no valid email address"):
            lead.action_send_acknowledgement()
        self.env["mail.blacklist"]._add("silent@example.com")
        lead.email_from = "silent@example.com"
        with self.assertRaisesRegex(UserError, "asked not to receive emails"):
            lead.action_send_acknowledgement()
        self.assertFalse(lead.message_ids.filtered(lambda m: "Acknowledgement" in str(m.body)))

    def test_acknowledgement_in_spanish(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["kanak_crm_flow"], ["es_ES"], overwrite=True
        )
        lead = self._create_initiative(
            name="Tarjeta",
            contact_name="Lucía",
            email_from="lucia@example.com",
            lang_id=self.env["res.lang"]._lang_get("es_ES").id,
        )
        template = self.env.ref("kanak_crm_flow.mail_template_initiative_acknowledgement")
        lang = template._render_lang(lead.ids)[lead.id]
        self.assertEqual(lang, "es_ES")
        rendered = template.with_context(lang=lang)._render_field("body_html", lead.ids)[lead.id]
        self.assertIn("nuestro equipo comercial se pondrá en contacto", str(rendered))
        subject = template.with_context(lang=lang)._render_field("subject", lead.ids)[lead.id]
        self.assertEqual(subject, f"{self.company_main.name}: hemos recibido su solicitud")

    def test_activity_plan(self):
        plan = self.env.ref("kanak_crm_flow.mail_activity_plan_qualify_initiative")
        self.assertEqual(plan.res_model, "crm.lead")
        steps = plan.template_ids.sorted("sequence")
        self.assertEqual(
            steps.mapped("activity_type_id"),
            self.env.ref("mail.mail_activity_data_call")
            | self.env.ref("mail.mail_activity_data_email"),
        )
        self.assertEqual(steps.mapped("delay_count"), [1, 3])
        lead = self._create_initiative(name="Planned", user_id=self.user_salesman_own.id)
        schedule = (
            self.env["mail.activity.schedule"]
            .with_user(self.user_salesman_own)
            .with_context(active_model="crm.lead", active_id=lead.id, active_ids=lead.ids)
            .create({"plan_id": plan.id, "plan_on_demand_user_id": self.user_salesman_own.id})
        )
        schedule.action_schedule_plan()
        self.assertEqual(lead.activity_ids.activity_type_id, steps.activity_type_id)

    def test_initiatives_order_waiting_first_then_priority_then_newest(self):
        Lead = self.env["crm.lead"]
        answered = self._create_initiative(name="Answered, high", priority="3")
        answered.sudo().first_response_date = "2026-11-30 09:00:00"
        low_old = self._create_initiative(name="Low old", priority="0")
        high = self._create_initiative(name="High", priority="3")
        low_new = self._create_initiative(name="Low new", priority="0")
        order = "first_response_date desc, priority desc, id desc"
        for xmlid in ("crm_lead_view_list_initiatives", "crm_lead_view_kanban_initiatives"):
            view = self.env.ref(f"kanak_crm_flow.{xmlid}")
            view_type = "list" if "list" in xmlid else "kanban"
            arch = Lead.get_views([(view.id, view_type)])["views"][view_type]["arch"]
            self.assertIn(f'default_order="{order}"', arch)
        found = Lead.search([("id", "in", (answered | low_old | high | low_new).ids)], order=order)
        # A new web form (no stars) still comes before one already answered.
        self.assertEqual(found, high | low_new | low_old | answered)
        high_filter = Lead.search(
            [("id", "in", (low_old | high).ids), ("priority", "in", ("2", "3"))]
        )
        self.assertEqual(high_filter, high)
