"""A person's important dates and relationships: add, edit and delete them from the person page."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for

from netevents.db import request_session
from netevents.forms.confirm import ConfirmForm
from netevents.forms.person_details import ImportantDateForm, RelationshipForm
from netevents.services.clock import local_today
from netevents.services.people import get_person
from netevents.services.person_details import (add_important_date, add_relationship, clear_introducer,
                                               delete_important_date, delete_relationship, get_important_date,
                                               get_relationship, important_dates_of, relationships_of,
                                               update_important_date)
from netevents.web.form_actions import FAILED, current_owner, submit
from netevents.web.people_picker import bind_people_pickers

bp = Blueprint("person_details", __name__, url_prefix="/people")
DATE_PREFIX, RELATION_PREFIX = "date", "relation"


def _panel_of(person_id: int):
    """Back to the person's dates and relationships."""
    return redirect(url_for("people.detail", person_id=person_id, _anchor="dates-and-relationships"))


def _flash_errors(form) -> None:
    """Say what was wrong with an inline form on the person page."""
    messages = [m for name, errors in form.errors.items() for m in errors] + list(form.form_errors)
    flash("Not saved: " + " ".join(messages or ["check the form."]), "error")


def _add_to(person_id: int, form, add) -> object:
    """Run an inline "add" form of the person page (``add(session, person_id, fields, owner=...)``), then go back."""
    person = get_person(request_session(), person_id, owner=current_owner())
    bind_people_pickers(form)
    if submit(form, lambda session: add(session, person.id, form.to_fields(), owner=current_owner())) is FAILED:
        _flash_errors(form)
    return _panel_of(person.id)


def _confirm_delete(title: str, person_id: int, delete, done: str):
    """Ask on the confirmation page, then run ``delete(session)`` and go back to the person."""
    form = ConfirmForm()
    if submit(form, delete) is not FAILED:
        flash(done, "success")
        return _panel_of(person_id)
    return render_template("confirm_delete.html", form=form, title=title, message="The people stay.",
                           cancel_url=url_for("people.detail", person_id=person_id))


@bp.post("/<int:person_id>/dates")
def add_date(person_id: int):
    """Add an important date to a person."""
    return _add_to(person_id, ImportantDateForm(prefix=DATE_PREFIX), add_important_date)


@bp.route("/dates/<int:date_id>/edit", methods=["GET", "POST"])
def edit_date(date_id: int):
    """Change an important date."""
    important = get_important_date(request_session(), date_id, owner=current_owner())
    form = ImportantDateForm(obj=important)
    if submit(form, lambda session: update_important_date(session, important.id, form.to_fields(),
                                                          owner=current_owner())) is not FAILED:
        flash("Date saved.", "success")
        return _panel_of(important.person_id)
    return render_template("people/date_form.html", form=form, important=important)


@bp.route("/dates/<int:date_id>/delete", methods=["GET", "POST"])
def delete_date(date_id: int):
    """Ask, then delete an important date."""
    important = get_important_date(request_session(), date_id, owner=current_owner())
    return _confirm_delete(f"Delete {important.title.lower()} of {important.person.display_name}?",
                           important.person_id, lambda session: delete_important_date(
                               session, important.id, owner=current_owner()), "Date deleted.")


@bp.post("/<int:person_id>/relationships")
def add_relation(person_id: int):
    """Record how a person relates to another of your people."""
    return _add_to(person_id, RelationshipForm(prefix=RELATION_PREFIX), add_relationship)


@bp.route("/relationships/<int:relation_id>/delete", methods=["GET", "POST"])
def delete_relation(relation_id: int):
    """Ask, then delete a relationship (both people stay)."""
    relation = get_relationship(request_session(), relation_id, owner=current_owner())
    title = f"Delete “{relation.person.display_name} {relation.phrase} {relation.other.display_name}”?"
    return _confirm_delete(title, relation.person_id, lambda session: delete_relationship(
        session, relation.id, owner=current_owner()), "Relationship deleted.")


@bp.route("/<int:person_id>/introducer/delete", methods=["GET", "POST"])
def delete_introducer(person_id: int):
    """Ask, then forget who introduced a person."""
    person = get_person(request_session(), person_id, owner=current_owner())
    who = person.introduced_by.display_name if person.introduced_by else "anyone"
    return _confirm_delete(f"Forget that {who} introduced {person.display_name}?", person.id,
                           lambda session: clear_introducer(session, person.id, owner=current_owner()),
                           "Introducer removed.")


def details_panel_context(session, person, *, owner) -> dict:
    """What templates/people/_details.html needs on a person's page."""
    return {"important_dates": important_dates_of(session, person.id, owner=owner, today=local_today(owner)),
            "relationships": relationships_of(session, person.id, owner=owner),
            "date_form": ImportantDateForm(formdata=None, prefix=DATE_PREFIX),
            "relation_form": RelationshipForm(formdata=None, prefix=RELATION_PREFIX)}
