"""Opening the Sales Flow board as a salesperson: the calls the web client makes for
a grouped kanban (web_read_group with the open columns' cards, read_progress_bar),
against the stock pipeline board, on the same initiatives and opportunities of the
project database (20,000, 100,000, and the scale's 1,000,000), in the same run."""

from bench.scenarios.records import add_records
from odoo.tools.safe_eval import safe_eval

RECORDS = 20_000


def read_specification(fields):
    """The web client's read specification of a view's fields."""
    return {
        name: {"fields": {"display_name": {}}} if info["type"].endswith("2one") else {}
        for name, info in fields.items()
        if info["type"] not in ("one2many", "many2many")
    }


def board_calls(env, action_xmlid):
    action = env["ir.actions.act_window"]._for_xml_id(action_xmlid)
    view_id = next(view for view, mode in action["views"] if mode == "kanban")
    # read_group_expand: the kanban asks for every column, with its folding.
    Lead = env["crm.lead"].with_context(**_action_context(action), read_group_expand=True)
    views = Lead.get_views([(view_id, "kanban")])
    fields = views["models"]["crm.lead"]["fields"]
    spec = read_specification(fields)
    spec["tag_ids"] = {"fields": {"display_name": {}, "color": {}}}
    domain = safe_eval(action["domain"] or "[]", {"uid": env.uid})
    return Lead, domain, spec


def _action_context(action):
    # The board's keys only (no search defaults: both boards open unfiltered here).
    values = safe_eval(action.get("context") or "{}", {"uid": 0})
    return {key: value for key, value in values.items() if not key.startswith("search_")}


def open_board(Lead, domain, spec):
    Lead.web_read_group(
        domain,
        ["stage_id"],
        ["expected_revenue:sum", "recurring_revenue_monthly:sum"],
        auto_unfold=True,
        unfold_read_specification=spec,
        unfold_read_default_limit=80,
    )
    Lead.read_progress_bar(
        domain,
        "stage_id",
        {
            "field": "activity_state",
            "colors": {"planned": "success", "today": "warning", "overdue": "danger"},
        },
    )


class OpenSalesFlow:
    compare = True
    variants = ("stock", "project")
    goals = {"stock": 1.2}

    def __init__(self, records=RECORDS):
        self.records = records
        self.name = f"open the Sales Flow board, {records:,} records, as a salesperson"

    def prepare(self, env):
        add_records(env, self.records)
        user = env["res.users"].search([("login", "=", "bench_salesperson_00")])
        return {"user": user}

    def run(self, env, state, variant):
        user_env = env(user=state["user"].id, su=False)
        xmlid = (
            "kanak_crm_flow.action_sales_flow"
            if variant == "project"
            else "crm.crm_lead_action_pipeline"
        )
        open_board(*board_calls(user_env, xmlid))


SCENARIOS = [OpenSalesFlow(), OpenSalesFlow(100_000)]
