"""How a calendar date reads, on pages and in messages alike: "Tue 14 May 2024" or "14 May 2024".

One helper for every place a date is shown to a person, so a page and the error message about the same
date never disagree (and no message shows an ISO date).
"""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache


def day_label(day: date | datetime | None, *, weekday: bool = True) -> str:
    """A date as "Tue 14 May 2024" (or "14 May 2024" without the weekday); empty for None."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = day.date()
    return _label(day, weekday)


@lru_cache(maxsize=4096)
def _label(day: date, weekday: bool) -> str:
    # strftime costs 9 µs a date, and a person's timeline shows sixty
    text = f"{day.day} {day:%b %Y}"
    return f"{day:%a} {text}" if weekday else text


def short_day_label(day: date) -> str:
    """A date as "Tue 14 May", for near dates where the year goes without saying."""
    return f"{day:%a} {day.day} {day:%b}"
