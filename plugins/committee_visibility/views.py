"""The plugin's pages and form posts (login required: netevents' default); each view binds, calls, commits."""
from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, redirect, render_template, request, url_for
from netevents_plugins.committee_visibility import leaders, moments, panels, suggestions
from netevents_plugins.committee_visibility.forms import ActionForm, LeaderForm, MomentForm
from netevents_plugins.committee_visibility.talking_points import talking_points_for_group, talking_points_for_leader

from netevents.plugins.api import (
    Conflict,
    Invalid,
    current_owner,
    get_group,
    get_person,
    local_today,
    request_session,
    safe_next,
)

bp = Blueprint("committee_visibility", __name__, template_folder="templates")


def _post(form, action: Callable, done: str, default: str):
    """Validate ``form``, run ``action(session)``, commit and flash ``done``; else flash what is wrong. Redirect."""
    session = request_session()
    if not form.validate_on_submit():
        errors = [f"{form[name].label.text}: {' '.join(messages)}" for name, messages in form.errors.items()
                  if name in form]
        flash(" ".join(errors) or "The form expired; please try again.", "error")
        return redirect(safe_next(default))
    try:
        action(session)
        session.commit()
    except (Invalid, Conflict) as error:
        session.rollback()
        flash(" ".join([error.message, *error.field_errors.values()]), "error")
    else:
        flash(done, "success")
    return redirect(safe_next(default))


@bp.route("/")
def overview():
    """Your visibility: leaders, gaps, talking points and the form to log a moment."""
    context = panels.dashboard_context(request_session(), current_owner(), url_for(".overview"), shown=500)
    return render_template("committee_visibility/overview.html", **context)


@bp.route("/moments", methods=["POST"])
def log_moment():
    """Log a visibility moment from any of the panels' forms."""
    form = MomentForm()

    def action(session):
        fields = moments.MomentFields(occurred_on=form.occurred_on.data, kind=form.kind.data, what=form.what.data,
                                      details=form.details.data or "", event_id=form.event_id.data,
                                      group_id=form.group_id.data, present=form.present.data or [],
                                      told=form.told.data or [])
        moments.log_moment(session, fields, owner=current_owner())
    return _post(form, action, "Visibility moment logged.", url_for(".overview"))


@bp.route("/moments/<int:moment_id>/delete", methods=["POST"])
def delete_moment(moment_id: int):
    """Delete one of your moments (404 for anyone else's)."""
    return _post(ActionForm(), lambda s: moments.delete_moment(s, moment_id, owner=current_owner()),
                 "Moment deleted.", url_for(".overview"))


@bp.route("/people/<int:person_id>")
def leader(person_id: int):
    """What a leader knows of your work, and what to tell them next."""
    session, owner = request_session(), current_owner()
    person = get_person(session, person_id, owner=owner)
    context = panels.leader_context(session, owner, person, url_for(".leader", person_id=person.id), limit=50)
    return render_template("committee_visibility/leader.html", **context)


@bp.route("/people/<int:person_id>/leader", methods=["POST"])
def mark_leader(person_id: int):
    """Mark one of your people as a leader, or change their level."""
    form, owner = LeaderForm(), current_owner()
    get_person(request_session(), person_id, owner=owner)  # another account's person: 404 before any form check
    return _post(form, lambda s: leaders.mark_leader(s, person_id, form.level.data, form.organization.data,
                                                     owner=owner, today=local_today(owner)),
                 "Marked as a leader.", url_for(".leader", person_id=person_id))


@bp.route("/people/<int:person_id>/leader/delete", methods=["POST"])
def unmark_leader(person_id: int):
    """Stop treating a person as a leader (what they saw stays)."""
    return _post(ActionForm(), lambda s: leaders.unmark_leader(s, person_id, owner=current_owner()),
                 "No longer marked as a leader.", url_for(".overview"))


@bp.route("/people/<int:person_id>/followup", methods=["POST"])
def plan_followup(person_id: int):
    """Turn a leader's visibility gap into a follow-up."""
    owner = current_owner()
    return _post(ActionForm(), lambda s: suggestions.plan_visibility_followup(s, person_id, owner=owner,
                                                                              today=local_today(owner)),
                 "Follow-up planned for today.", url_for(".overview"))


@bp.route("/people/<int:person_id>/talking-points")
def leader_talking_points(person_id: int):
    """Printable: your accomplishments this person has not seen yet, newest first."""
    session, owner = request_session(), current_owner()
    person = get_person(session, person_id, owner=owner)
    points = talking_points_for_leader(session, person.id, owner=owner, limit=100)
    return render_template("committee_visibility/talking_points.html", title=f"Talking points for "
                           f"{person.display_name}", audience=[person], points=points, today=local_today(owner))


@bp.route("/groups/<int:group_id>")
def group(group_id: int):
    """Your contributions and roles in a group over time."""
    session, owner = request_session(), current_owner()
    found = get_group(session, group_id, owner=owner)
    context = panels.group_context(session, owner, found, url_for(".group", group_id=found.id), limit=50)
    return render_template("committee_visibility/group.html", **context)


@bp.route("/groups/<int:group_id>/internal", methods=["POST"])
def set_internal(group_id: int):
    """Mark a group as internal to your employer (internal=1) or not (internal=0)."""
    owner, internal = current_owner(), request.form.get("internal") == "1"
    return _post(ActionForm(), lambda s: leaders.set_group_internal(s, group_id, internal, owner=owner,
                                                                    today=local_today(owner)),
                 "Marked as internal." if internal else "No longer marked as internal.",
                 url_for(".group", group_id=group_id))


@bp.route("/talking-points")
def meeting_talking_points():
    """From an event's page: the talking points for the group chosen (``?group_id=``) as a coming meeting."""
    group_id = request.args.get("group_id", type=int)
    if group_id is None:
        flash("Choose the group that meets.", "error")
        return redirect(safe_next(url_for(".overview")))
    return redirect(url_for(".group_talking_points", group_id=group_id))


@bp.route("/groups/<int:group_id>/talking-points")
def group_talking_points(group_id: int):
    """Printable: for a group's next meeting, your accomplishments its leaders have not all seen."""
    session, owner = request_session(), current_owner()
    found = get_group(session, group_id, owner=owner)
    expected, points = talking_points_for_group(session, found.id, owner=owner, today=local_today(owner),
                                                limit=100)
    return render_template("committee_visibility/talking_points.html", title=f"Talking points for {found.name}",
                           audience=expected, points=points, group=found, today=local_today(owner))
