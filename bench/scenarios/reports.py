"""Sales Flow Analysis and Speed to Lead: the pivots as they open, over 100,000
initiatives and opportunities and over the scale's 1,000,000 (bench/scenarios/records.py).

A comparison within the project database, not between the two databases: the
report model against stock crm.lead's formatted_read_grouping_sets with the same
grouping sets, and against PostgreSQL's own GROUP BY on crm_lead (the floor), on the
same rows in the same run.
"""

from bench.scenarios.records import add_records
from bench.seed import create_sales_manager

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


class DefaultPivot:
    compare = True
    goals = {"stock": 1.0, "floor": 6.0}
    responses = False

    def __init__(self, records=LEADS):
        self.records = records
        self.name = f"Sales Flow Analysis default pivot, {records:,} records"

    def prepare(self, env):
        add_records(env, self.records, responses=self.responses)
        return {"manager": create_sales_manager(env)}

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
    """What the web pivot asks as a Sales Administrator, in one call as Odoo 19's
    pivot does (formatted_read_grouping_sets, one query of GROUPING SETS): the
    report's (project), crm.lead's over the same records (stock), or the SQL floor."""
    if variant == "floor":
        env.cr.execute(floor_sql)
        return env.cr.fetchall()
    manager_env = env(user=state["manager"].id, su=False)
    if variant == "project":
        model, domain = manager_env["kanak.crm.flow.report"], []
    else:
        model, domain = manager_env["crm.lead"].with_context(active_test=False), IN_ANALYSIS
    return model.formatted_read_grouping_sets(domain, groupings[variant], measures[variant])


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


class ResponseMeasuresPivot(DefaultPivot):
    """The Speed to Lead pivot as it opens (team by month; count, time to first
    response, answered within the promise, qualification rate), over records whose
    initiatives and qualified opportunities have a deadline and most a first response.
    Stock: crm.lead read_group, same grouping, as many averages."""

    goals = {"stock": 1.5, "floor": 10.0}
    responses = True
    with_median = False

    def __init__(self, records=LEADS):
        self.records = records
        self.name = f"Speed to Lead pivot (response measures), {records:,} records"

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
    compare with (its read_group gets one more average); the floor computes it with
    PostgreSQL's percentile, an ordered-set aggregate that sorts the times of every
    cell of every grouping set and forbids hash aggregation. The report counts them
    per group and time instead (kanak.crm.flow.report._read_group_medians)."""

    with_median = True

    def __init__(self, records=LEADS):
        self.records = records
        self.name = f"Speed to Lead pivot with the median, {records:,} records"


SCENARIOS = [DefaultPivot(), ResponseMeasuresPivot(), ResponseMedianPivot()]
