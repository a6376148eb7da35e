"""The initiatives and opportunities the comparisons read, written by SQL: a given
number in the scenario's own rolled-back transaction, or the scale's million,
written once per run and kept until its end (ensure_scale_rows, remove_scale_rows)."""

import time

import psycopg2

from bench.seed import bench_salespeople
from bench.seed import bench_teams
from bench.seed import create_salespeople
from odoo import sql_db
from odoo.tools import SQL

# The scale: 1,000,000 records over 5 teams and 50 salespeople of their own,
# created over 3 years.
SCALE_LEADS = 1_000_000
SCALE_TEAMS = 5
SCALE_SALESPEOPLE = 50
SCALE_DAYS = 3 * 365
SCALE_MARKER = "kanak_bench.scale_rows"


def add_records(env, total, responses=False):
    """total records for a comparison: the scale's (which have their responses), or
    inserted for this run only."""
    if total == SCALE_LEADS:
        ensure_scale_rows(env)
    else:
        insert_leads(env, total, responses=responses)


def insert_leads(env, total, users=None, teams=None, days=365, responses=False):
    """Plain SQL rows, spread over the bench teams, salespeople and the flow's stages:
    30% initiatives, 60% opportunities (a sixth of them won), 10% lost, created over
    the last `days` days. Record n goes to users[n % len(users)] and teams[n %
    len(teams)]: when the number of teams divides the number of salespeople, each
    salesperson's records stay in one team. With responses, every record has a first
    response deadline a day after its creation and six in seven a first response,
    within 0 to 11.7 working hours."""
    users = (users or bench_salespeople(env)).ids
    teams = (teams or bench_teams(env)).ids
    qualification = env["crm.stage"]._get_qualification_stage_id(False)
    stages = env["crm.lead"]._stage_find(limit=None).sorted("sequence")
    won = stages.filtered("is_won")[:1].id
    pipeline = (stages - stages.filtered("is_won")).ids
    response_columns = (
        SQL(", response_deadline, first_response_date, response_hours") if responses else SQL("")
    )
    response_values = (
        SQL(
            """,
               c.created + interval '1 day',
               CASE WHEN n %% 7 <> 0 THEN c.created + (n %% 40) * interval '1 hour' END,
               CASE WHEN n %% 7 <> 0 THEN (n %% 40) * 0.3 ELSE 0 END"""
        )
        if responses
        else SQL("")
    )
    env.cr.execute(
        SQL(
            """
        INSERT INTO crm_lead (name, type, user_id, team_id, company_id, stage_id, active,
                              won_status, probability, priority, expected_revenue,
                              prorated_revenue, qualification_score, create_date, write_date,
                              date_open, date_conversion, date_closed, create_uid,
                              write_uid%(response_columns)s)
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
               c.created,
               now(),
               now() - (n %% 300) * interval '1 day',
               CASE WHEN n %% 10 >= 3 THEN now() - (n %% 200) * interval '1 day' END,
               CASE WHEN n %% 10 >= 8 THEN now() - (n %% 100) * interval '1 day' END,
               1, 1%(response_values)s
          FROM generate_series(1, %(total)s) AS n,
               LATERAL (SELECT now() - (n %% %(days)s) * interval '1 day' AS created) AS c
        """,
            response_columns=response_columns,
            users=users,
            teams=teams,
            company=env.company.id,
            qualification=qualification,
            won=won,
            pipeline=pipeline,
            response_values=response_values,
            total=total,
            days=days,
        )
    )
    env.cr.execute("ANALYZE crm_lead")
    env.invalidate_all()


def scale_teams(env):
    return env["crm.team"].search([("name", "=like", "Bench Scale Team %")], order="name")


def scale_salespeople(env):
    return env["res.users"].search([("login", "=like", "bench_scale_salesperson_%")], order="login")


def ensure_scale_rows(env):
    """The scale's teams, salespeople and records, written and committed once per
    run: a million rows and their indexes take minutes to write, and written in
    each comparison's rolled-back transaction they would leave a million dead rows
    behind each. Committed, they would count in whatever ran after them on the
    project database: the scale's comparisons run last (bench/scenarios ALL), and
    run.py removes the records at the end of its run (remove_scale_rows). The teams
    and salespeople are the scale's own, so that the seed's, which the other
    scenarios use, keep their members."""
    params = env["ir.config_parameter"].sudo()
    if params.get_param(SCALE_MARKER) == str(SCALE_LEADS):
        return
    started = time.perf_counter()
    users = create_salespeople(
        env, SCALE_SALESPEOPLE, "bench_scale_salesperson", "Bench Scale Salesperson"
    )
    # Salesperson i in team i % 5, as insert_leads gives record n to salesperson
    # n % 50 and team n % 5: each salesperson's records are in their own team.
    teams = env["crm.team"].create(
        [
            {
                "name": f"Bench Scale Team {position + 1}",
                "use_leads": True,
                "use_opportunities": True,
                "member_ids": [(6, 0, users[position::SCALE_TEAMS].ids)],
                "first_response_hours": 8,
            }
            for position in range(SCALE_TEAMS)
        ]
    )
    insert_leads(env, SCALE_LEADS, users=users, teams=teams, days=SCALE_DAYS, responses=True)
    params.set_param(SCALE_MARKER, str(SCALE_LEADS))
    env.cr.commit()
    # Without the dead rows the earlier comparisons rolled back, and with the
    # visibility map of a table that has lived with its rows (index-only scans).
    vacuum_analyze(env.cr.dbname, "crm_lead")
    print(
        f"    scale: {SCALE_LEADS:,} records written in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


def remove_scale_rows(env):
    """The scale's records, teams and salespeople deleted and committed, the
    database left as seeded: a run of other scenarios straight on it (run.py
    without tools/bench.sh's rebuild) measures what it always did."""
    params = env["ir.config_parameter"].sudo()
    if not params.get_param(SCALE_MARKER):
        return
    started = time.perf_counter()
    teams, users = scale_teams(env), scale_salespeople(env)
    env.cr.execute(SQL("DELETE FROM crm_lead WHERE team_id IN %s", tuple(teams.ids or [0])))
    partners = users.partner_id
    teams.unlink()
    users.unlink()
    partners.unlink()
    params.search([("key", "=", SCALE_MARKER)]).unlink()
    env.cr.commit()
    vacuum_analyze(env.cr.dbname, "crm_lead")
    print(f"    scale: records removed in {time.perf_counter() - started:.0f} s", flush=True)


def vacuum_analyze(dbname, table):
    _db, params = sql_db.connection_info_for(dbname)
    connection = psycopg2.connect(**params)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(SQL("VACUUM ANALYZE %s", SQL.identifier(table)).code)
    finally:
        connection.close()
