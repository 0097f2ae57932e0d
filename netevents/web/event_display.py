"""How events, sessions and dates read on a page, in the logged-in account's timezone."""
from __future__ import annotations

from datetime import datetime

from flask_login import current_user

from netevents.dates import day_label, short_day_label
from netevents.models import Event
from netevents.services.clock import account_zone


def local(moment: datetime) -> datetime:
    """An aware datetime in the current user's timezone."""
    return moment.astimezone(account_zone(current_user))


def time_label(moment: datetime | None) -> str:
    """The local wall-clock time of an instant, like "18:30" (empty for None)."""
    return f"{local(moment):%H:%M}" if moment else ""


def moment_label(moment: datetime) -> str:
    """An instant as "Tue 14 May 2024, 18:30" in the current user's timezone."""
    return f"{day_label(local(moment).date())}, {time_label(moment)}"


def _all_day_label(event: Event) -> str:
    """Dates of an all-day event: one day, or a range."""
    first, last = event.starts_on, event.ends_on
    if first == last:
        return day_label(first)
    if first.year == last.year:
        return f"{short_day_label(first)} – {day_label(last)}"
    return f"{day_label(first)} – {day_label(last)}"


def event_dates(event: Event) -> str:
    """When an event takes place, e.g. "Tue 14 May 2024, 18:30–21:00"."""
    if event.all_day or event.starts_at is None:
        return _all_day_label(event)
    start = moment_label(event.starts_at)
    if event.ends_at is None:
        return start if event.ends_on == event.starts_on else f"{start} – {day_label(event.ends_on)}"
    if local(event.ends_at).date() == local(event.starts_at).date():
        return f"{start}–{time_label(event.ends_at)}"
    return f"{start} – {moment_label(event.ends_at)}"


def register(blueprint) -> None:
    """Make these helpers available to every template."""
    blueprint.add_app_template_filter(day_label, "day_label")
    blueprint.add_app_template_filter(time_label, "time_label")
    blueprint.add_app_template_filter(moment_label, "moment_label")
    blueprint.add_app_template_filter(event_dates, "event_dates")
