# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.addons.crm.tests.common import TestCrmCommon
from odoo.addons.mail.tests.common import mail_new_test_user


class KanakCrmCommon(TestCrmCommon):
    """Personas and teams shared by every test of the module, on top of stock's own
    CRM test base (its users, sales_team_1 and stages, and MailCase's gateway helpers).

    Sales organisation (main company unless stated):
    - user_salesman_own: "User: Own Documents Only", member of team_europe
    - user_salesman_all: "User: All Documents", member of team_latam
    - user_sales_manager: "Administrator" of Sales, leader of team_europe
    - user_portal: portal user, no access to Sales
    - user_company_2: "User: All Documents" of company_2 only, member of team_company_2
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._restore_stock_stage_order()
        cls.company_main = cls.env.company
        cls.company_2 = cls.env["res.company"].create({"name": "Kanak Second Company"})

        cls.user_salesman_own = mail_new_test_user(
            cls.env,
            login="kanak_salesman_own",
            name="Olga Own Documents",
            email="olga.own@example.com",
            company_id=cls.company_main.id,
            groups="sales_team.group_sale_salesman",
        )
        cls.user_salesman_all = mail_new_test_user(
            cls.env,
            login="kanak_salesman_all",
            name="Adrian All Documents",
            email="adrian.all@example.com",
            company_id=cls.company_main.id,
            groups="sales_team.group_sale_salesman_all_leads",
        )
        cls.user_sales_manager = mail_new_test_user(
            cls.env,
            login="kanak_sales_manager",
            name="Marta Sales Manager",
            email="marta.manager@example.com",
            company_id=cls.company_main.id,
            groups="sales_team.group_sale_manager,base.group_partner_manager",
        )
        cls.user_portal = mail_new_test_user(
            cls.env,
            login="kanak_portal",
            name="Pablo Portal",
            email="pablo.portal@example.com",
            company_id=cls.company_main.id,
            groups="base.group_portal",
        )
        cls.user_company_2 = mail_new_test_user(
            cls.env,
            login="kanak_company_2",
            name="Carla Second Company",
            email="carla.company2@example.com",
            company_id=cls.company_2.id,
            company_ids=[(6, 0, cls.company_2.ids)],
            groups="sales_team.group_sale_salesman_all_leads",
        )

        cls.stage_initiatives = cls.env.ref("kanak_crm_flow.stage_initiatives")
        cls.stage_new = cls.env.ref("crm.stage_lead1")
        cls.stage_qualified = cls.env.ref("crm.stage_lead2")
        cls.stage_proposition = cls.env.ref("crm.stage_lead3")
        cls.stage_won = cls.env.ref("crm.stage_lead4")

        Team = cls.env["crm.team"]
        cls.team_europe = Team.create(
            {
                "name": "Kanak Test Europe",
                "company_id": cls.company_main.id,
                "user_id": cls.user_sales_manager.id,
                "use_leads": True,
                "use_opportunities": True,
                "member_ids": [(6, 0, (cls.user_salesman_own | cls.user_sales_manager).ids)],
            }
        )
        cls.team_latam = Team.create(
            {
                "name": "Kanak Test Latin America",
                "company_id": cls.company_main.id,
                "use_leads": True,
                "use_opportunities": True,
                "member_ids": [(6, 0, cls.user_salesman_all.ids)],
            }
        )
        cls.team_company_2 = Team.create(
            {
                "name": "Kanak Test Second Company",
                "company_id": cls.company_2.id,
                "use_leads": True,
                "use_opportunities": True,
                "member_ids": [(6, 0, cls.user_company_2.ids)],
            }
        )

    @classmethod
    def _restore_stock_stage_order(cls):
        # TestCrmCommon pushes every existing stage to sequence 9999 and adds shared
        # test stages, for its own sales_team_1. Our teams keep the pipeline the addon
        # is installed with: Initiatives, New, Qualified, Proposition, Won.
        for xmlid, sequence in (
            ("kanak_crm_flow.stage_initiatives", 0),
            ("crm.stage_lead1", 1),
            ("crm.stage_lead2", 2),
            ("crm.stage_lead3", 3),
            ("crm.stage_lead4", 70),
        ):
            cls.env.ref(xmlid).sequence = sequence
        (cls.stage_gen_1 | cls.stage_gen_won).team_ids = cls.sales_team_1

    def _create_initiative(self, **values):
        return self.env["crm.lead"].create(
            {
                "name": "Initiative",
                "type": "lead",
                "team_id": self.team_europe.id,
                **values,
            }
        )
