"""The password policy and the account services that use it."""
import pytest

from netevents.errors import Invalid, NotFound
from netevents.services.accounts import authenticate, change_password, create_account, set_password
from netevents.services.login_sessions import account_for_token, start_login_session
from netevents.services.passwords import password_problem
from netevents.testing import TEST_PASSWORD


@pytest.mark.parametrize(("password", "reason"), [
    ("          ", "one repeated character"), ("aaaaaaaaaa", "one repeated character"),
    ("1234567890", "too easy to guess"), ("password123", "too easy to guess"), ("qwertyuiop", "too easy to guess"),
    ("grace@example.com", "email address"), ("grace-hopper-2026!", "email address"), ("short", "at least 10"),
])
def test_weak_passwords_are_refused_with_the_reason(password, reason):
    assert reason in password_problem(password, email="grace@example.com").replace("Use at", "at")


@pytest.mark.parametrize("password", [TEST_PASSWORD, "violet lantern orchard ninety", "Tr0ub4dor&3x-plus"])
def test_reasonable_passwords_pass(password):
    assert password_problem(password, email="grace@example.com") is None


def test_create_account_refuses_its_own_email_as_password(session):
    with pytest.raises(Invalid) as caught:
        create_account(session, "longname@example.com", "longname@example.com")
    assert "email address" in caught.value.field_errors["password"]


def test_change_password_keeps_this_login_and_ends_the_others(session, account):
    here, there = (start_login_session(session, account, remember=True) for _ in range(2))
    assert change_password(session, account, TEST_PASSWORD, "violet lantern orchard ninety", keep=here) == 1
    assert account_for_token(session, here) is account and account_for_token(session, there) is None
    assert authenticate(session, account.email, "violet lantern orchard ninety") is account
    assert authenticate(session, account.email, TEST_PASSWORD) is None


def test_set_password_ends_every_login_and_refuses_unknown_accounts(session, account):
    token = start_login_session(session, account, remember=False)
    set_password(session, account.email.upper(), "violet lantern orchard ninety")
    assert account_for_token(session, token) is None
    with pytest.raises(NotFound):
        set_password(session, "nobody@example.com", "violet lantern orchard ninety")
    with pytest.raises(Invalid):
        set_password(session, account.email, "1234567890")
