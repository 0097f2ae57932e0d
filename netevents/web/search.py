"""The one search page: everything that matches, grouped by kind, with a page of more for each kind."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from netevents.db import request_session
from netevents.services.search_everything import KIND_LABELS, KINDS, search_everything
from netevents.web.form_actions import current_owner

bp = Blueprint("search", __name__, url_prefix="/search")
PER_KIND = 5
QUERY_LIMIT = 200


@bp.get("")
def index():
    """Search people, organizations, events, interactions, encounters, follow-ups and groups at once."""
    query = request.args.get("q", "")[:QUERY_LIMIT]
    kind = request.args.get("kind") if request.args.get("kind") in KINDS else None
    page_number = max(1, request.args.get("page", 1, type=int))
    size = int(current_app.config["PAGE_SIZE"]) if kind else PER_KIND
    results = search_everything(request_session(), query, owner=current_owner(), per_kind=size, kind=kind,
                                offset=(page_number - 1) * size)
    return render_template("search/index.html", results=results, query=query, kind=kind, labels=KIND_LABELS,
                           page_number=page_number)
