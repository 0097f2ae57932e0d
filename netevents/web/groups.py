"""Groups pages: the list, a group with its members, creating, editing and deleting groups."""
from __future__ import annotations

from itertools import groupby

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from netevents.db import request_session
from netevents.forms.groups import ConfirmForm, GroupForm
from netevents.models.people import OrganizationKind
from netevents.services.clock import local_today
from netevents.services.groups import (GroupFields, create_group, delete_group, get_group, list_groups,
                                       my_membership, organization_names, page_of_members, role_count,
                                       update_group)
from netevents.web.form_actions import FAILED, current_owner, fields_from, submit

bp = Blueprint("groups", __name__, url_prefix="/groups")
SUGGESTED_ORGANIZATION_KINDS = [OrganizationKind.employer, OrganizationKind.association,
                                OrganizationKind.company, OrganizationKind.other]


@bp.route("/")
def index():
    """All my groups, by kind, current ones first."""
    summaries = list_groups(request_session(), owner=current_owner())
    sections = [(kind, list(items)) for kind, items in groupby(summaries, key=lambda s: s.group.kind)]
    return render_template("groups/index.html", sections=sections)


@bp.route("/<int:group_id>")
def detail(group_id: int):
    """A group: what it is, my role, its members with their roles, past members."""
    session = request_session()
    group = get_group(session, group_id, owner=current_owner())
    owner, today = current_owner(), local_today(current_owner())
    members = page_of_members(session, group.id, owner=owner, today=today, page=request.args.get("page", 1, type=int),
                              per_page=current_app.config["PAGE_SIZE"])
    me = my_membership(session, group.id, owner=owner, today=today)
    return render_template("groups/detail.html", group=group, me=me, members=members, today=today,
                           confirm=ConfirmForm())


def _render_form(form: GroupForm, group=None):
    """Show the group form with organization suggestions."""
    names = organization_names(request_session(), owner=current_owner(), kinds=SUGGESTED_ORGANIZATION_KINDS)
    return render_template("groups/form.html", form=form, group=group, organization_names=names)


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Create a group."""
    form = GroupForm()
    group = submit(form, lambda session: create_group(session, fields_from(form, GroupFields), owner=current_owner()))
    if group is not FAILED:
        flash(f"{group.name} added. Now add your role and the other members.", "success")
        return redirect(url_for(".detail", group_id=group.id))
    return _render_form(form)


@bp.route("/<int:group_id>/edit", methods=["GET", "POST"])
def edit(group_id: int):
    """Change a group's details."""
    group = get_group(request_session(), group_id, owner=current_owner())
    form = GroupForm(obj=group, kind=group.kind.value,
                     organization_name=group.organization.name if group.organization else "")
    saved = submit(form, lambda session: update_group(session, group.id, fields_from(form, GroupFields),
                                                      owner=current_owner()))
    if saved is not FAILED:
        flash("Saved.", "success")
        return redirect(url_for(".detail", group_id=group.id))
    return _render_form(form, group)


@bp.route("/<int:group_id>/delete", methods=["GET", "POST"])
def delete(group_id: int):
    """Ask, then delete a group with all its roles."""
    group = get_group(request_session(), group_id, owner=current_owner())
    form = ConfirmForm()
    name = group.name
    if submit(form, lambda session: delete_group(session, group.id, owner=current_owner())) is not FAILED:
        flash(f"{name} deleted.", "success")
        return redirect(url_for(".index"))
    roles = role_count(request_session(), group.id, owner=current_owner())
    return render_template("confirm_delete.html", form=form, group=group, title=f"Delete {name}?",
                           message=f"This also deletes the {roles:,} roles recorded in it.",
                           cancel_url=url_for(".detail", group_id=group.id))
