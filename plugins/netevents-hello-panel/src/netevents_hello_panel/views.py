"""Pinning and unpinning from the dashboard panel (login required: netevents' default)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for

from netevents.plugins.api import DomainError, current_owner, request_session
from netevents_hello_panel import notes
from netevents_hello_panel.forms import NoteForm

bp = Blueprint("hello_panel", __name__)


@bp.route("/notes", methods=["POST"])
def pin():
    """Pin the submitted note, or say what is wrong with it."""
    session = request_session()
    form = NoteForm()
    try:
        if not form.validate_on_submit():
            raise DomainError(" ".join(form.text.errors) or "Write something to pin.")
        notes.pin_note(session, form.text.data, owner=current_owner())
        session.commit()
    except DomainError as error:
        session.rollback()
        flash(error.message, "error")
    else:
        flash("Pinned.", "success")
    return redirect(url_for("home.index"))


@bp.route("/notes/<int:note_id>/delete", methods=["POST"])
def unpin(note_id: int):
    """Unpin one of your notes (404 for anyone else's)."""
    session = request_session()
    notes.unpin_note(session, note_id, owner=current_owner())
    session.commit()
    return redirect(url_for("home.index"))
