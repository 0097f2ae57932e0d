"""The front page: first-run setup, login, or the user's daily dashboard."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, url_for
from flask import session as login_session
from flask_login import current_user

from netevents.auth import public
from netevents.db import request_session
from netevents.services.accounts import account_count
from netevents.services.clock import local_today
from netevents.services.dashboard import daily_dashboard
from netevents.services.people import get_person
from netevents.services.suggestions import first_name
from netevents.web.charts import LEVELS, year_heatmap
from netevents.web.form_actions import current_owner

bp = Blueprint("home", __name__)
# People skipped as today's suggestion live in the login session, not a table: a skip only matters until
# midnight, it needs no schema, and the cookie stays tiny (ids of one day, capped). The cost: a skip made
# on the phone is not known to the laptop's session.
SKIPS_KEY = "suggestion_skips"
MAX_SKIPS = 50


def skipped_today(today: date) -> list[int]:
    """Ids of the people skipped as today's suggestion in this login session (yesterday's are forgotten)."""
    stored = login_session.get(SKIPS_KEY) or {}
    return list(stored.get("ids", [])) if stored.get("day") == today.isoformat() else []


@bp.route("/")
@public
def index():
    """Offer setup on a fresh instance, the login page to strangers, the daily dashboard to users."""
    if account_count(request_session()) == 0:
        return redirect(url_for("auth.setup"))
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    owner = current_owner()
    today = local_today(owner)
    board = daily_dashboard(request_session(), owner=owner, today=today, skipped=skipped_today(today))
    return render_template("home.html", board=board, heatmap=year_heatmap(board.day_counts, today, "contact"),
                           heatmap_levels=LEVELS)


@bp.post("/today/skip/<int:person_id>")
def skip_suggestion(person_id: int):
    """Skip today's suggested contact: the dashboard picks the next one, until tomorrow."""
    owner = current_owner()
    person = get_person(request_session(), person_id, owner=owner)
    today = local_today(owner)
    login_session[SKIPS_KEY] = {"day": today.isoformat(), "ids": [*skipped_today(today), person.id][-MAX_SKIPS:]}
    flash(f"Skipped {first_name(person)} for today.", "success")
    return redirect(url_for(".index"))
