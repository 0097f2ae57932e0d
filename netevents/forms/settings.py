"""The account settings form and the time zone field the setup form shares: shape and field validation only."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange, ValidationError

from netevents.forms.events import options
from netevents.services.capture import MAX_FOLLOWUP_DAYS
from netevents.services.clock import listed_timezones, timezone_names


class TimezoneField(SelectField):
    """An IANA time zone: the tidy list to choose from, any name zoneinfo knows accepted (a browser may say
    Asia/Calcutta); the page's script presets it from the browser when the form is new."""

    def __init__(self, label="Time zone", validators=None, **kwargs):
        super().__init__(label, validators, choices=self._choices, default="UTC", validate_choice=False,
                         render_kw={"data-timezone": "", "autocomplete": "off"}, **kwargs)

    def _choices(self):
        """The listed zones, plus the current value when it is a legacy alias."""
        listed = listed_timezones()
        extra = [self.data] if self.data in timezone_names() and self.data not in listed else []
        return options((name, name.replace("_", " ")) for name in (*extra, *listed))

    def pre_validate(self, form) -> None:
        """Refuse names zoneinfo does not know."""
        if self.data not in timezone_names():
            raise ValidationError("Choose a time zone from the list, e.g. Europe/Paris.")


class SettingsForm(FlaskForm):
    """Time zone and the quick-capture follow-up delay."""

    timezone = TimezoneField()
    quick_capture_followup_days = IntegerField(
        "Follow up after a quick capture (days)",
        validators=[InputRequired("Enter a number of days."),
                    NumberRange(0, MAX_FOLLOWUP_DAYS, f"Between 0 and {MAX_FOLLOWUP_DAYS} days.")])
