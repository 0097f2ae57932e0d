"""Your network outside the office: download everything (a full backup) and restore a backup file."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for

from netevents.forms.backup import MAX_BACKUP_BYTES, DownloadForm, RestoreForm
from netevents.services.backup import backup_file
from netevents.services.backup_restore import restore_file
from netevents.web.form_actions import FAILED, current_owner, submit

bp = Blueprint("backups", __name__, url_prefix="/settings/backup")


def _page(download: DownloadForm, upload: RestoreForm, status: int = 200):
    """The backup page with both forms."""
    return render_template("backups/index.html", download=download, upload=upload), status


@bp.get("")
def index():
    """Offer the full download and the restore."""
    return _page(DownloadForm(), RestoreForm())


@bp.post("/download")
def download():
    """Send the account's whole network as one backup file (encrypted when a passphrase is given)."""
    form = DownloadForm()
    made = submit(form, lambda session: backup_file(
        session, owner=current_owner(), data_dir=current_app.config["DATA_DIR"],
        leave_out_confidential=form.leave_out_confidential.data, passphrase=form.passphrase.data or None))
    if made is FAILED:
        return _page(form, RestoreForm(), 400)
    filename, content = made
    media_type = "application/octet-stream" if filename.endswith(".age") else "application/json"
    return Response(content, mimetype=media_type, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@bp.post("/restore")
def restore():
    """Restore an uploaded backup into the account: checked whole first, then all or nothing."""
    request.max_content_length = MAX_BACKUP_BYTES  # larger uploads get the 413 page, unread
    form = RestoreForm()
    raw = form.file.data.read() if form.file.data else b""
    report = submit(form, lambda session: restore_file(
        session, raw, owner=current_owner(), data_dir=current_app.config["DATA_DIR"],
        passphrase=form.passphrase.data or None))
    if report is FAILED:
        return _page(DownloadForm(), form, 400)
    flash(report.summary(), "success")
    return redirect(url_for("backups.index"))
