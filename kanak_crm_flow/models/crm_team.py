# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api
from odoo import fields
from odoo import models
from odoo.fields import Domain

from odoo.addons.mail.tools.alias_error import AliasError

SEEDED_TEAMS = ("kanak_crm_flow.team_europe", "kanak_crm_flow.team_latin_america")


class CrmTeam(models.Model):
    _inherit = "crm.team"

    qualification_min_score = fields.Integer(
        "Minimum Score to Qualify",
        default=0,
        help="An initiative of this team needs at least this qualification score "
        "(need, budget, authority, timing: 0 to 4) to become an opportunity. "
        "0 means no gate.",
    )

    acknowledge_new_initiatives = fields.Boolean(
        "Acknowledge New Initiatives by Email",
        help="Answer every new initiative that arrives by email to this team's alias with "
        "the acknowledgement template. Never sent to auto-replies, mailing lists, our own "
        "addresses or blacklisted contacts, and never twice for one initiative.",
    )

    one_record_per_contact = fields.Boolean(
        "One Open Record per Contact",
        default=True,
        help="A contact who writes again to this team's alias or through a website form "
        "while they have an open initiative or opportunity in the company gets no second "
        "record: what they wrote lands on the open one and its salesperson is told. Off: "
        "every email or form makes its own initiative.",
    )

    country_ids = fields.Many2many(
        "res.country",
        "kanak_crm_team_country_rel",
        "team_id",
        "country_id",
        string="Countries",
        help="New initiatives from these countries that arrive without a sales team "
        "(website form, import, RPC) land in this team. When several teams of a company "
        "cover a country, the first in the list of teams takes it.",
    )

    first_response_hours = fields.Integer(
        "First Response Within",
        default=0,
        help="Promise to every new initiative of this team: a first response (an email or "
        "message to the contact, a logged call or meeting, its qualification or "
        "disqualification) within this many working hours of the company's working "
        "calendar. Past it, the initiative shows as overdue and the team leader gets an "
        "activity. 0 turns the promise off. A change applies to initiatives that arrive "
        "from then on.",
    )

    workload_imbalance_threshold = fields.Float(
        "Imbalance Threshold",
        default=2.0,
        help="The Workload report highlights this team when its largest workload is more "
        "than this many times its smallest.",
    )
    workload_imbalance = fields.Float(
        compute="_compute_workload_imbalance",
        digits=(16, 1),
        help="Largest open workload of a member divided by the smallest (a member with "
        "nothing open counts as 1, so the figure stays finite).",
    )
    workload_is_imbalanced = fields.Boolean(compute="_compute_workload_imbalance")
    alias_source_id = fields.Many2one(
        "utm.source",
        compute="_compute_alias_source_id",
        store=True,
        readonly=True,
        ondelete="set null",
        help="Source of the initiatives that arrive by email to this team's alias: "
        "the alias's address.",
    )

    @api.depends("alias_id.alias_full_name")
    def _compute_alias_source_id(self):
        # Found once, when the address is set: the mail gateway then reads it with the
        # team instead of looking the source up by name for every email.
        for team in self:
            team.alias_source_id = (
                self.env["utm.mixin"]
                .sudo()
                ._find_or_create_record("utm.source", team.alias_email)
                .id
                if team.alias_email
                else False
            )

    _check_qualification_min_score = models.Constraint(
        "CHECK(qualification_min_score BETWEEN 0 AND 4)",
        "The minimum score to qualify is between 0 (no gate) and 4.",
    )

    _check_first_response_hours = models.Constraint(
        "CHECK(first_response_hours >= 0)",
        "The first response promise is a number of working hours: 0 (off) or more.",
    )

    _check_workload_imbalance_threshold = models.Constraint(
        "CHECK(workload_imbalance_threshold >= 1)",
        "The imbalance threshold is a ratio of workloads: 1 or more.",
    )

    @api.depends_context("uid")
    def _compute_workload_imbalance(self):
        members = self.crm_team_member_ids
        for team in self:
            loads = [member.workload_total for member in members if member.crm_team_id == team]
            if len(loads) < 2:
                team.workload_imbalance = 1.0
            else:
                team.workload_imbalance = max(loads) / max(min(loads), 1)
            team.workload_is_imbalanced = (
                team.workload_imbalance > team.workload_imbalance_threshold
            )

    def write(self, vals):
        # Stock writes alias fields as superuser and silently drops them for users
        # who may not write the team: tell them instead.
        if set(vals) & set(self.ALIAS_WRITEABLE_FIELDS):
            self.check_access("write")
        return super().write(vals)

    def _alias_get_error(self, message, message_dict, alias):
        if not self.active:
            return AliasError(
                "kanak_team_archived",
                self.env._(
                    "the sales team %(team)s no longer receives emails (it is archived)",
                    team=self.name,
                ),
            )
        return super()._alias_get_error(message, message_dict, alias)

    @api.model
    def _set_default_first_response_hours(self):
        """Upgrade to 19.0.1.3.0: the seeded teams promise a first response within 8
        working hours, as a fresh install gives them."""
        for xmlid in SEEDED_TEAMS:
            team = self.env.ref(xmlid, raise_if_not_found=False)
            if team and not team.first_response_hours:
                team.first_response_hours = 8

    @api.model
    def _set_default_aliases(self):
        """At install: give the seeded teams their aliases, unless the name is taken."""
        for xmlid, alias_name in (
            ("kanak_crm_flow.team_europe", "europe"),
            ("kanak_crm_flow.team_latin_america", "americalatina"),
        ):
            team = self.env.ref(xmlid, raise_if_not_found=False)
            if not team or team.alias_name:
                continue
            taken = self.env["mail.alias"].sudo().search_count([("alias_name", "=", alias_name)])
            if not taken:
                team.alias_name = alias_name

    @api.model
    def _get_teams_by_country(self, country_ids, company_id):
        """{country id: team} for initiatives without a team: for each country, the
        first team (by sequence) of the company, or shared, that covers it."""
        if not country_ids:
            return {}
        teams = self.sudo().search_fetch(
            [("country_ids", "in", list(country_ids)), ("company_id", "in", [False, company_id])],
            ["country_ids"],
            order="sequence, id",
        )
        by_country = {}
        for team in teams:
            for country_id in team.country_ids.ids:
                by_country.setdefault(country_id, team)
        return by_country

    def _get_proposed_salesperson(self):
        """The member with the least workload (crm.team.member's
        `_get_workload_by_user`); on a tie, the one whose last assignment is the
        oldest (never assigned comes first). Nobody without a team. Counted as the
        system: whoever qualifies, the proposal is the same."""
        if not self:
            return self.env["res.users"]
        self.ensure_one()
        memberships = self.sudo().crm_team_member_ids.filtered("user_id.active")
        if not memberships:
            return self.env["res.users"]
        workload = memberships._get_workload_by_user()
        last_assigned = dict(
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [("user_id", "in", memberships.user_id.ids), ("date_open", "!=", False)],
                ["user_id"],
                ["date_open:max"],
            )
        )
        proposed = min(
            memberships.user_id,
            key=lambda user: (
                workload[user],
                last_assigned.get(user) or fields.Datetime.from_string("1970-01-01 00:00:00"),
                user.id,
            ),
        )
        return proposed.with_env(self.env)

    def _get_lead_to_assign_domain(self):
        # Rule-based assignment converts what it assigns: initiatives below their
        # team's minimum score wait for qualification instead.
        domain = super()._get_lead_to_assign_domain()
        gated = self.filtered("qualification_min_score")
        if not gated:
            return domain
        below_gate = Domain.OR(
            Domain("team_id", "=", team.id)
            & Domain("qualification_score", "<", team.qualification_min_score)
            for team in gated
        )
        return Domain(domain) & ~(Domain("type", "=", "lead") & below_gate)
