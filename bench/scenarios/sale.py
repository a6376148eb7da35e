"""Order to cash: confirming quotations of opportunities, with the same outcome on
both sides. Stock (sale_crm): confirm, then mark the opportunity won, which is what
the users' procedure does by hand (seed 003: "after the client confirms the order,
manually advance the opportunity to the Won stage"). Project: confirm, and
kanak_crm_flow_sale wins the opportunity."""

from bench.seed import bench_salespeople
from bench.seed import bench_teams


class ConfirmQuotations:
    name = "confirm 500 quotations of opportunities"
    goal = 1.10
    min_repeat = 5

    def __init__(self, total=500):
        self.total = total

    def prepare(self, env):
        teams, users = bench_teams(env), bench_salespeople(env)
        customers = env["res.partner"].search([("name", "=like", "Bench Customer %")])
        product = env["product.product"].create(
            {"name": "Bench road paint", "list_price": 100.0, "type": "consu"}
        )
        stage = env["crm.lead"]._stage_find(domain=[("fold", "=", False)])
        opportunities = env["crm.lead"].create(
            [
                {
                    "name": f"Bench opportunity {index}",
                    "type": "opportunity",
                    "stage_id": stage.id,
                    "team_id": teams[index % len(teams)].id,
                    "user_id": users[index % len(users)].id,
                    "partner_id": customers[index % len(customers)].id,
                }
                for index in range(self.total)
            ]
        )
        orders = env["sale.order"].create(
            [
                {
                    "partner_id": opportunity.partner_id.id,
                    "opportunity_id": opportunity.id,
                    "user_id": opportunity.user_id.id,
                    "team_id": opportunity.team_id.id,
                    "order_line": [(0, 0, {"product_id": product.id, "price_unit": 100.0})],
                }
                for opportunity in opportunities
            ]
        )
        return {"orders": orders}

    def run(self, env, state):
        automatic = "won_on_order_confirmation" in env["crm.team"]._fields
        for order in state["orders"]:
            order.action_confirm()
            if not automatic:
                order.opportunity_id.action_set_won()


SCENARIOS = [ConfirmQuotations()]
