"""The one free-text line of quick capture: "ana@acme.com, +1 312 555 0111, linkedin.com/in/ana, Acme".

Each piece is recognised for what it is: an email address (one), a phone number (one; found with the
phonenumbers library, local numbers read in the default region), web links (a LinkedIn profile and one
other site), and what is left is the organization.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

import phonenumbers

from netevents.errors import Invalid
from netevents.services.duplicate_matching import link_key
from netevents.services.validation import clean_text, normalize_email, normalize_url

LINE_LIMIT = 300
SEPARATORS = re.compile(r"[,;|]")
URL_START = re.compile(r"^(https?://|www\.)|linkedin\.com/", re.IGNORECASE)
# a piece made only of what phone numbers are written with, holding enough digits to be one
PHONE_LIKE = re.compile(r"^[\d\s()+./-]*$")
MIN_PHONE_DIGITS = 6


@dataclass
class CaptureLine:
    """What the one free-text line held; every part may be missing."""

    email: Optional[str] = None
    company: Optional[str] = None
    phone: Optional[str] = None  # E.164
    linkedin: Optional[str] = None
    website: Optional[str] = None


def _refuse(message: str) -> Invalid:
    """An Invalid for the line field."""
    return Invalid(message, line=message)


def _email(word: str) -> str:
    """The normalized address, or Invalid on the line saying which word is wrong."""
    try:
        return normalize_email(word, field="line")
    except Invalid as error:
        raise _refuse(f"{word} is not a valid email address: {error.field_errors['line']}") from None


def _take_word(parsed: CaptureLine, word: str) -> bool:
    """Store ``word`` when it is an email address or a web link; say whether it was one."""
    if "@" in word and not URL_START.search(word):
        if parsed.email is not None:
            raise _refuse("Only one email address fits here.")
        parsed.email = _email(word.strip("<>()[]"))
        return True
    if not URL_START.search(word):
        return False
    url = normalize_url(word.strip("<>()[]"), field="line")
    kind = link_key(url)[0]
    if getattr(parsed, kind) is not None:
        raise _refuse(f"Only one {'LinkedIn profile' if kind == 'linkedin' else 'website'} fits here.")
    setattr(parsed, kind, url)
    return True


def _take_phone(parsed: CaptureLine, text: str, region: str | None) -> str:
    """Store the phone number found in ``text`` and return the text without it."""
    matches = list(phonenumbers.PhoneNumberMatcher(text, region or "ZZ"))
    if len(matches) > 1:
        raise _refuse("Only one phone number fits here.")
    if matches:
        parsed.phone = phonenumbers.format_number(matches[0].number, phonenumbers.PhoneNumberFormat.E164)
        text = text[:matches[0].start] + text[matches[0].end:]
    for piece in SEPARATORS.split(text):
        if PHONE_LIKE.match(piece) and sum(char.isdigit() for char in piece) >= MIN_PHONE_DIGITS:
            hint = "" if region else " (start it with + and the country code)"
            raise _refuse(f"{piece.strip()} is not a phone number netevents can read{hint}.")
    return text


def parse_line(line: str | None, region: str | None = None) -> CaptureLine:
    """Split "ana@acme.com, +1 312 555 0111, Acme" into its parts; ``region`` reads numbers without +country."""
    text = clean_text(line, LINE_LIMIT, field="line")
    parsed = CaptureLine()
    kept = [" ".join(word for word in piece.split() if not _take_word(parsed, word))
            for piece in SEPARATORS.split(text)]
    rest = _take_phone(parsed, ", ".join(piece for piece in kept if piece), region)
    company = ", ".join(piece.strip() for piece in SEPARATORS.split(rest) if piece.strip())
    parsed.company = company[:200] or None
    return parsed
