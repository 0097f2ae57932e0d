"""Quick capture at an event: choose where you are, then log people in one screen, one tap each."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask import session as login_session
from flask_login import current_user

from netevents.db import request_session
from netevents.forms.capture import CaptureForm, QuickEventForm
from netevents.models import Event
from netevents.services.capture import CaptureResult, capture_day, quick_capture, start_event_today
from netevents.services.encounters import page_met_at
from netevents.services.clock import local_today
from netevents.services.events import capture_choices, days_until_start, get_event, is_running
from netevents.web.event_display import day_label
from netevents.web.form_actions import FAILED, submit
from netevents.web.people import default_phone_region

bp = Blueprint("capture", __name__, url_prefix="/capture")
CAPTURED_SHOWN = 30  # the latest captures under the form; everyone is on the event page
CURRENT_EVENT_KEY = "capture_event_id"  # "I'm at <event>", kept in the login session


@bp.route("", methods=["GET", "POST"])
def index():
    """Choose the event you are at (last used and today's first), or start one: today's of that name is reused."""
    today = local_today(current_user)
    form = QuickEventForm()
    event = submit(form, lambda session: start_event_today(session, form.name.data, owner=current_user, today=today))
    if event is not FAILED:
        return redirect(url_for("capture.at_event", event_id=event.id))
    current_id = login_session.get(CURRENT_EVENT_KEY)
    choices = capture_choices(request_session(), owner=current_user, today=today, current_id=current_id)
    return render_template("capture/choose.html", form=form, choices=choices, current_id=current_id,
                           today=today, is_running=is_running, days_until_start=days_until_start)


def _saved_message(result: CaptureResult, event: Event, today) -> str:
    """What the flash says after a capture (naming the day met when it is not today)."""
    met_on = result.encounter.met_on
    when = "today" if met_on == today else f"on {day_label(met_on)}"
    if result.already_logged:
        return f"{result.person.display_name} was already logged at {event.name} {when}."
    who = result.person.display_name + (" (new)" if result.created_person else "")
    met = "" if met_on == today else f", met {when}"
    return f"Saved {who} at {event.name}{met}. Follow-up on {day_label(result.followup.due_on)}."


@bp.route("/<int:event_id>", methods=["GET", "POST"])
def at_event(event_id: int):
    """The one-screen capture form for an event, with the people captured there on that day below it."""
    session = request_session()
    event = get_event(session, event_id, owner=current_user)
    login_session[CURRENT_EVENT_KEY] = event.id
    today = local_today(current_user)
    form = CaptureForm(met_on=capture_day(event, today))
    result = submit(form, lambda s: quick_capture(
        s, event.id, form.name.data, form.line.data, owner=current_user, person_id=form.person_id.data,
        create_new=form.create_new.data, met_on=form.met_on.data, phone_region=default_phone_region() or None))
    if result is not FAILED and not result.needs_confirmation:
        flash(_saved_message(result, event, today), "success")
        return redirect(url_for("capture.at_event", event_id=event.id))
    matches = result.matches if result is not FAILED else []
    day = form.met_on.data or capture_day(event, today)
    captured = page_met_at(session, event.id, owner=current_user, on=day, newest_first=True, per_page=CAPTURED_SHOWN)
    return render_template("capture/form.html", form=form, event=event, matches=matches, captured=captured,
                           day=day, today=today, starts_in=days_until_start(event, today))
