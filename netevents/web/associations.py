"""Associations pages: my memberships, renewals and dues, and my volunteer positions."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for

from netevents.dates import day_label
from netevents.db import request_session
from netevents.forms.groups import ConfirmForm, MembershipForm, VolunteerForm
from netevents.models.people import OrganizationKind
from netevents.services.associations import (MembershipFields, VolunteerFields, add_volunteer_position,
                                             create_membership, delete_membership, get_membership,
                                             list_memberships, mark_renewed, update_membership,
                                             upcoming_renewals)
from netevents.services.clock import local_today
from netevents.services.groups import organization_names
from netevents.services.roles import ROLE_TITLE_SUGGESTIONS
from netevents.web.form_actions import FAILED, current_owner, fields_from, submit

bp = Blueprint("associations", __name__, url_prefix="/associations")
RENEWAL_NOTICE_DAYS = 60


@bp.route("/")
def index():
    """My memberships (running first) with renewals due soon and volunteer positions."""
    session = request_session()
    today = local_today(current_owner())
    return render_template("associations/index.html", today=today, confirm=ConfirmForm(),
                           memberships=list_memberships(session, owner=current_owner(), today=today),
                           renewals=upcoming_renewals(session, owner=current_owner(), today=today,
                                                      within_days=RENEWAL_NOTICE_DAYS))


def _render_form(form: MembershipForm, membership=None):
    """Show the membership form with association suggestions."""
    names = organization_names(request_session(), owner=current_owner(), kinds=[OrganizationKind.association])
    return render_template("associations/form.html", form=form, membership=membership, organization_names=names)


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Record a membership of a professional association."""
    form = MembershipForm()
    saved = submit(form, lambda session: create_membership(session, fields_from(form, MembershipFields),
                                                           owner=current_owner()))
    if saved is not FAILED:
        flash(f"Membership of {saved.organization.name} added.", "success")
        return redirect(url_for(".index"))
    return _render_form(form)


@bp.route("/<int:membership_id>/edit", methods=["GET", "POST"])
def edit(membership_id: int):
    """Change a membership's dates, dues and details."""
    membership = get_membership(request_session(), membership_id, owner=current_owner())
    form = MembershipForm(obj=membership, organization_name=membership.organization.name,
                          dues_period=membership.dues_period.value)
    saved = submit(form, lambda session: update_membership(session, membership.id,
                                                           fields_from(form, MembershipFields), owner=current_owner()))
    if saved is not FAILED:
        flash("Membership saved.", "success")
        return redirect(url_for(".index"))
    return _render_form(form, membership)


@bp.route("/<int:membership_id>/renewed", methods=["POST"])
def renewed(membership_id: int):
    """Mark a membership renewed: the next renewal moves on by one dues period."""
    membership = get_membership(request_session(), membership_id, owner=current_owner())
    if submit(ConfirmForm(), lambda session: mark_renewed(session, membership.id, owner=current_owner())) is not FAILED:
        flash(f"Renewed: next renewal on {day_label(membership.renewal_on)}.", "success")
    return redirect(url_for(".index"))


@bp.route("/<int:membership_id>/delete", methods=["GET", "POST"])
def delete(membership_id: int):
    """Ask, then delete a membership (volunteer positions stay in the association's committees)."""
    membership = get_membership(request_session(), membership_id, owner=current_owner())
    form, name = ConfirmForm(), membership.organization.name
    if submit(form, lambda session: delete_membership(session, membership.id, owner=current_owner())) is not FAILED:
        flash(f"Membership of {name} deleted.", "success")
        return redirect(url_for(".index"))
    return render_template("confirm_delete.html", form=form, title=f"Delete your membership of {name}?",
                           message="Your volunteer positions stay, in the association's committees.",
                           cancel_url=url_for(".index"))


@bp.route("/<int:membership_id>/positions/new", methods=["GET", "POST"])
def new_position(membership_id: int):
    """Record a volunteer position of mine in the association."""
    membership = get_membership(request_session(), membership_id, owner=current_owner())
    form = VolunteerForm()
    role = submit(form, lambda session: add_volunteer_position(
        session, membership.id, fields_from(form, VolunteerFields), owner=current_owner()))
    if role is not FAILED:
        flash(f"Volunteer position added: {role.title}, {role.group.name}.", "success")
        return redirect(url_for(".index"))
    return render_template("associations/position_form.html", form=form, membership=membership,
                           titles=ROLE_TITLE_SUGGESTIONS)
