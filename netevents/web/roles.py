"""Role pages: adding, editing, ending and deleting roles in a group, and the "My roles" timeline."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from netevents.dates import day_label
from netevents.db import request_session
from netevents.forms.groups import ConfirmForm, EndRoleForm, RoleForm
from netevents.services.clock import local_today
from netevents.services.groups import get_group
from netevents.services.roles import (ROLE_TITLE_SUGGESTIONS, RoleFields, add_role, delete_role, end_role,
                                      get_role, my_roles_timeline, other_current_roles, update_role)
from netevents.web.form_actions import FAILED, current_owner, fields_from, submit
from netevents.web.people_picker import bind_people_pickers
from netevents.web.timeline_chart import timeline_chart

bp = Blueprint("roles", __name__, url_prefix="/groups")


def _render_form(form: RoleForm, group, role=None, for_member: bool = False):
    """Show the role form with suggestions for titles."""
    return render_template("groups/role_form.html", form=form, group=group, role=role, for_member=for_member,
                           titles=ROLE_TITLE_SUGGESTIONS)


@bp.route("/<int:group_id>/roles/new", methods=["GET", "POST"])
def new(group_id: int):
    """Add my role (person left blank) or a member's role to a group."""
    group = get_group(request_session(), group_id, owner=current_owner())
    form = RoleForm(started_on=group.started_on if group.started_on else None)
    bind_people_pickers(form)
    for_member = request.args.get("member") == "1"
    role = submit(form, lambda session: add_role(
        session, group.id, fields_from(form, RoleFields, for_member=for_member), owner=current_owner()))
    if role is not FAILED:
        whose = f"{role.person.display_name}’s" if role.person else "Your"
        flash(f"{whose} role added: {role.title}.", "success")
        _warn_of_other_roles(role)
        return redirect(url_for("groups.detail", group_id=group.id))
    return _render_form(form, group, for_member=for_member)


def _warn_of_other_roles(role) -> None:
    """Say so when the holder now holds several roles in the group at once (often a slip)."""
    others = other_current_roles(request_session(), role, owner=current_owner(), today=local_today(current_owner()))
    if others:
        who = f"{role.person.display_name} also holds" if role.person else "You also hold"
        titles = ", ".join(other.title for other in others)
        flash(f"{who} {titles} in {role.group.name}. End that role if it is over.", "warning")


@bp.route("/roles/<int:role_id>/edit", methods=["GET", "POST"])
def edit(role_id: int):
    """Change a role: holder, title, dates, notes."""
    session = request_session()
    role = get_role(session, role_id, owner=current_owner())
    form = RoleForm(obj=role)
    bind_people_pickers(form)
    saved = submit(form, lambda session: update_role(session, role.id, fields_from(
        form, RoleFields, for_member=not role.is_mine), owner=current_owner()))
    if saved is not FAILED:
        flash("Role saved.", "success")
        return redirect(url_for("groups.detail", group_id=saved.group_id))
    return _render_form(form, role.group, role, for_member=not role.is_mine)


@bp.route("/roles/<int:role_id>/end", methods=["GET", "POST"])
def end(role_id: int):
    """Record the day a role ended (today by default)."""
    role = get_role(request_session(), role_id, owner=current_owner())
    form = EndRoleForm(ended_on=role.ended_on or local_today(current_owner()))
    saved = submit(form, lambda session: end_role(session, role.id, form.ended_on.data, owner=current_owner()))
    if saved is not FAILED:
        flash(f"Role ended on {day_label(saved.ended_on)}.", "success")
        return redirect(url_for("groups.detail", group_id=saved.group_id))
    return render_template("groups/role_end.html", form=form, role=role)


@bp.route("/roles/<int:role_id>/delete", methods=["GET", "POST"])
def delete(role_id: int):
    """Ask, then delete a role (to record that it ended, end it instead)."""
    role = get_role(request_session(), role_id, owner=current_owner())
    form, group_id = ConfirmForm(), role.group_id
    holder = role.person.display_name if role.person else "your"
    what = f"{holder} role “{role.title}” in {role.group.name}"
    if submit(form, lambda session: delete_role(session, role.id, owner=current_owner())) is not FAILED:
        flash("Role deleted.", "success")
        return redirect(url_for("groups.detail", group_id=group_id))
    return render_template("confirm_delete.html", form=form, title=f"Delete {what}?",
                           message="To keep it in the history, end the role instead of deleting it.",
                           cancel_url=url_for("groups.detail", group_id=group_id))


@bp.route("/my-roles")
def timeline():
    """My roles across all groups and associations: a Gantt-style chart and the list below it."""
    today = local_today(current_owner())
    entries = my_roles_timeline(request_session(), owner=current_owner(), today=today)
    return render_template("groups/timeline.html", entries=entries, chart=timeline_chart(entries, today),
                           today=today)
