"""Birthdays as exports write them: ISO, vCard's ``19850412`` and ``--0412``, Google's ``--04-12``, Outlook's
US ``4/12/1985``, European ``12.04.1985`` and ``07 Dec 2025`` / ``Mar 22, 2025``."""
from __future__ import annotations

import calendar
import re
from datetime import datetime

from netevents.plugins.api import Invalid, check_date

Birthday = tuple[int | None, int, int]
WITH_YEAR = ("%Y-%m-%d", "%Y%m%d", "%m/%d/%Y", "%m/%d/%y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y", "%b %d, %Y",
             "%B %d, %Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ")
NO_YEAR = re.compile(r"^--(\d\d)-?(\d\d)$")


def _valid(year: int | None, month: int, day: int) -> Birthday | None:
    """The triple when it is a real day (29 February without a year allowed), else None."""
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year or 2000, month)[1]:
        return None
    return (year, month, day)


def parse_birthday(raw: str) -> Birthday | None:
    """(year or None, month, day) from one of the formats above, or None when it is not a date."""
    value = raw.strip()
    if match := NO_YEAR.match(value):
        return _valid(None, int(match.group(1)), int(match.group(2)))
    for pattern in WITH_YEAR:
        try:
            moment = datetime.strptime(value, pattern)
        except ValueError:
            continue
        try:
            check_date(moment.date(), "birthday")
        except Invalid:
            return None
        return (moment.year, moment.month, moment.day)
    return None
