"""Sign-in plumbing: login manager, server-side logins, CSRF, rate limits and the login-required default."""
from __future__ import annotations

from flask import current_app, g, redirect, request, url_for
from flask import session as cookie_session
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFProtect, generate_csrf
from werkzeug.middleware.proxy_fix import ProxyFix

from netevents.db import request_session
from netevents.models import Account
from netevents.services.login_sessions import REMEMBER_DAYS, account_for_token, end_login_session, start_login_session

csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
PUBLIC_ENDPOINTS = {"static", "auth.login", "auth.setup"}
LOGIN_TOKEN_KEY = "login_token"  # in the signed session cookie: which server-side login this browser holds
REMEMBER_COOKIE = "netevents_remember"


def public(view):
    """Mark a view as reachable without logging in (everything else requires a login)."""
    view.netevents_public = True
    return view


def init_app(app) -> None:
    """Wire login sessions, CSRF protection, rate limiting and the login-required default."""
    login_manager = LoginManager(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    login_manager.user_loader(_load_account)
    login_manager.request_loader(_load_remembered)
    app.after_request(_send_remember_cookie)
    csrf.init_app(app)
    app.jinja_env.globals["csrf_token"] = request_csrf_token
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    limiter.init_app(app)
    trust_proxies(app, int(app.config.get("PROXY_COUNT") or 0))
    app.before_request(_require_login)


def request_csrf_token() -> str:
    """The request's CSRF token for a form, made once: a page of follow-ups asks for it for each of its forms."""
    if "netevents_csrf_token" not in g:
        g.netevents_csrf_token = generate_csrf()
    return g.netevents_csrf_token


def trust_proxies(app, count: int) -> None:
    """Behind ``count`` reverse proxies, take the client's address and scheme from their X-Forwarded-* headers.

    Only as many hops as configured are believed: a client cannot forge its address past the proxies, and
    without proxies (count 0) the headers are ignored. The login limits count per the address found here.
    """
    if count > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_prefix=count)


def login_account_key() -> str:
    """The rate-limit key of the account a login attempt names (normalized as accounts are stored)."""
    return "account:" + (request.form.get("email") or "").strip().lower()[:320]


def _load_account(account_id: str) -> Account | None:
    """Load the logged-in account for Flask-Login: only while its server-side login lives."""
    account = account_for_token(request_session(), cookie_session.get(LOGIN_TOKEN_KEY))
    return account if account is not None and account.get_id() == account_id else None


def _load_remembered(incoming) -> Account | None:
    """Log a browser back in from its remember-me cookie while that login lives (reads only, no write)."""
    token = incoming.cookies.get(REMEMBER_COOKIE)
    account = account_for_token(request_session(), token, remembered_only=True)
    if account is not None:
        cookie_session.update({"_user_id": account.get_id(), "_fresh": False, LOGIN_TOKEN_KEY: token})
    return account


def log_in(account: Account, *, remember: bool) -> None:
    """Start a server-side login for the account in this browser (the caller commits)."""
    token = start_login_session(request_session(), account, remember=remember)
    login_user(account)
    cookie_session[LOGIN_TOKEN_KEY] = token
    g.remember_token = token if remember else None


def log_out() -> None:
    """End this browser's login on the server, remember-me cookie included (the caller commits)."""
    end_login_session(request_session(), cookie_session.pop(LOGIN_TOKEN_KEY, None))
    logout_user()
    g.remember_token = None


def current_login_token() -> str | None:
    """The token of this browser's login (kept when the password changes, so this device stays in)."""
    return cookie_session.get(LOGIN_TOKEN_KEY)


def _send_remember_cookie(response):
    """Set the remember-me cookie after a login that asked for it; clear it after any other login or logout."""
    if "remember_token" not in g:
        return response
    if g.remember_token:
        response.set_cookie(REMEMBER_COOKIE, g.remember_token, max_age=REMEMBER_DAYS * 86400, httponly=True,
                            samesite="Lax", secure=current_app.config["SESSION_COOKIE_SECURE"])
    else:
        response.delete_cookie(REMEMBER_COOKIE, httponly=True, samesite="Lax",
                               secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def _require_login():
    """Send anonymous visitors to the login page unless the view is public."""
    if current_user.is_authenticated or request.endpoint is None:
        return None
    view = current_app_view(request.endpoint)
    if request.endpoint in PUBLIC_ENDPOINTS or getattr(view, "netevents_public", False):
        return None
    return redirect(url_for("auth.login", next=request.full_path if request.args else request.path))


def current_app_view(endpoint: str):
    """Return the view function registered for ``endpoint``."""
    return current_app.view_functions.get(endpoint)
