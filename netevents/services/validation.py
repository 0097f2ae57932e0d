"""Field normalizers shared by services: emails, phone numbers, URLs, plain text."""
from __future__ import annotations

import enum
import functools
import re
import unicodedata
from datetime import date
from typing import TypeVar
from urllib.parse import urlsplit

import phonenumbers
from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email

from netevents.errors import Invalid

E = TypeVar("E", bound=enum.Enum)
# dates outside these years are typing slips, and date arithmetic near year 1 or 9999 overflows
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
MIN_CADENCE_DAYS, MAX_CADENCE_DAYS = 1, 3650


# Values the normalizers produced: normalizing one again gives itself. An import checks each address and
# number twice (the plugin, then the bulk service) a whole file apart, so a bounded cache of inputs is
# evicted before the second look; a set of the results costs one slot per value (the strings are the ones
# the import holds anyway). Cleared whole when full.
_EMAILS: set[str] = set()
_PHONES: set[str] = set()
_NATIONAL: dict[str, str] = {}
MAX_REMEMBERED = 250_000
# Addresses email_validator would accept unchanged but for case (plain ASCII dot-atoms at a letters-ending,
# hyphen-safe domain): checked here at a tenth of its cost. Anything else, Punycode ("--") included, goes to
# email_validator; tests/services/test_normalizers.py checks that both agree.
_PLAIN_EMAIL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                          r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
                          r"(?:[A-Za-z0-9][A-Za-z0-9-]{0,61})?[A-Za-z]")
_SPECIAL_USE = tuple(SPECIAL_USE_DOMAIN_NAMES)


def _remembered(values: set[str], value: str) -> str:
    """Add a normalized value to its set (emptied first when full) and return it."""
    if len(values) >= MAX_REMEMBERED:
        values.clear()
    values.add(value)
    return value


def _plain_email(value: str) -> str | None:
    """The address lower-cased when it is a plain one email_validator accepts as it is; else None."""
    if len(value) > 254 or "--" in value or not _PLAIN_EMAIL.fullmatch(value):
        return None
    local, _at, domain = value.rpartition("@")
    domain = domain.lower()
    if len(local) > 64 or any(domain == name or domain.endswith("." + name) for name in _SPECIAL_USE):
        return None
    return value.lower()


def normalize_email(raw: str, field: str = "email") -> str:
    """Return the address in canonical form (lower-cased), or raise Invalid for ``field``."""
    value = raw.strip()
    if value in _EMAILS:
        return value
    if (plain := _plain_email(value)) is not None:
        return _remembered(_EMAILS, plain)
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        raise Invalid(f"{raw!r} is not a valid email address: {exc}", **{field: str(exc)}) from None
    return _remembered(_EMAILS, result.normalized.lower())


def normalize_phone(raw: str, default_region: str | None = None, field: str = "phones") -> str:
    """Return the number in E.164, or raise Invalid; numbers without +country need a default region."""
    value = raw.strip()
    if value in _PHONES:  # an E.164 number ignores the default region
        return value
    try:
        number = phonenumbers.parse(value, default_region)
    except phonenumbers.NumberParseException:
        message = f"{raw!r} is not a phone number (start international numbers with +country code)"
        raise Invalid(message, **{field: message}) from None
    if not phonenumbers.is_possible_number(number):
        message = f"{raw!r} is not a possible phone number"
        raise Invalid(message, **{field: message})
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if len(_NATIONAL) >= MAX_REMEMBERED:
        _NATIONAL.clear()
    _NATIONAL[e164] = _national_digits(number)  # the search index wants it next, and parsing is the cost
    return _remembered(_PHONES, e164)


def _national_digits(number: phonenumbers.PhoneNumber) -> str:
    """The digits of a parsed number's national form (07700 900123 for +44 7700 900123)."""
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return "".join(char for char in national if char.isdigit())


def national_digits(e164: str) -> str | None:
    """The digits of an E.164 number's national form, or None when it cannot be read."""
    if (known := _NATIONAL.get(e164)) is not None:
        return known
    try:
        return _national_digits(phonenumbers.parse(e164))
    except phonenumbers.NumberParseException:
        return None


@functools.lru_cache(maxsize=4096)  # pages show the same numbers again and again; parsing is the cost
def display_phone(e164: str) -> str:
    """Format an E.164 number for reading."""
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return e164


def normalize_url(raw: str, field: str = "url") -> str:
    """Return an http(s) URL, adding https:// when the scheme is missing; raise Invalid otherwise."""
    value = raw.strip()
    if value and "://" not in value:
        value = "https://" + value
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:  # e.g. a malformed port or IPv6 bracket
        parts, host = urlsplit(""), ""
    if parts.scheme not in {"http", "https"} or "." not in host or any(char.isspace() for char in value):
        message = f"{raw!r} is not a web address"
        raise Invalid(message, **{field: message})
    return value


def clean_text(raw: str | None, limit: int | None = None, field: str = "text") -> str:
    """Drop NUL characters (PostgreSQL refuses them), strip surrounding white space, enforce a length limit."""
    value = (raw or "").replace("\x00", "").strip()
    if limit is not None and len(value) > limit:
        raise Invalid(f"{field} is longer than {limit} characters", **{field: f"At most {limit} characters."})
    return value


def name_key(name: str) -> str:
    """The form of a name used to sort and compare: case-folded, without diacritics, single spaces."""
    if name.isascii():  # most names: decomposing changes nothing, and casefold is lower
        return " ".join(name.lower().split())
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(char for char in decomposed if not unicodedata.combining(char)).casefold().split())


def check_date(value: date | None, field_name: str, *, required: bool = True) -> date | None:
    """Refuse a missing date (when required) or one outside the years netevents handles."""
    if value is None:
        if required:
            raise Invalid("A date is missing.", **{field_name: "Enter a date."})
        return None
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        message = f"Use a year between {EARLIEST_YEAR} and {LATEST_YEAR}."
        raise Invalid(message, **{field_name: message})
    return value


def check_cadence(days: int | None) -> int | None:
    """Return a stay-in-touch cadence in range (or None: no cadence), else raise Invalid."""
    if days is not None and not MIN_CADENCE_DAYS <= days <= MAX_CADENCE_DAYS:
        raise Invalid(f"A cadence is {MIN_CADENCE_DAYS} to {MAX_CADENCE_DAYS} days.",
                      cadence_days=f"Between {MIN_CADENCE_DAYS} and {MAX_CADENCE_DAYS} days, or empty.")
    return days


def parse_choice(enum_class: type[E], raw, field: str, message: str) -> E:
    """The member of ``enum_class`` whose value is ``raw``, or Invalid with ``message`` on ``field``."""
    try:
        return enum_class(raw)
    except ValueError:
        raise Invalid(f"Unknown {field.replace('_', ' ')} {raw!r}.", **{field: message}) from None
