"""People pages: the sorted list, search, type-ahead, detail, create, edit and delete."""
from __future__ import annotations

from datetime import datetime

import phonenumbers
from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from netevents.dates import day_label
from netevents.db import request_session
from netevents.forms.confirm import ConfirmForm
from netevents.forms.people import PersonForm, person_form_data
from netevents.services import clock
from netevents.services.avatars import discard_photos
from netevents.services.people import create_person, delete_person, get_person, update_person
from netevents.services.person_matching import possible_duplicates
from netevents.services.people_lists import PERSON_SORTS, list_people, tag_names
from netevents.web.person_page import person_page_context
from netevents.services.search import search_people, search_people_rows
from netevents.web.people_picker import bind_people_pickers
from netevents.web.saving import save

bp = Blueprint("people", __name__, url_prefix="/people")
SUGGESTIONS = 10


def _page_size() -> int:
    """The configured number of rows per page."""
    return int(current_app.config["PAGE_SIZE"])


def default_phone_region() -> str:
    """Guess the country of local phone numbers from the browser's languages (en-GB -> GB)."""
    for language in request.accept_languages.values():
        region = language.replace("_", "-").partition("-")[2].upper()
        if region in phonenumbers.SUPPORTED_REGIONS:
            return region
    return ""


@bp.app_template_filter("local_date")
def local_date(moment: datetime | None) -> str:
    """Show a stored UTC time as a date in the user's time zone (SQLite returns it without a zone)."""
    return day_label(clock.local_date(moment, current_user), weekday=False) if moment is not None else ""


@bp.get("/")
def index():
    """List the user's people, one page at a time, in the chosen order."""
    sort = request.args.get("sort", "name")
    page = list_people(request_session(), owner=current_user, sort=sort,
                       page=request.args.get("page", 1, type=int), per_page=_page_size())
    return render_template("people/index.html", page=page, sort=sort if sort in PERSON_SORTS else "name",
                           sorts=PERSON_SORTS)


@bp.get("/search")
def search():
    """Search the user's people by name, email, organization, tags and notes."""
    query = request.args.get("q", "")[:200]
    page_number = max(1, request.args.get("page", 1, type=int))
    results = search_people_rows(request_session(), query, owner=current_user, limit=_page_size(),
                                 offset=(page_number - 1) * _page_size())
    return render_template("people/search.html", results=results, query=query, page_number=page_number)


def _suggestion_labels(hits) -> list[str]:
    """Label each hit by name, adding the organization, email or id where names repeat."""
    names = [hit.person.display_name for hit in hits]
    labels = []
    for hit, name in zip(hits, names):
        extra = hit.person.organization.name if hit.person.organization else hit.email or f"#{hit.person.id}"
        labels.append(f"{name} ({extra})" if names.count(name) > 1 else name)
    if len(set(labels)) < len(labels):
        labels = [f"{hit.person.display_name} (#{hit.person.id})" for hit in hits]
    return labels


@bp.get("/suggest")
def suggest():
    """Type-ahead: the user's people matching ``q``, as JSON."""
    hits = search_people(request_session(), request.args.get("q", "")[:200], owner=current_user,
                         limit=SUGGESTIONS).hits
    return jsonify(results=[
        {"id": hit.person.id, "label": label, "name": hit.person.display_name, "email": hit.email,
         "organization": hit.person.organization.name if hit.person.organization else None,
         "url": url_for(".detail", person_id=hit.person.id)}
        for hit, label in zip(hits, _suggestion_labels(hits))])


def _form_page(form: PersonForm, person=None, matches=()):
    """Render the person form with its suggestion lists (and the people it may duplicate)."""
    return render_template("people/form.html", form=form, person=person, matches=matches,
                           tag_names=tag_names(request_session(), owner=current_user))


@bp.route("/new", methods=["GET", "POST"])
def create():
    """Add a person; when they may already be among your people, say who first and ask."""
    form = PersonForm()
    if not form.is_submitted():
        form.phone_region.data = default_phone_region()
        form.organization.data = request.args.get("organization", "")[:200]
    bind_people_pickers(form)
    if form.validate_on_submit():
        fields = form.to_fields()
        matches = [] if form.confirm_new.data else possible_duplicates(request_session(), fields, owner=current_user)
        person = None if matches else save(form, lambda: create_person(request_session(), fields, owner=current_user))
        if person is not None:
            flash(f"Added {person.display_name}.", "success")
            return redirect(url_for(".detail", person_id=person.id))
        return _form_page(form, matches=matches)
    return _form_page(form)


@bp.get("/<int:person_id>")
def detail(person_id: int):
    """Show everything about a person."""
    session = request_session()
    person = get_person(session, person_id, owner=current_user)
    return render_template("people/detail.html", person=person,
                           **person_page_context(session, person, owner=current_user))


@bp.route("/<int:person_id>/edit", methods=["GET", "POST"])
def edit(person_id: int):
    """Change a person's details."""
    person = get_person(request_session(), person_id, owner=current_user)
    form = PersonForm(data=None if request.method == "POST" else person_form_data(person))
    if not form.is_submitted():
        form.phone_region.data = default_phone_region()
    bind_people_pickers(form)
    if form.validate_on_submit():
        if save(form, lambda: update_person(request_session(), person.id, form.to_fields(), owner=current_user)):
            flash(f"Saved {person.display_name}.", "success")
            return redirect(url_for(".detail", person_id=person.id))
    return _form_page(form, person)


@bp.route("/<int:person_id>/delete", methods=["GET", "POST"])
def delete(person_id: int):
    """Ask for confirmation, then delete a person (only on POST)."""
    session = request_session()
    person = get_person(session, person_id, owner=current_user)
    form = ConfirmForm()
    if form.validate_on_submit():
        name, photo = person.display_name, person.photo
        delete_person(session, person.id, owner=current_user)
        session.commit()
        discard_photos(session, [photo], owner=current_user, data_dir=current_app.config["DATA_DIR"])
        flash(f"Deleted {name}.", "success")
        return redirect(url_for(".index"))
    return render_template("people/delete.html", person=person, form=form)

