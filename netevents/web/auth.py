"""Login, logout and the first-run setup page."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from netevents.auth import limiter, log_in, log_out, login_account_key
from netevents.db import request_session
from netevents.errors import DomainError
from netevents.forms.auth import LoginForm, SetupForm
from netevents.services.accounts import (
    account_count,
    account_for_login,
    password_matches,
    rehash_if_needed,
    set_up_instance,
)
from netevents.web.forms_helpers import attach_errors

bp = Blueprint("auth", __name__)


def _login_limit() -> str:
    """The configured limit on failed logins from one address."""
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_limit() -> str:
    """The configured limit on failed logins to one account, from wherever they come."""
    return current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"]


def _failed(response) -> bool:
    """Only failed logins count against the limits (a success redirects)."""
    return response.status_code != 302


def _safe_next(target: str | None) -> str:
    """Return a same-site path to go to after login, ignoring anything pointing elsewhere."""
    if target and urlsplit(target).netloc == "" and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("home.index")


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    """Create the first account (the admin) on a fresh instance."""
    session = request_session()
    if account_count(session) > 0:
        return redirect(url_for("auth.login"))
    form = SetupForm()
    if form.validate_on_submit():
        try:
            account = set_up_instance(session, form.email.data, form.password.data, timezone=form.timezone.data)
            log_in(account, remember=False)
            session.commit()
        except DomainError as error:
            session.rollback()
            attach_errors(form, error)
        else:
            flash("Welcome! Your account is ready: you are this instance's admin.", "success")
            return redirect(url_for("home.index"))
    return render_template("auth/setup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_account_limit, key_func=login_account_key, methods=["POST"], deduct_when=_failed)
def login():
    """Log in with email and password."""
    session = request_session()
    if account_count(session) == 0:
        return redirect(url_for("auth.setup"))
    form = LoginForm()
    if form.validate_on_submit():
        account = account_for_login(session, form.email.data)
        session.commit()  # end the transaction: hold no database lock while Argon2 checks the password
        if password_matches(account, form.password.data):
            rehash_if_needed(session, account, form.password.data)
            log_in(account, remember=form.remember.data)
            session.commit()
            return redirect(_safe_next(request.args.get("next")))
        form.form_errors.append("Email or password is wrong.")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Log out (this browser's login ends on the server) and return to the login page."""
    log_out()
    request_session().commit()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))
