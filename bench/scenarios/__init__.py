"""Benchmark scenarios. Each module defines SCENARIOS: objects with a name, a
goal ratio (or None), prepare(env) -> state (not timed) and run(env, state) (timed),
run once on the stock and once on the project database. A scenario with http = True
is timed by run_http(dbname, state), requests that commit, then cleanup(env).

A scenario with compare = True runs on the project database only: run(env, state,
variant) for each variant ("stock", "project", "floor") on the same rows, with a
goal per ratio in goals."""

from . import board
from . import contact_again
from . import escalation
from . import forms
from . import imports
from . import leads
from . import mail_gateway
from . import reports
from . import sale
from . import scale
from . import workload

ALL = [
    *leads.SCENARIOS,
    *mail_gateway.SCENARIOS,
    *sale.SCENARIOS,
    *imports.SCENARIOS,
    *forms.SCENARIOS,
    *escalation.SCENARIOS,
    *contact_again.SCENARIOS,
    *reports.SCENARIOS,
    *board.SCENARIOS,
    *workload.SCENARIOS,
    # Last: they commit the scale's million records (records.ensure_scale_rows).
    *scale.SCENARIOS,
]


def select(names):
    if not names:
        return ALL
    by_name = {scenario.name: scenario for scenario in ALL}
    unknown = [name for name in names if name not in by_name]
    if unknown:
        raise SystemExit(f"unknown scenario(s): {', '.join(unknown)}; known: {', '.join(by_name)}")
    # ALL's order, whatever the order asked: the comparisons come last, because
    # their bulk inserts, rolled back, leave dead rows in crm_lead that would slow
    # whatever ran after them on the project database only.
    return [scenario for scenario in ALL if scenario.name in names]
