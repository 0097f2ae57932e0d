"""Logging, changing and deleting encounters, from a person's page or an event's."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from netevents.db import request_session
from netevents.forms.events import NONE, ConfirmForm, EncounterForm, options
from netevents.models import Encounter, Event, Person
from netevents.services.encounters import delete_encounter, get_encounter, log_encounter, update_encounter
from netevents.services.clock import local_today
from netevents.services.events import get_event, is_running, list_events
from netevents.services.people import get_person
from netevents.services.suggestions import has_people
from netevents.web.event_display import day_label
from netevents.web.templating import person_url
from netevents.web.form_actions import FAILED, submit
from netevents.web.people_picker import bind_people_pickers

bp = Blueprint("encounters", __name__, url_prefix="/encounters")
EVENT_CHOICES = 100


def _add_missing(records: list, extra) -> list:
    """Make sure the record already chosen appears among the options."""
    return [*records, extra] if extra is not None and extra not in records else records


def _set_choices(form: EncounterForm, *, person: Person | None, event: Event | None) -> None:
    """Fix the person when the page is about one, load the pickers' people, offer recent events and the talks."""
    session = request_session()
    if person is not None:
        form.person_id.data = person.id
    bind_people_pickers(form, owner=current_user)
    events = _add_missing(list_events(session, owner=current_user, per_page=EVENT_CHOICES).items, event)
    form.event_id.choices = options([(NONE, "— not at an event —"),
                                     *[(e.id, f"{e.name} ({day_label(e.starts_on)})") for e in events]])
    form.session_id.choices = options([(NONE, "—"), *[(s.id, s.title) for s in (event.sessions if event else [])]])


def _safe_next() -> str | None:
    """The same-site page to return to, if the link asked for one."""
    target = request.args.get("next", "")
    if target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return None


def _after_save(encounter: Encounter):
    """Go back where the user came from, else to the event or the person."""
    target = _safe_next() or (url_for("events.detail", event_id=encounter.event_id) if encounter.event_id else None)
    return redirect(target or person_url(encounter.person) or url_for("events.index"))


def _default_day(event: Event | None):
    """Today, unless logging after the fact for an event that is not running today."""
    today = local_today(current_user)
    return event.starts_on if event is not None and not is_running(event, today) else today


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Log meeting someone; ?person_id= fixes the person, ?event_id= preselects the event."""
    session = request_session()
    person_id, event_id = request.args.get("person_id", type=int), request.args.get("event_id", type=int)
    person = get_person(session, person_id, owner=current_user) if person_id else None
    event = get_event(session, event_id, owner=current_user) if event_id else None
    form = EncounterForm(data={"met_on": _default_day(event), "event_id": event.id if event else NONE})
    _set_choices(form, person=person, event=event)
    encounter = submit(form, lambda s: log_encounter(s, form.as_fields(), owner=current_user))
    if encounter is not FAILED:
        flash(f"Logged meeting {encounter.person.display_name}.", "success")
        return _after_save(encounter)
    return render_template("encounters/form.html", form=form, encounter=None, person=person, event=event,
                           has_people=has_people(request_session(), owner=current_user))


@bp.route("/<int:encounter_id>/edit", methods=["GET", "POST"])
def edit(encounter_id: int):
    """Change an encounter."""
    encounter = get_encounter(request_session(), encounter_id, owner=current_user)
    form = EncounterForm(data={
        "person_id": encounter.person_id, "met_on": encounter.met_on, "event_id": encounter.event_id or NONE,
        "session_id": encounter.session_id or NONE, "place": encounter.place, "context": encounter.context,
        "introduced_by_id": encounter.introduced_by_id or NONE})
    _set_choices(form, person=None, event=encounter.event)
    saved = submit(form, lambda s: update_encounter(s, encounter.id, form.as_fields(), owner=current_user))
    if saved is not FAILED:
        flash(f"Saved meeting {saved.person.display_name}.", "success")
        return _after_save(saved)
    return render_template("encounters/form.html", form=form, encounter=encounter, person=None,
                           event=encounter.event, has_people=True)


@bp.route("/<int:encounter_id>/delete", methods=["GET", "POST"])
def delete(encounter_id: int):
    """Ask, then delete an encounter (the person stays)."""
    encounter = get_encounter(request_session(), encounter_id, owner=current_user)
    form, name = ConfirmForm(), encounter.person.display_name
    back = _safe_next() or (url_for("events.detail", event_id=encounter.event_id) if encounter.event_id else None)
    back = back or person_url(encounter.person) or url_for("events.index")
    if submit(form, lambda s: delete_encounter(s, encounter.id, owner=current_user)) is not FAILED:
        flash(f"Deleted the meeting with {name}.", "success")
        return redirect(back)
    return render_template("confirm_delete.html", form=form, title="Delete this encounter?",
                           message=f"Meeting {name} on {day_label(encounter.met_on)}. {name} stays in your people.",
                           cancel_url=back)
