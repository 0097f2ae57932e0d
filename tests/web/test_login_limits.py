"""Failed logins are limited per account (from any address) as well as per address."""
from __future__ import annotations

import pytest

from netevents.auth import limiter
from netevents.testing import TEST_PASSWORD


@pytest.fixture
def limits(app):
    """Tight limits for the test; the counters are emptied before and after."""
    app.config.update(LOGIN_RATE_LIMIT="3 per minute", LOGIN_ACCOUNT_RATE_LIMIT="4 per minute")
    limiter.reset()
    yield
    limiter.reset()


def _attempt(client, email, password="wrong wrong wrong", address="203.0.113.1"):
    return client.post("/login", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address}).status_code


def test_guesses_at_one_account_from_many_addresses_are_limited(client, account, limits):
    codes = [_attempt(client, account.email, address=f"198.51.100.{n}") for n in range(6)]
    assert codes == [401, 401, 401, 401, 429, 429]
    assert _attempt(client, account.email.upper(), password=TEST_PASSWORD, address="198.51.100.77") == 429


def test_the_account_limit_leaves_other_accounts_alone(client, account, make_account, limits):
    other = make_account()
    for n in range(4):
        _attempt(client, account.email, address=f"198.51.100.{n}")
    assert _attempt(client, other.email, password=TEST_PASSWORD, address="198.51.100.90") == 302


def test_one_address_is_limited_across_accounts(client, account, limits):
    codes = [_attempt(client, f"nobody{n}@example.com") for n in range(4)]
    assert codes == [401, 401, 401, 429]


def test_without_configured_proxies_forwarded_headers_are_ignored(client, account, limits):
    codes = [client.post("/login", data={"email": f"n{n}@example.com", "password": "x"},
                         headers={"X-Forwarded-For": f"192.0.2.{n}"}).status_code for n in range(4)]
    assert codes[-1] == 429  # the forged addresses did not buy extra attempts
