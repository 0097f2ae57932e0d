"""Pages: upload → preview → import; an event's attendee triage; the printable briefing (login required)."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from netevents_plugins.attendee_import.applying import apply_plan
from netevents_plugins.attendee_import.briefing import briefing_for, known_count
from netevents_plugins.attendee_import.fields import FIELD_LABELS
from netevents_plugins.attendee_import.forms import ConfirmForm, TriageForm, UploadForm
from netevents_plugins.attendee_import.importing import event_named, preview_file
from netevents_plugins.attendee_import.jobs import DONE, JobState, Progress, create_job, get_job, job_state, \
    running_job_for
from netevents_plugins.attendee_import.mappings import save_mapping
from netevents_plugins.attendee_import.models import ImportJob
from netevents_plugins.attendee_import.planning import EXAMPLES
from netevents_plugins.attendee_import.progress import board_for
from netevents_plugins.attendee_import.sources import read_upload
from netevents_plugins.attendee_import.triage import attendees_page, record_met
from netevents_plugins.attendee_import.uploads import discard_upload, load_upload, save_upload, upload_name, \
    upload_people
from netevents_plugins.attendee_import.worker import launch
from wtforms import SelectChoice

from netevents.plugins.api import (
    DomainError,
    current_owner,
    get_event,
    list_events,
    local_today,
    request_session,
    utcnow,
)

bp = Blueprint("attendee_import", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static")
# imports of more people than this run as a background job with a progress page (config ATTENDEE_IMPORT_JOB_ROWS)
JOB_ROWS = 2_000


def _upload_form(session) -> UploadForm:
    """The upload form with the account's latest events to choose from."""
    form = UploadForm()
    events = list_events(session, owner=current_owner(), per_page=50).items
    form.event_id.choices = [SelectChoice("", "No event"),
                             *(SelectChoice(str(e.id), f"{e.name} ({e.starts_on:%d %b %Y})") for e in events)]
    return form


def _options(form) -> dict:
    """The reading options both forms carry."""
    return {"format_name": form.format.data or "auto", "tag": form.tag.data or None}


def _event_choice(form) -> str:
    """The newly named event, else the chosen one's id, else the empty string."""
    return (form.new_event.data or "").strip() or (form.event_id.data or "").strip()


def _event(session, form):
    """The chosen event, the newly named one, or None."""
    name = _event_choice(form)
    return event_named(session, name, owner=current_owner(), today=local_today(current_owner())) if name else None


@bp.route("/", methods=["GET", "POST"])
def upload():
    """Upload a file and see the preview: new, matched, changed, skipped and invalid, with reasons."""
    session = request_session()
    form = _upload_form(session)
    if not form.is_submitted() and request.args.get("event", "").isdigit():  # from an event page's link
        event = get_event(session, int(request.args["event"]), owner=current_owner())
        form.event_id.choices.insert(1, SelectChoice(str(event.id), event.name))
        form.event_id.data = str(event.id)
    if not form.validate_on_submit():
        return render_template("attendee_import/upload.html", form=form), 400 if form.is_submitted() else 200
    data, name = form.file.data.read(), form.file.data.filename or "upload"
    try:
        plan = preview_file(session, data, owner=current_owner(), file_name=name, **_options(form))
    except DomainError as error:
        form.file.errors = [error.message]
        return render_template("attendee_import/upload.html", form=form), error.status
    token = save_upload(current_app.config["DATA_DIR"], current_owner().id, data, name, len(plan.people))
    return _preview_page(plan, token, form)


def _preview_page(plan, token: str, options):
    """The preview with the confirm form carrying the token and the choices made before."""
    confirm = ConfirmForm(formdata=None, token=token, format=options.format.data, event_id=options.event_id.data,
                          new_event=options.new_event.data, tag=options.tag.data)
    return render_template("attendee_import/preview.html", plan=plan, form=confirm, examples=EXAMPLES,
                           fields=FIELD_LABELS)


def _expired():
    """Back to the upload form when the preview's form no longer holds (a lost token or CSRF)."""
    flash("The import form expired; upload the file again.", "error")
    return redirect(url_for("attendee_import.upload"))


@bp.route("/mapping", methods=["POST"])
def mapping():
    """Save which column holds what for this header row (remembered for the next such file), then preview."""
    session, owner = request_session(), current_owner()
    form = ConfirmForm()
    if not form.validate_on_submit():
        return _expired()
    try:
        data, name = load_upload(current_app.config["DATA_DIR"], owner.id, form.token.data)
        headers = read_upload(data, name).headers
        chosen = {header: request.form.get(f"column-{number}", "") for number, header in enumerate(headers)}
        save_mapping(session, headers, chosen, owner=owner)
        plan = preview_file(session, data, owner=owner, file_name=name, **_options(form))
        session.commit()
    except DomainError as error:
        session.rollback()
        flash(error.message, "error")
        return redirect(url_for("attendee_import.upload"))
    return _preview_page(plan, form.token.data, form)


@bp.route("/confirm", methods=["POST"])
def confirm():
    """Import a previewed upload, all or nothing: a large one as a background job with a progress page."""
    session, owner = request_session(), current_owner()
    form = ConfirmForm()
    if not form.validate_on_submit():
        return _expired()
    data_dir, token = current_app.config["DATA_DIR"], form.token.data
    people = upload_people(data_dir, owner.id, token)
    if people > current_app.config.get("ATTENDEE_IMPORT_JOB_ROWS", JOB_ROWS):
        return _start_job(session, owner, form, people)
    try:
        data, name = load_upload(data_dir, owner.id, token)
        plan = preview_file(session, data, owner=owner, file_name=name, **_options(form))
        result = apply_plan(session, plan, owner=owner, accept_changes=form.accept_changes.data,
                            event=_event(session, form))
        session.commit()
    except DomainError as error:
        session.rollback()
        flash(f"Nothing was imported: {error.message}", "error")
        return redirect(url_for("attendee_import.upload"))
    discard_upload(data_dir, owner.id, token)
    return _result_page(name, result.summary(), result.event_id)


def _start_job(session, owner, form, people: int):
    """Queue the import as a job (a second click finds the one already running) and show its progress page."""
    job = running_job_for(session, form.token.data, owner=owner)
    if job is None:
        options = {**_options(form), "event": _event_choice(form), "accept_changes": form.accept_changes.data}
        name = upload_name(current_app.config["DATA_DIR"], owner.id, form.token.data)
        job = create_job(session, owner=owner, token=form.token.data, file_name=name, total=people, options=options)
        session.commit()
        board_for(current_app).write(job.id, Progress("queued", 0, people, utcnow()))
        launch(current_app._get_current_object(), job.id)
    return redirect(url_for("attendee_import.job", job_id=job.id))


def _result_page(name: str, counts: dict, event_id: int | None):
    """The import's outcome: a message, then the event's triage (or the people list)."""
    flash(f"Imported {name}: {counts['created']} new, {counts['matched']} already known, {counts['updated']} "
          "updated.", "success")
    if event_id:
        return redirect(url_for("attendee_import.triage", event_id=event_id))
    return redirect(url_for("people.index"))


def _job_state(session, job_id: int) -> tuple[ImportJob, JobState]:
    """The owner's job as its page shows it (404 for anybody else's)."""
    job = get_job(session, job_id, owner=current_owner())
    return job, job_state(job, board_for(current_app).read(job), utcnow())


@bp.route("/jobs/<int:job_id>")
def job(job_id: int):
    """A background import's progress page (refreshing itself), then its result, or why it failed."""
    job, state = _job_state(request_session(), job_id)
    if state.status == DONE:
        return _result_page(job.file_name, state.result, state.result.get("event_id"))
    return render_template("attendee_import/job.html", job=job, state=state)


@bp.route("/jobs/<int:job_id>/status")
def job_status(job_id: int):
    """A background import's progress as JSON, for the progress page's script."""
    job, state = _job_state(request_session(), job_id)
    return {"status": state.status, "phase": state.phase, "phase_label": state.phase_label, "done": state.done,
            "total": state.total, "percent": state.percent, "error": state.error,
            "url": url_for("attendee_import.job", job_id=job.id)}


def _page_number() -> int:
    """The page asked for in the query string (1 when missing or not a number)."""
    return request.args.get("page", 1, type=int)


@bp.route("/events/<int:event_id>/triage", methods=["GET", "POST"])
def triage(event_id: int):
    """Tick whom of the event's attendees you actually met: encounters (and follow-ups) in one step."""
    session, owner = request_session(), current_owner()
    event = get_event(session, event_id, owner=owner)
    form = TriageForm()
    if form.validate_on_submit():
        days = form.follow_up_in.data
        follow_up_on = local_today(owner) + timedelta(days=days) if days else None
        try:
            ids = [int(value) for value in request.form.getlist("person_id") if value.isdigit()]
            count = record_met(session, event, ids, owner=owner, met_on=form.met_on.data,
                               follow_up_on=follow_up_on, note=form.note.data or "")
            session.commit()
        except DomainError as error:
            session.rollback()
            flash(error.message, "error")
        else:
            flash(f"Recorded meeting {count} {'person' if count == 1 else 'people'} at {event.name}.", "success")
            page = _page_number() if _page_number() > 1 else None
            return redirect(url_for("attendee_import.triage", event_id=event.id, page=page))
    elif not form.is_submitted():
        form.met_on.data = event.starts_on
    status = 400 if form.is_submitted() else 200
    return render_template("attendee_import/triage.html", event=event, form=form,
                           attendees=attendees_page(session, event, owner=owner, page=_page_number())), status


@bp.route("/events/<int:event_id>/briefing")
def briefing(event_id: int):
    """The printable pre-event briefing: who you already know among the attendees."""
    session, owner = request_session(), current_owner()
    event = get_event(session, event_id, owner=owner)
    return render_template("attendee_import/briefing.html", event=event,
                           briefing=briefing_for(session, event, owner=owner),
                           known=known_count(session, event, owner=owner))
