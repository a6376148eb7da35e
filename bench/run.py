"""Run the benchmark scenarios against stock CRM and the project, in one process.

Both databases get the same seed data (bench/seed.py). After one unmeasured
warm-up run on each database, each repetition of a scenario runs once on each,
the side going first alternating, in a transaction that is rolled back, so every
repetition starts from the same data. The figure kept is
the median over the repetitions; the ratio is project / stock. A scenario that
can be cut in slices (split()) runs on both databases at once instead, a slice on
each in turn, so that the machine's drift falls on both alike.

Usage (see tools/bench.sh): run.py --stock-db DB --project-db DB [--repeat N] [SCENARIO ...]
"""

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import datetime
from datetime import timezone
from pathlib import Path

import psycopg2

import odoo
import odoo.init  # Odoo's own start-up: library patches, odoo.SUPERUSER_ID
from odoo import SUPERUSER_ID
from odoo import api
from odoo import sql_db
from odoo.modules.registry import Registry
from odoo.service import server
from odoo.tools import config

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import results
from bench import scenarios as scenario_registry
from bench.scenarios.records import remove_scale_rows
from bench.seed import SEED_VERSION
from bench.seed import seed


def ensure_seeded(registry):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        params = env["ir.config_parameter"]
        if params.get_param("kanak_bench.seed_version") != SEED_VERSION:
            seed(env)
            params.set_param("kanak_bench.seed_version", SEED_VERSION)


def vacuum(dbname):
    """Every repetition rolls back its inserts, which leaves dead rows that
    autovacuum clears whenever it likes, on one database and not the other: without
    this, the same queries ran up to a third slower on whichever side it had not
    reached yet."""
    _db, params = sql_db.connection_info_for(dbname)
    connection = psycopg2.connect(**params)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    finally:
        connection.close()


def measure(registry, scenario):
    """Time scenario.run on one database, cleared of dead rows; return (seconds, queries)."""
    vacuum(registry.db_name)
    if getattr(scenario, "http", False):
        return measure_http(registry, scenario)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        state = scenario.prepare(env)
        # As if prepared earlier: written, and Odoo's end-of-transaction hooks run
        # (creation tracking), so that the timed part meets records as users do.
        cr.flush()
        queries_before = sql_db.sql_counter
        started = time.perf_counter()
        scenario.run(env, state)
        env.flush_all()
        elapsed = time.perf_counter() - started
        queries = sql_db.sql_counter - queries_before
        cr.rollback()
    registry.clear_all_caches()
    return elapsed, queries


def measure_interleaved(registries, scenario):
    """Run scenario.run on both databases at once, a slice at a time, the sides taking
    turns going first: each side's time is the sum of its slices. The speed of this
    shared machine drifts by a third over a minute; slices of a second or two put
    both sides under the same drift. Returns {side: (seconds, queries)}."""
    for registry in registries.values():
        vacuum(registry.db_name)
    sides = list(registries)
    cursors = {side: registries[side].cursor() for side in sides}
    try:
        envs = {side: api.Environment(cursors[side], SUPERUSER_ID, {}) for side in sides}
        slices = {}
        for side in sides:
            slices[side] = scenario.split(scenario.prepare(envs[side]))
            cursors[side].flush()
        elapsed = dict.fromkeys(sides, 0.0)
        queries = dict.fromkeys(sides, 0)
        for index, parts in enumerate(zip(*(slices[side] for side in sides), strict=True)):
            order = list(zip(sides, parts, strict=True))
            for side, part in order if index % 2 == 0 else reversed(order):
                queries_before = sql_db.sql_counter
                started = time.perf_counter()
                scenario.run(envs[side], part)
                envs[side].flush_all()
                elapsed[side] += time.perf_counter() - started
                queries[side] += sql_db.sql_counter - queries_before
    finally:
        for cursor in cursors.values():
            cursor.rollback()
            cursor.close()
    for registry in registries.values():
        registry.clear_all_caches()
    return {side: (elapsed[side], queries[side]) for side in sides}


def measure_http(registry, scenario):
    """Time requests that commit, as a browser's do; then delete what they created."""
    with registry.cursor() as cr:
        state = scenario.prepare(api.Environment(cr, SUPERUSER_ID, {}))
    queries_before = sql_db.sql_counter
    started = time.perf_counter()
    scenario.run_http(registry.db_name, state)
    elapsed = time.perf_counter() - started
    queries = sql_db.sql_counter - queries_before
    with registry.cursor() as cr:
        scenario.cleanup(api.Environment(cr, SUPERUSER_ID, {}))
    registry.clear_all_caches()
    return elapsed, queries


def measure_variants(registry, scenario, repeat):
    """Time each variant of a comparison on the same rows, alternating, in one
    transaction rolled back at the end; medians and ratios to the project's."""
    variants = getattr(scenario, "variants", VARIANTS)
    timings = {variant: [] for variant in variants}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        state = scenario.prepare(env)
        env.flush_all()
        for variant in variants:  # warm caches (rules, views of the registry)
            scenario.run(env, state, variant)
        for _ in range(max(repeat, 5)):
            for variant in variants:
                started = time.perf_counter()
                scenario.run(env, state, variant)
                timings[variant].append(time.perf_counter() - started)
        cr.rollback()
    registry.clear_all_caches()
    medians = {variant: statistics.median(values) for variant, values in timings.items()}
    return {
        "name": scenario.name,
        "compare": True,
        **{f"{variant}_s": seconds for variant, seconds in medians.items()},
        "vs_stock": medians["project"] / medians["stock"] if "stock" in medians else None,
        "vs_floor": medians["project"] / medians["floor"] if "floor" in medians else None,
        "goals": scenario.goals,
    }


VARIANTS = ("stock", "project", "floor")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--stock-db", required=True)
    parser.add_argument("--project-db", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--results", default=str(results.RESULTS))
    parser.add_argument("names", nargs="*", help="scenarios to run (default: all)")
    args = parser.parse_args()

    config.parse_config(["-c", args.config, "--log-level=warn"])
    server.load_server_wide_modules()
    chosen = scenario_registry.select(args.names)
    registries = {
        "stock": Registry(args.stock_db),
        "project": Registry(args.project_db),
    }
    for registry in registries.values():
        ensure_seeded(registry)

    rows = []
    for scenario in chosen:
        if getattr(scenario, "compare", False):
            row = measure_variants(registries["project"], scenario, args.repeat)
            rows.append(row)
            print(format_compare_row(row), flush=True)
            continue
        runs = {"stock": [], "project": []}
        repeat = max(args.repeat, getattr(scenario, "min_repeat", 0))
        if hasattr(scenario, "split"):
            # The first run in a process pays the warm-up (imports, views, caches)
            # that later ones do not: unmeasured.
            measure_interleaved(registries, scenario)
            for _repetition in range(repeat):
                for side, run in measure_interleaved(registries, scenario).items():
                    runs[side].append(run)
        else:
            # As above; then the sides take turns going first, so that neither always
            # runs on the other's heels.
            for side in ("stock", "project"):
                measure(registries[side], scenario)
            # A scenario of a few seconds swings by a quarter from run to run on this
            # machine: it asks for more repetitions than the default.
            for repetition in range(repeat):
                order = ("stock", "project") if repetition % 2 == 0 else ("project", "stock")
                for side in order:
                    runs[side].append(measure(registries[side], scenario))
        for side in ("stock", "project"):
            seconds = ", ".join(f"{t:.2f}" for t, _ in runs[side])
            print(f"    {scenario.name}, {side}: {seconds}", flush=True)
        stock_s = statistics.median(t for t, _ in runs["stock"])
        project_s = statistics.median(t for t, _ in runs["project"])
        row = {
            "name": scenario.name,
            "stock_s": stock_s,
            "project_s": project_s,
            "ratio": project_s / stock_s if stock_s else float("nan"),
            "stock_q": runs["stock"][-1][1],
            "project_q": runs["project"][-1][1],
            "goal": scenario.goal,
        }
        rows.append(row)
        print(format_row(row), flush=True)

    write_results(Path(args.results), rows, args)
    for registry in registries.values():
        with registry.cursor() as cr:
            remove_scale_rows(api.Environment(cr, SUPERUSER_ID, {}))


HEADER = (
    "| scenario | stock s | project s | ratio | goal | stock queries | project queries |\n"
    "|---|---:|---:|---:|---:|---:|---:|"
)


def format_row(row):
    goal = f"<= {row['goal']:.2f}" if row["goal"] else ""
    verdict = ""
    if row["goal"]:
        verdict = " ok" if row["ratio"] <= row["goal"] else " OVER"
    return (
        f"| {row['name']} | {row['stock_s']:.3f} | {row['project_s']:.3f} "
        f"| {row['ratio']:.2f}{verdict} | {goal} | {row['stock_q']} | {row['project_q']} |"
    )


COMPARE_HEADER = (
    "| scenario | stock s | project s | floor s | vs stock | goal | vs floor | goal |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|"
)


def format_compare_row(row):
    def verdict(ratio, goal, digits=2):
        return f"{ratio:.{digits}f} {'ok' if ratio <= goal else 'OVER'}"

    goals = row["goals"]
    project = f"{row['project_s']:.4f}"
    if "seconds" in goals:  # a screen stock has none of: a goal in seconds
        project = f"{verdict(row['project_s'], goals['seconds'], 4)} (<= {goals['seconds']:.2f} s)"
    cells = [
        row["name"],
        f"{row['stock_s']:.4f}" if "stock_s" in row else "—",
        project,
        f"{row['floor_s']:.4f}" if "floor_s" in row else "—",
    ]
    for ratio, goal in (
        (row["vs_stock"], goals.get("stock")),
        (row["vs_floor"], goals.get("floor")),
    ):
        if ratio is None:  # a comparison without a stock or a floor
            cells += ["—", "—"]
        else:
            cells += [verdict(ratio, goal), f"<= {goal:.2f}"]
    return "| " + " | ".join(cells) + " |"


def write_results(path, rows, args):
    """Update this script's two sections of results.md, keeping the last result of
    the scenarios not run this time. A section none of whose scenarios ran is left
    as it is: its Last run line would name a run that measured none of its rows."""
    kept = results.table_rows(results.read_section("scenarios", path))
    kept_compare = results.table_rows(results.read_section("reports", path))
    for row in rows:
        if row.get("compare"):
            kept_compare[row["name"]] = format_compare_row(row)
        else:
            kept[row["name"]] = format_row(row)
    release = odoo.release.version
    if any(not row.get("compare") for row in rows):
        write_scenarios_section(path, kept, args, release)
    if any(row.get("compare") for row in rows):
        write_reports_section(path, kept_compare)
    print(f"\nwritten: {path}")


def write_scenarios_section(path, kept, args, release):
    results.write_section(
        "scenarios",
        "## Scenarios: the project against stock CRM\n\n"
        "Seconds are the median of the repetitions (after one unmeasured warm-up run per\n"
        "side; the side going first alternates; the inbound email scenarios run on both\n"
        "databases at once, 25 emails on each in turn); ratio = project / stock, measured\n"
        "in the same process run on databases built from the same seed data.\n"
        "Queries are those of one repetition.\n\n"
        f"Last run: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, Odoo {release}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"{args.repeat} repetitions (5 for the scenarios of a few seconds, "
        "whose runs swing by a quarter).\n\n"
        f"{HEADER}\n" + "\n".join(kept[name] for name in sorted(kept)),
        path,
    )


def write_reports_section(path, kept_compare):
    results.write_section(
        "reports",
        "## Reports: the project's report against stock and against the database\n\n"
        "Measured on the project database only, on the same rows in the same run:\n"
        "stock = crm.lead's formatted_read_grouping_sets with the same grouping sets (the\n"
        "one call Odoo 19's pivot makes) or stock's pipeline board, floor = PostgreSQL's own\n"
        "GROUP BY on crm_lead; seconds are medians of one opening. The 1,000,000 records are\n"
        "the scale's: 5 teams, 50 salespeople, 3 years (bench/scenarios/records.py). The\n"
        "screens stock has none of (Workload, the Qualify dialog's proposal) have a goal in\n"
        "seconds, judged in the project s cell.\n\n"
        f"{COMPARE_HEADER}\n" + "\n".join(kept_compare[name] for name in sorted(kept_compare)),
        path,
    )


if __name__ == "__main__":
    main()
