"""Speed to lead: escalating initiatives past their first response deadline.

Stock Odoo has no such promise; what an administrator builds with stock's own tools
is a scheduled server action over the initiatives older than the promise: "Schedule
Activity" for the team leader and "Log a note" (ir.actions.server, next_activity
and mail_post). The project runs its scheduled action's batches (without the commit
between them, so that the run can be rolled back), on the same 10,000 initiatives.
"""

from bench.scenarios.leads import is_project
from bench.seed import bench_salespeople
from bench.seed import bench_teams

OVERDUE = 10_000


def insert_overdue_initiatives(env, total):
    """Initiatives that arrived three days ago, unanswered, spread over the bench teams;
    on the project side, due two days ago."""
    teams = bench_teams(env).ids
    stage = env["crm.lead"]._stage_find(limit=1).id
    if is_project(env):
        stage = env["crm.stage"]._get_qualification_stage_id(False)
    env.cr.execute(
        """
        INSERT INTO crm_lead (name, type, team_id, company_id, stage_id, active, won_status,
                              probability, priority, create_date, write_date, create_uid,
                              write_uid)
        SELECT 'Bench overdue initiative ' || n, 'lead',
               (%(teams)s::int[])[1 + n %% array_length(%(teams)s::int[], 1)],
               %(company)s, %(stage)s, true, 'pending', 10, '1',
               now() - interval '3 days', now() - interval '3 days', 1, 1
          FROM generate_series(1, %(total)s) AS n
        """,
        {"teams": teams, "company": env.company.id, "stage": stage, "total": total},
    )
    if is_project(env):
        env.cr.execute(
            "UPDATE crm_lead SET response_deadline = now() - interval '2 days' "
            "WHERE name LIKE 'Bench overdue initiative %'"
        )
    env.cr.execute("ANALYZE crm_lead")
    env.invalidate_all()


class EscalateOverdueInitiatives:
    name = "escalate 10,000 overdue initiatives"
    goal = 1.0

    def prepare(self, env):
        teams = bench_teams(env)
        leaders = bench_salespeople(env)
        for team, leader in zip(teams, leaders[: len(teams)], strict=True):
            team.user_id = leader
            if is_project(env):
                team.first_response_hours = 8
        insert_overdue_initiatives(env, OVERDUE)
        if is_project(env):
            return {}
        model = env["ir.model"]._get("crm.lead")
        overdue_type = env.ref("mail.mail_activity_data_todo")
        actions = env["ir.actions.server"].create(
            [
                {
                    "name": "Bench: overdue initiative activity",
                    "model_id": model.id,
                    "state": "next_activity",
                    "activity_type_id": overdue_type.id,
                    "activity_summary": "Overdue initiative",
                    # A server action assigns one user (or a field of the record, which
                    # has no team leader): the first team's leader.
                    "activity_user_type": "specific",
                    "activity_user_id": teams[0].user_id.id,
                },
                {
                    "name": "Bench: overdue initiative note",
                    "model_id": model.id,
                    "state": "mail_post",
                    "mail_post_method": "note",
                    "template_id": False,
                },
            ]
        )
        template = env["mail.template"].create(
            {
                "name": "Bench: overdue initiative",
                "model_id": model.id,
                "body_html": "<p>No first response within the promised working hours: "
                "escalated to {{ object.team_id.user_id.name }}.</p>",
            }
        )
        actions[1].template_id = template
        return {"actions": actions}

    def run(self, env, state):
        if not state:
            while env["crm.lead"]._escalate_overdue_initiatives(200):
                pass
            return
        leads = env["crm.lead"].search(
            [("type", "=", "lead"), ("name", "=like", "Bench overdue initiative %")]
        )
        for action in state["actions"]:
            action.with_context(active_model="crm.lead", active_ids=leads.ids).run()


SCENARIOS = [EscalateOverdueInitiatives()]
