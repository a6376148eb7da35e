"""The comparisons again on the scale's 1,000,000 records, 5 teams, 50 salespeople,
3 years (bench/scenarios/records.py), for how each figure grows from 100,000.

They come last in bench/scenarios ALL: the first of them writes the scale's records
and commits them, once per run, and they would count in whatever ran after them;
run.py removes them at the end."""

from bench.scenarios.board import OpenSalesFlow
from bench.scenarios.records import SCALE_LEADS
from bench.scenarios.reports import DefaultPivot
from bench.scenarios.reports import ResponseMeasuresPivot
from bench.scenarios.reports import ResponseMedianPivot
from bench.scenarios.workload import QualifyProposal
from bench.scenarios.workload import WorkloadScreen

SCENARIOS = [
    DefaultPivot(SCALE_LEADS),
    ResponseMeasuresPivot(SCALE_LEADS),
    ResponseMedianPivot(SCALE_LEADS),
    OpenSalesFlow(SCALE_LEADS),
    WorkloadScreen(SCALE_LEADS),
    QualifyProposal(SCALE_LEADS),
]
