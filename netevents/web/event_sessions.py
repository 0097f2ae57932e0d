"""Adding, changing and deleting the sessions and talks of an event."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from netevents.db import request_session
from netevents.forms.events import ConfirmForm, EventSessionForm
from netevents.models import EventSession
from netevents.services.event_sessions import (create_event_session, delete_event_session, get_event_session,
                                               update_event_session)
from netevents.services.clock import account_zone
from netevents.services.events import get_event
from netevents.web.form_actions import FAILED, submit

bp = Blueprint("event_sessions", __name__, url_prefix="/events/<int:event_id>/sessions")


def _back(event_id: int):
    """Return to the event page, at its sessions."""
    return redirect(url_for("events.detail", event_id=event_id, _anchor="sessions"))


def _event_session(event_id: int, session_id: int) -> EventSession:
    """The current user's session of this event, or a 404 page."""
    return get_event_session(request_session(), session_id, owner=current_user, event_id=event_id)


@bp.route("/new", methods=["GET", "POST"])
def new(event_id: int):
    """Add a session or talk to an event."""
    event = get_event(request_session(), event_id, owner=current_user)
    form = EventSessionForm()
    saved = submit(form, lambda session: create_event_session(session, event.id, form.as_fields(),
                                                              owner=current_user))
    if saved is not FAILED:
        flash(f"Added “{saved.title}”.", "success")
        return _back(event.id)
    return render_template("events/session_form.html", form=form, event=event, event_session=None)


def _form_data(event_session: EventSession) -> dict:
    """The session's values as the form shows them (local day and time)."""
    start = event_session.starts_at.astimezone(account_zone(current_user)) if event_session.starts_at else None
    return {"title": event_session.title, "speaker": event_session.speaker, "room": event_session.room,
            "day": start.date() if start else None, "start_time": start.time() if start else None}


@bp.route("/<int:session_id>/edit", methods=["GET", "POST"])
def edit(event_id: int, session_id: int):
    """Change a session's title, speaker, time or room."""
    event_session = _event_session(event_id, session_id)
    form = EventSessionForm(data=_form_data(event_session))
    saved = submit(form, lambda session: update_event_session(session, event_session.id, form.as_fields(),
                                                              owner=current_user, event_id=event_id))
    if saved is not FAILED:
        flash(f"Saved “{saved.title}”.", "success")
        return _back(event_id)
    return render_template("events/session_form.html", form=form, event=event_session.event,
                           event_session=event_session)


@bp.route("/<int:session_id>/delete", methods=["GET", "POST"])
def delete(event_id: int, session_id: int):
    """Ask, then delete a session (encounters there keep the event)."""
    event_session = _event_session(event_id, session_id)
    form, title = ConfirmForm(), event_session.title
    if submit(form, lambda session: delete_event_session(session, session_id, owner=current_user,
                                                         event_id=event_id)) is not FAILED:
        flash(f"Deleted “{title}”.", "success")
        return _back(event_id)
    return render_template("confirm_delete.html", form=form, title=f"Delete “{title}”?",
                           message="People you met there stay linked to the event.",
                           cancel_url=url_for("events.detail", event_id=event_id, _anchor="sessions"))
