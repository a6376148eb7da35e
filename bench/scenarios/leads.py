"""Creating leads: the write path every entry channel goes through."""

from bench.seed import bench_salespeople, bench_teams


class CreateLeads:
    name = "create 2,000 leads in batches of 100"
    goal = None

    def __init__(self, total=2000, batch=100):
        self.total, self.batch = total, batch

    def prepare(self, env):
        return {"teams": bench_teams(env).ids, "users": bench_salespeople(env).ids}

    def run(self, env, state):
        Lead = env["crm.lead"]
        teams, users = state["teams"], state["users"]
        for start in range(0, self.total, self.batch):
            Lead.create(
                [
                    {
                        "name": f"Bench lead {index}",
                        "type": "lead",
                        "contact_name": f"Contact {index}",
                        "email_from": f"contact.{index}@example.com",
                        "team_id": teams[index % len(teams)],
                        "user_id": users[index % len(users)],
                        "priority": str(index % 4),
                    }
                    for index in range(start, start + self.batch)
                ]
            )


SCENARIOS = [CreateLeads()]
