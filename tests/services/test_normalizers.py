"""The normalizers' shortcuts agree with the libraries behind them (email_validator, phonenumbers)."""
from __future__ import annotations

import phonenumbers
import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from netevents.errors import Invalid
from netevents.services import validation
from netevents.services.validation import national_digits, normalize_email, normalize_phone

ATOM = "abcXYZ019!#$%&'*+/=?^_`{|}~-."
LABEL = "abcXYZ019-."
addresses = st.builds(lambda local, domain, tld: f"{local}@{domain}{tld}",
                      st.text(ATOM, min_size=1, max_size=70), st.text(LABEL, min_size=0, max_size=70),
                      st.sampled_from(["", ".org", ".COM", ".test", ".local", ".x1", ".123", "-", ".xn--p1ai"]))

labels = st.lists(st.text("abXY09-", min_size=1, max_size=12), min_size=1, max_size=3)
likely_addresses = st.builds(lambda local, domain, tld: f"{local}@{'.'.join(domain)}.{tld}",
                             st.text(ATOM, min_size=1, max_size=20), labels, st.text("abXY09-", min_size=1, max_size=5))


def library(value: str) -> str | None:
    """What email_validator makes of an address (lower-cased as netevents keeps it), None when it refuses it."""
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


@settings(max_examples=3000, deadline=None)
@given(st.one_of(addresses, likely_addresses))
def test_plain_address_shortcut_accepts_only_what_email_validator_accepts_and_normalizes_alike(value):
    shortcut = validation._plain_email(value)
    if shortcut is not None:
        assert library(value) == shortcut


@pytest.mark.parametrize("value", ["Ann.Lee+news@Example.ORG", "o'brien@mail.example.co.uk", "a@b-c.io",
                                   "x_y@sub.domain.travel"])
def test_common_addresses_take_the_shortcut(value):
    assert validation._plain_email(value) == library(value)


@pytest.mark.parametrize("value", ["a..b@example.org", "a@example", "a@x.123", "a@host.test", "a@-x.org",
                                   "a@x-.org", "ab@ab--cd.org", "a@b.c.local", "0@0.-X", "a@b.x-"])
def test_addresses_the_library_refuses_are_refused(value):
    validation._EMAILS.clear()
    with pytest.raises(Invalid):
        normalize_email(value)


def test_punycode_and_international_addresses_go_to_the_library():
    assert validation._plain_email("a@xn--p1ai.com") is None
    assert normalize_email("a@xn--p1ai.com") == library("a@xn--p1ai.com")
    assert normalize_email("Zoë@Exämple.org") == library("Zoë@Exämple.org")


def test_a_normalized_address_or_number_normalizes_to_itself():
    address = normalize_email("  Ann.Lee@Example.ORG ")
    assert normalize_email(address) == address == "ann.lee@example.org"
    number = normalize_phone("07700 900123", "GB")
    assert normalize_phone(number, "US") == number == "+447700900123"


@pytest.mark.parametrize("raw, region", [("+44 7700 900123", None), ("(312) 555-0111", "US"),
                                         ("+39 06 6988 1234", None), ("+49 30 901820", None),
                                         ("+61 2 9876 5432", None)])
def test_national_digits_match_the_national_format(raw, region):
    number = normalize_phone(raw, region)
    expected = "".join(char for char in phonenumbers.format_number(
        phonenumbers.parse(number), phonenumbers.PhoneNumberFormat.NATIONAL) if char.isdigit())
    assert national_digits(number) == expected
    validation._NATIONAL.clear()
    assert national_digits(number) == expected
