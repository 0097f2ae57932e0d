"""Quick capture at an event: choose where you are, then log people in one screen, one tap each."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask import session as login_session
from flask_login import current_user

from netevents.db import request_session
from netevents.forms.capture import CaptureForm, QuickEventForm
from netevents.models import Event
from netevents.services.capture import CaptureResult, quick_capture
from netevents.services.encounters import people_met_at
from netevents.services.events import EventFields, capture_choices, create_event, get_event, is_running
from netevents.services.clock import local_today
from netevents.web.event_display import day_label
from netevents.web.form_actions import FAILED, submit

bp = Blueprint("capture", __name__, url_prefix="/capture")
CURRENT_EVENT_KEY = "capture_event_id"  # "I'm at <event>", kept in the login session


@bp.route("", methods=["GET", "POST"])
def index():
    """Choose the event you are at (last used and today's first), or start one that is not listed."""
    today = local_today(current_user)
    form = QuickEventForm()
    event = submit(form, lambda session: create_event(
        session, EventFields(name=form.name.data, starts=today, kind="other"), owner=current_user))
    if event is not FAILED:
        return redirect(url_for("capture.at_event", event_id=event.id))
    current_id = login_session.get(CURRENT_EVENT_KEY)
    choices = capture_choices(request_session(), owner=current_user, today=today, current_id=current_id)
    return render_template("capture/choose.html", form=form, choices=choices, current_id=current_id,
                           today=today, is_running=is_running)


def _saved_message(result: CaptureResult, event: Event) -> str:
    """What the flash says after a capture."""
    if result.already_logged:
        return f"{result.person.display_name} was already logged at {event.name} today."
    who = result.person.display_name + (" (new)" if result.created_person else "")
    return f"Saved {who} at {event.name}. Follow-up on {day_label(result.followup.due_on)}."


@bp.route("/<int:event_id>", methods=["GET", "POST"])
def at_event(event_id: int):
    """The one-screen capture form for an event, with today's captures below it."""
    session = request_session()
    event = get_event(session, event_id, owner=current_user)
    login_session[CURRENT_EVENT_KEY] = event.id
    form = CaptureForm()
    result = submit(form, lambda s: quick_capture(
        s, event.id, form.name.data, form.line.data, owner=current_user, person_id=form.person_id.data,
        create_new=form.create_new.data))
    if result is not FAILED and not result.needs_confirmation:
        flash(_saved_message(result, event), "success")
        return redirect(url_for("capture.at_event", event_id=event.id))
    matches = result.matches if result is not FAILED else []
    today = local_today(current_user)
    captured = people_met_at(session, event.id, owner=current_user, on=today, newest_first=True)
    return render_template("capture/form.html", form=form, event=event, matches=matches, captured=captured)
