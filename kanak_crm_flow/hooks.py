# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Install and uninstall, the way sale_crm's hook puts stock back.

Uninstalling leaves stock CRM as stock expects it: initiatives go back to their
team's first pipeline stage (where stock keeps leads) and the Initiatives stage
goes with the module, like the module's own columns. The tags, lost reasons,
teams, aliases and templates it seeded stay (users edit them and leads point to
them); installing again picks them up instead of creating duplicates and puts
back what users had changed in them.
"""

import json

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import SQL

MODULE = "kanak_crm_flow"
# ir.model.data of the seed records is parked under this name while the module
# is uninstalled; Odoo removes only the records whose xml ids belong to the module.
KEPT = "__kanak_crm_flow_kept__"
SEED_MODELS = (
    "crm.stage",
    "crm.tag",
    "crm.lost.reason",
    "crm.team",
    "mail.alias",  # the seeded teams' addresses
    "mail.template",
    "mail.activity.plan",
    "mail.activity.plan.template",
    "utm.medium",  # the Import channel imported leads point to
)


def _move_xmlids(env, from_module, to_module):
    data = (
        env["ir.model.data"]
        .sudo()
        .search(
            [
                ("module", "=", from_module),
                ("model", "in", SEED_MODELS),
            ]
        )
    )
    # Demo records go and come back with the module, as Odoo does for demo data, and
    # so does the Initiatives stage, which only the module gives a meaning.
    data = data.filtered(
        lambda xmlid: not xmlid.name.endswith("_demo") and xmlid.name != "stage_initiatives"
    )
    data.write({"module": to_module, "noupdate": True})
    return data


SNAPSHOT_PARAM = "kanak_crm_flow.reinstall_snapshot"
SKIPPED_TYPES = ("one2many", "binary", "properties", "properties_definition")


def _editable_fields(model):
    return [
        field
        for name, field in model._fields.items()
        if field.store
        and not (field.compute and field.readonly)
        and field.type not in SKIPPED_TYPES
        and name not in models.MAGIC_COLUMNS
    ]


def _snapshot(env, xmlids):
    """The values of the seed records as users left them, per installed language
    for translated fields."""
    languages = [code for code, _name in env["res.lang"].get_installed()]
    snapshot = []
    for xmlid in xmlids:
        record = env[xmlid.model].sudo().browse(xmlid.res_id).exists()
        if not record:
            continue
        fields = _editable_fields(record)
        values = {"en_US": {}}
        for field in fields:
            values["en_US"][field.name] = field.convert_to_write(
                record.with_context(lang="en_US")[field.name], record
            )
        translated = [field for field in fields if field.translate]
        for lang in languages:
            if translated and lang != "en_US":
                values[lang] = {
                    field.name: record.with_context(lang=lang)[field.name] for field in translated
                }
        snapshot.append({"model": xmlid.model, "id": record.id, "values": values})
    return snapshot


def _as_json(value):
    return json.loads(json.dumps(value, default=str))


def _release_initiatives(env):
    """Move initiatives out of the qualification stages, into the first unfolded
    pipeline stage of their team, as stock places leads."""
    Lead = env["crm.lead"].sudo().with_context(active_test=False)
    stages = env["crm.stage"].sudo().search([("is_qualification", "=", True)])
    leads = Lead.search([("stage_id", "in", stages.ids)])
    for team, team_leads in leads.grouped("team_id").items():
        # The module's _stage_find leaves the qualification stages out.
        target = Lead._stage_find(team_id=team.id, domain=[("fold", "=", False)]) or (
            Lead._stage_find(team_id=team.id)
        )
        if not target:
            raise UserError(
                env._(
                    "Kanak CRM Flow cannot be uninstalled: there is no pipeline stage to put "
                    "its initiatives in. Create a stage (CRM > Configuration > Stages) first."
                )
            )
        # SQL: a stage move of the uninstall, not a user's (no tracking, no dates).
        env.cr.execute(
            SQL(
                "UPDATE crm_lead SET stage_id = %s WHERE id IN %s",
                target.id,
                tuple(team_leads.ids),
            )
        )
    env.invalidate_all()


# Stock records the module renames or rebinds (views/crm_menu_views.xml,
# data/crm_stock_labels_data.xml), with crm's own English values.
STOCK_VALUES = {
    "crm.crm_menu_leads": {"name": "Leads", "action": "crm.crm_lead_all_leads"},
    "crm.menu_crm_lead_stage_act": {"group_ids": ["base.group_no_one"]},
    "crm.crm_opportunity_report_menu_lead": {"name": "Leads"},
    "crm.action_crm_send_mass_convert": {"name": "Convert to opportunities"},
    "crm.crm_lead_lost_action": {"binding_model_id": "crm.model_crm_lead"},
    "crm.mt_lead_lost": {"name": "Opportunity Lost", "description": "Opportunity lost"},
    "crm.mt_lead_restored": {
        "name": "Opportunity Restored",
        "description": "Opportunity restored",
    },
}


def _restore_stock_records(env):
    for xmlid, stock_values in STOCK_VALUES.items():
        record = env.ref(xmlid, raise_if_not_found=False)
        if not record:
            continue
        values = {}
        for name, value in stock_values.items():
            field = record._fields[name]
            if field.type == "many2one":
                value = env.ref(value).id
            elif field.type == "reference":
                value = f"{env.ref(value)._name},{env.ref(value).id}"
            elif field.type == "many2many":
                value = [(6, 0, [env.ref(ref).id for ref in value])]
            values[name] = value
        record.sudo().with_context(lang="en_US").write(values)


def _restore_stock_terms(env):
    """CRM's own translations of the terms i18n_extra/ renames ("Iniciativas"), and
    its lead mining's when it is installed."""
    languages = [code for code, _name in env["res.lang"].get_installed() if code != "en_US"]
    modules = ["crm"]
    if env["ir.module.module"].search_count(
        [("name", "=", "crm_iap_mine"), ("state", "=", "installed")]
    ):
        modules.append("crm_iap_mine")
    if languages:
        env["ir.module.module"]._load_module_terms(modules, languages, overwrite=True)


def uninstall_hook(env):
    _release_initiatives(env)
    _restore_stock_records(env)
    _restore_stock_terms(env)
    _move_xmlids(env, MODULE, KEPT)


def pre_init_hook(env):
    restored = _move_xmlids(env, KEPT, MODULE)
    # Installing loads noupdate data over existing records; a reinstall must not
    # undo what users changed in the kept ones: post_init_hook puts it back.
    if restored:
        env["ir.config_parameter"].sudo().set_param(
            SNAPSHOT_PARAM, json.dumps(_snapshot(env, restored), default=str)
        )


def _drop_old_column_copies(env):
    # Version 19.0.1.0.0 copied the module's columns aside at uninstall; such copies
    # of personal data must not outlive a reinstall.
    env.cr.execute(
        SQL(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename LIKE %s",
            "kanak\\_crm\\_flow\\_kept\\_%",
        )
    )
    for (table,) in env.cr.fetchall():
        env.cr.execute(SQL("DROP TABLE %s", SQL.identifier(table)))


def post_init_hook(env):
    _drop_old_column_copies(env)
    params = env["ir.config_parameter"].sudo()
    snapshot = json.loads(params.get_param(SNAPSHOT_PARAM) or "[]")
    for item in snapshot:
        record = env[item["model"]].sudo().browse(item["id"]).exists()
        if not record:
            continue
        for lang, values in item["values"].items():
            current = record.with_context(lang=lang)
            changed = {
                name: value
                for name, value in values.items()
                if name in record._fields
                and _as_json(record._fields[name].convert_to_write(current[name], record)) != value
            }
            if changed:
                record.with_context(lang=lang, tracking_disable=True).write(changed)
    params.search([("key", "=", SNAPSHOT_PARAM)]).unlink()
    env["crm.lead"]._move_initiatives_to_qualification_stage()
