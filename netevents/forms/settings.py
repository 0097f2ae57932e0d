"""The account settings form: shape and field validation only."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange

from netevents.forms.events import options
from netevents.services.capture import MAX_FOLLOWUP_DAYS
from netevents.services.settings import timezone_names


class SettingsForm(FlaskForm):
    """Timezone and the quick-capture follow-up delay."""

    timezone = SelectField("Timezone", choices=options((name, name.replace("_", " ")) for name in timezone_names()))
    quick_capture_followup_days = IntegerField(
        "Follow up after a quick capture (days)",
        validators=[InputRequired("Enter a number of days."),
                    NumberRange(0, MAX_FOLLOWUP_DAYS, f"Between 0 and {MAX_FOLLOWUP_DAYS} days.")])
