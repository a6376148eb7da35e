# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Working hours on a company's working calendar (resource.calendar), for the first
response promise: naive UTC datetimes in and out, as the ORM stores them."""

from datetime import timedelta

from pytz import utc


def _leave_domain(company):
    # Public holidays are calendar leaves without a resource: only the company's own
    # (resource.calendar would take every company's when no resource is given).
    return [("time_type", "=", "leave"), ("company_id", "in", [False, company.id])]


def plan_working_hours(calendar, company, start, hours):
    """The moment `hours` working hours after `start`; without a calendar, plain hours."""
    if not calendar:
        return start + timedelta(hours=hours)
    end = calendar.plan_hours(
        hours, utc.localize(start), compute_leaves=True, domain=_leave_domain(company)
    )
    return end.astimezone(utc).replace(tzinfo=None) if end else False


def working_intervals(calendar, company, start, end):
    """The working intervals between two moments, as (start, end) naive UTC pairs."""
    if start >= end:
        return []
    if not calendar:
        return [(start, end)]
    intervals = calendar._work_intervals_batch(
        utc.localize(start), utc.localize(end), domain=_leave_domain(company)
    )[False]
    return [
        (
            interval_start.astimezone(utc).replace(tzinfo=None),
            interval_end.astimezone(utc).replace(tzinfo=None),
        )
        for interval_start, interval_end, _meta in intervals
    ]


def hours_within(intervals, start, end):
    """Working hours of `intervals` that fall between start and end."""
    seconds = sum(
        (min(stop, end) - max(begin, start)).total_seconds()
        for begin, stop in intervals
        if begin < end and stop > start
    )
    return seconds / 3600


def format_hours(hours):
    """3.5 -> '3h 30m', 26.4 -> '26h': how the screens show working hours (minutes
    only while they matter)."""
    if hours >= 10:
        return f"{round(hours)}h"
    minutes = round(hours * 60)
    return f"{minutes // 60}h {minutes % 60:02d}m"
