"""Organization pages: list, type-ahead, detail with its people, create, edit and delete."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from netevents.db import request_session
from netevents.forms.confirm import ConfirmForm
from netevents.forms.organizations import OrganizationForm, organization_form_data
from netevents.services.organizations import (create_organization, delete_organization, get_organization,
                                              list_organizations, organization_names, update_organization)
from netevents.services.people_lists import list_people
from netevents.web.saving import save

bp = Blueprint("organizations", __name__, url_prefix="/organizations")


def _page_number() -> int:
    """The requested page (1 when missing or not a number)."""
    return request.args.get("page", 1, type=int)


@bp.get("/")
def index():
    """List the user's organizations by name, with how many people each has."""
    page = list_organizations(request_session(), owner=current_user, page=_page_number(),
                              per_page=current_app.config["PAGE_SIZE"])
    return render_template("organizations/index.html", page=page)


@bp.get("/suggest")
def suggest():
    """Type-ahead for organization fields: names of the user's organizations containing ``q``, as JSON."""
    names = organization_names(request_session(), request.args.get("q", "")[:200], owner=current_user)
    return jsonify(results=[{"label": name} for name in names])


@bp.route("/new", methods=["GET", "POST"])
def create():
    """Add an organization."""
    form = OrganizationForm()
    if form.validate_on_submit():
        organization = save(form, lambda: create_organization(request_session(), form.to_fields(),
                                                              owner=current_user))
        if organization is not None:
            flash(f"Added {organization.name}.", "success")
            return redirect(url_for(".detail", organization_id=organization.id))
    return render_template("organizations/form.html", form=form, organization=None)


@bp.get("/<int:organization_id>")
def detail(organization_id: int):
    """Show an organization and a page of its people."""
    session = request_session()
    organization = get_organization(session, organization_id, owner=current_user)
    people = list_people(session, owner=current_user, organization_id=organization.id, page=_page_number(),
                         per_page=current_app.config["PAGE_SIZE"])
    return render_template("organizations/detail.html", organization=organization, people=people)


@bp.route("/<int:organization_id>/edit", methods=["GET", "POST"])
def edit(organization_id: int):
    """Change an organization's details."""
    organization = get_organization(request_session(), organization_id, owner=current_user)
    form = OrganizationForm(data=None if request.method == "POST" else organization_form_data(organization))
    if form.validate_on_submit():
        if save(form, lambda: update_organization(request_session(), organization.id, form.to_fields(),
                                                  owner=current_user)):
            flash(f"Saved {organization.name}.", "success")
            return redirect(url_for(".detail", organization_id=organization.id))
    return render_template("organizations/form.html", form=form, organization=organization)


@bp.route("/<int:organization_id>/delete", methods=["GET", "POST"])
def delete(organization_id: int):
    """Ask for confirmation, then delete an organization (only on POST); its people stay."""
    session = request_session()
    organization = get_organization(session, organization_id, owner=current_user)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = organization.name
        delete_organization(session, organization.id, owner=current_user)
        session.commit()
        flash(f"Deleted {name}. Its people are still in your network.", "success")
        return redirect(url_for(".index"))
    members = list_people(session, owner=current_user, organization_id=organization.id, per_page=1).total
    return render_template("organizations/delete.html", organization=organization, form=form, members=members)
