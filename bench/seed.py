"""Seed data loaded identically into the stock and the project benchmark databases."""

SEED_VERSION = "1"
SALESPEOPLE = 20
TEAMS = ("Bench Europe", "Bench Latin America", "Bench North America")


def create_salespeople(env, count, login_prefix, name_prefix):
    """count all-documents salespeople: <login_prefix>_00, ... named <name_prefix> 00, ..."""
    salesman_group = env.ref("sales_team.group_sale_salesman_all_leads")
    return (
        env["res.users"]
        .with_context(no_reset_password=True, mail_create_nolog=True)
        .create(
            [
                {
                    "name": f"{name_prefix} {index:02d}",
                    "login": f"{login_prefix}_{index:02d}",
                    "email": f"{login_prefix.replace('_', '.')}.{index:02d}@example.com",
                    "group_ids": [(6, 0, salesman_group.ids)],
                }
                for index in range(count)
            ]
        )
    )


def create_sales_manager(env):
    return env["res.users"].create(
        {
            "name": "Bench Sales Manager",
            "login": "bench_sales_manager",
            "group_ids": [(6, 0, env.ref("sales_team.group_sale_manager").ids)],
        }
    )


def seed(env):
    users = create_salespeople(env, SALESPEOPLE, "bench_salesperson", "Bench Salesperson")
    # The project's teams promise a first response, as its seeded teams do: every
    # initiative created in a scenario pays for its deadline.
    promise = {"first_response_hours": 8} if "first_response_hours" in env["crm.team"] else {}
    for position, name in enumerate(TEAMS):
        members = users[position :: len(TEAMS)]
        env["crm.team"].create(
            {
                "name": name,
                "use_leads": True,
                "use_opportunities": True,
                "member_ids": [(6, 0, members.ids)],
                **promise,
            }
        )
    env["res.partner"].create(
        [
            {"name": f"Bench Customer {index:03d}", "email": f"customer.{index:03d}@example.com"}
            for index in range(200)
        ]
    )


def bench_teams(env):
    return env["crm.team"].search([("name", "in", TEAMS)], order="name")


def bench_salespeople(env):
    return env["res.users"].search([("login", "=like", "bench_salesperson_%")], order="login")
