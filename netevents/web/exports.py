"""The Export page: every download format plugins register, and the downloads."""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request, stream_with_context
from flask_login import current_user

from netevents.db import request_session
from netevents.services.exports import available_exporters, run_export

bp = Blueprint("exports", __name__, url_prefix="/export")


@bp.route("")
def index():
    """List the export formats."""
    return render_template("exports/index.html", exporters=available_exporters(request_session()))


@bp.route("/<name>")
def download(name: str):
    """Download the logged-in account's data in one format (``?confidential=leave-out``: without those notes)."""
    export = run_export(request_session(), name, owner=current_user,
                        leave_out_confidential=request.args.get("confidential") == "leave-out")
    # streamed: the request (and its database session) stays open until the last chunk is sent
    return Response(stream_with_context(export.chunks), mimetype=export.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{export.filename}"',
                             "Cache-Control": "no-store"})
