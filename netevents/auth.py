"""Sign-in plumbing: login manager, CSRF, rate limits and the login-required default."""
from __future__ import annotations

from flask import redirect, request, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect

from netevents.db import request_session
from netevents.models import Account

csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
PUBLIC_ENDPOINTS = {"static", "auth.login", "auth.setup"}


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
    csrf.init_app(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    limiter.init_app(app)
    app.before_request(_require_login)


def _load_account(account_id: str) -> Account | None:
    """Load the logged-in account for Flask-Login."""
    return request_session().get(Account, int(account_id)) if account_id.isdigit() else None


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
    from flask import current_app

    return current_app.view_functions.get(endpoint)
