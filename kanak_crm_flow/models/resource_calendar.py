# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo import api
from odoo import models
from odoo import tools

from ..tools.working_hours import INTERVALS_WINDOW_DAYS
from ..tools.working_hours import working_intervals


class KanakWorkingIntervalsInvalidation(models.AbstractModel):
    """Records whose change changes a calendar's working hours (the calendar, its
    attendances): the cached intervals go, in every worker and server, through the
    registry's cache signaling."""

    _name = "kanak.working.intervals.invalidation"
    _description = "Working Intervals Cache Invalidation"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result


class ResourceCalendar(models.Model):
    _name = "resource.calendar"
    _inherit = ["resource.calendar", "kanak.working.intervals.invalidation"]

    @tools.ormcache("self.id", "company_id", "window_start")
    def _get_working_intervals_window(self, company_id, window_start):
        """The working intervals of a window of days starting at window_start (naive
        UTC, on a fixed grid), as (start, end) naive UTC pairs, the company's public
        holidays left out. Kept in the registry's cache: every initiative that arrives
        plans its deadline on them, and each arrival is its own transaction."""
        company = self.env["res.company"].browse(company_id)
        end = window_start + timedelta(days=INTERVALS_WINDOW_DAYS)
        return tuple(working_intervals(self.sudo(), company, window_start, end))


class ResourceCalendarAttendance(models.Model):
    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "kanak.working.intervals.invalidation"]


class ResourceCalendarLeaves(models.Model):
    # A public holiday (a leave of no one) added, moved or removed: the cached
    # intervals go. A person's time off does not change a company's working hours.
    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        if not all(leave.resource_id for leave in leaves):
            self.env.registry.clear_cache()
        return leaves

    def write(self, vals):
        global_before = not all(leave.resource_id for leave in self)
        result = super().write(vals)
        if global_before or not all(leave.resource_id for leave in self):
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        global_leaves = not all(leave.resource_id for leave in self)
        result = super().unlink()
        if global_leaves:
            self.env.registry.clear_cache()
        return result
