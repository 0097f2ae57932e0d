"""Possible duplicates: the list of likely pairs, comparing two people, merging them, and "Merge with…"."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from netevents.db import request_session
from netevents.errors import Conflict
from netevents.forms.confirm import ConfirmForm
from netevents.forms.duplicates import PersonSearchForm
from netevents.services.avatars import discard_photos
from netevents.services.duplicate_store import pending_count
from netevents.services import duplicates as kept_pairs
from netevents.services.duplicates import (dismiss_duplicate, duplicate_page, find_duplicate_candidates,
                                           find_people_by_name)
from netevents.services.merge import merge_people, merge_preview
from netevents.services.people import get_person

bp = Blueprint("duplicates", __name__, url_prefix="/people")


def _page() -> int:
    """The requested page number (1 for anything that is not a positive number)."""
    return max(1, request.args.get("page", 1, type=int))


@bp.get("/duplicates")
def index():
    """List likely duplicate pairs, most likely first, a page at a time."""
    session = request_session()
    found = duplicate_page(session, owner=current_user, page=_page(), per_page=int(current_app.config["PAGE_SIZE"]))
    return render_template("duplicates/index.html", page=found, form=ConfirmForm(),
                           counted_up_to=kept_pairs.MAX_COUNTED, pending=pending_count(session, owner=current_user))


@bp.post("/duplicates/<int:first_id>/<int:second_id>/dismiss")
def dismiss(first_id: int, second_id: int):
    """Mark a pair as two different people, so it is not suggested again."""
    session = request_session()
    if ConfirmForm().validate_on_submit():
        dismiss_duplicate(session, first_id, second_id, owner=current_user)
        session.commit()
        flash("Noted: they will not be suggested as duplicates again.", "success")
    return redirect(url_for(".index", page=_page()))


@bp.route("/merge/<int:survivor_id>/<int:merged_id>", methods=["GET", "POST"])
def compare(survivor_id: int, merged_id: int):
    """Compare two people and preview their merge; on POST merge them and go to the survivor."""
    session, form = request_session(), ConfirmForm()
    if form.validate_on_submit():
        photos = [get_person(session, person_id, owner=current_user).photo for person_id in (survivor_id, merged_id)]
        try:
            survivor = merge_people(session, survivor_id, merged_id, owner=current_user)
            session.commit()
        except Conflict as error:
            session.rollback()
            form.form_errors.append(error.message)
        else:
            discard_photos(session, photos, owner=current_user, data_dir=current_app.config["DATA_DIR"])
            flash(f"Merged the two records into {survivor.display_name}.", "success")
            return redirect(url_for("people.detail", person_id=survivor.id))
    preview = merge_preview(session, survivor_id, merged_id, owner=current_user)
    return render_template("duplicates/compare.html", preview=preview, form=form)


@bp.get("/<int:person_id>/merge")
def pick(person_id: int):
    """Choose whom to merge a person with: their likely duplicates, or anyone found by name."""
    session, form = request_session(), PersonSearchForm(request.args)
    person = get_person(session, person_id, owner=current_user)
    likely = find_duplicate_candidates(session, owner=current_user, person_id=person.id, limit=10)
    query = form.q.data if form.validate() and form.q.data else ""
    found = find_people_by_name(session, query, owner=current_user, exclude_id=person.id) if query else []
    others = [c.second if c.first.id == person.id else c.first for c in likely]
    return render_template("duplicates/pick.html", person=person, likely=zip(likely, others), found=found,
                           form=form, query=query)
