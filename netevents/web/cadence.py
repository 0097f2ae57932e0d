"""Stay-in-touch pages: people fading past their cadence, tag cadence defaults, a person's own cadence."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from netevents.db import request_session
from netevents.forms.followups import CadenceForm
from netevents.services.cadence import (effective_cadence, fading_page, get_tag, set_person_cadence,
                                        set_tag_cadence, tags_with_counts)
from netevents.services.clock import local_today
from netevents.services.people import get_person
from netevents.web.form_actions import FAILED, current_owner, safe_next, submit

bp = Blueprint("cadence", __name__)


@bp.get("/fading")
def fading():
    """People past their stay-in-touch cadence, the most overdue first."""
    owner = current_owner()
    page = fading_page(request_session(), owner=owner, today=local_today(owner),
                       page=request.args.get("page", 1, type=int), per_page=int(current_app.config["PAGE_SIZE"]))
    return render_template("cadence/fading.html", page=page)


@bp.get("/cadences")
def tags():
    """Every tag with its default cadence, each editable."""
    rows = tags_with_counts(request_session(), owner=current_owner())
    forms = {tag.id: CadenceForm(formdata=None, cadence_days=tag.cadence_days, prefix=f"tag{tag.id}")
             for tag, _count in rows}
    return render_template("cadence/tags.html", rows=rows, forms=forms)


@bp.route("/cadences/tags/<int:tag_id>", methods=["GET", "POST"])
def edit_tag(tag_id: int):
    """Set or clear one tag's default cadence."""
    session, owner = request_session(), current_owner()
    tag = get_tag(session, tag_id, owner=owner)
    form = CadenceForm(obj=tag, prefix=f"tag{tag.id}")
    saved = submit(form, lambda _session: set_tag_cadence(session, tag.id, form.cadence_days.data, owner=owner))
    if saved is not FAILED:
        flash(f"Cadence for “{tag.name}” saved.", "success")
        return redirect(url_for(".tags"))
    return render_template("cadence/tag.html", form=form, tag=tag)


@bp.route("/cadences/people/<int:person_id>", methods=["GET", "POST"])
def person(person_id: int):
    """Set or clear a person's own cadence (empty falls back to their tags' defaults)."""
    session, owner = request_session(), current_owner()
    someone = get_person(session, person_id, owner=owner)
    form = CadenceForm(obj=someone)
    if request.method == "GET":
        form.next.data = safe_next("")
    saved = submit(form, lambda _session: set_person_cadence(session, someone.id, form.cadence_days.data,
                                                             owner=owner))
    if saved is not FAILED:
        flash(f"Stay-in-touch cadence for {someone.display_name} saved.", "success")
        return redirect(safe_next(url_for("cadence.fading")))
    return render_template("cadence/person.html", form=form, person=someone, cadence=effective_cadence(someone))
