"""Seed data outlives the module: uninstalling keeps the stages, tags, lost
reasons, teams and templates it created (users edit them and leads point to
them); installing again picks them up instead of creating duplicates."""

MODULE = "kanak_crm_flow"
# ir.model.data of the seed records is parked under this name while the module
# is uninstalled; Odoo removes only the records whose xml ids belong to the module.
KEPT = "__kanak_crm_flow_kept__"
SEED_MODELS = (
    "crm.stage",
    "crm.tag",
    "crm.lost.reason",
    "crm.team",
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


def uninstall_hook(env):
    _move_xmlids(env, MODULE, KEPT)


def pre_init_hook(env):
    _move_xmlids(env, KEPT, MODULE)
