"""Follow-up pages: the board (overdue, today, upcoming), adding, done, reopen, snooze, edit and delete."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from netevents.dates import day_label
from netevents.db import request_session
from netevents.forms.followups import BatchDoneForm, CadenceForm, FollowUpEditForm, FollowUpForm, SnoozeForm
from netevents.models import Person
from netevents.services.cadence import stay_in_touch
from netevents.services.clock import local_today
from netevents.services.followups import (create_followup, delete_followup, followups_of_person, get_followup,
                                          mark_followup_done, mark_followups_done, open_followups,
                                          open_followups_with, reopen_followup, snooze_followup, update_followup)
from netevents.services.interactions import get_interaction
from netevents.web.form_actions import FAILED, current_owner, safe_next, submit
from netevents.web.people_picker import bind_people_pickers

bp = Blueprint("followups", __name__, url_prefix="/followups")
DEFAULT_DUE_DAYS = 7


def _back() -> str:
    """Where to go after an action: the ``next`` value, else the follow-ups page."""
    return safe_next(url_for(".index"))


@bp.get("/")
def index():
    """Open follow-ups by due date, and the ones done lately."""
    owner = current_owner()
    today = local_today(owner)
    board = open_followups(request_session(), owner=owner, today=today, page=request.args.get("page", 1, type=int),
                           per_page=int(current_app.config["PAGE_SIZE"]))
    return render_template("followups/index.html", board=board, today=today)


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Add a follow-up for one of your people."""
    session, owner = request_session(), current_owner()
    form = FollowUpForm()
    if request.method == "GET":
        form.person_id.data = request.args.get("person", type=int)
        form.due_on.data = local_today(owner) + timedelta(days=DEFAULT_DUE_DAYS)
        form.next.data = safe_next("")
    bind_people_pickers(form)
    if submit(form, lambda _session: create_followup(session, form.person_id.data, form.due_on.data,
                                                     form.note.data or "", owner=owner)) is not FAILED:
        flash("Follow-up added.", "success")
        return redirect(_back())
    return render_template("followups/form.html", form=form, followup=None)


@bp.post("/<int:followup_id>/done")
def done(followup_id: int):
    """Mark a follow-up done; with ``log`` set, open the interaction form instead, which marks it done on saving."""
    session = request_session()
    if request.form.get("log"):
        followup = get_followup(session, followup_id, owner=current_owner())
        return redirect(url_for("interactions.new", person=followup.person_id, followup=followup.id, next=_back()))
    followup = mark_followup_done(session, followup_id, owner=current_owner())
    session.commit()
    flash(f"Done: follow-up with {followup.person.display_name}.", "success")
    return redirect(_back())


@bp.post("/done")
def done_several():
    """Mark the ticked follow-ups done at once (bounded, and only the owner's)."""
    form = BatchDoneForm()
    marked = submit(form, lambda session: mark_followups_done(session, form.followup_ids.data, owner=current_owner()))
    if marked is FAILED:
        flash(" ".join(form.followup_ids.errors + form.form_errors) or "Nothing was marked done.", "error")
    else:
        flash(f"Marked {len(marked)} follow-up{'s' if len(marked) != 1 else ''} done.", "success")
    return redirect(_back())


@bp.get("/after-interaction/<int:interaction_id>")
def after_interaction(interaction_id: int):
    """Offer to mark done the open follow-ups with the people of an interaction just logged."""
    session, owner = request_session(), current_owner()
    interaction = get_interaction(session, interaction_id, owner=owner)
    followups = open_followups_with(session, [person.id for person in interaction.people], owner=owner)
    if not followups:
        return redirect(_back())
    return render_template("followups/after_interaction.html", interaction=interaction, followups=followups,
                           today=local_today(owner), back=_back())


@bp.post("/<int:followup_id>/reopen")
def reopen(followup_id: int):
    """Make a done follow-up open again."""
    session = request_session()
    reopen_followup(session, followup_id, owner=current_owner())
    session.commit()
    flash("Follow-up reopened.", "success")
    return redirect(_back())


@bp.route("/<int:followup_id>/snooze", methods=["GET", "POST"])
def snooze(followup_id: int):
    """Snooze by 1 day, a week, or to a chosen date (never into the past)."""
    session, owner = request_session(), current_owner()
    followup = get_followup(session, followup_id, owner=owner)
    form = SnoozeForm()
    if request.method == "GET":
        form.next.data = safe_next("")
    until = None if form.days.data else form.until.data  # a quick "+1 day" button wins over a typed date
    if submit(form, lambda _session: snooze_followup(session, followup.id, owner=owner, today=local_today(owner),
                                                     days=form.days.data, until=until)) is not FAILED:
        flash(f"Snoozed until {day_label(followup.due_on)}.", "success")
        return redirect(_back())
    return render_template("followups/snooze.html", form=form, followup=followup)


@bp.route("/<int:followup_id>/edit", methods=["GET", "POST"])
def edit(followup_id: int):
    """Change a follow-up's due date and note."""
    session, owner = request_session(), current_owner()
    followup = get_followup(session, followup_id, owner=owner)
    form = FollowUpEditForm(obj=followup)
    if request.method == "GET":
        form.next.data = safe_next("")
    if submit(form, lambda _session: update_followup(session, followup.id, form.due_on.data, form.note.data or "",
                                                     owner=owner)) is not FAILED:
        flash("Follow-up saved.", "success")
        return redirect(_back())
    return render_template("followups/form.html", form=form, followup=followup)


@bp.route("/<int:followup_id>/delete", methods=["GET", "POST"])
def delete(followup_id: int):
    """Confirm, then delete a follow-up."""
    session = request_session()
    followup = get_followup(session, followup_id, owner=current_owner())
    if request.method == "POST":
        delete_followup(session, followup.id, owner=current_owner())
        session.commit()
        flash("Follow-up deleted.", "success")
        return redirect(_back())
    return render_template("followups/delete.html", followup=followup)


def followup_panel_context(session, person: Person, *, owner) -> dict:
    """What templates/people/_followups.html needs on a person's page."""
    today = local_today(owner)
    return {"today": today,
            "person_followups": followups_of_person(session, person.id, owner=owner),
            "stay_in_touch": stay_in_touch(session, person.id, owner=owner, today=today),
            "new_followup_due": today + timedelta(days=DEFAULT_DUE_DAYS),
            "cadence_form": CadenceForm(formdata=None, cadence_days=person.cadence_days)}
