"""The account's local calendar: which day it is for the user, whatever the server's clock says."""
from __future__ import annotations

from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from netevents.db import as_utc, utcnow
from netevents.errors import Invalid
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


# names zoneinfo knows that are no place a person lives in
_NOT_PLACES = {"localtime", "Factory", "posixrules", "posix", "right"}


@cache
def timezone_names() -> frozenset[str]:
    """Every IANA time zone name this system's zoneinfo knows (old aliases such as Asia/Calcutta included)."""
    return frozenset(name for name in available_timezones() if name.split("/")[0] not in _NOT_PLACES)


@cache
def listed_timezones() -> tuple[str, ...]:
    """The zones to offer in a picker: UTC and the Area/City names, without legacy aliases like US/Eastern."""
    legacy = ("Etc/", "SystemV/", "US/", "Brazil/", "Canada/", "Chile/", "Mexico/")
    return ("UTC", *sorted(name for name in timezone_names() if "/" in name and not name.startswith(legacy)))


def check_timezone(name: str | None, *, field: str = "timezone") -> str:
    """Return ``name`` when zoneinfo knows it, else raise Invalid with a message for that form field."""
    if name not in timezone_names():
        raise Invalid(f"Unknown time zone {name!r}.", **{field: "Choose a time zone from the list, e.g. Europe/Paris."})
    return name
