# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api
from odoo import fields
from odoo import models
from odoo.tools import SQL
from odoo.tools import unique

from odoo.addons.crm.models import crm_stage

LOST_COLUMN = "lost"
MEDIAN = "response_hours_median:avg"
# Many2one groups are ordered by the position of their id in the list of the
# comodel's records (_read_group_orderby): up to this many records, a list cheaper
# to read and to search than the rows it saves from sorting.
ORDERED_IDS_MAX = 5000


def group_key(value):
    """A group's value as the medians are keyed: a record by its id."""
    return value.id if isinstance(value, models.BaseModel) else value


class KanakCrmFlowReport(models.Model):
    """Sales Flow Analysis: one row per initiative or opportunity, lost ones included.

    A query over crm_lead (the row id is the lead's id), so the figures are the
    standard screens' own; it carries record rules of its own that mirror crm.lead's
    (security/kanak_crm_flow_security.xml). Built at each read (_table_query), as the
    reading user: bridges join other models' figures with those models' own record
    rules (kanak_crm_flow_sale, sale.order's).
    """

    _name = "kanak.crm.flow.report"
    _description = "Sales Flow Analysis"
    _auto = False
    _rec_name = "name"
    _order = "create_date desc, id desc"
    # Pending writes of these fields are flushed before the view is queried.
    _depends = {
        "crm.lead": [
            "name",
            "type",
            "user_id",
            "team_id",
            "company_id",
            "stage_id",
            "won_status",
            "active",
            "partner_id",
            "country_id",
            "source_id",
            "medium_id",
            "campaign_id",
            "priority",
            "tag_ids",
            "create_date",
            "date_conversion",
            "date_closed",
            "expected_revenue",
            "prorated_revenue",
            "qualification_score",
            "response_deadline",
            "first_response_date",
            "first_response_user_id",
            "response_hours",
            "came_back_date",
            "came_back_reason_id",
            "came_back_trigger",
        ],
        "crm.stage": ["sequence"],
        "crm.team": ["company_id"],
        "res.company": ["currency_id", "sequence"],
    }

    lead_id = fields.Many2one("crm.lead", "Initiative / Opportunity", readonly=True)
    name = fields.Char(readonly=True)
    lead_type = fields.Selection(
        [("lead", "Initiative"), ("opportunity", "Opportunity")], "Type", readonly=True
    )
    user_id = fields.Many2one("res.users", "Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", "Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    stage_id = fields.Many2one("crm.stage", readonly=True)
    flow_stage = fields.Selection(
        selection="_selection_flow_stage",
        readonly=True,
        help="The record's stage, or Lost for lost ones, whatever stage they were lost in.",
    )
    won_status = fields.Selection(
        [("pending", "Open"), ("won", "Won"), ("lost", "Lost")], "Status", readonly=True
    )
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    country_id = fields.Many2one("res.country", readonly=True)
    source_id = fields.Many2one("utm.source", readonly=True)
    medium_id = fields.Many2one(
        "utm.medium",
        "Channel",
        readonly=True,
        help="The way in: Email (a team's address), Website (a form), Import (a file), "
        "Direct (typed in, or an integration).",
    )
    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    priority = fields.Selection(crm_stage.AVAILABLE_PRIORITIES, readonly=True)
    tag_ids = fields.Many2many(
        "crm.tag", "crm_tag_rel", "lead_id", "tag_id", string="Tags", readonly=True
    )
    create_date = fields.Datetime("Created on", readonly=True)
    date_conversion = fields.Datetime("Qualified on", readonly=True)
    date_closed = fields.Datetime("Closed on", readonly=True)
    company_currency = fields.Many2one("res.currency", "Currency", readonly=True)
    expected_revenue = fields.Monetary(
        currency_field="company_currency", readonly=True, aggregator="sum"
    )
    prorated_revenue = fields.Monetary(
        currency_field="company_currency", readonly=True, aggregator="sum"
    )
    qualification_score = fields.Float(readonly=True, aggregator="avg")
    days_in_qualification = fields.Float(
        "Days in Qualification",
        readonly=True,
        aggregator="avg",
        help="From creation to qualification as an opportunity (the conversion date); "
        "empty for initiatives not qualified yet.",
    )
    days_open = fields.Float(
        readonly=True,
        aggregator="avg",
        help="From creation to closing (won or lost), or to now while still open.",
    )

    response_deadline = fields.Datetime("Respond By", readonly=True)
    first_response_date = fields.Datetime("First Response", readonly=True)
    first_response_user_id = fields.Many2one("res.users", "First Response By", readonly=True)
    response_hours = fields.Float(
        "Time to First Response",
        readonly=True,
        aggregator="avg",
        help="Working hours from arrival to the first response (average), for answered "
        "initiatives.",
    )
    response_hours_median = fields.Float(
        "Time to First Response (Median)",
        readonly=True,
        # Read as a median: see _read_group_select.
        aggregator="avg",
        help="Working hours from arrival to the first response: half the answered "
        "initiatives took less, half more.",
    )
    answered_in_time_rate = fields.Float(
        "Answered within Promise (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the initiatives with a promise answered by their deadline; those "
        "still waiting count once their deadline has passed.",
    )
    qualification_rate = fields.Float(
        "Qualification Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Qualified / (qualified + disqualified) initiatives; open ones do not count.",
    )
    funnel_initiative_count = fields.Integer(
        "Initiatives (Funnel)",
        readonly=True,
        aggregator="sum",
        help="Records that arrived as initiatives, whatever became of them.",
    )
    funnel_opportunity_count = fields.Integer(
        "Became Opportunities",
        readonly=True,
        aggregator="sum",
        help="Initiatives qualified as opportunities.",
    )
    funnel_won_count = fields.Integer(
        "Won (Funnel)", readonly=True, aggregator="sum", help="Qualified initiatives since won."
    )
    initiative_to_opportunity_rate = fields.Float(
        "Initiative → Opportunity (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the initiatives qualified as opportunities.",
    )
    opportunity_to_won_rate = fields.Float(
        "Opportunity → Won (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the qualified initiatives won.",
    )

    came_back_count = fields.Integer(
        "Came Back",
        readonly=True,
        aggregator="sum",
        help="Lost records that came back as initiatives: their reason's delay passed, "
        "or the contact wrote again.",
    )
    came_back_date = fields.Datetime("Came Back On", readonly=True)
    came_back_reason_id = fields.Many2one("crm.lost.reason", "Lost Before With", readonly=True)
    came_back_trigger = fields.Selection(
        [("delay", "Contact again delay"), ("reply", "Reply from the contact")],
        "Came Back By",
        readonly=True,
    )

    @api.model
    def _selection_flow_stage(self):
        # The key sorts like the stages (sequence, then id) so the pivot's columns
        # follow the pipeline; Lost comes last.
        # pylint: disable-next=no-search-all
        stages = self.env["crm.stage"].sudo().search([])  # a handful of records
        return [
            (self._flow_stage_key(stage.sequence, stage.id), stage.name) for stage in stages
        ] + [(LOST_COLUMN, self.env._("Lost"))]

    @staticmethod
    def _flow_stage_key(sequence, stage_id):
        return f"{max(sequence, 0):06d}-{stage_id:09d}"

    @property
    def _table_query(self):
        return SQL("%s %s %s", self._select(), self._from(), self._where())

    def _select(self):
        """The columns; bridges add theirs: SQL("%s, ...", super()._select())."""
        return SQL(
            """
            SELECT
                l.id,
                l.id AS lead_id,
                l.name,
                l.type AS lead_type,
                l.user_id,
                l.team_id,
                l.company_id,
                l.stage_id,
                CASE WHEN l.won_status = 'lost' THEN 'lost' ELSE s.flow_stage END
                    AS flow_stage,
                l.won_status,
                l.partner_id,
                l.country_id,
                l.source_id,
                l.medium_id,
                l.campaign_id,
                l.priority,
                l.create_date,
                l.date_conversion,
                l.date_closed,
                -- Records without a company (unassigned, shared) show their team's
                -- company currency, else the main company's: never a bare amount.
                COALESCE(
                    c.currency_id,
                    tc.currency_id,
                    (SELECT currency_id FROM res_company ORDER BY sequence, id LIMIT 1)
                ) AS company_currency,
                l.expected_revenue,
                l.prorated_revenue,
                l.qualification_score,
                EXTRACT(EPOCH FROM l.date_conversion - l.create_date) / 86400.0
                    AS days_in_qualification,
                EXTRACT(EPOCH FROM COALESCE(l.date_closed, now() AT TIME ZONE 'UTC')
                    - l.create_date) / 86400.0 AS days_open,
                l.response_deadline,
                l.first_response_date,
                l.first_response_user_id,
                CASE WHEN l.first_response_date IS NOT NULL THEN l.response_hours END
                    AS response_hours,
                CASE WHEN l.first_response_date IS NOT NULL THEN l.response_hours END
                    AS response_hours_median,
                CASE WHEN l.response_deadline IS NULL THEN NULL
                     WHEN l.first_response_date IS NOT NULL
                         THEN CASE WHEN l.first_response_date <= l.response_deadline
                                   THEN 100.0 ELSE 0.0 END
                     WHEN l.response_deadline < now() AT TIME ZONE 'UTC' AND l.type = 'lead'
                         THEN 0.0
                END AS answered_in_time_rate,
                CASE WHEN l.date_conversion IS NOT NULL THEN 100.0
                     WHEN l.type = 'lead' AND l.won_status = 'lost' THEN 0.0
                END AS qualification_rate,
                CASE WHEN l.type = 'lead' OR l.date_conversion IS NOT NULL THEN 1 ELSE 0 END
                    AS funnel_initiative_count,
                CASE WHEN l.date_conversion IS NOT NULL THEN 1 ELSE 0 END
                    AS funnel_opportunity_count,
                CASE WHEN l.date_conversion IS NOT NULL AND l.won_status = 'won' THEN 1 ELSE 0 END
                    AS funnel_won_count,
                CASE WHEN l.type = 'lead' OR l.date_conversion IS NOT NULL
                     THEN CASE WHEN l.date_conversion IS NOT NULL THEN 100.0 ELSE 0.0 END
                END AS initiative_to_opportunity_rate,
                CASE WHEN l.date_conversion IS NOT NULL
                     THEN CASE WHEN l.won_status = 'won' THEN 100.0 ELSE 0.0 END
                END AS opportunity_to_won_rate,
                CASE WHEN l.came_back_date IS NOT NULL THEN 1 ELSE 0 END AS came_back_count,
                l.came_back_date,
                l.came_back_reason_id,
                l.came_back_trigger
        """
        )

    def _from(self):
        """crm_lead l and its joins; bridges join theirs: SQL("%s LEFT JOIN ...",
        super()._from())."""
        return SQL(
            """
            FROM crm_lead l
            LEFT JOIN %s ON s.id = l.stage_id
            LEFT JOIN res_company c ON c.id = l.company_id
            LEFT JOIN crm_team t ON t.id = l.team_id
            LEFT JOIN res_company tc ON tc.id = t.company_id
        """,
            self._flow_stage_keys(),
        )

    def _flow_stage_keys(self):
        """s (id, flow_stage): each stage's column key, as a list of values.

        Joined to crm_stage, the key's columns (sequence, id) had PostgreSQL guess
        hundreds of stages (a table of a few rows, which autovacuum never analyzes,
        reads as 600 rows to its planner), so hundreds of thousands of cells, and
        sort every record of the pivot instead of hashing them: 1.6 s for a million
        records where a list of the stages takes 0.7 s. Grouped by id, so that
        PostgreSQL knows each stage once and leaves the join out of the reads that
        do not ask for the column, as it did with crm_stage's primary key."""
        # pylint: disable-next=no-search-all
        stages = self.env["crm.stage"].sudo().search_fetch([], ["sequence"])
        keys = [(stage.id, self._flow_stage_key(stage.sequence, stage.id)) for stage in stages]
        return SQL(
            """(
                SELECT id, MIN(flow_stage) AS flow_stage
                  FROM (VALUES %s) AS stage (id, flow_stage)
                 GROUP BY id
            ) AS s""",
            SQL(", ").join(SQL("(%s::int4, %s::varchar)", *key) for key in keys or [(None, None)]),
        )

    def _where(self):
        # Archived records that were not lost were put away, not worked: left out.
        return SQL(
            """
            WHERE l.active OR l.won_status = 'lost'
        """
        )

    def _read_group_select(self, aggregate_spec, query):
        # read_group knows no median: the pivot asks for this field's avg. Most reads
        # get it from _read_group_medians; an order or a filter on it, from
        # PostgreSQL's own percentile in the same query.
        if aggregate_spec == MEDIAN:
            return SQL(
                "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY %s)",
                self._field_to_sql(self._table, "response_hours_median", query),
            )
        return super()._read_group_select(aggregate_spec, query)

    def _read_group_orderby(self, order, groupby_terms, query):
        """Many2one groups in their comodel's order, grouped by the id alone.

        The ORM orders them by joining the comodel and adding its order columns to
        the GROUP BY (a salesperson's name and login): PostgreSQL then expects about
        a group per record and sorts every row of the report before counting them,
        which took the default pivot of a million records 2 to 3 s, four to five
        times PostgreSQL's own GROUP BY. Ordered by the position of the id in the list of
        the comodel's records (all of them, as the join reads them), the groups come
        in the same order from a GROUP BY on the id, which PostgreSQL hashes."""
        if not order:
            return super()._read_group_orderby(order, groupby_terms, query)
        terms = []
        for order_part in order.split(","):
            term, *direction = order_part.split() or [""]
            ids = None
            if [word.upper() for word in direction] in ([], ["ASC"], ["DESC"]):
                ids = self._read_group_ordered_ids(term, groupby_terms)
            if ids is None:
                terms.append(super()._read_group_orderby(order_part, groupby_terms, query))
            else:
                # NULL (no salesperson) sorts as the join's NULL names: last, or
                # first when descending.
                terms.append(
                    SQL(
                        "array_position(%s::int4[], %s) %s",
                        ids,
                        groupby_terms[term],
                        SQL("DESC") if direction and direction[0].upper() == "DESC" else SQL(),
                    )
                )
        return SQL(", ").join(terms)

    def _read_group_ordered_ids(self, term, groupby_terms):
        """The ids of the comodel of a many2one group, in its order, or None when the
        ORM's own order is to be kept."""
        field = self._fields.get(term)
        if term not in groupby_terms or not field or field.type != "many2one":
            return None
        comodel = self.env[field.comodel_name].sudo().with_context(active_test=False)
        if comodel._order == "id":  # ordered by the id already, without a join
            return None
        ids = comodel.search([], limit=ORDERED_IDS_MAX + 1).ids
        return ids if len(ids) <= ORDERED_IDS_MAX else None

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        if not self._read_median_apart(groupby, aggregates, having, order):
            return super()._read_group(domain, groupby, aggregates, having, offset, limit, order)
        measures = [spec for spec in aggregates if spec != MEDIAN]
        rows = super()._read_group(domain, groupby, measures, having, offset, limit, order)
        [medians] = self._read_group_medians(domain, [tuple(groupby)])
        return self._read_group_add_medians(rows, len(groupby), aggregates, medians)

    def _read_grouping_sets(self, domain, grouping_sets, aggregates=(), order=None):
        specs = tuple(unique(spec for groupby in grouping_sets for spec in groupby))
        if not self._read_median_apart(specs, aggregates, (), order):
            return super()._read_grouping_sets(domain, grouping_sets, aggregates, order)
        measures = [spec for spec in aggregates if spec != MEDIAN]
        results = super()._read_grouping_sets(domain, grouping_sets, measures, order)
        return [
            self._read_group_add_medians(rows, len(groupby), aggregates, medians)
            for rows, groupby, medians in zip(
                results,
                grouping_sets,
                self._read_group_medians(domain, grouping_sets),
                strict=True,
            )
        ]

    def _read_median_apart(self, groupby, aggregates, having, order):
        # An order or a filter on the median needs it in the query; many2many groups
        # repeat a record once per tag, which the ORM's own read takes care of.
        return (
            MEDIAN in aggregates
            and "response_hours_median" not in f"{having} {order}"
            and not any(
                self._fields[models.parse_read_group_spec(spec)[0]].type == "many2many"
                for spec in groupby
            )
        )

    def _read_group_medians(self, domain, grouping_sets):
        """The median time to first response of each group of each grouping set:
        [{group key: median}], a group key being the group's values (ids for records).

        PostgreSQL's percentile (the fallback, _read_group_select) sorts the times of
        every group of every grouping set, and an ordered-set aggregate keeps the
        pivot's other measures from being hashed: the median made the Speed to Lead
        pivot of a million records 1.8 times stock's. Here the answered records are
        counted per group and per time (a hash), the grouping sets summed from those
        counts, and the median read from the running count of each group. The time is
        stored in hundredths of an hour (two digits), counted as such: the median is
        exact, the same as PostgreSQL's percentile (the middle time, or the mean of
        the two middle ones)."""
        results = [{} for _groupby in grouping_sets]
        query = self._search(domain)
        if query.is_empty():
            return results
        specs = list(unique(spec for groupby in grouping_sets for spec in groupby))
        terms = [self._read_group_groupby(self._table, spec, query) for spec in specs]
        hours = self._field_to_sql(self._table, "response_hours_median", query)
        hundredths = SQL("round(%s * 100)::bigint", hours)
        query.add_where(SQL("%s IS NOT NULL", hours))
        query.groupby = SQL(", ").join([*terms, hundredths])
        keys = [SQL.identifier(f"key_{index}") for index in range(len(specs))]
        counts = query.select(
            *(SQL("%s AS %s", term, key) for term, key in zip(terms, keys, strict=True)),
            SQL("%s AS hundredths", hundredths),
            SQL("COUNT(*) AS answered"),
        )
        sets = unique(
            SQL(", ").join(
                [*(keys[index] for index in sorted(map(specs.index, groupby))), SQL("hundredths")]
            )
            for groupby in grouping_sets
        )
        group = SQL(", ").join([SQL("grouping_set"), *keys])
        rows = self.env.execute_query(
            SQL(
                """
                WITH counts AS (%(counts)s),
                sets AS (
                    SELECT %(grouping)s AS grouping_set, %(keys)s hundredths,
                           SUM(answered) AS answered
                      FROM counts
                     GROUP BY GROUPING SETS (%(sets)s)
                ),
                running AS (
                    SELECT sets.*,
                           SUM(answered) OVER (PARTITION BY %(group)s ORDER BY hundredths)
                               AS up_to,
                           SUM(answered) OVER (PARTITION BY %(group)s) AS total
                      FROM sets
                )
                SELECT %(group)s,
                       (MIN(hundredths) FILTER (WHERE up_to > (total - 1) / 2)
                        + MIN(hundredths) FILTER (WHERE up_to > total / 2)) / 200.0::float8
                  FROM running
                 GROUP BY %(group)s
                """,
                counts=counts,
                grouping=SQL("GROUPING(%s)", SQL(", ").join(keys)) if keys else SQL("0"),
                keys=SQL("%s,", SQL(", ").join(keys)) if keys else SQL(),
                sets=SQL(", ").join(SQL("(%s)", grouping_set) for grouping_set in sets),
                group=group,
            )
        )
        if not rows:
            return results
        masks, *columns, medians = zip(*rows, strict=True)
        columns = [
            [group_key(value) for value in values]
            for values in map(self._read_group_postprocess_groupby, specs, columns)
        ]
        for groupby, by_key in zip(grouping_sets, results, strict=True):
            # GROUPING(): a bit per key, the first key's the highest, set when the
            # grouping set leaves it out.
            mask = sum(
                1 << (len(specs) - 1 - index)
                for index, spec in enumerate(specs)
                if spec not in groupby
            )
            indexes = [specs.index(spec) for spec in groupby]
            for row, row_mask in enumerate(masks):
                if row_mask == mask:
                    by_key[tuple(columns[index][row] for index in indexes)] = medians[row]
        return results

    def _read_group_add_medians(self, rows, groupby_count, aggregates, medians):
        """rows of _read_group without the median, with it where the aggregates ask."""
        keys = [tuple(map(group_key, row[:groupby_count])) for row in rows]
        values = self._read_group_postprocess_aggregate(MEDIAN, [medians.get(key) for key in keys])
        positions = [index for index, spec in enumerate(aggregates) if spec == MEDIAN]
        result = []
        for row, median in zip(rows, values, strict=True):
            measures = list(row[groupby_count:])
            for position in positions:
                measures.insert(position, median)
            result.append((*row[:groupby_count], *measures))
        return result

    def action_open_lead(self):
        """Drill-down lines open the initiative or opportunity itself."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.lead_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
