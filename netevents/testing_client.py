"""A Flask test client that logs in as the login page does (a server-side login row), without pytest.

The pytest plugin (netevents.testing) uses it for its clients; a script or a fresh venv can use it alone.
"""
from __future__ import annotations

from flask.testing import FlaskClient

from netevents.db import database
from netevents.models import Account


class LoggedInClient(FlaskClient):
    """A test client that, given ``user=account``, starts a real server-side login for it (as the login page does)."""

    def __init__(self, *args, **kwargs):
        user, fresh = kwargs.pop("user", None), kwargs.pop("fresh_login", True)
        super().__init__(*args, **kwargs)
        if user is not None:
            self.login_token = log_in_test_client(self, user, fresh=fresh)


def log_in_test_client(client: FlaskClient, user: Account, *, fresh: bool = True) -> str:
    """Put a live login of ``user`` into the client's session cookie; return its token."""
    from netevents.auth import LOGIN_TOKEN_KEY
    from netevents.services.login_sessions import start_login_session

    with database(client.application).session() as db_session:
        token = start_login_session(db_session, user, remember=False)
        db_session.commit()
    with client.session_transaction() as cookie_session:
        cookie_session.update({"_user_id": user.get_id(), "_fresh": fresh, LOGIN_TOKEN_KEY: token})
    return token
