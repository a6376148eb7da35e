"""Screens that count a salesperson's open records, which stock has none of: the
Workload screen and the salesperson the Qualify dialog proposes. Timed on the
project database against a goal in seconds, over 100,000 records and over the
scale's 1,000,000.

What serves them at a million records (indexes of kanak_crm_flow/models/crm_lead.py):
- the open records per salesperson (_get_workload_by_user, the screen's open
  initiatives and opportunities): crm_lead_kanak_open_workload_idx, (user_id,
  team_id, type) of the open records only, counted from the index alone;
- the screen's overdue initiatives: crm_lead_kanak_awaiting_response_idx, the
  initiatives still waiting for a first response, a few among all records;
- the last assignment (max date_open per salesperson, the proposal's tie-break and
  the screen's Last Assigned): no index of its own, a scan of the table (a parallel
  one), near half of the screen's time and most of the proposal's; an index on
  (user_id, team_id, date_open) of every record saved a quarter of it, not worth
  its writes.
The bench's records are 80% open (insert_leads' mix) where years of history would
mostly be closed: the open-records index, near the table's size here, would be a
small part of it there.
"""

from bench.scenarios.board import read_specification
from bench.scenarios.records import SCALE_LEADS
from bench.scenarios.records import add_records
from bench.scenarios.records import scale_teams
from bench.seed import bench_teams
from bench.seed import create_sales_manager

RECORDS = 100_000
GOAL_SECONDS = 1.0


class WorkloadScreen:
    """Reporting > Workload as a sales manager opens it: the members grouped by team,
    the teams unfolded (the list's expand), each line with its counts, the team's
    imbalance and whether it is the one to rebalance."""

    compare = True
    variants = ("project",)
    goals = {"seconds": GOAL_SECONDS}

    def __init__(self, records=RECORDS):
        self.records = records
        self.name = f"Workload screen, {records:,} records, as a sales manager"

    def prepare(self, env):
        add_records(env, self.records)
        return {"manager": create_sales_manager(env)}

    def run(self, env, state, variant):
        # The figures are computed fields the previous repetition left in the cache.
        env.invalidate_all()
        manager_env = env(user=state["manager"].id, su=False)
        action = manager_env["ir.actions.act_window"]._for_xml_id(
            "kanak_crm_flow.kanak_crm_team_member_action_workload"
        )
        Member = manager_env["crm.team.member"]
        views = Member.get_views([(action["view_id"][0], "list")])
        spec = read_specification(views["models"]["crm.team.member"]["fields"])
        Member.web_read_group(
            [],
            ["crm_team_id"],
            ["__count"],
            auto_unfold=True,
            unfold_read_specification=spec,
            unfold_read_default_limit=80,
        )


class QualifyProposal:
    """Qualify on an initiative without a salesperson, as a salesperson: the button,
    then the dialog's form as it opens (its onchange computes the proposed
    salesperson, the team member with the least workload, then the oldest last
    assignment)."""

    compare = True
    variants = ("project",)
    goals = {"seconds": GOAL_SECONDS}

    def __init__(self, records=RECORDS):
        self.records = records
        self.name = f"Qualify dialog's proposed salesperson, {records:,} records"

    def prepare(self, env):
        add_records(env, self.records)
        teams = scale_teams(env) if self.records == SCALE_LEADS else bench_teams(env)
        team = teams[0]
        initiative = env["crm.lead"].create(
            {
                "name": "Bench initiative to qualify",
                "type": "lead",
                "team_id": team.id,
                "user_id": False,
            }
        )
        salesperson = team.member_ids[0]
        return {"initiative": initiative, "salesperson": salesperson}

    def run(self, env, state, variant):
        env.invalidate_all()
        user_env = env(user=state["salesperson"].id, su=False)
        initiative = state["initiative"].with_env(user_env)
        action = initiative.action_qualify_as_opportunity()
        Wizard = user_env["kanak.crm.lead.qualify"].with_context(**action["context"])
        views = Wizard.get_views([(False, "form")])
        spec = read_specification(views["models"]["kanak.crm.lead.qualify"]["fields"])
        values = Wizard.onchange({}, [], spec)["value"]
        assert values["user_id"], "the dialog proposes nobody"


SCENARIOS = [WorkloadScreen(), QualifyProposal()]
