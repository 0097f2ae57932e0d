"""Behind a configured number of reverse proxies, each client behind them has its own login limit."""
from __future__ import annotations

import pytest

from netevents.auth import limiter


@pytest.fixture
def app_config(app_config):
    """One trusted reverse proxy in front of the app."""
    return {**app_config, "PROXY_COUNT": 1, "LOGIN_RATE_LIMIT": "2 per minute"}


@pytest.fixture(autouse=True)
def empty_counters():
    limiter.reset()
    yield
    limiter.reset()


def _attempt(client, forwarded_for: str) -> int:
    return client.post("/login", data={"email": "nobody@example.com", "password": "wrong wrong"},
                       headers={"X-Forwarded-For": forwarded_for},
                       environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code


def test_clients_behind_one_proxy_do_not_share_a_limit(client, account):
    assert [_attempt(client, "192.0.2.10") for _ in range(3)] == [401, 401, 429]
    assert _attempt(client, "192.0.2.11") == 401


def test_only_the_hop_the_proxy_added_is_believed(client, account):
    # a client that forges its own X-Forwarded-For: the proxy appends the real address, which is the one used
    assert [_attempt(client, f"6.6.6.{n}, 192.0.2.20") for n in range(3)] == [401, 401, 429]
