"""Field normalizers shared by services: emails, phone numbers, URLs, plain text."""
from __future__ import annotations

import enum
import functools
import unicodedata
from datetime import date
from typing import TypeVar
from urllib.parse import urlsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from netevents.errors import Invalid

E = TypeVar("E", bound=enum.Enum)
# dates outside these years are typing slips, and date arithmetic near year 1 or 9999 overflows
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


# normalized values by input: an import checks each address and number twice (plugin, then the bulk service),
# and email_validator costs about 0.2 ms a call; bounded, and cleared whole when full
_NORMALIZED: dict[tuple, str] = {}
MAX_REMEMBERED = 100_000


def _remember(key: tuple, canonical_key: tuple, value: str) -> str:
    """Keep a normalized value under its input and under itself (normalizing it again gives the same)."""
    if len(_NORMALIZED) >= MAX_REMEMBERED:
        _NORMALIZED.clear()
    _NORMALIZED[key] = _NORMALIZED[canonical_key] = value
    return value


def normalize_email(raw: str, field: str = "email") -> str:
    """Return the address in canonical form (domain lower-cased), or raise Invalid for ``field``."""
    value = raw.strip()
    if (known := _NORMALIZED.get(("email", value))) is not None:
        return known
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        raise Invalid(f"{raw!r} is not a valid email address: {exc}", **{field: str(exc)}) from None
    normalized = result.normalized.lower()
    return _remember(("email", value), ("email", normalized), normalized)


def normalize_phone(raw: str, default_region: str | None = None, field: str = "phones") -> str:
    """Return the number in E.164, or raise Invalid; numbers without +country need a default region."""
    if (known := _NORMALIZED.get(("phone", raw.strip(), default_region))) is not None:
        return known
    try:
        number = phonenumbers.parse(raw.strip(), default_region)
    except phonenumbers.NumberParseException:
        message = f"{raw!r} is not a phone number (start international numbers with +country code)"
        raise Invalid(message, **{field: message}) from None
    if not phonenumbers.is_possible_number(number):
        message = f"{raw!r} is not a possible phone number"
        raise Invalid(message, **{field: message})
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return _remember(("phone", raw.strip(), default_region), ("phone", e164, default_region), e164)


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


def parse_choice(enum_class: type[E], raw, field: str, message: str) -> E:
    """The member of ``enum_class`` whose value is ``raw``, or Invalid with ``message`` on ``field``."""
    try:
        return enum_class(raw)
    except ValueError:
        raise Invalid(f"Unknown {field.replace('_', ' ')} {raw!r}.", **{field: message}) from None
