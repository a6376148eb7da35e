# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Working hours on a company's working calendar (resource.calendar), for the first
response promise: naive UTC datetimes in and out, as the ORM stores them."""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

from pytz import utc

# Working intervals are read (and cached, resource.calendar) by windows of this many
# days on a fixed grid, as stock's plan_hours walks a calendar by 14 days.
INTERVALS_WINDOW_DAYS = 14
# How far a deadline is looked for: stock's plan_hours gives up after 100 windows.
MAX_WINDOWS = 100
_GRID_START = date(2000, 1, 3)


def _leave_domain(company):
    # Public holidays are calendar leaves without a resource: only the company's own
    # (resource.calendar would take every company's when no resource is given).
    return [("time_type", "=", "leave"), ("company_id", "in", [False, company.id])]


def _window_start(moment):
    days = (moment.date() - _GRID_START).days
    first_day = _GRID_START + timedelta(days=days - days % INTERVALS_WINDOW_DAYS)
    return datetime.combine(first_day, time.min)


def plan_working_hours(calendar, company, start, hours):
    """The moment `hours` working hours after `start` (what stock's plan_hours gives,
    on the calendar's cached intervals); without a calendar, plain hours."""
    if not calendar:
        return start + timedelta(hours=hours)
    remaining = hours * 3600
    window = _window_start(start)
    for _index in range(MAX_WINDOWS):
        for begin, stop in calendar._get_working_intervals_window(company.id, window):
            if stop <= start:
                continue
            begin = max(begin, start)
            seconds = (stop - begin).total_seconds()
            if remaining <= seconds:
                return begin + timedelta(seconds=remaining)
            remaining -= seconds
        window += timedelta(days=INTERVALS_WINDOW_DAYS)
    return False


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
