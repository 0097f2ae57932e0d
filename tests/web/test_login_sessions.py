"""Logins the server can end: logout, remember-me, password change, sign out everywhere, no-store pages."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from netevents.auth import REMEMBER_COOKIE
from netevents.db import utcnow
from netevents.models import LoginSession
from netevents.services.login_sessions import token_hash
from netevents.testing import TEST_PASSWORD

NEW_PASSWORD = "violet lantern orchard ninety"


def _log_in(client, account, remember=False):
    data = {"email": account.email, "password": TEST_PASSWORD, **({"remember": "y"} if remember else {})}
    response = client.post("/login", data=data)
    assert response.status_code == 302
    return response


def _remember_cookie(client):
    cookie = client.get_cookie(REMEMBER_COOKIE)
    return cookie.value if cookie else None


def test_an_old_session_cookie_stops_working_after_logout(app, account):
    client = app.test_client()
    _log_in(client, account)
    stolen = client.get_cookie("session").value
    client.post("/logout")
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/").status_code == 302


def test_remember_me_tokens_are_random_per_login_stored_hashed_and_end_at_logout(app, session, account):
    first, second = app.test_client(), app.test_client()
    _log_in(first, account, remember=True)
    _log_in(second, account, remember=True)
    tokens = [_remember_cookie(first), _remember_cookie(second)]
    assert tokens[0] and tokens[1] and tokens[0] != tokens[1]
    stored = session.scalars(select(LoginSession.token_hash)).all()
    assert token_hash(tokens[0]) in stored and tokens[0] not in stored
    first.post("/logout")
    assert _remember_cookie(first) is None
    replay = app.test_client()
    replay.set_cookie(REMEMBER_COOKIE, tokens[0])
    assert replay.get("/").status_code == 302
    fresh = app.test_client()
    fresh.set_cookie(REMEMBER_COOKIE, tokens[1])
    assert fresh.get("/").status_code == 200  # the other device's cookie still logs in


def test_remember_me_expires(app, session, account):
    client = app.test_client()
    _log_in(client, account, remember=True)
    token = _remember_cookie(client)
    login = session.scalars(select(LoginSession).where(LoginSession.token_hash == token_hash(token))).one()
    assert timedelta(days=29) < login.expires_at - utcnow() <= timedelta(days=30)
    login.expires_at = utcnow() - timedelta(seconds=1)
    session.commit()
    later = app.test_client()
    later.set_cookie(REMEMBER_COOKIE, token)
    assert later.get("/").status_code == 302


def test_a_session_without_remember_me_has_no_remember_cookie(app, account):
    client = app.test_client()
    _log_in(client, account)
    assert _remember_cookie(client) is None
    assert client.get("/").status_code == 200


def test_changing_the_password_ends_every_other_login_and_needs_the_current_one(app, account):
    here, elsewhere = app.test_client(), app.test_client()
    _log_in(here, account)
    _log_in(elsewhere, account, remember=True)
    refused = here.post("/settings/password", data={"current_password": "not my password",
                                                    "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert refused.status_code == 400 and b"not your current password" in refused.data
    response = here.post("/settings/password", data={"current_password": TEST_PASSWORD,
                                                     "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302
    assert app.test_client().post("/login", data={"email": account.email, "password": NEW_PASSWORD}).status_code == 302


def test_a_weak_new_password_is_refused_with_a_reason(user_client):
    for weak, reason in (("aaaaaaaaaa", b"one repeated character"), ("1234567890", b"too easy to guess"),
                         ("short", b"at least 10 characters")):
        response = user_client.post("/settings/password", data={"current_password": TEST_PASSWORD,
                                                                "password": weak, "confirm": weak})
        assert response.status_code == 400 and reason in response.data, weak


def test_sign_out_everywhere_ends_every_login(app, account):
    here, elsewhere = app.test_client(), app.test_client()
    _log_in(here, account)
    _log_in(elsewhere, account, remember=True)
    assert b"Sign out everywhere" in here.get("/settings").data
    response = here.post("/settings/sign-out-everywhere")
    assert response.status_code == 302 and response.location.endswith("/login")
    assert here.get("/").status_code == 302 and elsewhere.get("/").status_code == 302


def test_security_forms_need_csrf(app, account):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client(user=account)
    assert client.post("/settings/sign-out-everywhere").status_code == 400
    assert client.post("/settings/password", data={"current_password": TEST_PASSWORD, "password": NEW_PASSWORD,
                                                   "confirm": NEW_PASSWORD}).status_code == 400
    assert client.get("/").status_code == 200  # still logged in: nothing happened


def test_private_pages_are_not_stored_by_caches(user_client):
    for url in ("/", "/people", "/settings"):
        assert user_client.get(url).headers["Cache-Control"] == "no-store", url
    static = user_client.get("/static/netevents.css")
    static.close()
    assert "no-store" not in static.headers.get("Cache-Control", "")
