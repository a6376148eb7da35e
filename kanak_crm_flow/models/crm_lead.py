# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from collections import defaultdict
from datetime import datetime
from datetime import time
from datetime import timedelta

from markupsafe import Markup
from pytz import timezone
from pytz import utc

from odoo import api
from odoo import fields
from odoo import models
from odoo import modules
from odoo import tools
from odoo.exceptions import AccessError
from odoo.exceptions import UserError
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL
from odoo.tools import split_every

from ..tools.lead_import import IMPORT_CHUNK_SIZE
from ..tools.lead_import import LeadImportScreening
from ..tools.working_hours import format_hours
from ..tools.working_hours import hours_within
from ..tools.working_hours import plan_working_hours
from ..tools.working_hours import working_intervals

# Overdue initiatives escalated per transaction by the scheduled action.
ESCALATION_BATCH_SIZE = 200

# Recorded by the system (the first response, the escalation, the score it computes):
# a salesperson must not be able to mark an initiative answered or qualified by RPC.
SYSTEM_RECORDED_FIELDS = frozenset(
    {
        "qualification_score",
        "response_deadline",
        "first_response_date",
        "first_response_user_id",
        "response_escalated",
        "acknowledgement_date",
        "contact_again_date",
        "came_back_date",
        "came_back_reason_id",
        "came_back_trigger",
    }
)

# Lost records brought back per transaction by the scheduled action.
CONTACT_AGAIN_BATCH_SIZE = 200

# The earlier records of a returning contact named on their new initiative.
EARLIER_RECORDS_NAMED = 5

QUALIFICATION_CRITERIA = (
    "qualification_need",
    "qualification_budget",
    "qualification_authority",
    "qualification_timing",
)


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # One name per thing: what stock calls a lead is an initiative here.
    type = fields.Selection(selection=[("lead", "Initiative"), ("opportunity", "Opportunity")])
    name = fields.Char(string="Title")
    contact_open_record_warning = fields.Char(
        "Open Record of This Contact",
        compute="_compute_contact_open_record_warning",
    )

    # Lost (Disqualify, Mark Lost) is the one way out, with its reason: a read-only
    # active field keeps the web client from offering Archive beside it.
    active = fields.Boolean(readonly=True)
    qualification_need = fields.Boolean("Need", help="The contact has a need we can meet.")
    qualification_budget = fields.Boolean("Budget", help="The contact has a budget for it.")
    qualification_authority = fields.Boolean(
        "Authority", help="We talk with someone who can decide."
    )
    qualification_timing = fields.Boolean(
        "Timing", help="The purchase is planned within a known time frame."
    )
    qualification_score = fields.Integer(
        compute="_compute_qualification_score",
        store=True,
        help="Need + budget + authority + timing, from 0 to 4.",
    )
    qualification_note = fields.Html("Qualification Notes")
    response_deadline = fields.Datetime(
        "Respond By",
        compute="_compute_response_deadline",
        store=True,
        copy=False,
        index="btree_not_null",
        help="The team's first response promise for this initiative: its arrival plus the "
        "promised working hours, on the team's company working calendar. Empty when the "
        "team makes no promise.",
    )
    first_response_date = fields.Datetime(
        "First Response",
        readonly=True,
        copy=False,
        help="When the contact was first answered: an email or message sent from the "
        "initiative, a logged call or meeting, or its qualification or disqualification. "
        "The automatic acknowledgement does not count.",
    )
    first_response_user_id = fields.Many2one(
        "res.users", "First Response By", readonly=True, copy=False
    )
    response_hours = fields.Float(
        "Time to First Response",
        compute="_compute_response_hours",
        store=True,
        digits=(16, 2),
        help="Working hours from the initiative's arrival to its first response.",
    )
    response_escalated = fields.Boolean(
        "Escalated",
        readonly=True,
        copy=False,
        help="Past its deadline unanswered, the initiative was escalated to the team leader.",
    )
    acknowledgement_date = fields.Datetime(
        "Acknowledged On",
        readonly=True,
        copy=False,
        help="When the acknowledgement email was last sent to the contact.",
    )
    response_state = fields.Selection(
        [("due", "Response Due"), ("overdue", "Response Overdue"), ("answered", "Answered")],
        compute="_compute_response_state",
        help="Where the initiative stands against its team's first response promise.",
    )
    response_summary = fields.Char(
        "Response",
        compute="_compute_response_state",
        help="Working hours left before the first response is due, how long it is overdue, "
        "or how long the first response took.",
    )
    response_overdue = fields.Boolean(
        compute="_compute_response_state", search="_search_response_overdue"
    )
    response_due_today = fields.Boolean(
        compute="_compute_response_state", search="_search_response_due_today"
    )
    contact_again_date = fields.Datetime(
        "Contact Again On",
        compute="_compute_contact_again_date",
        store=True,
        index="btree_not_null",
        copy=False,
        help="Lost with a reason that says to contact again: the record comes back as an "
        "initiative on this date.",
    )
    came_back_date = fields.Datetime(
        "Came Back On",
        readonly=True,
        copy=False,
        help="When this lost record came back as an initiative.",
    )
    came_back_reason_id = fields.Many2one(
        "crm.lost.reason",
        "Lost Before With",
        readonly=True,
        copy=False,
        help="The reason this record had been lost with when it came back.",
    )
    came_back_trigger = fields.Selection(
        [("delay", "Contact again delay"), ("reply", "Reply from the contact")],
        "Came Back By",
        readonly=True,
        copy=False,
    )

    # Columns of other CRMs' exports that have no field of their own: read by the
    # import's screening (tools/lead_import.py) before the record is written.
    import_first_name = fields.Char(
        "First Name",
        compute="_compute_import_columns",
        inverse="_inverse_import_columns",
        help="Import only: the contact's first name, joined with the last name into the "
        "Contact Name.",
    )
    import_last_name = fields.Char(
        "Last Name",
        compute="_compute_import_columns",
        inverse="_inverse_import_columns",
        help="Import only: the contact's last name, joined with the first name into the "
        "Contact Name.",
    )
    import_lead_source = fields.Char(
        "Lead Source",
        compute="_compute_import_columns",
        inverse="_inverse_import_columns",
        help="Import only: where the contact came from (another CRM's Lead Source): "
        "becomes the source, and the seeded source tag it names.",
    )

    # The workload counts (crm.team.member's Workload screen, the proposed
    # salesperson, Rebalance) per salesperson and team, a few records among a
    # million, each answered from the index alone (company_id for the multi-company
    # rule). Open records only (_get_workload_by_user): the index grows with the
    # work in progress, not with the years of closed records beside it.
    _kanak_open_workload_idx = models.Index(
        "(user_id, team_id, type) INCLUDE (company_id)"
        " WHERE won_status = 'pending' AND active IS TRUE"
    )
    # Initiatives still waiting for their first response (the Workload screen's
    # Overdue Initiatives): without it, every record with a deadline is read.
    _kanak_awaiting_response_idx = models.Index(
        "(user_id, team_id) INCLUDE (company_id, response_deadline)"
        " WHERE type = 'lead' AND first_response_date IS NULL"
        " AND response_deadline IS NOT NULL AND active IS TRUE"
    )

    @api.depends(*QUALIFICATION_CRITERIA)
    def _compute_qualification_score(self):
        for lead in self:
            lead.qualification_score = sum(lead[name] for name in QUALIFICATION_CRITERIA)

    @api.depends("team_id", "type")
    def _compute_stage_id(self):
        initiatives = self.filtered(lambda lead: lead.type == "lead")
        misplaced = initiatives.filtered(lambda lead: not lead.stage_id.is_qualification)
        # One lookup per team, not per lead: assignment recomputes whole batches.
        for team, leads in misplaced.grouped("team_id").items():
            leads.stage_id = self._get_qualification_stage(team.id)
        opportunities = self - initiatives
        for lead in opportunities.filtered("stage_id.is_qualification"):
            lead.stage_id = False
        return super(CrmLead, opportunities)._compute_stage_id()

    @api.depends("team_id")
    def _compute_response_deadline(self):
        # Fixed when the initiative arrives in a team, on that team's promise; answered
        # initiatives and opportunities keep theirs (the report's "in time" measure).
        awaiting = self.filtered(lambda lead: lead._is_awaiting_response())
        for lead in self - awaiting:
            lead.response_deadline = lead.response_deadline
        now = self.env.cr.now()
        # A batch created together shares its arrival: one calendar walk per team.
        for (team, arrival), leads in awaiting.grouped(
            lambda lead: (lead.team_id, lead.create_date or now)
        ).items():
            hours = team.first_response_hours
            if not hours:
                leads.response_deadline = False
                continue
            calendar, company = leads[0]._get_response_calendar()
            leads.response_deadline = plan_working_hours(calendar, company, arrival, hours)

    @api.depends("first_response_date")
    def _compute_response_hours(self):
        for lead in self:
            if not lead.first_response_date or not lead.create_date:
                lead.response_hours = 0.0
                continue
            calendar, company = lead._get_response_calendar()
            intervals = working_intervals(
                calendar, company, lead.create_date, lead.first_response_date
            )
            lead.response_hours = hours_within(
                intervals, lead.create_date, lead.first_response_date
            )

    @api.depends_context("uid")
    @api.depends(
        "response_deadline",
        "first_response_date",
        "response_hours",
        "type",
        "active",
        "team_id.first_response_hours",
    )
    def _compute_response_state(self):
        now = self.env.cr.now()
        end_of_today = self._response_end_of_today()
        self.response_state = self.response_summary = False
        self.response_overdue = self.response_due_today = False
        for lead in self.filtered("response_deadline"):
            if lead.first_response_date:
                lead.response_state = "answered"
                lead.response_summary = self.env._(
                    "Answered in %(hours)s", hours=format_hours(lead.response_hours)
                )
        # The promise of a team that turned it off no longer holds.
        awaiting = self.filtered(
            lambda lead: (
                lead.response_deadline
                and lead._is_awaiting_response()
                and lead.team_id.first_response_hours
            )
        )
        # One calendar walk per calendar, from the earliest to the latest moment shown.
        for (calendar, company), leads in awaiting.grouped(
            lambda lead: lead._get_response_calendar()
        ).items():
            deadlines = leads.mapped("response_deadline")
            start, end = min([*deadlines, now]), max([*deadlines, now])
            intervals = working_intervals(calendar, company, start, end)
            for lead in leads:
                deadline = lead.response_deadline
                if deadline <= now:
                    lead.response_state = "overdue"
                    lead.response_overdue = True
                    late = hours_within(intervals, deadline, now)
                    # Past the deadline outside working time (a weekend): no hours to count.
                    lead.response_summary = (
                        self.env._("Overdue by %(hours)s", hours=format_hours(late))
                        if late >= 1 / 60
                        else self.env._("Past its deadline")
                    )
                else:
                    lead.response_state = "due"
                    lead.response_due_today = deadline < end_of_today
                    lead.response_summary = self.env._(
                        "%(hours)s left", hours=format_hours(hours_within(intervals, now, deadline))
                    )

    def _search_response_overdue(self, operator, value):
        overdue = Domain(self._get_awaiting_response_domain()) & Domain(
            "response_deadline", "<=", self.env.cr.now()
        )
        return self._search_boolean(overdue, operator, value)

    def _search_response_due_today(self, operator, value):
        due_today = Domain(self._get_awaiting_response_domain()) & Domain(
            [
                ("response_deadline", ">", self.env.cr.now()),
                ("response_deadline", "<", self._response_end_of_today()),
            ]
        )
        return self._search_boolean(due_today, operator, value)

    @api.model
    def _search_boolean(self, domain, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        return domain if (True in value) == (operator == "in") else ~domain

    def _compute_import_columns(self):
        self.import_first_name = self.import_last_name = self.import_lead_source = False

    def _inverse_import_columns(self):
        # Only an import reads them; anywhere else writing them would do nothing.
        if any(self.mapped("import_first_name") + self.mapped("import_last_name")) or any(
            self.mapped("import_lead_source")
        ):
            raise UserError(
                self.env._(
                    "First Name, Last Name and Lead Source are columns of an imported "
                    "file: set the Contact Name and the Source of the record instead."
                )
            )

    @api.depends("email_from", "phone", "country_id", "company_id")
    def _compute_contact_open_record_warning(self):
        # A record typed by hand is allowed (a person decided), but before and after
        # saving it says where this contact is already being followed. Only to who
        # may read initiatives: an onchange is no oracle of who is a contact.
        if not self.env["crm.lead"].has_access("read"):
            self.contact_open_record_warning = False
            return
        for lead in self:
            warning = False
            key = lead._get_contact_key(lead.email_from, lead.phone, lead.country_id)
            company = lead.company_id or self.env.company
            others = (
                self._search_contact_records(
                    [key], company.ids, open_only=True, fields_to_fetch=["name", "type", "user_id"]
                )[key].filtered(lambda record, lead=lead: record.id != lead._origin.id)
                if key
                else None
            )
            if others:
                readable = others.with_env(self.env)._filtered_access("read")[:1].sudo()
                if readable:
                    warning = self.env._(
                        "This contact already has an open %(kind)s: “%(name)s” "
                        "(%(salesperson)s). Continue there unless this is another request.",
                        kind=readable._get_kind_name(),
                        name=readable.name,
                        salesperson=readable.user_id.name or self.env._("unassigned"),
                    )
                else:
                    # One the user may not read: that it exists, nothing of it.
                    warning = self.env._(
                        "This contact already has an open initiative or opportunity, "
                        "handled by the sales team."
                    )
            lead.contact_open_record_warning = warning

    @api.depends("won_status", "lost_reason_id")
    def _compute_contact_again_date(self):
        # Fixed at the loss, from the system's own clock (not the closing date, which
        # a user may edit) and the reason's delay of that day: a delay set later on a
        # reason does not wake records lost long ago all at once.
        now = self.env.cr.now()
        for lead in self:
            days = lead.lost_reason_id.contact_again_days
            lead.contact_again_date = (
                now + timedelta(days=days) if lead.won_status == "lost" and days else False
            )

    @api.constrains("type", "stage_id")
    def _check_stage_matches_type(self):
        for lead in self:
            if not lead.stage_id:
                continue
            if lead.type == "lead" and not lead.stage_id.is_qualification:
                raise ValidationError(
                    self.env._(
                        "“%(name)s” is an initiative: it stays in the %(stage)s stage until it "
                        "is qualified. Leave its stage empty, or create it as an opportunity.",
                        name=lead.name,
                        stage=lead._get_qualification_stage().name,
                    )
                )
            if lead.type == "opportunity" and lead.stage_id.is_qualification:
                raise ValidationError(
                    self.env._(
                        "“%(name)s” is an opportunity and cannot be in the %(stage)s stage. "
                        "Mark it as lost if it should not be pursued.",
                        name=lead.name,
                        stage=lead.stage_id.name,
                    )
                )

    @api.constrains("email_from")
    def _check_email_from(self):
        for lead in self:
            error = self._get_email_address_error(lead.email_from)
            if error:
                raise ValidationError(error)

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model
    def default_get(self, fields):
        defaults = super().default_get(fields)
        # An initiative gets its salesperson when someone chooses one, or at its
        # qualification: not whoever typed the card or imported the file.
        if (
            defaults.get("user_id") == self.env.uid
            and "default_user_id" not in self.env.context
            and self._is_initiative_default(defaults)
        ):
            defaults["user_id"] = False
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        context = self.env.context
        # The context's defaults too: they fill what the values leave out.
        defaults = {key.removeprefix("default_") for key in context if key.startswith("default_")}
        self._check_system_recorded_fields({key for vals in vals_list for key in vals} | defaults)
        # Every way in says its channel (email, website, import set theirs): what
        # names none was typed in directly, or sent by an integration.
        if not context.get("default_medium_id"):
            # By xmlid, cached: env.ref would ask the database once per creation.
            direct_id = self.env["ir.model.data"]._xmlid_to_res_id(
                "utm.utm_medium_direct", raise_if_not_found=False
            )
            for vals in vals_list:
                if direct_id and not vals.get("medium_id"):
                    vals["medium_id"] = direct_id
        for vals in vals_list:
            stage_id = vals.get("stage_id") or context.get("default_stage_id")
            if not stage_id:
                continue
            stage = self.env["crm.stage"].browse(stage_id)
            lead_type = vals.get("type", context.get("default_type"))
            if not lead_type:
                # A card created in a column of the Sales Flow: the column decides.
                vals["type"] = "lead" if stage.is_qualification else "opportunity"
            elif lead_type == "lead" and not stage.is_qualification:
                # Callers unaware of Initiatives (integrations, imports) give a pipeline
                # stage: a new initiative still starts in the qualification stage.
                team_id = vals.get("team_id", context.get("default_team_id"))
                vals["stage_id"] = self._get_qualification_stage(team_id).id
            elif lead_type == "opportunity" and stage.is_qualification:
                # The same callers give an opportunity the first stage, Initiatives: it
                # starts where a qualified initiative lands, its team's first pipeline
                # stage.
                team_id = vals.get("team_id", context.get("default_team_id"))
                vals["stage_id"] = self.env["crm.stage"]._get_first_opportunity_stage_id(
                    team_id or False
                )
        # As in default_get, for creates that name no salesperson (import, RPC).
        unassigned = []
        if "default_user_id" not in context:
            default_type = context.get("default_type") or self._fields["type"].default(self)
            for vals in vals_list:
                if "user_id" not in vals and vals.get("type", default_type) == "lead":
                    vals["user_id"] = False
                    unassigned.append(vals)
        self._route_initiatives_by_country(vals_list)
        # Without a salesperson to take the team from, and no country team: the team of
        # whoever typed it, as stock would have given it through the salesperson.
        if "default_team_id" not in context and any(not vals.get("team_id") for vals in unassigned):
            team_id = (
                self.env["crm.team"]
                ._get_default_team_id(user_id=self.env.uid, domain=[("use_leads", "=", True)])
                .id
            )
            for vals in unassigned:
                if not vals.get("team_id") and team_id:
                    vals["team_id"] = team_id
        return super().create(vals_list)

    def write(self, vals):
        self._check_system_recorded_fields(vals)
        if vals.get("type") == "opportunity":
            # Every conversion ends in this write (Qualify, stock's wizard, rule-based
            # assignment, a drag, RPC): the gate of the team it goes to holds here.
            team = self.env["crm.team"].browse(vals.get("team_id"))
            self.filtered(
                lambda lead: lead.type == "lead" and lead.active
            )._check_qualification_gate(team or None, vals)
        stage = self.env["crm.stage"].browse(vals.get("stage_id"))
        # With "type" in the values, the caller converts (stock conversion, merge): its
        # stage is checked by the type/stage constraint.
        if not stage or "type" in vals:
            return super().write(vals)
        if stage.is_qualification:
            if any(lead.type == "opportunity" for lead in self):
                raise UserError(
                    self.env._(
                        "An opportunity cannot go back to %(stage)s: qualification happens once. "
                        "Mark it as lost if it should not be pursued.",
                        stage=stage.name,
                    )
                )
            return super().write(vals)
        initiatives = self.filtered(lambda lead: lead.type == "lead")
        if not initiatives:
            return super().write(vals)
        # Moving an initiative to a pipeline stage asks for its qualification, whatever
        # the path (form, kanban, RPC, import, automation), with the Qualify button's
        # rules. All or nothing: a refused qualification leaves every record as it was.
        with self.env.cr.savepoint():
            other_vals = {key: value for key, value in vals.items() if key != "stage_id"}
            if other_vals:
                super(CrmLead, initiatives).write(other_vals)
            initiatives._qualify_by_stage(stage)
            rest = self - initiatives
            if rest:
                super(CrmLead, rest).write(vals)
        return True

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        columns = super()._read_group_stage_ids(stages, domain)
        if self.env.context.get("kanak_sales_flow"):
            qualification = self._get_qualification_stage(self.env.context.get("default_team_id"))
            return (qualification | columns).sorted()
        # Stock screens of opportunities: no empty Initiatives column.
        return columns.filtered(lambda stage: not stage.is_qualification or stage in stages)

    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        # Every stock path that looks for an opportunity stage (conversion, stage
        # compute, merge helpers) goes through here: keep Initiatives out of it.
        domain = [*(domain or []), ("is_qualification", "=", False)]
        return super()._stage_find(team_id=team_id, domain=domain, order=order, limit=limit)

    def web_save(self, vals, specification, next_id=None):
        if not self or next_id or "stage_id" not in vals:
            return super().web_save(vals, specification, next_id=next_id)
        # Only an own-documents salesperson can lose sight of a card by moving it (a
        # drag qualifies it for a colleague): read what they see before the write.
        seen_before = None
        if not self.env.user.has_group("sales_team.group_sale_salesman_all_leads"):
            seen_before = self.with_context(bin_size=True).web_read(specification)
        self.write(vals)
        handed_over = self - self._filtered_access("read")
        if not handed_over or seen_before is None:
            return self.with_context(bin_size=True).web_read(specification)
        # Handed to a colleague whom the user may not read: the board shows where the
        # card went and says to whom, instead of an access error on a write that
        # succeeded.
        self.env.user._bus_send(
            "simple_notification",
            {"type": "success", "message": handed_over._handed_over_message()},
        )
        return self._web_read_handed_over(seen_before, specification)

    def _web_read_group_format(self, groupby, aggregates, groups):
        result = super()._web_read_group_format(groupby, aggregates, groups)
        # The Sales Flow shows the work in progress: its Won columns start folded, so
        # the board fits a laptop screen (won records: the Sales Flow Analysis).
        if self.env.context.get("kanak_sales_flow") and groupby and groupby[0] == "stage_id":
            won = set(self.env["crm.stage"].sudo().search([("is_won", "=", True)]).ids)
            for group in result:
                stage = group.get("stage_id")
                if "__fold" in group and stage and stage[0] in won:
                    group["__fold"] = True
        return result

    def load(self, fields, data):
        result = super().load(fields, data)
        # load() finds the next row of a batched import from the last row it was
        # handed: a skipped last row would end the import early, dropping the rest.
        skipped = [message for message in result["messages"] if message.get("skipped")]
        if skipped and result["ids"] is not False:
            limit = self.env.context.get("_import_limit") or float("inf")
            next_row = max(info["rows"]["to"] for info in skipped) + 1
            if next_row >= limit and next_row > result["nextrow"]:
                result["nextrow"] = next_row
        return result

    def _convert_records(self, records, *, log=lambda a: None, savepoint):
        converted = super()._convert_records(records, log=log, savepoint=savepoint)
        screening = LeadImportScreening(self, log)
        for chunk in split_every(IMPORT_CHUNK_SIZE, converted, list):
            yield from screening.screen(chunk)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_qualify_as_opportunity(self):
        """The initiative form's primary button."""
        self.ensure_one()
        if self.user_id:
            self._qualify_as_opportunity(self.user_id)
            return self._action_after_qualification()
        self._check_can_qualify()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Qualify as Opportunity"),
            "res_model": "kanak.crm.lead.qualify",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_id": self.id},
        }

    def action_set_lost(self, **additional_values):
        self._register_first_response(self.env.user)
        result = super().action_set_lost(**additional_values)
        self.filtered("lost_reason_id.do_not_contact")._blacklist_contact()
        return result

    def action_send_acknowledgement(self):
        """Send the acknowledgement now: only the chatter of the initiative changes
        (no contact is created, its contact name stays)."""
        self.ensure_one()
        if not self.email_normalized:
            raise UserError(
                self.env._(
                    "“%(name)s” has no valid email address: add one before sending the "
                    "acknowledgement.",
                    name=self.name,
                )
            )
        if self.is_blacklisted:
            raise UserError(
                self.env._(
                    "%(email)s is on the blacklist: this contact asked not to receive emails.",
                    email=self.email_normalized,
                )
            )
        self._send_acknowledgement()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Acknowledgement sent to %s.", self.email_normalized),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _assign_userless_lead_in_team(self, creation_source):
        # Stock hands new userless leads to the team leader; an initiative gets its
        # salesperson when it is qualified (alias defaults may still name one).
        opportunities = self.filtered(lambda lead: lead.type != "lead")
        return super(CrmLead, opportunities)._assign_userless_lead_in_team(creation_source)

    # ------------------------------------------------------------
    # CONVERT
    # ------------------------------------------------------------

    def _convert_opportunity_data(self, customer, team_id=False):
        values = super()._convert_opportunity_data(customer, team_id=team_id)
        # The team it goes to comes with the conversion's write, whose gate judges by it
        # (stock would assign it afterwards).
        if team_id:
            values["team_id"] = team_id
        # Stock keeps the lead's stage when it has one: Initiatives must be left.
        target = self.env.context.get("kanak_target_stage_id")
        if target:
            values["stage_id"] = target
        elif self.stage_id.is_qualification:
            values["stage_id"] = self.env["crm.stage"]._get_first_opportunity_stage_id(
                team_id or self.team_id.id or False
            )
        return values

    def convert_opportunity(self, partner, user_ids=False, team_id=False):
        # The gate is checked by write(), which every conversion ends in.
        self._register_first_response(self.env.user)
        return super().convert_opportunity(partner, user_ids=user_ids, team_id=team_id)

    def _handle_partner_assignment(
        self, force_partner_id=False, create_missing=True, with_parent=None
    ):
        # Without a person, a company or an address there is nobody to create: stock
        # would make a contact named after the initiative's title.
        nobody = self.filtered(
            lambda lead: not (lead.contact_name or lead.partner_name or lead.email_from)
        )
        if not create_missing or force_partner_id:
            nobody = self.browse()
        if nobody:
            super(CrmLead, nobody)._handle_partner_assignment(
                force_partner_id, create_missing=False, with_parent=with_parent
            )
        return super(CrmLead, self - nobody)._handle_partner_assignment(
            force_partner_id, create_missing=create_missing, with_parent=with_parent
        )

    # ------------------------------------------------------------
    # MAILING
    # ------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        # Only the alias decides: stock would take the priority from X-Priority.
        msg_dict = dict(msg_dict, priority=None)
        values = dict(custom_values or {})
        team = self.env["crm.team"].browse(values.get("team_id"))
        if tools.html2plaintext(msg_dict.get("body") or "").strip():
            values.setdefault("description", msg_dict["body"])
        # A From that is no address (a broken mailer) still makes an initiative: without
        # an email, the header kept as the contact's name.
        if self._get_email_address_error(msg_dict.get("email_from")):
            values.setdefault("contact_name", msg_dict["email_from"])
            msg_dict = dict(msg_dict, email_from=False, **{"from": False})
        contact_name, _email = tools.parse_contact_from_email(msg_dict.get("email_from") or "")
        if contact_name and not msg_dict.get("author_id"):
            values.setdefault("contact_name", contact_name)
        values.setdefault(
            "medium_id", self.env["ir.model.data"]._xmlid_to_res_id("utm.utm_medium_email", True)
        )
        if team.alias_email:
            # The team's, unless someone deleted it since.
            source = team.alias_source_id or self.env["utm.mixin"]._find_or_create_record(
                "utm.source", team.alias_email
            )
            values.setdefault("source_id", source.id)
        lead = super().message_new(msg_dict, custom_values=values)
        lead._acknowledge_new_initiative()
        return lead

    def _message_post_after_hook(self, message, msg_vals):
        # A message to the contact (not a note, not the automatic acknowledgement,
        # which is an email of its own and a note), written by a salesperson.
        if (
            msg_vals.get("message_type") == "comment"
            and msg_vals.get("subtype_id")
            == self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
            and self.filtered(lambda lead: lead._is_awaiting_response())
        ):
            author = message.author_id
            self._register_first_response(author.user_ids.filtered(lambda user: not user.share)[:1])
        return super()._message_post_after_hook(message, msg_vals)

    @api.model
    def get_import_templates(self):
        # tools/import_templates.py writes these files.
        folder = "/kanak_crm_flow/static/xls"
        ours = [
            {
                "label": self.env._("Import Template for Initiatives (Excel)"),
                "template": f"{folder}/kanak_initiatives.xlsx",
            },
            {
                "label": self.env._("Import Template for Initiatives (CSV)"),
                "template": f"{folder}/kanak_initiatives.csv",
            },
            {
                "label": self.env._("Import Template for Initiatives, Spanish headers (Excel)"),
                "template": f"{folder}/kanak_iniciativas.xlsx",
            },
            {
                "label": self.env._("Import Template for Initiatives, Spanish headers (CSV)"),
                "template": f"{folder}/kanak_iniciativas.csv",
            },
        ]
        stock = super().get_import_templates()
        for template in stock:
            # One name per thing: CRM's own template, in the words of initiatives.
            if template["template"] == "/crm/static/xls/crm_lead.xls":
                template["label"] = self.env._("Import Template for Initiatives & Opportunities")
        return ours + stock

    # ------------------------------------------------------------
    # STAGE INVARIANT: initiatives in the qualification stage, opportunities never
    # ------------------------------------------------------------

    def _get_qualification_stage(self, team_id=False):
        stage_id = self.env["crm.stage"]._get_qualification_stage_id(team_id or False)
        return self.env["crm.stage"].browse(stage_id)

    @api.model
    def _get_email_address_error(self, email):
        """What is wrong with an email address as a person typed it, in the words every
        way in uses (form, import, website form); nothing for an empty one."""
        if not email:
            return False
        normalized = tools.email_normalize(email) or ""
        local, _at, domain = normalized.rpartition("@")
        labels = domain.split(".")
        if local and len(labels) > 1 and all(labels) and "@@" not in email:
            return False
        return self.env._(
            "“%(email)s” is not an email address: write one address such as "
            "name@example.com, or leave it empty.",
            email=email,
        )

    @api.model
    def _is_initiative_default(self, defaults):
        stage_id = self.env.context.get("default_stage_id")
        if stage_id:
            return self.env["crm.stage"].browse(stage_id).is_qualification
        return (defaults.get("type") or self.env.context.get("default_type")) == "lead"

    def _route_initiatives_by_country(self, vals_list, company=None):
        """An initiative created without a sales team goes to the team that covers its
        country (or its contact's), whatever the way in: website form, import, RPC.
        Without such a team, stock decides (the salesperson's team). company: where
        the values name none, the company whose teams are looked at (by default the
        user's)."""
        candidates = [
            vals
            for vals in vals_list
            if not vals.get("team_id") and (vals.get("country_id") or vals.get("partner_id"))
        ]
        if not candidates or self.env.context.get("default_team_id"):
            return
        default_type = self.env.context.get("default_type") or self._fields["type"].default(self)
        unrouted = [vals for vals in candidates if vals.get("type", default_type) == "lead"]
        if not unrouted:
            return
        partners = (
            self.env["res.partner"]
            .sudo()
            .browse([vals["partner_id"] for vals in unrouted if not vals.get("country_id")])
        )
        by_vals = [
            (vals, vals.get("country_id") or partners.browse(vals["partner_id"]).country_id.id)
            for vals in unrouted
        ]
        for company_id, group in tools.groupby(
            [(vals, country_id) for vals, country_id in by_vals if country_id],
            key=lambda pair: pair[0].get("company_id") or (company or self.env.company).id,
        ):
            teams = self.env["crm.team"]._get_teams_by_country(
                {country_id for _vals, country_id in group}, company_id
            )
            for vals, country_id in group:
                if country_id in teams:
                    vals["team_id"] = teams[country_id].id

    def _check_system_recorded_fields(self, field_names):
        """The fields the system records are written by the system, or corrected by a
        sales manager; anyone else gets an error rather than a forged record."""
        forged = SYSTEM_RECORDED_FIELDS.intersection(field_names)
        if not forged or self.env.su or self.env.user.has_group("sales_team.group_sale_manager"):
            return
        raise AccessError(
            self.env._(
                "%(fields)s are recorded by the system (the first response, its escalation, "
                "the qualification score, when a lost record comes back): they cannot be set "
                "by hand. Answer, qualify, tick the qualification criteria or restore the "
                "record instead, or ask a sales manager to correct them.",
                fields=", ".join(
                    sorted(
                        self._fields[name].get_description(self.env)["string"] for name in forged
                    )
                ),
            )
        )

    def _qualify_by_stage(self, stage):
        """Qualify initiatives moved to an opportunity stage, landing them there. One
        without a salesperson gets the team's least-loaded member, as the Qualify
        dialog proposes, and the chatter says so."""
        for lead in self:
            user = lead.user_id
            proposed = not user and lead.team_id._get_proposed_salesperson()
            user = user or proposed
            if not user:
                raise UserError(
                    self.env._(
                        "“%(name)s” cannot become an opportunity: it has no salesperson, and "
                        "no sales team member to propose. Assign a salesperson or a sales team "
                        "with members first.",
                        name=lead.name,
                    )
                )
            lead.with_context(kanak_target_stage_id=stage.id)._qualify_as_opportunity(user)
            if proposed:
                lead._log_qualification(proposed=True)

    @api.model
    def _move_initiatives_to_qualification_stage(self):
        """At install and upgrade: leads outside the qualification stage enter it
        (lost ones too)."""
        stage = self._get_qualification_stage()
        leads = self.with_context(active_test=False).search(
            [("type", "=", "lead"), ("stage_id", "!=", stage.id)]
        )
        # "type" in the values: a migration, not a qualification move; no tracking either.
        leads.with_context(tracking_disable=True).write({"stage_id": stage.id, "type": "lead"})

    # ------------------------------------------------------------
    # QUALIFICATION
    # ------------------------------------------------------------

    def _check_can_qualify(self, team=None):
        """The screen's pre-check, before the Qualify dialog opens: an open
        initiative that passes its team's gate. The conversion's write checks the
        gate again, whatever the path."""
        self._check_is_open_initiative()
        self._check_qualification_gate(team)

    def _check_is_open_initiative(self):
        for lead in self:
            if lead.type != "lead":
                raise UserError(
                    self.env._(
                        "“%(name)s” is already an opportunity (%(salesperson)s): someone "
                        "qualified it meanwhile. Reload the page to see it.",
                        name=lead.name,
                        salesperson=lead.user_id.name or self.env._("no salesperson"),
                    )
                )
            if not lead.active:
                raise UserError(
                    self.env._(
                        "“%(name)s” is lost or archived: restore it before qualifying it.",
                        name=lead.name,
                    )
                )

    def _check_qualification_gate(self, team=None, vals=None):
        """The team's minimum score: of the team given (where a conversion sends the
        initiative), else of each initiative's own team. vals: criteria being written
        in the same write as the conversion."""
        vals = vals or {}
        for lead in self:
            gate_team = team or lead.team_id
            minimum = gate_team.qualification_min_score
            # Counted from the criteria, not the stored score: what the gate judges is
            # what the Qualification tab shows.
            score = sum(bool(vals.get(name, lead[name])) for name in QUALIFICATION_CRITERIA)
            if score < minimum:
                raise UserError(
                    self.env._(
                        "“%(name)s” scores %(score)s of 4, and team %(team)s qualifies initiatives "
                        "from %(minimum)s. Check need, budget, authority and timing on the "
                        "Qualification tab first.",
                        name=lead.name,
                        score=score,
                        team=gate_team.name,
                        minimum=minimum,
                    )
                )

    def _action_after_qualification(self):
        """The opportunity in the form it was qualified from, or, when it went to
        someone the user may not read (an own-documents salesperson qualifying for a
        colleague), back to the list or board they came from with a notification
        naming the new owner."""
        self.ensure_one()
        if self.has_access("read"):
            # The form it was qualified from shows the opportunity (same record): a
            # reload, not a second breadcrumb of the same record.
            return {"type": "ir.actions.client", "tag": "soft_reload"}
        xmlid = (
            "kanak_crm_flow.action_sales_flow"
            if self.env.context.get("kanak_sales_flow")
            else "kanak_crm_flow.action_initiatives"
        )
        back = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        back["target"] = "main"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self._handed_over_message(),
                "next": back,
            },
        }

    def _handed_over_message(self):
        return self.env._(
            "“%(names)s” qualified: now an opportunity of %(salesperson)s.",
            names="”, “".join(self.sudo().mapped("name")),
            salesperson=", ".join(self.sudo().user_id.mapped("name")),
        )

    def _web_read_handed_over(self, seen_before, specification):
        """What the user read before the write, with the record's own plain values and
        its many-to-one links as they are now; nothing that the user could not read
        before: linked records are read as the user, lists are kept as they were."""
        plain = {
            name
            for name in specification
            if name in self._fields and not self._fields[name].relational
        }
        # The write read and cached linked records as the system (the conversion):
        # what follows is read afresh, as the user.
        self.env.invalidate_all()
        result = []
        for values in seen_before:
            lead = self.browse(values["id"]).sudo()
            values.update(lead.read(list(plain), load=None)[0] if plain else {})
            for name, spec in specification.items():
                field = self._fields.get(name)
                if not field or field.type != "many2one":
                    continue
                linked = self.env[field.comodel_name].browse(lead[name].id)
                if not linked:
                    values[name] = False
                elif "fields" not in spec:
                    values[name] = linked.id
                elif linked.has_access("read"):
                    sub_spec = {
                        key: val for key, val in spec["fields"].items() if key != "display_name"
                    }
                    linked_values = linked.web_read(sub_spec)[0]
                    if "display_name" in spec["fields"]:
                        # As stock's web_read gives many-to-one names.
                        linked_values["display_name"] = linked.sudo().display_name
                    values[name] = linked_values
            result.append(values)
        return result

    def _qualify_as_opportunity(self, user):
        """Convert through the stock conversion wizard: partner handling, salesperson
        and team assignment stay Odoo's."""
        self.ensure_one()
        # Two people may qualify the same initiative at once: the second waits here,
        # then its transaction fails on the update and is retried, to find an
        # opportunity and a clear message, before any contact is created twice.
        self.env.cr.execute(SQL("SELECT 1 FROM crm_lead WHERE id = %s FOR NO KEY UPDATE", self.id))
        # Checked here, after the lock: stock conversion would happily convert an
        # opportunity again. The gate is the conversion's write's.
        self._check_is_open_initiative()
        wizard = (
            self.env["crm.lead2opportunity.partner"]
            .with_context(
                active_model="crm.lead",
                active_id=self.id,
                active_ids=self.ids,
            )
            .create(
                {
                    "lead_id": self.id,
                    "name": "convert",
                    "user_id": user.id,
                    "team_id": self.team_id.id,
                }
            )
        )
        wizard._action_convert()
        return self

    def _log_qualification(self, proposed=False):
        """Say who qualified it, for whom, with which score; called by the conversion.
        The stage rule calls it again with proposed=True when it chose the
        salesperson, which adds that."""
        qualifier = self.env.user
        for lead in self.filtered(lambda lead: lead.type == "opportunity"):
            if proposed:
                body = self.env._(
                    "No salesperson was set: %(salesperson)s was proposed, the member of "
                    "%(team)s with the fewest open initiatives and opportunities.",
                    salesperson=lead.user_id.name,
                    team=lead.team_id.name,
                )
            else:
                body = self.env._(
                    "Qualified as opportunity by %(qualifier)s, assigned to %(salesperson)s "
                    "(qualification score %(score)s of 4).",
                    qualifier=qualifier.name,
                    salesperson=lead.user_id.name or self.env._("nobody"),
                    score=lead.qualification_score,
                )
            lead._log_note(body, author=qualifier)

    def _has_pending_tracking(self):
        """Tracked changes of this record wait for their message at the end of the
        transaction (none when tracking is off, or for a record created in it)."""
        self.ensure_one()
        return bool(self.env.cr.precommit.data.get(f"mail.tracking.{self._name}", {}).get(self.id))

    def _log_note(self, body, author=None):
        """A system note in the chatter: added to the tracking message of the change
        that caused it when one is coming (one chatter entry, after what stock or an
        earlier note already put there), else a log of its own (stock's _message_log,
        as sudo: the user may no longer post on a record just handed to a colleague)."""
        self.ensure_one()
        if self._has_pending_tracking():
            bodies = self.env.cr.precommit.data.get(f"mail.tracking.message.{self._name}", {})
            earlier = bodies.get(self.id)
            self._track_set_log_message(
                Markup("<br/>").join([earlier, body]) if earlier else Markup("%s") % body
            )
        else:
            self._message_log(author_id=(author or self.env.user).partner_id.id, body=body)

    # ------------------------------------------------------------
    # DISQUALIFICATION, ACKNOWLEDGEMENT
    # ------------------------------------------------------------

    def _blacklist_contact(self):
        """The contact asked for silence (a do-not-contact reason, on a record the user
        may change): its own email and phone go on the blacklists, the entry saying
        on which record and by whom. An address an administrator took off a blacklist
        stays off: only an administrator puts it back."""
        self.check_access("write")
        for lead in self:
            reason = lead.lost_reason_id.name
            entry_note = self.env._(
                "Lost with reason “%(reason)s” on “%(name)s” (crm.lead %(id)s) by %(user)s.",
                reason=reason,
                name=lead.name,
                id=lead.id,
                user=self.env.user.name,
            )
            added, kept_off = [], []
            if lead.email_normalized:
                Blacklist = self.env["mail.blacklist"].sudo().with_context(active_test=False)
                entry = Blacklist.search([("email", "=", lead.email_normalized)])
                if not entry:
                    Blacklist._add(lead.email_normalized, message=entry_note)
                    added.append(lead.email_normalized)
                elif not entry.active:
                    kept_off.append(lead.email_normalized)
            if lead.phone_sanitized:
                Blacklist = self.env["phone.blacklist"].sudo().with_context(active_test=False)
                entry = Blacklist.search([("number", "=", lead.phone_sanitized)])
                if not entry:
                    Blacklist._add([lead.phone_sanitized], message=entry_note)
                    added.append(lead.phone_sanitized)
                elif not entry.active:
                    kept_off.append(lead.phone_sanitized)
            if added:
                lead.message_post(
                    body=self.env._(
                        "Lost with reason “%(reason)s”: %(contacts)s added to the blacklist; "
                        "no mailing or call will reach this contact again.",
                        reason=reason,
                        contacts=", ".join(added),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            if kept_off:
                lead.message_post(
                    body=self.env._(
                        "Lost with reason “%(reason)s”, but %(contacts)s was taken off the "
                        "blacklist by an administrator and is not put back: ask an "
                        "administrator if the contact asked for silence again.",
                        reason=reason,
                        contacts=", ".join(kept_off),
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    def _get_acknowledgement_name(self):
        """The name the acknowledgement greets: the contact's, when it reads as a name.
        A form's name field is a stranger's text: a link or an address in it is not
        sent on to whatever address the form named."""
        self.ensure_one()
        name = (self.contact_name or self.partner_id.name or "").strip()
        looks_like_text = len(name) > 64 or any(
            mark in name.lower() for mark in ("://", "www.", "@", "http")
        )
        return "" if looks_like_text else name

    def _send_acknowledgement(self):
        template = self.env.ref("kanak_crm_flow.mail_template_initiative_acknowledgement")
        # In the contact's language (the template's), else the company's: never the
        # language of whoever clicked.
        company = self.company_id or self.team_id.company_id or self.env.company
        template = template.with_context(lang=company.partner_id.lang or "en_US")
        # Marked as automatic (RFC 3834) so that the other side does not answer it.
        # No notification layout: its header repeats the record's name ("Your Lead"
        # and the subject a stranger typed into a form).
        template.sudo().send_mail(
            self.id,
            email_values={
                "headers": {"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"}
            },
        )
        self.sudo().acknowledgement_date = self.env.cr.now()
        self.message_post(
            body=self.env._("Acknowledgement sent to %s.", self.email_normalized),
            subtype_xmlid="mail.mt_note",
        )

    def _acknowledge_new_initiative(self, returning=False):
        """The one decision, for every way in (email, website form): answer a new
        initiative when its team acknowledges them, unless that could start a mail
        loop, reach someone who asked for silence, or let a stranger use us to send
        mail: one automatic acknowledgement per address a day, none to our own
        addresses or to an employee's (a spoofed sender). returning: the contact
        wrote again to their open record, and is answered as a new contact would be,
        whatever the record has become."""
        self.ensure_one()
        recipient = self.email_normalized
        if (
            (self.type != "lead" and not returning)
            or not self.team_id.acknowledge_new_initiatives
            or not recipient
            or self.is_blacklisted
            or self.env.context.get("kanak_mail_is_automated")
        ):
            return False
        # Our own aliases, catchall and bounce addresses: answering them loops.
        if self.env["mail.alias.domain"].sudo()._find_aliases([recipient]):
            return False
        employees = self._kanak_is_employee_address(recipient)
        since = self.env.cr.now() - timedelta(days=1)
        acknowledged_lately = (
            self.sudo()
            .with_context(active_test=False)
            .search_count(
                [("email_normalized", "=", recipient), ("acknowledgement_date", ">=", since)],
                limit=1,
            )
        )
        if employees or acknowledged_lately:
            return False
        self._send_acknowledgement()
        return True

    # ------------------------------------------------------------
    # SPEED TO LEAD: the team's first response promise
    # ------------------------------------------------------------

    def _get_response_calendar(self):
        """(working calendar, company) the promise of this record is counted on: its
        team's company's; for a team shared by companies, the current company's."""
        self.ensure_one()
        owner = self.team_id or self
        company = owner.company_id or self.env.company
        return company.resource_calendar_id, company

    def _is_awaiting_response(self):
        self.ensure_one()
        return self.type == "lead" and self.active and not self.first_response_date

    def _response_end_of_today(self):
        """Midnight ending today in the user's time zone, as naive UTC."""
        tz = timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        today = fields.Datetime.context_timestamp(self, self.env.cr.now()).date()
        midnight = tz.localize(datetime.combine(today + timedelta(days=1), time.min))
        return midnight.astimezone(utc).replace(tzinfo=None)

    @api.model
    def _get_awaiting_response_domain(self):
        return [
            ("type", "=", "lead"),
            ("first_response_date", "=", False),
            ("response_deadline", "!=", False),
            ("team_id.first_response_hours", ">", 0),
        ]

    def _register_first_response(self, user):
        """The first response to initiatives not answered yet: when and by whom. Not the
        system's own doings (scheduled actions, automatic conversions)."""
        if not user or user._is_superuser() or user.share:
            return
        awaiting = self.filtered(lambda lead: lead._is_awaiting_response())
        if awaiting:
            awaiting.sudo().write(
                {"first_response_date": self.env.cr.now(), "first_response_user_id": user.id}
            )

    @api.model
    def _cron_escalate_overdue_initiatives(self, batch_size=ESCALATION_BATCH_SIZE):
        """Escalate initiatives past their deadline unanswered."""
        self._run_in_batches(
            self._escalate_overdue_initiatives, self._get_escalation_domain, batch_size
        )

    @api.model
    def _run_in_batches(self, process_batch, get_domain, batch_size):
        """A scheduled action's work, a batch per transaction: a crash loses at most
        the batch under way, which the next run redoes whole. process_batch(limit)
        returns the records it handled, which leave get_domain()."""
        # A cron's server action can be run by hand: only by the system or its
        # administrators, as its batches read and write as the system.
        if not self.env.su and not self.env.user._is_system():
            raise AccessError(
                self.env._("Only the scheduled action or an administrator runs this job.")
            )
        auto_commit = not modules.module.current_test
        while handled := process_batch(batch_size):
            if not auto_commit:
                continue
            remaining = self.sudo().search_count(get_domain())
            time_left = self.env["ir.cron"]._commit_progress(len(handled), remaining=remaining)
            if time_left <= 0:  # the run's time is up: the next run goes on
                break

    @api.model
    def _get_escalation_domain(self):
        return [
            *self._get_awaiting_response_domain(),
            ("response_escalated", "=", False),
            ("response_deadline", "<=", self.env.cr.now()),
        ]

    @api.model
    def _escalate_overdue_initiatives(self, limit):
        """One batch: the team leader gets one Overdue Initiative activity per
        initiative, the initiative a note, and its escalated flag, all in this
        transaction. Queries do not grow with the batch."""
        leads = self.sudo().search(
            self._get_escalation_domain(), order="response_deadline, id", limit=limit
        )
        if not leads:
            return leads
        activity_type = self.env.ref("kanak_crm_flow.mail_activity_type_overdue_initiative")
        today = fields.Date.context_today(self)
        model_id = self.env["ir.model"]._get_id(self._name)
        activity_values, bodies = [], {}
        for lead in leads:
            leader = lead.team_id.user_id
            # In the leader's language: the note and the activity are theirs to act on.
            leader_env = lead.with_context(lang=leader.lang or self.env.lang).env
            if leader:
                activity_values.append(
                    {
                        "res_model_id": model_id,
                        "res_id": lead.id,
                        "activity_type_id": activity_type.id,
                        "user_id": leader.id,
                        "date_deadline": today,
                        "summary": leader_env._("Overdue initiative"),
                    }
                )
                bodies[lead.id] = leader_env._(
                    "No first response within the %(hours)s working hours team %(team)s "
                    "promises: escalated to %(leader)s.",
                    hours=lead.team_id.first_response_hours,
                    team=lead.team_id.name,
                    leader=leader.name,
                )
            else:
                bodies[lead.id] = leader_env._(
                    "No first response within the %(hours)s working hours team %(team)s "
                    "promises. The team has no leader to escalate to: set one on the team.",
                    hours=lead.team_id.first_response_hours,
                    team=lead.team_id.name,
                )
        # Quick update: no email per activity; the leader finds them in the activity menu.
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            activity_values
        )
        leads._message_log_batch(bodies=bodies, author_id=self.env.ref("base.partner_root").id)
        leads.write({"response_escalated": True})
        return leads

    # ------------------------------------------------------------
    # ONE CONTACT, ONE OPEN RECORD
    # ------------------------------------------------------------

    def _get_kind_name(self):
        return self.env._("initiative") if self.type == "lead" else self.env._("opportunity")

    @api.model
    def _get_contact_key(self, email, phone=False, country=False):
        """How a contact is known: ("email", the normalized address), else ("phone",
        the sanitized number), else None."""
        email = tools.email_normalize(email or "")
        if email:
            return ("email", email)
        if phone:
            phone = self._phone_format(number=phone, country=country or False)
            if phone:
                return ("phone", phone)
        return None

    @api.model
    def _search_contact_records(self, keys, company_ids, open_only=False, fields_to_fetch=()):
        """The initiatives and opportunities of these contacts in these companies (and
        company-less ones), lost and won included unless open_only; as the system: a
        colleague's record is the same contact's. One query on the indexed email and
        phone columns. {key: records}, oldest first."""
        result = defaultdict(lambda: self.sudo().browse())
        emails = [value for kind, value in keys if kind == "email"]
        phones = [value for kind, value in keys if kind == "phone"]
        if not emails and not phones:
            return result
        records = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                self._get_contact_records_domain(keys, company_ids, open_only),
                ["email_normalized", "phone_sanitized", "won_status", "active", *fields_to_fetch],
                order="id",
            )
        )
        for record in records:
            if record.email_normalized in emails:
                result["email", record.email_normalized] |= record
            if record.phone_sanitized in phones:
                result["phone", record.phone_sanitized] |= record
        return result

    @api.model
    def _get_contact_records_domain(self, keys, company_ids, open_only=False):
        """The records of these contacts (keys of _get_contact_key) in these companies
        and company-less ones; open ones only if open_only."""
        emails = [value for kind, value in keys if kind == "email"]
        phones = [value for kind, value in keys if kind == "phone"]
        domain = Domain("company_id", "in", [False, *company_ids]) & (
            Domain("email_normalized", "in", emails) | Domain("phone_sanitized", "in", phones)
        )
        if open_only:
            domain &= Domain("active", "=", True) & Domain("won_status", "=", "pending")
        return domain

    @api.model
    def _get_contact_records(self, team, company, email, phone=False, country=False):
        """The records of a contact coming in by email or website form, as the system:
        (their open initiative or opportunity in the company, the oldest, which takes
        what they wrote; their won and lost ones, named on a new initiative). Nothing
        when the team makes one record per request. The contact stays claimed until
        the transaction ends, so that two at once cannot both create."""
        nothing = self.sudo().browse()
        if team and not team.one_record_per_contact:
            return nothing, nothing
        key = self._get_contact_key(email, phone, country)
        if not key:
            return nothing, nothing
        # Serializes the ways in of one contact across workers and servers, in the
        # database: nothing kept in the process.
        Records = self.sudo().with_context(active_test=False)
        query = Records._search(self._get_contact_records_domain([key], company.ids), order="id")
        rows = self.env["kanak.crm.contact.claim"]._claim(company, key, query.select())
        records = Records.browse([row[0] for row in rows])
        open_record = records.filtered(
            lambda record: record.active and record.won_status == "pending"
        )[:1]
        return open_record, records.filtered(lambda record: record.won_status != "pending")

    def _continue_with_contact(self, channel):
        """The contact of this open record wrote again (channel says how) and what they
        wrote is on it: the record says so, and whoever holds it, else the team
        leader, is told: followers by the message itself, anyone else by an
        activity."""
        self.ensure_one()
        self._message_log(
            body=self.env._(
                "The contact wrote again (%(channel)s): no second record.", channel=channel
            )
        )
        person = self.user_id or self.team_id.user_id
        if person and person.partner_id not in self.message_partner_ids:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=person.id,
                summary=self.env._("The contact wrote again"),
            )
        self._acknowledge_new_initiative(returning=True)

    def _note_earlier_records(self, closed):
        """A new initiative of a contact whose records are all closed names them (a
        lost one with its reason): the history comes with the contact."""
        self.ensure_one()
        closed -= self
        if not closed:
            return
        lines = [
            Markup("<li>%s %s</li>")
            % (
                record._get_html_link(),
                self.env._("won")
                if record.won_status == "won"
                else self.env._(
                    "lost (%(reason)s)",
                    reason=record.lost_reason_id.name or self.env._("no reason"),
                ),
            )
            for record in closed[-EARLIER_RECORDS_NAMED:]
        ]
        self._message_log(
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (self.env._("This contact came back. Their earlier records:"), Markup().join(lines))
        )

    # ------------------------------------------------------------
    # LOST IS NOT THE END: contact again after a delay; replies bring records back
    # ------------------------------------------------------------

    @api.model
    def _cron_contact_lost_again(self, batch_size=CONTACT_AGAIN_BATCH_SIZE):
        """Bring back the lost records whose reason's delay has passed."""
        self._run_in_batches(self._contact_lost_again, self._get_contact_again_domain, batch_size)

    @api.model
    def _get_contact_again_domain(self):
        return [
            ("active", "=", False),
            ("won_status", "=", "lost"),
            ("contact_again_date", "<=", self.env.cr.now()),
        ]

    @api.model
    def _contact_lost_again(self, limit):
        """One batch of due lost records: each comes back once, unless the contact asked
        for silence since (a blacklist, a reason flagged do-not-contact) or is already
        followed on an open record (one contact, one open record); those are told on
        their record and stay lost. Queries do not grow with the batch."""
        leads = self.sudo().search(
            self._get_contact_again_domain(), order="contact_again_date, id", limit=limit
        )
        if not leads:
            return leads
        silent = leads.filtered(
            lambda lead: (
                lead.is_blacklisted
                or lead.phone_sanitized_blacklisted
                or lead.lost_reason_id.do_not_contact
            )
        )
        keys = {
            lead: lead._get_contact_key(lead.email_from, lead.phone, lead.country_id)
            for lead in leads - silent
        }
        open_records = self._search_contact_records(
            {key for key in keys.values() if key},
            (leads.company_id | self.env.company).ids,
            open_only=True,
            fields_to_fetch=["name", "company_id"],
        )
        # The newest lost record of a contact comes back; their older ones stay lost.
        returning, followed, taken = self.browse(), {}, {}
        for lead in (leads - silent).sorted(lambda lead: (lead.date_closed, lead.id), reverse=True):
            key = keys[lead]
            followed_on = (
                open_records[key].filtered(
                    lambda record, lead=lead: (
                        not record.company_id
                        or not lead.company_id
                        or record.company_id == lead.company_id
                    )
                )[:1]
                if key
                else None
            ) or taken.get(key)
            if followed_on:
                followed[lead] = followed_on
                continue
            if key:
                taken[key] = lead
            returning |= lead
        bodies = {
            lead.id: self.env._(
                "Due to be contacted again, but the contact asked not to be contacted: "
                "it stays lost."
            )
            for lead in silent
        }
        for lead, record in followed.items():
            bodies[lead.id] = Markup(
                self.env._(
                    "Due to be contacted again, but the contact is followed on %(record)s: "
                    "it stays lost, one contact, one open record."
                )
            ) % {"record": record._get_html_link()}
        stay_lost = leads - returning
        if stay_lost:
            stay_lost._message_log_batch(
                bodies=bodies, author_id=self.env.ref("base.partner_root").id
            )
            stay_lost.write({"contact_again_date": False})
        returning._bring_back("delay")
        return leads

    def _get_contact_again_person(self):
        """Who contacts again: the former salesperson while still active in the team,
        else the team leader."""
        self.ensure_one()
        user, team = self.user_id, self.team_id
        if user.active and user in (team.member_ids | team.user_id):
            return user
        return team.user_id

    def _get_came_back_values(self, message_dict=None):
        """What a lost record takes when it comes back; message_dict: the reply that
        brought it (bridges add the campaign it answered)."""
        self.ensure_one()
        return {}

    def _bring_back(self, trigger, message_dict=None):
        """Lost records come back as initiatives in Initiatives, their history kept:
        the chatter says when and why they were lost and who contacts them again
        (a Contact Again activity). trigger: "delay" or "reply"."""
        if not self:
            return
        now = self.env.cr.now()
        activity_type = self.env.ref("kanak_crm_flow.mail_activity_type_contact_again")
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        activity_values, bodies = [], {}
        writes = defaultdict(lambda: self.browse())
        for lead in self:
            person = lead._get_contact_again_person()
            # In the language of who acts on it.
            person_env = lead.with_context(lang=person.lang or self.env.lang).env
            lost = person_env._(
                "Lost on %(date)s with reason “%(reason)s”",
                date=tools.format_date(person_env, lead.date_closed),
                reason=lead.lost_reason_id.name or person_env._("no reason"),
            )
            back = (
                person_env._(
                    "%(lost)s; back as an initiative to contact again after %(days)s days.",
                    lost=lost,
                    days=lead.lost_reason_id.contact_again_days,
                )
                if trigger == "delay"
                else person_env._(
                    "%(lost)s; the contact wrote again: back as an initiative.", lost=lost
                )
            )
            if person:
                activity_values.append(
                    {
                        "res_model_id": model_id,
                        "res_id": lead.id,
                        "activity_type_id": activity_type.id,
                        "user_id": person.id,
                        "date_deadline": today,
                        "summary": person_env._("Contact again"),
                    }
                )
                bodies[lead.id] = person_env._(
                    "%(back)s Contact Again: %(person)s.", back=back, person=person.name
                )
            else:
                bodies[lead.id] = person_env._(
                    "%(back)s The team has no leader to contact them again: set one on the team.",
                    back=back,
                )
            values = {
                "came_back_reason_id": lead.lost_reason_id.id,
                **lead._get_came_back_values(message_dict),
            }
            if lead.user_id and person != lead.user_id:
                values["user_id"] = False  # no longer in the team
            writes[tuple(sorted(values.items()))] |= lead
        # The note below is the history of the change: no tracking message per record
        # (each one mailing the followers), which would grow a batch's queries.
        for values, leads in writes.items():
            leads.with_context(mail_notrack=True).write(
                {
                    **dict(values),
                    "active": True,
                    "type": "lead",
                    "lost_reason_id": False,
                    "date_closed": False,
                    "came_back_date": now,
                    "came_back_trigger": trigger,
                }
            )
        # As stock's restore: the probability starts again from the stage's.
        self._compute_probabilities()
        self._message_log_batch(bodies=bodies, author_id=self.env.ref("base.partner_root").id)
        # Quick update: no email per activity; it is in the activity menu.
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            activity_values
        )

    def _bring_back_on_reply(self, message_dict):
        """The contact of this lost record wrote on its thread (a reply to an old offer,
        to a campaign): it comes back at once, unless the contact is followed on another
        open record, whose holder is told instead."""
        self.ensure_one()
        team = self.team_id
        open_record, _closed = self._get_contact_records(
            team,
            team.company_id or self.company_id or self.env.company,
            self.email_from,
            self.phone,
            self.country_id,
        )
        if not open_record:
            self._bring_back("reply", message_dict)
            return
        open_record._message_log(
            body=Markup(
                self.env._(
                    "The contact wrote on their lost record %(record)s: continue here, one "
                    "contact, one open record."
                )
            )
            % {"record": self._get_html_link()}
        )
        person = open_record.user_id or open_record.team_id.user_id
        if person:
            open_record.activity_schedule(
                "kanak_crm_flow.mail_activity_type_contact_again",
                user_id=person.id,
                summary=self.env._("The contact wrote on a lost record"),
            )
