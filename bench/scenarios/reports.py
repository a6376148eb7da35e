"""Sales Flow Analysis: the default pivot over 100,000 initiatives and opportunities.

A comparison within the project database, not between the two databases: the
report model against stock crm.lead read_group with the same grouping, and against
PostgreSQL's own GROUP BY on crm_lead (the floor), on the same rows in the same run.
"""

from bench.seed import bench_salespeople
from bench.seed import bench_teams

LEADS = 100_000

# What the pivot asks for when it opens: the total, the rows (salesperson), the
# columns (stage) and the cells.
PIVOT_GROUPINGS = ([], ["user_id"], ["{stage}"], ["user_id", "{stage}"])
IN_ANALYSIS = ["|", ("active", "=", True), ("won_status", "=", "lost")]

FLOOR_SQL = """
    SELECT user_id,
           CASE WHEN won_status = 'lost' THEN -1 ELSE stage_id END AS column_key,
           count(*)
      FROM crm_lead
     WHERE active OR won_status = 'lost'
     GROUP BY GROUPING SETS ((), (user_id), (2), (user_id, 2))
"""


def insert_leads(env, total):
    """Plain SQL rows, spread over the bench teams, salespeople and the flow's stages:
    30% initiatives, 60% opportunities (a sixth of them won), 10% lost."""
    users = bench_salespeople(env).ids
    teams = bench_teams(env).ids
    qualification = env["crm.stage"]._get_qualification_stage_id(False)
    stages = env["crm.lead"]._stage_find(limit=None).sorted("sequence")
    won = stages.filtered("is_won")[:1].id
    pipeline = (stages - stages.filtered("is_won")).ids
    env.cr.execute(
        """
        INSERT INTO crm_lead (name, type, user_id, team_id, company_id, stage_id, active,
                              won_status, probability, priority, expected_revenue,
                              prorated_revenue, qualification_score, create_date, write_date,
                              date_open, date_conversion, date_closed, create_uid, write_uid)
        SELECT 'Bench report lead ' || n,
               CASE WHEN n %% 10 < 3 THEN 'lead' ELSE 'opportunity' END,
               (%(users)s::int[])[1 + n %% array_length(%(users)s::int[], 1)],
               (%(teams)s::int[])[1 + n %% array_length(%(teams)s::int[], 1)],
               %(company)s,
               CASE WHEN n %% 10 < 3 THEN %(qualification)s
                    WHEN n %% 10 = 9 THEN %(won)s
                    ELSE (%(pipeline)s::int[])[1 + n %% array_length(%(pipeline)s::int[], 1)] END,
               n %% 10 <> 8,
               CASE WHEN n %% 10 = 8 THEN 'lost' WHEN n %% 10 = 9 THEN 'won' ELSE 'pending' END,
               CASE WHEN n %% 10 = 8 THEN 0 WHEN n %% 10 = 9 THEN 100 ELSE 30 END,
               (n %% 4)::text,
               (n %% 50) * 100,
               (n %% 50) * 30,
               n %% 5,
               now() - (n %% 365) * interval '1 day',
               now(),
               now() - (n %% 300) * interval '1 day',
               CASE WHEN n %% 10 >= 3 THEN now() - (n %% 200) * interval '1 day' END,
               CASE WHEN n %% 10 >= 8 THEN now() - (n %% 100) * interval '1 day' END,
               1, 1
          FROM generate_series(1, %(total)s) AS n
        """,
        {
            "users": users,
            "teams": teams,
            "company": env.company.id,
            "qualification": qualification,
            "won": won,
            "pipeline": pipeline,
            "total": total,
        },
    )
    env.cr.execute("ANALYZE crm_lead")
    env.invalidate_all()


class DefaultPivot:
    name = "Sales Flow Analysis default pivot, 100,000 records"
    compare = True
    goals = {"stock": 1.5, "floor": 10.0}

    def prepare(self, env):
        insert_leads(env, LEADS)
        manager = env["res.users"].create(
            {
                "name": "Bench Sales Manager",
                "login": "bench_sales_manager",
                "group_ids": [(6, 0, env.ref("sales_team.group_sale_manager").ids)],
            }
        )
        return {"manager": manager}

    def run(self, env, state, variant):
        return open_pivot(
            env,
            state,
            variant,
            FLOOR_SQL,
            groupings={
                "project": [[t.format(stage="flow_stage") for t in g] for g in PIVOT_GROUPINGS],
                "stock": [[t.format(stage="stage_id") for t in g] for g in PIVOT_GROUPINGS],
            },
            measures={"project": ["__count"], "stock": ["__count"]},
        )


def open_pivot(env, state, variant, floor_sql, groupings, measures):
    """What the web pivot asks as a Sales Administrator: the report's read_groups
    (project), crm.lead's over the same records (stock), or the SQL floor."""
    if variant == "floor":
        env.cr.execute(floor_sql)
        return env.cr.fetchall()
    manager_env = env(user=state["manager"].id, su=False)
    if variant == "project":
        model, domain = manager_env["kanak.crm.flow.report"], []
    else:
        model, domain = manager_env["crm.lead"].with_context(active_test=False), IN_ANALYSIS
    return [
        model.formatted_read_group(domain, grouping, measures[variant])
        for grouping in groupings[variant]
    ]


RESPONSE_GROUPINGS = ([], ["team_id"], ["create_date:month"], ["team_id", "create_date:month"])
# The Speed to Lead pivot's default measures.
RESPONSE_MEASURES = [
    "__count",
    "response_hours:avg",
    "answered_in_time_rate:avg",
    "qualification_rate:avg",
]
# As many averages of stock's own stored fields, for stock's read_group.
STOCK_MEASURES = [
    "__count",
    "probability:avg",
    "expected_revenue:avg",
    "prorated_revenue:avg",
]
RESPONSE_FLOOR_SQL = """
    SELECT team_id, date_trunc('month', create_date) AS month, count(*),
           avg(CASE WHEN first_response_date IS NOT NULL THEN response_hours END),{median}
           avg(CASE WHEN response_deadline IS NULL THEN NULL
                    WHEN first_response_date IS NOT NULL
                        THEN CASE WHEN first_response_date <= response_deadline
                                  THEN 100.0 ELSE 0.0 END
                    WHEN response_deadline < now() AT TIME ZONE 'UTC' AND type = 'lead'
                        THEN 0.0 END),
           avg(CASE WHEN date_conversion IS NOT NULL THEN 100.0
                    WHEN type = 'lead' AND won_status = 'lost' THEN 0.0 END)
      FROM crm_lead
     WHERE active OR won_status = 'lost'
     GROUP BY GROUPING SETS ((), (team_id), (2), (team_id, 2))
"""
MEDIAN_SQL = """
           percentile_cont(0.5) WITHIN GROUP (
               ORDER BY CASE WHEN first_response_date IS NOT NULL THEN response_hours END),"""


class ResponseMeasuresPivot:
    """The Speed to Lead pivot as it opens (team by month; count, time to first
    response, answered within the promise, qualification rate), over the same 100,000
    records, whose initiatives and qualified opportunities have a deadline and most a
    first response. Stock: crm.lead read_group, same grouping, as many averages."""

    name = "Speed to Lead pivot (response measures), 100,000 records"
    compare = True
    goals = {"stock": 1.5, "floor": 10.0}
    with_median = False

    def prepare(self, env):
        state = DefaultPivot().prepare(env)
        env.cr.execute(
            """
            UPDATE crm_lead
               SET response_deadline = create_date + interval '1 day',
                   first_response_date = CASE WHEN id % 7 <> 0
                       THEN create_date + (id % 40) * interval '1 hour' END,
                   response_hours = CASE WHEN id % 7 <> 0 THEN (id % 40) * 0.3 ELSE 0 END
             WHERE name LIKE 'Bench report lead %'
               AND (type = 'lead' OR date_conversion IS NOT NULL)
            """
        )
        env.cr.execute("ANALYZE crm_lead")
        env.invalidate_all()
        return state

    def run(self, env, state, variant):
        return open_pivot(
            env,
            state,
            variant,
            RESPONSE_FLOOR_SQL.format(median=MEDIAN_SQL if self.with_median else ""),
            groupings={"project": RESPONSE_GROUPINGS, "stock": RESPONSE_GROUPINGS},
            measures={
                "project": RESPONSE_MEASURES
                + (["response_hours_median:avg"] if self.with_median else []),
                "stock": STOCK_MEASURES
                + (["automated_probability:avg"] if self.with_median else []),
            },
        )


class ResponseMedianPivot(ResponseMeasuresPivot):
    """The same with the median added from the Measures menu. Stock has no median to
    compare with (its read_group gets one more average); the floor computes it too.
    An ordered-set aggregate sorts every cell's values and, in PostgreSQL 15, forbids
    hash aggregation: this is what the median costs, measured, not a goal met."""

    name = "Speed to Lead pivot with the median, 100,000 records"
    with_median = True


SCENARIOS = [DefaultPivot(), ResponseMeasuresPivot(), ResponseMedianPivot()]
