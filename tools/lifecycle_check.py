"""Steps of the lifecycle check (tools/lifecycle.sh), each on the given database:

    seed     stock CRM only: 1,000 leads and 500 opportunities, some lost, tagged
    install  after installing the addon: leads in Initiatives, opportunities where
             they were; then a user's edits to the seeded stages, tags, reasons,
             teams and aliases
    kept     after an upgrade, uninstall or reinstall: nothing lost, edits kept,
             no duplicate, every record readable with an existing stage

The expected state goes from step to step in a JSON file.
Usage: lifecycle_check.py --config FILE --db DB --state FILE STEP
"""

import argparse
import json
import sys
from pathlib import Path

import odoo.init  # noqa: F401  Odoo's own start-up
from odoo import SUPERUSER_ID
from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import config

LEADS, OPPORTUNITIES, LOST_EACH = 1000, 500, 50
SEED_XMLIDS = {
    "stage": "kanak_crm_flow.stage_initiatives",
    "tag": "kanak_crm_flow.tag_source_trade_fair",
    "reason": "kanak_crm_flow.lost_reason_no_budget",
    "team": "kanak_crm_flow.team_europe",
}
EDITS = {
    "stage": ("crm.stage", {"name": "Iniciativas (edited)", "fold": True}),
    "tag": ("crm.tag", {"name": "Fair (edited)", "color": 7}),
    "reason": ("crm.lost.reason", {"name": "No budget (edited)", "do_not_contact": True}),
    "team": (
        "crm.team",
        {"name": "Europe (edited)", "alias_name": "europe-edited", "qualification_min_score": 2},
    ),
}
failures = []


def check(condition, message):
    print(f"    {'ok  ' if condition else 'FAIL'} {message}")
    if not condition:
        failures.append(message)


def all_leads(env):
    return env["crm.lead"].with_context(active_test=False).search([], order="id")


def seed(env, state):
    stages = env["crm.stage"].search([], order="sequence")
    open_stages = stages.filtered(lambda stage: not stage.is_won)
    tags = env["crm.tag"].create([{"name": f"Lifecycle tag {index}"} for index in range(5)])
    Lead = env["crm.lead"].with_context(tracking_disable=True, mail_create_nolog=True)
    values = [
        {
            "name": f"Lifecycle lead {index}",
            "type": "lead",
            "email_from": f"lifecycle.{index}@example.com",
            "tag_ids": [(6, 0, tags[index % 5].ids)],
            # Stock leads sit in pipeline stages: the addon must move them.
            "stage_id": open_stages[index % len(open_stages)].id,
        }
        for index in range(LEADS)
    ] + [
        {
            "name": f"Lifecycle opportunity {index}",
            "type": "opportunity",
            "tag_ids": [(6, 0, tags[index % 5].ids)],
            "stage_id": stages[index % len(stages)].id,
            "expected_revenue": 100.0 * index,
        }
        for index in range(OPPORTUNITIES)
    ]
    records = Lead.create(values)
    leads = records.filtered(lambda lead: lead.type == "lead")
    opportunities = records - leads
    still_open = opportunities.filtered(lambda opportunity: not opportunity.stage_id.is_won)
    (leads[:LOST_EACH] | still_open[:LOST_EACH]).action_set_lost()
    state["records"] = {
        str(lead.id): [lead.type, lead.stage_id.id, lead.active, lead.tag_ids.ids]
        for lead in all_leads(env)
    }
    check(len(state["records"]) >= LEADS + OPPORTUNITIES, f"{len(state['records'])} records")


def check_records(env, state):
    records = all_leads(env)
    expected = state["records"]
    check(
        sorted(records.ids) == sorted(int(key) for key in expected),
        f"the same {len(expected)} leads and opportunities, none lost or added",
    )
    unchanged = all(
        (lead.type, lead.active, lead.tag_ids.ids)
        == (expected[str(lead.id)][0], expected[str(lead.id)][2], expected[str(lead.id)][3])
        for lead in records
    )
    check(unchanged, "types, lost / active and tags unchanged")
    stages = env["crm.stage"].search([])
    check(
        all(lead.stage_id in stages for lead in records),
        "every record in an existing stage",
    )
    opportunities = records.filtered(lambda lead: lead.type == "opportunity")
    check(
        all(lead.stage_id.id == expected[str(lead.id)][1] for lead in opportunities),
        "opportunities in the stages they were in",
    )
    # Readable through the ORM as stock CRM reads them (the list of the pipeline).
    rows = records.search_read(
        [("id", "in", records.ids)], ["name", "stage_id", "tag_ids", "team_id", "lost_reason_id"]
    )
    check(len(rows) == len(records), "every record readable (search_read)")


def install(env, state):
    check_records(env, state)
    initiatives_stage = env.ref(SEED_XMLIDS["stage"])
    leads = all_leads(env).filtered(lambda lead: lead.type == "lead")
    check(
        all(lead.stage_id == initiatives_stage for lead in leads),
        f"the {len(leads)} stock leads, lost ones included, in Initiatives",
    )
    state["stage_of_leads"] = initiatives_stage.id
    state["edits"] = {}
    for key, (model, values) in EDITS.items():
        record = env.ref(SEED_XMLIDS[key])
        record.write(values)
        state["edits"][key] = [model, record.id, values]
    state["seed_names"] = seed_names(env)
    ticked = leads[LOST_EACH : LOST_EACH + 100]
    ticked.write({"qualification_need": True, "qualification_budget": True})
    state["qualified"] = ticked.ids
    print("    edited: " + ", ".join(f"{m} {i}" for m, i, _v in state["edits"].values()))


def seed_names(env):
    return {
        model: sorted(env[model].with_context(active_test=False).search([]).mapped("name"))
        for model in ("crm.stage", "crm.tag", "crm.lost.reason", "crm.team")
    }


def kept(env, state):
    check_records(env, state)
    leads = all_leads(env).filtered(lambda lead: lead.type == "lead")
    check(
        all(lead.stage_id.id == state["stage_of_leads"] for lead in leads),
        "leads still in the (kept) Initiatives stage",
    )
    for model, record_id, values in state["edits"].values():
        record = env[model].with_context(active_test=False).browse(record_id).exists()
        check(bool(record), f"{model} {record_id} still there")
        # Uninstalled, the addon's own fields are gone; they come back with it.
        present = {name: value for name, value in values.items() if name in record._fields}
        if record:
            actual = {name: record[name] for name in present}
            check(actual == present, f"{model} {record_id} keeps the user's edits {present}")
    if "qualification_score" in env["crm.lead"]._fields:
        leads = env["crm.lead"].with_context(active_test=False).browse(state["qualified"])
        check(
            all(lead.qualification_need and lead.qualification_score == 2 for lead in leads),
            f"the qualification ticks of {len(leads)} initiatives kept",
        )
    check(seed_names(env) == state["seed_names"], "no stage, tag, reason or team added or lost")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--state", required=True)
    parser.add_argument("step", choices=("seed", "install", "kept"))
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "--log-level=warn"])
    state_path = Path(args.state)
    state = json.loads(state_path.read_text() or "{}") if state_path.exists() else {}
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if args.step == "seed":
            seed(env, state)
        elif args.step == "install":
            install(env, state)
        else:
            kept(env, state)
    state_path.write_text(json.dumps(state))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
