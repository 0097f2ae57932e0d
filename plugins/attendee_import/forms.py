"""The plugin's forms: upload, confirm, triage."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, FileSize
from netevents_plugins.attendee_import.reading import MAX_BYTES
from netevents_plugins.attendee_import.sources import format_choices
from wtforms import BooleanField, DateField, HiddenField, IntegerField, SelectChoice, SelectField, StringField
from wtforms.validators import NumberRange, Optional

MAX_MB = MAX_BYTES // (1024 * 1024)


class UploadForm(FlaskForm):
    """A file, its format (recognised by default), the event the people attended and an optional tag."""

    file = FileField("Attendee list or contacts file (CSV, TXT or vCard)", validators=[
        FileRequired("Choose a file."), FileSize(MAX_BYTES, message=f"The file is larger than {MAX_MB} MB.")])
    format = SelectField("Format", choices=[SelectChoice(name, label) for name, label in format_choices()],
                         default="auto")
    event_id = SelectField("Event they attended", choices=[], default="", validate_choice=False)
    new_event = StringField("…or a new event named")
    tag = StringField("Tag everyone imported with (optional)")


class ConfirmForm(FlaskForm):
    """The previewed upload (by token) and the choices made before it, sent back to import it."""

    token = HiddenField()
    format = HiddenField()
    event_id = HiddenField()
    new_event = HiddenField()
    tag = HiddenField()
    accept_changes = BooleanField("Also apply the changes listed (new job titles, companies, emails…)")


class TriageForm(FlaskForm):
    """Whom of the attendees the user actually met, on which day, and whether to follow up."""

    met_on = DateField("Met on", validators=[Optional()])
    follow_up_in = IntegerField("Follow up in (days, empty for none)", validators=[Optional(), NumberRange(1, 365)])
    note = StringField("Follow-up note")
