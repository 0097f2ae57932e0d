"""Event pages: the list (upcoming first), details with sessions and people met, create, edit, delete."""
from __future__ import annotations


from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from netevents.db import request_session
from netevents.forms.events import KIND_CHOICES, ConfirmForm, EventForm, EventSessionForm
from netevents.models import Event
from netevents.services.encounters import page_met_at
from netevents.services.clock import account_zone, local_today
from netevents.services.events import create_event, delete_event, get_event, list_events
from netevents.services.events import update_event
from netevents.web import event_display
from netevents.web.form_actions import FAILED, submit

bp = Blueprint("events", __name__, url_prefix="/events")
event_display.register(bp)


def _event(event_id: int) -> Event:
    """The current user's event, or a 404 page."""
    return get_event(request_session(), event_id, owner=current_user)


@bp.route("")
def index():
    """Upcoming events first (soonest first), then past ones; ?when=upcoming|past and ?kind= filter."""
    kind, when = request.args.get("kind") or None, request.args.get("when") or "all"
    page = list_events(request_session(), owner=current_user, kind=kind, when=when,
                       page=request.args.get("page", 1, type=int), per_page=current_app.config["PAGE_SIZE"])
    return render_template("events/index.html", page=page, kind=kind, when=when, kinds=KIND_CHOICES,
                           today=local_today(current_user))


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Add an event."""
    form = EventForm(data={"starts": local_today(current_user)})
    event = submit(form, lambda session: create_event(session, form.as_fields(), owner=current_user))
    if event is not FAILED:
        flash(f"Added {event.name}.", "success")
        return redirect(url_for("events.detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=None)


@bp.route("/<int:event_id>")
def detail(event_id: int):
    """An event with its sessions and a page of the people met there."""
    event = _event(event_id)
    met = page_met_at(request_session(), event.id, owner=current_user, page=request.args.get("page", 1, type=int),
                      per_page=current_app.config["PAGE_SIZE"])
    return render_template("events/detail.html", event=event, met=met, session_form=EventSessionForm(),
                           today=local_today(current_user))


def _form_data(event: Event) -> dict:
    """The event's values as the form shows them (times in the user's timezone)."""
    zone = account_zone(current_user)
    return {"name": event.name, "kind": event.kind.value, "starts": event.starts_on,
            "start_time": event.starts_at.astimezone(zone).time() if event.starts_at else None,
            "ends": event.ends_on if event.ends_on != event.starts_on else None,
            "end_time": event.ends_at.astimezone(zone).time() if event.ends_at else None,
            "location": event.location, "url": event.url or "", "notes": event.notes,
            "organizer": event.organization.name if event.organization else ""}


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
def edit(event_id: int):
    """Change an event."""
    event = _event(event_id)
    form = EventForm(data=_form_data(event))
    saved = submit(form, lambda session: update_event(session, event.id, form.as_fields(), owner=current_user))
    if saved is not FAILED:
        flash(f"Saved {saved.name}.", "success")
        return redirect(url_for("events.detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=event)


@bp.route("/<int:event_id>/delete", methods=["GET", "POST"])
def delete(event_id: int):
    """Ask, then delete an event and its sessions (encounters stay, with the event's name as place)."""
    event = _event(event_id)
    form = ConfirmForm()
    name = event.name
    if submit(form, lambda session: delete_event(session, event.id, owner=current_user)) is not FAILED:
        flash(f"Deleted {name}.", "success")
        return redirect(url_for("events.index"))
    message = (f"Delete {name} and its {len(event.sessions)} session(s)? People you met there stay, "
               f"with “{name}” kept as the place you met them.")
    return render_template("confirm_delete.html", form=form, title=f"Delete {name}?", message=message,
                           cancel_url=url_for("events.detail", event_id=event.id))
