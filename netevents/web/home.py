"""The front page: first-run setup, login, or the user's home."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from netevents.auth import public
from netevents.db import request_session
from netevents.services.accounts import account_count

bp = Blueprint("home", __name__)


@bp.route("/")
@public
def index():
    """Offer setup on a fresh instance, the login page to strangers, the home page to users."""
    if account_count(request_session()) == 0:
        return redirect(url_for("auth.setup"))
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return render_template("home.html")
