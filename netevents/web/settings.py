"""The account's own settings: timezone and quick-capture follow-up delay."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from netevents.forms.settings import SettingsForm
from netevents.services.settings import update_settings
from netevents.web.form_actions import FAILED, submit

bp = Blueprint("settings", __name__, url_prefix="/settings")


@bp.route("", methods=["GET", "POST"])
def index():
    """Show and change the account's settings."""
    form = SettingsForm(data={"timezone": current_user.timezone,
                              "quick_capture_followup_days": current_user.quick_capture_followup_days})
    saved = submit(form, lambda session: update_settings(
        session, owner=current_user, timezone=form.timezone.data,
        quick_capture_followup_days=form.quick_capture_followup_days.data))
    if saved is not FAILED:
        flash("Settings saved.", "success")
        return redirect(url_for("settings.index"))
    return render_template("settings/index.html", form=form)
