"""The account's own settings: timezone, quick-capture follow-up delay, password and logins."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from netevents.auth import current_login_token, log_out
from netevents.db import request_session
from netevents.forms.security import ChangePasswordForm, SignOutEverywhereForm
from netevents.forms.settings import SettingsForm
from netevents.services.accounts import change_password
from netevents.services.login_sessions import end_other_sessions, login_count
from netevents.services.settings import update_settings
from netevents.web.form_actions import FAILED, current_owner, submit

bp = Blueprint("settings", __name__, url_prefix="/settings")


@bp.route("", methods=["GET", "POST"])
def index():
    """Show and change the account's settings."""
    form = SettingsForm(data=_current_settings())
    saved = submit(form, lambda session: update_settings(
        session, owner=current_user, timezone=form.timezone.data,
        quick_capture_followup_days=form.quick_capture_followup_days.data))
    if saved is not FAILED:
        flash("Settings saved.", "success")
        return redirect(url_for("settings.index"))
    return _render(form=form)


def _current_settings() -> dict:
    """The account's settings as the form shows them."""
    return {"timezone": current_user.timezone, "quick_capture_followup_days": current_user.quick_capture_followup_days}


def _render(**forms):
    """The settings page with its forms (fresh ones unless a submitted one is given)."""
    forms.setdefault("form", SettingsForm(formdata=None, data=_current_settings()))
    forms.setdefault("password_form", ChangePasswordForm(formdata=None))
    forms.setdefault("sign_out_form", SignOutEverywhereForm(formdata=None))
    return render_template("settings/index.html", logins=login_count(request_session(), current_owner()), **forms)


@bp.route("/password", methods=["POST"])
def password():
    """Change the password (the current one required); every other device is logged out."""
    form = ChangePasswordForm()
    ended = submit(form, lambda session: change_password(
        session, current_owner(), form.current_password.data, form.password.data, keep=current_login_token()))
    if ended is FAILED:
        return _render(password_form=form), 400
    flash(f"Password changed. {ended} other login{'s' if ended != 1 else ''} ended.", "success")
    return redirect(url_for("settings.index"))


@bp.route("/sign-out-everywhere", methods=["POST"])
def sign_out_everywhere():
    """End every login of the account, this browser's included."""
    if not SignOutEverywhereForm().validate_on_submit():
        return _render(), 400
    session = request_session()
    end_other_sessions(session, current_owner(), keep=None)
    log_out()
    session.commit()
    flash("You are signed out on every device.", "info")
    return redirect(url_for("auth.login"))
