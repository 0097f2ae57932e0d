"""Forms for follow-ups, snoozing and stay-in-touch cadences."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from netevents.forms.people_picker import PeoplePickerField

from netevents.services.validation import MAX_CADENCE_DAYS, MIN_CADENCE_DAYS
from netevents.services.followups import MAX_SNOOZE_DAYS, NOTE_LIMIT


class FollowUpForm(FlaskForm):
    """A follow-up: who, by when, and what about."""

    person_id = PeoplePickerField("Person", multiple=False, required="Choose a person.")
    due_on = DateField("Due", validators=[InputRequired("Enter a date.")])
    note = TextAreaField("Note", validators=[Length(max=NOTE_LIMIT)])
    next = HiddenField()


class BatchDoneForm(FlaskForm):
    """Several follow-ups to mark done at once (the service checks how many and whose)."""

    followup_ids = SelectMultipleField("Follow-ups", coerce=int, validate_choice=False,
                                       validators=[DataRequired("Tick the follow-ups to mark done.")])
    next = HiddenField()


class FollowUpEditForm(FlaskForm):
    """Change a follow-up's due date and note."""

    due_on = DateField("Due", validators=[InputRequired("Enter a date.")])
    note = TextAreaField("Note", validators=[Length(max=NOTE_LIMIT)])
    next = HiddenField()


class SnoozeForm(FlaskForm):
    """Snooze by a number of days or to a date."""

    days = IntegerField("Days", validators=[Optional(), NumberRange(1, MAX_SNOOZE_DAYS)])
    until = DateField("Snooze until", validators=[Optional()])
    next = HiddenField()


class CadenceForm(FlaskForm):
    """A stay-in-touch cadence in days; empty clears it."""

    cadence_days = IntegerField("Every how many days", validators=[Optional(), NumberRange(
        MIN_CADENCE_DAYS, MAX_CADENCE_DAYS, f"Between {MIN_CADENCE_DAYS} and {MAX_CADENCE_DAYS} days, or empty.")])
    next = HiddenField()
