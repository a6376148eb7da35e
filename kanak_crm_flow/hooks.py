"""Data outlives the module.

Uninstalling keeps the stages, tags, lost reasons, teams, aliases and templates it
created (users edit them and leads point to them) and copies the values of its
own columns aside; installing again picks the records up instead of creating
duplicates, puts back what users had changed in them, and restores the columns.
"""

import json

from odoo import models
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
    # Demo records go and come back with the module, as Odoo does for demo data.
    data = data.filtered(lambda xmlid: not xmlid.name.endswith("_demo"))
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


BACKUP_PREFIX = "kanak_crm_flow_kept_"


def _module_columns(env):
    """{table: [column, ...]} of the stored fields this module adds to other models."""
    data = (
        env["ir.model.data"]
        .sudo()
        .search([("module", "=", MODULE), ("model", "=", "ir.model.fields")])
    )
    columns = {}
    for field in env["ir.model.fields"].sudo().browse(data.mapped("res_id")).exists():
        model = env.get(field.model)
        if model is None or model._abstract or model._transient or not model._auto:
            continue
        if not field.store or field.name in models.MAGIC_COLUMNS:
            continue
        if field.ttype in ("one2many", "many2many") or model._original_module == MODULE:
            continue
        columns.setdefault(model._table, []).append(field.name)
    return columns


def _save_module_columns(env):
    # Odoo drops a module's columns when it is uninstalled; the values (qualification
    # checkboxes, scores, minimum scores, "do not contact"...) wait in a side table.
    for table, names in _module_columns(env).items():
        backup = BACKUP_PREFIX + table
        env.cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(backup)))
        env.cr.execute(
            SQL(
                "CREATE TABLE %s AS SELECT id, %s FROM %s",
                SQL.identifier(backup),
                SQL(", ").join(SQL.identifier(name) for name in names),
                SQL.identifier(table),
            )
        )


def _restore_module_columns(env):
    for table, names in _module_columns(env).items():
        backup = BACKUP_PREFIX + table
        env.cr.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s", [backup]
        )
        saved = {column for (column,) in env.cr.fetchall()}
        if not saved:
            continue
        # A field added since the uninstall keeps its default.
        names = [name for name in names if name in saved]
        if names:
            env.cr.execute(
                SQL(
                    "UPDATE %s AS target SET %s FROM %s AS kept WHERE kept.id = target.id",
                    SQL.identifier(table),
                    SQL(", ").join(
                        SQL("%s = kept.%s", SQL.identifier(name), SQL.identifier(name))
                        for name in names
                    ),
                    SQL.identifier(backup),
                )
            )
        env.cr.execute(SQL("DROP TABLE %s", SQL.identifier(backup)))
    env.invalidate_all()


def uninstall_hook(env):
    _move_xmlids(env, MODULE, KEPT)
    _save_module_columns(env)


def pre_init_hook(env):
    restored = _move_xmlids(env, KEPT, MODULE)
    # Installing loads noupdate data over existing records; a reinstall must not
    # undo what users changed in the kept ones: post_init_hook puts it back.
    if restored:
        env["ir.config_parameter"].sudo().set_param(
            SNAPSHOT_PARAM, json.dumps(_snapshot(env, restored), default=str)
        )


def post_init_hook(env):
    _restore_module_columns(env)
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
