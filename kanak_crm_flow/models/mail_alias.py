# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from markupsafe import Markup

from odoo import models


class MailAlias(models.Model):
    _inherit = "mail.alias"

    def _get_alias_bounced_body_fallback(self, message_dict):
        team = self._kanak_archived_team()
        if not team:
            return super()._get_alias_bounced_body_fallback(message_dict)
        company = team.company_id or self.env.company
        contact = company.partner_id.email_formatted or company.name
        return Markup("<p>%(header)s,<br/><br/>%(content)s<br/><br/>%(regards)s</p>") % {
            "header": self.env._("Dear Sender"),
            "content": self.env._(
                "The message below was not delivered: the address %(alias)s belongs to the "
                "sales team %(team)s, which is archived and no longer receives emails. "
                "Please write to %(contact)s instead.",
                alias=self.display_name,
                team=team.name,
                contact=contact,
            ),
            "regards": self.env._("Kind Regards"),
        }

    def _kanak_archived_team(self):
        if self.alias_parent_model_id.model != "crm.team" or not self.alias_parent_thread_id:
            return self.env["crm.team"]
        team = (
            self.env["crm.team"]
            .sudo()
            .with_context(active_test=False)
            .browse(self.alias_parent_thread_id)
            .exists()
        )
        return team if team and not team.active else self.env["crm.team"]
