"""Interaction pages: log, list, edit and delete interactions; favors and the reciprocity page."""
from __future__ import annotations

from datetime import date, datetime

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from netevents.dates import day_label
from netevents.db import request_session
from netevents.errors import NotFound
from netevents.forms.interactions import InteractionFilterForm, InteractionForm
from netevents.services.clock import local_date, local_today
from netevents.services.favors import delete_favor, get_favor, reciprocity_page
from netevents.services.followups import open_followups_with
from netevents.services.interactions import (delete_interaction, get_interaction, list_interactions, log_interaction,
                                             update_interaction)
from netevents.services.suggestions import has_people
from netevents.web.form_actions import FAILED, current_owner, safe_next, submit
from netevents.web.people_picker import bind_people_pickers

bp = Blueprint("interactions", __name__, url_prefix="/interactions")
CHART_ROWS, CHART_ROW_HEIGHT, CHART_BAR_WIDTH = 15, 38, 290


@bp.app_template_filter("day")
def day_filter(value: date | datetime | None) -> str:
    """Show a date (or a moment, in the user's timezone) as e.g. 'Mon 3 Jun 2024'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local_date(value, current_owner())
    return day_label(value)


@bp.app_template_filter("due_in")
def due_in_filter(value: date) -> str:
    """Say how a due date relates to the user's today: 'today', 'in 3 days', '2 days overdue'."""
    days = (value - local_today(current_owner())).days
    if days == 0:
        return "today"
    if days > 0:
        return "tomorrow" if days == 1 else f"in {days} days"
    return "1 day overdue" if days == -1 else f"{-days} days overdue"


def _render_form(form: InteractionForm, interaction=None, offered=()):
    """The interaction form (with the open follow-ups ``offered`` to be marked done with it)."""
    return render_template("interactions/form.html", form=form, interaction=interaction, offered=offered,
                           back=safe_next(url_for(".index")),
                           has_people=has_people(request_session(), owner=current_owner()))


@bp.get("/")
def index():
    """The interaction list, newest first, filtered by person or channel."""
    filters = InteractionFilterForm(request.args)
    bind_people_pickers(filters)
    if request.args.get("person") and not filters.person.people:
        raise NotFound("No such person.")
    person_id = filters.person.data
    channel = filters.channel.data or None
    page = list_interactions(request_session(), owner=current_owner(), person_id=person_id, channel=channel,
                             page=request.args.get("page", 1, type=int), per_page=current_app.config["PAGE_SIZE"])
    return render_template("interactions/index.html", page=page, person_id=person_id, channel=channel,
                           filters=filters)


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Log an interaction with one or many people, optionally with a favor."""
    session = request_session()
    form = InteractionForm()
    if request.method == "GET":
        form.occurred_on.data = local_today(current_owner())
        form.person_ids.data = request.args.getlist("person", type=int)
        form.done_followup_ids.data = request.args.getlist("followup", type=int)
    bind_people_pickers(form)
    form.offer_favor_people()
    offered = _offered_followups(session, form)
    logged = submit(form, lambda _session: log_interaction(session, form.interaction_fields(), form.favor_fields(),
                                                           owner=current_owner(),
                                                           done_followup_ids=form.done_followup_ids.data or []))
    if logged is not FAILED:
        return _after_logging(session, logged, form)
    return _render_form(form, offered=offered)


def _offered_followups(session, form: InteractionForm) -> list:
    """Open follow-ups with the people chosen before the form opened, offered to be marked done with it."""
    if request.method == "POST" and not form.followups_offered.data:
        return []
    offered = open_followups_with(session, form.person_ids.data or [], owner=current_owner())
    if request.method == "GET" and offered:
        form.followups_offered.data = "1"  # rendered by hidden_tag: after saving, no second offer
        if not form.done_followup_ids.data:
            today = local_today(current_owner())
            form.done_followup_ids.data = [followup.id for followup in offered if followup.due_on <= today]
    return offered


def _after_logging(session, interaction, form: InteractionForm):
    """Say what was saved; offer to close the people's open follow-ups if the form did not already."""
    closed = len(form.done_followup_ids.data or [])
    flash("Interaction logged." + (f" Marked {closed} follow-up{'s' if closed > 1 else ''} done." if closed else ""),
          "success")
    back = safe_next(url_for(".index"))
    people = [person.id for person in interaction.people]
    if not form.followups_offered.data and open_followups_with(session, people, owner=current_owner(), limit=1):
        return redirect(url_for("followups.after_interaction", interaction_id=interaction.id, next=back))
    return redirect(back)


@bp.route("/<int:interaction_id>/edit", methods=["GET", "POST"])
def edit(interaction_id: int):
    """Change an interaction, remove its favors or add one."""
    session = request_session()
    interaction = get_interaction(session, interaction_id, owner=current_owner())
    form = InteractionForm(obj=interaction)
    if request.method == "GET":
        form.person_ids.data = [person.id for person in interaction.people]
    bind_people_pickers(form)
    form.offer_favor_people()
    if submit(form, lambda _session: update_interaction(session, interaction.id, form.interaction_fields(),
                                                        form.favor_fields(), owner=current_owner())) is not FAILED:
        flash("Interaction saved.", "success")
        return redirect(safe_next(url_for(".index")))
    return _render_form(form, interaction)


@bp.route("/<int:interaction_id>/delete", methods=["GET", "POST"])
def delete(interaction_id: int):
    """Confirm, then delete an interaction and its favors."""
    session = request_session()
    interaction = get_interaction(session, interaction_id, owner=current_owner())
    if request.method == "POST":
        delete_interaction(session, interaction.id, owner=current_owner())
        session.commit()
        flash("Interaction deleted.", "success")
        return redirect(url_for(".index"))
    return render_template("interactions/delete.html", interaction=interaction)


@bp.route("/favors/<int:favor_id>/delete", methods=["GET", "POST"])
def delete_favor_view(favor_id: int):
    """Confirm, then delete one favor from the history."""
    session = request_session()
    favor = get_favor(session, favor_id, owner=current_owner())
    if request.method == "POST":
        delete_favor(session, favor.id, owner=current_owner())
        session.commit()
        flash("Favor deleted.", "success")
        return redirect(safe_next(url_for(".reciprocity")))
    return render_template("interactions/favor_delete.html", favor=favor, next=safe_next(""))


def balance_chart(rows) -> dict:
    """Geometry of a horizontal bar chart of favor balances (one bar per person)."""
    shown = rows[:CHART_ROWS]
    largest = max((abs(row.balance) for row in shown), default=1)
    bars = [{"label": row.person.display_name, "value": row.balance, "y": index * CHART_ROW_HEIGHT,
             "width": max(4, round(abs(row.balance) / largest * CHART_BAR_WIDTH))} for index, row in enumerate(shown)]
    return {"bars": bars, "height": 8 + len(bars) * CHART_ROW_HEIGHT}


@bp.get("/reciprocity")
def reciprocity():
    """Where you have taken more than you gave: people by how many more favors you received."""
    rows = reciprocity_page(request_session(), owner=current_owner(), page=request.args.get("page", 1, type=int),
                            per_page=current_app.config["PAGE_SIZE"])
    return render_template("interactions/reciprocity.html", rows=rows, chart=balance_chart(rows.items))
