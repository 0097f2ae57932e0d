"""The account's local calendar: which day it is for the user, whatever the server's clock says."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from netevents.db import as_utc, utcnow
from netevents.models import Account


def account_zone(owner: Account) -> ZoneInfo:
    """Return the account's timezone (UTC when the stored name is unknown)."""
    try:
        return ZoneInfo(owner.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_date(moment: datetime, owner: Account) -> date:
    """Return the calendar date of a moment in the account's timezone."""
    return as_utc(moment).astimezone(account_zone(owner)).date()


def local_today(owner: Account, now: datetime | None = None) -> date:
    """Return today's date in the account's timezone."""
    return local_date(now or utcnow(), owner)
