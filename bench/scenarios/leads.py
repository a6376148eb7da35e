"""Initiatives (Odoo's leads): creating them, and qualifying them as opportunities."""

from bench.seed import bench_salespeople
from bench.seed import bench_teams


def is_project(env):
    return "qualification_score" in env["crm.lead"]._fields


def lead_values(index, teams, users):
    return {
        "name": f"Bench lead {index}",
        "type": "lead",
        "contact_name": f"Contact {index}",
        "email_from": f"contact.{index}@example.com",
        "team_id": teams[index % len(teams)],
        "user_id": users[index % len(users)],
        "priority": str(index % 4),
    }


class CreateInitiatives:
    name = "create 2,000 initiatives (leads) in batches of 100"
    goal = 1.05

    def __init__(self, total=2000, batch=100):
        self.total, self.batch = total, batch

    def prepare(self, env):
        return {"teams": bench_teams(env).ids, "users": bench_salespeople(env).ids}

    def run(self, env, state):
        Lead = env["crm.lead"]
        for start in range(0, self.total, self.batch):
            Lead.create(
                [
                    lead_values(index, state["teams"], state["users"])
                    for index in range(start, start + self.batch)
                ]
            )


class QualifyInitiatives:
    """Stock: the Convert to Opportunity wizard's conversion, one lead at a time, as a
    salesperson does it. Project: the Qualify as Opportunity button's path."""

    name = "qualify 1,000 initiatives one by one"
    goal = 1.10

    def __init__(self, total=1000):
        self.total = total

    def prepare(self, env):
        teams, users = bench_teams(env).ids, bench_salespeople(env).ids
        leads = env["crm.lead"].create(
            [lead_values(index, teams, users) for index in range(self.total)]
        )
        return {"leads": leads}

    def run(self, env, state):
        project = is_project(env)
        Wizard = env["crm.lead2opportunity.partner"]
        for lead in state["leads"]:
            if project:
                lead._qualify_as_opportunity(lead.user_id)
                continue
            wizard = Wizard.with_context(
                active_model="crm.lead", active_id=lead.id, active_ids=lead.ids
            ).create(
                {
                    "lead_id": lead.id,
                    "name": "convert",
                    "user_id": lead.user_id.id,
                    "team_id": lead.team_id.id,
                }
            )
            wizard._action_convert()


SCENARIOS = [CreateInitiatives(), QualifyInitiatives()]
