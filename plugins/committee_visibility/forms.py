"""The plugin's forms: shape and field validation only; ownership and meaning are checked by the services."""
from __future__ import annotations

from flask_wtf import FlaskForm
from netevents_plugins.committee_visibility.gaps import DEFAULT_GAP_DAYS
from netevents_plugins.committee_visibility.models import DETAILS_LENGTH, WHAT_LENGTH, ContributionKind, LeaderLevel
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange


def optional_id(value) -> int | None:
    """A record id from a select, None for the blank choice."""
    return None if value in (None, "", "None") else int(value)


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


class MomentForm(FlaskForm):
    """One visibility moment: when, what, where, and which leaders saw it."""

    occurred_on = DateField("When", validators=[InputRequired(message="Choose a date.")])
    kind = SelectField("Contribution", choices=[SelectChoice(kind.value, kind.label) for kind in ContributionKind])
    what = StringField("What", validators=[DataRequired(message="Say what you contributed."),
                                           Length(max=WHAT_LENGTH)])
    details = TextAreaField("Details", validators=[Length(max=DETAILS_LENGTH)])
    event_id = SelectField("At the event", coerce=optional_id, validate_choice=False)
    group_id = SelectField("In the group", coerce=optional_id, validate_choice=False)
    present = SelectMultipleField("Leaders present", coerce=int, validate_choice=False)
    told = SelectMultipleField("Told afterwards", coerce=int, validate_choice=False)
    next = HiddenField()


class LeaderForm(FlaskForm):
    """Mark a person as a leader."""

    level = SelectField("Level", choices=[SelectChoice(level.value, level.label) for level in LeaderLevel])
    organization = StringField("Of the organization", validators=[Length(max=200)])
    next = HiddenField()


class ActionForm(FlaskForm):
    """A button that changes one thing (CSRF only)."""

    next = HiddenField()


def _days(label: str) -> IntegerField:
    """A number of days between 1 and 3650."""
    return IntegerField(label, validators=[InputRequired(), NumberRange(min=1, max=3650)])


class SettingsForm(FlaskForm):
    """How long each level of leader may go without seeing your work before it is a gap."""

    days_team_lead = _days("Team leads: days without seeing your work")
    days_manager = _days("Managers: days")
    days_director = _days("Directors: days")
    days_executive = _days("Executives: days")
    days_group = _days("Internal groups: days without a contribution")


SETTINGS_DEFAULTS = {f"days_{key}": value for key, value in DEFAULT_GAP_DAYS.items()}
