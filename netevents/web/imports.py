"""The Import page: pick a format a plugin registers, upload, preview, then import all or nothing."""
from __future__ import annotations

import base64
import binascii

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from netevents.db import request_session
from netevents.errors import DomainError, Invalid
from netevents.forms.imports import ImportForm
from netevents.services.imports import available_importers, preview_import, run_import
from netevents.web.forms_helpers import attach_errors

bp = Blueprint("imports", __name__, url_prefix="/import")


def _form(session) -> ImportForm:
    """The import form with the registered formats as choices."""
    form = ImportForm()
    form.importer.choices = [(importer.name, importer.label) for importer in available_importers(session)]
    return form


@bp.route("", methods=["GET", "POST"])
def index():
    """Preview an upload (with a file) or import a previewed one (with its data)."""
    session = request_session()
    form = _form(session)
    if not form.validate_on_submit():
        return render_template("imports/index.html", form=form, preview=None)
    try:
        data = _uploaded_bytes(form)
        if form.file.data:
            preview = preview_import(session, form.importer.data, data, owner=current_user)
            encoded = base64.b64encode(data).decode("ascii")
            return render_template("imports/index.html", form=form, preview=preview, encoded=encoded)
        people = run_import(session, form.importer.data, data, owner=current_user)
        session.commit()
    except DomainError as error:
        session.rollback()
        attach_errors(form, error)
        return render_template("imports/index.html", form=form, preview=None), error.status
    flash(f"Imported {len(people)} {'person' if len(people) == 1 else 'people'}.", "success")
    return redirect(url_for("imports.index"))


def _uploaded_bytes(form: ImportForm) -> bytes:
    """The uploaded file's bytes, or the previewed file sent back; Invalid when there is neither."""
    if form.file.data:
        return form.file.data.read()
    try:
        data = base64.b64decode(form.data.data or "", validate=True)
    except (binascii.Error, ValueError):
        data = b""
    if not data:
        raise Invalid("Choose a file to import.", file="Choose a file.")
    return data
