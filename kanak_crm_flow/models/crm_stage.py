# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api
from odoo import fields
from odoo import models
from odoo import tools
from odoo.exceptions import UserError


class CrmStage(models.Model):
    _inherit = "crm.stage"

    is_qualification = fields.Boolean(
        "Qualification Stage",
        help="Initiatives (leads) live in this stage until they are qualified as "
        "opportunities or disqualified. Opportunities never enter it.",
    )

    @api.model
    @tools.ormcache("team_id")
    def _get_qualification_stage_id(self, team_id):
        """The first qualification stage, by sequence, among the team's own stages
        and the shared ones. Cached: every write that changes a lead's team looks it up."""
        team_domain = (
            ["|", ("team_ids", "=", False), ("team_ids", "in", [team_id])]
            if team_id
            else [("team_ids", "=", False)]
        )
        stage = self.sudo().search(
            [("is_qualification", "=", True), *team_domain], order="sequence, id", limit=1
        )
        return stage.id

    @api.model
    @tools.ormcache("team_id")
    def _get_first_opportunity_stage_id(self, team_id):
        """Where a qualified initiative of this team lands: its first unfolded
        opportunity stage. Cached like the qualification stage."""
        return (
            self.env["crm.lead"]
            .sudo()
            ._stage_find(team_id=team_id, domain=[("fold", "=", False)])
            .id
        )

    @api.model_create_multi
    def create(self, vals_list):
        stages = super().create(vals_list)
        self.env.registry.clear_cache()
        return stages

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_last_qualification_stage(self):
        self._check_another_qualification_stage_remains(
            self.env._(
                "The Initiatives stage is where every new initiative waits to be qualified: "
                "it cannot be deleted. Rename or fold it instead."
            )
        )

    def write(self, vals):
        if "is_qualification" in vals and not vals["is_qualification"]:
            self._check_another_qualification_stage_remains(
                self.env._(
                    "At least one stage must stay the qualification stage: "
                    "flag another stage first."
                )
            )
        result = super().write(vals)
        # The cached stage lookups depend on these.
        if {"is_qualification", "team_ids", "sequence", "fold"} & set(vals):
            self.env.registry.clear_cache()
        return result

    def _check_another_qualification_stage_remains(self, message):
        if not any(self.mapped("is_qualification")):
            return
        if not self.search_count([("is_qualification", "=", True), ("id", "not in", self.ids)]):
            raise UserError(message)

    # Stock crm's default stages, as crm/data/crm_stage_data.xml defines them.
    _DEFAULT_STAGES = (
        ("crm.stage_lead1", "New", 1, False),
        ("crm.stage_lead2", "Qualified", 2, False),
        ("crm.stage_lead3", "Proposition", 3, False),
        ("crm.stage_lead4", "Won", 70, True),
    )

    @api.model
    def _ensure_default_stages(self):
        """Re-create a stock default stage that a database lacks (deleted by hand),
        unless a shared stage of the same name stands in for it."""
        for xmlid, name, sequence, is_won in self._DEFAULT_STAGES:
            if self.env.ref(xmlid, raise_if_not_found=False):
                continue
            if self.with_context(lang="en_US", active_test=False).search_count(
                [("name", "=ilike", name), ("team_ids", "=", False)]
            ):
                continue
            stage = self.create({"name": name, "sequence": sequence, "is_won": is_won})
            code = xmlid.partition(".")[2]
            self.env["ir.model.data"]._update_xmlids(
                [
                    {
                        "xml_id": f"kanak_crm_flow.default_{code}",
                        "record": stage,
                        "noupdate": True,
                    }
                ]
            )
