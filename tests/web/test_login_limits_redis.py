"""With several processes the login limits are counted in Redis (the local one at 127.0.0.1:6379)."""
from __future__ import annotations

import socket
import uuid

import pytest

from netevents.auth import limiter

REDIS_URL = "redis://127.0.0.1:6379/0"
PREFIX = f"netevents-test-{uuid.uuid4().hex[:8]}"


def _redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not _redis_reachable(), reason="no Redis on 127.0.0.1:6379")


@pytest.fixture
def app_config(app_config):
    """Login limits kept in Redis, under a key prefix of this test run."""
    return {**app_config, "RATELIMIT_STORAGE_URI": REDIS_URL, "RATELIMIT_KEY_PREFIX": PREFIX,
            "LOGIN_RATE_LIMIT": "100 per minute", "LOGIN_ACCOUNT_RATE_LIMIT": "3 per minute"}


@pytest.fixture
def redis_client():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    yield client
    for key in client.scan_iter(f"*{PREFIX}*"):
        client.delete(key)
    client.close()


def test_failed_logins_are_counted_in_redis_where_every_process_sees_them(app, client, account, redis_client):
    limiter.reset()
    codes = [client.post("/login", data={"email": account.email, "password": "wrong wrong wrong"}).status_code
             for _ in range(4)]
    assert codes == [401, 401, 401, 429]
    keys = [key.decode() for key in redis_client.scan_iter(f"*{PREFIX}*")]
    account_keys = [key for key in keys if f"account:{account.email}" in key]
    assert account_keys, keys
    assert int(redis_client.get(account_keys[0])) >= 3  # every attempt past the limit counts too
    # another process (its own storage object on the same Redis) finds the account's limit used up
    from limits import parse
    from limits.storage import storage_from_string
    from limits.strategies import FixedWindowRateLimiter

    other_process = FixedWindowRateLimiter(storage_from_string(REDIS_URL))
    login_limit = parse("3 per minute")
    assert not other_process.test(login_limit, PREFIX, f"account:{account.email}", "auth.login")
    assert other_process.test(login_limit, PREFIX, "account:someone-else@example.com", "auth.login")
