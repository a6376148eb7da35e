"""Steps of the lifecycle check (tools/lifecycle.sh), each on the given database:

    seed         stock CRM only: 1,000 leads and 500 opportunities, some lost, tagged
    install      after installing the addon: leads in Initiatives, opportunities where
                 they were; then a user's edits to the seeded stage, tags, reasons,
                 teams and aliases, and qualification ticks on 100 initiatives
    upgraded     after an upgrade (-u): all of it as it was
    uninstalled  stock CRM as stock expects it: leads in their team's first stage, a
                 new opportunity in New, no table, column or parameter of the addon
                 left, edits of the kept seed records (stock fields) still there
    reinstalled  leads back in one Initiatives stage, the kept records reused (no
                 duplicate), the addon's columns back empty
    Every step after seed: nothing lost, types, lost state and tags unchanged,
    opportunities in their stages, every record readable.

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
from odoo import models
from odoo.modules.registry import Registry
from odoo.tools import config

LEADS, OPPORTUNITIES, LOST_EACH = 1000, 500, 50
SEED_XMLIDS = {
    "stage": "kanak_crm_flow.stage_initiatives",
    "tag": "kanak_crm_flow.tag_source_trade_fair",
    "reason": "kanak_crm_flow.lost_reason_no_budget",
    "team": "kanak_crm_flow.team_europe",
}
# A user's edits: stock fields (kept across an uninstall) and the addon's own fields
# (kept across an upgrade; they go with the addon like any Odoo addon's columns).
EDITS = {
    "stage": ("crm.stage", {"name": "Iniciativas (edited)", "fold": True}, {}),
    "tag": ("crm.tag", {"name": "Fair (edited)", "color": 7}, {}),
    "reason": (
        "crm.lost.reason",
        {"name": "No budget (edited)"},
        {"do_not_contact": True, "contact_again_days": 0},
    ),
    "team": (
        "crm.team",
        {"name": "Europe (edited)", "alias_name": "europe-edited"},
        {"qualification_min_score": 2},
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
    for key, (model, stock_values, module_values) in EDITS.items():
        record = env.ref(SEED_XMLIDS[key])
        record.write({**stock_values, **module_values})
        state["edits"][key] = [model, record.id, stock_values, module_values]
    state["seed_names"] = seed_names(env)
    ticked = leads[LOST_EACH : LOST_EACH + 100]
    ticked.write({"qualification_need": True, "qualification_budget": True})
    state["qualified"] = ticked.ids
    state["module_columns"] = module_columns(env)
    print("    edited: " + ", ".join(f"{m} {i}" for m, i, _s, _m in state["edits"].values()))


def module_columns(env):
    """[table, column] of the stored fields the addon adds to stock models."""
    data = env["ir.model.data"].search(
        [("module", "=", "kanak_crm_flow"), ("model", "=", "ir.model.fields")]
    )
    # Stock's own fields the addon only relabels (crm.lead's type and name) have an xml
    # id of their own module too: they stay.
    others = set(
        env["ir.model.data"]
        .search(
            [
                ("module", "!=", "kanak_crm_flow"),
                ("model", "=", "ir.model.fields"),
                ("res_id", "in", data.mapped("res_id")),
            ]
        )
        .mapped("res_id")
    )
    columns = []
    for field in env["ir.model.fields"].browse(data.mapped("res_id")):
        model = env[field.model]
        stock_table = model._auto and model._original_module != "kanak_crm_flow"
        if (
            stock_table
            and field.id not in others
            and field.store
            and field.name not in models.MAGIC_COLUMNS
            and field.ttype not in ("one2many", "many2many")
        ):
            columns.append([model._table, field.name])
    return columns


def seed_names(env):
    return {
        model: sorted(env[model].with_context(active_test=False).search([]).mapped("name"))
        for model in ("crm.stage", "crm.tag", "crm.lost.reason", "crm.team")
    }


def check_edits(env, state, module_fields):
    for model, record_id, stock_values, module_values in state["edits"].values():
        if model == "crm.stage":
            continue  # the Initiatives stage: see the steps
        record = env[model].with_context(active_test=False).browse(record_id).exists()
        check(bool(record), f"{model} {record_id} still there")
        values = {**stock_values, **(module_values if module_fields else {})}
        if record:
            actual = {name: record[name] for name in values}
            check(actual == values, f"{model} {record_id} keeps the user's edits {values}")


def names_without_stage(names, stage_name):
    return {**names, "crm.stage": [name for name in names["crm.stage"] if name != stage_name]}


def upgraded(env, state):
    check_records(env, state)
    leads = all_leads(env).filtered(lambda lead: lead.type == "lead")
    check(
        all(lead.stage_id.id == state["stage_of_leads"] for lead in leads),
        "leads still in the Initiatives stage",
    )
    check_edits(env, state, module_fields=True)
    stage = env["crm.stage"].browse(state["stage_of_leads"])
    check(stage.name == EDITS["stage"][1]["name"], "the Initiatives stage keeps the user's edits")
    leads = env["crm.lead"].with_context(active_test=False).browse(state["qualified"])
    check(
        all(lead.qualification_need and lead.qualification_score == 2 for lead in leads),
        f"the qualification ticks of {len(leads)} initiatives kept",
    )
    check(seed_names(env) == state["seed_names"], "no stage, tag, reason or team added or lost")


def uninstalled(env, state):
    check_records(env, state)
    check(
        not env["crm.stage"].browse(state["stage_of_leads"]).exists(),
        "the Initiatives stage went with the addon",
    )
    Lead = env["crm.lead"]
    leads = all_leads(env).filtered(lambda lead: lead.type == "lead")
    check(
        all(
            lead.stage_id
            == Lead._stage_find(team_id=lead.team_id.id, domain=[("fold", "=", False)])
            for lead in leads
        ),
        f"the {len(leads)} leads in their team's first stage, as stock keeps leads",
    )
    probe = Lead.create({"name": "Lifecycle probe", "type": "opportunity"})
    check(probe.stage_id == env.ref("crm.stage_lead1"), "a new opportunity lands in New")
    env.cr.rollback()
    env.cr.execute(
        "SELECT relname FROM pg_class WHERE relname LIKE 'kanak%%' AND relkind IN ('r', 'v', 'm')"
    )
    left = [name for (name,) in env.cr.fetchall()]
    check(not left, f"no table or view of the addon left {left}")
    env.cr.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema()"
    )
    existing = {tuple(row) for row in env.cr.fetchall()}
    left = [column for column in state["module_columns"] if tuple(column) in existing]
    check(
        not left and state["module_columns"],
        f"none of the addon's {len(state['module_columns'])} columns left {left}",
    )
    # Imported here: odoo.addons is only importable once the server is set up.
    from odoo.addons.kanak_crm_flow.hooks import STOCK_VALUES

    for xmlid, stock_values in STOCK_VALUES.items():
        record = env.ref(xmlid).with_context(lang="en_US")
        current = {}
        for name in stock_values:
            field = record._fields[name]
            if field.type in ("many2one", "reference"):
                current[name] = record[name].get_external_id().get(record[name].id) or False
            elif field.type == "many2many":
                current[name] = sorted(record[name].get_external_id().values())
            else:
                current[name] = record[name]
        check(current == stock_values, f"{xmlid} has crm's own values again {current}")
    params = env["ir.config_parameter"].search([("key", "like", "kanak")]).mapped("key")
    check(not params, f"no parameter of the addon left {params}")
    check_edits(env, state, module_fields=False)
    stage_name = EDITS["stage"][1]["name"]
    check(
        seed_names(env) == names_without_stage(state["seed_names"], stage_name),
        "no stage, tag, reason or team added or lost (but the Initiatives stage)",
    )


def reinstalled(env, state):
    check_records(env, state)
    qualification = env["crm.stage"].search([("is_qualification", "=", True)])
    check(len(qualification) == 1, "one Initiatives stage")
    leads = all_leads(env).filtered(lambda lead: lead.type == "lead")
    check(
        all(lead.stage_id == qualification for lead in leads),
        f"the {len(leads)} leads back in Initiatives",
    )
    check_edits(env, state, module_fields=False)
    leads = env["crm.lead"].with_context(active_test=False).browse(state["qualified"])
    check(
        not any(leads.mapped("qualification_score")),
        "the addon's columns came back empty (they went with the addon)",
    )
    stage_name = EDITS["stage"][1]["name"]
    expected = names_without_stage(state["seed_names"], stage_name)
    expected["crm.stage"] = sorted([*expected["crm.stage"], qualification.name])
    check(seed_names(env) == expected, "no stage, tag, reason or team duplicated or lost")


STEPS = {
    "seed": seed,
    "install": install,
    "upgraded": upgraded,
    "uninstalled": uninstalled,
    "reinstalled": reinstalled,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--state", required=True)
    parser.add_argument("step", choices=tuple(STEPS))
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "--log-level=warn"])
    state_path = Path(args.state)
    state = json.loads(state_path.read_text() or "{}") if state_path.exists() else {}
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        STEPS[args.step](env, state)
    state_path.write_text(json.dumps(state))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
