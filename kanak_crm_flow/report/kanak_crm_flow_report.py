# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api
from odoo import fields
from odoo import models
from odoo.tools import SQL

from odoo.addons.crm.models import crm_stage

LOST_COLUMN = "lost"


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
                CASE WHEN l.won_status = 'lost' THEN 'lost'
                     ELSE lpad(greatest(s.sequence, 0)::text, 6, '0')
                          || '-' || lpad(s.id::text, 9, '0')
                END AS flow_stage,
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
            LEFT JOIN crm_stage s ON s.id = l.stage_id
            LEFT JOIN res_company c ON c.id = l.company_id
            LEFT JOIN crm_team t ON t.id = l.team_id
            LEFT JOIN res_company tc ON tc.id = t.company_id
        """
        )

    def _where(self):
        # Archived records that were not lost were put away, not worked: left out.
        return SQL(
            """
            WHERE l.active OR l.won_status = 'lost'
        """
        )

    def _read_group_select(self, aggregate_spec, query):
        # read_group knows no median: the pivot asks for this field's avg, which
        # PostgreSQL's own percentile answers in the same query.
        if aggregate_spec == "response_hours_median:avg":
            return SQL(
                "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY %s)",
                self._field_to_sql(self._table, "response_hours_median", query),
            )
        return super()._read_group_select(aggregate_spec, query)

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
