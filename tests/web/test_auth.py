"""First-run setup, login, logout, CSRF and login rate limits."""
from netevents.models import Account
from netevents.testing import TEST_PASSWORD


def test_fresh_instance_offers_to_create_the_admin(client):
    response = client.get("/")
    assert response.status_code == 302 and response.location.endswith("/setup")
    assert b"Create the admin account" in client.get("/setup").data


def test_setup_creates_admin_and_logs_in(client, session):
    response = client.post("/setup", data={"email": "Ada@Example.com", "password": TEST_PASSWORD,
                                           "confirm": TEST_PASSWORD}, follow_redirects=True)
    assert b"instance&#39;s admin" in response.data or b"admin" in response.data
    account = session.query(Account).one()
    assert account.email == "ada@example.com" and account.is_admin
    assert account.password_hash.startswith("$argon2id$")
    assert client.get("/setup").status_code == 302


def test_setup_shows_field_errors(client):
    response = client.post("/setup", data={"email": "not-an-email", "password": "short", "confirm": "other"})
    assert response.status_code == 200
    assert b"field-error" in response.data
    assert b"Passwords differ" in response.data


def test_login_and_logout(client, account):
    response = client.post("/login", data={"email": account.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.post("/logout")
    assert client.get("/").location.endswith("/login")


def test_wrong_password_is_refused(client, account):
    response = client.post("/login", data={"email": account.email, "password": "wrong password!"})
    assert response.status_code == 401
    assert b"Email or password is wrong" in response.data


def test_login_redirect_ignores_other_sites(client, account):
    response = client.post("/login?next=https://evil.example/", data={"email": account.email,
                                                                      "password": TEST_PASSWORD})
    assert response.location == "/"


def test_pages_require_login(client, account):
    assert client.get("/").location.endswith("/login")


def test_failed_logins_are_rate_limited(app, client, account):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    from netevents.auth import limiter

    limiter.reset()
    codes = [client.post("/login", data={"email": account.email, "password": "nope nope nope"}).status_code
             for _ in range(4)]
    assert codes == [401, 401, 401, 429]
    assert b"Too many attempts" in client.post("/login", data={"email": account.email,
                                                               "password": TEST_PASSWORD}).data
    limiter.reset()


def test_forms_require_csrf_token(app, account):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    response = client.post("/login", data={"email": account.email, "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert client.get("/").location.endswith("/login")


def test_session_cookie_is_http_only(client, account):
    response = client.post("/login", data={"email": account.email, "password": TEST_PASSWORD})
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_pages_carry_security_headers(client):
    response = client.get("/setup")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_huge_ids_in_urls_are_404_not_500(user_client):
    assert user_client.get("/events/99999999999999999999").status_code == 404
    assert user_client.post("/events/2147483648/delete").status_code == 404
