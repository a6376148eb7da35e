"""Lost is not the end: bringing back lost records whose reason's delay has passed.

Stock Odoo has no delay on a lost reason; what an administrator builds with stock's
own tools is a scheduled server action over the lost records: Python code that
restores them (stock's Restore, action_restore) and "Schedule Activity" for the
salesperson (ir.actions.server, code and next_activity). The project runs its
scheduled action's batches (without the commit between them, so that the run can be
rolled back) on the same 10,000 lost opportunities, and checks that a batch's
queries do not grow from the first batch to the last.
"""

from bench.scenarios.leads import is_project
from bench.seed import bench_salespeople
from bench.seed import bench_teams

DUE = 10_000
BATCH = 200


def insert_due_lost_records(env, total):
    """Opportunities lost 100 days ago, each of its own contact, spread over the bench
    salespeople, each in their team; on the project side, due to be contacted again."""
    teams = bench_teams(env)
    users = bench_salespeople(env)
    stage = env["crm.lead"]._stage_find(limit=1).id
    reason = env["crm.lost.reason"].search([], limit=1)
    if is_project(env):
        reason = env.ref("kanak_crm_flow.lost_reason_not_now")
    env.cr.execute(
        """
        INSERT INTO crm_lead (name, type, team_id, user_id, company_id, stage_id, active,
                              won_status, probability, automated_probability, priority,
                              lost_reason_id, email_from, email_normalized, date_closed,
                              create_date, write_date, create_uid, write_uid)
        SELECT 'Bench lost opportunity ' || n, 'opportunity',
               -- The seed's teams have users[position::3]: each its salesperson's team.
               (%(teams)s::int[])[1 + (n %% array_length(%(users)s::int[], 1))
                                       %% array_length(%(teams)s::int[], 1)],
               (%(users)s::int[])[1 + n %% array_length(%(users)s::int[], 1)],
               %(company)s, %(stage)s, false, 'lost', 0, 0, '1', %(reason)s,
               'lost' || n || '@bench.example.com', 'lost' || n || '@bench.example.com',
               now() - interval '100 days', now() - interval '200 days',
               now() - interval '100 days', 1, 1
          FROM generate_series(1, %(total)s) AS n
        """,
        {
            "teams": teams.ids,
            "users": users.ids,
            "company": env.company.id,
            "stage": stage,
            "reason": reason.id,
            "total": total,
        },
    )
    if is_project(env):
        env.cr.execute(
            "UPDATE crm_lead SET contact_again_date = now() - interval '10 days' "
            "WHERE name LIKE 'Bench lost opportunity %'"
        )
    env.cr.execute("ANALYZE crm_lead")
    env.invalidate_all()


class ContactLostAgain:
    name = "bring back 10,000 lost records due to be contacted again"
    goal = 1.0

    def prepare(self, env):
        insert_due_lost_records(env, DUE)
        if is_project(env):
            return {}
        model = env["ir.model"]._get("crm.lead")
        actions = env["ir.actions.server"].create(
            [
                {
                    "name": "Bench: restore lost records",
                    "model_id": model.id,
                    "state": "code",
                    "code": "records.action_restore()",
                },
                {
                    "name": "Bench: contact again activity",
                    "model_id": model.id,
                    "state": "next_activity",
                    "activity_type_id": env.ref("mail.mail_activity_data_todo").id,
                    "activity_summary": "Contact again",
                    "activity_user_type": "generic",
                    "activity_user_field_name": "user_id",
                },
            ]
        )
        return {"actions": actions}

    def run(self, env, state):
        if not state:
            per_batch = []
            while True:
                before = env.cr.sql_log_count
                if not env["crm.lead"]._contact_lost_again(BATCH):
                    break
                env.flush_all()
                per_batch.append(env.cr.sql_log_count - before)
            # The last batch is a full one too (DUE is a multiple of BATCH).
            if per_batch[-1] > per_batch[0]:
                raise AssertionError(f"a batch's queries grew: {per_batch}")
            return
        leads = (
            env["crm.lead"]
            .with_context(active_test=False)
            .search([("name", "=like", "Bench lost opportunity %")])
        )
        for action in state["actions"]:
            action.with_context(active_model="crm.lead", active_ids=leads.ids).run()


SCENARIOS = [ContactLostAgain()]
