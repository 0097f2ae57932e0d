"""Person photos: upload one, go back to initials, and serve it (to the owner only, never cached publicly)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_wtf import FlaskForm
from flask_wtf.file import FileField

from netevents.db import request_session
from netevents.forms.confirm import ConfirmForm
from netevents.photos import MAX_PHOTO_BYTES
from netevents.services.avatars import discard_photos, photo_file, remove_photo, upload_photo
from netevents.services.people import get_person
from netevents.web.form_actions import FAILED, current_owner, submit

bp = Blueprint("avatars", __name__, url_prefix="/people")
UPLOAD_SLACK = 64 * 1024  # the multipart envelope around the file


class PhotoForm(FlaskForm):
    """One picture file."""

    photo = FileField("Photo")


def _data_dir() -> str:
    """The data folder photos are kept in."""
    return current_app.config["DATA_DIR"]


@bp.post("/<int:person_id>/photo")
def upload(person_id: int):
    """Store a new photo for a person (checked, resized and stripped of metadata), replacing any old one."""
    request.max_content_length = MAX_PHOTO_BYTES + UPLOAD_SLACK  # larger uploads get the 413 page, unread
    session, owner = request_session(), current_owner()
    person = get_person(session, person_id, owner=owner)
    form = PhotoForm()
    data = form.photo.data.read() if form.photo.data else b""
    replaced = submit(form, lambda s: upload_photo(s, person.id, data, owner=owner, data_dir=_data_dir()))
    if replaced is FAILED:
        flash("Photo not saved: " + " ".join(form.photo.errors + form.form_errors), "error")
    else:
        discard_photos(session, [replaced], owner=owner, data_dir=_data_dir())
        flash("Photo saved.", "success")
    return redirect(url_for("people.detail", person_id=person.id))


@bp.route("/<int:person_id>/photo/delete", methods=["GET", "POST"])
def delete(person_id: int):
    """Ask, then remove a person's photo (their initials are shown again)."""
    session, owner = request_session(), current_owner()
    person = get_person(session, person_id, owner=owner)
    form = ConfirmForm()
    removed = submit(form, lambda s: remove_photo(s, person.id, owner=owner))
    if removed is not FAILED:
        discard_photos(session, [removed], owner=owner, data_dir=_data_dir())
        flash("Photo removed.", "success")
        return redirect(url_for("people.detail", person_id=person.id))
    return render_template("confirm_delete.html", form=form, title=f"Remove the photo of {person.display_name}?",
                           message="Their initials are shown instead.",
                           cancel_url=url_for("people.detail", person_id=person.id))


@bp.get("/<int:person_id>/photo")
def photo(person_id: int):
    """The person's photo, for the logged-in owner only."""
    path = photo_file(request_session(), person_id, owner=current_owner(), data_dir=_data_dir())
    if path is None:
        abort(404)
    response = send_file(path, mimetype="image/jpeg", max_age=86_400, conditional=True)
    response.cache_control.private = True  # never stored by a shared cache
    return response
